//! The customer's right to their data, on a real file: `salondesk customer
//! export` writes everything about one customer as JSON that parses back,
//! every row of theirs in every table (counted here with our own SQL), and
//! their documents in a zip beside it — and leaves the salon's file as it was.

mod common;

use chrono::{Duration, NaiveDate};
use salondesk::domain::checkout::{Draft, Line, LineKind, Method, Payment};
use salondesk::domain::{AppointmentState, Consent, Customer, Language, clock};
use std::io::Read;
use std::process::Command;

fn at(d: u32, h: u32) -> clock::Instant {
    clock::local_to_utc(chrono_tz::Europe::Berlin, NaiveDate::from_ymd_opt(2026, 11, d).unwrap(), h * 60)
}

#[test]
fn an_export_holds_every_row_about_the_customer_and_her_documents_and_changes_nothing() {
    let mut s = common::salon();
    for (k, v) in [("bonus.enabled", "on"), ("referral.enabled", "on"), ("smtp.from", "hello@salon.example")] {
        s.store.set_config(k, v).unwrap();
    }
    let (kari, cut) = common::kari_booked(&mut s.store, at(20, 10));
    let mut card = s.store.customer(kari).unwrap();
    card.email = "kari@example.no".into();
    card.language = Language::Nb;
    card.marketing = Consent::Granted;
    s.store.save_customer(&card).unwrap();
    let friend = s
        .store
        .save_customer(&Customer { first_name: "Ola".into(), last_name: "Venn".into(), ..Default::default() })
        .unwrap();
    s.store.set_referred_by(friend, Some(kari)).unwrap();
    // A no-show with its fee, a visit checked out with a voucher sold, a status given.
    let missed = s.store.book(&common::cut_with_lena(kari, at(21, 11))).unwrap();
    s.store.set_state(missed, AppointmentState::NoShow, "forgot").unwrap();
    s.store.record_fee(missed, 1_600).unwrap();
    s.store.set_state(cut, AppointmentState::Arrived, "").unwrap();
    s.store
        .record_checkout(&Draft {
            appointment_id: Some(cut),
            customer_id: Some(kari),
            lines: vec![Line::service(1, "Cut", 3_200, 1_900), Line::new(LineKind::Voucher, "Gavekort", 5_000, 0)],
            payments: vec![Payment::new(Method::Card, 8_200)],
            ..Draft::default()
        })
        .unwrap();
    let vip = s.store.statuses().unwrap()[1].id;
    s.store.assign_status(kari, vip, "loyal").unwrap();
    s.store.book(&common::cut_with_lena(kari, chrono::Utc::now() + Duration::days(5))).unwrap();
    let letter = s.dir.path().join("Samtykke.pdf");
    std::fs::write(&letter, b"%PDF-1.4 the signed consent form").unwrap();
    s.store.attach_document(kari, &letter).unwrap();
    let before = std::fs::read(s.path()).unwrap();

    let out = s.dir.path().join("kari.json");
    let run = Command::new(env!("CARGO_BIN_EXE_salondesk"))
        .arg("--db")
        .arg(s.path())
        .args(["customer", "export", &kari.to_string(), "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let data: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).expect("JSON that parses");
    assert_eq!((data["format"].as_str(), data["version"].as_u64()), (Some("salondesk-customer-export"), Some(1)));
    assert_eq!(data["customer"]["first_name"], "Kari");
    assert_eq!(data["customer"]["email"], "kari@example.no");
    assert_eq!(data["customer"]["status"], "VIP", "her status too (seed 001)");
    assert!(data["customer"].get("search_name").is_none(), "the program's own workings are left out");

    // Every row of hers, counted with our own SQL.
    let raw = common::raw(&s.store);
    let count = |sql: &str| -> usize { raw.query_row(sql, [kari], |r| r.get::<_, i64>(0)).unwrap() as usize };
    let len = |key: &str| data[key].as_array().unwrap_or_else(|| panic!("{key} is a list")).len();
    for (key, sql) in [
        ("appointments", "SELECT count(*) FROM appointments WHERE customer_id = ?1"),
        ("no_show_fees", "SELECT count(*) FROM no_show_fees WHERE customer_id = ?1"),
        ("status_history", "SELECT count(*) FROM customer_status_history WHERE customer_id = ?1"),
        ("consent_history", "SELECT count(*) FROM consent_changes WHERE customer_id = ?1"),
        ("checkout_records", "SELECT count(*) FROM checkouts WHERE customer_id = ?1"),
        ("points", "SELECT count(*) FROM points WHERE customer_id = ?1"),
        ("vouchers", "SELECT count(*) FROM vouchers WHERE customer_id = ?1"),
        ("referrals", "SELECT count(*) FROM customers WHERE referred_by = ?1"),
        ("messages", "SELECT count(*) FROM outbox WHERE customer_id = ?1"),
        ("documents", "SELECT count(*) FROM documents WHERE customer_id = ?1"),
        ("terms_accepted", "SELECT count(*) FROM terms_acceptances WHERE customer_id = ?1"),
    ] {
        assert_eq!(len(key), count(sql), "{key}");
    }
    for (key, at_least) in [
        ("appointments", 3),
        ("no_show_fees", 1),
        ("status_history", 1),
        ("consent_history", 1),
        ("checkout_records", 1),
        ("points", 1),
        ("vouchers", 1),
        ("referrals", 1),
        ("messages", 1),
        ("documents", 1),
    ] {
        assert!(len(key) >= at_least, "{key}: the test gave her some");
    }
    let record = &data["checkout_records"][0];
    assert_eq!(record["lines"].as_array().unwrap().len(), 2);
    assert_eq!(record["payments"][0]["amount_cents"], 8_200);
    assert!(data["messages"].as_array().unwrap().iter().any(|m| m["recipient"] == "kari@example.no"));

    // Her documents in the zip beside it, as they were attached.
    let zip_path = s.dir.path().join("kari.documents.zip");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&zip_path).expect("the zip beside it")).unwrap();
    let name = data["documents"][0]["file"].as_str().unwrap().to_string();
    let mut inside = Vec::new();
    zip.by_name(&name).expect("named as the JSON says").read_to_end(&mut inside).unwrap();
    assert_eq!(inside, b"%PDF-1.4 the signed consent form");
    assert_eq!(std::fs::read(s.path()).unwrap(), before, "the export changed nothing in the salon's file");
    assert!(!s.dir.path().join("logs").exists(), "a command that only reads writes no log beside the file");

    // Someone who is not there: said, and nothing written.
    let none = s.dir.path().join("nobody.json");
    let run = Command::new(env!("CARGO_BIN_EXE_salondesk"))
        .arg("--db")
        .arg(s.path())
        .args(["customer", "export", "999999", "--out"])
        .arg(&none)
        .output()
        .unwrap();
    assert!(!run.status.success() && !none.exists());
}

/// Whether the bytes of `file` (and its write-ahead log) hold `needle`, in
/// any case: what `strings salon.sqlite3 | grep -i` would find.
fn file_holds(file: &std::path::Path, needle: &str) -> bool {
    let needle = needle.to_lowercase().into_bytes();
    let mut wal = file.as_os_str().to_owned();
    wal.push("-wal");
    [file.to_path_buf(), std::path::PathBuf::from(wal)].iter().filter_map(|p| std::fs::read(p).ok()).any(|bytes| {
        let lower: Vec<u8> = bytes.to_ascii_lowercase();
        lower.windows(needle.len()).any(|w| w == needle.as_slice())
    })
}

#[test]
fn an_erased_customer_is_nowhere_in_the_file_while_the_reports_keep_their_totals() {
    use salondesk::domain::booking::Refusal;
    use salondesk::store::KioskError;
    let mut s = common::salon();
    s.store.set_config("smtp.from", "hello@salon.example").unwrap();
    let (kari, cut) = common::kari_booked(&mut s.store, at(20, 10));
    let mut card = s.store.customer(kari).unwrap();
    card.last_name = "Eriksdottir".into();
    card.email = "kari.eriksdottir@example.no".into();
    card.notes = "Allergic to ammonia".into();
    card.marketing = Consent::Granted;
    s.store.save_customer(&card).unwrap();
    let missed = s.store.book(&common::cut_with_lena(kari, at(21, 11))).unwrap();
    s.store.set_state(missed, AppointmentState::NoShow, "forgot").unwrap();
    s.store.record_fee(missed, 1_600).unwrap();
    s.store.no_show_receipt(missed).unwrap();
    s.store.set_state(cut, AppointmentState::Arrived, "").unwrap();
    let mut line = Line::service(1, "Cut", 3_200, 1_900);
    line.discount_cents = 320;
    line.discount_reason = "complaint".into();
    s.store
        .record_checkout(&Draft {
            appointment_id: Some(cut),
            customer_id: Some(kari),
            lines: vec![line],
            payments: vec![Payment::new(Method::Card, 2_880)],
            ..Draft::default()
        })
        .unwrap();
    s.store.book(&common::cut_with_lena(kari, chrono::Utc::now() + Duration::days(4))).unwrap();
    let letter = s.dir.path().join("consent.pdf");
    std::fs::write(&letter, b"signed by Kari Eriksdottir").unwrap();
    let document = s.store.attach_document(kari, &letter).unwrap();
    s.store.block_customer(kari).unwrap();
    let backup = s.store.back_up("manual").unwrap().path;
    let tz = chrono_tz::Europe::Berlin;
    let (from, to) = (NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(), NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
    let no_shows = s.store.no_show_report(tz, from, to, chrono::Weekday::Mon).unwrap().totals;
    let discounts = s.store.discount_report(tz, from, to).unwrap();
    let path = s.path();
    let secrets = ["Kari", "Eriksdottir", "kari.eriksdottir@example.no", "23456789", "ammonia"];
    assert!(secrets.iter().all(|n| file_holds(&path, n)), "the test's customer is in the file before");

    let run = Command::new(env!("CARGO_BIN_EXE_salondesk"))
        .arg("--db")
        .arg(&path)
        .args(["customer", "erase", &kari.to_string()])
        .output()
        .unwrap();
    assert!(!run.status.success(), "not without --yes");
    assert_eq!(s.store.customer(kari).unwrap().first_name, "Kari");
    let run = Command::new(env!("CARGO_BIN_EXE_salondesk"))
        .arg("--db")
        .arg(&path)
        .args(["customer", "erase", &kari.to_string(), "--yes"])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));

    // The reports: the same totals, her name gone from them.
    assert_eq!(s.store.no_show_report(tz, from, to, chrono::Weekday::Mon).unwrap().totals, no_shows);
    let after = s.store.discount_report(tz, from, to).unwrap();
    assert_eq!(
        (after.total_cents, &after.by_reason, after.no_show_first),
        (discounts.total_cents, &discounts.by_reason, discounts.no_show_first)
    );
    assert!(after.by_customer.iter().all(|(name, _, _)| !name.contains("Kari")));
    // Nothing finds her; her number stays blocked at the kiosk.
    assert!(s.store.search_customers("Kari", 10).unwrap().is_empty());
    assert!(s.store.search_customers("0151 23456789", 10).unwrap().is_empty());
    assert!(matches!(
        s.store.send_code("+49 151 23456789", Language::De),
        Err(KioskError::Refused(Refusal::Blocklisted))
    ));
    assert!(!document.path.exists(), "her document deleted from disk");
    let everyone = s.store.newsletter_audience(&salondesk::store::newsletters::Audience::default()).unwrap();
    assert!(everyone.skipped.contains(&(kari, salondesk::domain::newsletter::Skip::Erased)));
    let log = std::fs::read_to_string(salondesk::store::erase::log_path(&path)).unwrap();
    assert!(log.starts_with(&format!("{kari},")), "the erasure log: id and time only: {log}");

    // A scan of the whole file: none of her name, number, address or notes.
    drop(s.store);
    for needle in secrets {
        assert!(!file_holds(&path, needle), "{needle:?} is still in the file");
    }

    // A backup from before, restored: she is erased again.
    let run = Command::new(env!("CARGO_BIN_EXE_salondesk")).arg("--db").arg(&path).arg("restore").arg(&backup).output();
    let run = run.unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let store = salondesk::store::Store::open(&path, "test").unwrap();
    assert_eq!(store.customer(kari).unwrap().first_name, "—", "erased again after the restore");
    assert!(store.search_customers("Kari", 10).unwrap().is_empty());
}
