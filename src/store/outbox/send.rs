//! Sending: the scheduler's scan for due messages, the claim that lets
//! only one sender have a message, and the outcome (sent, failed with a
//! retry, dropped because it is no longer wanted).

use super::super::{Result, Store, StoreError, instant};
use super::{COLUMNS, LEASE, OutboxMessage, message_from_row};
use crate::domain::clock::Instant;
use crate::domain::reminder::retry_after;
use crate::message::defaults::{Channel, Kind};
use rusqlite::{Connection, params};

impl Store {
    /// The scheduler's scan: messages due at `now` on the given channels.
    pub fn due_messages(&self, now: Instant, channels: &[Channel], limit: u32) -> Result<Vec<OutboxMessage>> {
        let email = channels.contains(&Channel::Email);
        let sms = channels.contains(&Channel::Sms);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM outbox INDEXED BY outbox_due
             WHERE next_at IS NOT NULL AND next_at <= ?1
               AND ((channel = 'email' AND ?2) OR (channel = 'sms' AND ?3))
             ORDER BY kind = 'tan' DESC, next_at LIMIT ?4"
        ))?;
        let rows = stmt.query_map(params![now.timestamp(), email, sms, limit], message_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The kiosk's codes (SMS) that are due: the codes' own sender takes only these.
    pub fn due_codes(&self, now: Instant, limit: u32) -> Result<Vec<OutboxMessage>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM outbox INDEXED BY outbox_due
             WHERE next_at IS NOT NULL AND next_at <= ?1 AND kind = 'tan' AND channel = 'sms'
             ORDER BY next_at LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![now.timestamp(), limit], message_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// When the next code falls due (a retry), for the codes' sender.
    pub fn next_code_due(&self) -> Result<Option<Instant>> {
        let next: Option<i64> = self.conn.query_row(
            "SELECT min(next_at) FROM outbox INDEXED BY outbox_due
             WHERE next_at IS NOT NULL AND kind = 'tan' AND channel = 'sms'",
            [],
            |r| r.get(0),
        )?;
        Ok(next.map(instant))
    }

    /// When the next message on one of `channels` falls due (what waits for
    /// a channel that is not set up wakes no sender).
    pub fn next_due_on(&self, channels: &[Channel]) -> Result<Option<Instant>> {
        let (email, sms) = (channels.contains(&Channel::Email), channels.contains(&Channel::Sms));
        let next: Option<i64> = self.conn.query_row(
            "SELECT min(next_at) FROM outbox INDEXED BY outbox_due
             WHERE next_at IS NOT NULL AND ((channel = 'email' AND ?1) OR (channel = 'sms' AND ?2))",
            params![email, sms],
            |r| r.get(0),
        )?;
        Ok(next.map(instant))
    }

    /// When the next message falls due (for the scheduler's sleep).
    pub fn next_due(&self) -> Result<Option<Instant>> {
        let next: Option<i64> =
            self.conn.query_row("SELECT min(next_at) FROM outbox WHERE next_at IS NOT NULL", [], |r| r.get(0))?;
        Ok(next.map(instant))
    }

    /// Takes a due message for sending; `false` when another sender has it,
    /// it was sent meanwhile, or it is no longer wanted (then it is dropped).
    pub fn claim_message(&mut self, message: &OutboxMessage, now: Instant) -> Result<bool> {
        let tx = super::super::begin(&mut self.conn)?;
        if let Some(why) = unwanted(&tx, message, now)? {
            tx.execute(
                "UPDATE outbox SET state = 'cancelled', next_at = NULL, last_error = ?2
                 WHERE id = ?1 AND state IN ('queued', 'failed', 'sending')",
                params![message.id, why],
            )?;
            tx.commit()?;
            return Ok(false);
        }
        let n = tx.execute(
            "UPDATE outbox SET state = 'sending', next_at = ?3, attempts = attempts + 1
             WHERE id = ?1 AND next_at <= ?2 AND state IN ('queued', 'failed', 'sending')",
            params![message.id, now.timestamp(), now.timestamp() + LEASE],
        )?;
        tx.commit()?;
        Ok(n == 1)
    }

    pub fn message_sent(&mut self, id: i64, now: Instant) -> Result<()> {
        self.conn.execute(
            "UPDATE outbox SET state = 'sent', next_at = NULL, sent_at = ?2, last_error = '' WHERE id = ?1",
            params![id, now.timestamp()],
        )?;
        Ok(())
    }

    /// Records a failed try: retried later, or — when the error is permanent
    /// or the tries are used up — left for the salon to look at.
    pub fn message_failed(&mut self, id: i64, now: Instant, error: &str, permanent: bool) -> Result<()> {
        let attempts: u32 = self.conn.query_row("SELECT attempts FROM outbox WHERE id = ?1", [id], |r| r.get(0))?;
        let next = if permanent { None } else { retry_after(attempts).map(|d| (now + d).timestamp()) };
        self.conn.execute(
            "UPDATE outbox SET state = 'failed', next_at = ?2, last_error = ?3 WHERE id = ?1",
            params![id, next, error],
        )?;
        Ok(())
    }

    /// "Retry" on the outbox screen: tried again at once, with fresh tries.
    pub fn retry_message(&mut self, id: i64) -> Result<()> {
        let now = self.now().timestamp();
        let n = self.conn.execute(
            "UPDATE outbox SET state = 'queued', next_at = ?2, attempts = 0 WHERE id = ?1 AND state = 'failed'",
            params![id, now],
        )?;
        if n == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }
}

/// Why a due message should not go out any more, if so.
fn unwanted(conn: &Connection, m: &OutboxMessage, now: Instant) -> Result<Option<&'static str>> {
    if m.kind == Kind::Tan && now - m.due_at > chrono::Duration::minutes(crate::domain::booking::CODE_MINUTES) {
        return Ok(Some("code expired"));
    }
    if let (Kind::Newsletter, Some(customer)) = (m.kind, m.customer_id) {
        // An objection or an erasure since it was queued: it does not go.
        let (marketing, erased): (String, bool) =
            conn.query_row("SELECT marketing, erased_at IS NOT NULL FROM customers WHERE id = ?1", [customer], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        if erased {
            return Ok(Some("erased"));
        }
        if marketing == "objected" {
            return Ok(Some("objected"));
        }
    }
    let Some(id) = m.appointment_id else { return Ok(None) };
    let (state, start, off, confirmed): (String, i64, bool, bool) = conn.query_row(
        "SELECT a.state, a.starts_at, ifnull(c.reminders_off, 0), a.confirmed_at IS NOT NULL FROM appointments a
         LEFT JOIN customers c ON c.id = a.customer_id WHERE a.id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let started = start <= now.timestamp();
    Ok(match m.kind {
        _ if started => Some("appointment started"),
        Kind::Cancellation => None,
        _ if state != "booked" => Some("appointment no longer booked"),
        Kind::Reminder if off => Some("customer wants no reminders"),
        Kind::ConfirmRequest if confirmed => Some("confirmed meanwhile"),
        _ => None,
    })
}
