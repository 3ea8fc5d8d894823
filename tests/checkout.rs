//! Checkout records on real files: numbered without gaps also with two
//! writers at once, never changed or deleted (not even by raw SQL),
//! corrected by reversals; the no-show receipt and the discount report,
//! whose totals are summed again here from the records themselves.

mod common;

use chrono::{Duration, NaiveDate};
use salondesk::domain::checkout::{Draft, Line, LineKind, Method, Payment, percent_of};
use salondesk::domain::{AppointmentState, clock};
use salondesk::store::checkout::RecordKind;
use salondesk::store::{NewAppointment, Store, StoreError};

const BERLIN: chrono_tz::Tz = chrono_tz::Europe::Berlin;

fn at(d: u32, h: u32) -> clock::Instant {
    clock::local_to_utc(BERLIN, NaiveDate::from_ymd_opt(2026, 11, d).unwrap(), h * 60)
}

fn cut_line(store: &Store, discount: i64, reason: &str) -> Line {
    Line {
        discount_cents: discount,
        discount_reason: reason.into(),
        ..Line::service(1, "Cut", 3_200, store.vat_rate(1).unwrap())
    }
}

fn paid(lines: Vec<Line>, customer: i64, appointment: Option<i64>) -> Draft {
    let total: i64 = lines.iter().map(Line::total).sum();
    Draft {
        appointment_id: appointment,
        customer_id: Some(customer),
        staff_id: Some(1),
        payments: vec![Payment::new(Method::Cash, total - total / 2), Payment::new(Method::Card, total / 2)],
        lines,
        ..Draft::default()
    }
}

#[test]
fn a_checkout_completes_the_appointment_and_is_kept_as_it_was_written() {
    let mut s = common::salon();
    let (kari, id) = common::kari_booked(&mut s.store, at(23, 10));
    assert_eq!(s.store.vat_rate(1).unwrap(), 1_900, "a Berlin salon: 19 %");
    let shampoo = Line { quantity: 2, ..Line::new(LineKind::Product, "Shampoo", 1_250, 1_900) };
    let loyalty = percent_of(3_200, 10);
    let record =
        s.store.record_checkout(&paid(vec![cut_line(&s.store, loyalty, "loyalty"), shampoo], kari, Some(id))).unwrap();
    assert_eq!((record.number, record.kind), (1, RecordKind::Sale));
    assert_eq!(record.draft.total(), 3_200 - 320 + 2_500);
    assert_eq!(record.draft.vat_by_rate(), [(1_900, 460 + 399)], "28.80 holds 4.60, 25.00 holds 3.99");
    assert_eq!(s.store.appointment(id).unwrap().state, AppointmentState::Completed, "checked out: completed");
    assert_eq!(s.store.checkouts_of(kari).unwrap(), std::slice::from_ref(&record), "on her card");

    // Not settled, or a discount without its reason: nothing is recorded.
    let mut short = paid(vec![cut_line(&s.store, 0, "")], kari, None);
    short.payments = vec![Payment::new(Method::Cash, 3_000)];
    assert!(matches!(s.store.record_checkout(&short), Err(StoreError::Invalid(_))));
    assert!(s.store.record_checkout(&paid(vec![cut_line(&s.store, 500, "")], kari, None)).is_err());

    // Raw SQL from another program cannot change or remove it.
    let raw = common::raw(&s.store);
    for sql in [
        "UPDATE checkouts SET total_cents = 0",
        "UPDATE checkout_lines SET discount_cents = 0",
        "UPDATE checkout_payments SET amount_cents = 0",
        "DELETE FROM checkout_payments",
        "DELETE FROM checkout_lines",
        "DELETE FROM checkouts",
        "INSERT INTO checkout_lines (checkout_id, position, kind, description, quantity, unit_cents, vat_rate, vat_cents, total_cents)
             VALUES (1, 9, 'product', 'slipped in', 1, 100, 1900, 16, 100)",
        "INSERT INTO checkouts (number, kind, total_cents, created_at, created_by) VALUES (7, 'sale', 0, 0, 'raw')",
        "REPLACE INTO checkouts (id, number, kind, total_cents, created_at, created_by) VALUES (1, 1, 'sale', 0, 0, 'raw')",
    ] {
        assert!(raw.execute(sql, []).is_err(), "refused: {sql}");
    }
    assert_eq!(s.store.checkout(record.id).unwrap(), record, "exactly as written");
}

#[test]
fn two_desks_checking_out_at_once_get_consecutive_numbers() {
    let mut s = common::salon();
    let (kari, _) = common::kari_booked(&mut s.store, at(23, 10));
    let path = s.path();
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&path, "desk").unwrap();
                (0..10)
                    .map(|_| store.record_checkout(&paid(vec![cut_line(&store, 0, "")], kari, None)).unwrap().number)
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut numbers: Vec<i64> = workers.into_iter().flat_map(|w| w.join().unwrap()).collect();
    numbers.sort();
    assert_eq!(numbers, (1..=40).collect::<Vec<i64>>(), "no gap, no number twice");
}

#[test]
fn a_reversal_corrects_a_record_once_and_takes_its_discount_back() {
    let mut s = common::salon();
    let (kari, _) = common::kari_booked(&mut s.store, at(23, 10));
    let record = s.store.record_checkout(&paid(vec![cut_line(&s.store, 800, "complaint")], kari, None)).unwrap();
    let reversal = s.store.reverse_checkout(record.id).unwrap();
    assert_eq!((reversal.number, reversal.kind, reversal.reverses), (2, RecordKind::Reversal, Some(record.id)));
    assert_eq!(reversal.draft.total(), -record.draft.total());
    assert!(s.store.reverse_checkout(record.id).is_err(), "corrected once");
    assert!(s.store.reverse_checkout(reversal.id).is_err(), "a reversal is not reversed");
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let report = s.store.discount_report(BERLIN, today - Duration::days(400), today + Duration::days(400)).unwrap();
    assert_eq!(report.total_cents, 0, "given away, then taken back");
}

/// A no-show of `customer` with Lena at `start`, with a deposit.
fn no_show(store: &mut Store, customer: i64, start: clock::Instant, deposit: i64) -> i64 {
    let id = store.book(&NewAppointment { deposit_cents: deposit, ..common::cut_with_lena(customer, start) }).unwrap();
    store.set_state(id, AppointmentState::NoShow, "did not come").unwrap();
    id
}

#[test]
fn the_no_show_receipt_is_one_click_and_the_discount_report_adds_up_to_the_records() {
    let mut s = common::salon();
    let (kari, _) = common::kari_booked(&mut s.store, at(2, 10));
    let first = no_show(&mut s.store, kari, at(9, 10), 1_000);
    s.store.record_fee(first, 1_500).unwrap();
    let receipt = s.store.no_show_receipt(first).unwrap();
    assert_eq!(receipt.kind, RecordKind::NoShow);
    assert_eq!(receipt.draft.lines[0].discount_cents, 3_200, "the cut, all of it given away");
    assert_eq!(receipt.draft.lines[0].discount_reason, "no_show");
    assert_eq!(receipt.draft.total(), 2_500, "deposit kept and fee invoiced");
    assert_eq!(receipt.draft.payments, [Payment::new(Method::Deposit, 1_000), Payment::new(Method::Invoice, 1_500)]);
    assert!(s.store.no_show_receipt(first).is_err(), "one receipt per no-show");
    assert_eq!(s.store.checkouts_of(kari).unwrap().len(), 1, "on her card");
    let second = no_show(&mut s.store, kari, at(16, 10), 0);
    s.store.no_show_receipt(second).unwrap();
    let booked = s.store.book(&common::cut_with_lena(kari, at(20, 10))).unwrap();
    assert!(s.store.no_show_receipt(booked).is_err(), "only for a no-show");
    s.store.record_checkout(&paid(vec![cut_line(&s.store, 500, "staff")], kari, None)).unwrap();

    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let report = s.store.discount_report(BERLIN, today - Duration::days(30), today + Duration::days(30)).unwrap();
    // Summed again from the records, without the report's query.
    let raw = common::raw(&s.store);
    let independent: i64 = raw.query_row("SELECT sum(discount_cents) FROM checkout_lines", [], |r| r.get(0)).unwrap();
    assert_eq!(report.total_cents, independent);
    assert_eq!(report.total_cents, 3_200 + 3_200 + 500);
    assert_eq!(report.by_reason, [("no_show".to_string(), 6_400, 2), ("staff".to_string(), 500, 1)]);
    assert_eq!(report.by_customer, [("Kari Nordmann".to_string(), 6_900, 3)]);
    assert_eq!(report.by_staff, [("Lena".to_string(), 6_900, 3)]);
    assert_eq!((report.no_show_first, report.no_show_repeated), (1, 1), "her first no-show, then a repeated one");
    assert_eq!(report.by_week.iter().map(|(_, c)| c).sum::<i64>(), report.total_cents);
}

#[test]
fn the_discount_report_on_the_command_line_reads_only_and_writes_its_csv() {
    let mut s = common::salon();
    let (kari, _) = common::kari_booked(&mut s.store, at(2, 10));
    let id = no_show(&mut s.store, kari, at(9, 10), 0);
    s.store.no_show_receipt(id).unwrap();
    let path = s.path();
    drop(s.store);
    let csv = s.dir.path().join("discounts.csv");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_salondesk"))
        .arg("--db")
        .arg(&path)
        .args(["--lang", "de", "report", "discounts", "--from", "2026-11-01", "--to", "2026-12-31", "--csv"])
        .arg(&csv)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(said.contains("32,00") && said.contains("1 erstmalig"), "{said}");
    let written = std::fs::read_to_string(&csv).unwrap();
    assert!(written.contains("reason,no_show,32.00,1"), "{written}");
    assert!(written.contains("customer,Kari Nordmann,32.00,1"), "{written}");
}

#[test]
fn the_accountant_gets_every_line_and_payment_of_the_period_and_they_add_up() {
    let mut s = common::salon();
    let (kari, id) = common::kari_booked(&mut s.store, at(23, 10));
    let shampoo = Line { quantity: 2, ..Line::new(LineKind::Product, "Shampoo, 250 ml", 1_250, 700) };
    let sale =
        s.store.record_checkout(&paid(vec![cut_line(&s.store, 320, "loyalty"), shampoo], kari, Some(id))).unwrap();
    s.store.reverse_checkout(sale.id).unwrap();
    let path = s.path();
    drop(s.store);
    let csv_path = s.dir.path().join("records.csv");
    let today = chrono::Local::now().date_naive();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_salondesk"))
        .arg("--db")
        .arg(&path)
        .args(["--lang", "en", "report", "records", "--from"])
        .arg((today - Duration::days(1)).to_string())
        .arg("--to")
        .arg((today + Duration::days(1)).to_string())
        .arg("--csv")
        .arg(&csv_path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("2 records"), "{}", String::from_utf8_lossy(&out.stdout));
    // Read back by the csv crate's reader, as a spreadsheet would: quoted commas kept.
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2 * (2 + 2), "two lines and two payments in each record");
    let cents = |v: &str| -> i64 { (v.parse::<f64>().unwrap() * 100.0).round() as i64 };
    for record in ["1", "2"] {
        let sum = |what: &str| -> i64 {
            rows.iter().filter(|r| &r[0] == record && &r[7] == what).map(|r| cents(&r[17])).sum()
        };
        assert_eq!(sum("line"), sum("payment"), "record {record} is settled");
    }
    assert!(rows.iter().any(|r| &r[10] == "Shampoo, 250 ml" && &r[15] == "7.00"), "its own rate, its name whole");
    assert!(rows.iter().filter(|r| &r[0] == "2").all(|r| &r[1] == "reversal" && &r[3] == "1"), "points to no. 1");
}
