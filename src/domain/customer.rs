//! Customers: contact data, consent, and the folding that makes search
//! accent- and case-insensitive ("Søren Ødegård" is found by "soren odeg").

use super::{InputError, Language};
use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Consent {
    Granted,
    #[default]
    NotAsked,
    Objected,
}

impl Consent {
    pub const ALL: [Consent; 3] = [Consent::Granted, Consent::NotAsked, Consent::Objected];

    pub fn as_str(self) -> &'static str {
        match self {
            Consent::Granted => "granted",
            Consent::NotAsked => "not_asked",
            Consent::Objected => "objected",
        }
    }

    pub fn parse(s: &str) -> Consent {
        Self::ALL.into_iter().find(|c| c.as_str() == s).unwrap_or_default()
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Customer {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub phone: String,
    pub email: String,
    pub language: Language,
    pub birthday: Option<NaiveDate>,
    pub notes: String,
    pub marketing: Consent,
    pub preferred_staff_id: Option<i64>,
    /// `None` for a new customer: the database gives the initial status.
    pub status_id: Option<i64>,
}

impl Customer {
    pub fn full_name(&self) -> String {
        match (self.first_name.is_empty(), self.last_name.is_empty()) {
            (false, false) => format!("{} {}", self.first_name, self.last_name),
            (false, true) => self.first_name.clone(),
            _ => self.last_name.clone(),
        }
    }

    /// Checks what the desk typed before it is saved; trims as it goes.
    pub fn validated(mut self) -> Result<Customer, InputError> {
        self.first_name = self.first_name.trim().to_string();
        self.last_name = self.last_name.trim().to_string();
        self.phone = self.phone.trim().to_string();
        self.email = self.email.trim().to_string();
        if self.first_name.is_empty() && self.last_name.is_empty() {
            return Err(InputError::Required("name"));
        }
        if !self.email.is_empty() && !is_plausible_email(&self.email) {
            return Err(InputError::Email(self.email));
        }
        if !self.phone.is_empty() && !is_plausible_phone(&self.phone) {
            return Err(InputError::Phone(self.phone));
        }
        Ok(self)
    }
}

/// An e-mail address that could be delivered to (a plausibility check).
pub fn check_email(email: &str) -> Result<(), InputError> {
    if is_plausible_email(email) { Ok(()) } else { Err(InputError::Email(email.to_string())) }
}

/// Lower case, accents removed, Nordic and German letters spelled out the
/// way people type them without those keys.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        match c {
            'ø' | 'Ø' => out.push('o'),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            'đ' | 'Đ' => out.push('d'),
            'ł' | 'Ł' => out.push('l'),
            c if unicode_normalization::char::is_combining_mark(c) => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

pub fn digits(text: &str) -> String {
    text.chars().filter(|c| c.is_ascii_digit()).collect()
}

/// The forms of a phone number that someone might type when searching:
/// all digits ("4791234567"), and without the country code ("91234567"),
/// and with a leading zero for national formats ("091234567").
pub fn phone_search_forms(phone: &str) -> String {
    let all = digits(phone);
    if all.is_empty() {
        return String::new();
    }
    let mut forms = vec![all.clone()];
    let international = phone.trim_start().starts_with('+') || phone.trim_start().starts_with("00");
    let all_no_00 = all.strip_prefix("00").unwrap_or(&all).to_string();
    if international {
        for cc_len in 1..=3 {
            if all_no_00.len() > cc_len + 6 {
                let national = &all_no_00[cc_len..];
                forms.push(national.to_string());
                forms.push(format!("0{national}"));
            }
        }
    } else if let Some(national) = all.strip_prefix('0') {
        forms.push(national.to_string());
    }
    forms.dedup();
    forms.join(" ")
}

fn is_plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(char::is_whitespace)
}

/// A phone number as people write it: digits with spaces, dashes, dots,
/// brackets and an optional leading "+"; 6 to 15 digits (E.164's maximum).
fn is_plausible_phone(phone: &str) -> bool {
    let body = phone.strip_prefix('+').unwrap_or(phone);
    let allowed = body.chars().all(|c| c.is_ascii_digit() || " -./()".contains(c));
    let n = digits(phone).len();
    allowed && (6..=15).contains(&n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_accents_and_case() {
        assert_eq!(fold("Søren Ødegård"), "soren odegard");
        assert_eq!(fold("Jürgen Weiß"), "jurgen weiss");
        assert_eq!(fold("Chloé VAN DIJK"), "chloe van dijk");
        assert_eq!(fold("Ærlig"), "aerlig");
    }

    #[test]
    fn phone_forms_cover_national_and_international() {
        let forms = phone_search_forms("+47 912 34 567");
        assert!(forms.split(' ').any(|f| f == "4791234567"));
        assert!(forms.split(' ').any(|f| f == "91234567"));
        let de = phone_search_forms("+49 151 2345678");
        assert!(de.split(' ').any(|f| f == "01512345678"), "{de}");
        let national = phone_search_forms("0612345678");
        assert!(national.split(' ').any(|f| f == "612345678"));
        assert_eq!(phone_search_forms(""), "");
    }

    #[test]
    fn validation_says_what_is_wrong() {
        let ok = Customer { first_name: " Anna ".into(), phone: "+49 (151) 234-5678".into(), ..Default::default() };
        assert_eq!(ok.validated().unwrap().first_name, "Anna");
        let nameless = Customer { phone: "12345678".into(), ..Default::default() };
        assert_eq!(nameless.validated(), Err(InputError::Required("name")));
        let bad_mail = Customer { first_name: "A".into(), email: "anna@".into(), ..Default::default() };
        assert_eq!(bad_mail.validated(), Err(InputError::Email("anna@".into())));
        let bad_phone = Customer { first_name: "A".into(), phone: "call me".into(), ..Default::default() };
        assert!(matches!(bad_phone.validated(), Err(InputError::Phone(_))));
        let short = Customer { first_name: "A".into(), phone: "123".into(), ..Default::default() };
        assert!(matches!(short.validated(), Err(InputError::Phone(_))));
    }
}
