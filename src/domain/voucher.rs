//! Vouchers (gift cards, seed 002): a code nobody can guess, an expiry, and
//! what is left of one after it paid in part.

use chrono::{Datelike, NaiveDate};
use rand::Rng;

/// Letters and digits that cannot be read as one another (no 0/O, 1/I/L).
const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// 12 characters of 31: about 59 bits — not guessed at a desk or a kiosk.
pub const CODE_LENGTH: usize = 12;

/// A new code (from the operating system's random source through rand's CSPRNG).
pub fn new_code() -> String {
    let mut rng = rand::rng();
    (0..CODE_LENGTH).map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char).collect()
}

/// A code as printed: in groups of four.
pub fn printed(code: &str) -> String {
    code.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join("-")
}

/// A code as typed or scanned: spaces and dashes gone, upper case.
pub fn normalised(typed: &str) -> String {
    typed.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect()
}

/// The default last day (the German and Norwegian statutory period): three
/// years to the end of the year of sale.
pub fn default_expiry(sold_on: NaiveDate, years: u32) -> NaiveDate {
    // Beyond chrono's last year (262 143) it stays open to the last day there is.
    NaiveDate::from_ymd_opt(sold_on.year() + years as i32, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// What a voucher can still pay on `day`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Usable {
    Yes(i64),
    Expired,
    UsedUp,
    Void,
}

pub fn usable(value: i64, used: i64, expires_on: NaiveDate, void: bool, day: NaiveDate) -> Usable {
    if void {
        Usable::Void
    } else if day > expires_on {
        Usable::Expired
    } else if used >= value {
        Usable::UsedUp
    } else {
        Usable::Yes(value - used)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn codes_are_long_have_no_look_alikes_and_differ() {
        let codes: std::collections::HashSet<String> = (0..2_000).map(|_| new_code()).collect();
        assert_eq!(codes.len(), 2_000, "no repeats among 2 000");
        for c in &codes {
            assert_eq!(c.len(), CODE_LENGTH);
            assert!(!c.contains(['0', 'O', '1', 'I', 'L']), "{c}");
            assert_eq!(normalised(&printed(c).to_lowercase()), *c, "typed back in lower case with dashes");
        }
        assert_eq!(printed("ABCDEFGHJKMN"), "ABCD-EFGH-JKMN");
    }

    #[test]
    fn a_voucher_lasts_three_years_to_the_end_of_the_year_of_sale() {
        assert_eq!(default_expiry(day(2026, 1, 2), 3), day(2029, 12, 31));
        assert_eq!(default_expiry(day(2026, 12, 31), 3), day(2029, 12, 31));
        assert_eq!(default_expiry(day(2028, 2, 29), 1), day(2029, 12, 31));
    }

    #[test]
    fn what_is_left_pays_until_the_last_day_and_not_after() {
        let last = day(2029, 12, 31);
        assert_eq!(usable(5_000, 1_800, last, false, last), Usable::Yes(3_200), "on the last day");
        assert_eq!(usable(5_000, 1_800, last, false, day(2030, 1, 1)), Usable::Expired);
        assert_eq!(usable(5_000, 5_000, last, false, last), Usable::UsedUp);
        assert_eq!(usable(5_000, 0, last, true, last), Usable::Void, "its sale was reversed");
    }
}
