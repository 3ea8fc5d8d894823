//! Benchmarks on the 10-year demo salon (DESIGN.md §6): 12 staff, 100 000
//! customers, ~300 000 appointments. The database is made once and kept in
//! `target/bench-10y.sqlite3` (set SALONDESK_BENCH_DB to use another file).

use chrono::{Duration, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use salondesk::demo::{self, DemoPlan};
use salondesk::domain::{Language, clock};
use salondesk::store::Store;
use salondesk::ui::app::{App, Message};
use salondesk::ui::drive;
use salondesk::ui::screen::calendar;
use std::hint::black_box;
use std::path::PathBuf;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn database() -> PathBuf {
    let path = std::env::var_os("SALONDESK_BENCH_DB")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-10y.sqlite3"));
    if !path.exists() {
        let started = std::time::Instant::now();
        let mut store = Store::create(&path, "demo").expect("create bench database");
        let plan = DemoPlan {
            customers: 100_000,
            years: 10,
            staff: 12,
            language: Language::De,
            today: today(),
            now: None,
            seed: 7,
        };
        let summary = demo::generate(&mut store, &plan).expect("demo");
        eprintln!("made {} in {:.1} s: {summary:?}", path.display(), started.elapsed().as_secs_f64());
    }
    // SALONDESK_BENCH_OUTBOX=0 measures the file without the outbox's history.
    if std::env::var_os("SALONDESK_BENCH_OUTBOX").is_none_or(|v| v != "0") {
        fill_outbox(&path);
    }
    path
}

/// Ten years of sent messages: 2 000 000 outbox rows (DESIGN.md §6), the
/// upcoming ones waiting, as the scheduler finds them.
fn fill_outbox(path: &std::path::Path) {
    // The schema is Salondesk's; the bulk rows go in over a plain connection.
    drop(Store::open(path, "bench").expect("open bench database"));
    let conn = rusqlite::Connection::open(path).expect("open bench database");
    let rows: i64 = conn.query_row("SELECT count(*) FROM outbox", [], |r| r.get(0)).unwrap();
    if rows >= 2_000_000 {
        return;
    }
    let started = std::time::Instant::now();
    let now = clock::local_to_utc(chrono_tz::Europe::Berlin, today(), 11 * 60).timestamp();
    conn.execute_batch("DELETE FROM outbox").unwrap();
    conn.execute(
        "WITH n(k) AS (VALUES (1), (2), (3), (4), (5), (6), (7), (8))
         INSERT INTO outbox (appointment_id, customer_id, kind, channel, rule, recipient, subject, body,
             message_id, due_at, state, next_at, sent_at, created_at, attempts)
         SELECT a.id, a.customer_id, CASE k WHEN 1 THEN 'confirmation' ELSE 'reminder' END,
                CASE k % 2 WHEN 0 THEN 'sms' ELSE 'email' END, 'bench' || k || '@' || a.starts_at,
                'kunde' || a.customer_id || '@example.de', 'Erinnerung an Ihren Termin',
                'Erinnerung: Damenhaarschnitt bei Salon Lumen, Dienstag, 24. November 2026 um 14:30 Uhr. Verhindert? Bitte absagen.',
                '<' || a.id || '.' || k || '@bench.salondesk>', a.starts_at - 3600 * k,
                CASE WHEN a.starts_at - 3600 * k > ?1 THEN 'queued' ELSE 'sent' END,
                CASE WHEN a.starts_at - 3600 * k > ?1 THEN a.starts_at - 3600 * k END,
                CASE WHEN a.starts_at - 3600 * k > ?1 THEN NULL ELSE a.starts_at - 3600 * k END,
                a.created_at, 1
         FROM appointments a, n WHERE a.customer_id IS NOT NULL LIMIT 2000000",
        [now],
    )
    .unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    eprintln!("filled the outbox (2 000 000 rows) in {:.1} s", started.elapsed().as_secs_f64());
}

fn store_benches(c: &mut Criterion) {
    let path = database();
    let store = Store::open(&path, "bench").unwrap();
    let tz = store.salon().unwrap().time_zone;

    let mut group = c.benchmark_group("customer search (100 000 customers)");
    for typed in ["a", "an", "ann", "mül", "soren o", "berg", "+49 15", "0612", "anna.m"] {
        group.bench_function(typed, |b| b.iter(|| black_box(store.search_customers(typed, 30).unwrap())));
    }
    group.finish();

    let mut day = 0i64;
    c.bench_function("load one day, 12 staff", |b| {
        b.iter(|| {
            // A different working day each time, over the ten years.
            day = (day + 37) % 3650;
            black_box(store.appointments_on_days(tz, today() - Duration::days(day), 1).unwrap())
        })
    });
    c.bench_function("load one week", |b| b.iter(|| black_box(store.appointments_on_days(tz, today(), 7).unwrap())));

    let from = clock::local_to_utc(tz, today(), 9 * 60);
    c.bench_function("next free slot, one staff member", |b| {
        b.iter(|| black_box(store.next_free_start(tz, 1, 90, from, None).unwrap()))
    });

    let month = (NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(), NaiveDate::from_ymd_opt(2026, 10, 31).unwrap());
    c.bench_function("no-show report, one month", |b| {
        b.iter(|| black_box(store.no_show_report(tz, month.0, month.1, chrono::Weekday::Mon).unwrap()))
    });
    c.bench_function("no-show report, one year", |b| {
        b.iter(|| {
            black_box(store.no_show_report(tz, today() - Duration::days(365), today(), chrono::Weekday::Mon).unwrap())
        })
    });
    let now = clock::local_to_utc(tz, today(), 11 * 60);
    c.bench_function("reminder overview, next 7 days (12 staff)", |b| {
        b.iter(|| black_box(store.reminder_overview(tz, today(), 7).unwrap()))
    });
    c.bench_function("call list for tomorrow, 12 staff", |b| {
        b.iter(|| black_box(store.call_list(tz, today() + Duration::days(1), now).unwrap()))
    });

    c.bench_function("open the file and load today's calendar", |b| {
        b.iter(|| {
            let s = Store::open(&path, "bench").unwrap();
            let salon = s.salon().unwrap();
            let staff = s.staff().unwrap();
            let services = s.services().unwrap();
            let count = s.customer_count().unwrap();
            black_box((salon, staff, services, count, s.appointments_on_days(tz, today(), 1).unwrap()))
        })
    });
}

/// Criterion reports means; the targets are p99. Times single calls and
/// prints p50/p99 (the numbers for the issue notes).
fn percentiles(_: &mut Criterion) {
    let path = database();
    let store = Store::open(&path, "bench").unwrap();
    let tz = store.salon().unwrap().time_zone;
    let report = |name: &str, mut f: Box<dyn FnMut(usize) + '_>| {
        // The first pass touches pages of the file for the first time (cold).
        for pass in ["cold", "warm"] {
            let mut times: Vec<f64> = (0..2000)
                .map(|i| {
                    let t = std::time::Instant::now();
                    f(i);
                    t.elapsed().as_secs_f64() * 1e6
                })
                .collect();
            times.sort_by(f64::total_cmp);
            eprintln!("{pass}: p50 {:>8.1} µs   p99 {:>8.1} µs   {name}", times[1000], times[1980]);
        }
    };
    let typed = ["a", "an", "ann", "mül", "soren o", "berg", "+49 15", "0612", "anna.m", "jürgen wei", "47"];
    report(
        "customer search, mixed prefixes",
        Box::new(|i| {
            black_box(store.search_customers(typed[i % typed.len()], 30).unwrap());
        }),
    );
    report(
        "load one day, 12 staff",
        Box::new(|i| {
            let day = (i as i64 * 37) % 3650;
            black_box(store.appointments_on_days(tz, today() - Duration::days(day), 1).unwrap());
        }),
    );
    let now = clock::local_to_utc(tz, today(), 11 * 60);
    let channels = [salondesk::message::defaults::Channel::Email, salondesk::message::defaults::Channel::Sms];
    report(
        "scheduler scan for due messages, 2 M outbox rows",
        Box::new(|i| {
            // As the scheduler runs: what fell due since its last look.
            let at = now + Duration::seconds((i as i64 * 7) % 600);
            black_box(store.due_messages(at, &channels, 50).unwrap());
        }),
    );
    report(
        "next due message and the badge's counts",
        Box::new(|_| {
            black_box(store.next_due().unwrap());
            black_box(store.outbox_counts(now).unwrap());
        }),
    );
    report(
        // What the kiosk loads when a service is tapped: everyone's free times
        // over the whole booking window (the default 90 days).
        "kiosk free times for a service, 90-day window x 12 staff (45 min)",
        Box::new(|i| {
            let at = now + Duration::minutes((i as i64 * 15) % (7 * 24 * 60));
            black_box(store.free_slots(45, None, at, 90).unwrap());
        }),
    );
    let from = clock::local_to_utc(tz, today(), 9 * 60);
    report(
        "next free slot, one staff member",
        Box::new(|i| {
            black_box(store.next_free_start(tz, 1 + (i % 12) as i64, 90, from, None).unwrap());
        }),
    );
}

fn ui_benches(c: &mut Criterion) {
    let path = database();
    let mut store = Store::open(&path, "bench").unwrap();
    let tz = store.salon().unwrap().time_zone;
    let now = clock::local_to_utc(tz, today(), 11 * 60 + 40);
    let (mut app, commands) = App::new(Ok(()), Some(Language::De), now);
    drive(&mut app, &mut store, commands);
    assert!(!app.calendar.appointments.is_empty());
    c.bench_function("calendar update + view (day, 12 staff)", |b| {
        b.iter(|| {
            let _ = app.update(Message::Calendar(calendar::Message::TogglePicker));
            black_box(app.view());
        })
    });
    let settings = iced::Settings { default_font: salondesk::ui::FONT, ..Default::default() };
    c.bench_function("calendar view + layout (day, 12 staff, 1366x768)", |b| {
        b.iter(|| {
            let ui = iced_test::Simulator::with_size(settings.clone(), (1366.0, 768.0), app.view());
            black_box(ui.into_messages().count())
        })
    });
}

fn demo_bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("demo generation");
    group.sample_size(10);
    group.bench_function("1 year, 10 000 customers, 12 staff", |b| {
        b.iter(|| {
            let dir = tempfile::tempdir().unwrap();
            let mut store = Store::create(&dir.path().join("d.sqlite3"), "demo").unwrap();
            let plan = DemoPlan {
                customers: 10_000,
                years: 1,
                staff: 12,
                language: Language::En,
                today: today(),
                now: None,
                seed: 7,
            };
            black_box(demo::generate(&mut store, &plan).unwrap())
        })
    });
    group.finish();
}

/// The data-safety figures (one-shot, printed): a backup of the 10-year
/// file and the longest wait of the desk's own reads meanwhile; importing
/// 10 000 customers into it.
fn data_benches(_: &mut Criterion) {
    let path = database();
    let tz = Store::open(&path, "bench").unwrap().salon().unwrap().time_zone;
    let out = tempfile::tempdir_in(path.parent().unwrap()).unwrap();
    for run in 0..3 {
        let target = out.path().join(format!("copy{run}.sqlite3"));
        let backup_path = path.clone();
        let started = std::time::Instant::now();
        let copying =
            std::thread::spawn(move || Store::open(&backup_path, "backup").unwrap().back_up_to(&target).unwrap());
        // The desk meanwhile: today's calendar, over and over, on its own connection.
        let desk = Store::open(&path, "bench").unwrap();
        let (mut longest, mut loads) = (std::time::Duration::ZERO, 0);
        while !copying.is_finished() {
            let t = std::time::Instant::now();
            black_box(desk.appointments_on_days(tz, today(), 1).unwrap());
            longest = longest.max(t.elapsed());
            loads += 1;
        }
        let bytes = copying.join().unwrap();
        eprintln!(
            "backup of the 10-year file: {:.2} s, {} MB; meanwhile {loads} day loads, the longest {:.2} ms",
            started.elapsed().as_secs_f64(),
            bytes / 1_000_000,
            longest.as_secs_f64() * 1000.0
        );
    }
    let mut list = String::from("First Name,Last Name,Mobile Number,Email,Date of Birth,Accepts Marketing\n");
    for i in 0..10_000 {
        list.push_str(&format!("Import{i},Kunde,0176 {:08},import{i}@example.de,1980-01-{:02},yes\n", i, 1 + i % 28));
    }
    let table = salondesk::import::parse(list.as_bytes(), None).unwrap();
    let copy = out.path().join("import.sqlite3");
    std::fs::copy(&path, &copy).unwrap();
    let mut store = Store::open(&copy, "bench").unwrap();
    let options = salondesk::store::import::ImportOptions { dry_run: true, ..Default::default() };
    let started = std::time::Instant::now();
    let done = store.import_customers(&table, options).unwrap();
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "import of 10 000 rows into 100 000 customers: {seconds:.2} s ({:.0} rows/s), without its backup",
        done.imported as f64 / seconds
    );
    let started = std::time::Instant::now();
    let done = store.import_customers(&table, Default::default()).unwrap();
    eprintln!(
        "the same with its backup first and kept: {:.2} s ({} imported)",
        started.elapsed().as_secs_f64(),
        done.imported
    );
}

/// The till on ten years of checkouts: saving one (on a copy of the file:
/// every iteration adds a record), a busy card's bonus ledger, the discount
/// report for a year, and the vouchers and referrals as Reports shows them.
fn till_benches(c: &mut Criterion) {
    use salondesk::domain::checkout::{Draft, Line, Method, Payment};
    let path = database();
    let store = Store::open(&path, "bench").unwrap();
    let tz = store.salon().unwrap().time_zone;
    let raw = rusqlite::Connection::open(&path).unwrap();
    let count = |sql: &str| -> i64 { raw.query_row(sql, [], |r| r.get(0)).unwrap() };
    eprintln!(
        "the 10-year file: {} checkout records, {} lines, {} payments, {} vouchers, {} bonus ledger lines, {} referrals",
        count("SELECT count(*) FROM checkouts"),
        count("SELECT count(*) FROM checkout_lines"),
        count("SELECT count(*) FROM checkout_payments"),
        count("SELECT count(*) FROM vouchers"),
        count("SELECT count(*) FROM points"),
        count("SELECT count(*) FROM customers WHERE referred_by IS NOT NULL"),
    );
    // The customer with the longest bonus ledger.
    let busiest: i64 = raw
        .query_row("SELECT customer_id FROM points GROUP BY customer_id ORDER BY count(*) DESC LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    c.bench_function("card: bonus ledger and records of the busiest customer", |b| {
        b.iter(|| black_box((store.points_ledger(busiest).unwrap(), store.checkouts_of(busiest).unwrap())))
    });
    let year = (NaiveDate::from_ymd_opt(2025, 11, 24).unwrap(), today());
    c.bench_function("discount report, one year", |b| {
        b.iter(|| black_box(store.discount_report(tz, year.0, year.1).unwrap()))
    });
    c.bench_function("reports: vouchers and referrals", |b| {
        b.iter(|| black_box(salondesk::ui::screen::reports::TillLists::read(&store, today()).unwrap()))
    });

    let out = tempfile::tempdir_in(path.parent().unwrap()).unwrap();
    let copy = out.path().join("till.sqlite3");
    drop(store);
    std::fs::copy(&path, &copy).unwrap();
    let mut store = Store::open(&copy, "bench").unwrap();
    let service = store.services().unwrap()[0].clone();
    let product = store.products().unwrap()[0].clone();
    let draft = Draft {
        customer_id: Some(busiest),
        staff_id: Some(1),
        lines: vec![
            Line::service(service.id, &service.name, service.price_cents, 1_900),
            Line::product(product.id, product.name.clone(), product.price_cents, 1_900),
        ],
        payments: vec![Payment::new(Method::Card, service.price_cents + product.price_cents)],
        till_receipt: "4711".into(),
        ..Draft::default()
    };
    c.bench_function("checkout save (service + product, card, bonus points)", |b| {
        b.iter(|| black_box(store.record_checkout(&draft).unwrap()))
    });
}

/// Newsletters and a customer's data on the 10-year file: whom a newsletter
/// reaches among 100 000 customers, and the export of the busiest customer.
fn privacy_benches(c: &mut Criterion) {
    use salondesk::store::newsletters::Audience;
    let path = database();
    let store = Store::open(&path, "bench").unwrap();
    let all = Audience::default();
    let reach = store.newsletter_reach(&all).unwrap();
    eprintln!("a newsletter to every status: {} recipients, {} left out", reach.count, reach.left_out());
    c.bench_function("newsletter recipients, every status (100 000 customers)", |b| {
        b.iter(|| black_box(store.newsletter_reach(&all).unwrap()))
    });
    let vip = store.statuses().unwrap().into_iter().find(|s| s.name == "VIP").map(|s| s.id).unwrap_or(2);
    let recent = Audience { statuses: vec![vip], visited_months: Some(12), ..Audience::default() };
    c.bench_function("newsletter recipients, VIP who came within 12 months", |b| {
        b.iter(|| black_box(store.newsletter_reach(&recent).unwrap()))
    });
    let raw = rusqlite::Connection::open(&path).unwrap();
    let busiest: i64 = raw
        .query_row(
            "SELECT customer_id FROM appointments WHERE customer_id IS NOT NULL GROUP BY customer_id ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("export.json");
    let size = {
        store.export_customer(busiest, &file).unwrap();
        std::fs::metadata(&file).unwrap().len()
    };
    eprintln!("the busiest customer's export: {} KB", size / 1024);
    c.bench_function("export of the busiest customer (10 years, JSON written)", |b| {
        b.iter(|| black_box(store.export_customer(busiest, &file).unwrap()))
    });
}

criterion_group!(
    benches,
    percentiles,
    store_benches,
    ui_benches,
    demo_bench,
    data_benches,
    till_benches,
    privacy_benches
);
criterion_main!(benches);
