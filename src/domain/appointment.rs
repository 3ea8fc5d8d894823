//! Appointments, their states, and the rule that one staff member is never
//! booked twice at the same time.

use super::clock::Instant;
use chrono::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppointmentState {
    Booked,
    Arrived,
    Completed,
    Cancelled,
    NoShow,
}

impl AppointmentState {
    pub const ALL: [AppointmentState; 5] = [
        AppointmentState::Booked,
        AppointmentState::Arrived,
        AppointmentState::Completed,
        AppointmentState::Cancelled,
        AppointmentState::NoShow,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AppointmentState::Booked => "booked",
            AppointmentState::Arrived => "arrived",
            AppointmentState::Completed => "completed",
            AppointmentState::Cancelled => "cancelled",
            AppointmentState::NoShow => "no_show",
        }
    }

    pub fn parse(s: &str) -> Option<AppointmentState> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Cancelled and no-show appointments stay in the calendar but free their time.
    pub fn blocks_time(self) -> bool {
        !matches!(self, AppointmentState::Cancelled | AppointmentState::NoShow)
    }

    /// Whether changing to `next` needs a reason (cancel, no-show).
    pub fn needs_reason(self) -> bool {
        !self.blocks_time()
    }

    /// The moves the desk offers. Going back is allowed so that a mistaken
    /// click can be undone (a no-show back to booked, an arrival back to booked).
    pub fn can_become(self, next: AppointmentState) -> bool {
        use AppointmentState::*;
        matches!(
            (self, next),
            (Booked, Arrived | Completed | Cancelled | NoShow)
                | (Arrived, Completed | Booked | Cancelled | NoShow)
                | (Completed, Arrived)
                | (NoShow, Booked)
                | (Cancelled, Booked)
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Desk,
    Kiosk,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Desk => "desk",
            Source::Kiosk => "kiosk",
        }
    }

    pub fn parse(s: &str) -> Source {
        if s == "kiosk" { Source::Kiosk } else { Source::Desk }
    }
}

/// A span of time, start inclusive, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub start: Instant,
    pub end: Instant,
}

impl Slot {
    pub fn new(start: Instant, minutes: u32) -> Slot {
        Slot { start, end: start + Duration::minutes(minutes as i64) }
    }

    /// Touching ends do not overlap: 10:00–10:30 and 10:30–11:00 are fine.
    pub fn overlaps(&self, other: &Slot) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn within(&self, outer: &Slot) -> bool {
        outer.start <= self.start && self.end <= outer.end
    }
}

/// The earliest start at or after `not_before`, on the booking grid of `step`
/// minutes, where `minutes` fit inside one of the `windows` (working time) and
/// clash with none of the `busy` slots. Windows and busy slots in any order.
pub fn next_free_start(
    windows: &[Slot],
    busy: &[Slot],
    minutes: u32,
    not_before: Instant,
    step: u32,
) -> Option<Instant> {
    let step = Duration::minutes(step.max(1) as i64);
    let mut windows = windows.to_vec();
    windows.sort_by_key(|w| w.start);
    for w in windows {
        let mut t = w.start.max(not_before);
        // Align to the grid counted from the window's start.
        let offset = (t - w.start).num_seconds() % step.num_seconds();
        if offset != 0 {
            t += step - Duration::seconds(offset);
        }
        while Slot::new(t, minutes).end <= w.end {
            let wanted = Slot::new(t, minutes);
            match busy.iter().filter(|b| b.overlaps(&wanted)).map(|b| b.end).max() {
                None => return Some(t),
                Some(end) => {
                    // Jump past the clash, back onto the grid.
                    let past = (end - w.start).num_seconds();
                    let steps = (past + step.num_seconds() - 1) / step.num_seconds();
                    t = w.start + Duration::seconds(steps * step.num_seconds());
                }
            }
        }
    }
    None
}

/// An appointment as the calendar and the customer card show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Appointment {
    pub id: i64,
    pub staff_id: i64,
    pub service_id: i64,
    pub customer_id: Option<i64>,
    /// The customer's name, or the walk-in name when not linked.
    pub customer_name: String,
    pub customer_phone: String,
    pub service_name: String,
    pub service_colour: String,
    pub price_cents: i64,
    pub slot: Slot,
    pub state: AppointmentState,
    pub reason: String,
    pub source: Source,
    pub created_by: String,
    pub created_at: Instant,
    /// The customer's first visit: no earlier attended appointment.
    pub first_visit: bool,
    /// The linked customer's status (symbol and colour in the calendar).
    pub status_id: Option<i64>,
    /// For a no-show: whether the customer was reached afterwards.
    pub reached: Option<bool>,
    /// A deposit paid for it (kept when the customer does not come).
    pub deposit_cents: i64,
    /// Booked at the kiosk by a status that needs a deposit: not confirmed
    /// until the desk enters the deposit.
    pub awaiting_deposit: bool,
}

impl Appointment {
    pub fn is_linked(&self) -> bool {
        self.customer_id.is_some()
    }

    pub fn minutes(&self) -> i64 {
        (self.slot.end - self.slot.start).num_minutes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn at(h: u32, m: u32) -> Instant {
        Utc.with_ymd_and_hms(2026, 11, 23, h, m, 0).unwrap()
    }

    fn slot(h1: u32, m1: u32, h2: u32, m2: u32) -> Slot {
        Slot { start: at(h1, m1), end: at(h2, m2) }
    }

    #[test]
    fn overlap_is_strict_at_the_edges() {
        let a = slot(10, 0, 10, 30);
        assert!(!a.overlaps(&slot(10, 30, 11, 0)));
        assert!(!a.overlaps(&slot(9, 30, 10, 0)));
        assert!(a.overlaps(&slot(10, 29, 11, 0)));
        assert!(a.overlaps(&slot(9, 0, 12, 0)));
        assert!(slot(9, 0, 12, 0).overlaps(&a));
    }

    #[test]
    fn cancelled_and_no_show_free_their_time() {
        use AppointmentState::*;
        assert!(Booked.blocks_time() && Arrived.blocks_time() && Completed.blocks_time());
        assert!(!Cancelled.blocks_time() && !NoShow.blocks_time());
        assert!(NoShow.needs_reason() && Cancelled.needs_reason() && !Arrived.needs_reason());
    }

    #[test]
    fn state_changes_follow_the_desk() {
        use AppointmentState::*;
        assert!(Booked.can_become(NoShow));
        assert!(NoShow.can_become(Booked), "a mistaken no-show can be undone");
        assert!(!NoShow.can_become(Completed));
        assert!(!Completed.can_become(Cancelled));
        assert!(!Booked.can_become(Booked));
        for s in AppointmentState::ALL {
            assert_eq!(AppointmentState::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn next_free_start_skips_busy_time_and_breaks() {
        let windows = [slot(9, 0, 12, 0), slot(13, 0, 17, 0)];
        let busy = [slot(9, 0, 10, 0), slot(10, 0, 10, 45), slot(11, 0, 11, 50)];
        // 30 minutes: 10:45–11:00 is too short, 11:50 → next grid 12:00 leaves no room before the break.
        assert_eq!(next_free_start(&windows, &busy, 30, at(9, 0), 15), Some(at(13, 0)));
        assert_eq!(next_free_start(&windows, &busy, 15, at(9, 0), 15), Some(at(10, 45)));
        assert_eq!(next_free_start(&windows, &busy, 15, at(13, 5), 15), Some(at(13, 15)));
        assert_eq!(next_free_start(&windows, &busy, 300, at(9, 0), 15), None);
    }

    #[test]
    fn next_free_start_never_clashes() {
        let windows = [slot(8, 0, 20, 0)];
        let busy = [slot(8, 10, 9, 5), slot(9, 20, 9, 40), slot(9, 55, 10, 10)];
        let t = next_free_start(&windows, &busy, 20, at(8, 0), 5).unwrap();
        let s = Slot::new(t, 20);
        assert!(busy.iter().all(|b| !b.overlaps(&s)));
        assert_eq!(t, at(10, 10), "the gaps before are shorter than 20 minutes");
    }
}
