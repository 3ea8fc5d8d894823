//! The desk's screens; each has `State`, `Message`, `update` and `view`.

pub mod appointment;
pub mod calendar;
pub mod customer_card;
pub mod customers;
pub mod kiosk_settings;
pub mod messages;
pub mod reports;
pub mod settings;
pub mod statuses;
