//! The desk's screens; each has `State`, `Message`, `update` (answering an
//! `Action` of its own) and `view`. A screen's sub-tabs and dialogs are
//! rooms of it: files in its folder.

pub mod calendar;
pub mod customers;
pub mod messages;
pub mod reports;
pub mod settings;
