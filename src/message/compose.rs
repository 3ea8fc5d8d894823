//! A message about one appointment, made from the salon's text in the
//! customer's language: the placeholders filled in, the `.ics` attached.

use super::defaults::{Kind, Text};
use super::ics::{self, Invitation, Method};
use crate::domain::clock::{self, Instant};
use crate::domain::template::{self, TemplateError};
use crate::domain::{Language, money};
use chrono::Duration;
use chrono_tz::Tz;
use std::collections::HashMap;

/// What the salon says about itself in every message.
#[derive(Debug, Clone)]
pub struct Sender {
    pub salon: String,
    pub address: String,
    pub tz: Tz,
    pub currency: String,
    pub terms_link: String,
    /// How long before the start a customer may still cancel.
    pub cancel_hours: u32,
    pub no_show_fee_cents: Option<i64>,
    /// The salon's own e-mail address (From, and ORGANIZER of invitations).
    pub from: String,
    /// Makes invitation UIDs and Message-IDs unique to this salon.
    pub domain: String,
}

/// One appointment, as the customer sees it.
#[derive(Debug, Clone)]
pub struct About {
    pub appointment_id: i64,
    pub start: Instant,
    pub end: Instant,
    pub service: String,
    pub staff: String,
    pub customer: String,
    pub language: Language,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Composed {
    pub subject: String,
    pub body: String,
}

/// The placeholders' values for a message that goes out at `at`. What has
/// nothing to say is empty, and the text's "[…]" around it is left out: a
/// cancel-by time that has passed by then (a customer booked 19 hours ahead
/// is never told to cancel before she booked), a fee the salon does not charge.
pub fn values(sender: &Sender, about: &About, at: Instant) -> HashMap<&'static str, String> {
    let lang = about.language;
    let local = clock::to_local(sender.tz, about.start);
    let deadline = about.start - Duration::hours(sender.cancel_hours as i64);
    let cancel_by = if sender.cancel_hours > 0 && deadline > at {
        let d = clock::to_local(sender.tz, deadline);
        format!("{} {}", lang.date_long(d.date()), d.format("%H:%M"))
    } else {
        String::new()
    };
    let fee = sender.no_show_fee_cents.map(|c| money::format(c, &sender.currency, lang)).unwrap_or_default();
    HashMap::from([
        ("customer", about.customer.clone()),
        ("date", lang.date_long(local.date())),
        ("time", local.format("%H:%M").to_string()),
        ("service", about.service.clone()),
        ("staff", about.staff.clone()),
        ("salon", sender.salon.clone()),
        ("address", sender.address.clone()),
        ("terms_link", sender.terms_link.clone()),
        ("cancel_by", cancel_by),
        ("no_show_fee", fee),
        ("code", String::new()),
        ("number", String::new()),
        ("total", String::new()),
    ])
}

pub fn compose(text: &Text, values: &HashMap<&'static str, String>) -> Result<Composed, TemplateError> {
    Ok(Composed {
        subject: template::render(text.subject.as_deref().unwrap_or(""), values)?,
        body: template::render(&text.body, values)?,
    })
}

/// The invitation that goes with a confirmation, reschedule or cancellation.
pub fn invitation(
    sender: &Sender,
    about: &About,
    kind: Kind,
    sequence: u32,
    attendee: &str,
    now: Instant,
) -> Option<String> {
    let method = match kind {
        Kind::Confirmation | Kind::Reschedule => Method::Request,
        Kind::Cancellation => Method::Cancel,
        _ => return None,
    };
    let inv = Invitation {
        appointment_id: about.appointment_id,
        uid_domain: sender.domain.clone(),
        sequence,
        start: about.start,
        end: about.end,
        tz: sender.tz,
        summary: format!("{} – {}", about.service, sender.salon),
        location: sender.address.clone(),
        description: format!("{} ({})", about.service, about.staff),
        organizer: sender.from.clone(),
        attendee: attendee.to_string(),
        stamp: now,
    };
    Some(ics::invitation(&inv, method))
}

/// A Message-ID that stays with the message through every retry, so that a
/// send interrupted by a crash and repeated is recognisably the same message.
pub fn message_id(domain: &str) -> String {
    let n: u128 = rand::random();
    format!("<{n:032x}@{domain}>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::defaults::{Channel, default_text};
    use chrono::NaiveDate;

    /// A 45-minute appointment of Mia's (in `lang`) with Ingrid at `start`.
    fn about(lang: Language, start: Instant, service: &str) -> About {
        About {
            appointment_id: 7,
            start,
            end: start + Duration::minutes(45),
            service: service.into(),
            staff: "Ingrid".into(),
            customer: "Mia".into(),
            language: lang,
        }
    }

    fn sender() -> Sender {
        Sender {
            salon: "Salong Lumen".into(),
            address: "Thorvald Meyers gate 12, Oslo".into(),
            tz: chrono_tz::Europe::Oslo,
            currency: "NOK".into(),
            terms_link: "https://lumen.example/vilkar".into(),
            cancel_hours: 24,
            no_show_fee_cents: Some(30000),
            from: "post@lumen.example".into(),
            domain: "abc.salondesk".into(),
        }
    }

    #[test]
    fn a_reminder_reads_right_in_the_customers_language_and_zone() {
        let start = clock::local_to_utc(chrono_tz::Europe::Oslo, NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(), 870);
        let about = about(Language::Nb, start, "Klipp");
        let text = default_text(Language::Nb, Kind::Reminder, Channel::Sms);
        let booked = start - Duration::days(3);
        let m = compose(&text, &values(&sender(), &about, booked)).unwrap();
        assert!(m.body.contains("14:30"), "{}", m.body);
        assert!(m.body.contains("tirsdag 24. november"), "{}", m.body);
        let confirmation = default_text(Language::Nb, Kind::Confirmation, Channel::Email);
        let mail = compose(&confirmation, &values(&sender(), &about, booked)).unwrap();
        assert!(mail.body.contains("mandag 23. november 2026 14:30"), "cancel by: {}", mail.body);
        assert!(mail.body.contains("300,00"), "the fee: {}", mail.body);
        assert_ne!(message_id("abc.salondesk"), message_id("abc.salondesk"));
    }

    #[test]
    fn booked_nineteen_hours_ahead_no_cancel_by_in_the_past_and_no_fee_that_is_not_charged() {
        let start = clock::local_to_utc(chrono_tz::Europe::Oslo, NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(), 600);
        let about = about(Language::En, start, "Cut");
        let free = Sender { no_show_fee_cents: None, terms_link: String::new(), ..sender() };
        let booked = start - Duration::hours(19);
        for channel in [Channel::Email, Channel::Sms] {
            let m = compose(&default_text(Language::En, Kind::Confirmation, channel), &values(&free, &about, booked))
                .unwrap();
            assert!(!m.body.contains("cancel by"), "the deadline has passed: {}", m.body);
            assert!(!m.body.contains("charged") && !m.body.contains("Missed"), "no fee: {}", m.body);
            assert!(!m.body.contains("  ") && !m.body.contains(" ."), "no gap left: {:?}", m.body);
        }
        let mail =
            compose(&default_text(Language::En, Kind::Confirmation, Channel::Email), &values(&free, &about, booked));
        let body = mail.unwrap().body;
        assert!(body.contains("Dear Mia,\n\nYour appointment is booked"), "a capital after the greeting: {body}");
        assert!(body.contains("Can't make it? Please let us know so that someone else can have the time."), "{body}");
    }

    #[test]
    fn every_reminder_subject_says_the_year() {
        let start = clock::local_to_utc(chrono_tz::Europe::Oslo, NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(), 600);
        for lang in Language::ALL {
            let about = about(lang, start, "Cut");
            let text = default_text(lang, Kind::Reminder, Channel::Email);
            let m = compose(&text, &values(&sender(), &about, start - Duration::days(1))).unwrap();
            assert!(m.subject.contains("2026"), "{lang:?}: {}", m.subject);
        }
    }
}
