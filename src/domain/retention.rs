//! Which automatic backups to keep, in the spirit of Anki's: everything from
//! the last two days, then the newest of each of 7 days, of 5 weeks and of
//! 12 months before that. The newest one is always kept.

use chrono::{Datelike, Duration, NaiveDateTime};
use std::collections::HashSet;

pub const DAILY: usize = 7;
pub const WEEKLY: usize = 5;
pub const MONTHLY: usize = 12;

/// For each backup taken at `taken[i]`: whether it stays.
pub fn to_keep(taken: &[NaiveDateTime], now: NaiveDateTime) -> Vec<bool> {
    let mut order: Vec<usize> = (0..taken.len()).collect();
    order.sort_by_key(|i| std::cmp::Reverse(taken[*i]));
    let mut keep = vec![false; taken.len()];
    // The days, weeks and months a kept copy already stands for, and how many
    // copies each kind of slot holds.
    let (mut days, mut weeks, mut months) = (HashSet::new(), HashSet::new(), HashSet::new());
    let (mut daily, mut weekly, mut monthly) = (0, 0, 0);
    for (rank, &i) in order.iter().enumerate() {
        let t = taken[i];
        let day = t.date();
        let week = (day.iso_week().year(), day.iso_week().week());
        let month = (day.year(), day.month());
        let (new_day, new_week, new_month) = (!days.contains(&day), !weeks.contains(&week), !months.contains(&month));
        keep[i] = if rank == 0 || now - t < Duration::days(2) {
            true
        } else if new_day && daily < DAILY {
            daily += 1;
            true
        } else if new_day && new_week && weekly < WEEKLY {
            weekly += 1;
            true
        } else if new_day && new_week && new_month && monthly < MONTHLY {
            monthly += 1;
            true
        } else {
            false
        };
        if keep[i] {
            days.insert(day);
            weeks.insert(week);
            months.insert(month);
        }
    }
    keep
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
    fn four_hundred_days_leave_two_days_whole_then_days_weeks_and_months() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let now = at(today, 19);
        let taken = twice_a_day(today, 500);
        let kept: Vec<NaiveDateTime> =
            taken.iter().zip(to_keep(&taken, now)).filter(|(_, k)| *k).map(|(t, _)| *t).collect();
        let recent = kept.iter().filter(|t| now - **t < Duration::days(2)).count();
        assert_eq!(recent, 4, "both copies of today and yesterday (and the day before's evening)");
        let older: Vec<&NaiveDateTime> = kept.iter().filter(|t| now - **t >= Duration::days(2)).collect();
        assert_eq!(older.len(), DAILY + WEEKLY + MONTHLY, "{older:?}");
        // One per day among the older ones: never two of the same day.
        let days: HashSet<NaiveDate> = older.iter().map(|t| t.date()).collect();
        assert_eq!(days.len(), older.len());
        // The oldest kept is a little over a year back, not 500 days.
        let oldest = kept.iter().min().unwrap();
        assert!(now - *oldest > Duration::days(330) && now - *oldest < Duration::days(450), "{oldest}");
    }

    #[test]
    fn the_newest_is_kept_however_old_and_nothing_else_is_needed() {
        let now = at(NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(), 12);
        let old = at(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(), 12);
        assert_eq!(to_keep(&[old], now), [true]);
        assert!(to_keep(&[], now).is_empty());
    }

    #[test]
    fn a_gap_of_weeks_keeps_what_there_is() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let now = at(today, 12);
        // A desk opened only every ten days, and not at all lately.
        let taken: Vec<NaiveDateTime> = (0..10).map(|n| at(today - Duration::days(60 + 10 * n), 9)).collect();
        let keep = to_keep(&taken, now);
        assert!(keep.iter().all(|k| *k), "seven as days, three as weeks: all ten kept");
    }
}
