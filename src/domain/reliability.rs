//! The reliability scale: how often a customer came versus did not.
//!
//! The scale is the share of missed appointments among those that were due
//! (attended + no-show; cancellations and future bookings do not count).
//! It is green when the customer always came and turns orange in proportion
//! to that share, reaching full orange at one in two missed — by then the
//! salon has long wanted to act (seed 000: "je nach Verhältnis … orange").

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reliability {
    pub attended: u32,
    pub no_shows: u32,
}

/// The share of no-shows at which the scale is fully orange.
pub const FULL_ORANGE_AT: f32 = 0.5;

pub const GREEN: [u8; 3] = [0x3f, 0x8f, 0x5b];
pub const ORANGE: [u8; 3] = [0xe0, 0x7a, 0x1f];

impl Reliability {
    pub fn due(&self) -> u32 {
        self.attended + self.no_shows
    }

    /// Share of missed appointments, 0.0 – 1.0; `None` without any history.
    pub fn missed_share(&self) -> Option<f32> {
        (self.due() > 0).then(|| self.no_shows as f32 / self.due() as f32)
    }

    /// Position on the scale: 0.0 green (always came) – 1.0 orange.
    pub fn level(&self) -> Option<f32> {
        self.missed_share().map(|s| (s / FULL_ORANGE_AT).min(1.0))
    }

    /// The scale's colour; `None` (shown neutral) for a customer with no history.
    pub fn colour(&self) -> Option<[u8; 3]> {
        self.level().map(|t| {
            let mix = |a: u8, b: u8| (a as f32 + (b as f32 - a as f32) * t).round() as u8;
            [mix(GREEN[0], ORANGE[0]), mix(GREEN[1], ORANGE[1]), mix(GREEN[2], ORANGE[2])]
        })
    }

    /// Whole percent of missed appointments, for the label.
    pub fn missed_percent(&self) -> u32 {
        self.missed_share().map(|s| (s * 100.0).round() as u32).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(attended: u32, no_shows: u32) -> Reliability {
        Reliability { attended, no_shows }
    }

    #[test]
    fn always_came_is_green_and_no_history_is_neutral() {
        assert_eq!(r(12, 0).colour(), Some(GREEN));
        assert_eq!(r(0, 0).colour(), None);
        assert_eq!(r(0, 0).missed_percent(), 0);
    }

    #[test]
    fn the_scale_turns_orange_with_the_share_of_no_shows() {
        assert_eq!(r(1, 1).colour(), Some(ORANGE), "one in two missed is fully orange");
        assert_eq!(r(0, 3).colour(), Some(ORANGE), "never more than orange");
        let quarter = r(3, 1).level().unwrap();
        assert!((quarter - 0.5).abs() < 1e-6, "a quarter missed is halfway: {quarter}");
        let more = r(7, 3).level().unwrap();
        let fewer = r(9, 1).level().unwrap();
        assert!(more > fewer, "more no-shows, more orange");
        assert_eq!(r(9, 1).missed_percent(), 10);
    }
}
