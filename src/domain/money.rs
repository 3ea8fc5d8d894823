//! Money in integer minor units (cents, øre); never floating point.

use super::{InputError, Language};

/// Formats an amount the way a customer of that language expects:
/// "€45.00" (en), "45,00 €" (de), "€ 45,00" (nl), "kr 450,00" (nb).
pub fn format(cents: i64, currency: &str, lang: Language) -> String {
    let number = format_plain(cents, lang);
    let symbol = symbol(currency);
    match lang {
        Language::En => format!("{symbol}{number}"),
        Language::De => format!("{number}\u{a0}{symbol}"),
        Language::Nl | Language::Nb => format!("{symbol}\u{a0}{number}"),
    }
}

/// The number alone, as it is typed into a price field: "1,234.50", "1.234,50".
pub fn format_plain(cents: i64, lang: Language) -> String {
    let negative = cents < 0;
    let abs = cents.unsigned_abs();
    let (units, minor) = (abs / 100, abs % 100);
    let (group, decimal) = match lang {
        Language::En => (',', '.'),
        Language::De | Language::Nl => ('.', ','),
        Language::Nb => ('\u{a0}', ','),
    };
    let mut digits = String::new();
    let text = units.to_string();
    for (i, c) in text.chars().enumerate() {
        if i > 0 && (text.len() - i) % 3 == 0 {
            digits.push(group);
        }
        digits.push(c);
    }
    format!("{}{digits}{decimal}{minor:02}", if negative { "-" } else { "" })
}

fn symbol(currency: &str) -> &str {
    match currency {
        "EUR" => "€",
        "GBP" => "£",
        "USD" => "$",
        "NOK" | "SEK" | "DKK" => "kr",
        "CHF" => "CHF",
        other => other,
    }
}

/// Reads what a person typed as a price: "45", "45.5", "45,50", "1.234,50".
pub fn parse(text: &str) -> Result<i64, InputError> {
    let bad = || InputError::Amount(text.to_string());
    let t: String = text.trim().chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return Err(bad());
    }
    // The last separator followed by one or two digits is the decimal mark.
    let cut = t.rfind([',', '.']).filter(|&i| t.len() - i - 1 <= 2);
    let (whole, frac) = match cut {
        Some(i) => (&t[..i], &t[i + 1..]),
        None => (t.as_str(), ""),
    };
    let whole: String = whole.chars().filter(|c| *c != '.' && *c != ',').collect();
    if whole.is_empty() && frac.is_empty() {
        return Err(bad());
    }
    if !whole.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    let units: i64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| bad())? };
    let minor: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().map_err(|_| bad())? * 10,
        _ => frac.parse().map_err(|_| bad())?,
    };
    units.checked_mul(100).and_then(|u| u.checked_add(minor)).ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_per_language() {
        assert_eq!(format(4500, "EUR", Language::En), "€45.00");
        assert_eq!(format(123450, "EUR", Language::De), "1.234,50\u{a0}€");
        assert_eq!(format(4505, "EUR", Language::Nl), "€\u{a0}45,05");
        assert_eq!(format(45000, "NOK", Language::Nb), "kr\u{a0}450,00");
        assert_eq!(format(-250, "EUR", Language::En), "€-2.50");
        assert_eq!(format_plain(123450, Language::De), "1.234,50");
        assert_eq!(parse(&format_plain(123450, Language::Nb)), Ok(123450), "what is shown can be read back");
    }

    #[test]
    fn parses_what_people_type() {
        assert_eq!(parse("45"), Ok(4500));
        assert_eq!(parse("45,5"), Ok(4550));
        assert_eq!(parse("45.50"), Ok(4550));
        assert_eq!(parse("1.234,50"), Ok(123450));
        assert_eq!(parse("1,234.50"), Ok(123450));
        assert_eq!(parse(" 12 "), Ok(1200));
        assert!(parse("").is_err());
        assert!(parse("abc").is_err());
        assert!(parse("-5").is_err());
    }
}
