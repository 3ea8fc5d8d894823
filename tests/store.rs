//! The store on real SQLite files: migrations, the overlap rule enforced by
//! the database itself, states, history, time zones, search, bad files.

mod common;

use chrono::{Duration, NaiveDate, NaiveTime};
use common::{salon, today};
use salondesk::domain::clock;
use salondesk::domain::{AppointmentState, Customer, Source};
use salondesk::store::{NewAppointment, Store, StoreError};

fn booking(staff_id: i64, start: clock::Instant, minutes: u32) -> NewAppointment {
    NewAppointment {
        staff_id,
        service_id: 1,
        customer_id: None,
        walk_in_name: "Walk-in Wanda".into(),
        start,
        minutes,
        price_cents: 3200,
        deposit_cents: 0,
        source: Source::Desk,
    }
}

fn at(date: NaiveDate, h: u32, m: u32) -> clock::Instant {
    clock::local_to_utc(chrono_tz::Europe::Berlin, date, h * 60 + m)
}

#[test]
fn a_new_file_gets_the_whole_schema_and_reopens() {
    let s = salon();
    let version: i64 = common::raw(&s.store).query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, salondesk::store::SCHEMA_VERSION);
    let mode: String = common::raw(&s.store).query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let path = s.path();
    drop(s.store);
    let again = Store::open(&path, "desk").unwrap();
    assert_eq!(again.staff().unwrap().len(), 2, "what was saved is still there");
    again.check_integrity().unwrap();
}

#[test]
fn the_database_refuses_an_overlap_even_from_raw_sql() {
    let mut s = salon();
    s.store.book(&booking(1, at(today(), 10, 0), 60)).unwrap();
    // Through the API: refused with the overlap error.
    assert_eq!(s.store.book(&booking(1, at(today(), 10, 30), 30)), Err(StoreError::Overlap));
    // Touching the end is fine; another staff member at the same time is fine.
    s.store.book(&booking(1, at(today(), 11, 0), 30)).unwrap();
    s.store.book(&booking(2, at(today(), 10, 0), 60)).unwrap();
    // A second connection writing raw SQL, as another process would.
    let other = rusqlite::Connection::open(s.path()).unwrap();
    let start = at(today(), 9, 45).timestamp();
    let err = other
        .execute(
            "INSERT INTO appointments (staff_id, service_id, walk_in_name, starts_at, ends_at, created_by, created_at, changed_by)
             VALUES (1, 1, 'Sneaky', ?1, ?2, 'raw', 0, 'raw')",
            [start, start + 30 * 60],
        )
        .unwrap_err();
    assert!(err.to_string().contains("salondesk:overlap"), "{err}");
    // Moving an appointment onto another one is refused too.
    let moving = s.store.book(&booking(1, at(today(), 15, 0), 30)).unwrap();
    let onto = booking(1, at(today(), 10, 15), 30);
    assert_eq!(s.store.change_appointment(moving, &onto), Err(StoreError::Overlap));
    let a = s.store.appointment(moving).unwrap();
    assert_eq!(a.slot.start, at(today(), 15, 0), "a refused move leaves it where it was");
}

#[test]
fn no_show_and_cancel_free_the_slot_but_stay_visible() {
    let mut s = salon();
    let first = s.store.book(&booking(1, at(today(), 10, 0), 30)).unwrap();
    s.store.set_state(first, AppointmentState::NoShow, "Forgot").unwrap();
    let second = s.store.book(&booking(1, at(today(), 10, 0), 30)).unwrap();
    s.store.set_state(second, AppointmentState::Cancelled, "Ill").unwrap();
    let third = s.store.book(&booking(1, at(today(), 10, 0), 30)).unwrap();
    let day = s.store.appointments_on_days(chrono_tz::Europe::Berlin, today(), 1).unwrap();
    assert_eq!(day.len(), 3, "the no-show and the cancelled one are still shown");
    let no_show = day.iter().find(|a| a.id == first).unwrap();
    assert_eq!((no_show.state, no_show.reason.as_str()), (AppointmentState::NoShow, "Forgot"));
    // Undoing the mistaken no-show would now clash with the new booking.
    assert_eq!(s.store.set_state(first, AppointmentState::Booked, ""), Err(StoreError::Overlap));
    s.store.set_state(third, AppointmentState::Cancelled, "Moved").unwrap();
    s.store.set_state(first, AppointmentState::Booked, "").unwrap();
    assert_eq!(s.store.appointment(first).unwrap().reason, "", "an undo clears the reason");
}

#[test]
fn every_change_is_in_the_history_with_who_did_it() {
    let mut s = salon();
    let id = s.store.book(&booking(1, at(today(), 10, 0), 30)).unwrap();
    s.store.change_appointment(id, &booking(2, at(today(), 11, 0), 30)).unwrap();
    s.store.set_state(id, AppointmentState::NoShow, "Not reachable").unwrap();
    let history = s.store.history(id).unwrap();
    let what: Vec<&str> = history.iter().map(|h| h.what.as_str()).collect();
    let shown = s.store.appointment(id).unwrap();
    assert_eq!((shown.service_name.as_str(), shown.service_colour.as_str()), ("Cut", "#c98b9a"), "named service");
    assert_eq!(what, ["created", "moved", "state"]);
    assert!(history.iter().all(|h| h.by == "desk"));
    assert_eq!(history[2].new_value.as_deref(), Some("no_show: Not reachable"));
    // And nobody deletes an appointment, not even with raw SQL: not by
    // DELETE, not by REPLACE INTO, and no flag in a table lets one through.
    let raw = common::raw(&s.store);
    assert!(raw.execute("DELETE FROM appointments WHERE id = ?1", [id]).is_err());
    let replaced = raw
        .execute(
            "REPLACE INTO appointments (id, staff_id, service_id, walk_in_name, starts_at, ends_at, state, created_by, created_at, changed_by)
             VALUES (?1, 1, 1, 'Someone else', 0, 1800, 'cancelled', 'raw', 0, 'raw')",
            [id],
        )
        .unwrap_err();
    assert!(replaced.to_string().contains("appointment-delete"), "{replaced}");
    assert!(
        raw.execute("INSERT INTO store_flags (name, value) VALUES ('allow_reset', 1)", []).is_err(),
        "no such flag"
    );
    assert!(raw.execute("DELETE FROM appointments WHERE id = ?1", [id]).is_err());
    assert_eq!(s.store.appointment(id).unwrap().state, AppointmentState::NoShow, "still there, as it was");
}

#[test]
fn a_time_written_as_text_by_another_program_cannot_slip_past_the_overlap_rule() {
    let mut s = salon();
    let start = at(today(), 10, 0);
    s.store.book(&booking(1, start, 60)).unwrap();
    let raw = common::raw(&s.store);
    let insert = |starts: &dyn rusqlite::ToSql, ends: &dyn rusqlite::ToSql| {
        raw.execute(
            "INSERT INTO appointments (staff_id, service_id, walk_in_name, starts_at, ends_at, state, created_by, created_at, changed_by)
             VALUES (1, 1, 'Text time', ?1, ?2, 'booked', 'raw', 0, 'raw')",
            rusqlite::params![starts, ends],
        )
    };
    // The same hour as text: would sort after every number and pass.
    let as_text = insert(&"10:00 today", &"11:00 today").unwrap_err();
    assert!(as_text.to_string().contains("appointment-time"), "{as_text}");
    let as_real = insert(&(start.timestamp() as f64 + 0.5), &(start.timestamp() as f64 + 1800.5)).unwrap_err();
    assert!(as_real.to_string().contains("appointment-time"), "{as_real}");
    // As whole seconds it is checked, and refused for the overlap.
    let overlap = insert(&(start.timestamp() + 900), &(start.timestamp() + 2700)).unwrap_err();
    assert!(overlap.to_string().contains("overlap"), "{overlap}");
    let moved = raw.execute("UPDATE appointments SET starts_at = 'soon' WHERE id = 1", []).unwrap_err();
    assert!(moved.to_string().contains("appointment-time"));
}

#[test]
fn ten_oclock_stays_ten_oclock_across_dst_in_berlin_and_oslo() {
    for zone in [chrono_tz::Europe::Berlin, chrono_tz::Europe::Oslo] {
        let mut s = salon();
        let mut salon_settings = s.store.salon().unwrap();
        salon_settings.time_zone = zone;
        s.store.save_salon(&salon_settings).unwrap();
        let days = [(2026, 3, 27), (2026, 3, 30), (2026, 10, 23), (2026, 10, 26)];
        for (y, m, d) in days {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            s.store.book(&booking(1, clock::local_to_utc(zone, date, 600), 30)).unwrap();
        }
        let tz = s.store.salon().unwrap().time_zone;
        for (y, m, d) in days {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let found = s.store.appointments_on_days(tz, date, 1).unwrap();
            assert_eq!(found.len(), 1, "{zone} {date}");
            let local = clock::to_local(tz, found[0].slot.start);
            assert_eq!(local.time(), NaiveTime::from_hms_opt(10, 0, 0).unwrap(), "{zone} {date}");
        }
    }
}

#[test]
fn next_free_slot_is_offered_after_a_clash() {
    let mut s = salon();
    s.store.book(&booking(1, at(today(), 9, 0), 60)).unwrap();
    s.store.book(&booking(1, at(today(), 10, 0), 30)).unwrap();
    let next = s.store.next_free_start(chrono_tz::Europe::Berlin, 1, 30, at(today(), 9, 30), None).unwrap();
    assert_eq!(next, Some(at(today(), 10, 30)));
    // Before lunch there is no room for 90 minutes at 12:00; after lunch there is.
    let long = s.store.next_free_start(chrono_tz::Europe::Berlin, 1, 90, at(today(), 12, 0), None).unwrap();
    assert_eq!(long, Some(at(today(), 13, 30)));
    // Sunday is a day off: the next slot is on Monday morning.
    let sunday = today() + Duration::days(6);
    let monday = s.store.next_free_start(chrono_tz::Europe::Berlin, 1, 30, at(sunday, 10, 0), None).unwrap();
    assert_eq!(monday, Some(at(sunday + Duration::days(1), 9, 0)));
}

#[test]
fn customers_are_found_by_name_phone_and_email_without_accents() {
    let mut s = salon();
    let soren = s
        .store
        .save_customer(&Customer {
            first_name: "Søren".into(),
            last_name: "Ødegård".into(),
            phone: "+47 912 34 567".into(),
            email: "soren@example.no".into(),
            ..Default::default()
        })
        .unwrap();
    s.store
        .save_customer(&Customer {
            first_name: "Jürgen".into(),
            last_name: "Weiß".into(),
            phone: "0151 2345678".into(),
            ..Default::default()
        })
        .unwrap();
    fn names_in(store: &Store, q: &str) -> Vec<String> {
        store.search_customers(q, 10).unwrap().into_iter().map(|h| h.name).collect()
    }
    let names = |q: &str| names_in(&s.store, q);
    assert_eq!(names("soren"), ["Søren Ødegård"]);
    assert_eq!(names("ODEG"), ["Søren Ødegård"]);
    assert_eq!(names("912 34"), ["Søren Ødegård"]);
    assert_eq!(names("+4791"), ["Søren Ødegård"]);
    assert_eq!(names("soren@exa"), ["Søren Ødegård"]);
    assert_eq!(names("jurgen weiss"), ["Jürgen Weiß"]);
    assert_eq!(names("01512"), ["Jürgen Weiß"]);
    assert!(names("xyz").is_empty());
    // Renaming updates the search index.
    let mut c = s.store.customer(soren).unwrap();
    c.first_name = "Sören".into();
    s.store.save_customer(&c).unwrap();
    assert_eq!(names_in(&s.store, "soren o"), ["Sören Ødegård"]);
}

#[test]
fn a_wrong_customer_is_refused_and_nothing_is_saved() {
    let mut s = salon();
    let before = s.store.customer_count().unwrap();
    let bad = Customer { first_name: "Anna".into(), phone: "ring me".into(), ..Default::default() };
    assert!(matches!(s.store.save_customer(&bad), Err(StoreError::Invalid(_))));
    let nameless = Customer { email: "a@example.com".into(), ..Default::default() };
    assert!(matches!(s.store.save_customer(&nameless), Err(StoreError::Invalid(_))));
    assert_eq!(s.store.customer_count().unwrap(), before);
}

#[test]
fn a_damaged_file_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("salon.sqlite3");
    let junk = b"This is not a database but someone's shopping list.".repeat(200);
    std::fs::write(&path, &junk).unwrap();
    let err = Store::open(&path, "desk").err().expect("refused");
    assert!(matches!(err, StoreError::Damaged(_)), "{err:?}");
    assert_eq!(std::fs::read(&path).unwrap(), junk, "the file is untouched");
}

#[test]
fn a_corrupted_page_is_found_by_the_integrity_check() {
    let s = common::demo_salon(salondesk::domain::Language::En);
    let path = s.path();
    drop(s.store);
    let mut bytes = std::fs::read(&path).unwrap();
    // Overwrite the middle of the file (index and table pages), keep the header.
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 8192] {
        *b = 0x5a;
    }
    std::fs::write(&path, &bytes).unwrap();
    let verdict = Store::open(&path, "desk").and_then(|s| s.check_integrity());
    assert!(matches!(verdict, Err(StoreError::Damaged(_))), "{verdict:?}");
}

#[test]
fn a_file_from_a_newer_version_is_not_touched() {
    let s = salon();
    let path = s.path();
    common::raw(&s.store).execute_batch("PRAGMA user_version = 99").unwrap();
    drop(s.store);
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path, "desk").err().expect("refused");
    assert_eq!(err, StoreError::NewerVersion { found: 99, supported: salondesk::store::SCHEMA_VERSION });
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_read_only_file_is_refused_with_its_name() {
    use std::os::unix::fs::PermissionsExt;
    let s = salon();
    let path = s.path();
    drop(s.store);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    // Root ignores permission bits; the immutable attribute stops even root.
    let immutable = std::process::Command::new("chattr").arg("+i").arg(&path).status().is_ok_and(|s| s.success());
    let result = Store::open(&path, "desk");
    if immutable {
        let _ = std::process::Command::new("chattr").arg("-i").arg(&path).status();
    }
    assert!(matches!(&result, Err(StoreError::ReadOnly(p)) if p == &path), "{:?}", result.err());
}

#[test]
fn a_version_1_file_is_upgraded_with_everything_it_held() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    // A salon file as the first release wrote it, filled with raw SQL of that schema.
    salondesk::store::create_at_version(&path, 1).unwrap();
    let old = rusqlite::Connection::open(&path).unwrap();
    old.execute_batch(
        "INSERT INTO salon (id, name, time_zone, currency, language) VALUES (1, 'Old salon', 'Europe/Oslo', 'NOK', 'nb');
         INSERT INTO staff (id, name) VALUES (1, 'Lena');
         INSERT INTO services (id, name, minutes, price_cents) VALUES (1, 'Klipp', 30, 45000);
         INSERT INTO customers (id, first_name, phone, search_name, search_phone, created_at)
             VALUES (1, 'Kari', '+47 912 34 567', 'kari', '4791234567 91234567 091234567', 0);
         INSERT INTO appointments (id, staff_id, service_id, customer_id, starts_at, ends_at, state, created_by, created_at, changed_by)
             VALUES (1, 1, 1, 1, 1000000000, 1000001800, 'completed', 'desk', 0, 'desk'),
                    (2, 1, 1, 1, 1100000000, 1100001800, 'booked', 'desk', 0, 'desk'),
                    (3, 1, 1, 1, 1050000000, 1050001800, 'no_show', 'desk', 0, 'desk');",
    )
    .unwrap();
    drop(old);
    let upgraded = Store::open(&path, "desk").unwrap();
    let version: i64 = common::raw(&upgraded).query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, salondesk::store::SCHEMA_VERSION);
    let found = upgraded.search_customers("912 34", 5).unwrap();
    assert_eq!(
        found.iter().map(|h| h.name.as_str()).collect::<Vec<_>>(),
        ["Kari"],
        "phone keys filled from the old data"
    );
    assert_eq!((found[0].reliability.attended, found[0].reliability.no_shows), (1, 1));
    assert!(upgraded.appointment(1).unwrap().first_visit, "first visits worked out from the old data");
    assert!(!upgraded.appointment(2).unwrap().first_visit);
    let statuses = upgraded.statuses().unwrap();
    let initial = statuses.iter().find(|s| s.is_initial).unwrap();
    assert_eq!(upgraded.customer(1).unwrap().status_id, Some(initial.id), "existing customers get the initial status");
    assert_eq!(upgraded.salon().unwrap().name, "Old salon");
}

#[test]
fn a_full_disk_refuses_the_save_and_keeps_what_was_there() {
    let mut s = salon();
    let anna = s.store.save_customer(&Customer { first_name: "Anna".into(), ..Default::default() }).unwrap();
    // No room for one more page: what SQLite reports when the disk is full.
    let pages: i64 = common::raw(&s.store).query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
    s.store.limit_pages(pages).unwrap();
    let long_notes = "Prefers the window seat. ".repeat(2000);
    let big = Customer { first_name: "Bea".into(), notes: long_notes, ..Default::default() };
    assert_eq!(s.store.save_customer(&big), Err(StoreError::DiskFull));
    assert_eq!(s.store.customer(anna).unwrap().first_name, "Anna", "earlier data intact");
    assert_eq!(s.store.customer_count().unwrap(), 1, "nothing half-saved");
}

#[test]
fn first_visit_follows_what_the_customer_attended() {
    let mut s = salon();
    let kim = s.store.save_customer(&Customer { first_name: "Kim".into(), ..Default::default() }).unwrap();
    let visit = |day: i64| NewAppointment {
        customer_id: Some(kim),
        walk_in_name: String::new(),
        ..booking(1, at(today() + Duration::days(day), 10, 0), 30)
    };
    let first = s.store.book(&visit(0)).unwrap();
    let second = s.store.book(&visit(7)).unwrap();
    let is_new = |store: &Store, id| store.appointment(id).unwrap().first_visit;
    assert!(is_new(&s.store, first) && is_new(&s.store, second), "never came yet: both are first visits");
    s.store.set_state(first, AppointmentState::Completed, "").unwrap();
    assert!(is_new(&s.store, first), "the first attended visit is the first visit");
    assert!(!is_new(&s.store, second), "after one attended visit, no longer new");
    // A mistaken mark undone: new again.
    s.store.set_state(first, AppointmentState::Arrived, "").unwrap();
    s.store.set_state(first, AppointmentState::Booked, "").unwrap();
    assert!(is_new(&s.store, second));
    // A no-show does not count as a visit.
    s.store.set_state(first, AppointmentState::NoShow, "Forgot").unwrap();
    assert!(is_new(&s.store, second));
    // Moving an attended visit after the other one changes which is first.
    s.store.set_state(second, AppointmentState::Completed, "").unwrap();
    assert!(is_new(&s.store, second));
    let moved = s.store.book(&visit(-7)).unwrap();
    s.store.set_state(moved, AppointmentState::Completed, "").unwrap();
    assert!(!is_new(&s.store, second) && is_new(&s.store, moved));
    s.store.change_appointment(moved, &visit(14)).unwrap();
    assert!(is_new(&s.store, second) && !is_new(&s.store, moved));
}

#[test]
fn the_no_show_register_keeps_reached_fee_and_deposit() {
    let mut s = salon();
    let bo = s.store.save_customer(&Customer { first_name: "Bo".into(), ..Default::default() }).unwrap();
    let id = s
        .store
        .book(&NewAppointment {
            customer_id: Some(bo),
            walk_in_name: String::new(),
            ..booking(1, at(today(), 10, 0), 30)
        })
        .unwrap();
    assert_eq!(s.store.record_fee(id, 2500), Err(StoreError::NotFound), "no fee for a booked appointment");
    s.store.set_state_with(id, AppointmentState::NoShow, "Forgot", Some(false)).unwrap();
    assert_eq!(s.store.appointment(id).unwrap().reached, Some(false));
    let fee = s.store.record_fee(id, 2500).unwrap();
    assert_eq!(s.store.record_fee(id, 3000).unwrap(), fee, "one fee per no-show, corrected in place");
    let fees = s.store.fees(bo).unwrap();
    assert_eq!((fees.len(), fees[0].amount_cents, fees[0].terms_version.as_str()), (1, 3000, ""), "no terms accepted");
    assert!(fees[0].paid_at.is_none());
    s.store.mark_fee_paid(fee, true).unwrap();
    assert!(s.store.fees(bo).unwrap()[0].paid_at.is_some());
    // A mistaken mark undone: the register forgets whether they were reached.
    s.store.set_state_with(id, AppointmentState::Booked, "", Some(true)).unwrap();
    assert_eq!(s.store.appointment(id).unwrap().reached, None);
    // Emptying the demo salon also takes the fees.
    s.store.start_empty().unwrap();
    assert_eq!(s.store.customer_count().unwrap(), 0);
}

#[test]
fn the_call_list_gathers_risky_and_new_customers_and_remembers_confirmations() {
    let mut s = salon();
    let tz = chrono_tz::Europe::Berlin;
    let tomorrow = today() + Duration::days(1);
    let regular = s
        .store
        .save_customer(&Customer { first_name: "Rita".into(), phone: "+49 151 1111111".into(), ..Default::default() })
        .unwrap();
    let new = s
        .store
        .save_customer(&Customer { first_name: "Nina".into(), phone: "+49 151 2222222".into(), ..Default::default() })
        .unwrap();
    // Rita came twice before; Nina never did.
    for (day, state) in [(-14, AppointmentState::Completed), (-7, AppointmentState::Completed)] {
        let id = s
            .store
            .book(&NewAppointment {
                customer_id: Some(regular),
                walk_in_name: String::new(),
                ..booking(1, at(today() + Duration::days(day), 9, 0), 30)
            })
            .unwrap();
        s.store.set_state(id, state, "").unwrap();
    }
    let rita = s
        .store
        .book(&NewAppointment {
            customer_id: Some(regular),
            walk_in_name: String::new(),
            ..booking(1, at(tomorrow, 10, 0), 30)
        })
        .unwrap();
    let nina = s
        .store
        .book(&NewAppointment {
            customer_id: Some(new),
            walk_in_name: String::new(),
            ..booking(1, at(tomorrow, 11, 0), 30)
        })
        .unwrap();
    let stranger = s.store.book(&booking(2, at(tomorrow, 10, 0), 30)).unwrap();
    let now = at(today(), 12, 0);
    let list = s.store.call_list(tz, tomorrow, now).unwrap();
    let ids: Vec<i64> = list.iter().map(|e| e.appointment.id).collect();
    assert!(ids.contains(&nina), "a first visit is on the list");
    assert!(ids.contains(&stranger), "an unlinked walk-in name is risky");
    assert!(!ids.contains(&rita), "a reliable regular is not");
    s.store.confirm(nina, true).unwrap();
    let list = s.store.call_list(tz, tomorrow, now).unwrap();
    assert!(list.iter().any(|e| e.appointment.id == nina && e.confirmed));
    assert_eq!(s.store.call_template().unwrap(), "tel:{number}");
    assert!(s.store.set_call_template("sip:{number}@pbx").is_ok());
    assert!(matches!(s.store.set_call_template("call me"), Err(StoreError::Invalid(_))));
    assert_eq!(s.store.call_template().unwrap(), "sip:{number}@pbx", "a wrong template leaves the last good one");
}

#[test]
fn documents_are_copied_listed_and_removed_and_bad_files_refused() {
    let mut s = salon();
    let ada = s.store.save_customer(&Customer { first_name: "Ada".into(), ..Default::default() }).unwrap();
    let outside = tempfile::tempdir().unwrap();
    let consent = outside.path().join("consent form.pdf");
    std::fs::write(&consent, b"%PDF-1.4 signed consent").unwrap();
    let doc = s.store.attach_document(ada, &consent).unwrap();
    assert_eq!((doc.name.as_str(), doc.size), ("consent form.pdf", 23));
    assert!(doc.path.starts_with(s.dir.path().join("documents")), "copied into the salon's folder");
    std::fs::remove_file(&consent).unwrap();
    assert_eq!(std::fs::read(&doc.path).unwrap(), b"%PDF-1.4 signed consent", "the copy outlives the original");
    assert_eq!(s.store.documents(ada).unwrap().len(), 1);
    // A missing file is refused with its name; nothing is listed.
    let missing = outside.path().join("gone.jpg");
    let err = s.store.attach_document(ada, &missing).unwrap_err();
    assert!(matches!(&err, StoreError::CannotOpen { path, .. } if path == &missing), "{err:?}");
    assert!(
        matches!(s.store.attach_document(ada, outside.path()), Err(StoreError::CannotOpen { .. })),
        "a folder is not a file"
    );
    assert_eq!(s.store.documents(ada).unwrap().len(), 1);
    s.store.remove_document(doc.id).unwrap();
    assert!(s.store.documents(ada).unwrap().is_empty());
    assert!(!doc.path.exists(), "the salon's copy is deleted too");
}

#[test]
fn a_booking_taken_back_is_cancelled_with_its_reason_and_frees_its_time() {
    let mut s = salon();
    let id = s.store.book(&booking(1, at(today(), 10, 0), 30)).unwrap();
    s.store.undo(&salondesk::store::Undo::Booking(id), "undone at the desk").unwrap();
    let a = s.store.appointment(id).unwrap();
    assert_eq!(
        (a.state, a.reason.as_str()),
        (AppointmentState::Cancelled, "undone at the desk"),
        "kept, never deleted"
    );
    assert!(s.store.book(&booking(1, at(today(), 10, 0), 30)).is_ok(), "its time is free again");
}

/// Every byte of the database as another program would copy it: the file
/// and its write-ahead log.
fn file_bytes(path: &std::path::Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).unwrap();
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    bytes.extend(std::fs::read(wal).unwrap_or_default());
    bytes
}

fn holds(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn a_copied_database_hands_out_no_password_token_or_gateway_key() {
    let mut s = salon();
    let path = s.path();
    let key_file = salondesk::store::secrets::key_path(&path);
    // Reading settings never makes the key file.
    assert_eq!(s.store.config("smtp.password").unwrap(), "");
    assert!(!key_file.exists());

    s.store.set_config("smtp.password", "hunter2-pass").unwrap();
    s.store.set_config("sms.token", "tok-778899").unwrap();
    s.store.set_config("sms.url", "https://gw.example/send?apikey=k3y-445566").unwrap();
    assert!(key_file.exists(), "the key is kept beside the file");
    assert_eq!(s.store.config("smtp.password").unwrap(), "hunter2-pass", "the salon's own program reads it");
    assert_eq!(s.store.config("sms.url").unwrap(), "https://gw.example/send?apikey=k3y-445566");
    let bytes = file_bytes(&path);
    for secret in ["hunter2-pass", "tok-778899", "k3y-445566"] {
        assert!(!holds(&bytes, secret), "{secret} is not in the file");
    }

    // The file alone, copied elsewhere: the secrets read as not set.
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("salon.sqlite3");
    common::raw(&s.store).execute("VACUUM INTO ?1", [copy.to_str().unwrap()]).unwrap();
    let copied = Store::open(&copy, "test").unwrap();
    assert_eq!(copied.config("smtp.password").unwrap(), "");
    assert_eq!(copied.config("sms.url").unwrap(), "");
    assert_eq!(copied.config("smtp.port").unwrap(), "587", "everything else is there");
}

#[test]
fn passwords_an_earlier_version_stored_in_plain_text_are_sealed_when_the_desk_starts() {
    let mut s = salon();
    common::raw(&s.store)
        .execute("INSERT INTO settings (key, value) VALUES ('smtp.password', 'old-plain-pw')", [])
        .unwrap();
    assert_eq!(s.store.config("smtp.password").unwrap(), "old-plain-pw", "still works before");
    s.store.seal_stored_secrets().unwrap();
    let stored: String = common::raw(&s.store)
        .query_row("SELECT value FROM settings WHERE key = 'smtp.password'", [], |r| r.get(0))
        .unwrap();
    assert!(salondesk::store::secrets::is_sealed(&stored), "{stored}");
    assert_eq!(s.store.config("smtp.password").unwrap(), "old-plain-pw");
    assert_eq!(s.store.config("smtp.host").unwrap(), "", "nothing else touched");
}

#[test]
fn a_version_12_outbox_and_the_salons_own_texts_come_through_the_rebuild_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    salondesk::store::create_at_version(&path, 12).unwrap();
    let old = rusqlite::Connection::open(&path).unwrap();
    old.execute_batch(
        "INSERT INTO salon (id, name, time_zone, currency, language) VALUES (1, 'Old salon', 'Europe/Berlin', 'EUR', 'de');
         INSERT INTO message_texts (language, kind, channel, subject, body) VALUES ('de', 'reminder', 'sms', '', 'Bis morgen, {customer}!');
         INSERT INTO outbox (id, kind, channel, rule, recipient, body, message_id, due_at, state, next_at, attempts, last_error, created_at)
             VALUES (7, 'tan', 'sms', 'tan1', '+4915123456789', 'Code 123456', '<a@x>', 100, 'failed', 160, 2, 'HTTP 503', 90),
                    (8, 'tan', 'sms', 'tan2', '+4915123456789', 'Code 654321', '<b@x>', 200, 'sent', NULL, 1, '', 190);",
    )
    .unwrap();
    drop(old);
    let upgraded = Store::open(&path, "desk").unwrap();
    let conn = common::raw(&upgraded);
    let rows: Vec<(i64, String, i64, String)> = conn
        .prepare("SELECT id, state, attempts, last_error FROM outbox ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows, [(7, "failed".into(), 2, "HTTP 503".into()), (8, "sent".into(), 1, String::new())]);
    let body: String =
        conn.query_row("SELECT body FROM message_texts WHERE kind = 'reminder'", [], |r| r.get(0)).unwrap();
    assert_eq!(body, "Bis morgen, {customer}!");
    let indexes: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox'
               AND name IN ('outbox_key', 'outbox_due', 'outbox_by_due_at', 'outbox_failed')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(indexes, 4, "the scheduler's indexes are back");
    assert_eq!(
        upgraded.outbox_counts(salondesk::domain::clock::Instant::default()).unwrap().0,
        1,
        "the failed one is still shown"
    );
}

#[test]
fn a_settings_form_is_saved_whole_or_not_at_all() {
    let mut s = salon();
    let form =
        [("smtp.host".to_string(), "mail.example".to_string()), ("smtp.port".to_string(), "seventy".to_string())];
    assert!(matches!(s.store.set_config_changed(&form), Err(StoreError::Invalid(_))));
    assert_eq!(s.store.config("smtp.host").unwrap(), "", "the first key is not saved either: 'not saved' is true");
    let form = [("smtp.host".to_string(), "mail.example".to_string()), ("smtp.port".to_string(), "465".to_string())];
    s.store.set_config_changed(&form).unwrap();
    assert_eq!(
        (s.store.config("smtp.host").unwrap(), s.store.config("smtp.port").unwrap()),
        ("mail.example".into(), "465".into())
    );
}
