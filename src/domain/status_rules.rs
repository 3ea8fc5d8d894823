//! Automatic status rules (SPEC §4): after N no-shows within M months a
//! status is suggested to the desk, or given directly.

use super::clock::Instant;
use chrono::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusRule {
    pub id: i64,
    pub no_shows: u32,
    pub months: u32,
    pub status_id: i64,
    /// Give the status directly; otherwise suggest it.
    pub assign: bool,
}

impl StatusRule {
    /// A month here is 30 days: "3 no-shows within 6 months" = 180 days.
    pub fn window(&self) -> Duration {
        Duration::days(30 * self.months as i64)
    }

    pub fn applies(&self, no_shows: &[Instant], now: Instant) -> bool {
        let since = now - self.window();
        no_shows.iter().filter(|&&t| t > since && t <= now).count() as u32 >= self.no_shows
    }
}

/// The rule that should act for a customer now: the strictest one (most
/// no-shows needed) that applies, if it would change their status.
pub fn rule_to_apply<'a>(
    rules: &'a [StatusRule],
    no_shows: &[Instant],
    now: Instant,
    current_status: Option<i64>,
) -> Option<&'a StatusRule> {
    // The strictest rule decides; a milder one never undoes it (a blocked
    // customer is not made merely "unreliable" by the next no-show).
    let strictest =
        rules.iter().filter(|r| r.applies(no_shows, now)).max_by_key(|r| (r.no_shows, std::cmp::Reverse(r.months)))?;
    (Some(strictest.status_id) != current_status).then_some(strictest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn day(d: i64) -> Instant {
        Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap() - Duration::days(d)
    }

    fn rule(id: i64, no_shows: u32, months: u32, status_id: i64) -> StatusRule {
        StatusRule { id, no_shows, months, status_id, assign: false }
    }

    #[test]
    fn counts_only_no_shows_inside_the_window() {
        let r = rule(1, 2, 6, 3);
        assert!(r.applies(&[day(10), day(100)], day(0)));
        assert!(!r.applies(&[day(10), day(200)], day(0)), "200 days ago is outside 6 months");
        assert!(!r.applies(&[day(10)], day(0)));
    }

    #[test]
    fn the_strictest_applying_rule_acts_unless_the_status_is_already_given() {
        let rules = [rule(1, 2, 6, 3), rule(2, 4, 12, 4)];
        let four = [day(5), day(30), day(60), day(90)];
        assert_eq!(rule_to_apply(&rules, &four, day(0), Some(1)).map(|r| r.id), Some(2), "blocked beats unreliable");
        assert_eq!(rule_to_apply(&rules, &four[..2], day(0), Some(1)).map(|r| r.id), Some(1));
        assert_eq!(rule_to_apply(&rules, &four[..2], day(0), Some(3)), None, "already unreliable");
        assert_eq!(rule_to_apply(&rules, &four, day(0), Some(4)), None, "blocked stays blocked, not 'unreliable'");
    }
}
