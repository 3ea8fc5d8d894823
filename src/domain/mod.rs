//! The salon's own words and rules: pure types and functions, no I/O, no GUI.

pub mod appointment;
pub mod bonus;
pub mod booking;
pub mod call;
pub mod checkout;
pub mod clock;
pub mod customer;
pub mod desk_rules;
pub mod import;
pub mod language;
pub mod money;
pub mod newsletter;
pub mod no_show_report;
pub mod phone;
pub mod pin;
pub mod reliability;
pub mod reminder;
pub mod retention;
pub mod risk;
pub mod schedule;
pub mod status;
pub mod status_rules;
pub mod template;
pub mod voucher;

pub use appointment::{Appointment, AppointmentState, Slot, Source};
pub use customer::{Consent, Customer};
pub use language::Language;
pub use reliability::Reliability;
pub use schedule::{Absence, OpeningHours, Service, Staff, WorkDay};
pub use status::CustomerStatus;

/// What kind of mistake an input error is ("Phone", "Email"), without what
/// was typed: the log gets this, never the customer's number or address.
pub fn input_kind(e: &InputError) -> String {
    let debug = format!("{e:?}");
    debug.split(['(', ' ', '{']).next().unwrap_or_default().to_string()
}

/// A problem with something a person typed; shown in their language by the UI.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("{0} is required")]
    Required(&'static str),
    #[error("invalid time zone: {0}")]
    TimeZone(String),
    #[error("invalid time: {0}")]
    Time(String),
    #[error("invalid date: {0}")]
    Date(String),
    #[error("invalid e-mail address: {0}")]
    Email(String),
    #[error("invalid phone number: {0}")]
    Phone(String),
    #[error("invalid amount: {0}")]
    Amount(String),
    #[error("invalid duration: {0}")]
    Duration(String),
    #[error("the end must be after the start")]
    EndBeforeStart,
    #[error("a symbol has at most four characters: {0}")]
    Symbol(String),
    #[error("invalid colour: {0}")]
    Colour(String),
    #[error("invalid call link: {0}")]
    CallLink(String),
    /// A message text with placeholders Salondesk does not know (or an unclosed "{").
    #[error("unknown placeholders in the text: {0}")]
    Placeholder(String),
    #[error("{0}: choose one of {1}")]
    Choice(&'static str, String),
    #[error("invalid number: {0}")]
    Number(String),
    #[error("invalid web address (http:// or https://): {0}")]
    Url(String),
    #[error("a folder is given as a whole path (e.g. /media/usb/backups or E:\\Backups): {0}")]
    Folder(String),
    /// A phone number or an address typed as a walk-in's name, and no one
    /// customer has it: a number is never a name.
    #[error("not a name: {0}")]
    NotAName(String),
    #[error("a kiosk PIN has 6 to 12 digits")]
    Pin,
}
