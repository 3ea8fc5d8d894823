//! Messages to customers: texts and their defaults (more to come: .ics,
//! e-mail over SMTP, SMS over HTTP, the outbox and its scheduler).

pub mod defaults;
pub mod ics;
