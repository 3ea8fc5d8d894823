//! Salondesk: the appointment book of a hair or beauty salon.
//!
//! `domain` holds the salon's rules (pure), `store` the SQLite file, `ui` the
//! iced desk, `demo` the generator of a realistic demo salon.

pub mod demo;
pub mod domain;
pub mod export;
pub mod logging;
pub mod messaging;
pub mod store;
pub mod ui;
