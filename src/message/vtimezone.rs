//! The `VTIMEZONE` an invitation must carry for its `TZID` (RFC 5545
//! §3.2.19, §3.6.5): without it Outlook shifts the event by an hour and a
//! strict parser takes the time as floating. Made from the salon's IANA zone
//! (chrono-tz): its changes of offset around the event, each written as a
//! yearly rule ("the last Sunday of March") when the years around it agree,
//! else as the single changes they are.

use crate::domain::clock::Instant;
use chrono::{Datelike, Duration, NaiveDateTime, Offset, TimeZone, Timelike, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

/// One change of a zone's offset: when (UTC), from which offset to which
/// (seconds east of UTC), its name then, and whether it starts summer time.
#[derive(Debug, Clone, PartialEq)]
struct Change {
    at: Instant,
    from: i32,
    to: i32,
    name: String,
    daylight: bool,
}

impl Change {
    /// The wall-clock time at the change, still in the old offset (DTSTART).
    fn local_start(&self) -> NaiveDateTime {
        (self.at + Duration::seconds(self.from as i64)).naive_utc()
    }

    /// "the last Sunday of March at 02:00" as (month, weekday, week, time):
    /// week 1–4, or -1 for the last one of the month.
    fn rule(&self) -> (u32, chrono::Weekday, i32, (u32, u32)) {
        let local = self.local_start();
        let days_in_month = days_in_month(local.year(), local.month());
        let week = if local.day() + 7 > days_in_month { -1 } else { ((local.day() - 1) / 7 + 1) as i32 };
        (local.month(), local.weekday(), week, (local.hour(), local.minute()))
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    let first_next = chrono::NaiveDate::from_ymd_opt(next.0, next.1, 1).unwrap_or_default();
    first_next.pred_opt().map_or(31, |d| d.day())
}

fn offset_at(tz: Tz, t: Instant) -> (i32, String, bool) {
    let o = tz.offset_from_utc_datetime(&t.naive_utc());
    (o.fix().local_minus_utc(), o.abbreviation().unwrap_or_default().to_string(), !o.dst_offset().is_zero())
}

/// The changes of offset between `from` and `to`, to the minute.
fn changes(tz: Tz, from: Instant, to: Instant) -> Vec<Change> {
    let mut found = Vec::new();
    let mut t = from;
    let (mut offset, _, _) = offset_at(tz, t);
    while t < to {
        let next = t + Duration::hours(1);
        let (next_offset, _, _) = offset_at(tz, next);
        if next_offset != offset {
            // Within the hour: the first minute with the new offset.
            let (mut lo, mut hi) = (t, next);
            while hi - lo > Duration::minutes(1) {
                let mid = lo + (hi - lo) / 2;
                if offset_at(tz, mid).0 == offset { lo = mid } else { hi = mid }
            }
            let (to_offset, name, daylight) = offset_at(tz, hi);
            found.push(Change { at: hi, from: offset, to: to_offset, name, daylight });
            offset = next_offset;
        }
        t = next;
    }
    found
}

fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    format!("{sign}{:02}{:02}", s / 3600, s % 3600 / 60)
}

fn weekday_code(d: chrono::Weekday) -> &'static str {
    use chrono::Weekday::*;
    match d {
        Mon => "MO",
        Tue => "TU",
        Wed => "WE",
        Thu => "TH",
        Fri => "FR",
        Sat => "SA",
        Sun => "SU",
    }
}

fn observance(change: &Change, rrule: Option<String>) -> String {
    let kind = if change.daylight { "DAYLIGHT" } else { "STANDARD" };
    let mut lines = vec![
        format!("BEGIN:{kind}"),
        format!("DTSTART:{}", change.local_start().format("%Y%m%dT%H%M%S")),
        format!("TZOFFSETFROM:{}", utc_offset(change.from)),
        format!("TZOFFSETTO:{}", utc_offset(change.to)),
    ];
    if let Some(rule) = rrule {
        lines.push(rule);
    }
    if !change.name.is_empty() && !change.name.starts_with(['+', '-']) {
        lines.push(format!("TZNAME:{}", change.name));
    }
    lines.push(format!("END:{kind}"));
    lines.join("\r\n")
}

/// The `VTIMEZONE` component for `tz`, valid from a year before `start` to
/// a year after `end` (CRLF line ends, no trailing one).
pub fn vtimezone(tz: Tz, start: Instant, end: Instant) -> String {
    let from = Utc.with_ymd_and_hms(start.year() - 1, 1, 1, 0, 0, 0).single().unwrap_or(start);
    let to = Utc.with_ymd_and_hms(end.year() + 2, 1, 1, 0, 0, 0).single().unwrap_or(end);
    let all = changes(tz, from, to);
    let mut parts = vec!["BEGIN:VTIMEZONE".to_string(), format!("TZID:{}", tz.name())];
    if all.is_empty() {
        // No change in these years: one standard offset, from long before.
        let (offset, name, _) = offset_at(tz, start);
        let fixed = Change { at: from, from: offset, to: offset, name, daylight: false };
        parts.push(observance(&fixed, None));
    }
    for daylight in [true, false] {
        let kind: Vec<&Change> = all.iter().filter(|c| c.daylight == daylight).collect();
        let Some(first) = kind.first() else { continue };
        // One yearly rule when every year agrees (as in Europe); else each change.
        let same = kind.iter().all(|c| c.rule() == first.rule() && c.from == first.from && c.to == first.to);
        if same && kind.len() > 1 {
            let (month, weekday, week, _) = first.rule();
            let rule = format!("RRULE:FREQ=YEARLY;BYMONTH={month};BYDAY={week}{}", weekday_code(weekday));
            parts.push(observance(first, Some(rule)));
        } else {
            parts.extend(kind.iter().map(|c| observance(c, None)));
        }
    }
    parts.push("END:VTIMEZONE".to_string());
    parts.join("\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32) -> Instant {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
    }

    #[test]
    fn berlin_changes_on_the_last_sundays_of_march_and_october() {
        let found = changes(chrono_tz::Europe::Berlin, at(2026, 1, 1, 0), at(2027, 1, 1, 0));
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].at, at(2026, 3, 29, 1), "01:00 UTC, 02:00 local");
        assert_eq!((found[0].from, found[0].to, found[0].daylight), (3600, 7200, true));
        assert_eq!(found[0].local_start().to_string(), "2026-03-29 02:00:00");
        assert_eq!(found[1].at, at(2026, 10, 25, 1));
        assert_eq!(found[1].local_start().to_string(), "2026-10-25 03:00:00", "03:00 summer time, back to 02:00");
        assert_eq!(found[0].rule(), (3, chrono::Weekday::Sun, -1, (2, 0)));
    }

    #[test]
    fn a_european_zone_is_written_as_two_yearly_rules() {
        let text = vtimezone(chrono_tz::Europe::Oslo, at(2026, 11, 23, 9), at(2026, 11, 23, 10));
        assert!(text.starts_with("BEGIN:VTIMEZONE\r\nTZID:Europe/Oslo\r\n"), "{text}");
        assert!(text.contains("BEGIN:DAYLIGHT\r\nDTSTART:20250330T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZNAME:CEST\r\nEND:DAYLIGHT"), "{text}");
        assert!(text.contains("BEGIN:STANDARD\r\nDTSTART:20251026T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"), "{text}");
        assert!(text.ends_with("END:VTIMEZONE"));
    }

    #[test]
    fn a_zone_without_summer_time_has_one_standard_offset() {
        let text = vtimezone(chrono_tz::Asia::Tokyo, at(2026, 6, 1, 0), at(2026, 6, 1, 1));
        assert!(text.contains("TZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900"), "{text}");
        assert!(!text.contains("DAYLIGHT"));
    }

    #[test]
    fn a_southern_zone_starts_summer_in_october() {
        let text = vtimezone(chrono_tz::Australia::Sydney, at(2026, 12, 1, 0), at(2026, 12, 1, 1));
        assert!(text.contains("BYMONTH=10;BYDAY=1SU"), "{text}");
        assert!(text.contains("TZOFFSETTO:+1100"), "{text}");
    }
}
