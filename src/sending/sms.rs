//! SMS through an HTTP gateway (ureq): Twilio's API, or a generic gateway
//! configured by URL, body template (form or JSON) and an auth header. The
//! outbox's Message-ID goes along as an idempotency key.

use super::SendError;
use crate::message::config::TWILIO_URL;
use base64::Engine;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Provider {
    Twilio,
    Generic { json: bool, body: String, auth_header: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmsSettings {
    pub provider: Provider,
    pub url: String,
    pub from: String,
    pub username: String,
    pub token: String,
    /// Certificate authorities (PEM) trusted instead of the public ones:
    /// the tests' own, for a gateway on 127.0.0.1. Never from settings.
    pub extra_roots: Vec<String>,
}

impl SmsSettings {
    /// From the stored settings; `None` while SMS is not set up.
    pub fn from_config(get: impl Fn(&str) -> String) -> Option<SmsSettings> {
        let provider = match get("sms.provider").as_str() {
            "twilio" => Provider::Twilio,
            "generic" => Provider::Generic {
                json: get("sms.format") == "json",
                body: get("sms.body"),
                auth_header: get("sms.auth_header"),
            },
            _ => return None,
        };
        let mut url = get("sms.url");
        if url.is_empty() {
            if provider != Provider::Twilio {
                return None;
            }
            url = TWILIO_URL.to_string();
        }
        Some(SmsSettings {
            url: url.replace("{username}", &get("sms.username")),
            provider,
            from: get("sms.from"),
            username: get("sms.username"),
            token: get("sms.token"),
            extra_roots: Vec::new(),
        })
    }
}

/// The generic body with the values put in: URL-encoded pairs for a form,
/// JSON-escaped strings for JSON.
fn fill(template: &str, json: bool, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        let escaped = if json {
            let quoted = serde_json::to_string(value).unwrap_or_default();
            quoted[1..quoted.len() - 1].to_string()
        } else {
            form_encode(value)
        };
        out = out.replace(&format!("{{{name}}}"), &escaped);
    }
    out
}

fn form_encode(value: &str) -> String {
    let mut out = String::new();
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The gateway, with one HTTP agent for a run (its connections are kept
/// alive between the messages of a batch).
pub struct Gateway<'a> {
    settings: &'a SmsSettings,
    agent: Result<ureq::Agent, SendError>,
}

impl Gateway<'_> {
    pub fn new(settings: &SmsSettings) -> Gateway<'_> {
        Gateway { settings, agent: agent(settings) }
    }

    pub fn send(&self, to: &str, text: &str, message_id: &str) -> Result<(), SendError> {
        let agent = self.agent.as_ref().map_err(Clone::clone)?;
        send(agent, self.settings, to, text, message_id)
    }
}

fn agent(settings: &SmsSettings) -> Result<ureq::Agent, SendError> {
    let mut config =
        ureq::Agent::config_builder().timeout_global(Some(Duration::from_secs(30))).http_status_as_error(false);
    if !settings.extra_roots.is_empty() {
        let roots = settings
            .extra_roots
            .iter()
            .map(|pem| ureq::tls::Certificate::from_pem(pem.as_bytes()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| SendError::permanent(e.to_string()))?;
        let tls = ureq::tls::TlsConfig::builder().root_certs(ureq::tls::RootCerts::new_with_certs(&roots)).build();
        config = config.tls_config(tls);
    }
    Ok(config.build().into())
}

fn send(agent: &ureq::Agent, settings: &SmsSettings, to: &str, text: &str, message_id: &str) -> Result<(), SendError> {
    let request = agent.post(&settings.url).header("Idempotency-Key", message_id);
    let result = match &settings.provider {
        Provider::Twilio => {
            let basic =
                base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", settings.username, settings.token));
            request.header("Authorization", format!("Basic {basic}")).send_form([
                ("To", to),
                ("From", settings.from.as_str()),
                ("Body", text),
            ])
        }
        Provider::Generic { json, body, auth_header } => {
            let values = [("to", to), ("from", settings.from.as_str()), ("text", text), ("id", message_id)];
            let mut request = request
                .header("Content-Type", if *json { "application/json" } else { "application/x-www-form-urlencoded" });
            if let Some((name, value)) = auth_header.split_once(':') {
                request = request.header(name.trim(), value.trim());
            }
            request.send(fill(body, *json, &values))
        }
    };
    let response = result.map_err(|e| SendError { permanent: false, text: e.to_string() })?;
    let status = response.status().as_u16();
    match status {
        200..=299 => Ok(()),
        // Too many requests and server trouble pass; other refusals do not.
        429 | 500..=599 => Err(SendError { permanent: false, text: format!("HTTP {status}") }),
        _ => {
            let mut response = response;
            let detail = response.body_mut().read_to_string().unwrap_or_default();
            Err(SendError::permanent(format!("HTTP {status}: {}", detail.chars().take(200).collect::<String>())))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generic_bodies_escape_what_the_customer_would_break_them_with() {
        let values = [("to", "+4791234567"), ("text", "Hei \"Kari\" & co\n14:30")];
        assert_eq!(
            fill("{\"to\":\"{to}\",\"text\":\"{text}\"}", true, &values),
            "{\"to\":\"+4791234567\",\"text\":\"Hei \\\"Kari\\\" & co\\n14:30\"}"
        );
        assert_eq!(
            fill("to={to}&text={text}", false, &values),
            "to=%2B4791234567&text=Hei+%22Kari%22+%26+co%0A14%3A30"
        );
    }
}
