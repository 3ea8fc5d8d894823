//! The call-to-confirm list and the confirmed tick; a form's settings saved.

use super::OutboxState;
use super::{Result, Store, StoreError, now_unix};
use crate::domain::clock::Instant;
use crate::domain::risk::{Risk, RiskLevel};
use crate::domain::{Appointment, AppointmentState};
use crate::message::defaults::Channel;
use chrono::NaiveDate;
use chrono_tz::Tz;
use rusqlite::{OptionalExtension, params};

/// One line of the call list.
#[derive(Debug, Clone, PartialEq)]
pub struct CallEntry {
    pub appointment: Appointment,
    pub risk: Risk,
    pub confirmed: bool,
    /// The confirmation request sent for it, if any.
    pub asked: Option<(Channel, OutboxState)>,
}

impl Store {
    /// Ticks (or unticks) an appointment as confirmed by phone.
    pub fn confirm(&mut self, id: i64, confirmed: bool) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE appointments SET confirmed_at = ?2 WHERE id = ?1",
            params![id, confirmed.then(now_unix)],
        )?;
        if n == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    pub fn confirmed(&self, id: i64) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT confirmed_at IS NOT NULL FROM appointments WHERE id = ?1", [id], |r| r.get(0))?)
    }

    /// The appointments of `date` worth a call: the risky ones and first
    /// visits, in time order, with their risk, whether already confirmed and
    /// whether a confirmation request went out.
    pub fn call_list(&self, tz: Tz, date: NaiveDate, now: Instant) -> Result<Vec<CallEntry>> {
        let day = self.appointments_on_days(tz, date, 1)?;
        let risks = self.risks(&day, now)?;
        let mut list = Vec::new();
        for (id, risk) in risks {
            let Some(a) = day.iter().find(|a| a.id == id && a.state == AppointmentState::Booked) else { continue };
            if risk.level >= RiskLevel::Medium || a.first_visit {
                let asked = self.confirm_request(a)?;
                list.push(CallEntry { appointment: a.clone(), risk, confirmed: self.confirmed(id)?, asked });
            }
        }
        Ok(list)
    }

    /// The confirmation request for the appointment at its present time:
    /// how it went out and how far it got.
    fn confirm_request(&self, a: &Appointment) -> Result<Option<(Channel, OutboxState)>> {
        let found: Option<(String, String)> = self
            .conn
            .prepare_cached(
                "SELECT channel, state FROM outbox WHERE appointment_id = ?1 AND kind = 'confirm_request'
                   AND rule = 'ask@' || ?2 ORDER BY id DESC LIMIT 1",
            )?
            .query_row(params![a.id, a.slot.start.timestamp()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        Ok(found.and_then(|(channel, state)| Some((Channel::parse(&channel)?, OutboxState::parse(&state)))))
    }
}

impl Store {
    /// Saves the settings of a form: only what changed; the first refusal
    /// stops and says which key.
    /// All of them or none: a refusal or a full disk halfway leaves every
    /// setting as it was, so that "not saved" is true.
    pub fn set_config_changed(&mut self, pairs: &[(String, String)]) -> Result<()> {
        self.atomically(|s| {
            for (key, value) in pairs {
                if s.config(key)? != value.trim() {
                    s.set_config(key, value)?;
                }
            }
            Ok(())
        })
    }
}
