//! The salon's wall clock: instants are stored in UTC and shown, planned and
//! compared in the salon's IANA time zone, correct across daylight saving.

use super::InputError;
use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

pub type Instant = DateTime<Utc>;

pub fn parse_zone(name: &str) -> Result<Tz, InputError> {
    name.trim().parse::<Tz>().map_err(|_| InputError::TimeZone(name.to_string()))
}

/// The instant at which the salon's clock shows `date` `minute` (minutes after
/// midnight). A time that does not exist (the spring gap) moves forward by the
/// gap, as a wall clock does; an ambiguous one (autumn) takes the first.
pub fn local_to_utc(tz: Tz, date: NaiveDate, minute: u32) -> Instant {
    let naive = date.and_time(NaiveTime::MIN) + Duration::minutes(minute as i64);
    from_naive(tz, naive)
}

pub fn from_naive(tz: Tz, naive: NaiveDateTime) -> Instant {
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        LocalResult::None => {
            // Inside the spring gap: the same wall-clock offset as an hour earlier.
            let before = naive - Duration::hours(1);
            let offset = tz.offset_from_local_datetime(&before).earliest();
            match offset {
                Some(o) => (before + Duration::hours(1) - o.fix()).and_utc(),
                None => naive.and_utc(),
            }
        }
    }
}

pub fn to_local(tz: Tz, t: Instant) -> NaiveDateTime {
    t.with_timezone(&tz).naive_local()
}

/// Minutes after local midnight of `date` at which instant `t` falls
/// (may be negative or beyond 1440 when `t` is on another day).
pub fn minute_of(tz: Tz, date: NaiveDate, t: Instant) -> i64 {
    let local = to_local(tz, t);
    (local - date.and_time(NaiveTime::MIN)).num_minutes()
}

/// The first and the last instant (exclusive) of a local day; 23 or 25 hours
/// long on the days the clocks change.
pub fn day_bounds(tz: Tz, date: NaiveDate) -> (Instant, Instant) {
    let next = date.succ_opt().unwrap_or(date);
    (local_to_utc(tz, date, 0), local_to_utc(tz, next, 0))
}

pub fn today(tz: Tz, now: Instant) -> NaiveDate {
    to_local(tz, now).date()
}

/// "HH:MM" → minutes after midnight. Accepts "9", "930", "9:30", "09.30".
pub fn parse_time(text: &str) -> Result<u32, InputError> {
    let bad = || InputError::Time(text.to_string());
    let t = text.trim();
    let (h, m) = match t.find([':', '.', 'h']) {
        Some(i) => (&t[..i], &t[i + 1..]),
        None if t.len() <= 2 => (t, "0"),
        None if t.len() <= 4 => (&t[..t.len() - 2], &t[t.len() - 2..]),
        None => return Err(bad()),
    };
    let h: u32 = h.parse().map_err(|_| bad())?;
    let m: u32 = if m.is_empty() { 0 } else { m.parse().map_err(|_| bad())? };
    if h > 24 || m > 59 || (h == 24 && m > 0) {
        return Err(bad());
    }
    Ok(h * 60 + m)
}

pub fn format_minute(minute: u32) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// Accepts ISO "2026-11-23" and the European "23.11.2026" / "23-11-2026" / "23/11/2026".
pub fn parse_date(text: &str) -> Result<NaiveDate, InputError> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d.%m.%Y"))
        .or_else(|_| NaiveDate::parse_from_str(t, "%d-%m-%Y"))
        .or_else(|_| NaiveDate::parse_from_str(t, "%d/%m/%Y"))
        .map_err(|_| InputError::Date(text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn ten_oclock_stays_ten_oclock_across_both_changes() {
        for zone in ["Europe/Berlin", "Europe/Oslo", "Europe/Amsterdam"] {
            let tz = parse_zone(zone).unwrap();
            // 2026: summer time starts 29 March, ends 25 October.
            for date in
                [d(2026, 3, 28), d(2026, 3, 29), d(2026, 3, 30), d(2026, 10, 24), d(2026, 10, 25), d(2026, 10, 26)]
            {
                let t = local_to_utc(tz, date, 600);
                assert_eq!(to_local(tz, t), date.and_hms_opt(10, 0, 0).unwrap(), "{zone} {date}");
                assert_eq!(minute_of(tz, date, t), 600);
            }
            let winter = local_to_utc(tz, d(2026, 3, 28), 600);
            let summer = local_to_utc(tz, d(2026, 3, 30), 600);
            assert_eq!(summer - winter, Duration::hours(47), "spring change loses an hour");
        }
    }

    #[test]
    fn change_days_are_23_and_25_hours_long() {
        let tz = parse_zone("Europe/Berlin").unwrap();
        let (a, b) = day_bounds(tz, d(2026, 3, 29));
        assert_eq!(b - a, Duration::hours(23));
        let (a, b) = day_bounds(tz, d(2026, 10, 25));
        assert_eq!(b - a, Duration::hours(25));
    }

    #[test]
    fn a_time_in_the_spring_gap_moves_forward() {
        let tz = parse_zone("Europe/Oslo").unwrap();
        let t = local_to_utc(tz, d(2026, 3, 29), 2 * 60 + 30);
        assert_eq!(to_local(tz, t).time(), NaiveTime::from_hms_opt(3, 30, 0).unwrap());
    }

    #[test]
    fn invalid_zone_is_refused() {
        assert_eq!(parse_zone("Europe/Atlantis"), Err(InputError::TimeZone("Europe/Atlantis".into())));
    }

    #[test]
    fn reads_times_and_dates_as_typed() {
        assert_eq!(parse_time("9"), Ok(540));
        assert_eq!(parse_time("9:30"), Ok(570));
        assert_eq!(parse_time("0930"), Ok(570));
        assert_eq!(parse_time("14.15"), Ok(855));
        assert!(parse_time("25:00").is_err());
        assert!(parse_time("nine").is_err());
        assert_eq!(parse_date("23.11.2026"), Ok(d(2026, 11, 23)));
        assert_eq!(parse_date("2026-11-23"), Ok(d(2026, 11, 23)));
        assert!(parse_date("31.02.2026").is_err());
        assert_eq!(format_minute(570), "09:30");
    }
}
