//! Opening hours, staff working hours, breaks and absences, and services.
//! Times of day are minutes after local midnight in the salon's time zone.

use super::appointment::Slot;
use super::clock;
use super::{InputError, Language};
use chrono::{Datelike, NaiveDate};

/// A span of the day, `start` inclusive, `end` exclusive, in minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DaySpan {
    pub start: u32,
    pub end: u32,
}

impl DaySpan {
    pub fn new(start: u32, end: u32) -> Result<DaySpan, InputError> {
        if end <= start || end > 24 * 60 {
            return Err(InputError::EndBeforeStart);
        }
        Ok(DaySpan { start, end })
    }

    pub fn contains(&self, minute: u32) -> bool {
        self.start <= minute && minute < self.end
    }
}

/// The salon's opening hours, Monday first; `None` is closed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OpeningHours(pub [Option<DaySpan>; 7]);

impl OpeningHours {
    pub fn on(&self, date: NaiveDate) -> Option<DaySpan> {
        self.0[date.weekday().num_days_from_monday() as usize]
    }

    /// The part of the day the calendar shows for a week: from the earliest
    /// opening to the latest closing, or 08–20 when closed all week.
    pub fn grid_span(&self) -> DaySpan {
        let open = self.0.iter().flatten();
        let start = open.clone().map(|s| s.start).min().unwrap_or(8 * 60);
        let end = open.map(|s| s.end).max().unwrap_or(20 * 60);
        DaySpan { start: start / 60 * 60, end: end.div_ceil(60) * 60 }
    }
}

/// One weekday of a staff member: working hours and an optional break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkDay {
    pub hours: DaySpan,
    pub pause: Option<DaySpan>,
}

impl WorkDay {
    /// The times in which this staff member can take customers.
    pub fn windows(&self) -> Vec<DaySpan> {
        match self.pause {
            Some(p) if p.start > self.hours.start && p.end < self.hours.end => {
                vec![DaySpan { start: self.hours.start, end: p.start }, DaySpan { start: p.end, end: self.hours.end }]
            }
            _ => vec![self.hours],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Absence {
    pub id: i64,
    pub staff_id: i64,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub reason: String,
}

impl Absence {
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.first_day <= date && date <= self.last_day
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staff {
    pub id: i64,
    pub name: String,
    /// Monday first; `None` is a day off.
    pub week: [Option<WorkDay>; 7],
    pub absences: Vec<Absence>,
    pub active: bool,
}

impl Staff {
    pub fn absence_on(&self, date: NaiveDate) -> Option<&Absence> {
        self.absences.iter().find(|a| a.covers(date))
    }

    /// The working windows of a date: none on a day off or during an absence.
    pub fn windows_on(&self, date: NaiveDate) -> Vec<DaySpan> {
        if self.absence_on(date).is_some() {
            return Vec::new();
        }
        self.week[date.weekday().num_days_from_monday() as usize].map(|w| w.windows()).unwrap_or_default()
    }

    /// The working windows of a date as instants in the salon's zone.
    pub fn working_slots(&self, tz: chrono_tz::Tz, date: NaiveDate) -> Vec<Slot> {
        self.windows_on(date)
            .iter()
            .map(|w| Slot { start: clock::local_to_utc(tz, date, w.start), end: clock::local_to_utc(tz, date, w.end) })
            .collect()
    }

    pub fn work_day(&self, date: NaiveDate) -> Option<WorkDay> {
        self.week[date.weekday().num_days_from_monday() as usize]
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    pub id: i64,
    pub name: String,
    pub minutes: u32,
    pub price_cents: i64,
    /// "#rrggbb", the colour of its appointment blocks.
    pub colour: String,
    pub active: bool,
    /// Its name in other languages than the salon's, for the customers.
    pub names: Vec<(Language, String)>,
}

impl Service {
    /// What a customer reading `lang` calls it: that name, or its own.
    pub fn name_in(&self, lang: Language) -> &str {
        self.names.iter().find(|(l, _)| *l == lang).map_or(&self.name, |(_, n)| n)
    }
}

pub fn parse_colour(text: &str) -> Option<[u8; 3]> {
    let hex = text.trim().strip_prefix('#')?;
    if hex.len() != 6 {
        return None;
    }
    let v = u32::from_str_radix(hex, 16).ok()?;
    Some([(v >> 16) as u8, (v >> 8) as u8, v as u8])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(a: u32, b: u32) -> DaySpan {
        DaySpan::new(a, b).unwrap()
    }

    #[test]
    fn a_break_splits_the_day() {
        let w = WorkDay { hours: span(540, 1080), pause: Some(span(780, 810)) };
        assert_eq!(w.windows(), vec![span(540, 780), span(810, 1080)]);
        let no_break = WorkDay { hours: span(540, 1080), pause: None };
        assert_eq!(no_break.windows(), vec![span(540, 1080)]);
    }

    #[test]
    fn absence_and_day_off_leave_no_windows() {
        let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut week = [None; 7];
        week[0] = Some(WorkDay { hours: span(540, 1020), pause: None });
        let mut staff = Staff { id: 1, name: "Lena".into(), week, absences: vec![], active: true };
        assert_eq!(staff.windows_on(monday).len(), 1);
        assert!(staff.windows_on(monday.succ_opt().unwrap()).is_empty(), "Tuesday is a day off");
        staff.absences.push(Absence { id: 1, staff_id: 1, first_day: monday, last_day: monday, reason: "ill".into() });
        assert!(staff.windows_on(monday).is_empty());
    }

    #[test]
    fn grid_covers_all_opening_hours() {
        let mut h = OpeningHours::default();
        h.0[0] = Some(span(9 * 60 + 30, 18 * 60));
        h.0[5] = Some(span(8 * 60, 14 * 60 + 15));
        assert_eq!(h.grid_span(), span(8 * 60, 18 * 60));
        assert_eq!(OpeningHours::default().grid_span(), span(480, 1200));
    }

    #[test]
    fn bad_spans_and_colours_are_refused() {
        assert!(DaySpan::new(600, 600).is_err());
        assert!(DaySpan::new(600, 1500).is_err());
        assert_eq!(parse_colour("#ff8000"), Some([255, 128, 0]));
        assert_eq!(parse_colour("orange"), None);
    }
}
