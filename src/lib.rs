//! Salondesk: the appointment book of a hair or beauty salon.
//!
//! Layers, each importing only those below it:
//! `ui` → `sending` (SMTP, SMS, scheduler) → `store` (the SQLite file) →
//! `message` (texts, `.ics`, setting keys; pure) → `domain` (the salon's
//! rules; pure). `demo` generates a realistic demo salon through the store.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod cli;
pub mod demo;
pub mod domain;
pub mod export;
pub mod import;
pub mod instance;
pub mod logging;
pub mod message;
pub mod pdf;
pub mod sending;
pub mod store;
pub mod ui;
