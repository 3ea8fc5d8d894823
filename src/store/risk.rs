//! The inputs of the no-show risk, read from the customer's history.

use super::{Result, Store};
use crate::domain::clock::Instant;
use crate::domain::risk::{RECENT, Risk, RiskInputs, assess};
use crate::domain::{Appointment, AppointmentState};
use rusqlite::params;

impl Store {
    /// What was known about `a` when it was booked: the customer's last due
    /// appointments before it, lead time, first visit, linked, reminder.
    pub fn risk_inputs(&self, a: &Appointment) -> Result<RiskInputs> {
        let recent = match a.customer_id {
            None => Vec::new(),
            Some(customer) => {
                let mut stmt = self.conn.prepare_cached(
                    "SELECT state = 'no_show' FROM appointments
                     WHERE customer_id = ?1 AND starts_at < ?2 AND state IN ('arrived', 'completed', 'no_show')
                     ORDER BY starts_at DESC LIMIT ?3",
                )?;
                stmt.query_map(params![customer, a.slot.start.timestamp(), RECENT as i64], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?
            }
        };
        Ok(RiskInputs {
            recent,
            lead_days: (a.slot.start - a.created_at).num_days(),
            first_visit: a.first_visit,
            linked: a.is_linked(),
            reminder_planned: self.has_reminder(a)?,
        })
    }

    /// The risk of every appointment in `list` that is still booked and to come.
    pub fn risks(&self, list: &[Appointment], now: Instant) -> Result<Vec<(i64, Risk)>> {
        list.iter()
            .filter(|a| a.state == AppointmentState::Booked && a.slot.start > now)
            .map(|a| Ok((a.id, assess(&self.risk_inputs(a)?))))
            .collect()
    }
}
