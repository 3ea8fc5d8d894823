//! Customer statuses on a real file: the initial status for every new
//! customer, exactly one initial, delete only with a replacement, order.

mod common;

use common::salon;
use salondesk::domain::{Customer, CustomerStatus};
use salondesk::store::StoreError;

fn names(s: &salondesk::store::Store) -> Vec<String> {
    s.statuses().unwrap().into_iter().map(|s| s.name).collect()
}

#[test]
fn a_new_salon_has_the_four_default_statuses_with_regular_initial() {
    let s = salon();
    let statuses = s.store.statuses().unwrap();
    assert_eq!(names(&s.store), ["Regular", "VIP", "Unreliable", "Blocked"]);
    assert!(statuses[0].is_initial && statuses.iter().filter(|s| s.is_initial).count() == 1);
    assert!(statuses[2].deposit_required, "Unreliable must pay a deposit");
    assert!(!statuses[3].may_self_book, "Blocked may not book themselves");
}

#[test]
fn every_new_customer_gets_the_initial_status_from_desk_or_raw_sql() {
    let mut s = salon();
    let vip = s.store.statuses().unwrap()[1].clone();
    s.store.save_status(&CustomerStatus { is_initial: true, ..vip.clone() }).unwrap();
    let at_desk = s.store.save_customer(&Customer { first_name: "Ada".into(), ..Default::default() }).unwrap();
    assert_eq!(s.store.customer(at_desk).unwrap().status_id, Some(vip.id));
    // Another process (the kiosk) writing its own SQL gets it too.
    let kiosk = rusqlite::Connection::open(s.path()).unwrap();
    kiosk.execute("INSERT INTO customers (first_name, created_at) VALUES ('Kim', 0)", []).unwrap();
    let kim = kiosk.last_insert_rowid();
    assert_eq!(s.store.customer(kim).unwrap().status_id, Some(vip.id));
    // Saving a card does not change a status that was given.
    let mut ada = s.store.customer(at_desk).unwrap();
    ada.status_id = None;
    ada.notes = "likes tea".into();
    s.store.save_customer(&ada).unwrap();
    assert_eq!(s.store.customer(at_desk).unwrap().status_id, Some(vip.id));
}

#[test]
fn exactly_one_status_is_initial() {
    let mut s = salon();
    let statuses = s.store.statuses().unwrap();
    s.store.save_status(&CustomerStatus { is_initial: true, ..statuses[2].clone() }).unwrap();
    let now = s.store.statuses().unwrap();
    assert_eq!(now.iter().filter(|s| s.is_initial).map(|s| s.id).collect::<Vec<_>>(), [statuses[2].id]);
    // Taking the mark away without giving it to another is refused, even in raw SQL.
    let result = s.store.save_status(&CustomerStatus { is_initial: false, ..now[2].clone() });
    assert_eq!(result, Err(StoreError::NoInitialStatus));
    let raw = common::raw(&s.store).execute("DELETE FROM initial_status", []);
    assert!(raw.unwrap_err().to_string().contains("no-initial-status"));
    let raw = common::raw(&s.store).execute("UPDATE initial_status SET status_id = NULL", []);
    assert!(raw.is_err(), "never none");
}

#[test]
fn a_status_in_use_is_deleted_only_with_a_replacement() {
    let mut s = salon();
    let statuses = s.store.statuses().unwrap();
    let (regular, unreliable) = (statuses[0].id, statuses[2].id);
    let bo = s.store.save_customer(&Customer { first_name: "Bo".into(), ..Default::default() }).unwrap();
    s.store.set_customer_status(bo, unreliable).unwrap();
    let raw = common::raw(&s.store).execute("DELETE FROM customer_statuses WHERE id = ?1", [unreliable]);
    assert!(raw.unwrap_err().to_string().contains("status-in-use"), "the database refuses");
    s.store.delete_status(unreliable, regular).unwrap();
    assert_eq!(s.store.customer(bo).unwrap().status_id, Some(regular), "moved to the replacement");
    assert_eq!(names(&s.store), ["Regular", "VIP", "Blocked"]);
    assert_eq!(s.store.delete_status(regular, statuses[1].id), Err(StoreError::StatusInUse), "the initial one stays");
}

#[test]
fn statuses_keep_the_order_the_salon_gives_them() {
    let mut s = salon();
    let blocked = s.store.statuses().unwrap()[3].id;
    s.store.move_status(blocked, -1).unwrap();
    assert_eq!(names(&s.store), ["Regular", "VIP", "Blocked", "Unreliable"]);
    s.store.move_status(blocked, -5).unwrap();
    assert_eq!(names(&s.store), ["Blocked", "Regular", "VIP", "Unreliable"]);
    let new = CustomerStatus {
        name: "Student".into(),
        colour: "#336699".into(),
        may_self_book: true,
        bookable_services: vec![1],
        ..Default::default()
    };
    let id = s.store.save_status(&new).unwrap();
    let saved = s.store.statuses().unwrap().into_iter().last().unwrap();
    assert_eq!((saved.id, saved.bookable_services), (id, vec![1]), "a new status comes last, with its services");
}

#[test]
fn default_statuses_are_named_in_the_salons_language() {
    let s = common::demo_salon(salondesk::domain::Language::De);
    assert_eq!(names(&s.store), ["Stammkunde", "VIP", "Unzuverlässig", "Gesperrt"]);
    // The demo gives repeat no-show customers the unreliable status.
    let unreliable: i64 = common::raw(&s.store)
        .query_row("SELECT count(*) FROM customers WHERE status_id = 3", [], |r| r.get(0))
        .unwrap();
    assert!(unreliable > 0);
}

mod rules {
    use super::common::salon;
    use chrono::{Duration, TimeZone, Utc};
    use salondesk::domain::status_rules::StatusRule;
    use salondesk::domain::{AppointmentState, Customer, Source};
    use salondesk::store::{NewAppointment, Store};

    fn no_show(store: &mut Store, customer: i64, days_ago: i64) {
        let start = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap() - Duration::days(days_ago);
        let id = store
            .book(&NewAppointment {
                staff_id: 1,
                service_id: 1,
                customer_id: Some(customer),
                walk_in_name: String::new(),
                start,
                minutes: 30,
                price_cents: 0,
                deposit_cents: 0,
                source: Source::Desk,
            })
            .unwrap();
        store.set_state(id, AppointmentState::NoShow, "Forgot").unwrap();
    }

    #[test]
    fn an_assigning_rule_gives_the_status_and_records_why() {
        let mut s = salon();
        let statuses = s.store.statuses().unwrap();
        let unreliable = statuses.iter().find(|x| x.name == "Unreliable").unwrap().id;
        s.store
            .save_status_rule(&StatusRule { id: 0, no_shows: 2, months: 6, status_id: unreliable, assign: true })
            .unwrap();
        let bo = s.store.save_customer(&Customer { first_name: "Bo".into(), ..Default::default() }).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        no_show(&mut s.store, bo, 300);
        no_show(&mut s.store, bo, 10);
        assert_eq!(s.store.check_status_rules(bo, now).unwrap(), None, "300 days ago is outside six months");
        no_show(&mut s.store, bo, 3);
        let outcome = s.store.check_status_rules(bo, now).unwrap().expect("the rule acts");
        assert!(outcome.assigned);
        assert_eq!(s.store.customer(bo).unwrap().status_id, Some(unreliable));
        let history = s.store.status_history(bo).unwrap();
        assert_eq!(
            (history[0].from.as_str(), history[0].to.as_str(), history[0].reason.as_str()),
            ("Regular", "Unreliable", "rule:2:6")
        );
        assert_eq!(s.store.check_status_rules(bo, now).unwrap(), None, "already unreliable: nothing more");
    }

    #[test]
    fn a_suggesting_rule_changes_nothing_until_the_desk_agrees() {
        let mut s = salon();
        let blocked = s.store.statuses().unwrap().iter().find(|x| x.name == "Blocked").unwrap().id;
        s.store
            .save_status_rule(&StatusRule { id: 0, no_shows: 1, months: 12, status_id: blocked, assign: false })
            .unwrap();
        let kim = s.store.save_customer(&Customer { first_name: "Kim".into(), ..Default::default() }).unwrap();
        no_show(&mut s.store, kim, 1);
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        let outcome = s.store.check_status_rules(kim, now).unwrap().unwrap();
        assert!(!outcome.assigned);
        assert_ne!(s.store.customer(kim).unwrap().status_id, Some(blocked));
        s.store.assign_status(kim, outcome.status_id, &outcome.reason()).unwrap();
        assert_eq!(s.store.customer(kim).unwrap().status_id, Some(blocked));
        // A change on the card is recorded too.
        let mut card = s.store.customer(kim).unwrap();
        card.status_id = Some(s.store.statuses().unwrap()[0].id);
        s.store.save_customer(&card).unwrap();
        let reasons: Vec<String> = s.store.status_history(kim).unwrap().into_iter().map(|h| h.reason).collect();
        assert_eq!(reasons, ["desk", "rule:1:12"]);
    }
}
