//! No-show fees recorded on the customer (seed 000/003): the amount, the
//! terms the customer had accepted, and whether it has been paid.

use super::{Result, Store, StoreError, TermsAccepted, now_unix};
use crate::domain::AppointmentState;
use crate::domain::clock::Instant;
use chrono::DateTime;
use rusqlite::params;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoShowFee {
    pub id: i64,
    pub customer_id: i64,
    pub appointment_id: i64,
    pub amount_cents: i64,
    pub terms_version: String,
    pub created_at: Instant,
    pub paid_at: Option<Instant>,
}

impl Store {
    /// Invoices a fee for a no-show of a linked customer; one per appointment.
    /// It rests on the terms the customer accepted (`TermsAccepted::behind_fee`),
    /// whose version it keeps; none when the customer accepted none here.
    pub fn record_fee(&mut self, appointment_id: i64, amount_cents: i64) -> Result<i64> {
        if amount_cents <= 0 {
            return Err(crate::domain::InputError::Amount(amount_cents.to_string()).into());
        }
        let a = self.appointment(appointment_id)?;
        let Some(customer_id) = a.customer_id.filter(|_| a.state == AppointmentState::NoShow) else {
            return Err(StoreError::NotFound);
        };
        let accepted = self.terms_accepted(customer_id)?;
        let terms_version = TermsAccepted::behind_fee(&accepted, appointment_id, a.slot.start)
            .map(|t| t.version.clone())
            .unwrap_or_default();
        self.conn.execute(
            "INSERT INTO no_show_fees (customer_id, appointment_id, amount_cents, terms_version, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(appointment_id) DO UPDATE SET amount_cents = ?3, terms_version = ?4",
            params![customer_id, appointment_id, amount_cents, terms_version.trim(), now_unix()],
        )?;
        Ok(self
            .conn
            .query_row("SELECT id FROM no_show_fees WHERE appointment_id = ?1", [appointment_id], |r| r.get(0))?)
    }

    pub fn mark_fee_paid(&mut self, fee_id: i64, paid: bool) -> Result<()> {
        let at = paid.then(now_unix);
        let n = self.conn.execute("UPDATE no_show_fees SET paid_at = ?2 WHERE id = ?1", params![fee_id, at])?;
        if n == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    pub fn fees(&self, customer_id: i64) -> Result<Vec<NoShowFee>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, customer_id, appointment_id, amount_cents, terms_version, created_at, paid_at
             FROM no_show_fees WHERE customer_id = ?1 ORDER BY created_at DESC",
        )?;
        let at = |secs: i64| DateTime::from_timestamp(secs, 0).unwrap_or_default();
        let rows = stmt.query_map([customer_id], |r| {
            Ok(NoShowFee {
                id: r.get(0)?,
                customer_id: r.get(1)?,
                appointment_id: r.get(2)?,
                amount_cents: r.get(3)?,
                terms_version: r.get(4)?,
                created_at: at(r.get(5)?),
                paid_at: r.get::<_, Option<i64>>(6)?.map(at),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
