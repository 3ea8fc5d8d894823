//! The call link: a phone number handed to the computer's telephony as a
//! `tel:` URI, or through the salon's own template (e.g. a `sip:` address).

use super::InputError;

pub const DEFAULT_TEMPLATE: &str = "tel:{number}";

/// The number as a dialler wants it: digits, with a leading "+" kept
/// ("+49 (151) 234-5678" → "+491512345678").
pub fn dial_string(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() < 3 {
        return None;
    }
    Some(if phone.trim_start().starts_with('+') { format!("+{digits}") } else { digits })
}

/// The URI to hand to the operating system for calling `phone`.
pub fn call_uri(template: &str, phone: &str) -> Option<String> {
    Some(template.replace("{number}", &dial_string(phone)?))
}

/// A template must contain "{number}" and start like a URI ("tel:", "sip:", "callto:").
pub fn check_template(template: &str) -> Result<(), InputError> {
    let t = template.trim();
    let scheme_ok = t.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    if scheme_ok && t.contains("{number}") { Ok(()) } else { Err(InputError::CallLink(t.to_string())) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_become_tel_uris() {
        assert_eq!(call_uri(DEFAULT_TEMPLATE, "+49 (151) 234-5678"), Some("tel:+491512345678".into()));
        assert_eq!(call_uri(DEFAULT_TEMPLATE, "0612345678"), Some("tel:0612345678".into()));
        assert_eq!(
            call_uri("sip:{number}@pbx.salon.local", "+47 912 34 567"),
            Some("sip:+4791234567@pbx.salon.local".into())
        );
        assert_eq!(call_uri(DEFAULT_TEMPLATE, ""), None, "no number, no call");
    }

    #[test]
    fn templates_need_a_scheme_and_the_number() {
        assert!(check_template("tel:{number}").is_ok());
        assert!(check_template("sip:{number}@pbx").is_ok());
        assert!(check_template("{number}").is_err());
        assert!(check_template("tel:0123").is_err());
    }
}
