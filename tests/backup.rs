//! Backups and restores on real files: a copy taken while another program
//! writes is whole and restores the same rows; the rotation keeps exactly
//! what its rule says over 400 days and never deletes a file it did not
//! make; a restore is refused while the file is open, or from a damaged
//! copy; a backup killed at any moment leaves no half copy under a
//! backup's name.

mod common;

use chrono::{Duration, NaiveDateTime};
use salondesk::domain::{Customer, Language, retention};
use salondesk::store::backup::{self, Backup};
use salondesk::store::{Store, StoreError};
use std::path::Path;

/// Every row of a table, as text, in id order: what "the same rows" means.
fn rows(db: &Path, table: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let columns: Vec<String> = conn
        .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let all = columns.iter().map(|c| format!("quote({c})")).collect::<Vec<_>>().join(" || '|' || ");
    conn.prepare(&format!("SELECT {all} FROM {table} ORDER BY rowid"))
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn customer(n: usize) -> Customer {
    Customer { first_name: format!("Writer{n}"), last_name: "Test".into(), ..Default::default() }
}

#[test]
fn a_backup_taken_while_another_program_writes_is_whole_and_restores_the_same_rows() {
    let s = common::demo_salon(Language::De);
    let db = s.path();
    // Another program (the kiosk, say) saves customers all the while.
    let writer_db = db.clone();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stopped = stop.clone();
    let writer = std::thread::spawn(move || {
        let mut store = Store::open(&writer_db, "kiosk").unwrap();
        let mut n = 0;
        while !stopped.load(std::sync::atomic::Ordering::SeqCst) {
            store.save_customer(&customer(n)).unwrap();
            n += 1;
        }
        n
    });
    std::thread::sleep(std::time::Duration::from_millis(100));
    let made = s.store.back_up("manual").unwrap();
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let written = writer.join().unwrap();
    assert!(written > 0, "the other program kept writing");
    Store::check_file(&made.path).expect("the copy is whole");
    let in_backup = rows(&made.path, "customers");
    let now = rows(&db, "customers");
    assert!(in_backup.len() < now.len(), "a snapshot from before the last writes");
    assert_eq!(in_backup[..], now[..in_backup.len()], "and the rows it has are the file's rows");

    drop(s.store);
    let appointments = rows(&made.path, "appointments");
    let kept = backup::restore(&db, &made.path).unwrap().expect("the file as it was is kept");
    assert_eq!(rows(&db, "customers"), in_backup, "restored: the same rows");
    assert_eq!(rows(&db, "appointments"), appointments);
    assert_eq!(rows(&kept, "customers"), now, "the safety copy holds what the file held, the last writes too");
    assert!(!Path::new(&format!("{}-wal", db.display())).exists(), "no old log beside the restored file");
    Store::open(&db, "desk").expect("the desk opens the restored file");
}

#[test]
fn a_restore_is_refused_while_the_file_is_open_and_from_a_damaged_copy() {
    let s = common::demo_salon(Language::En);
    let db = s.path();
    let made = s.store.back_up("manual").unwrap();
    let before = rows(&db, "customers");
    assert!(matches!(backup::restore(&db, &made.path), Err(StoreError::InUse(_))), "the desk has it open");
    drop(s.store);

    let damaged = made.path.with_file_name("salon-20261201-120000.sqlite3");
    let mut bytes = std::fs::read(&made.path).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid..mid + 8192].fill(0x5a);
    std::fs::write(&damaged, &bytes).unwrap();
    let refused = backup::restore(&db, &damaged).expect_err("refused");
    assert!(matches!(refused, StoreError::Damaged(_)), "{refused:?}");
    let foreign = made.path.with_file_name("notes.sqlite3");
    rusqlite::Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE notes (text TEXT)").unwrap();
    assert!(matches!(backup::restore(&db, &foreign), Err(StoreError::NotSalondesk(_))));
    assert_eq!(rows(&db, "customers"), before, "the salon's file is as it was");
}

#[test]
fn four_hundred_days_of_backups_keep_exactly_what_the_rule_keeps_and_no_other_file_is_touched() {
    let mut s = common::salon();
    let folder = s.dir.path().join("backups");
    std::fs::create_dir_all(&folder).unwrap();
    // Files that are not this salon's automatic backups.
    let strangers = [
        "notes.txt",
        "salon-backup-old.sqlite3",
        "other-20250101-090000.sqlite3",
        "salon-20250101-090000-manual.sqlite3",
        "salon-20250101-090000-before-v13.sqlite3",
    ];
    for name in strangers {
        std::fs::write(folder.join(name), b"not ours to delete").unwrap();
    }
    let start = chrono::NaiveDate::from_ymd_opt(2025, 11, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
    let mut taken: Vec<NaiveDateTime> = Vec::new();
    for day in 0..400 {
        for hours in [0, 9] {
            let at = start + Duration::days(day) + Duration::hours(hours);
            s.store.set_now(Some(at.and_utc()));
            let made: Backup = s.store.back_up("").unwrap();
            assert_eq!(made.taken, at);
            taken.push(at);
        }
    }
    let now = *taken.last().unwrap();
    let expected: Vec<NaiveDateTime> =
        taken.iter().zip(retention::to_keep(&taken, now)).filter(|(_, keep)| *keep).map(|(t, _)| *t).collect();
    let mut left: Vec<NaiveDateTime> =
        s.store.backups().unwrap().into_iter().filter(|b| b.tag.is_empty()).map(|b| b.taken).collect();
    left.sort();
    assert_eq!(left, expected);
    assert!(left.len() <= 4 + retention::DAILY + retention::WEEKLY + retention::MONTHLY, "{}", left.len());
    assert!(now - left[0] > Duration::days(300), "a copy of about a year ago is still there: {}", left[0]);
    for name in strangers {
        assert_eq!(std::fs::read(folder.join(name)).unwrap(), b"not ours to delete", "{name} untouched");
    }
}

#[test]
fn documents_go_with_the_backup_each_copied_once() {
    let mut s = common::salon();
    let kari = s.store.save_customer(&customer(1)).unwrap();
    let scan = s.dir.path().join("consent.pdf");
    std::fs::write(&scan, b"%PDF-1.4 signed consent").unwrap();
    s.store.attach_document(kari, &scan).unwrap();
    s.store.back_up("").unwrap();
    let copies: Vec<_> = walk(&s.dir.path().join("backups/documents"));
    assert_eq!(copies.len(), 1, "{copies:?}");
    let first = std::fs::metadata(&copies[0]).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    s.store.set_now(Some(chrono::Utc::now() + Duration::hours(1)));
    s.store.back_up("").unwrap();
    assert_eq!(std::fs::metadata(&copies[0]).unwrap().modified().unwrap(), first, "not copied again");
    assert_eq!(std::fs::read(&copies[0]).unwrap(), b"%PDF-1.4 signed consent");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        if entry.path().is_dir() {
            found.extend(walk(&entry.path()));
        } else {
            found.push(entry.path());
        }
    }
    found
}

#[test]
fn the_daily_copy_is_made_once_a_day_and_at_closing_only_after_a_change() {
    let mut s = common::salon();
    let db = s.path();
    assert!(backup::daily(&db, chrono::Utc::now()).unwrap().is_some(), "the first start makes one");
    assert!(backup::daily(&db, chrono::Utc::now()).unwrap().is_none(), "not again the same day");
    assert!(backup::if_changed(&db).unwrap().is_none(), "nothing changed since");
    std::thread::sleep(std::time::Duration::from_millis(3000));
    s.store.save_customer(&customer(7)).unwrap();
    assert!(backup::if_changed(&db).unwrap().is_some(), "a new customer since the last copy");
}

#[test]
fn a_missing_backup_folder_is_said_and_nothing_is_written_elsewhere() {
    let mut s = common::salon();
    let usb = s.dir.path().join("usb-stick");
    s.store.set_config("backup.folder", usb.to_str().unwrap()).unwrap();
    let refused = s.store.back_up("").expect_err("refused");
    assert_eq!(refused, StoreError::BackupFolderMissing(usb.clone()));
    assert!(!usb.exists() && !s.dir.path().join("backups").exists());
    std::fs::create_dir(&usb).unwrap();
    let made = s.store.back_up("").unwrap();
    assert_eq!(made.path.parent(), Some(usb.as_path()), "plugged in: the copy goes there");
}

#[test]
fn a_backup_killed_at_any_moment_leaves_the_file_whole_and_no_half_copy_under_a_backups_name() {
    use rand::{Rng, SeedableRng};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("salon.sqlite3");
    let demo = std::process::Command::new(env!("CARGO_BIN_EXE_salondesk"))
        .arg("--db")
        .arg(&db)
        .args(["demo", "--customers", "4000", "--years", "2", "--staff", "4"])
        .output()
        .unwrap();
    assert!(demo.status.success(), "{}", String::from_utf8_lossy(&demo.stderr));
    let mut random = rand::rngs::StdRng::seed_from_u64(11);
    let mut finished = 0;
    for round in 0..12 {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_salondesk"))
            .arg("--db")
            .arg(&db)
            .arg("backup")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(random.random_range(0..400)));
        let _ = child.kill();
        finished += child.wait().unwrap().success() as usize;
        Store::check_file(&db).unwrap_or_else(|e| panic!("round {round}: the salon's file: {e}"));
        for b in backup::list(&db, &dir.path().join("backups")) {
            Store::check_file(&b.path)
                .unwrap_or_else(|e| panic!("round {round}: {} is not whole: {e}", b.path.display()));
        }
    }
    assert!(finished < 12, "some runs were killed halfway");
}
