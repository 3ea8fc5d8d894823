//! When reminders go out (SPEC §5): "the day before at 07:00" is the salon's
//! local time, also across the clock changes; "2 hours before" is elapsed
//! time. SMS respect quiet hours; nothing is planned that would arrive after
//! the appointment has started. Failed sends retry with growing pauses.

use super::InputError;
use super::clock::{self, Instant};
use super::template::Channel;
use chrono::Duration;
use chrono_tz::Tz;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// `days` before the appointment's local date, at `at_minute` local time.
    DaysBefore { days: u32, at_minute: u32 },
    /// A fixed time before the start.
    MinutesBefore(u32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReminderRule {
    pub id: i64,
    pub channel: Channel,
    pub when: When,
    pub active: bool,
}

/// Hours in which no SMS is sent, e.g. 21:00–08:00 (may span midnight).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    pub from_minute: u32,
    pub until_minute: u32,
}

/// An SMS planned this close to the start is not worth sending.
const LAST_USEFUL: i64 = 15;

impl When {
    /// "1d@07:00", "2h", "90m" — the form used by `salondesk config`.
    pub fn parse(text: &str) -> Result<When, InputError> {
        let bad = || InputError::Duration(text.to_string());
        let text = text.trim();
        if let Some((days, time)) = text.split_once("d@") {
            let days: u32 = days.trim().parse().map_err(|_| bad())?;
            let at_minute = clock::parse_time(time).map_err(|_| bad())?;
            if !(1..=14).contains(&days) {
                return Err(bad());
            }
            return Ok(When::DaysBefore { days, at_minute });
        }
        let (number, unit) = text.split_at(text.len().saturating_sub(1));
        let number: u32 = number.trim().parse().map_err(|_| bad())?;
        let minutes = match unit {
            "h" => number * 60,
            "m" => number,
            _ => return Err(bad()),
        };
        if !(5..=10080).contains(&minutes) {
            return Err(bad());
        }
        Ok(When::MinutesBefore(minutes))
    }

    pub fn as_config(self) -> String {
        match self {
            When::DaysBefore { days, at_minute } => format!("{days}d@{}", clock::format_minute(at_minute)),
            When::MinutesBefore(m) if m % 60 == 0 => format!("{}h", m / 60),
            When::MinutesBefore(m) => format!("{m}m"),
        }
    }

    /// The instant the rule names for an appointment starting at `start`.
    pub fn due(self, start: Instant, tz: Tz) -> Instant {
        match self {
            When::DaysBefore { days, at_minute } => {
                let date = clock::today(tz, start) - Duration::days(days as i64);
                clock::local_to_utc(tz, date, at_minute)
            }
            When::MinutesBefore(m) => start - Duration::minutes(m as i64),
        }
    }
}

impl QuietHours {
    /// "21:00-08:00"
    pub fn parse(text: &str) -> Result<QuietHours, InputError> {
        let (from, until) = text.split_once('-').ok_or_else(|| InputError::Time(text.to_string()))?;
        let quiet = QuietHours { from_minute: clock::parse_time(from)?, until_minute: clock::parse_time(until)? };
        if quiet.from_minute == quiet.until_minute {
            return Err(InputError::EndBeforeStart);
        }
        Ok(quiet)
    }

    pub fn as_config(self) -> String {
        format!("{}-{}", clock::format_minute(self.from_minute), clock::format_minute(self.until_minute))
    }

    fn contains_minute(self, minute: u32) -> bool {
        if self.from_minute < self.until_minute {
            (self.from_minute..self.until_minute).contains(&minute)
        } else {
            minute >= self.from_minute || minute < self.until_minute
        }
    }

    pub fn contains(self, t: Instant, tz: Tz) -> bool {
        let local = clock::to_local(tz, t);
        self.contains_minute(clock::minute_of(tz, local.date(), t) as u32)
    }

    /// The end of the quiet period `t` falls in (local time, DST-safe).
    fn end_after(self, t: Instant, tz: Tz) -> Instant {
        let date = clock::today(tz, t);
        let minute = clock::minute_of(tz, date, t) as u32;
        let end_date = if minute >= self.until_minute { date.succ_opt().unwrap_or(date) } else { date };
        clock::local_to_utc(tz, end_date, self.until_minute)
    }

    /// The start of the quiet period `t` falls in.
    fn start_before(self, t: Instant, tz: Tz) -> Instant {
        let date = clock::today(tz, t);
        let minute = clock::minute_of(tz, date, t) as u32;
        let start_date = if minute < self.from_minute { date.pred_opt().unwrap_or(date) } else { date };
        clock::local_to_utc(tz, start_date, self.from_minute)
    }
}

/// When to send `channel`'s message meant for `due`: SMS inside quiet hours
/// go at their end, or — when that is too close to the start — just before
/// they begin. `None` when no useful time is left after `now`.
pub fn send_time(
    channel: Channel,
    due: Instant,
    start: Instant,
    quiet: Option<QuietHours>,
    tz: Tz,
    now: Instant,
) -> Option<Instant> {
    let latest = start - Duration::minutes(LAST_USEFUL);
    let mut at = due;
    if let (Channel::Sms, Some(quiet)) = (channel, quiet)
        && quiet.contains(due, tz)
    {
        at = quiet.end_after(due, tz);
        if at > latest {
            at = quiet.start_before(due, tz) - Duration::minutes(1);
        }
    }
    (at >= now && at <= latest).then_some(at)
}

/// When a reminder rule sends for an appointment at `start`, if at all.
pub fn reminder_time(
    rule: &ReminderRule,
    start: Instant,
    quiet: Option<QuietHours>,
    tz: Tz,
    now: Instant,
) -> Option<Instant> {
    if !rule.active {
        return None;
    }
    send_time(rule.channel, rule.when.due(start, tz), start, quiet, tz, now)
}

/// Pauses between tries: 1, 5, 15 minutes, 1, 4, 12 hours; then the salon is
/// asked to look (the outbox shows the error and a retry button).
pub fn retry_after(attempts: u32) -> Option<Duration> {
    const MINUTES: [i64; 6] = [1, 5, 15, 60, 240, 720];
    MINUTES.get(attempts.saturating_sub(1) as usize).map(|m| Duration::minutes(*m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone, Utc};

    fn local(tz: Tz, y: i32, m: u32, d: u32, h: u32, min: u32) -> Instant {
        clock::local_to_utc(tz, NaiveDate::from_ymd_opt(y, m, d).unwrap(), h * 60 + min)
    }

    const DAY_BEFORE_7: When = When::DaysBefore { days: 1, at_minute: 420 };

    #[test]
    fn the_day_before_at_seven_is_local_time_across_both_clock_changes() {
        for tz in [chrono_tz::Europe::Berlin, chrono_tz::Europe::Oslo, chrono_tz::Europe::Amsterdam] {
            // Spring: Sunday 29 March 2026 (02:00 → 03:00); appointment Monday 10:00.
            let due = DAY_BEFORE_7.due(local(tz, 2026, 3, 30, 10, 0), tz);
            assert_eq!(clock::to_local(tz, due).to_string(), "2026-03-29 07:00:00");
            assert_eq!(due, Utc.with_ymd_and_hms(2026, 3, 29, 5, 0, 0).unwrap(), "{tz}: CEST");
            // The day before is still winter time: Saturday 28 March 07:00 CET.
            let due = DAY_BEFORE_7.due(local(tz, 2026, 3, 29, 10, 0), tz);
            assert_eq!(due, Utc.with_ymd_and_hms(2026, 3, 28, 6, 0, 0).unwrap());
            // Autumn: Sunday 25 October 2026; the day before is summer time.
            let due = DAY_BEFORE_7.due(local(tz, 2026, 10, 26, 9, 0), tz);
            assert_eq!(due, Utc.with_ymd_and_hms(2026, 10, 25, 6, 0, 0).unwrap());
            let due = DAY_BEFORE_7.due(local(tz, 2026, 10, 25, 9, 0), tz);
            assert_eq!(due, Utc.with_ymd_and_hms(2026, 10, 24, 5, 0, 0).unwrap());
        }
    }

    #[test]
    fn two_hours_before_is_elapsed_time_over_the_autumn_change() {
        let tz = chrono_tz::Europe::Berlin;
        // 03:30 on 25 October 2026 comes 3 wall-clock hours but 2 real hours after 01:30.
        let start = local(tz, 2026, 10, 25, 2, 30) + Duration::hours(1);
        let due = When::MinutesBefore(120).due(start, tz);
        assert_eq!(start - due, Duration::hours(2));
    }

    #[test]
    fn rules_parse_and_print_in_the_config_form() {
        assert_eq!(When::parse("1d@07:00"), Ok(DAY_BEFORE_7));
        assert_eq!(When::parse("2h"), Ok(When::MinutesBefore(120)));
        assert_eq!(When::parse(" 90m "), Ok(When::MinutesBefore(90)));
        assert_eq!(When::parse("2d@18:30").unwrap().as_config(), "2d@18:30");
        assert_eq!(When::MinutesBefore(90).as_config(), "90m");
        for bad in ["", "2", "0d@07:00", "1d@25:00", "2x", "1m", "15d@07:00", "h"] {
            assert!(When::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert_eq!(QuietHours::parse("21:00-08:00").unwrap().as_config(), "21:00-08:00");
        assert!(QuietHours::parse("08:00-08:00").is_err());
        assert!(QuietHours::parse("late").is_err());
    }

    #[test]
    fn an_sms_in_quiet_hours_waits_for_the_morning_or_goes_the_evening_before() {
        let tz = chrono_tz::Europe::Oslo;
        let quiet = Some(QuietHours::parse("21:00-08:00").unwrap());
        let now = local(tz, 2026, 11, 20, 12, 0);
        // 2 h before a 09:30 appointment is 07:30: sent at 08:00.
        let start = local(tz, 2026, 11, 24, 9, 30);
        let at = send_time(Channel::Sms, start - Duration::hours(2), start, quiet, tz, now);
        assert_eq!(at, Some(local(tz, 2026, 11, 24, 8, 0)));
        // For 08:10 the morning is too late: the evening before, just before 21:00.
        let start = local(tz, 2026, 11, 24, 8, 10);
        let at = send_time(Channel::Sms, start - Duration::hours(2), start, quiet, tz, now);
        assert_eq!(at, Some(local(tz, 2026, 11, 23, 20, 59)));
        // E-mail is not held back, and quiet hours across the spring change still end at 08:00 local.
        assert_eq!(
            send_time(Channel::Email, start - Duration::hours(2), start, quiet, tz, now),
            Some(start - Duration::hours(2))
        );
        let start = local(tz, 2026, 3, 29, 10, 0);
        let at = send_time(Channel::Sms, start - Duration::hours(4), start, quiet, tz, local(tz, 2026, 3, 1, 0, 0));
        assert_eq!(clock::to_local(tz, at.unwrap()).to_string(), "2026-03-29 08:00:00");
    }

    #[test]
    fn nothing_is_planned_in_the_past_or_after_the_start() {
        let tz = chrono_tz::Europe::Berlin;
        let rule = ReminderRule { id: 1, channel: Channel::Email, when: DAY_BEFORE_7, active: true };
        let start = local(tz, 2026, 11, 24, 10, 0);
        // Booked at 15:00 the day before: 07:00 has passed, the confirmation says it all.
        assert_eq!(reminder_time(&rule, start, None, tz, local(tz, 2026, 11, 23, 15, 0)), None);
        assert_eq!(
            reminder_time(&rule, start, None, tz, local(tz, 2026, 11, 22, 15, 0)),
            Some(local(tz, 2026, 11, 23, 7, 0))
        );
        let off = ReminderRule { active: false, ..rule };
        assert_eq!(reminder_time(&off, start, None, tz, local(tz, 2026, 11, 22, 15, 0)), None);
        let sms = ReminderRule { id: 2, channel: Channel::Sms, when: When::MinutesBefore(10), active: true };
        assert_eq!(reminder_time(&sms, start, None, tz, local(tz, 2026, 11, 22, 15, 0)), None, "10 min is too late");
    }

    #[test]
    fn retries_pause_longer_each_time_then_stop() {
        let pauses: Vec<i64> = (1..=7).filter_map(retry_after).map(|d| d.num_minutes()).collect();
        assert_eq!(pauses, [1, 5, 15, 60, 240, 720]);
        assert!(pauses.windows(2).all(|w| w[0] < w[1]));
    }
}
