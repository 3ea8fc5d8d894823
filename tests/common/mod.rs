//! Shared set-up for the integration tests: a real SQLite file in a temp dir.
#![allow(dead_code)]

pub mod sinks;

use chrono::NaiveDate;
use salondesk::demo::{self, DemoPlan};
use salondesk::domain::Language;
use salondesk::domain::schedule::{DaySpan, Service, Staff, WorkDay};
use salondesk::store::{Salon, Store};

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
    let mut store = Store::open(&dir.path().join("salon.sqlite3"), "desk").expect("open");
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
    let mut store = Store::open(&dir.path().join("salon.sqlite3"), "desk").expect("open");
    demo::generate(&mut store, &DemoPlan::small(today(), lang)).expect("demo");
    TempSalon { dir, store }
}
