//! Back-test of the no-show risk on the demo salon's history: scoring every
//! past appointment with only what was known when it was booked, do the
//! high-risk ones miss more often than the medium, and those than the low?

mod common;

use chrono::NaiveDate;
use salondesk::demo::{self, DemoPlan};
use salondesk::domain::risk::{RiskLevel, assess};
use salondesk::domain::{AppointmentState, Language};
use salondesk::store::Store;
use std::collections::BTreeMap;

#[test]
fn high_risk_appointments_miss_more_often() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("b.sqlite3"), "desk").unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let plan = DemoPlan { customers: 4000, years: 2, staff: 6, ..DemoPlan::small(today, Language::En) };
    demo::generate(&mut store, &plan).unwrap();
    let tz = store.salon().unwrap().time_zone;
    let past = store.appointments_on_days(tz, today - chrono::Duration::days(2 * 365), 2 * 365).unwrap();
    // (due, missed) per level; cancellations were never due.
    let mut by_level: BTreeMap<RiskLevel, (u32, u32)> = BTreeMap::new();
    for a in past.iter().filter(|a| matches!(a.state, AppointmentState::Completed | AppointmentState::NoShow)) {
        let risk = assess(&store.risk_inputs(a).unwrap());
        let entry = by_level.entry(risk.level).or_default();
        entry.0 += 1;
        entry.1 += (a.state == AppointmentState::NoShow) as u32;
    }
    let rate = |l: RiskLevel| {
        let (due, missed) = by_level.get(&l).copied().unwrap_or_default();
        eprintln!("{l:?}: {missed} of {due} missed ({:.1} %)", 100.0 * missed as f64 / due.max(1) as f64);
        missed as f64 / due.max(1) as f64
    };
    let (low, medium, high) = (rate(RiskLevel::Low), rate(RiskLevel::Medium), rate(RiskLevel::High));
    assert!(by_level.values().all(|(due, _)| *due >= 100), "every level has enough appointments: {by_level:?}");
    assert!(high > medium && medium > low, "low {low:.3} < medium {medium:.3} < high {high:.3}");
    assert!(high > 2.0 * low, "high risk misses at least twice as often as low");
}
