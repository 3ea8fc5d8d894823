//! E-mail over SMTP (lettre, blocking): the salon's own mail server with no
//! encryption, STARTTLS or TLS, and a login when it needs one. The outbox's
//! Message-ID goes into the header, so a repeated send is the same message.

use super::SendError;
use crate::store::OutboxMessage;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Message, SmtpTransport, Transport};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    None,
    StartTls,
    Tls,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub username: String,
    pub password: String,
    pub from: String,
}

impl SmtpSettings {
    /// From the stored settings; `None` while e-mail is not set up.
    pub fn from_config(get: impl Fn(&str) -> String) -> Option<SmtpSettings> {
        let host = get("smtp.host");
        let from = get("smtp.from");
        if host.is_empty() || from.is_empty() {
            return None;
        }
        Some(SmtpSettings {
            host,
            port: get("smtp.port").parse().unwrap_or(587),
            security: match get("smtp.security").as_str() {
                "none" => Security::None,
                "tls" => Security::Tls,
                _ => Security::StartTls,
            },
            username: get("smtp.username"),
            password: get("smtp.password"),
            from,
        })
    }
}

fn build(from: &str, m: &OutboxMessage) -> Result<Message, SendError> {
    let bad_address = |e: lettre::address::AddressError| SendError::permanent(format!("address: {e}"));
    let builder = Message::builder()
        .from(from.parse().map_err(bad_address)?)
        .to(m.recipient.parse().map_err(bad_address)?)
        .subject(&m.subject)
        .message_id(Some(m.message_id.clone()));
    let made = match &m.ics {
        None => builder.singlepart(SinglePart::plain(m.body.clone())),
        Some(ics) => {
            // Queued before the salon's address was set: it organises it now.
            let ics = crate::message::ics::with_organizer(ics, from);
            // iMIP (RFC 6047): Outlook and Gmail apply the text/calendar part
            // beside the text, naming its method; the file goes along too.
            let method = if ics.contains("METHOD:CANCEL") { "CANCEL" } else { "REQUEST" };
            let calendar = ContentType::parse(&format!("text/calendar; method={method}; charset=UTF-8"))
                .map_err(|e| SendError::permanent(e.to_string()))?;
            let file = ContentType::parse("application/ics").map_err(|e| SendError::permanent(e.to_string()))?;
            builder.multipart(
                MultiPart::mixed()
                    .multipart(
                        MultiPart::alternative()
                            .singlepart(SinglePart::plain(m.body.clone()))
                            .singlepart(SinglePart::builder().header(calendar).body(ics.clone())),
                    )
                    .singlepart(Attachment::new("invite.ics".to_string()).body(ics, file)),
            )
        }
    };
    made.map_err(|e| SendError::permanent(e.to_string()))
}

pub fn send(settings: &SmtpSettings, m: &OutboxMessage) -> Result<(), SendError> {
    let email = build(&settings.from, m)?;
    let transient = |e: lettre::transport::smtp::Error| SendError { permanent: e.is_permanent(), text: e.to_string() };
    let builder = match settings.security {
        Security::None => SmtpTransport::builder_dangerous(&settings.host),
        Security::StartTls => SmtpTransport::starttls_relay(&settings.host).map_err(transient)?,
        Security::Tls => SmtpTransport::relay(&settings.host).map_err(transient)?,
    };
    // RFC 5321 §4.5.3.2 gives a server up to 10 minutes after the data: giving
    // up sooner is how a slow server got every mail twice.
    let mut builder = builder.port(settings.port).timeout(Some(Duration::from_secs(600)));
    if !settings.username.is_empty() {
        builder = builder.credentials(Credentials::new(settings.username.clone(), settings.password.clone()));
    }
    builder.build().send(&email).map(|_| ()).map_err(transient)
}
