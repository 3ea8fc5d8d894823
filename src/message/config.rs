//! The sending settings, as `salondesk config` and the Settings screen see
//! them: every key is checked before it is stored, and a refusal says why.

use crate::domain::InputError;
use crate::domain::customer;
use crate::domain::reminder::QuietHours;
use crate::domain::{Language, money};

pub struct Key {
    pub name: &'static str,
    /// The text key of its label in the settings ("config-smtp-host").
    pub label: &'static str,
    /// Never printed in full by `config list`.
    pub secret: bool,
    pub default: &'static str,
    /// The only values it takes, if it is a choice: the screen shows a pick
    /// list (["on", "off"]: a switch) instead of a text field.
    pub choices: &'static [&'static str],
    /// Returns the value to store (trimmed, normalised) or why it is refused.
    check: fn(&str) -> Result<String, InputError>,
}

impl Key {
    /// The value as it may be printed: a secret as "••••", a gateway URL
    /// without its query (where gateways put their API key).
    pub fn shown(&self, value: &str) -> String {
        if self.secret && !value.is_empty() {
            return "••••".to_string();
        }
        match value.split_once('?') {
            Some((base, _)) if self.name == "sms.url" => format!("{base}?••••"),
            _ => value.to_string(),
        }
    }

    /// Stored sealed (`store::secrets`): the passwords, tokens and the
    /// gateway URL (which often carries a key). The kiosk PIN is a hash.
    pub fn sealed(&self) -> bool {
        (self.secret && self.name != "kiosk.pin") || self.name == "sms.url"
    }

    pub fn check(&self, value: &str) -> Result<String, InputError> {
        if !self.choices.is_empty() {
            return one_of(value.trim(), self.choices, self.name);
        }
        (self.check)(value.trim())
    }
}

const ON_OFF: &[&str] = &["on", "off"];

fn any(v: &str) -> Result<String, InputError> {
    Ok(v.to_string())
}

fn one_of(v: &str, allowed: &[&str], what: &'static str) -> Result<String, InputError> {
    let lower = v.to_lowercase();
    if allowed.contains(&lower.as_str()) { Ok(lower) } else { Err(InputError::Choice(what, allowed.join(", "))) }
}

fn port(v: &str) -> Result<String, InputError> {
    match v.parse::<u16>() {
        Ok(p) if p > 0 => Ok(p.to_string()),
        _ => Err(InputError::Number(v.to_string())),
    }
}

fn email(v: &str) -> Result<String, InputError> {
    if v.is_empty() {
        return Ok(String::new());
    }
    customer::check_email(v)?;
    Ok(v.to_string())
}

/// A folder for backups: empty (beside the file) or an absolute path.
fn folder(v: &str) -> Result<String, InputError> {
    if v.is_empty() || std::path::Path::new(v).is_absolute() {
        Ok(v.to_string())
    } else {
        Err(InputError::Folder(v.into()))
    }
}

fn url(v: &str) -> Result<String, InputError> {
    if v.is_empty() || v.starts_with("https://") || v.starts_with("http://") {
        Ok(v.to_string())
    } else {
        Err(InputError::Url(v.to_string()))
    }
}

fn quiet(v: &str) -> Result<String, InputError> {
    if v.is_empty() { Ok(String::new()) } else { Ok(QuietHours::parse(v)?.as_config()) }
}

fn hours(v: &str) -> Result<String, InputError> {
    match v.parse::<u32>() {
        Ok(h) if h <= 168 => Ok(h.to_string()),
        _ => Err(InputError::Number(v.to_string())),
    }
}

/// Kept as a plain amount ("25.00"), so that it reads back as it was typed.
fn range(v: &str, min: u32, max: u32) -> Result<String, InputError> {
    match v.parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n.to_string()),
        _ => Err(InputError::Number(format!("{v} ({min}–{max})"))),
    }
}

/// Four to eight digits: typed on the kiosk's keypad.
/// Empty (no PIN: the kiosk will not start) or at least six digits.
fn pin(v: &str) -> Result<String, InputError> {
    if v.is_empty() || crate::domain::pin::is_good_pin(v) { Ok(v.to_string()) } else { Err(InputError::Pin) }
}

fn fee(v: &str) -> Result<String, InputError> {
    if v.is_empty() {
        Ok(String::new())
    } else {
        Ok(money::format_plain(money::parse(v)?, Language::En).replace(',', ""))
    }
}

pub const KEYS: &[Key] = &[
    Key { name: "smtp.host", label: "config-smtp-host", secret: false, default: "", choices: &[], check: any },
    Key { name: "smtp.port", label: "config-smtp-port", secret: false, default: "587", choices: &[], check: port },
    Key {
        name: "smtp.security",
        label: "config-smtp-security",
        secret: false,
        default: "starttls",
        choices: &["none", "starttls", "tls"],
        check: any,
    },
    Key { name: "smtp.username", label: "config-smtp-username", secret: false, default: "", choices: &[], check: any },
    Key { name: "smtp.password", label: "config-smtp-password", secret: true, default: "", choices: &[], check: any },
    Key { name: "smtp.from", label: "config-smtp-from", secret: false, default: "", choices: &[], check: email },
    Key {
        name: "sms.provider",
        label: "config-sms-provider",
        secret: false,
        default: "none",
        choices: &["none", "twilio", "generic"],
        check: any,
    },
    Key { name: "sms.url", label: "config-sms-url", secret: false, default: "", choices: &[], check: url },
    Key {
        name: "sms.format",
        label: "config-sms-format",
        secret: false,
        default: "form",
        choices: &["form", "json"],
        check: any,
    },
    Key {
        name: "sms.body",
        label: "config-sms-body",
        secret: false,
        default: "to={to}&from={from}&text={text}",
        choices: &[],
        check: any,
    },
    Key {
        name: "sms.auth_header",
        label: "config-sms-auth_header",
        secret: true,
        default: "",
        choices: &[],
        check: any,
    },
    Key { name: "sms.from", label: "config-sms-from", secret: false, default: "", choices: &[], check: any },
    Key { name: "sms.username", label: "config-sms-username", secret: false, default: "", choices: &[], check: any },
    Key { name: "sms.token", label: "config-sms-token", secret: true, default: "", choices: &[], check: any },
    Key {
        name: "sms.quiet_hours",
        label: "config-sms-quiet_hours",
        secret: false,
        default: "21:00-08:00",
        choices: &[],
        check: quiet,
    },
    Key {
        name: "messages.confirmations",
        label: "config-messages-confirmations",
        secret: false,
        default: "on",
        choices: ON_OFF,
        check: any,
    },
    Key {
        name: "messages.sms_confirmations",
        label: "config-messages-sms_confirmations",
        secret: false,
        // Off until the salon wants them: every SMS costs money.
        default: "off",
        choices: ON_OFF,
        check: any,
    },
    Key {
        name: "messages.cancel_hours",
        label: "config-messages-cancel_hours",
        secret: false,
        default: "24",
        choices: &[],
        check: hours,
    },
    Key {
        name: "messages.no_show_fee",
        label: "config-messages-no_show_fee",
        secret: false,
        default: "",
        choices: &[],
        check: fee,
    },
    Key {
        name: "messages.terms_link",
        label: "config-messages-terms_link",
        secret: false,
        default: "",
        choices: &[],
        check: url,
    },
    Key {
        name: "booking.max_days_ahead",
        label: "config-booking-max_days_ahead",
        secret: false,
        default: "90",
        choices: &[],
        check: |v| range(v, 1, 360),
    },
    Key {
        name: "booking.min_notice_minutes",
        label: "config-booking-min_notice_minutes",
        secret: false,
        default: "60",
        choices: &[],
        check: |v| range(v, 5, 86_400),
    },
    Key {
        name: "backup.folder",
        label: "config-backup-folder",
        secret: false,
        default: "",
        choices: &[],
        check: folder,
    },
    Key { name: "kiosk.pin", label: "config-kiosk-pin", secret: true, default: "", choices: &[], check: pin },
    Key { name: "kiosk.tan", label: "config-kiosk-tan", secret: false, default: "off", choices: ON_OFF, check: any },
    Key {
        name: "kiosk.idle_seconds",
        label: "config-kiosk-idle_seconds",
        secret: false,
        default: "60",
        choices: &[],
        check: |v| range(v, 15, 600),
    },
    Key {
        name: "kiosk.checkin_before_minutes",
        label: "config-kiosk-checkin_before_minutes",
        secret: false,
        default: "45",
        choices: &[],
        check: |v| range(v, 5, 180),
    },
    Key {
        name: "kiosk.checkin_after_minutes",
        label: "config-kiosk-checkin_after_minutes",
        secret: false,
        default: "20",
        choices: &[],
        check: |v| range(v, 0, 120),
    },
    Key {
        name: "kiosk.terms_version",
        label: "config-kiosk-terms_version",
        secret: false,
        default: "1",
        choices: &[],
        check: any,
    },
    Key { name: "kiosk.terms", label: "config-kiosk-terms", secret: false, default: "", choices: &[], check: any },
    // The till (SPEC §7). Each part can be switched off; what is off is shown nowhere.
    Key {
        name: "checkout.enabled",
        label: "config-checkout-enabled",
        secret: false,
        default: "on",
        choices: ON_OFF,
        check: any,
    },
    Key {
        name: "checkout.till",
        label: "config-checkout-till",
        secret: false,
        // Safe where the law asks for a certified till (DE, NO): the salon's own.
        default: "own",
        choices: &["own", "salondesk"],
        check: any,
    },
    Key {
        name: "vouchers.enabled",
        label: "config-vouchers-enabled",
        secret: false,
        default: "on",
        choices: ON_OFF,
        check: any,
    },
    Key {
        name: "vouchers.years",
        label: "config-vouchers-years",
        secret: false,
        default: "3",
        choices: &[],
        check: |v| range(v, 1, 30),
    },
    Key {
        name: "bonus.enabled",
        label: "config-bonus-enabled",
        secret: false,
        default: "off",
        choices: ON_OFF,
        check: any,
    },
    Key {
        name: "bonus.points_per_unit",
        label: "config-bonus-points_per_unit",
        secret: false,
        default: "1",
        choices: &[],
        check: |v| range(v, 1, 100),
    },
    Key {
        name: "bonus.threshold",
        label: "config-bonus-threshold",
        secret: false,
        default: "200",
        choices: &[],
        check: |v| range(v, 1, 1_000_000),
    },
    Key {
        name: "bonus.reward",
        label: "config-bonus-reward",
        secret: false,
        default: "10 %",
        choices: &[],
        check: reward,
    },
    Key {
        name: "referral.enabled",
        label: "config-referral-enabled",
        secret: false,
        default: "off",
        choices: ON_OFF,
        check: any,
    },
    Key {
        name: "referral.points",
        label: "config-referral-points",
        secret: false,
        default: "50",
        choices: &[],
        check: |v| range(v, 1, 100_000),
    },
    Key {
        name: "referral.cap_per_year",
        label: "config-referral-cap_per_year",
        secret: false,
        // 0: no cap.
        default: "0",
        choices: &[],
        check: |v| range(v, 0, 1_000),
    },
    Key {
        name: "newsletter.per_minute",
        label: "config-newsletter-per_minute",
        secret: false,
        // A salon's own mail server, not a mass mailer: about one a second.
        default: "60",
        choices: &[],
        check: |v| range(v, 1, 10_000),
    },
];

/// "10 %" or an amount, kept as the reward reads back ("10 %", "5.00").
fn reward(v: &str) -> Result<String, InputError> {
    Ok(match crate::domain::checkout::Discount::parse(v)? {
        crate::domain::checkout::Discount::Percent(p) => format!("{p} %"),
        crate::domain::checkout::Discount::Amount(c) => money::format_plain(c, Language::En).replace(',', ""),
    })
}

pub fn key(name: &str) -> Option<&'static Key> {
    KEYS.iter().find(|k| k.name == name)
}

/// Where Twilio takes messages; `{username}` is the account SID.
pub const TWILIO_URL: &str = "https://api.twilio.com/2010-04-01/Accounts/{username}/Messages.json";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_and_a_gateway_key_are_never_printed() {
        assert_eq!(key("smtp.password").unwrap().shown("hunter2"), "••••");
        assert_eq!(key("smtp.password").unwrap().shown(""), "", "an empty one says it is not set");
        assert_eq!(key("sms.url").unwrap().shown("https://gw.example/send?key=s3cret"), "https://gw.example/send?••••");
        assert_eq!(key("smtp.host").unwrap().shown("mail.example"), "mail.example");
    }

    #[test]
    fn values_are_checked_and_normalised() {
        assert_eq!(key("smtp.security").unwrap().check(" TLS "), Ok("tls".to_string()));
        assert!(key("smtp.security").unwrap().check("ssl3").is_err());
        assert_eq!(key("smtp.port").unwrap().check("465"), Ok("465".to_string()));
        assert!(key("smtp.port").unwrap().check("0").is_err());
        assert!(key("smtp.port").unwrap().check("seventy").is_err());
        assert!(key("smtp.from").unwrap().check("salon at example").is_err());
        assert!(key("sms.url").unwrap().check("ftp://x").is_err());
        assert_eq!(key("sms.quiet_hours").unwrap().check("21-8"), Ok("21:00-08:00".to_string()));
        assert_eq!(key("messages.no_show_fee").unwrap().check("25,50"), Ok("25.50".to_string()));
        assert_eq!(key("messages.no_show_fee").unwrap().check("1.250,00"), Ok("1250.00".to_string()));
        assert!(key("nonsense").is_none());
        assert!(KEYS.iter().all(|k| k.check(k.default).is_ok()), "every default passes its own check");
    }
}
