//! Which files Salondesk touches: commands that only read (`check`,
//! `report`, `config get`/`list`) write nothing — no folder, no log, no
//! `-wal`, no schema — and no command writes into a file that is not a
//! Salondesk database (an empty one, another program's), nor creates a
//! salon where the user pointed at none.

mod common;

use salondesk::store::{Store, StoreError};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn salondesk(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_salondesk")).arg("--db").arg(db).args(args).output().expect("salondesk runs")
}

/// Every file under `dir` with its size and modification time.
fn snapshot(dir: &Path) -> Vec<(PathBuf, u64, std::time::SystemTime)> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let meta = entry.metadata().unwrap();
            if meta.is_dir() {
                stack.push(entry.path());
            }
            found.push((entry.path(), meta.len(), meta.modified().unwrap()));
        }
    }
    found.sort();
    found
}

const READ_ONLY: [&[&str]; 4] = [
    &["check"],
    &["config", "get", "smtp.host"],
    &["config", "list"],
    &["report", "no-shows", "--from", "2026-01-01", "--to", "2026-12-31", "--csv"],
];

/// Runs every command that only reads on `db`, the report's CSV going to
/// `out`; returns their outputs.
fn read_only_commands(db: &Path, out: &Path) -> Vec<Output> {
    READ_ONLY
        .iter()
        .map(|args| {
            let mut args: Vec<&str> = args.to_vec();
            let csv = out.join("no-shows.csv");
            if args[0] == "report" {
                args.push(csv.to_str().unwrap());
            }
            salondesk(db, &args)
        })
        .collect()
}

#[test]
fn commands_that_only_read_leave_a_salons_folder_exactly_as_it_was() {
    let s = common::demo_salon(salondesk::domain::Language::De);
    let db = s.path();
    drop(s.store);
    let out = tempfile::tempdir().unwrap();
    let before = snapshot(s.dir.path());
    let bytes = std::fs::read(&db).unwrap();
    for (args, output) in READ_ONLY.iter().zip(read_only_commands(&db, out.path())) {
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    }
    assert_eq!(snapshot(s.dir.path()), before, "no file made, changed or touched: no -wal, no logs/");
    assert_eq!(std::fs::read(&db).unwrap(), bytes);
    assert!(out.path().join("no-shows.csv").exists(), "the report wrote what it was asked to");
}

#[test]
fn nothing_is_made_where_the_user_pointed_at_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("not/here/salon.sqlite3");
    let mut outputs = read_only_commands(&db, dir.path());
    outputs.push(salondesk(&db, &["config", "set", "smtp.host", "mail.example"]));
    outputs.push(salondesk(&db, &["send", "--once"]));
    for output in outputs {
        assert!(!output.status.success());
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(said.contains("no salon file"), "says why: {said}");
    }
    assert!(!dir.path().join("not").exists(), "no folder, no log, no database");
}

/// Another program's SQLite database, in its own journal mode.
fn foreign_database(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);
         INSERT INTO notes (text) VALUES ('buy milk'), ('call mum');",
    )
    .unwrap();
}

#[test]
fn an_empty_file_and_another_programs_database_are_refused_untouched_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.sqlite3");
    std::fs::write(&empty, b"").unwrap();
    let foreign = dir.path().join("notes.sqlite3");
    foreign_database(&foreign);
    let before = snapshot(dir.path());
    let foreign_bytes = std::fs::read(&foreign).unwrap();
    for db in [&empty, &foreign] {
        let mut outputs = read_only_commands(db, dir.path());
        outputs.push(salondesk(db, &["config", "set", "smtp.host", "mail.example"]));
        outputs.push(salondesk(db, &["send", "--once"]));
        outputs.push(salondesk(db, &["demo", "--customers", "10", "--years", "1"]));
        for output in outputs {
            assert!(!output.status.success(), "{} was used", db.display());
        }
        // The desk's own way in: a file that is there is opened, never made anew.
        assert!(matches!(Store::open(db, "desk"), Err(StoreError::NotSalondesk(p)) if p == *db));
    }
    let said = String::from_utf8_lossy(&salondesk(&foreign, &["check"]).stderr).to_string();
    assert!(said.contains("not a Salondesk database"), "{said}");
    assert_eq!(snapshot(dir.path()), before, "no -wal, no journal, no logs, no tables");
    assert_eq!(std::fs::read(&foreign).unwrap(), foreign_bytes);
    assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0);
}

#[test]
fn a_file_of_an_earlier_version_is_read_by_check_refused_by_report_and_upgraded_by_the_desk_after_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("salon.sqlite3");
    salondesk::store::create_at_version(&db, 1).unwrap();
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute("INSERT INTO salon (id, name, time_zone, currency, language) VALUES (1, 'Alt', 'Europe/Berlin', 'EUR', 'de')", [])
        .unwrap();
    let before = snapshot(dir.path());
    assert!(salondesk(&db, &["check"]).status.success(), "an old file is checked as it is");
    let report =
        salondesk(&db, &["report", "no-shows", "--from", "2026-01-01", "--to", "2026-01-31", "--csv", "/dev/null"]);
    assert!(
        String::from_utf8_lossy(&report.stderr).contains("earlier Salondesk"),
        "report says why it will not read it"
    );
    assert_eq!(snapshot(dir.path()), before);

    let upgraded = Store::open(&db, "desk").unwrap();
    assert_eq!(upgraded.salon().unwrap().name, "Alt");
    let copies: Vec<_> = std::fs::read_dir(dir.path().join("backups")).unwrap().flatten().map(|e| e.path()).collect();
    assert_eq!(copies.len(), 1, "one copy before the upgrade: {copies:?}");
    let name = copies[0].file_name().unwrap().to_string_lossy().to_string();
    assert!(
        name.starts_with("salon-") && name.ends_with(&format!("-before-v{}.sqlite3", salondesk::store::SCHEMA_VERSION)),
        "{name}"
    );
    let version: i64 =
        rusqlite::Connection::open(&copies[0]).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, 1, "the copy is the file as it was");
    Store::check_file(&copies[0]).expect("a whole copy");
}

#[test]
fn a_demo_killed_halfway_leaves_no_salon_that_looks_whole_and_runs_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("salon.sqlite3");
    let mut child = Command::new(env!("CARGO_BIN_EXE_salondesk"))
        .arg("--db")
        .arg(&db)
        .args(["demo", "--customers", "30000", "--years", "3", "--staff", "6"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
    child.kill().unwrap();
    let finished = child.wait().unwrap().success();
    if !finished {
        assert!(!db.exists(), "no salon file until the demo is whole");
        assert!(matches!(Store::open(&db, "desk"), Err(StoreError::Missing(_))));
    }
    let again = salondesk(&db, &["demo", "--customers", "200", "--years", "1", "--staff", "2"]);
    assert!(again.status.success() || finished, "{}", String::from_utf8_lossy(&again.stderr));
    let store = Store::open_read_only(&db, "check").unwrap();
    assert!(store.is_set_up().unwrap() && store.customer_count().unwrap() > 0, "a whole salon");
}
