//! Phone numbers in E.164 ("+491512345678") for SMS gateways, read the way
//! the salon's customers write them: "0151 2345678" in a German salon is
//! German, "+47 912 34 567" is Norwegian wherever the salon is.

use super::{InputError, Language};

/// The country a national number belongs to when none is written: from the
/// salon's time zone where it names one country, else from its language.
pub fn default_country(time_zone: &str, lang: Language) -> &'static str {
    match time_zone {
        "Europe/Berlin" | "Europe/Busingen" => "DE",
        "Europe/Vienna" => "AT",
        "Europe/Zurich" => "CH",
        "Europe/Amsterdam" => "NL",
        "Europe/Brussels" => "BE",
        "Europe/Oslo" => "NO",
        "Europe/London" => "GB",
        "Europe/Dublin" => "IE",
        _ => match lang {
            Language::De => "DE",
            Language::Nl => "NL",
            Language::Nb => "NO",
            Language::En => "GB",
        },
    }
}

/// The number in E.164, or why it is not a phone number anyone can text.
pub fn to_e164(phone: &str, default_country: &str) -> Result<String, InputError> {
    let bad = || InputError::Phone(phone.trim().to_string());
    let country = default_country.parse::<phonenumber::country::Id>().ok();
    let number = phonenumber::parse(country, phone.trim()).map_err(|_| bad())?;
    if !phonenumber::is_valid(&number) {
        return Err(bad());
    }
    Ok(phonenumber::format(&number).mode(phonenumber::Mode::E164).to_string())
}

/// The national significant number of an E.164 number ("+4915123456789" →
/// "15123456789"): the part every written form of it contains.
pub fn national_number(e164: &str) -> Option<String> {
    let number = phonenumber::parse(None, e164).ok()?;
    Some(number.national().value().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_numbers_take_the_salons_country() {
        assert_eq!(to_e164("0151 23456789", "DE"), Ok("+4915123456789".into()));
        assert_eq!(to_e164("06 12345678", "NL"), Ok("+31612345678".into()));
        assert_eq!(to_e164("912 34 567", "NO"), Ok("+4791234567".into()));
        assert_eq!(to_e164("07400 123456", "GB"), Ok("+447400123456".into()));
    }

    #[test]
    fn the_national_number_is_what_every_form_contains() {
        assert_eq!(national_number("+4915123456789").as_deref(), Some("15123456789"));
        assert_eq!(national_number("+4791234567").as_deref(), Some("91234567"));
        assert_eq!(national_number("not a number"), None);
    }

    #[test]
    fn international_numbers_keep_their_country() {
        assert_eq!(to_e164("+47 912 34 567", "DE"), Ok("+4791234567".into()));
        assert_eq!(
            to_e164("0047 912 34 567", "DE"),
            Ok("+4791234567".into()),
            "00 is the international prefix in Germany"
        );
    }

    #[test]
    fn wrong_numbers_are_refused() {
        assert!(matches!(to_e164("call me", "DE"), Err(InputError::Phone(_))));
        assert!(matches!(to_e164("0151", "DE"), Err(InputError::Phone(_))), "too short");
        assert!(matches!(to_e164("", "DE"), Err(InputError::Phone(_))));
    }

    #[test]
    fn the_country_follows_the_zone_then_the_language() {
        assert_eq!(default_country("Europe/Oslo", Language::En), "NO");
        assert_eq!(default_country("America/New_York", Language::De), "DE");
    }
}
