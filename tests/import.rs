//! Importing customers from another program, on real files: the encodings
//! and separators Excel and salon programs write, a messy list of 10 000
//! rows, duplicates, blocked customers, all or nothing — also when the
//! process is killed — and undoing it with the backup made just before.

mod common;

use salondesk::domain::customer::Consent;
use salondesk::import::{Encoding, parse};
use salondesk::store::import::{Duplicates, ImportOptions, Outcome, Why};
use salondesk::store::{Store, StoreError};

fn options() -> ImportOptions {
    ImportOptions::default()
}

fn names(store: &Store) -> Vec<String> {
    let mut found: Vec<String> =
        store.search_customers("", 100_000).unwrap_or_default().into_iter().map(|h| h.name).collect();
    found.sort();
    found
}

fn count(store: &Store) -> i64 {
    store.customer_count().unwrap()
}

#[test]
fn lists_in_each_encoding_and_separator_come_in_with_their_letters() {
    let files: [(&str, Vec<u8>); 3] = [
        ("UTF-8 with BOM, semicolons", "\u{feff}Vorname;Nachname;Handy\nJürgen;Groß;0151 23456789\n".into()),
        ("Windows-1252, commas", b"First Name,Last Name,Mobile Phone\r\nJ\xfcrgen,Gro\xdf,0151 23456789\r\n".to_vec()),
        ("UTF-8, tabs, quoted", "Fornavn\tEtternavn\tMobil\n\"Jürgen\"\t\"Groß\"\t\"0151 23456789\"\n".into()),
    ];
    for (what, bytes) in files {
        let mut s = common::salon();
        let table = parse(&bytes, None).unwrap();
        let done = s.store.import_customers(&table, options()).unwrap();
        assert_eq!(done.imported, 1, "{what}");
        let kari = s.store.customer(s.store.search_customers("groß", 1).unwrap()[0].id).unwrap();
        assert_eq!((kari.first_name.as_str(), kari.last_name.as_str()), ("Jürgen", "Groß"), "{what}");
        assert_eq!(kari.phone, "+4915123456789", "{what}: the salon's country (Germany) made the number whole");
    }
    let told = parse(b"First,Last\nJ\xfcrgen,Gro\xdf\n", Some(Encoding::Windows1252)).unwrap();
    assert_eq!(told.rows[0].1, ["Jürgen", "Groß"]);
}

/// A messy export: 10 000 rows, with empty names, bad dates and addresses,
/// numbers twice, stray quotes, very long fields, rows too short and too long.
fn messy() -> (String, usize) {
    let mut text =
        String::from("First Name,Last Name,Mobile Number,Email,Date of Birth,Notes,Accepts Marketing,Blocked\n");
    for i in 0..10_000 {
        let row = match i % 10 {
            0 => format!(",,0151 {:08},,,,,\n", i),
            1 => format!("Anna{i},Meier,0151 {:08},anna{i}@example.com,31.02.1990,,yes,\n", i),
            2 => format!("Ben{i},\"Stray \"\"quote\"\" O'Neil\",,ben{i}@example,1985-07-14,,no,\n"),
            3 => format!("Cleo{i},{} ,,,,\"{}\",,\n", "L".repeat(400), "note, with comma\nand a line break"),
            4 => format!("Dora{i},Dup,0152 99999999,,03.04.1990,,,\n"), // the same number every time
            5 => format!("Emil{i},Short\n"),
            6 => format!("Finn{i},Long,,,,,,,extra,fields,here\n"),
            7 => format!("Gus{i},Blocked,0160 {:07},gus{i}@example.com,,,,yes\n", i),
            8 => "\n".to_string(),
            _ => format!("Hanne{i},Ok,0171 {:07},hanne{i}@example.com,12.12.1980,regular,ja,nein\n", i),
        };
        text.push_str(&row);
    }
    // Row 8 of each ten is an empty line, which CSV readers skip.
    (text, 9_000)
}

#[test]
fn a_messy_list_of_ten_thousand_rows_comes_in_with_every_skipped_or_changed_row_said() {
    let mut s = common::salon();
    let (text, rows) = messy();
    let table = parse(text.as_bytes(), None).unwrap();
    assert_eq!(table.rows.len(), rows);
    let done = s.store.import_customers(&table, options()).unwrap();
    assert_eq!(done.imported + done.merged + done.skipped, rows, "every row accounted for");
    assert_eq!(count(&s.store) as usize, done.imported);
    let skipped_lines = done.lines.iter().filter(|l| l.outcome == Outcome::Skipped).count();
    assert_eq!(skipped_lines, done.skipped, "each skipped row is in the report");
    let no_name = done.lines.iter().filter(|l| matches!(l.why, Why::Skip(_))).count();
    assert_eq!(no_name, 1_000, "the rows without a name");
    let repeated = done.lines.iter().filter(|l| matches!(l.why, Why::RepeatedInFile(_))).count();
    assert_eq!(repeated, 999, "the same number 1 000 times: the first comes in");
    let bad_dates = done
        .lines
        .iter()
        .filter(|l| matches!(l.why, Why::Changed(salondesk::domain::import::Change::BadDate(_))))
        .count();
    assert_eq!(bad_dates, 1_000, "31 February is said, the card comes in without it");
    assert!(done.lines.iter().any(|l| matches!(l.why, Why::Changed(salondesk::domain::import::Change::Cut(_, 200)))));
    // What came in is right.
    let ben = s.store.customer(s.store.search_customers("Ben12", 1).unwrap()[0].id).unwrap();
    assert_eq!(ben.last_name, "Stray \"quote\" O'Neil");
    assert_eq!((ben.email.as_str(), ben.marketing), ("", Consent::Objected), "no address, and the objection kept");
    let cleo = s.store.customer(s.store.search_customers("Cleo13", 1).unwrap()[0].id).unwrap();
    assert_eq!(cleo.notes, "note, with comma\nand a line break");
    let hanne = s.store.customer(s.store.search_customers("Hanne19", 1).unwrap()[0].id).unwrap();
    assert_eq!(hanne.birthday, chrono::NaiveDate::from_ymd_opt(1980, 12, 12));
    assert_eq!(hanne.marketing, Consent::Granted);
    // Blocked customers come in blocked: their number is on the blocklist.
    let blocked = s.store.blocklist().unwrap();
    assert_eq!(blocked.len(), 2_000, "number and address of 1 000 blocked customers");
    assert!(done.backup.as_ref().is_some_and(|b| b.exists()), "the copy from just before");
}

#[test]
fn duplicates_are_skipped_or_merged_and_merging_overwrites_nothing() {
    let mut s = common::salon();
    let (kari, _) = common::kari_booked(&mut s.store, chrono::Utc::now() + chrono::Duration::days(3));
    let mut card = s.store.customer(kari).unwrap();
    card.marketing = Consent::Objected;
    s.store.save_customer(&card).unwrap();
    let list = "Name;Phone;E-Mail;Birthday;Newsletter\nKari N.;+49 151 23456789;kari@example.com;03.04.1990;ja\n";
    let table = parse(list.as_bytes(), None).unwrap();
    let skipped = s.store.import_customers(&table, options()).unwrap();
    assert_eq!((skipped.imported, skipped.skipped), (0, 1));
    assert_eq!(skipped.lines[0].why, Why::Duplicate(kari));
    let merged =
        s.store.import_customers(&table, ImportOptions { duplicates: Duplicates::Merge, ..options() }).unwrap();
    assert_eq!(merged.merged, 1);
    let after = s.store.customer(kari).unwrap();
    assert_eq!((after.first_name.as_str(), after.last_name.as_str()), ("Kari", "Nordmann"), "the name stays");
    assert_eq!(after.email, "kari@example.com", "what the card lacked is filled in");
    assert_eq!(after.birthday, chrono::NaiveDate::from_ymd_opt(1990, 4, 3));
    assert_eq!(after.marketing, Consent::Objected, "an objection is never undone by an import");
    assert_eq!(count(&s.store), 1);
}

#[test]
fn a_dry_run_keeps_nothing_and_ambiguous_dates_are_asked_about() {
    let mut s = common::salon();
    let list = "Name,Birthday\nAnna,03/04/1990\nBen,01/02/1985\n";
    let table = parse(list.as_bytes(), None).unwrap();
    let asked = s.store.import_customers(&table, options()).unwrap_err();
    assert!(matches!(asked, StoreError::Invalid(salondesk::domain::InputError::Choice("dates", _))), "{asked:?}");
    let dry = s
        .store
        .import_customers(
            &table,
            ImportOptions { dry_run: true, dates: Some(salondesk::domain::import::DateOrder::DayFirst), ..options() },
        )
        .unwrap();
    assert_eq!(dry.imported, 2);
    assert_eq!(count(&s.store), 0, "a dry run keeps nothing");
    assert!(dry.backup.is_none());
    // One row's date can only be month-first: the file says how to read the others.
    let us = parse(b"Name,Birthday\nAnna,03/04/1990\nBen,12/25/1985\n", None).unwrap();
    s.store.import_customers(&us, options()).unwrap();
    let anna = s.store.customer(s.store.search_customers("Anna", 1).unwrap()[0].id).unwrap();
    assert_eq!(anna.birthday, chrono::NaiveDate::from_ymd_opt(1990, 3, 4));
}

#[test]
fn an_import_that_fails_halfway_keeps_nothing_and_the_backup_undoes_a_whole_one() {
    let mut s = common::salon();
    let before = names(&s.store);
    let (text, _) = messy();
    let table = parse(text.as_bytes(), None).unwrap();
    // The disk "fills up" at the 500th new customer.
    common::raw(&s.store)
        .execute_batch(
            "CREATE TRIGGER full_disk BEFORE INSERT ON customers WHEN (SELECT count(*) FROM customers) >= 500
             BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;",
        )
        .unwrap();
    assert!(s.store.import_customers(&table, options()).is_err());
    assert_eq!(names(&s.store), before, "not one customer of a failed import");
    common::raw(&s.store).execute_batch("DROP TRIGGER full_disk").unwrap();

    let done = s.store.import_customers(&table, options()).unwrap();
    assert!(count(&s.store) > 5_000);
    let path = s.path();
    drop(s.store);
    salondesk::store::backup::restore(&path, done.backup.as_ref().unwrap()).unwrap();
    assert_eq!(names(&Store::open(&path, "desk").unwrap()), before, "undone as a whole");
}

#[test]
fn an_import_killed_at_any_moment_leaves_all_or_nothing() {
    use rand::{Rng, SeedableRng};
    let s = common::salon();
    let path = s.path();
    drop(s.store);
    let list = s.dir.path().join("list.csv");
    std::fs::write(&list, messy().0).unwrap();
    let pristine = s.dir.path().join("pristine.sqlite3");
    std::fs::copy(&path, &pristine).unwrap();
    let mut random = rand::rngs::StdRng::seed_from_u64(5);
    let (mut whole, mut killed) = (None, 0);
    for round in 0..8 {
        // Each round on the salon as it was before any import.
        std::fs::copy(&pristine, &path).unwrap();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_salondesk"))
            .arg("--db")
            .arg(&path)
            .args(["import", "customers"])
            .arg(&list)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(random.random_range(50..1500)));
        let _ = child.kill();
        let finished = child.wait().unwrap().success();
        let n = count(&Store::open(&path, "check").unwrap());
        // All or nothing: none, or as many as every whole import brings (a
        // kill after the commit leaves the whole import).
        assert!(n == 0 || whole.is_none_or(|w| w == n), "round {round}: {n} customers, a whole import is {whole:?}");
        assert!(n > 0 || !finished, "round {round}: a finished import brought nobody");
        if n > 0 {
            whole = Some(n);
        }
        killed += usize::from(!finished);
    }
    assert!(killed > 0, "some imports were killed halfway");
}

mod never_panics {
    use super::*;
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
        /// Whatever the bytes, the reader and the import answer — and an
        /// import is all or nothing.
        #[test]
        fn arbitrary_bytes(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600), header in 0usize..3) {
            let headers = ["First Name,Last Name,Phone\n", "Name;E-Mail;Birthday\n", ""];
            let mut file = headers[header].as_bytes().to_vec();
            file.extend(bytes);
            let mut s = common::salon();
            if let Ok(table) = parse(&file, None) {
                let rows = table.rows.len();
                match s.store.import_customers(&table, options()) {
                    Ok(done) => {
                        proptest::prop_assert_eq!(count(&s.store) as usize, done.imported);
                        proptest::prop_assert_eq!(done.imported + done.merged + done.skipped, rows);
                    }
                    Err(_) => proptest::prop_assert_eq!(count(&s.store), 0),
                }
            }
        }
    }
}

#[test]
fn the_command_line_says_what_it_did_in_the_salons_language_and_writes_the_report() {
    let s = common::demo_salon(salondesk::domain::Language::De);
    let path = s.path();
    drop(s.store);
    let list = s.dir.path().join("kunden.csv");
    std::fs::write(&list, "Vorname;Nachname;Geburtstag\nAnna;Meier;31.02.1990\n;;\n;Ohne Vorname;\n").unwrap();
    let report = s.dir.path().join("bericht.csv");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_salondesk"))
        .arg("--db")
        .arg(&path)
        .args(["import", "customers"])
        .arg(&list)
        .arg("--report")
        .arg(&report)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(said.contains("2 Kunden importiert") && said.contains("1 übersprungen"), "{said}");
    assert!(said.contains("salondesk restore"), "how to undo it: {said}");
    let written = std::fs::read_to_string(&report).unwrap();
    assert!(written.contains("Zeile;Ergebnis;Grund"), "{written}");
    assert!(written.contains("2;importiert;Geburtstag „31.02.1990“ ist kein Datum: weggelassen"), "{written}");
    assert!(written.contains("3;übersprungen;leere Zeile"), "{written}");
}
