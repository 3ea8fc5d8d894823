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
}
