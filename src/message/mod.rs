//! What a message to a customer says (SPEC §5), with no I/O: the texts and
//! their defaults, placeholders filled for an appointment, `.ics`
//! invitations, and the sending settings' keys and checks. The store plans
//! messages in the same transaction as an appointment change, so these live
//! below it; `sending` turns the planned messages into e-mail and SMS.

pub mod compose;
pub mod config;
pub mod defaults;
pub mod ics;
pub mod vtimezone;
