//! Which automatic backups to keep, in the spirit of Anki's: everything from
//! the last two days; before that the first copy of each of the 7 newest
//! days, of the 5 newest weeks and of the 12 newest months that have copies.
//! The newest one is always kept. "First" rather than "newest" of a day, week
//! or month makes the rule the same whether it runs after every backup or
//! once: a copy it lets go would never be kept again later.

use chrono::{Datelike, Duration, NaiveDateTime};
use std::collections::{BTreeMap, HashSet};
use std::hash::Hash;

pub const DAILY: usize = 7;
pub const WEEKLY: usize = 5;
pub const MONTHLY: usize = 12;

/// For each backup taken at `taken[i]`: whether it stays.
pub fn to_keep(taken: &[NaiveDateTime], now: NaiveDateTime) -> Vec<bool> {
    let recent = |t: &NaiveDateTime| now - *t < Duration::days(2);
    let old: Vec<NaiveDateTime> = taken.iter().filter(|t| !recent(t)).copied().collect();
    let day = |t: &NaiveDateTime| t.date();
    let week = |t: &NaiveDateTime| (t.date().iso_week().year(), t.date().iso_week().week());
    let month = |t: &NaiveDateTime| (t.date().year(), t.date().month());
    let daily = firsts(&old, day, DAILY);
    let weekly = firsts(&old, week, WEEKLY);
    let monthly = firsts(&old, month, MONTHLY);
    let newest = taken.iter().max();
    taken
        .iter()
        .map(|t| Some(t) == newest || recent(t) || daily.contains(t) || weekly.contains(t) || monthly.contains(t))
        .collect()
}

/// The first copy of each of the `count` newest periods (`period` of a copy).
fn firsts<K: Ord + Hash>(
    copies: &[NaiveDateTime],
    period: impl Fn(&NaiveDateTime) -> K,
    count: usize,
) -> HashSet<NaiveDateTime> {
    let mut first: BTreeMap<K, NaiveDateTime> = BTreeMap::new();
    for t in copies {
        let entry = first.entry(period(t)).or_insert(*t);
        if t < entry {
            *entry = *t;
        }
    }
    first.into_values().rev().take(count).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(d: NaiveDate, h: u32) -> NaiveDateTime {
        d.and_hms_opt(h, 0, 0).unwrap()
    }

    /// One backup at 09:00 and one at 18:00 every day for `days` days up to `today`.
    fn twice_a_day(today: NaiveDate, days: i64) -> Vec<NaiveDateTime> {
        (0..days).flat_map(|n| [at(today - Duration::days(n), 9), at(today - Duration::days(n), 18)]).collect()
    }

    #[test]
    fn five_hundred_days_leave_two_days_whole_then_first_copies_of_days_weeks_and_months() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let now = at(today, 19);
        let taken = twice_a_day(today, 500);
        let kept: Vec<NaiveDateTime> =
            taken.iter().zip(to_keep(&taken, now)).filter(|(_, k)| *k).map(|(t, _)| *t).collect();
        let recent = kept.iter().filter(|t| now - **t < Duration::days(2)).count();
        assert_eq!(recent, 4, "both copies of today and of yesterday");
        let older: Vec<&NaiveDateTime> = kept.iter().filter(|t| now - **t >= Duration::days(2)).collect();
        assert!(older.iter().all(|t| t.format("%H").to_string() == "09"), "the first copy of a day: {older:?}");
        let months: HashSet<(i32, u32)> = older.iter().map(|t| (t.year(), t.month())).collect();
        assert_eq!(months.len(), MONTHLY, "a copy for each of twelve months");
        assert!(older.len() >= DAILY + MONTHLY && older.len() <= DAILY + WEEKLY + MONTHLY, "{}", older.len());
        let oldest = kept.iter().min().unwrap();
        assert!(now - *oldest > Duration::days(330) && now - *oldest < Duration::days(370), "{oldest}");
    }

    proptest::proptest! {
        /// Rotating after every backup leaves what rotating once would: a
        /// copy let go is never one the rule would want back.
        #[test]
        fn rotating_every_time_is_rotating_once(gaps in proptest::collection::vec(1u32..(60 * 40), 1..300)) {
            let mut at = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap().and_hms_opt(8, 0, 0).unwrap();
            let (mut all, mut kept) = (Vec::new(), Vec::new());
            for gap in gaps {
                at += Duration::minutes(gap as i64 * 10);
                all.push(at);
                kept.push(at);
                let keep = to_keep(&kept, at);
                kept = kept.into_iter().zip(keep).filter(|(_, k)| *k).map(|(t, _)| t).collect();
            }
            let once: Vec<NaiveDateTime> =
                all.iter().zip(to_keep(&all, at)).filter(|(_, k)| *k).map(|(t, _)| *t).collect();
            proptest::prop_assert_eq!(kept, once);
        }
    }

    #[test]
    fn the_newest_is_kept_however_old_and_nothing_else_is_needed() {
        let now = at(NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(), 12);
        let old = at(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(), 12);
        assert_eq!(to_keep(&[old], now), [true]);
        assert!(to_keep(&[], now).is_empty());
    }
}
