//! Messages to customers (SPEC §5): texts and their defaults, composing a
//! message about an appointment, `.ics` invitations, the sending settings,
//! e-mail over SMTP, SMS over HTTP, and the scheduler that sends the outbox.

pub mod compose;
pub mod config;
pub mod defaults;
pub mod email;
pub mod ics;
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
