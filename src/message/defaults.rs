//! The default message texts shipped in `data/templates/` (per language,
//! kind and channel); the salon edits its own copies in Settings (to come).

use crate::domain::Language;
use crate::domain::template::{self, TemplateError};

pub use crate::domain::template::{Channel, Kind};

/// A message text: an e-mail has a subject, an SMS only a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub subject: Option<String>,
    pub body: String,
}

impl Text {
    /// Both parts checked for unknown placeholders.
    pub fn check(&self) -> Result<(), TemplateError> {
        template::check(self.subject.as_deref().unwrap_or(""))?;
        template::check(&self.body)
    }
}

fn raw(lang: Language, kind: Kind, channel: Channel) -> &'static str {
    match (lang, kind, channel) {
        (Language::En, Kind::Confirmation, Channel::Email) => {
            include_str!("../../data/templates/en/confirmation.email.txt")
        }
        (Language::En, Kind::Confirmation, Channel::Sms) => {
            include_str!("../../data/templates/en/confirmation.sms.txt")
        }
        (Language::En, Kind::Reminder, Channel::Email) => include_str!("../../data/templates/en/reminder.email.txt"),
        (Language::En, Kind::Reminder, Channel::Sms) => include_str!("../../data/templates/en/reminder.sms.txt"),
        (Language::En, Kind::Cancellation, Channel::Email) => {
            include_str!("../../data/templates/en/cancellation.email.txt")
        }
        (Language::En, Kind::Cancellation, Channel::Sms) => {
            include_str!("../../data/templates/en/cancellation.sms.txt")
        }
        (Language::En, Kind::Reschedule, Channel::Email) => {
            include_str!("../../data/templates/en/reschedule.email.txt")
        }
        (Language::En, Kind::Reschedule, Channel::Sms) => include_str!("../../data/templates/en/reschedule.sms.txt"),
        (Language::En, Kind::Tan, Channel::Email) => include_str!("../../data/templates/en/tan.email.txt"),
        (Language::En, Kind::Tan, Channel::Sms) => include_str!("../../data/templates/en/tan.sms.txt"),
        (Language::En, Kind::Newsletter, Channel::Email) => {
            include_str!("../../data/templates/en/newsletter.email.txt")
        }
        (Language::En, Kind::Newsletter, Channel::Sms) => include_str!("../../data/templates/en/newsletter.sms.txt"),
        (Language::En, Kind::Receipt, Channel::Email) => include_str!("../../data/templates/en/receipt.email.txt"),
        (Language::En, Kind::Receipt, Channel::Sms) => include_str!("../../data/templates/en/receipt.sms.txt"),
        (Language::En, Kind::ConfirmRequest, Channel::Email) => {
            include_str!("../../data/templates/en/confirm_request.email.txt")
        }
        (Language::En, Kind::ConfirmRequest, Channel::Sms) => {
            include_str!("../../data/templates/en/confirm_request.sms.txt")
        }
        (Language::De, Kind::Confirmation, Channel::Email) => {
            include_str!("../../data/templates/de/confirmation.email.txt")
        }
        (Language::De, Kind::Confirmation, Channel::Sms) => {
            include_str!("../../data/templates/de/confirmation.sms.txt")
        }
        (Language::De, Kind::Reminder, Channel::Email) => include_str!("../../data/templates/de/reminder.email.txt"),
        (Language::De, Kind::Reminder, Channel::Sms) => include_str!("../../data/templates/de/reminder.sms.txt"),
        (Language::De, Kind::Cancellation, Channel::Email) => {
            include_str!("../../data/templates/de/cancellation.email.txt")
        }
        (Language::De, Kind::Cancellation, Channel::Sms) => {
            include_str!("../../data/templates/de/cancellation.sms.txt")
        }
        (Language::De, Kind::Reschedule, Channel::Email) => {
            include_str!("../../data/templates/de/reschedule.email.txt")
        }
        (Language::De, Kind::Reschedule, Channel::Sms) => include_str!("../../data/templates/de/reschedule.sms.txt"),
        (Language::De, Kind::Tan, Channel::Email) => include_str!("../../data/templates/de/tan.email.txt"),
        (Language::De, Kind::Tan, Channel::Sms) => include_str!("../../data/templates/de/tan.sms.txt"),
        (Language::De, Kind::Newsletter, Channel::Email) => {
            include_str!("../../data/templates/de/newsletter.email.txt")
        }
        (Language::De, Kind::Newsletter, Channel::Sms) => include_str!("../../data/templates/de/newsletter.sms.txt"),
        (Language::De, Kind::Receipt, Channel::Email) => include_str!("../../data/templates/de/receipt.email.txt"),
        (Language::De, Kind::Receipt, Channel::Sms) => include_str!("../../data/templates/de/receipt.sms.txt"),
        (Language::De, Kind::ConfirmRequest, Channel::Email) => {
            include_str!("../../data/templates/de/confirm_request.email.txt")
        }
        (Language::De, Kind::ConfirmRequest, Channel::Sms) => {
            include_str!("../../data/templates/de/confirm_request.sms.txt")
        }
        (Language::Nl, Kind::Confirmation, Channel::Email) => {
            include_str!("../../data/templates/nl/confirmation.email.txt")
        }
        (Language::Nl, Kind::Confirmation, Channel::Sms) => {
            include_str!("../../data/templates/nl/confirmation.sms.txt")
        }
        (Language::Nl, Kind::Reminder, Channel::Email) => include_str!("../../data/templates/nl/reminder.email.txt"),
        (Language::Nl, Kind::Reminder, Channel::Sms) => include_str!("../../data/templates/nl/reminder.sms.txt"),
        (Language::Nl, Kind::Cancellation, Channel::Email) => {
            include_str!("../../data/templates/nl/cancellation.email.txt")
        }
        (Language::Nl, Kind::Cancellation, Channel::Sms) => {
            include_str!("../../data/templates/nl/cancellation.sms.txt")
        }
        (Language::Nl, Kind::Reschedule, Channel::Email) => {
            include_str!("../../data/templates/nl/reschedule.email.txt")
        }
        (Language::Nl, Kind::Reschedule, Channel::Sms) => include_str!("../../data/templates/nl/reschedule.sms.txt"),
        (Language::Nl, Kind::Tan, Channel::Email) => include_str!("../../data/templates/nl/tan.email.txt"),
        (Language::Nl, Kind::Tan, Channel::Sms) => include_str!("../../data/templates/nl/tan.sms.txt"),
        (Language::Nl, Kind::Newsletter, Channel::Email) => {
            include_str!("../../data/templates/nl/newsletter.email.txt")
        }
        (Language::Nl, Kind::Newsletter, Channel::Sms) => include_str!("../../data/templates/nl/newsletter.sms.txt"),
        (Language::Nl, Kind::Receipt, Channel::Email) => include_str!("../../data/templates/nl/receipt.email.txt"),
        (Language::Nl, Kind::Receipt, Channel::Sms) => include_str!("../../data/templates/nl/receipt.sms.txt"),
        (Language::Nl, Kind::ConfirmRequest, Channel::Email) => {
            include_str!("../../data/templates/nl/confirm_request.email.txt")
        }
        (Language::Nl, Kind::ConfirmRequest, Channel::Sms) => {
            include_str!("../../data/templates/nl/confirm_request.sms.txt")
        }
        (Language::Nb, Kind::Confirmation, Channel::Email) => {
            include_str!("../../data/templates/nb/confirmation.email.txt")
        }
        (Language::Nb, Kind::Confirmation, Channel::Sms) => {
            include_str!("../../data/templates/nb/confirmation.sms.txt")
        }
        (Language::Nb, Kind::Reminder, Channel::Email) => include_str!("../../data/templates/nb/reminder.email.txt"),
        (Language::Nb, Kind::Reminder, Channel::Sms) => include_str!("../../data/templates/nb/reminder.sms.txt"),
        (Language::Nb, Kind::Cancellation, Channel::Email) => {
            include_str!("../../data/templates/nb/cancellation.email.txt")
        }
        (Language::Nb, Kind::Cancellation, Channel::Sms) => {
            include_str!("../../data/templates/nb/cancellation.sms.txt")
        }
        (Language::Nb, Kind::Reschedule, Channel::Email) => {
            include_str!("../../data/templates/nb/reschedule.email.txt")
        }
        (Language::Nb, Kind::Reschedule, Channel::Sms) => include_str!("../../data/templates/nb/reschedule.sms.txt"),
        (Language::Nb, Kind::Tan, Channel::Email) => include_str!("../../data/templates/nb/tan.email.txt"),
        (Language::Nb, Kind::Tan, Channel::Sms) => include_str!("../../data/templates/nb/tan.sms.txt"),
        (Language::Nb, Kind::Newsletter, Channel::Email) => {
            include_str!("../../data/templates/nb/newsletter.email.txt")
        }
        (Language::Nb, Kind::Newsletter, Channel::Sms) => include_str!("../../data/templates/nb/newsletter.sms.txt"),
        (Language::Nb, Kind::Receipt, Channel::Email) => include_str!("../../data/templates/nb/receipt.email.txt"),
        (Language::Nb, Kind::Receipt, Channel::Sms) => include_str!("../../data/templates/nb/receipt.sms.txt"),
        (Language::Nb, Kind::ConfirmRequest, Channel::Email) => {
            include_str!("../../data/templates/nb/confirm_request.email.txt")
        }
        (Language::Nb, Kind::ConfirmRequest, Channel::Sms) => {
            include_str!("../../data/templates/nb/confirm_request.sms.txt")
        }
    }
}

/// The shipped default text. E-mail files start with "Subject: …" and a blank line.
pub fn default_text(lang: Language, kind: Kind, channel: Channel) -> Text {
    let text = raw(lang, kind, channel);
    match channel {
        Channel::Sms => Text { subject: None, body: text.trim_end().to_string() },
        Channel::Email => {
            let (first, body) = text.split_once("\n\n").unwrap_or(("", text));
            Text {
                subject: Some(first.strip_prefix("Subject: ").unwrap_or(first).trim().to_string()),
                body: body.trim_end().to_string(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::template::{render, sms_length};
    use std::collections::HashMap;

    /// Long real-world values: the texts must stay usable with them.
    fn sample() -> HashMap<&'static str, String> {
        HashMap::from([
            ("customer", "Maximiliane Schwarzenberger".to_string()),
            ("date", "Di. 24.11.".to_string()),
            ("time", "14:30".to_string()),
            ("service", "Gesichtsbehandlung".to_string()),
            ("staff", "Øyvind".to_string()),
            ("salon", "Salong Lumen".to_string()),
            ("address", "Thorvald Meyers gate 12, 0555 Oslo".to_string()),
            ("terms_link", "https://salon.example/terms".to_string()),
            ("cancel_by", "Mo. 23.11. 14:30".to_string()),
            ("no_show_fee", "25,00 €".to_string()),
            ("code", "482913".to_string()),
            ("number", "12345".to_string()),
            ("total", "1.234,50 €".to_string()),
        ])
    }

    #[test]
    fn every_default_text_exists_uses_known_placeholders_and_fits() {
        for lang in Language::ALL {
            for kind in Kind::ALL {
                let mail = default_text(lang, kind, Channel::Email);
                mail.check().unwrap_or_else(|e| panic!("{lang:?} {kind:?} e-mail: {e}"));
                assert!(
                    mail.subject.as_deref().is_some_and(|s| !s.is_empty() && !s.starts_with("Subject")),
                    "{lang:?} {kind:?}"
                );
                assert!(mail.body.contains("{salon}"), "{lang:?} {kind:?}: every e-mail says who sends it");
                let sms = default_text(lang, kind, Channel::Sms);
                let filled = render(&sms.body, &sample()).unwrap_or_else(|e| panic!("{lang:?} {kind:?} SMS: {e}"));
                let length = sms_length(&filled);
                assert!(length.segments <= 2, "{lang:?} {kind:?} SMS is {} segments: {filled}", length.segments);
            }
        }
        let tan = default_text(Language::De, Kind::Tan, Channel::Sms);
        assert_eq!(render(&tan.body, &sample()).unwrap(), "Ihr Code für Salong Lumen: 482913");
    }
}
