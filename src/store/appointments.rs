//! Appointments: booking, changing, states, history, and free slots.

use super::{Result, Store, StoreError, instant, now_unix};
use crate::domain::appointment::next_free_start;
use crate::domain::clock::{self, Instant};
use crate::domain::desk_rules::{DeskWarning, Proposal, desk_warnings, schedule_warnings};
use crate::domain::{Appointment, AppointmentState, InputError, Slot, Source};
use chrono::{Duration, NaiveDate};
use chrono_tz::Tz;
use rusqlite::{Row, params};

#[derive(Debug, Clone, PartialEq)]
pub struct NewAppointment {
    pub staff_id: i64,
    pub service_id: i64,
    pub customer_id: Option<i64>,
    /// The name typed at the desk when the customer is not linked to a card.
    pub walk_in_name: String,
    pub start: Instant,
    pub minutes: u32,
    pub price_cents: i64,
    /// A deposit paid for it; kept when the customer does not come.
    pub deposit_cents: i64,
    pub source: Source,
}

/// A new time, staff member, service or customer for an existing appointment.
pub type AppointmentChange = NewAppointment;

#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    pub at: Instant,
    pub by: String,
    pub what: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

// Service names and colours are filled in from the (small) services table in
// Rust rather than joined row by row: a day loads noticeably faster.
const SELECT: &str = "SELECT a.id, a.staff_id, a.service_id, a.customer_id,
    CASE WHEN a.customer_id IS NULL THEN a.walk_in_name ELSE trim(c.first_name || ' ' || c.last_name) END,
    ifnull(c.phone, ''), a.price_cents, a.starts_at, a.ends_at, a.state, a.reason,
    a.source, a.created_by, a.created_at,
    a.customer_id IS NOT NULL AND (c.first_attended_at IS NULL OR c.first_attended_at >= a.starts_at),
    c.status_id, a.reached, a.deposit_cents, a.awaiting_deposit
  FROM appointments a
  LEFT JOIN customers c ON c.id = a.customer_id";

fn appointment_from_row(r: &Row) -> rusqlite::Result<Appointment> {
    Ok(Appointment {
        id: r.get(0)?,
        staff_id: r.get(1)?,
        service_id: r.get(2)?,
        customer_id: r.get(3)?,
        customer_name: r.get(4)?,
        customer_phone: r.get(5)?,
        service_name: String::new(),
        service_colour: String::new(),
        price_cents: r.get(6)?,
        slot: Slot { start: instant(r.get(7)?), end: instant(r.get(8)?) },
        state: AppointmentState::parse(&r.get::<_, String>(9)?).unwrap_or(AppointmentState::Booked),
        reason: r.get(10)?,
        source: Source::parse(&r.get::<_, String>(11)?),
        created_by: r.get(12)?,
        created_at: instant(r.get(13)?),
        first_visit: r.get(14)?,
        status_id: r.get(15)?,
        reached: r.get(16)?,
        deposit_cents: r.get(17)?,
        awaiting_deposit: r.get(18)?,
    })
}

fn check(new: &NewAppointment) -> Result<()> {
    if new.customer_id.is_none() && new.walk_in_name.trim().is_empty() {
        return Err(InputError::Required("customer").into());
    }
    if !(5..=720).contains(&new.minutes) {
        return Err(InputError::Duration(new.minutes.to_string()).into());
    }
    Ok(())
}

impl Store {
    /// Runs one of the appointment queries and names the services.
    fn appointments_where(&self, condition: &str, args: impl rusqlite::Params) -> Result<Vec<Appointment>> {
        let mut stmt = self.conn.prepare_cached(&format!("{SELECT} WHERE {condition}"))?;
        let mut list: Vec<Appointment> =
            stmt.query_map(args, appointment_from_row)?.collect::<rusqlite::Result<_>>()?;
        let services = self.services()?;
        for a in &mut list {
            if let Some(s) = services.iter().find(|s| s.id == a.service_id) {
                a.service_name.clone_from(&s.name);
                a.service_colour.clone_from(&s.colour);
            }
        }
        Ok(list)
    }

    /// Appointments starting in [from, to), every state, in time order.
    pub fn appointments_between(&self, from: Instant, to: Instant) -> Result<Vec<Appointment>> {
        self.appointments_where(
            "a.starts_at >= ?1 AND a.starts_at < ?2 ORDER BY a.starts_at",
            params![from.timestamp(), to.timestamp()],
        )
    }

    /// The local days `first`..`first + days` of the salon's calendar.
    pub fn appointments_on_days(&self, tz: Tz, first: NaiveDate, days: u32) -> Result<Vec<Appointment>> {
        let from = clock::day_bounds(tz, first).0;
        let to = clock::day_bounds(tz, first + Duration::days(days.max(1) as i64 - 1)).1;
        self.appointments_between(from, to)
    }

    pub fn appointment(&self, id: i64) -> Result<Appointment> {
        self.appointments_where("a.id = ?1", [id])?.pop().ok_or(StoreError::NotFound)
    }

    /// Every appointment of a customer, newest first (the card's archive).
    pub fn customer_appointments(&self, customer_id: i64) -> Result<Vec<Appointment>> {
        self.appointments_where("a.customer_id = ?1 ORDER BY a.starts_at DESC", [customer_id])
    }

    /// Books an appointment. The database refuses an overlap with another
    /// active appointment of the same staff member (`StoreError::Overlap`).
    pub fn book(&mut self, new: &NewAppointment) -> Result<i64> {
        check(new)?;
        let end = new.start + Duration::minutes(new.minutes as i64);
        let tx = super::begin(&mut self.conn)?;
        tx.execute(
            "INSERT INTO appointments (staff_id, service_id, customer_id, walk_in_name, starts_at, ends_at,
                 price_cents, source, created_by, created_at, changed_by, deposit_cents)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?9, ?11)",
            params![
                new.staff_id,
                new.service_id,
                new.customer_id,
                new.walk_in_name.trim(),
                new.start.timestamp(),
                end.timestamp(),
                new.price_cents,
                new.source.as_str(),
                self.actor,
                now_unix(),
                new.deposit_cents,
            ],
        )?;
        let id = tx.last_insert_rowid();
        super::outbox::sync_messages(&tx, id, self.fixed_now.unwrap_or_else(chrono::Utc::now))?;
        tx.commit()?;
        Ok(id)
    }

    /// Moves or edits an appointment; the same overlap rule applies.
    pub fn change_appointment(&mut self, id: i64, change: &AppointmentChange) -> Result<()> {
        check(change)?;
        let end = change.start + Duration::minutes(change.minutes as i64);
        let now = self.now();
        let tx = super::begin(&mut self.conn)?;
        let n = tx.execute(
            "UPDATE appointments SET staff_id = ?2, service_id = ?3, customer_id = ?4, walk_in_name = ?5,
                 starts_at = ?6, ends_at = ?7, price_cents = ?8, changed_by = ?9, deposit_cents = ?10,
                 awaiting_deposit = CASE WHEN ?10 > 0 THEN 0 ELSE awaiting_deposit END
             WHERE id = ?1",
            params![
                id,
                change.staff_id,
                change.service_id,
                change.customer_id,
                change.walk_in_name.trim(),
                change.start.timestamp(),
                end.timestamp(),
                change.price_cents,
                self.actor,
                change.deposit_cents,
            ],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        super::outbox::sync_messages(&tx, id, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Marks arrived, completed, cancelled or no-show (the last two with a
    /// reason), or undoes a mistaken mark. Refuses a change the desk does not
    /// offer, and an undo whose time has been booked again (overlap).
    pub fn set_state(&mut self, id: i64, next: AppointmentState, reason: &str) -> Result<()> {
        self.set_state_with(id, next, reason, None)
    }

    /// As `set_state`; for a no-show also whether the customer was reached
    /// (the no-show register). Undoing clears it again.
    pub fn set_state_with(
        &mut self,
        id: i64,
        next: AppointmentState,
        reason: &str,
        reached: Option<bool>,
    ) -> Result<()> {
        let tx = super::begin(&mut self.conn)?;
        let current: String = tx.query_row("SELECT state FROM appointments WHERE id = ?1", [id], |r| r.get(0))?;
        let current = AppointmentState::parse(&current).unwrap_or(AppointmentState::Booked);
        if !current.can_become(next) {
            return Err(StoreError::Sql(format!("{} → {} is not allowed", current.as_str(), next.as_str())));
        }
        let reason = if next.needs_reason() { reason.trim() } else { "" };
        let reached = if next == AppointmentState::NoShow { reached } else { None };
        tx.execute(
            "UPDATE appointments SET state = ?2, reason = ?3, changed_by = ?4, reached = ?5 WHERE id = ?1",
            params![id, next.as_str(), reason, self.actor, reached],
        )?;
        super::outbox::sync_messages(&tx, id, self.fixed_now.unwrap_or_else(chrono::Utc::now))?;
        tx.commit()?;
        Ok(())
    }

    /// What the desk hears before `new` is saved (`original`: the appointment
    /// it changes): the customer's status rules and the staff member's time.
    pub fn desk_warnings(&self, new: &NewAppointment, original: Option<i64>) -> Result<Vec<DeskWarning>> {
        let mut warnings = self.customer_warnings(new, original)?;
        let staff = self.staff()?.into_iter().find(|s| s.id == new.staff_id).ok_or(StoreError::NotFound)?;
        let slot = Slot::new(new.start, new.minutes);
        let changed = match original {
            Some(id) => {
                let before = self.appointment(id)?;
                before.staff_id != new.staff_id || before.slot != slot
            }
            None => true,
        };
        let tz = self.salon()?.time_zone;
        warnings.extend(schedule_warnings(&staff, tz, slot, self.now(), changed));
        Ok(warnings)
    }

    fn customer_warnings(&self, new: &NewAppointment, original: Option<i64>) -> Result<Vec<DeskWarning>> {
        let Some(customer_id) = new.customer_id else { return Ok(Vec::new()) };
        let customer = self.customer(customer_id)?;
        let statuses = self.statuses()?;
        let status = statuses.iter().find(|s| Some(s.id) == customer.status_id);
        let span = Duration::days(status.and_then(|s| s.max_period_days).unwrap_or(0) as i64);
        let mut stmt = self.conn.prepare_cached(
            "SELECT starts_at FROM appointments WHERE customer_id = ?1 AND starts_at > ?2 AND starts_at < ?3
               AND state IN ('booked', 'arrived', 'completed') AND id IS NOT ?4",
        )?;
        let others: Vec<Instant> = stmt
            .query_map(
                params![customer_id, (new.start - span).timestamp(), (new.start + span).timestamp(), original],
                |r| Ok(instant(r.get(0)?)),
            )?
            .collect::<rusqlite::Result<_>>()?;
        let original_staff = match original {
            Some(id) => Some(self.appointment(id)?.staff_id),
            None => None,
        };
        let proposal = Proposal { staff_id: new.staff_id, start: new.start, original_staff };
        Ok(desk_warnings(status, customer.preferred_staff_id, &proposal, &others))
    }

    pub fn history(&self, appointment_id: i64) -> Result<Vec<HistoryEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT changed_at, changed_by, what, old_value, new_value FROM appointment_history
             WHERE appointment_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([appointment_id], |r| {
            Ok(HistoryEntry {
                at: instant(r.get(0)?),
                by: r.get(1)?,
                what: r.get(2)?,
                old_value: r.get(3)?,
                new_value: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The next start at or after `from` at which `staff_id` can take an
    /// appointment of `minutes`, within working hours, looking 14 days ahead.
    /// `ignore` is the appointment being moved (its own time is free to it).
    pub fn next_free_start(
        &self,
        tz: Tz,
        staff_id: i64,
        minutes: u32,
        from: Instant,
        ignore: Option<i64>,
    ) -> Result<Option<Instant>> {
        let staff = self.staff()?;
        let Some(member) = staff.iter().find(|s| s.id == staff_id) else { return Err(StoreError::NotFound) };
        let first = clock::today(tz, from);
        for offset in 0..14 {
            let date = first + Duration::days(offset);
            let windows = member.working_slots(tz, date);
            if windows.is_empty() {
                continue;
            }
            let (day_start, day_end) = clock::day_bounds(tz, date);
            let busy = self.busy_slots(staff_id, day_start - Duration::hours(12), day_end, ignore)?;
            if let Some(t) = next_free_start(&windows, &busy, minutes, from, 15) {
                return Ok(Some(t));
            }
        }
        Ok(None)
    }

    pub(super) fn busy_slots(
        &self,
        staff_id: i64,
        from: Instant,
        to: Instant,
        ignore: Option<i64>,
    ) -> Result<Vec<Slot>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT starts_at, ends_at FROM appointments
             WHERE staff_id = ?1 AND starts_at >= ?2 AND starts_at < ?3
               AND state IN ('booked', 'arrived', 'completed') AND id IS NOT ?4",
        )?;
        let rows = stmt.query_map(params![staff_id, from.timestamp(), to.timestamp(), ignore], |r| {
            Ok(Slot { start: instant(r.get(0)?), end: instant(r.get(1)?) })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The desk's last change, to take back from its notice ("Undo"). An
/// appointment is never deleted: a booking taken back is cancelled, with
/// the customer told only if they had been told of it.
#[derive(Debug, Clone, PartialEq)]
pub enum Undo {
    Booking(i64),
    Change { id: i64, before: AppointmentChange },
    Mark { id: i64, state: AppointmentState, reason: String },
}

impl Undo {
    /// The change that puts `a` back as it is now (before an edit).
    pub fn change_of(a: &Appointment) -> Undo {
        let before = NewAppointment {
            staff_id: a.staff_id,
            service_id: a.service_id,
            customer_id: a.customer_id,
            walk_in_name: if a.customer_id.is_none() { a.customer_name.clone() } else { String::new() },
            start: a.slot.start,
            minutes: a.minutes().clamp(0, i64::from(u32::MAX)) as u32,
            price_cents: a.price_cents,
            deposit_cents: a.deposit_cents,
            source: a.source,
        };
        Undo::Change { id: a.id, before }
    }
}

/// What a save at the desk came to: saved, or warnings to show first.
#[derive(Debug, Clone, PartialEq)]
pub enum DeskSave {
    Saved(i64),
    Warned(Vec<DeskWarning>),
}

impl Store {
    /// Books `new` unless the desk should hear a warning first; `confirmed`
    /// ("save anyway") books it regardless. A walk-in name that names one
    /// known customer exactly (phone, e-mail, full name) is linked to that
    /// card; a number that no one has is refused. One transaction.
    pub fn book_checked(&mut self, new: &NewAppointment, confirmed: bool) -> Result<DeskSave> {
        self.atomically(|s| {
            let new = s.with_known_customer(new)?;
            match s.warnings_first(&new, None, confirmed)? {
                Some(warned) => Ok(warned),
                None => s.book(&new).map(DeskSave::Saved),
            }
        })
    }

    /// As `book_checked`, for a change of appointment `id`.
    pub fn change_checked(&mut self, id: i64, change: &AppointmentChange, confirmed: bool) -> Result<DeskSave> {
        self.atomically(|s| {
            let change = s.with_known_customer(change)?;
            match s.warnings_first(&change, Some(id), confirmed)? {
                Some(warned) => Ok(warned),
                None => s.change_appointment(id, &change).map(|_| DeskSave::Saved(id)),
            }
        })
    }

    /// Takes the desk's last change back; `reason` is said on a booking
    /// taken back ("undone at the desk"). A time taken meanwhile is refused.
    pub fn undo(&mut self, undo: &Undo, reason: &str) -> Result<()> {
        match undo {
            Undo::Booking(id) => self.set_state_with(*id, AppointmentState::Cancelled, reason, None),
            Undo::Change { id, before } => self.change_appointment(*id, before),
            Undo::Mark { id, state, reason } => self.set_state_with(*id, *state, reason, None),
        }
    }

    fn warnings_first(&self, new: &NewAppointment, original: Option<i64>, confirmed: bool) -> Result<Option<DeskSave>> {
        if confirmed {
            return Ok(None);
        }
        // A refusal before any warning: no "save anyway" for a time that is taken.
        let slot = Slot::new(new.start, new.minutes);
        let taken = self.busy_slots(new.staff_id, slot.start - Duration::hours(12), slot.end, original)?;
        if taken.iter().any(|b| b.overlaps(&slot)) {
            return Err(StoreError::Overlap);
        }
        let warnings = self.desk_warnings(new, original)?;
        Ok((!warnings.is_empty()).then_some(DeskSave::Warned(warnings)))
    }

    /// Marks the appointment (see `set_state_with`); after a no-show, the
    /// automatic status rules are checked in the same transaction. The mark
    /// is saved even when the check fails (that is logged).
    pub fn mark(
        &mut self,
        id: i64,
        state: AppointmentState,
        reason: &str,
        reached: Option<bool>,
        now: Instant,
    ) -> Result<Option<super::RuleOutcome>> {
        self.atomically(|s| {
            s.set_state_with(id, state, reason, reached)?;
            let customer = s.appointment(id)?.customer_id;
            Ok(match (state, customer) {
                (AppointmentState::NoShow, Some(c)) => s
                    .check_status_rules(c, now)
                    .inspect_err(|e| tracing::warn!(error = %e, "status rules not checked"))
                    .ok()
                    .flatten(),
                _ => None,
            })
        })
    }
}
