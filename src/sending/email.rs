//! E-mail over SMTP (lettre, blocking): the salon's own mail server with no
//! encryption, STARTTLS or TLS, and a login when it needs one. The outbox's
//! Message-ID goes into the header, so a repeated send is the same message.
//! A `Mailer` is made once per sending run: its pooled connection carries
//! the whole batch (one greeting, one TLS handshake, one login).

use super::SendError;
use crate::store::OutboxMessage;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
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
    /// Certificate authorities (PEM) trusted besides the usual public ones:
    /// the tests' own, made for a server on 127.0.0.1. Never from settings.
    pub extra_roots: Vec<String>,
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
            extra_roots: Vec::new(),
        })
    }
}

/// A PDF that goes along with an e-mail (a checkout's summary).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pdf {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What a message carries besides its text, made when it is sent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Extras {
    pub pdf: Option<Pdf>,
    /// A newsletter's recipient's token: the `List-Unsubscribe` address
    /// (RFC 2369) is the salon's own, the token in its subject names the card.
    pub unsubscribe: Option<String>,
}

fn build(from: &str, m: &OutboxMessage, extras: &Extras) -> Result<Message, SendError> {
    let bad_address = |e: lettre::address::AddressError| SendError::permanent(format!("address: {e}"));
    let mut builder = Message::builder()
        .from(from.parse().map_err(bad_address)?)
        .to(m.recipient.parse().map_err(bad_address)?)
        .subject(&m.subject)
        .message_id(Some(m.message_id.clone()));
    if let Some(token) = &extras.unsubscribe {
        let address = from.parse::<lettre::message::Mailbox>().map_err(bad_address)?.email;
        let name = lettre::message::header::HeaderName::new_from_ascii_str("List-Unsubscribe");
        let value = format!("<mailto:{address}?subject=unsubscribe%20{token}>");
        builder = builder.raw_header(lettre::message::header::HeaderValue::new(name, value));
    }
    let pdf = extras.pdf.as_ref();
    let made = match (&m.ics, pdf) {
        (None, None) => builder.singlepart(SinglePart::plain(m.body.clone())),
        (None, Some(pdf)) => {
            let kind = ContentType::parse("application/pdf").map_err(|e| SendError::permanent(e.to_string()))?;
            builder.multipart(
                MultiPart::mixed()
                    .singlepart(SinglePart::plain(m.body.clone()))
                    .singlepart(Attachment::new(pdf.name.clone()).body(pdf.bytes.clone(), kind)),
            )
        }
        (Some(ics), _) => {
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

/// The salon's mail server, connected once for a batch of messages.
pub struct Mailer {
    transport: Result<SmtpTransport, SendError>,
    from: String,
}

impl Mailer {
    pub fn new(settings: &SmtpSettings) -> Mailer {
        Mailer { transport: transport(settings), from: settings.from.clone() }
    }

    pub fn send(&self, m: &OutboxMessage, extras: &Extras) -> Result<(), SendError> {
        let email = build(&self.from, m, extras)?;
        let transport = self.transport.as_ref().map_err(Clone::clone)?;
        transport.send(&email).map(|_| ()).map_err(smtp_error)
    }
}

fn smtp_error(e: lettre::transport::smtp::Error) -> SendError {
    SendError { permanent: e.is_permanent(), text: e.to_string() }
}

fn transport(settings: &SmtpSettings) -> Result<SmtpTransport, SendError> {
    let tls = || {
        let mut parameters = TlsParameters::builder(settings.host.clone());
        for pem in &settings.extra_roots {
            let root = Certificate::from_pem(pem.as_bytes()).map_err(smtp_error)?;
            parameters = parameters.add_root_certificate(root);
        }
        parameters.build_rustls().map_err(smtp_error)
    };
    let builder = SmtpTransport::builder_dangerous(&settings.host).port(settings.port).tls(match settings.security {
        Security::None => Tls::None,
        Security::StartTls => Tls::Required(tls()?),
        Security::Tls => Tls::Wrapper(tls()?),
    });
    // RFC 5321 §4.5.3.2 gives a server up to 10 minutes after the data: giving
    // up sooner is how a slow server got every mail twice.
    let mut builder = builder.timeout(Some(Duration::from_secs(600)));
    if !settings.username.is_empty() {
        builder = builder.credentials(Credentials::new(settings.username.clone(), settings.password.clone()));
    }
    Ok(builder.build())
}
