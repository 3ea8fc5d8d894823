//! The outbox (DESIGN §4): every message to a customer is a row here before it
//! is sent. `sync_messages` keeps an appointment's messages in step with it
//! (confirmation, update or cancellation with the `.ics`, reminders planned by
//! the rules) inside the same transaction as the change; schedulers claim due
//! rows, send, and record the outcome.

use super::messages::{quiet_hours_in, rules_in, sender_in, setting_in, text_in};
use super::{Result, Store, StoreError, instant};
use crate::domain::clock::Instant;
use crate::domain::phone;
use crate::domain::reminder::{reminder_time, retry_after, send_time};
use crate::domain::{Appointment, InputError, Language};
use crate::message::compose::{self, About, Sender};
use crate::message::defaults::{Channel, Kind, default_text};
use chrono::NaiveDate;
use chrono_tz::Tz;
use rusqlite::{Connection, OptionalExtension, Row, params};

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

    fn parse(text: &str) -> OutboxState {
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
    due_at, state, next_at, attempts, last_error, sent_at";

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
    })
}

/// An appointment as its messages need it.
struct Subject {
    state: String,
    about: About,
    fingerprint: String,
    customer_id: Option<i64>,
    email: String,
    phone: String,
    reminders_off: bool,
}

fn subject(conn: &Connection, id: i64) -> Result<Subject> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.state, a.starts_at, a.ends_at, a.staff_id, a.service_id, a.customer_id,
                ifnull(c.first_name, ''), ifnull(c.email, ''), ifnull(c.phone, ''), ifnull(c.language, ''),
                ifnull(c.reminders_off, 0), s.name, st.name, sa.language
         FROM appointments a
         LEFT JOIN customers c ON c.id = a.customer_id
         JOIN services s ON s.id = a.service_id
         JOIN staff st ON st.id = a.staff_id
         JOIN salon sa ON sa.id = 1
         WHERE a.id = ?1",
    )?;
    let found = stmt
        .query_row([id], |r| {
            let start: i64 = r.get(1)?;
            let language: String = r.get(9)?;
            let salon_language: String = r.get(13)?;
            Ok(Subject {
                state: r.get(0)?,
                fingerprint: format!("{start}/{}/{}", r.get::<_, i64>(3)?, r.get::<_, i64>(4)?),
                customer_id: r.get(5)?,
                email: r.get(7)?,
                phone: r.get(8)?,
                reminders_off: r.get(10)?,
                about: About {
                    appointment_id: id,
                    start: instant(start),
                    end: instant(r.get(2)?),
                    service: r.get(11)?,
                    staff: r.get(12)?,
                    customer: r.get(6)?,
                    language: Language::parse(&language)
                        .or_else(|| Language::parse(&salon_language))
                        .unwrap_or_default(),
                },
            })
        })
        .optional()?;
    found.ok_or(StoreError::NotFound)
}

/// A row to queue (or to put back in the queue when it was dropped before).
struct Planned<'a> {
    kind: Kind,
    channel: Channel,
    rule: String,
    recipient: &'a str,
    ics: Option<String>,
    due: Instant,
}

/// The salon's text filled in with `values`. Only a text stored before its
/// check could fail here: then the shipped default goes out rather than nothing.
fn compose_text(
    conn: &Connection,
    lang: Language,
    kind: Kind,
    channel: Channel,
    values: &std::collections::HashMap<&'static str, String>,
) -> Result<compose::Composed> {
    let m = compose::compose(&text_in(conn, lang, kind, channel)?, values)
        .or_else(|_| compose::compose(&default_text(lang, kind, channel), values))
        .map_err(|e| InputError::Template(e.to_string()))?;
    Ok(m)
}

fn queue(conn: &Connection, s: &Subject, sender: &Sender, p: Planned, now: Instant) -> Result<()> {
    let values = compose::values(sender, &s.about);
    let m = compose_text(conn, s.about.language, p.kind, p.channel, &values)?;
    conn.prepare_cached(
        "INSERT INTO outbox (appointment_id, customer_id, kind, channel, rule, recipient, subject, body, ics,
             message_id, due_at, state, next_at, created_at, about)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'queued', ?11, ?12, ?13)
         ON CONFLICT (appointment_id, kind, channel, rule) WHERE appointment_id IS NOT NULL DO UPDATE SET
             recipient = excluded.recipient, subject = excluded.subject, body = excluded.body, ics = excluded.ics,
             due_at = excluded.due_at, next_at = excluded.next_at, state = 'queued', attempts = 0,
             last_error = '', about = excluded.about
         WHERE outbox.state IN ('queued', 'cancelled')",
    )?
    .execute(params![
        s.about.appointment_id,
        s.customer_id,
        p.kind.as_str(),
        p.channel.as_str(),
        p.rule,
        p.recipient,
        m.subject,
        m.body,
        p.ics,
        compose::message_id(&sender.domain),
        p.due.timestamp(),
        now.timestamp(),
        s.fingerprint,
    ])?;
    Ok(())
}

/// The latest invitation message of an appointment and how many there are.
struct LastInvitation {
    id: i64,
    kind: Kind,
    unsent: bool,
    about: String,
    count: u32,
    any_sent: bool,
}

fn last_invitation(conn: &Connection, id: i64) -> Result<Option<LastInvitation>> {
    let mut stmt = conn.prepare_cached(
        // The count takes dropped rows too: their keys ("v0", "v1", …) are used.
        "SELECT id, kind, state IN ('queued', 'failed'), about,
                (SELECT count(*) FROM outbox o WHERE o.appointment_id = ?1
                   AND o.kind IN ('confirmation', 'reschedule', 'cancellation')),
                (SELECT count(*) > 0 FROM outbox o WHERE o.appointment_id = ?1
                   AND o.kind IN ('confirmation', 'reschedule', 'cancellation') AND o.state IN ('sending', 'sent'))
         FROM outbox WHERE appointment_id = ?1 AND kind IN ('confirmation', 'reschedule', 'cancellation')
           AND state <> 'cancelled'
         ORDER BY id DESC LIMIT 1",
    )?;
    Ok(stmt
        .query_row([id], |r| {
            let kind: String = r.get(1)?;
            Ok(LastInvitation {
                id: r.get(0)?,
                kind: Kind::parse(&kind).unwrap_or(Kind::Confirmation),
                unsent: r.get(2)?,
                about: r.get(3)?,
                count: r.get(4)?,
                any_sent: r.get(5)?,
            })
        })
        .optional()?)
}

fn drop_row(conn: &Connection, id: i64, why: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE outbox SET state = 'cancelled', next_at = NULL, last_error = ?2
         WHERE id = ?1 AND state IN ('queued', 'failed')",
    )?
    .execute(params![id, why])?;
    Ok(())
}

/// Brings an appointment's messages in step with it: call after every change.
pub(crate) fn sync_messages(conn: &Connection, id: i64, now: Instant) -> Result<()> {
    let mut s = subject(conn, id)?;
    if s.state == "booked" || s.state == "cancelled" {
        return sync_subject(conn, &s, now);
    }
    // Arrived, completed, no-show: nothing more to say before it.
    s.state = "done".into();
    sync_subject(conn, &s, now)
}

fn sync_subject(conn: &Connection, s: &Subject, now: Instant) -> Result<()> {
    let sender = sender_in(conn)?;
    let active = s.state == "booked" && s.about.start > now && s.customer_id.is_some();
    sync_invitation(conn, s, &sender, active, now)?;
    sync_reminders(conn, s, &sender, active, now)
}

fn sync_invitation(conn: &Connection, s: &Subject, sender: &Sender, active: bool, now: Instant) -> Result<()> {
    let last = last_invitation(conn, s.about.appointment_id)?;
    let cancelled = s.state == "cancelled" && s.about.start > now;
    let email_on = setting_in(conn, "messages.confirmations")? == "on" && !s.email.is_empty();
    let seq = last.as_ref().map_or(0, |l| l.count);
    let plan = |kind| Planned {
        kind,
        channel: Channel::Email,
        rule: format!("v{seq}"),
        recipient: &s.email,
        ics: compose::invitation(sender, &s.about, kind, seq, &s.email, now),
        due: now,
    };
    match last {
        None if active && email_on => queue(conn, s, sender, plan(Kind::Confirmation), now),
        Some(l) if cancelled && l.kind != Kind::Cancellation => {
            if l.unsent {
                drop_row(conn, l.id, "appointment cancelled")?;
            }
            if l.any_sent && email_on { queue(conn, s, sender, plan(Kind::Cancellation), now) } else { Ok(()) }
        }
        Some(l) if active && l.kind != Kind::Cancellation && l.about == s.fingerprint => Ok(()),
        Some(l) if l.unsent && l.kind != Kind::Cancellation && !(active && email_on) => {
            drop_row(conn, l.id, "no longer to be sent")
        }
        Some(l) if active && l.kind != Kind::Cancellation && l.unsent => {
            // Not out yet: say it once, right, instead of twice.
            drop_row(conn, l.id, "changed before sending")?;
            let kind = if l.any_sent { Kind::Reschedule } else { Kind::Confirmation };
            queue(conn, s, sender, Planned { kind, ..plan(kind) }, now)
        }
        Some(_) if active && email_on => queue(conn, s, sender, plan(Kind::Reschedule), now),
        _ => Ok(()),
    }
}

fn sms_number(conn: &Connection, phone_text: &str) -> Result<Option<String>> {
    if phone_text.trim().is_empty() {
        return Ok(None);
    }
    let (zone, lang): (String, String) =
        conn.query_row("SELECT time_zone, language FROM salon WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let country = phone::default_country(&zone, Language::parse(&lang).unwrap_or_default());
    Ok(phone::to_e164(phone_text, country).ok())
}

fn sync_reminders(conn: &Connection, s: &Subject, sender: &Sender, active: bool, now: Instant) -> Result<()> {
    let start = s.about.start.timestamp();
    let mut wanted: Vec<String> = vec![format!("m@{start}")];
    if active && !s.reminders_off {
        let quiet = quiet_hours_in(conn)?;
        let number = sms_number(conn, &s.phone)?;
        for rule in rules_in(conn)? {
            let recipient = match rule.channel {
                Channel::Email if !s.email.is_empty() => s.email.as_str(),
                Channel::Sms if number.is_some() => number.as_deref().unwrap_or_default(),
                _ => continue,
            };
            let Some(due) = reminder_time(&rule, s.about.start, quiet, sender.tz, now) else { continue };
            let key = format!("r{}@{start}", rule.id);
            wanted.push(key.clone());
            let plan = Planned { kind: Kind::Reminder, channel: rule.channel, rule: key, recipient, ics: None, due };
            queue(conn, s, sender, plan, now)?;
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT id, rule FROM outbox WHERE appointment_id = ?1 AND kind = 'reminder' AND state IN ('queued', 'failed')",
    )?;
    let pending: Vec<(i64, String)> =
        stmt.query_map([s.about.appointment_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    for (row, rule) in pending {
        if !active || s.reminders_off || !wanted.contains(&rule) {
            drop_row(conn, row, if active { "moved or rule changed" } else { "appointment no longer booked" })?;
        }
    }
    Ok(())
}

/// Appointments without a planned or sent reminder, and how many have one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReminderOverview {
    pub with: usize,
    pub without: Vec<Appointment>,
}

impl Store {
    /// Re-plans the messages of one appointment (after a change elsewhere).
    pub fn sync_messages(&mut self, appointment_id: i64) -> Result<()> {
        let now = self.now();
        sync_messages(&self.conn, appointment_id, now)
    }

    /// Re-plans the reminders of every upcoming appointment: after a change to
    /// the rules, quiet hours or texts (a few thousand appointments: ~1 s).
    pub fn resync_upcoming(&mut self) -> Result<()> {
        let now = self.now();
        let tx = super::begin(&mut self.conn)?;
        let upcoming: Vec<i64> = tx
            .prepare(
                "SELECT id FROM appointments WHERE starts_at > ?1 AND state = 'booked' AND customer_id IS NOT NULL",
            )?
            .query_map([now.timestamp()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let sender = sender_in(&tx)?;
        for id in upcoming {
            // Reminders only: a settings change must not confirm old bookings.
            let subject = subject(&tx, id)?;
            let active = subject.about.start > now;
            sync_reminders(&tx, &subject, &sender, active, now)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Plans an appointment's messages as they were when it was booked, at
    /// `as_of` (the demo salon's history of sent messages).
    pub fn plan_messages_as_booked(&mut self, appointment_id: i64, as_of: Instant) -> Result<()> {
        let mut s = subject(&self.conn, appointment_id)?;
        s.state = "booked".into();
        sync_subject(&self.conn, &s, as_of)
    }

    /// The scheduler's scan: messages due at `now` on the given channels.
    pub fn due_messages(&self, now: Instant, channels: &[Channel], limit: u32) -> Result<Vec<OutboxMessage>> {
        let email = channels.contains(&Channel::Email);
        let sms = channels.contains(&Channel::Sms);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM outbox INDEXED BY outbox_due
             WHERE next_at IS NOT NULL AND next_at <= ?1
               AND ((channel = 'email' AND ?2) OR (channel = 'sms' AND ?3))
             ORDER BY next_at LIMIT ?4"
        ))?;
        let rows = stmt.query_map(params![now.timestamp(), email, sms, limit], message_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
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
        let tx = super::begin(&mut self.conn)?;
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

    pub fn outbox_message(&self, id: i64) -> Result<OutboxMessage> {
        let sql = format!("SELECT {COLUMNS} FROM outbox WHERE id = ?1");
        self.conn.query_row(&sql, [id], message_from_row).optional()?.ok_or(StoreError::NotFound)
    }

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

    /// Switches a reminder on by hand for one appointment: by SMS when the
    /// customer has a mobile number and SMS is set up, else by e-mail; sent
    /// now (or after quiet hours). `false` when it cannot be reached.
    pub fn remind(&mut self, appointment_id: i64) -> Result<bool> {
        let now = self.now();
        let tx = super::begin(&mut self.conn)?;
        let s = subject(&tx, appointment_id)?;
        let sender = sender_in(&tx)?;
        let number = sms_number(&tx, &s.phone)?;
        let sms_on = setting_in(&tx, "sms.provider")? != "none";
        let (channel, recipient) = match (&number, s.email.is_empty()) {
            (Some(n), _) if sms_on => (Channel::Sms, n.as_str()),
            (_, false) => (Channel::Email, s.email.as_str()),
            (Some(n), true) => (Channel::Sms, n.as_str()),
            (None, true) => return Ok(false),
        };
        if s.state != "booked" || s.customer_id.is_none() || s.reminders_off {
            return Ok(false);
        }
        let quiet = quiet_hours_in(&tx)?;
        let Some(due) = send_time(channel, now, s.about.start, quiet, sender.tz, now) else { return Ok(false) };
        let rule = format!("m@{}", s.about.start.timestamp());
        queue(&tx, &s, &sender, Planned { kind: Kind::Reminder, channel, rule, recipient, ics: None, due }, now)?;
        tx.commit()?;
        Ok(true)
    }
}

/// Queues the SMS with a kiosk code (TAN) to go out at once.
pub(crate) fn queue_code(
    conn: &Connection,
    code_id: i64,
    e164: &str,
    code: &str,
    lang: Language,
    now: Instant,
) -> Result<()> {
    let sender = sender_in(conn)?;
    let values = std::collections::HashMap::from([("salon", sender.salon.clone()), ("code", code.to_string())]);
    let body = compose_text(conn, lang, Kind::Tan, Channel::Sms, &values)?.body;
    conn.execute(
        "INSERT INTO outbox (kind, channel, rule, recipient, body, message_id, due_at, state, next_at, created_at)
         VALUES ('tan', 'sms', ?1, ?2, ?3, ?4, ?5, 'queued', ?5, ?5)",
        params![format!("tan{code_id}"), e164, body, compose::message_id(&sender.domain), now.timestamp()],
    )?;
    Ok(())
}

/// Why a due message should not go out any more, if so.
fn unwanted(conn: &Connection, m: &OutboxMessage, now: Instant) -> Result<Option<&'static str>> {
    if m.kind == Kind::Tan && now - m.due_at > chrono::Duration::minutes(super::kiosk::CODE_MINUTES) {
        return Ok(Some("code expired"));
    }
    let Some(id) = m.appointment_id else { return Ok(None) };
    let (state, start, off): (String, i64, bool) = conn.query_row(
        "SELECT a.state, a.starts_at, ifnull(c.reminders_off, 0) FROM appointments a
         LEFT JOIN customers c ON c.id = a.customer_id WHERE a.id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let started = start <= now.timestamp();
    Ok(match m.kind {
        _ if started => Some("appointment started"),
        Kind::Cancellation => None,
        _ if state != "booked" => Some("appointment no longer booked"),
        Kind::Reminder if off => Some("customer wants no reminders"),
        _ => None,
    })
}
