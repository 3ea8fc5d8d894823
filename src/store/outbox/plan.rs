//! Planning: an appointment's messages kept in step with it inside the same
//! transaction as every change (confirmation, update or cancellation with
//! the `.ics`, reminders by the rules), the kiosk's code SMS, and what the
//! messages are made from (the salon's texts, rules, quiet hours, sender).

use super::super::config;
use super::super::{Result, Store, StoreError, instant};
use crate::domain::Language;
use crate::domain::clock::Instant;
use crate::domain::phone;
use crate::domain::reminder::{QuietHours, ReminderRule, When, reminder_time, send_time};
use crate::message::compose::{self, About, Sender};
use crate::message::defaults::{Channel, Kind, Text, default_text};
use rusqlite::{Connection, OptionalExtension, params};

/// The salon's text for `kind` by `channel` in `lang`, or the default.
pub(crate) fn text_in(conn: &Connection, lang: Language, kind: Kind, channel: Channel) -> Result<Text> {
    let own = conn
        .prepare_cached("SELECT subject, body FROM message_texts WHERE language = ?1 AND kind = ?2 AND channel = ?3")?
        .query_row(params![lang.code(), kind.as_str(), channel.as_str()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })
        .optional()?;
    Ok(match own {
        Some((subject, body)) => Text { subject: (channel == Channel::Email).then_some(subject), body },
        None => default_text(lang, kind, channel),
    })
}

pub(crate) fn rules_in(conn: &Connection) -> Result<Vec<ReminderRule>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, channel, days_before, at_minute, minutes_before, active FROM reminder_rules ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        let days: Option<u32> = r.get(2)?;
        let at: Option<u32> = r.get(3)?;
        let before: Option<u32> = r.get(4)?;
        let when = match (days, at) {
            (Some(days), Some(at_minute)) => When::DaysBefore { days, at_minute },
            _ => When::MinutesBefore(before.unwrap_or(120)),
        };
        let channel: String = r.get(1)?;
        Ok(ReminderRule {
            id: r.get(0)?,
            channel: Channel::parse(&channel).unwrap_or(Channel::Email),
            when,
            active: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn quiet_hours_in(conn: &Connection) -> Result<Option<QuietHours>> {
    Ok(QuietHours::parse(&config::read(conn, "sms.quiet_hours")?).ok())
}

pub(crate) fn sender_in(conn: &Connection) -> Result<Sender> {
    let (salon, address, zone, currency): (String, String, String, String) = conn
        .prepare_cached("SELECT name, address, time_zone, currency FROM salon WHERE id = 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(Sender {
        salon,
        address,
        tz: zone.parse().unwrap_or(chrono_tz::UTC),
        currency,
        terms_link: config::read(conn, "messages.terms_link")?,
        cancel_hours: config::read(conn, "messages.cancel_hours")?.parse().unwrap_or(24),
        no_show_fee_cents: crate::domain::money::parse(&config::read(conn, "messages.no_show_fee")?).ok(),
        from: config::read(conn, "smtp.from")?,
        domain: config::read(conn, "messages.domain")?,
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
                ifnull(c.reminders_off, 0),
                ifnull((SELECT n.name FROM service_names n
                        WHERE n.service_id = s.id AND n.language = ifnull(nullif(c.language, ''), sa.language)), s.name),
                st.name, sa.language
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
        .map_err(|e| e.to_input_error())?;
    Ok(m)
}

fn queue(conn: &Connection, s: &Subject, sender: &Sender, p: Planned, now: Instant) -> Result<()> {
    let values = compose::values(sender, &s.about, p.due);
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

/// The latest invitation message of an appointment on one channel: e-mail
/// and SMS each say booked, moved and cancelled in their own order.
fn last_invitation(conn: &Connection, id: i64, channel: Channel) -> Result<Option<LastInvitation>> {
    let mut stmt = conn.prepare_cached(
        // The count takes dropped rows too: their keys ("v0", "v1", …) are used.
        "SELECT id, kind, state IN ('queued', 'failed'), about,
                (SELECT count(*) FROM outbox o WHERE o.appointment_id = ?1 AND o.channel = ?2
                   AND o.kind IN ('confirmation', 'reschedule', 'cancellation')),
                (SELECT count(*) > 0 FROM outbox o WHERE o.appointment_id = ?1 AND o.channel = ?2
                   AND o.kind IN ('confirmation', 'reschedule', 'cancellation') AND o.state IN ('sending', 'sent'))
         FROM outbox WHERE appointment_id = ?1 AND channel = ?2
           AND kind IN ('confirmation', 'reschedule', 'cancellation') AND state <> 'cancelled'
         ORDER BY id DESC LIMIT 1",
    )?;
    Ok(stmt
        .query_row(params![id, channel.as_str()], |r| {
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
    // Booked, moved, cancelled: by e-mail with the invitation, and by SMS
    // where the salon switched it on (seed 003: "via sms een bevestiging").
    let email = (config::read(conn, "messages.confirmations")? == "on" && !s.email.is_empty()).then(|| s.email.clone());
    sync_invitation(conn, s, &sender, active, now, Channel::Email, email.as_deref())?;
    let sms = match config::read(conn, "messages.sms_confirmations")?.as_str() {
        "on" => sms_number(conn, &s.phone)?,
        _ => None,
    };
    sync_invitation(conn, s, &sender, active, now, Channel::Sms, sms.as_deref())?;
    sync_reminders(conn, s, &sender, active, now)
}

/// Brings one channel's booked/moved/cancelled messages in step;
/// `recipient`: where that channel reaches the customer, if it is on.
fn sync_invitation(
    conn: &Connection,
    s: &Subject,
    sender: &Sender,
    active: bool,
    now: Instant,
    channel: Channel,
    recipient: Option<&str>,
) -> Result<()> {
    let last = last_invitation(conn, s.about.appointment_id, channel)?;
    let cancelled = s.state == "cancelled" && s.about.start > now;
    let on = recipient.is_some();
    let to = recipient.unwrap_or_default();
    let seq = last.as_ref().map_or(0, |l| l.count);
    let plan = |kind| Planned {
        kind,
        channel,
        rule: format!("v{seq}"),
        recipient: to,
        // The calendar file goes with e-mail only.
        ics: match channel {
            Channel::Email => compose::invitation(sender, &s.about, kind, seq, to, now),
            Channel::Sms => None,
        },
        due: now,
    };
    match last {
        None if active && on => queue(conn, s, sender, plan(Kind::Confirmation), now),
        Some(l) if cancelled && l.kind != Kind::Cancellation => {
            if l.unsent {
                drop_row(conn, l.id, "appointment cancelled")?;
            }
            if l.any_sent && on { queue(conn, s, sender, plan(Kind::Cancellation), now) } else { Ok(()) }
        }
        Some(l) if active && l.kind != Kind::Cancellation && l.about == s.fingerprint => Ok(()),
        Some(l) if l.unsent && l.kind != Kind::Cancellation && !(active && on) => {
            drop_row(conn, l.id, "no longer to be sent")
        }
        Some(l) if active && l.kind != Kind::Cancellation && l.unsent => {
            // Not out yet: say it once, right, instead of twice.
            drop_row(conn, l.id, "changed before sending")?;
            let kind = if l.any_sent { Kind::Reschedule } else { Kind::Confirmation };
            queue(conn, s, sender, Planned { kind, ..plan(kind) }, now)
        }
        Some(_) if active && on => queue(conn, s, sender, plan(Kind::Reschedule), now),
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

/// How a message asked for by hand reaches the customer: by SMS when she
/// has a mobile number and SMS is set up, else by e-mail (sent once it is set
/// up), else by SMS all the same; `None` without a number or an address.
fn reach(conn: &Connection, s: &Subject) -> Result<Option<(Channel, String)>> {
    let number = sms_number(conn, &s.phone)?;
    let sms_on = config::read(conn, "sms.provider")? != "none";
    Ok(match (number, s.email.is_empty()) {
        (Some(n), _) if sms_on => Some((Channel::Sms, n)),
        (_, false) => Some((Channel::Email, s.email.clone())),
        (Some(n), true) => Some((Channel::Sms, n)),
        (None, true) => None,
    })
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
        let tx = super::super::begin(&mut self.conn)?;
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

    /// "Send confirmation request" on the call list: a message asking the
    /// customer to confirm that she is coming — by SMS when she has a mobile
    /// number and SMS is set up (seed 003: "via sms een bevestiging"), else by
    /// e-mail; sent now (or after quiet hours), once per appointment time.
    /// `false` when she cannot be reached, the appointment is not booked, or
    /// she was asked already.
    pub fn ask_to_confirm(&mut self, appointment_id: i64) -> Result<bool> {
        let now = self.now();
        let tx = super::super::begin(&mut self.conn)?;
        let s = subject(&tx, appointment_id)?;
        let Some((channel, recipient)) = reach(&tx, &s)? else { return Ok(false) };
        if s.state != "booked" || s.customer_id.is_none() || s.about.start <= now {
            return Ok(false);
        }
        let sender = sender_in(&tx)?;
        let quiet = quiet_hours_in(&tx)?;
        let Some(due) = send_time(channel, now, s.about.start, quiet, sender.tz, now) else { return Ok(false) };
        let rule = format!("ask@{}", s.about.start.timestamp());
        let asked: bool = tx
            .prepare_cached(
                "SELECT 1 FROM outbox WHERE appointment_id = ?1 AND kind = 'confirm_request' AND rule = ?2
                   AND state <> 'cancelled'",
            )?
            .exists(params![appointment_id, rule])?;
        if asked {
            return Ok(false);
        }
        let planned = Planned { kind: Kind::ConfirmRequest, channel, rule, recipient: &recipient, ics: None, due };
        queue(&tx, &s, &sender, planned, now)?;
        tx.commit()?;
        Ok(true)
    }

    /// Switches a reminder on by hand for one appointment: by SMS when the
    /// customer has a mobile number and SMS is set up, else by e-mail; sent
    /// now (or after quiet hours). `false` when it cannot be reached.
    pub fn remind(&mut self, appointment_id: i64) -> Result<bool> {
        let now = self.now();
        let tx = super::super::begin(&mut self.conn)?;
        let s = subject(&tx, appointment_id)?;
        let sender = sender_in(&tx)?;
        let Some((channel, recipient)) = reach(&tx, &s)? else { return Ok(false) };
        if s.state != "booked" || s.customer_id.is_none() || s.reminders_off {
            return Ok(false);
        }
        let quiet = quiet_hours_in(&tx)?;
        let Some(due) = send_time(channel, now, s.about.start, quiet, sender.tz, now) else { return Ok(false) };
        let rule = format!("m@{}", s.about.start.timestamp());
        let planned = Planned { kind: Kind::Reminder, channel, rule, recipient: &recipient, ics: None, due };
        queue(&tx, &s, &sender, planned, now)?;
        tx.commit()?;
        Ok(true)
    }
}

impl Store {
    /// "E-mail to the customer" on a recorded checkout: its summary goes to
    /// the address on the card, the PDF made from the record when it is sent.
    /// Once per record and address (asked again: nothing new is queued).
    /// `None` without a customer or an e-mail address.
    pub fn mail_summary(&mut self, checkout_id: i64) -> Result<Option<String>> {
        let now = self.now();
        let record = self.checkout(checkout_id)?;
        let Some(customer_id) = record.draft.customer_id else { return Ok(None) };
        let customer = self.customer(customer_id)?;
        let address = customer.email.trim().to_string();
        if address.is_empty() {
            return Ok(None);
        }
        let tx = super::super::begin(&mut self.conn)?;
        let sender = sender_in(&tx)?;
        let lang = customer.language;
        let values = std::collections::HashMap::from([
            ("customer", customer.first_name.clone()),
            ("salon", sender.salon.clone()),
            ("address", sender.address.clone()),
            ("number", record.number.to_string()),
            ("total", crate::domain::money::format(record.draft.total(), &sender.currency, lang)),
        ]);
        let m = compose_text(&tx, lang, Kind::Receipt, Channel::Email, &values)?;
        tx.prepare_cached(
            "INSERT INTO outbox (customer_id, kind, channel, rule, recipient, subject, body, message_id, due_at,
                                 state, next_at, created_at, checkout_id)
             VALUES (?1, 'receipt', 'email', ?2, ?3, ?4, ?5, ?6, ?7, 'queued', ?7, ?7, ?8)
             ON CONFLICT (checkout_id, recipient) WHERE checkout_id IS NOT NULL DO NOTHING",
        )?
        .execute(params![
            customer_id,
            format!("receipt{}", record.number),
            address,
            m.subject,
            m.body,
            compose::message_id(&sender.domain),
            now.timestamp(),
            checkout_id,
        ])?;
        tx.commit()?;
        Ok(Some(address))
    }
}
