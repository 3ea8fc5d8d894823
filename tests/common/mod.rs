//! Shared set-up for the integration tests: a real SQLite file in a temp dir.
#![allow(dead_code)]

pub mod sinks;
pub mod tls;

use chrono::NaiveDate;
use salondesk::demo::{self, DemoPlan};
use salondesk::domain::Language;
use salondesk::domain::schedule::{DaySpan, Service, Staff, WorkDay};
use salondesk::domain::{Customer, Source};
use salondesk::store::{NewAppointment, Salon, Store};

pub struct TempSalon {
    pub dir: tempfile::TempDir,
    pub store: Store,
}

impl TempSalon {
    pub fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("salon.sqlite3")
    }
}

/// An empty salon in Berlin with two staff (Mon–Sat 9–18, lunch 13–13:30)
/// and two services.
pub fn salon() -> TempSalon {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::create(&dir.path().join("salon.sqlite3"), "desk").expect("open");
    store.save_salon(&Salon::default()).expect("salon");
    let day = Some(WorkDay { hours: DaySpan { start: 540, end: 1080 }, pause: Some(DaySpan { start: 780, end: 810 }) });
    for name in ["Lena", "Marco"] {
        store
            .save_staff(&Staff {
                id: 0,
                name: name.into(),
                week: [day, day, day, day, day, day, None],
                absences: vec![],
                active: true,
            })
            .expect("staff");
    }
    for (name, minutes, price) in [("Cut", 30, 3200), ("Colour", 90, 8500)] {
        store
            .save_service(&Service {
                id: 0,
                name: name.into(),
                minutes,
                price_cents: price,
                colour: "#c98b9a".into(),
                active: true,
                names: vec![],
            })
            .expect("service");
    }
    TempSalon { dir, store }
}

pub const TODAY: (i32, u32, u32) = (2026, 11, 23);

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2).unwrap()
}

/// The small demo salon, as the desk creates it on first start.
pub fn demo_salon(lang: Language) -> TempSalon {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::create(&dir.path().join("salon.sqlite3"), "desk").expect("open");
    demo::generate(&mut store, &DemoPlan::small(today(), lang)).expect("demo");
    TempSalon { dir, store }
}

/// A 30-minute "Cut" with Lena (staff 1, service 1 of `salon()`), booked at the desk.
pub fn cut_with_lena(customer: i64, start: salondesk::domain::clock::Instant) -> NewAppointment {
    NewAppointment {
        staff_id: 1,
        service_id: 1,
        customer_id: Some(customer),
        walk_in_name: String::new(),
        start,
        minutes: 30,
        price_cents: 3200,
        deposit_cents: 0,
        source: Source::Desk,
    }
}

/// Kari Nordmann (a German mobile number) with a cut at `start`: (customer, appointment).
pub fn kari_booked(store: &mut Store, start: salondesk::domain::clock::Instant) -> (i64, i64) {
    let kari = store
        .save_customer(&Customer {
            first_name: "Kari".into(),
            last_name: "Nordmann".into(),
            phone: "+49 151 23456789".into(),
            ..Default::default()
        })
        .expect("customer");
    (kari, store.book(&cut_with_lena(kari, start)).expect("booked"))
}

/// A connection of its own to the salon's file, as another program would
/// open it: raw SQL for what the store itself never offers.
pub fn raw(store: &Store) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(store.path()).expect("open the file");
    conn.busy_timeout(std::time::Duration::from_secs(5)).expect("busy timeout");
    conn
}
