//! Sending what the outbox holds: e-mail over SMTP, SMS over HTTP, and the
//! scheduler that sends what is due. Reads and records through the store;
//! what a message says comes from `message`.

pub mod email;
pub mod scheduler;
pub mod sms;

/// Why a message did not go out; permanent errors are not retried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendError {
    pub permanent: bool,
    pub text: String,
}

impl SendError {
    pub fn permanent(text: impl Into<String>) -> SendError {
        SendError { permanent: true, text: text.into() }
    }

    /// What the log may say of it: no body a gateway sent back (it may echo
    /// the number and the text), no address, no number, no key in a URL.
    pub fn for_log(&self) -> String {
        redact(&self.text)
    }
}

fn redact(text: &str) -> String {
    // "HTTP 400: {…the gateway's answer…}": the status is enough.
    if let Some(rest) = text.strip_prefix("HTTP ") {
        return format!("HTTP {}", rest.chars().take_while(char::is_ascii_digit).collect::<String>());
    }
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            if w.contains('@') {
                "<address>".to_string()
            } else if w.chars().filter(char::is_ascii_digit).count() >= 5 {
                "<number>".to_string()
            } else if w.contains("://") {
                w.split('?').next().unwrap_or_default().to_string()
            } else {
                w.to_string()
            }
        })
        .collect();
    words.join(" ").chars().take(160).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_gets_no_number_address_body_or_key() {
        let echo = SendError::permanent(r#"HTTP 400: {"to":"+4915123456789","text":"Hi Kari, see you"}"#);
        assert_eq!(echo.for_log(), "HTTP 400");
        let smtp = SendError::permanent("permanent error (550): 5.1.1 <kari@example.com> user unknown");
        assert_eq!(smtp.for_log(), "permanent error (550): 5.1.1 <address> user unknown");
        let url = SendError::permanent("https://sms.example/send?key=s3cret: connection refused");
        assert_eq!(url.for_log(), "https://sms.example/send connection refused");
        let number = SendError::permanent("invalid number +47 91234567");
        assert_eq!(number.for_log(), "invalid number +47 <number>");
    }
}
