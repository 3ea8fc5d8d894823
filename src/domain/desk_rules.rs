//! What the desk warns about before booking or moving an appointment (the
//! kiosk will refuse the same things, SPEC §3): a customer served by a
//! preferred staff member, a status's maximum appointments per period, and
//! a time the staff member is not there for (away, a day off, outside the
//! working hours) or that has passed.

use super::clock::{self, Instant};
use super::schedule::Staff;
use super::{CustomerStatus, Slot};
use chrono::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeskWarning {
    /// The customer's status keeps them with a preferred staff member, and the
    /// appointment goes to someone else (`preferred`: the card's choice, if any).
    PreferredStaff { preferred: Option<i64> },
    /// More than `max` appointments within `days` days.
    Limit { max: u32, days: u32 },
    /// The staff member is away that day (holiday, illness: the absence's reason).
    Absent { reason: String },
    /// The staff member does not work on that weekday.
    DayOff,
    /// Not all of it is within the staff member's working hours (or in the break).
    OutsideHours,
    /// It starts before now.
    InThePast,
}

/// Warnings about the time itself: whether the staff member is there for
/// all of `slot`, and whether it has already begun. Said only when the time
/// or the staff member is new (`changed`): an old appointment is not
/// warned about again at every edit.
pub fn schedule_warnings(
    staff: &Staff,
    tz: chrono_tz::Tz,
    slot: Slot,
    now: Instant,
    changed: bool,
) -> Vec<DeskWarning> {
    let mut warnings = Vec::new();
    if !changed {
        return warnings;
    }
    let date = clock::today(tz, slot.start);
    if let Some(absence) = staff.absence_on(date) {
        warnings.push(DeskWarning::Absent { reason: absence.reason.clone() });
    } else if staff.work_day(date).is_none() {
        warnings.push(DeskWarning::DayOff);
    } else if !staff.working_slots(tz, date).iter().any(|w| w.start <= slot.start && slot.end <= w.end) {
        warnings.push(DeskWarning::OutsideHours);
    }
    if slot.start < now {
        warnings.push(DeskWarning::InThePast);
    }
    warnings
}

/// The booking being checked.
pub struct Proposal {
    pub staff_id: i64,
    pub start: Instant,
    /// The staff member it had before (a move); `None` for a new booking.
    pub original_staff: Option<i64>,
}

pub fn desk_warnings(
    status: Option<&CustomerStatus>,
    preferred_staff: Option<i64>,
    proposal: &Proposal,
    other_starts: &[Instant],
) -> Vec<DeskWarning> {
    let mut warnings = Vec::new();
    let Some(status) = status else { return warnings };
    if status.preferred_staff {
        let away_from_preferred = preferred_staff.is_some_and(|p| p != proposal.staff_id);
        let moved_away = proposal.original_staff.is_some_and(|o| o != proposal.staff_id);
        if away_from_preferred || moved_away {
            warnings.push(DeskWarning::PreferredStaff { preferred: preferred_staff });
        }
    }
    if let (Some(max), Some(days)) = (status.max_appointments, status.max_period_days)
        && exceeds_limit(other_starts, proposal.start, max, days)
    {
        warnings.push(DeskWarning::Limit { max, days });
    }
    warnings
}

/// Whether some span of `days` days holding `new` would hold more than `max`
/// appointments (the others' starts plus the new one). The fullest such span
/// starts at one of the appointments, so only those starts are tried.
pub fn exceeds_limit(others: &[Instant], new: Instant, max: u32, days: u32) -> bool {
    let span = Duration::days(days as i64);
    let starts = others.iter().copied().filter(|&t| t <= new && new < t + span).chain([new]);
    starts.map(|s| 1 + others.iter().filter(|&&t| s <= t && t < s + span).count()).any(|count| count > max as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn day(d: u32) -> Instant {
        Utc.with_ymd_and_hms(2026, 11, d, 10, 0, 0).unwrap()
    }

    fn status(preferred_staff: bool, limit: Option<(u32, u32)>) -> CustomerStatus {
        CustomerStatus {
            name: "S".into(),
            preferred_staff,
            max_appointments: limit.map(|l| l.0),
            max_period_days: limit.map(|l| l.1),
            ..Default::default()
        }
    }

    fn lena() -> Staff {
        use crate::domain::schedule::{Absence, DaySpan, WorkDay};
        let day =
            Some(WorkDay { hours: DaySpan { start: 540, end: 1080 }, pause: Some(DaySpan { start: 780, end: 810 }) });
        let away = Absence {
            id: 1,
            staff_id: 1,
            first_day: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
            last_day: chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            reason: "Urlaub".into(),
        };
        // Monday to Friday; weekends off.
        Staff {
            id: 1,
            name: "Lena".into(),
            week: [day, day, day, day, day, None, None],
            absences: vec![away],
            active: true,
        }
    }

    fn berlin(d: u32, h: u32, m: u32, minutes: u32) -> Slot {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        Slot::new(clock::local_to_utc(chrono_tz::Europe::Berlin, date, h * 60 + m), minutes)
    }

    #[test]
    fn a_time_the_staff_member_is_not_there_for_or_that_has_passed_warns() {
        let tz = chrono_tz::Europe::Berlin;
        let now = berlin(23, 12, 0, 0).start;
        let warn = |slot: Slot| schedule_warnings(&lena(), tz, slot, now, true);
        assert_eq!(warn(berlin(24, 10, 0, 30)), vec![], "Tuesday 10:00, in her hours");
        assert_eq!(warn(berlin(26, 10, 0, 30)), vec![DeskWarning::Absent { reason: "Urlaub".into() }]);
        assert_eq!(warn(berlin(28, 10, 0, 30)), vec![DeskWarning::DayOff], "a Saturday");
        assert_eq!(warn(berlin(24, 17, 45, 30)), vec![DeskWarning::OutsideHours], "ends after 18:00");
        assert_eq!(warn(berlin(24, 12, 45, 30)), vec![DeskWarning::OutsideHours], "runs into the break");
        assert_eq!(warn(berlin(24, 8, 30, 30)), vec![DeskWarning::OutsideHours], "before 9:00");
        assert_eq!(warn(berlin(23, 10, 0, 30)), vec![DeskWarning::InThePast], "this morning");
        assert_eq!(
            warn(berlin(22, 10, 0, 30)),
            vec![DeskWarning::DayOff, DeskWarning::InThePast],
            "last Sunday: both are said"
        );
        assert_eq!(schedule_warnings(&lena(), tz, berlin(22, 10, 0, 30), now, false), vec![], "unchanged: quiet");
    }

    #[test]
    fn two_a_week_allows_a_third_only_a_week_apart() {
        let others = [day(2), day(5)];
        assert!(exceeds_limit(&others, day(6), 2, 7), "2, 5 and 6 fall in one week");
        assert!(!exceeds_limit(&others, day(9), 2, 7), "5 and 9 are one week; 2 is out of it");
        assert!(exceeds_limit(&others, day(1), 2, 7), "1, 2 and 5 fall in one week");
        assert!(!exceeds_limit(&[day(2)], day(3), 2, 7));
        assert!(!exceeds_limit(&[], day(3), 1, 7), "one alone is within a limit of one");
    }

    #[test]
    fn moving_a_preferred_staff_customer_to_someone_else_warns() {
        let s = status(true, None);
        let moved = Proposal { staff_id: 2, start: day(3), original_staff: Some(1) };
        assert_eq!(desk_warnings(Some(&s), None, &moved, &[]), [DeskWarning::PreferredStaff { preferred: None }]);
        let stays = Proposal { staff_id: 1, start: day(4), original_staff: Some(1) };
        assert!(desk_warnings(Some(&s), None, &stays, &[]).is_empty(), "a new time with the same person is fine");
        let new_elsewhere = Proposal { staff_id: 3, start: day(4), original_staff: None };
        assert_eq!(
            desk_warnings(Some(&s), Some(1), &new_elsewhere, &[]),
            [DeskWarning::PreferredStaff { preferred: Some(1) }]
        );
        let without_rule = status(false, None);
        assert!(desk_warnings(Some(&without_rule), Some(1), &new_elsewhere, &[]).is_empty());
    }

    #[test]
    fn the_limit_warns_only_for_statuses_that_have_one() {
        let limited = status(false, Some((1, 30)));
        let p = Proposal { staff_id: 1, start: day(20), original_staff: None };
        assert_eq!(desk_warnings(Some(&limited), None, &p, &[day(2)]), [DeskWarning::Limit { max: 1, days: 30 }]);
        assert!(desk_warnings(Some(&status(false, None)), None, &p, &[day(2)]).is_empty());
        assert!(desk_warnings(None, None, &p, &[day(2)]).is_empty(), "a walk-in has no status");
    }
}
