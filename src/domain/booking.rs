//! The rules a booking made by the customer at the kiosk obeys (SPEC §6):
//! the salon's booking window, the customer's status, the blocklist, staff
//! closed to new customers. Each refusal is a reason the kiosk explains in the
//! customer's language and the salon sees in its log.

use super::InputError;
use super::appointment::Slot;
use super::clock::Instant;
use super::desk_rules::exceeds_limit;
use super::status::CustomerStatus;
use chrono::Duration;

/// How far ahead, and how shortly before, customers may book themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BookingWindow {
    /// "Not earlier than": at most this many days before the appointment (1–360).
    pub max_days_ahead: u32,
    /// "Not later than": at least this many minutes before it (5 min – 60 days).
    pub min_notice_minutes: u32,
}

impl Default for BookingWindow {
    fn default() -> Self {
        BookingWindow { max_days_ahead: 90, min_notice_minutes: 60 }
    }
}

impl BookingWindow {
    pub fn validated(self) -> Result<BookingWindow, InputError> {
        if !(1..=360).contains(&self.max_days_ahead) {
            return Err(InputError::Number(self.max_days_ahead.to_string()));
        }
        if !(5..=60 * 24 * 60).contains(&self.min_notice_minutes) {
            return Err(InputError::Number(self.min_notice_minutes.to_string()));
        }
        Ok(self)
    }

    /// The first and last start a customer may book at `now`.
    pub fn bounds(self, now: Instant) -> (Instant, Instant) {
        (now + Duration::minutes(self.min_notice_minutes as i64), now + Duration::days(self.max_days_ahead as i64))
    }

    pub fn check(self, start: Instant, now: Instant) -> Result<(), Refusal> {
        let (earliest, latest) = self.bounds(now);
        if start < earliest {
            return Err(Refusal::TooShortNotice);
        }
        if start > latest {
            return Err(Refusal::TooFarAhead);
        }
        Ok(())
    }
}

/// Whether "I'm here" may mark an appointment starting at `start` arrived at
/// `now`: from `before` ahead of its start to `after` past it — a missed
/// appointment cannot be checked in afterwards.
pub fn check_in_open(start: Instant, now: Instant, before: Duration, after: Duration) -> bool {
    start - before <= now && now <= start + after
}

/// How many numbers the kiosk looks up in a minute: enough for a queue at
/// the desk, too few to walk through the salon's customers.
pub const LOOKUPS_PER_MINUTE: i64 = 8;

/// How long a kiosk code is valid, how often it may be tried, and how soon
/// another may be sent.
pub const CODE_MINUTES: i64 = 10;
pub const CODE_TRIES: i64 = 3;
pub const CODE_RESEND_SECONDS: i64 = 60;
/// How many codes one number gets in an hour.
pub const CODES_PER_HOUR: i64 = 3;

/// Why the kiosk does not book (or waits for the salon).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("too short notice")]
    TooShortNotice,
    #[error("too far ahead")]
    TooFarAhead,
    #[error("this status may not book itself")]
    MayNotSelfBook,
    #[error("on the blocklist")]
    Blocklisted,
    #[error("the status's limit of appointments is reached")]
    LimitReached,
    #[error("the service cannot be booked by this status")]
    ServiceNotBookable,
    #[error("the staff member takes no new customers")]
    StaffClosedToNew,
    #[error("the time was just taken")]
    SlotTaken,
    #[error("wrong code")]
    WrongCode,
    #[error("the code expired or was tried too often")]
    CodeExpired,
    #[error("please wait before asking for another code")]
    CodeTooSoon,
    #[error("check-in is open only around the appointment's start")]
    CheckInClosed,
    #[error("too many numbers tried at the kiosk just now")]
    TooManyLookups,
    #[error("no more codes for this number this hour")]
    CodeLimit,
    /// A rule of a card whose number was not proven: said without its status.
    #[error("to be booked at the desk")]
    NeedsDesk,
}

impl Refusal {
    pub const ALL: [Refusal; 15] = [
        Refusal::TooShortNotice,
        Refusal::TooFarAhead,
        Refusal::MayNotSelfBook,
        Refusal::Blocklisted,
        Refusal::LimitReached,
        Refusal::ServiceNotBookable,
        Refusal::StaffClosedToNew,
        Refusal::SlotTaken,
        Refusal::WrongCode,
        Refusal::CodeExpired,
        Refusal::CodeTooSoon,
        Refusal::CheckInClosed,
        Refusal::TooManyLookups,
        Refusal::NeedsDesk,
        Refusal::CodeLimit,
    ];

    /// The refusal a stored code stands for.
    pub fn parse(code: &str) -> Option<Refusal> {
        Refusal::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The key of the kind words the customer reads ("kiosk-refused-…").
    pub fn code(self) -> &'static str {
        match self {
            Refusal::TooShortNotice => "too-short-notice",
            Refusal::TooFarAhead => "too-far-ahead",
            Refusal::MayNotSelfBook => "may-not-self-book",
            Refusal::Blocklisted => "blocklisted",
            Refusal::LimitReached => "limit-reached",
            Refusal::ServiceNotBookable => "service-not-bookable",
            Refusal::StaffClosedToNew => "staff-closed",
            Refusal::SlotTaken => "slot-taken",
            Refusal::WrongCode => "wrong-code",
            Refusal::CodeExpired => "code-expired",
            Refusal::CodeTooSoon => "code-too-soon",
            Refusal::CheckInClosed => "check-in-closed",
            Refusal::TooManyLookups => "too-many-lookups",
            Refusal::NeedsDesk => "needs-desk",
            Refusal::CodeLimit => "code-limit",
        }
    }
}

/// What the status of a known customer allows; `Ok(true)` when the booking
/// must wait for the salon to confirm a deposit.
pub fn check_status(
    status: &CustomerStatus,
    service_id: i64,
    start: Instant,
    others: &[Instant],
) -> Result<bool, Refusal> {
    if !status.may_self_book {
        return Err(Refusal::MayNotSelfBook);
    }
    if !status.bookable_services.is_empty() && !status.bookable_services.contains(&service_id) {
        return Err(Refusal::ServiceNotBookable);
    }
    if let (Some(max), Some(days)) = (status.max_appointments, status.max_period_days)
        && exceeds_limit(others, start, max, days)
    {
        return Err(Refusal::LimitReached);
    }
    Ok(status.deposit_required)
}

/// Every start on the `step`-minute grid where `minutes` fit into a working
/// window and clash with nothing busy, from `not_before` on (ascending).
pub fn free_starts(windows: &[Slot], busy: &[Slot], minutes: u32, not_before: Instant, step: u32) -> Vec<Instant> {
    let step = Duration::minutes(step.max(1) as i64);
    let mut found = Vec::new();
    let mut windows = windows.to_vec();
    windows.sort_by_key(|w| w.start);
    for w in windows {
        let mut t = w.start;
        while t < not_before {
            t += step;
        }
        while Slot::new(t, minutes).end <= w.end {
            let wanted = Slot::new(t, minutes);
            if !busy.iter().any(|b| b.overlaps(&wanted)) {
                found.push(t);
            }
            t += step;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn at(d: u32, h: u32, m: u32) -> Instant {
        Utc.with_ymd_and_hms(2026, 11, d, h, m, 0).unwrap()
    }

    #[test]
    fn the_window_refuses_short_notice_and_far_ahead_at_its_edges() {
        let w = BookingWindow { max_days_ahead: 30, min_notice_minutes: 120 };
        let now = at(23, 10, 0);
        assert_eq!(w.check(at(23, 11, 59), now), Err(Refusal::TooShortNotice));
        assert_eq!(w.check(at(23, 12, 0), now), Ok(()));
        assert_eq!(w.check(now + Duration::days(30), now), Ok(()));
        assert_eq!(w.check(now + Duration::days(30) + Duration::minutes(1), now), Err(Refusal::TooFarAhead));
        assert!(BookingWindow { max_days_ahead: 0, ..w }.validated().is_err());
        assert!(BookingWindow { max_days_ahead: 361, ..w }.validated().is_err());
        assert!(BookingWindow { min_notice_minutes: 4, ..w }.validated().is_err());
        assert!(BookingWindow { min_notice_minutes: 60 * 24 * 60 + 1, ..w }.validated().is_err());
        assert!(BookingWindow { max_days_ahead: 360, min_notice_minutes: 5 }.validated().is_ok());
    }

    #[test]
    fn the_status_decides_self_booking_services_limits_and_deposits() {
        let regular = CustomerStatus { name: "Regular".into(), may_self_book: true, ..Default::default() };
        let start = at(25, 10, 0);
        assert_eq!(check_status(&regular, 1, start, &[]), Ok(false));
        let blocked = CustomerStatus { may_self_book: false, ..regular.clone() };
        assert_eq!(check_status(&blocked, 1, start, &[]), Err(Refusal::MayNotSelfBook));
        let cuts_only = CustomerStatus { bookable_services: vec![2], ..regular.clone() };
        assert_eq!(check_status(&cuts_only, 1, start, &[]), Err(Refusal::ServiceNotBookable));
        assert_eq!(check_status(&cuts_only, 2, start, &[]), Ok(false));
        let limited = CustomerStatus { max_appointments: Some(1), max_period_days: Some(7), ..regular.clone() };
        assert_eq!(check_status(&limited, 1, start, &[at(20, 10, 0)]), Err(Refusal::LimitReached));
        assert_eq!(check_status(&limited, 1, start, &[at(10, 10, 0)]), Ok(false));
        let deposit = CustomerStatus { deposit_required: true, ..regular };
        assert_eq!(check_status(&deposit, 1, start, &[]), Ok(true), "waits for the salon");
    }

    #[test]
    fn free_starts_leave_out_busy_times_breaks_and_the_past() {
        let morning = Slot { start: at(24, 9, 0), end: at(24, 12, 0) };
        let afternoon = Slot { start: at(24, 13, 0), end: at(24, 14, 0) };
        let busy = [Slot::new(at(24, 9, 30), 45)];
        let starts = free_starts(&[afternoon, morning], &busy, 30, at(24, 9, 0), 15);
        let hm: Vec<String> = starts.iter().map(|t| t.format("%H:%M").to_string()).collect();
        assert_eq!(hm, ["09:00", "10:15", "10:30", "10:45", "11:00", "11:15", "11:30", "13:00", "13:15", "13:30"]);
        assert!(free_starts(&[morning], &busy, 30, at(24, 11, 40), 15).iter().all(|t| *t >= at(24, 11, 40)));
        assert!(free_starts(&[morning], &[], 200, at(24, 9, 0), 15).is_empty(), "too long for the window");
    }
}
