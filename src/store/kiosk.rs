//! The kiosk's reads and writes: check-in by phone number, free times, and
//! the self-booking that obeys every rule inside one transaction, so that two
//! kiosks (or a kiosk and the desk) cannot both take the last free time.

use super::config;
use super::outbox::sync_messages;
use super::{Result, Store, StoreError, instant, now_unix};
use crate::domain::booking::{BookingWindow, LOOKUPS_PER_MINUTE, Refusal, check_in_open, check_status, free_starts};
use crate::domain::clock::{self, Instant};
use crate::domain::customer::{fold, phone_search_forms};
use crate::domain::{AppointmentState, CustomerStatus, InputError, Language, Slot, phone};
use chrono::Duration;
use rand::Rng;
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::HashMap;

/// Today's appointment of the customer at the kiosk: first name and time only.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckIn {
    pub appointment_id: i64,
    /// "K." — a stranger with the number learns nothing more.
    pub initial: String,
    pub start: Instant,
    pub service_id: i64,
    /// Its own name; the kiosk says it in the customer's language.
    pub service: String,
    pub arrived: bool,
}

/// What the customer entered at the kiosk.
#[derive(Debug, Clone, PartialEq)]
pub struct SelfBooking {
    pub service_id: i64,
    /// `None`: anyone free at that time.
    pub staff_id: Option<i64>,
    pub start: Instant,
    pub first_name: String,
    pub last_name: String,
    pub phone: String,
    pub email: String,
    pub language: Language,
    /// The version of the terms the customer accepted on screen.
    pub terms_version: String,
    /// The terms exactly as the customer read them on the screen.
    pub terms_text: String,
    /// The SMS code, when the salon asks for one.
    pub code: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Booked {
    pub appointment_id: i64,
    pub staff_id: i64,
    /// A status that needs a deposit: the salon confirms before it counts.
    pub awaiting_deposit: bool,
    /// The deposit the service asks (0: none, or only the status asks one).
    pub deposit_cents: i64,
    /// The number belongs to a card and was not proven: booked under the
    /// typed name, apart from that card, for the desk to link.
    pub kept_apart: bool,
}

/// What the card of a number proven by its SMS code says, for the kiosk to
/// fill in: only ever shown to whoever has that phone in hand.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KnownName {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum KioskError {
    #[error("{0}")]
    Refused(Refusal),
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for KioskError {
    fn from(e: rusqlite::Error) -> Self {
        KioskError::Store(e.into())
    }
}

impl From<InputError> for KioskError {
    fn from(e: InputError) -> Self {
        KioskError::Store(e.into())
    }
}

pub use crate::domain::booking::{CODE_MINUTES, CODE_RESEND_SECONDS, CODE_TRIES};

pub(crate) fn salon_e164(conn: &Connection, typed: &str) -> Result<String> {
    let (zone, lang): (String, String) =
        conn.query_row("SELECT time_zone, language FROM salon WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(phone::to_e164(typed, phone::default_country(&zone, Language::parse(&lang).unwrap_or_default()))?)
}

/// The customers whose phone is this number (E.164), by the phone-key index.
fn customers_with_phone(conn: &Connection, e164: &str) -> Result<Vec<i64>> {
    let Some(national) = phone::national_number(e164) else { return Ok(Vec::new()) };
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.phone FROM customer_phone_keys k JOIN customers c ON c.id = k.customer_id WHERE k.key = ?1",
    )?;
    let rows: Vec<(i64, String)> =
        stmt.query_map([national], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut ids = Vec::new();
    for (id, written) in rows {
        if salon_e164(conn, &written).ok().as_deref() == Some(e164) && !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

impl Store {
    pub fn booking_window(&self) -> Result<BookingWindow> {
        Ok(BookingWindow {
            max_days_ahead: config::read(&self.conn, "booking.max_days_ahead")?.parse().unwrap_or(90),
            min_notice_minutes: config::read(&self.conn, "booking.min_notice_minutes")?.parse().unwrap_or(60),
        })
    }

    fn check_in_span(&self) -> Result<(Duration, Duration)> {
        let minutes = |key: &str, default: i64| -> Result<Duration> {
            Ok(Duration::minutes(config::read(&self.conn, key)?.parse().unwrap_or(default)))
        };
        Ok((minutes("kiosk.checkin_before_minutes", 45)?, minutes("kiosk.checkin_after_minutes", 20)?))
    }

    /// The appointments of whoever has this phone number that may be checked
    /// in now (around their start): what the customer needs, no more — the
    /// first name's initial, the time and the service. Every lookup is
    /// counted (not the number) and a burst of them is refused.
    pub fn check_ins(&mut self, typed_phone: &str, now: Instant) -> std::result::Result<Vec<CheckIn>, KioskError> {
        let recent: i64 =
            self.conn
                .query_row("SELECT count(*) FROM kiosk_lookups WHERE at > ?1", [now.timestamp() - 60], |r| r.get(0))?;
        if recent >= LOOKUPS_PER_MINUTE {
            tracing::warn!(recent, "kiosk lookups refused for a while");
            return Err(KioskError::Refused(Refusal::TooManyLookups));
        }
        let (before, after) = self.check_in_span()?;
        let found = match salon_e164(&self.conn, typed_phone) {
            Ok(e164) => self.open_check_ins(&e164, now, before, after)?,
            Err(_) => Vec::new(),
        };
        self.conn.execute(
            "INSERT INTO kiosk_lookups (at, found) VALUES (?1, ?2)",
            params![now.timestamp(), found.len() as i64],
        )?;
        tracing::info!(found = found.len(), "kiosk check-in lookup");
        Ok(found)
    }

    fn open_check_ins(&self, e164: &str, now: Instant, before: Duration, after: Duration) -> Result<Vec<CheckIn>> {
        let mut found = Vec::new();
        for customer in customers_with_phone(&self.conn, e164)? {
            let mut stmt = self.conn.prepare_cached(
                "SELECT a.id, c.first_name, a.starts_at, s.name, a.state = 'arrived', s.id
                 FROM appointments a JOIN customers c ON c.id = a.customer_id JOIN services s ON s.id = a.service_id
                 WHERE a.customer_id = ?1 AND a.starts_at >= ?2 AND a.starts_at <= ?3
                   AND a.state IN ('booked', 'arrived') ORDER BY a.starts_at",
            )?;
            let window = params![customer, (now - after).timestamp(), (now + before).timestamp()];
            let rows = stmt.query_map(window, |r| {
                let first: String = r.get(1)?;
                Ok(CheckIn {
                    appointment_id: r.get(0)?,
                    initial: first.chars().next().map(|c| format!("{c}.")).unwrap_or_default(),
                    start: instant(r.get(2)?),
                    service_id: r.get(5)?,
                    service: r.get(3)?,
                    arrived: r.get(4)?,
                })
            })?;
            found.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
        }
        Ok(found)
    }

    /// "I'm here": the booked appointment becomes arrived — only around its
    /// start, so that a missed appointment is never checked in afterwards.
    pub fn check_in(&mut self, appointment_id: i64, now: Instant) -> std::result::Result<(), KioskError> {
        let (before, after) = self.check_in_span()?;
        let start = self.appointment(appointment_id)?.slot.start;
        if !check_in_open(start, now, before, after) {
            return Err(KioskError::Refused(Refusal::CheckInClosed));
        }
        Ok(self.set_state(appointment_id, AppointmentState::Arrived, "")?)
    }

    pub fn closed_to_new(&self, staff_id: i64) -> Result<bool> {
        Ok(self.conn.query_row("SELECT closed_to_new FROM staff WHERE id = ?1", [staff_id], |r| r.get(0))?)
    }

    pub fn set_closed_to_new(&mut self, staff_id: i64, closed: bool) -> Result<()> {
        self.conn.execute("UPDATE staff SET closed_to_new = ?2 WHERE id = ?1", params![staff_id, closed])?;
        Ok(())
    }

    /// Free starts for `minutes` over `days` days, per staff member (or for
    /// one), within the salon's booking window: (staff id, start), in time order.
    pub fn free_slots(&self, minutes: u32, staff: Option<i64>, now: Instant, days: u32) -> Result<Vec<(i64, Instant)>> {
        let tz = self.salon()?.time_zone;
        let (earliest, latest) = self.booking_window()?.bounds(now);
        let first = clock::today(tz, earliest);
        let (from, _) = clock::day_bounds(tz, first);
        let (_, to) = clock::day_bounds(tz, first + Duration::days(days.max(1) as i64 - 1));
        let mut busy: HashMap<i64, Vec<Slot>> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT staff_id, starts_at, ends_at FROM appointments
             WHERE starts_at >= ?1 AND starts_at < ?2 AND state IN ('booked', 'arrived', 'completed')",
        )?;
        let rows = stmt.query_map(params![from.timestamp() - 12 * 3600, to.timestamp()], |r| {
            Ok((r.get::<_, i64>(0)?, Slot { start: instant(r.get(1)?), end: instant(r.get(2)?) }))
        })?;
        for row in rows {
            let (staff_id, slot) = row?;
            busy.entry(staff_id).or_default().push(slot);
        }
        let mut found = Vec::new();
        for member in self.staff()?.iter().filter(|s| s.active && staff.is_none_or(|id| id == s.id)) {
            let none = Vec::new();
            let taken = busy.get(&member.id).unwrap_or(&none);
            for offset in 0..days as i64 {
                let date = first + Duration::days(offset);
                let windows = member.working_slots(tz, date);
                // Only that day's appointments: the search stays linear in the days.
                let (day_start, day_end) = clock::day_bounds(tz, date);
                let day_busy: Vec<Slot> =
                    taken.iter().filter(|b| b.start < day_end && b.end > day_start).copied().collect();
                for start in free_starts(&windows, &day_busy, minutes, earliest, 15) {
                    if start <= latest {
                        found.push((member.id, start));
                    }
                }
            }
        }
        found.sort_by_key(|(staff, start)| (*start, *staff));
        Ok(found)
    }

    /// Puts a phone number or an e-mail address on the blocklist.
    pub fn block(&mut self, value: &str, reason: &str) -> Result<()> {
        let (kind, value) = blocklist_form(&self.conn, value)?;
        self.conn.execute(
            "INSERT OR IGNORE INTO blocklist (kind, value, reason, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![kind, value, reason.trim(), now_unix()],
        )?;
        Ok(())
    }

    /// Blocks a customer's phone number and e-mail address (the "block"
    /// action on the card, for fake bookings).
    pub fn block_customer(&mut self, customer_id: i64) -> Result<()> {
        let c = self.customer(customer_id)?;
        let reason = format!("{} {}", c.first_name, c.last_name);
        for value in [c.phone.trim(), c.email.trim()].into_iter().filter(|v| !v.is_empty()) {
            self.block(value, reason.trim())?;
        }
        Ok(())
    }

    pub fn unblock(&mut self, id: i64) -> Result<()> {
        self.conn.execute("DELETE FROM blocklist WHERE id = ?1", [id])?;
        Ok(())
    }

    /// (id, "email" | "phone", value, reason), newest first.
    pub fn blocklist(&self) -> Result<Vec<(i64, String, String, String)>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, kind, value, reason FROM blocklist ORDER BY id DESC")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The kiosk's refusals, newest first: (when, reason code, phone, e-mail).
    pub fn kiosk_refusals(&self, limit: u32) -> Result<Vec<(Instant, String, String, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT at, reason, phone, email FROM kiosk_refusals ORDER BY id DESC LIMIT ?1")?;
        let rows = stmt.query_map([limit], |r| Ok((instant(r.get(0)?), r.get(1)?, r.get(2)?, r.get(3)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sends a code by SMS (through the outbox) to the number typed at the
    /// kiosk; refused when one was sent less than a minute ago.
    pub fn send_code(&mut self, typed_phone: &str, language: Language) -> std::result::Result<(), KioskError> {
        let now = self.now();
        let e164 = salon_e164(&self.conn, typed_phone)?;
        self.refuse_blocked(&e164, "")?;
        let tx = super::begin(&mut self.conn)?;
        let last: Option<i64> = tx
            .query_row("SELECT max(created_at) FROM kiosk_codes WHERE phone = ?1", [&e164], |r| r.get(0))
            .optional()?
            .flatten();
        if last.is_some_and(|t| now.timestamp() - t < CODE_RESEND_SECONDS) {
            return Err(KioskError::Refused(Refusal::CodeTooSoon));
        }
        // A number gets a few codes an hour: the kiosk is no free SMS gateway.
        let this_hour: i64 = tx.query_row(
            "SELECT count(*) FROM kiosk_codes WHERE phone = ?1 AND created_at > ?2",
            params![e164, now.timestamp() - 3600],
            |r| r.get(0),
        )?;
        if this_hour >= crate::domain::booking::CODES_PER_HOUR {
            return Err(KioskError::Refused(Refusal::CodeLimit));
        }
        let code = format!("{:06}", rand::rng().random_range(0..1_000_000));
        tx.execute(
            "INSERT INTO kiosk_codes (phone, code, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
            params![e164, code, now.timestamp(), now.timestamp() + CODE_MINUTES * 60],
        )?;
        let code_id = tx.last_insert_rowid();
        super::outbox::queue_code(&tx, code_id, &e164, &code, language, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Checks the SMS code typed for a number before the customer types a
    /// name: the code stays valid for the booking. The one card of that
    /// number (if there is exactly one) fills in the name and e-mail.
    pub fn prove_number(
        &mut self,
        typed_phone: &str,
        code: &str,
    ) -> std::result::Result<Option<KnownName>, KioskError> {
        let now = self.now();
        let e164 = salon_e164(&self.conn, typed_phone)?;
        let proof = code_matches(&self.conn, &e164, code, now).map(|_| ());
        let proof = proof.and_then(|()| self.refuse_blocked(&e164, ""));
        if let Err(KioskError::Refused(refusal)) = &proof {
            self.count_refusal(*refusal, typed_phone, "", now)?;
        }
        proof?;
        let cards = customers_with_phone(&self.conn, &e164)?;
        let [only] = cards[..] else { return Ok(None) };
        Ok(Some(self.conn.query_row(
            "SELECT first_name, last_name, email FROM customers WHERE id = ?1",
            [only],
            |r| Ok(KnownName { first_name: r.get(0)?, last_name: r.get(1)?, email: r.get(2)? }),
        )?))
    }

    fn refuse_blocked(&self, e164: &str, email: &str) -> std::result::Result<(), KioskError> {
        // An erased customer's blocked number is kept hidden (`erase::hidden`).
        let salt = super::erase::salt_if_any(&self.conn)?.unwrap_or_default();
        let email = email.trim().to_lowercase();
        let blocked: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM blocklist WHERE (kind = 'phone' AND value IN (?1, ?3))
                                                   OR (kind = 'email' AND value IN (?2, ?4)))",
            params![
                e164,
                email,
                super::erase::hidden(&salt, "phone", e164),
                super::erase::hidden(&salt, "email", &email)
            ],
            |r| r.get(0),
        )?;
        if blocked { Err(KioskError::Refused(Refusal::Blocklisted)) } else { Ok(()) }
    }

    /// Records a refusal for the salon; a wrong code also counts as a try.
    fn count_refusal(&self, refusal: Refusal, phone: &str, email: &str, now: Instant) -> Result<()> {
        if let (Refusal::WrongCode, Ok(e164)) = (refusal, salon_e164(&self.conn, phone)) {
            self.conn.execute(
                "UPDATE kiosk_codes SET tries = tries + 1
                 WHERE id = (SELECT max(id) FROM kiosk_codes WHERE phone = ?1)",
                [e164],
            )?;
        }
        self.conn.execute(
            "INSERT INTO kiosk_refusals (at, reason, phone, email) VALUES (?1, ?2, ?3, ?4)",
            params![now.timestamp(), refusal.code(), phone.trim(), email.trim()],
        )?;
        Ok(())
    }

    /// Books what the customer chose at the kiosk, or says why not (and
    /// records the refusal for the salon).
    pub fn self_book(&mut self, booking: &SelfBooking) -> std::result::Result<Booked, KioskError> {
        let now = self.now();
        let result = self.try_self_book(booking, now);
        if let Err(KioskError::Refused(refusal)) = &result {
            self.count_refusal(*refusal, &booking.phone, &booking.email, now)?;
        }
        result
    }

    fn try_self_book(&mut self, b: &SelfBooking, now: Instant) -> std::result::Result<Booked, KioskError> {
        self.booking_window()?.check(b.start, now).map_err(KioskError::Refused)?;
        if b.first_name.trim().is_empty() {
            return Err(InputError::Required("first-name").into());
        }
        let e164 = salon_e164(&self.conn, &b.phone)?;
        let email = b.email.trim().to_lowercase();
        if !email.is_empty() {
            crate::domain::customer::check_email(&email)?;
        }
        let statuses = self.statuses()?;
        let (service_minutes, service_price, deposit_cents, deposit_percent): (u32, i64, i64, u32) = self
            .conn
            .query_row(
                "SELECT minutes, price_cents, deposit_cents, deposit_percent FROM services WHERE id = ?1 AND active",
                [b.service_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?
            .ok_or(StoreError::NotFound)?;
        // A service can ask a deposit of everyone (seed 000), not only a status.
        let service_deposit = crate::domain::checkout::service_deposit(service_price, deposit_cents, deposit_percent);
        let candidates = self.free_at(b.staff_id, b.start, service_minutes)?;
        self.refuse_blocked(&e164, &email)?;
        let tx = super::begin(&mut self.conn)?;
        let code_checked = config::read(&tx, "kiosk.tan")? == "on";
        if code_checked {
            let code = code_matches(&tx, &e164, b.code.as_deref().unwrap_or(""), now)?;
            tx.execute("UPDATE kiosk_codes SET used = 1 WHERE id = ?1", [code])?;
        }
        let by_phone = customers_with_phone(&tx, &e164)?;
        let known: Vec<i64> = if by_phone.is_empty() && !email.is_empty() {
            tx.prepare_cached("SELECT id FROM customers WHERE lower(email) = ?1 LIMIT 1")?
                .query_map([&email], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        } else {
            by_phone.clone()
        };
        // Only whoever proved the number (the SMS code) books on a card of
        // it, the one with the typed first name (a family shares a phone; a
        // new name gets a new card); anyone else is kept apart, for the desk.
        let proven = code_checked && !by_phone.is_empty();
        let customer = if proven { card_named(&tx, &by_phone, &b.first_name)? } else { None };
        let kept_apart = !proven && !known.is_empty();
        // The number's card's rules hold for everyone who books with it:
        // neither a new name nor a booking kept apart slips past a block.
        let card = customer.or(known.first().copied());
        let status_id: Option<i64> = match card {
            Some(id) => tx.query_row("SELECT status_id FROM customers WHERE id = ?1", [id], |r| r.get(0))?,
            None => tx.query_row("SELECT status_id FROM initial_status", [], |r| r.get(0)).optional()?,
        };
        let status = statuses
            .iter()
            .find(|s| Some(s.id) == status_id)
            .cloned()
            .unwrap_or(CustomerStatus { may_self_book: true, ..Default::default() });
        let others: Vec<Instant> = match card {
            Some(id) => tx
                .prepare_cached("SELECT starts_at FROM appointments WHERE customer_id = ?1 AND state IN ('booked', 'arrived', 'completed')")?
                .query_map([id], |r| Ok(instant(r.get(0)?)))?
                .collect::<rusqlite::Result<_>>()?,
            None => Vec::new(),
        };
        // The card's rules hold for a booking kept apart too (a blocked
        // customer cannot slip through), said without telling its status.
        let awaiting_deposit = check_status(&status, b.service_id, b.start, &others)
            .map_err(|r| KioskError::Refused(if kept_apart { Refusal::NeedsDesk } else { r }))?
            || service_deposit > 0;
        let staff_id = pick_staff(&tx, &candidates, customer.is_none(), b.staff_id)?;
        let customer_id = match customer {
            Some(id) => Some(id),
            None if kept_apart => None,
            None => Some(new_customer(&tx, b, &e164, &email)?),
        };
        let walk_in_name = if kept_apart {
            format!("{} {} · {e164}", b.first_name.trim(), b.last_name.trim())
        } else {
            String::new()
        };
        let end = b.start + Duration::minutes(service_minutes as i64);
        let inserted = tx.execute(
            "INSERT INTO appointments (staff_id, service_id, customer_id, walk_in_name, starts_at, ends_at,
                 price_cents, source, created_by, created_at, changed_by, awaiting_deposit)
             VALUES (?1, ?2, ?3, ?9, ?4, ?5, ?6, 'kiosk', 'kiosk', ?7, 'kiosk', ?8)",
            params![
                staff_id,
                b.service_id,
                customer_id,
                b.start.timestamp(),
                end.timestamp(),
                service_price,
                now.timestamp(),
                awaiting_deposit,
                walk_in_name,
            ],
        );
        match inserted.map_err(StoreError::from) {
            Err(StoreError::Overlap) => return Err(KioskError::Refused(Refusal::SlotTaken)),
            other => other?,
        };
        let appointment_id = tx.last_insert_rowid();
        match customer_id {
            Some(customer_id) => {
                tx.execute(
                    "INSERT INTO terms_acceptances (customer_id, appointment_id, terms_version, terms_text, accepted_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![customer_id, appointment_id, b.terms_version, b.terms_text, now.timestamp()],
                )?;
            }
            None => {
                tx.execute(
                    "INSERT INTO kiosk_kept_apart (appointment_id, phone, email, terms_version, terms_text, accepted_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![appointment_id, e164, email, b.terms_version, b.terms_text, now.timestamp()],
                )?;
                tracing::info!(appointment_id, "self-booking kept apart from the card of its number");
            }
        }
        // Kept apart: no message goes to a number that was not proven.
        sync_messages(&tx, appointment_id, now)?;
        tx.commit()?;
        Ok(Booked { appointment_id, staff_id, awaiting_deposit, deposit_cents: service_deposit, kept_apart })
    }

    /// The staff members (in calendar order) free for the whole appointment.
    fn free_at(&self, staff: Option<i64>, start: Instant, minutes: u32) -> Result<Vec<i64>> {
        let tz = self.salon()?.time_zone;
        let date = clock::today(tz, start);
        let wanted = Slot::new(start, minutes);
        let mut free = Vec::new();
        for member in self.staff()?.iter().filter(|s| s.active && staff.is_none_or(|id| id == s.id)) {
            let inside = member.working_slots(tz, date).iter().any(|w| w.start <= wanted.start && wanted.end <= w.end);
            // Appointments last at most 12 hours (the overlap trigger's bound).
            let taken = self.busy_slots(member.id, wanted.start - Duration::hours(12), wanted.end, None)?;
            let busy = taken.iter().any(|b| b.overlaps(&wanted));
            if inside && !busy {
                free.push(member.id);
            }
        }
        Ok(free)
    }
}

/// A chosen staff member, or the first free one for "anyone"; one closed to
/// new customers is not given a new customer.
fn pick_staff(
    conn: &Connection,
    candidates: &[i64],
    new_customer: bool,
    chosen: Option<i64>,
) -> std::result::Result<i64, KioskError> {
    for &id in candidates {
        let closed: bool = conn.query_row("SELECT closed_to_new FROM staff WHERE id = ?1", [id], |r| r.get(0))?;
        if !(new_customer && closed) {
            return Ok(id);
        }
        if chosen.is_some() {
            return Err(KioskError::Refused(Refusal::StaffClosedToNew));
        }
    }
    Err(KioskError::Refused(Refusal::SlotTaken))
}

fn new_customer(conn: &Connection, b: &SelfBooking, e164: &str, email: &str) -> Result<i64> {
    let first = b.first_name.trim();
    let last = b.last_name.trim();
    conn.execute(
        "INSERT INTO customers (first_name, last_name, phone, email, language, search_name, search_phone, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            first,
            last,
            e164,
            email,
            b.language.code(),
            fold(&format!("{first} {last} {email}")),
            phone_search_forms(e164),
            now_unix()
        ],
    )?;
    let id = conn.last_insert_rowid();
    super::write_phone_keys(conn, id, &phone_search_forms(e164))?;
    super::newsletters::judge_reach(conn, Some(id))?;
    Ok(id)
}

/// The id of the number's latest code, if `typed` is it and it is still good.
fn code_matches(conn: &Connection, e164: &str, typed: &str, now: Instant) -> std::result::Result<i64, KioskError> {
    let latest: Option<(i64, String, i64, i64, bool)> = conn
        .query_row(
            "SELECT id, code, expires_at, tries, used FROM kiosk_codes WHERE phone = ?1 ORDER BY id DESC LIMIT 1",
            [e164],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((id, code, expires, tries, used)) = latest else { return Err(KioskError::Refused(Refusal::WrongCode)) };
    if used || expires < now.timestamp() || tries >= CODE_TRIES {
        return Err(KioskError::Refused(Refusal::CodeExpired));
    }
    if typed.trim() != code {
        // The try is counted by `count_refusal`, outside any rolled-back transaction.
        return Err(KioskError::Refused(Refusal::WrongCode));
    }
    Ok(id)
}

/// Of the cards with one phone number, the one with this first name.
fn card_named(conn: &Connection, cards: &[i64], first_name: &str) -> Result<Option<i64>> {
    let wanted = fold(first_name.trim());
    for &id in cards {
        let name: String = conn.query_row("SELECT first_name FROM customers WHERE id = ?1", [id], |r| r.get(0))?;
        if fold(name.trim()) == wanted {
            return Ok(Some(id));
        }
    }
    Ok(None)
}

/// An e-mail address (lower case) or a phone number (E.164) for the blocklist.
fn blocklist_form(conn: &Connection, value: &str) -> Result<(&'static str, String)> {
    let value = value.trim();
    if value.contains('@') {
        crate::domain::customer::check_email(value)?;
        return Ok(("email", value.to_lowercase()));
    }
    Ok(("phone", salon_e164(conn, value)?))
}

/// Terms a customer accepted at the kiosk: when, which version, what it said.
#[derive(Debug, Clone, PartialEq)]
pub struct TermsAccepted {
    pub at: Instant,
    pub version: String,
    pub text: String,
    /// The booking they were accepted for.
    pub appointment_id: Option<i64>,
}

impl TermsAccepted {
    /// The terms a no-show fee rests on: those accepted for that booking,
    /// else the newest accepted before it began; `list` is newest first.
    pub fn behind_fee(list: &[TermsAccepted], appointment_id: i64, start: Instant) -> Option<&TermsAccepted> {
        list.iter().find(|t| t.appointment_id == Some(appointment_id)).or_else(|| list.iter().find(|t| t.at <= start))
    }
}

impl Store {
    /// Every acceptance of the salon's terms on the card, newest first.
    pub fn terms_accepted(&self, customer_id: i64) -> Result<Vec<TermsAccepted>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT accepted_at, terms_version, terms_text, appointment_id FROM terms_acceptances
             WHERE customer_id = ?1 ORDER BY accepted_at DESC, id DESC",
        )?;
        let rows = stmt.query_map([customer_id], |r| {
            Ok(TermsAccepted { at: instant(r.get(0)?), version: r.get(1)?, text: r.get(2)?, appointment_id: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
