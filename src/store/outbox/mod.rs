//! The outbox (DESIGN §4): every message to a customer is a row here before it
//! is sent. `sync_messages` keeps an appointment's messages in step with it
//! (confirmation, update or cancellation with the `.ics`, reminders planned by
//! the rules) inside the same transaction as the change; schedulers claim due
//! rows, send, and record the outcome. This file: the outbox's rows and what
//! the salon sees of them; `plan` writes them, `send` hands them out.

pub(crate) mod plan;
mod send;

use super::{Result, Store, instant};
use crate::domain::Appointment;
use crate::domain::clock::Instant;
use crate::message::defaults::{Channel, Kind};
use chrono::NaiveDate;
use chrono_tz::Tz;
pub(crate) use plan::{queue_code, rules_in, sync_messages, text_in};
use rusqlite::{Row, params};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxState {
    Queued,
    Sending,
    Sent,
    Failed,
    Cancelled,
}

impl OutboxState {
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxState::Queued => "queued",
            OutboxState::Sending => "sending",
            OutboxState::Sent => "sent",
            OutboxState::Failed => "failed",
            OutboxState::Cancelled => "cancelled",
        }
    }

    pub(crate) fn parse(text: &str) -> OutboxState {
        [Self::Queued, Self::Sending, Self::Sent, Self::Failed, Self::Cancelled]
            .into_iter()
            .find(|s| s.as_str() == text)
            .unwrap_or(Self::Queued)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutboxMessage {
    pub id: i64,
    pub appointment_id: Option<i64>,
    pub kind: Kind,
    pub channel: Channel,
    pub rule: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub ics: Option<String>,
    pub message_id: String,
    pub due_at: Instant,
    pub state: OutboxState,
    pub next_at: Option<Instant>,
    pub attempts: u32,
    pub last_error: String,
    pub sent_at: Option<Instant>,
    /// The checkout record whose summary goes along as a PDF.
    pub checkout_id: Option<i64>,
    pub customer_id: Option<i64>,
}

/// Which part of the outbox the salon looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxView {
    Failed,
    Waiting,
    Sent,
}

/// How long a sender may take before another may try the message again.
pub const LEASE: i64 = 120;

const COLUMNS: &str = "id, appointment_id, kind, channel, rule, recipient, subject, body, ics, message_id,
    due_at, state, next_at, attempts, last_error, sent_at, checkout_id, customer_id";

fn message_from_row(r: &Row) -> rusqlite::Result<OutboxMessage> {
    let kind: String = r.get(2)?;
    let channel: String = r.get(3)?;
    let state: String = r.get(11)?;
    Ok(OutboxMessage {
        id: r.get(0)?,
        appointment_id: r.get(1)?,
        kind: Kind::parse(&kind).unwrap_or(Kind::Reminder),
        channel: Channel::parse(&channel).unwrap_or(Channel::Email),
        rule: r.get(4)?,
        recipient: r.get(5)?,
        subject: r.get(6)?,
        body: r.get(7)?,
        ics: r.get(8)?,
        message_id: r.get(9)?,
        due_at: instant(r.get(10)?),
        state: OutboxState::parse(&state),
        next_at: r.get::<_, Option<i64>>(12)?.map(instant),
        attempts: r.get(13)?,
        last_error: r.get(14)?,
        sent_at: r.get::<_, Option<i64>>(15)?.map(instant),
        checkout_id: r.get(16)?,
        customer_id: r.get(17)?,
    })
}

/// Appointments without a planned or sent reminder, and how many have one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReminderOverview {
    pub with: usize,
    pub without: Vec<Appointment>,
}

impl Store {
    /// The messages about one appointment, oldest first.
    pub fn appointment_messages(&self, appointment_id: i64) -> Result<Vec<OutboxMessage>> {
        let sql = format!("SELECT {COLUMNS} FROM outbox WHERE appointment_id = ?1 ORDER BY id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([appointment_id], message_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A page of the outbox screen, newest first.
    pub fn outbox(&self, view: OutboxView, limit: u32) -> Result<Vec<OutboxMessage>> {
        let condition = match view {
            OutboxView::Failed => "state = 'failed' ORDER BY due_at DESC",
            OutboxView::Waiting => "next_at IS NOT NULL AND state IN ('queued', 'sending') ORDER BY next_at",
            OutboxView::Sent => "state = 'sent' ORDER BY due_at DESC",
        };
        let sql = format!("SELECT {COLUMNS} FROM outbox WHERE {condition} LIMIT ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([limit], message_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// (failed, waiting and due) — the badge.
    pub fn outbox_counts(&self, now: Instant) -> Result<(u32, u32)> {
        Ok(self.conn.query_row(
            "SELECT (SELECT count(*) FROM outbox WHERE state = 'failed'),
                    (SELECT count(*) FROM outbox WHERE next_at IS NOT NULL AND next_at <= ?1 AND state = 'queued')",
            [now.timestamp()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// Whether a reminder is planned or was sent for the appointment as it is.
    pub fn has_reminder(&self, appointment: &Appointment) -> Result<bool> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT 1 FROM outbox WHERE appointment_id = ?1 AND kind = 'reminder'
               AND state IN ('queued', 'sending', 'sent', 'failed') AND rule LIKE '%@' || ?2 LIMIT 1",
        )?;
        Ok(stmt.exists(params![appointment.id, appointment.slot.start.timestamp()])?)
    }

    /// The reminder overview for `days` days from `first`: appointments
    /// (not cancelled) with a reminder, and those without.
    pub fn reminder_overview(&self, tz: Tz, first: NaiveDate, days: u32) -> Result<ReminderOverview> {
        let mut overview = ReminderOverview::default();
        for a in self.appointments_on_days(tz, first, days)? {
            if a.state == crate::domain::AppointmentState::Cancelled {
                continue;
            }
            if self.has_reminder(&a)? {
                overview.with += 1;
            } else {
                overview.without.push(a);
            }
        }
        Ok(overview)
    }
}
