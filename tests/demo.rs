//! The demo salon: deterministic, and realistic enough to try the desk with.

mod common;

use common::{demo_salon, today};
use salondesk::demo::{self, DemoPlan};
use salondesk::domain::Language;
use salondesk::store::Store;

#[test]
fn the_same_plan_gives_the_same_salon() {
    let make = || {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(&dir.path().join("d.sqlite3"), "demo").unwrap();
        let summary = demo::generate(&mut store, &DemoPlan::small(today(), Language::Nl)).unwrap();
        let names: Vec<String> = store.search_customers("a", 30).unwrap().into_iter().map(|h| h.name).collect();
        (summary, names)
    };
    assert_eq!(make(), make());
}

#[test]
fn about_four_percent_no_shows_and_prices_in_the_currency() {
    for (lang, low, high) in [(Language::En, 1_000, 15_000), (Language::Nb, 10_000, 150_000)] {
        let s = demo_salon(lang);
        for service in s.store.services().unwrap() {
            assert!((low..=high).contains(&service.price_cents), "{lang:?} {}: {}", service.name, service.price_cents);
        }
        let (due, missed): (f64, f64) = common::raw(&s.store)
            .query_row(
                "SELECT count(*), total(state = 'no_show') FROM appointments WHERE state IN ('completed', 'no_show')",
                [],
                |r| Ok((r.get::<_, i64>(0)? as f64, r.get(1)?)),
            )
            .unwrap();
        let share = missed / due;
        assert!((0.025..0.06).contains(&share), "{lang:?}: {share:.3} of due appointments missed");
    }
}
