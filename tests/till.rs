//! The till on real files: vouchers sold and redeemed in parts (and never
//! beyond what is left, not even by raw SQL), bonus points earned, redeemed
//! and taken back by a reversal, the referral bonus once per customer, and a
//! schema-15 file's records coming through the rebuild whole.

mod common;

use chrono::{Datelike, NaiveDate};
use salondesk::domain::checkout::{Draft, Line, LineKind, Method, Payment};
use salondesk::domain::voucher::Usable;
use salondesk::domain::{Customer, clock};
use salondesk::store::{Store, StoreError};

const BERLIN: chrono_tz::Tz = chrono_tz::Europe::Berlin;

fn at(d: u32, h: u32) -> clock::Instant {
    clock::local_to_utc(BERLIN, NaiveDate::from_ymd_opt(2026, 11, d).unwrap(), h * 60)
}

fn cut() -> Line {
    Line::service(1, "Cut", 3_200, 1_900)
}

fn sale(customer: i64, lines: Vec<Line>, payments: Vec<Payment>) -> Draft {
    Draft { customer_id: Some(customer), staff_id: Some(1), lines, payments, ..Draft::default() }
}

fn customer(store: &mut Store, first: &str) -> i64 {
    store.save_customer(&Customer { first_name: first.into(), last_name: "Berg".into(), ..Default::default() }).unwrap()
}

fn far_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 6, 1).unwrap()
}

#[test]
fn a_voucher_is_sold_redeemed_in_two_visits_and_never_pays_more_than_is_left() {
    let mut s = common::salon();
    let (kari, _) = common::kari_booked(&mut s.store, at(23, 10));
    let sold = s
        .store
        .record_checkout(&sale(
            kari,
            vec![Line::new(LineKind::Voucher, "Voucher", 5_000, 0)],
            vec![Payment::new(Method::Card, 5_000)],
        ))
        .unwrap();
    let voucher_id = sold.draft.lines[0].voucher_id.expect("the line names its voucher");
    let voucher = s.store.voucher(voucher_id).unwrap();
    assert_eq!(voucher.code.len(), 12);
    assert_eq!(voucher.expires_on.format("%Y-%m-%d").to_string(), format!("{}-12-31", voucher.sold_on.year() + 3));
    let typed = salondesk::domain::voucher::printed(&voucher.code).to_lowercase();
    assert_eq!(s.store.voucher_by_code(&typed).unwrap().id, voucher_id, "found as printed, typed in lower case");
    assert_eq!(s.store.voucher_totals(far_day()).unwrap().outstanding_cents, 5_000, "the salon owes 50.00");

    // First visit: 32.00 of it.
    s.store.record_checkout(&sale(kari, vec![cut()], vec![Payment::voucher(voucher_id, 3_200)])).unwrap();
    assert_eq!(s.store.voucher(voucher_id).unwrap().usable(far_day()), Usable::Yes(1_800));
    // Second visit: 18.00 left, the rest by card; asking for more is refused and nothing is recorded.
    let greedy = sale(kari, vec![cut()], vec![Payment::voucher(voucher_id, 3_200)]);
    assert_eq!(s.store.record_checkout(&greedy), Err(StoreError::VoucherNotCovered));
    let second = s
        .store
        .record_checkout(&sale(
            kari,
            vec![cut()],
            vec![Payment::voucher(voucher_id, 1_800), Payment::new(Method::Card, 1_400)],
        ))
        .unwrap();
    assert_eq!(s.store.voucher(voucher_id).unwrap().usable(far_day()), Usable::UsedUp);
    let totals = s.store.voucher_totals(far_day()).unwrap();
    assert_eq!((totals.sold_cents, totals.redeemed_cents, totals.outstanding_cents), (5_000, 5_000, 0));

    // The second visit reversed: its 18.00 are on the voucher again.
    s.store.reverse_checkout(second.id).unwrap();
    assert_eq!(s.store.voucher(voucher_id).unwrap().usable(far_day()), Usable::Yes(1_800));
    // A used voucher cannot be unsold.
    assert_eq!(s.store.reverse_checkout(sold.id).map(|_| ()), Err(StoreError::VoucherNotCovered));

    // Raw SQL cannot over-draw it either: the database checks what is left.
    let raw = common::raw(&s.store);
    let tried = raw.execute_batch(&format!(
        "BEGIN;
         INSERT INTO checkouts (number, kind, total_cents, created_at, created_by)
             VALUES ((SELECT max(number) + 1 FROM checkouts), 'sale', 9000, 0, 'raw');
         INSERT INTO checkout_payments (checkout_id, position, method, amount_cents, voucher_id)
             VALUES (last_insert_rowid(), 0, 'voucher', 9000, {voucher_id});
         COMMIT;"
    ));
    assert!(tried.is_err(), "over-drawn by raw SQL");
    raw.execute_batch("ROLLBACK").ok();
    let expired = NaiveDate::from_ymd_opt(2031, 1, 1).unwrap();
    assert_eq!(s.store.voucher(voucher_id).unwrap().usable(expired), Usable::Expired);
    assert_eq!(s.store.voucher_totals(expired).unwrap().expired_cents, 1_800);
}

#[test]
fn a_sold_voucher_is_void_after_its_sale_is_reversed() {
    let mut s = common::salon();
    let (kari, _) = common::kari_booked(&mut s.store, at(23, 10));
    let sold = s
        .store
        .record_checkout(&sale(
            kari,
            vec![Line::new(LineKind::Voucher, "Voucher", 2_500, 0)],
            vec![Payment::new(Method::Cash, 2_500)],
        ))
        .unwrap();
    let id = sold.draft.lines[0].voucher_id.unwrap();
    s.store.reverse_checkout(sold.id).unwrap();
    assert_eq!(s.store.voucher(id).unwrap().usable(far_day()), Usable::Void);
    let pay = sale(kari, vec![cut()], vec![Payment::voucher(id, 2_500), Payment::new(Method::Card, 700)]);
    assert_eq!(s.store.record_checkout(&pay), Err(StoreError::VoucherNotCovered));
    assert_eq!(s.store.voucher_totals(far_day()).unwrap().sold_cents, 0, "no liability for a void one");
}

#[test]
fn bonus_points_are_earned_on_money_paid_redeemed_at_the_threshold_and_taken_back() {
    let mut s = common::salon();
    s.store.set_config("bonus.enabled", "on").unwrap();
    s.store.set_config("bonus.threshold", "60").unwrap();
    let kari = customer(&mut s.store, "Kari");
    let card = |cents| vec![Payment::new(Method::Card, cents)];
    let tip = Line::new(LineKind::Tip, "Tip", 300, 0);
    let first = s.store.record_checkout(&sale(kari, vec![cut(), tip], card(3_500))).unwrap();
    assert_eq!(s.store.points_balance(kari).unwrap(), 32, "32.00 paid for the cut; the tip earns nothing");
    s.store.record_checkout(&sale(kari, vec![cut()], card(3_200))).unwrap();
    assert_eq!(s.store.points_balance(kari).unwrap(), 64);

    // The reward: 10 % off, 60 points.
    let mut rewarded =
        sale(kari, vec![Line { discount_cents: 320, discount_reason: "loyalty".into(), ..cut() }], card(2_880));
    rewarded.reward_points = 60;
    let reward = s.store.record_checkout(&rewarded).unwrap();
    assert_eq!(reward.draft.reward_points, 60, "read back from the ledger");
    assert_eq!(s.store.points_balance(kari).unwrap(), 64 - 60 + 28);
    let again = Draft { reward_points: 60, ..rewarded.clone() };
    assert_eq!(s.store.record_checkout(&again), Err(StoreError::PointsShort), "32 points are not 60");
    assert_eq!(s.store.points_balance(kari).unwrap(), 32, "and nothing of it was recorded");

    // Reversing the first visit takes back its 32; reversing the reward gives its 60 back less its 28.
    s.store.reverse_checkout(first.id).unwrap();
    assert_eq!(s.store.points_balance(kari).unwrap(), 0);
    s.store.reverse_checkout(reward.id).unwrap();
    assert_eq!(s.store.points_balance(kari).unwrap(), 32, "60 back, the 28 earned with it were already gone");
    let ledger = s.store.points_ledger(kari).unwrap();
    assert_eq!(ledger.iter().map(|e| e.points).sum::<i64>(), 32);
    assert_eq!(ledger.last().map(|e| (e.why.as_str(), e.record_number)), Some(("earned", Some(1))));

    // Raw SQL cannot take the balance below zero.
    let raw = common::raw(&s.store);
    let below = raw
        .execute("INSERT INTO points (customer_id, points, why, created_at) VALUES (?1, -33, 'redeemed', 0)", [kari]);
    assert!(below.is_err());
}

#[test]
fn the_referrer_is_rewarded_once_after_the_first_paid_visit_within_the_cap() {
    let mut s = common::salon();
    s.store.set_config("referral.enabled", "on").unwrap();
    s.store.set_config("referral.points", "50").unwrap();
    s.store.set_config("referral.cap_per_year", "2").unwrap();
    let anna = customer(&mut s.store, "Anna");
    let sent: Vec<i64> = ["Bea", "Cleo", "Dora"].iter().map(|n| customer(&mut s.store, n)).collect();
    for c in &sent {
        s.store.set_referred_by(*c, Some(anna)).unwrap();
    }
    assert!(s.store.set_referred_by(anna, Some(anna)).is_err(), "nobody refers herself");
    assert!(s.store.referrals().unwrap().iter().all(|r| r.rewarded.is_none()), "waiting for a first visit");
    let paid = |c| sale(c, vec![cut()], vec![Payment::new(Method::Cash, 3_200)]);
    s.store.record_checkout(&paid(sent[0])).unwrap();
    assert_eq!(s.store.points_balance(anna).unwrap(), 50);
    s.store.record_checkout(&paid(sent[0])).unwrap();
    assert_eq!(s.store.points_balance(anna).unwrap(), 50, "once per referred customer");
    s.store.record_checkout(&paid(sent[1])).unwrap();
    s.store.record_checkout(&paid(sent[2])).unwrap();
    assert_eq!(s.store.points_balance(anna).unwrap(), 100, "the third is over this year's cap of 2");
    let states: Vec<bool> = s.store.referrals().unwrap().iter().map(|r| r.rewarded.is_some()).collect();
    assert_eq!(states, [false, true, true], "newest first: Dora waits (capped), Cleo and Bea rewarded");
    assert_eq!(s.store.set_referred_by(sent[0], None), Err(StoreError::RecordClosed), "kept once rewarded");
    assert_eq!(s.store.points_balance(sent[0]).unwrap(), 0, "bonus card off: she earns no points herself");
}

#[test]
fn the_switches_turn_the_till_and_its_parts_off() {
    let mut s = common::salon();
    let f = s.store.features().unwrap();
    assert!(f.checkout && f.vouchers && f.own_till && f.bonus.is_none() && !f.referral, "{f:?}");
    s.store.set_config("bonus.enabled", "on").unwrap();
    s.store.set_config("checkout.till", "salondesk").unwrap();
    let f = s.store.features().unwrap();
    assert!(f.bonus.is_some() && !f.own_till);
    s.store.set_config("checkout.enabled", "off").unwrap();
    let f = s.store.features().unwrap();
    assert!(!f.checkout && !f.vouchers && f.bonus.is_none(), "no till: nothing of it");
    assert!(s.store.set_config("checkout.till", "cash register").is_err());
    assert!(s.store.set_config("bonus.reward", "200 %").is_err());
    s.store.set_config("bonus.reward", "5,00").unwrap();
    assert_eq!(s.store.config("bonus.reward").unwrap(), "5.00");
}

#[test]
fn a_schema_15_files_records_come_through_the_rebuild_whole_and_stay_closed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    salondesk::store::create_at_version(&path, 15).unwrap();
    let old = rusqlite::Connection::open(&path).unwrap();
    old.execute_batch(
        "INSERT INTO salon (id, name, time_zone, currency, language) VALUES (1, 'Old salon', 'Europe/Berlin', 'EUR', 'de');
         INSERT INTO checkouts (number, kind, total_cents, created_at, created_by) VALUES (1, 'sale', 2880, 100, 'desk');
         INSERT INTO checkout_lines (checkout_id, position, kind, description, quantity, unit_cents, discount_cents,
                                     discount_reason, vat_rate, vat_cents, total_cents)
             VALUES (1, 0, 'service', 'Cut', 1, 3200, 320, 'loyalty', 1900, 460, 2880);
         INSERT INTO checkout_payments (checkout_id, position, method, amount_cents) VALUES (1, 0, 'card', 2880);
         UPDATE checkouts SET closed = 1 WHERE id = 1;",
    )
    .unwrap();
    drop(old);
    let upgraded = Store::open(&path, "desk").unwrap();
    let record = upgraded.checkout(1).unwrap();
    assert_eq!(record.draft.lines[0].discount_cents, 320);
    assert_eq!(record.draft.payments, [Payment::new(Method::Card, 2_880)]);
    let raw = common::raw(&upgraded);
    for sql in ["UPDATE checkout_lines SET discount_cents = 0", "UPDATE checkout_payments SET amount_cents = 0"] {
        assert!(raw.execute(sql, []).is_err(), "still refused after the rebuild: {sql}");
    }
    let unsettled = raw.execute_batch(
        "BEGIN;
         INSERT INTO checkouts (number, kind, total_cents, created_at, created_by) VALUES (2, 'sale', 100, 0, 'raw');
         UPDATE checkouts SET closed = 1 WHERE number = 2;
         COMMIT;",
    );
    assert!(unsettled.is_err(), "closing an unsettled record is still refused");
}
