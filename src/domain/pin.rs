//! The kiosk's staff PIN: what makes one good enough for a public screen,
//! and how long the kiosk waits after wrong ones.

use chrono::Duration;

/// At least six digits (a million tries by hand), at most twelve.
pub fn is_good_pin(pin: &str) -> bool {
    (6..=12).contains(&pin.len()) && pin.chars().all(|c| c.is_ascii_digit())
}

/// The wait before the next try after `wrong` wrong PINs in a row: 5 s
/// after a slip, then 30 s, 2 min, 10 min, and an hour from then on.
pub fn wait_after(wrong: u32) -> Duration {
    match wrong {
        0 => Duration::zero(),
        1 => Duration::seconds(5),
        2 => Duration::seconds(30),
        3 => Duration::minutes(2),
        4 => Duration::minutes(10),
        _ => Duration::hours(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_to_twelve_digits_make_a_pin() {
        assert!(is_good_pin("246810"));
        assert!(is_good_pin("123456789012"));
        assert!(!is_good_pin("2468"), "four digits are guessed in an afternoon");
        assert!(!is_good_pin("24681a"));
        assert!(!is_good_pin(""));
        assert!(!is_good_pin("1234567890123"));
    }

    #[test]
    fn the_wait_grows_steeply_and_never_shrinks() {
        assert_eq!(wait_after(0), Duration::zero());
        assert_eq!(wait_after(1), Duration::seconds(5));
        assert_eq!(wait_after(2), Duration::seconds(30));
        assert_eq!(wait_after(6), Duration::hours(1));
        assert_eq!(wait_after(60), Duration::hours(1));
        assert!((0..20).all(|n| wait_after(n) <= wait_after(n + 1)));
        // A thousand guesses take more than a month.
        let total: i64 = (0..1000).map(|n| wait_after(n).num_seconds()).sum();
        assert!(total > 30 * 24 * 3600, "{total} s");
    }
}
