//! The no-show report: its totals match the appointments in the file, and the
//! command line writes a CSV that reads back to the same numbers.

mod common;

use chrono::NaiveDate;
use common::demo_salon;
use salondesk::domain::Language;
use std::process::Command;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn the_report_totals_match_the_appointments() {
    let s = demo_salon(Language::En);
    let tz = s.store.salon().unwrap().time_zone;
    let (from, to) = (d(2026, 10, 1), d(2026, 10, 31));
    let report = s.store.no_show_report(tz, from, to, chrono::Weekday::Mon).unwrap();
    let (start, end) =
        (salondesk::domain::clock::day_bounds(tz, from).0, salondesk::domain::clock::day_bounds(tz, to).1);
    let (count, lost): (u32, i64) = common::raw(&s.store)
        .query_row(
            "SELECT count(*), total(price_cents) FROM appointments WHERE state = 'no_show' AND starts_at >= ?1 AND starts_at < ?2",
            [start.timestamp(), end.timestamp()],
            |r| Ok((r.get(0)?, r.get::<_, f64>(1)? as i64)),
        )
        .unwrap();
    assert!(count > 10, "the demo's October has no-shows: {count}");
    let t = &report.totals;
    assert_eq!((t.count, t.revenue_lost_cents), (count, lost));
    assert_eq!(t.first + t.repeated, count);
    assert_eq!(report.per_staff.iter().map(|g| g.totals.count).sum::<u32>(), count);
    assert_eq!(report.per_week.iter().map(|w| w.1).sum::<u32>(), count);
    let (fees, paid): (i64, i64) = common::raw(&s.store)
        .query_row(
            "SELECT total(f.amount_cents), total(CASE WHEN f.paid_at IS NOT NULL THEN f.amount_cents END)
             FROM no_show_fees f JOIN appointments a ON a.id = f.appointment_id
             WHERE a.starts_at >= ?1 AND a.starts_at < ?2",
            [start.timestamp(), end.timestamp()],
            |r| Ok((r.get::<_, f64>(0)? as i64, r.get::<_, f64>(1)? as i64)),
        )
        .unwrap();
    assert_eq!((t.fees_invoiced_cents, t.fees_paid_cents), (fees, paid));
    // "Repeated" means: this customer missed an appointment before.
    let repeated = report.lines.iter().find(|l| l.repeated).expect("a repeated no-show");
    let earlier: i64 = common::raw(&s.store)
        .query_row(
            "SELECT count(*) FROM appointments WHERE customer_id = ?1 AND state = 'no_show' AND starts_at < ?2",
            [repeated.customer_id.unwrap(), repeated.start.timestamp()],
            |r| r.get(0),
        )
        .unwrap();
    assert!(earlier > 0);
}

#[test]
fn the_command_line_writes_a_csv_that_reads_back() {
    let s = demo_salon(Language::De);
    let path = s.path();
    let tz = s.store.salon().unwrap().time_zone;
    let expected = s.store.no_show_report(tz, d(2026, 9, 1), d(2026, 10, 31), chrono::Weekday::Mon).unwrap();
    drop(s.store);
    let csv_path = s.dir.path().join("no-shows.csv");
    let out = Command::new(env!("CARGO_BIN_EXE_salondesk"))
        .args(["report", "no-shows", "--from", "2026-09-01", "--to", "2026-10-31", "--csv"])
        .arg(&csv_path)
        .arg("--db")
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let printed = String::from_utf8_lossy(&out.stdout);
    // A German salon reads it all in German, words and numbers alike.
    let lost = salondesk::domain::money::format(expected.totals.revenue_lost_cents, "EUR", Language::De);
    assert!(
        printed.contains(&format!("Nicht erschienen 01.09.2026 – 31.10.2026: {}", expected.totals.count)),
        "{printed}"
    );
    assert!(printed.contains(&format!("entgangener Umsatz {lost}")), "{printed}");
    assert!(!printed.contains("revenue"), "no English sentence in between: {printed}");
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len() as u32, expected.totals.count);
    let cents = |s: &str| (s.parse::<f64>().unwrap() * 100.0).round() as i64;
    assert_eq!(rows.iter().map(|r| cents(&r[5])).sum::<i64>(), expected.totals.revenue_lost_cents);
    assert_eq!(rows.iter().filter(|r| &r[6] == "repeated").count() as u32, expected.totals.repeated);
    // A wrong period is refused with the reason.
    let bad = Command::new(env!("CARGO_BIN_EXE_salondesk"))
        .args(["report", "no-shows", "--from", "2026-10-31", "--to", "2026-10-01", "--csv"])
        .arg(&csv_path)
        .arg("--db")
        .arg(&path)
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("is before --from"));
}
