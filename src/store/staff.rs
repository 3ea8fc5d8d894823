//! Staff members with their working hours, breaks and absences; services.

use super::{Result, Store, StoreError};
use crate::domain::schedule::{Absence, DaySpan, Service, Staff, WorkDay};
use crate::domain::{Appointment, InputError, Language, clock};

/// What adding an absence came to: added, or the appointments in it first.
#[derive(Debug, Clone, PartialEq)]
pub enum AbsenceSave {
    Added(i64),
    Clashes(Vec<Appointment>),
}
use rusqlite::params;

impl Store {
    /// All staff members in their calendar order, with hours and absences.
    pub fn staff(&self) -> Result<Vec<Staff>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, name, active FROM staff ORDER BY position, id")?;
        let mut staff: Vec<Staff> = stmt
            .query_map([], |r| {
                Ok(Staff { id: r.get(0)?, name: r.get(1)?, week: [None; 7], absences: Vec::new(), active: r.get(2)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut hours = self
            .conn
            .prepare_cached("SELECT staff_id, weekday, starts, ends, pause_starts, pause_ends FROM staff_hours")?;
        let rows = hours.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)? as usize,
                DaySpan { start: r.get(2)?, end: r.get(3)? },
                match (r.get::<_, Option<u32>>(4)?, r.get::<_, Option<u32>>(5)?) {
                    (Some(start), Some(end)) => Some(DaySpan { start, end }),
                    _ => None,
                },
            ))
        })?;
        for row in rows {
            let (id, day, hours, pause) = row?;
            if let Some(s) = staff.iter_mut().find(|s| s.id == id) {
                s.week[day.min(6)] = Some(WorkDay { hours, pause });
            }
        }
        let mut absences = self
            .conn
            .prepare_cached("SELECT id, staff_id, first_day, last_day, reason FROM absences ORDER BY first_day")?;
        let rows = absences.query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get(4)?))
        })?;
        for row in rows {
            let (id, staff_id, first, last, reason) = row?;
            let (Ok(first_day), Ok(last_day)) = (clock::parse_date(&first), clock::parse_date(&last)) else {
                continue;
            };
            if let Some(s) = staff.iter_mut().find(|s| s.id == staff_id) {
                s.absences.push(Absence { id, staff_id, first_day, last_day, reason });
            }
        }
        Ok(staff)
    }

    /// Creates (id 0) or updates a staff member and their weekly hours.
    /// Absences are kept as they are; see `add_absence`.
    pub fn save_staff(&mut self, staff: &Staff) -> Result<i64> {
        let name = staff.name.trim();
        if name.is_empty() {
            return Err(InputError::Required("name").into());
        }
        let tx = super::begin(&mut self.conn)?;
        let id = if staff.id == 0 {
            tx.execute(
                "INSERT INTO staff (name, active, position) VALUES (?1, ?2, (SELECT ifnull(max(position), 0) + 1 FROM staff))",
                params![name, staff.active],
            )?;
            tx.last_insert_rowid()
        } else {
            let n = tx.execute(
                "UPDATE staff SET name = ?2, active = ?3 WHERE id = ?1",
                params![staff.id, name, staff.active],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound);
            }
            staff.id
        };
        tx.execute("DELETE FROM staff_hours WHERE staff_id = ?1", [id])?;
        for (day, work) in staff.week.iter().enumerate() {
            if let Some(w) = work {
                tx.execute(
                    "INSERT INTO staff_hours (staff_id, weekday, starts, ends, pause_starts, pause_ends)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![
                        id,
                        day as i64,
                        w.hours.start,
                        w.hours.end,
                        w.pause.map(|p| p.start),
                        w.pause.map(|p| p.end)
                    ],
                )?;
            }
        }
        tx.commit()?;
        Ok(id)
    }

    /// Adds the absence, unless appointments fall in it and the desk has not
    /// yet seen them (`confirmed`): then they are what it gets, to move.
    pub fn add_absence_checked(&mut self, absence: &Absence, confirmed: bool) -> Result<AbsenceSave> {
        self.atomically(|s| {
            let clashes = s.appointments_in_absence(absence)?;
            if !clashes.is_empty() && !confirmed {
                return Ok(AbsenceSave::Clashes(clashes));
            }
            Ok(AbsenceSave::Added(s.add_absence(absence)?))
        })
    }

    /// The booked (or arrived) appointments of the staff member on its days.
    pub fn appointments_in_absence(&self, absence: &Absence) -> Result<Vec<Appointment>> {
        let tz = self.salon()?.time_zone;
        let (from, _) = clock::day_bounds(tz, absence.first_day);
        let (_, to) = clock::day_bounds(tz, absence.last_day);
        let all = self.appointments_between(from, to)?;
        Ok(all.into_iter().filter(|a| a.staff_id == absence.staff_id && a.state.blocks_time()).collect())
    }

    pub fn add_absence(&mut self, absence: &Absence) -> Result<i64> {
        if absence.last_day < absence.first_day {
            return Err(InputError::EndBeforeStart.into());
        }
        self.conn.execute(
            "INSERT INTO absences (staff_id, first_day, last_day, reason) VALUES (?1, ?2, ?3, ?4)",
            params![
                absence.staff_id,
                absence.first_day.to_string(),
                absence.last_day.to_string(),
                absence.reason.trim()
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn remove_absence(&mut self, id: i64) -> Result<()> {
        self.conn.execute("DELETE FROM absences WHERE id = ?1", [id])?;
        Ok(())
    }

    pub fn services(&self) -> Result<Vec<Service>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name, minutes, price_cents, colour, active FROM services ORDER BY name")?;
        let rows = stmt.query_map([], |r| {
            Ok(Service {
                id: r.get(0)?,
                name: r.get(1)?,
                minutes: r.get(2)?,
                price_cents: r.get(3)?,
                colour: r.get(4)?,
                active: r.get(5)?,
                names: Vec::new(),
            })
        })?;
        let mut services: Vec<Service> = rows.collect::<rusqlite::Result<_>>()?;
        let mut names =
            self.conn.prepare_cached("SELECT service_id, language, name FROM service_names ORDER BY language")?;
        let rows =
            names.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
        for row in rows {
            let (id, code, name) = row?;
            if let (Some(s), Some(lang)) = (services.iter_mut().find(|s| s.id == id), Language::parse(&code)) {
                s.names.push((lang, name));
            }
        }
        Ok(services)
    }

    /// Creates (id 0) or updates a service.
    pub fn save_service(&mut self, service: &Service) -> Result<i64> {
        let name = service.name.trim();
        if name.is_empty() {
            return Err(InputError::Required("name").into());
        }
        if !(5..=720).contains(&service.minutes) {
            return Err(InputError::Duration(service.minutes.to_string()).into());
        }
        if service.price_cents < 0 {
            return Err(InputError::Amount(service.price_cents.to_string()).into());
        }
        let tx = super::begin(&mut self.conn)?;
        let id = if service.id == 0 {
            tx.execute(
                "INSERT INTO services (name, minutes, price_cents, colour, active) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![name, service.minutes, service.price_cents, service.colour, service.active],
            )?;
            tx.last_insert_rowid()
        } else {
            let n = tx.execute(
                "UPDATE services SET name = ?1, minutes = ?2, price_cents = ?3, colour = ?4, active = ?5 WHERE id = ?6",
                params![name, service.minutes, service.price_cents, service.colour, service.active, service.id],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound);
            }
            service.id
        };
        // The names in other languages, as given: an empty one falls back to its own.
        tx.execute("DELETE FROM service_names WHERE service_id = ?1", [id])?;
        for (lang, other) in &service.names {
            if !other.trim().is_empty() && other.trim() != name {
                tx.execute(
                    "INSERT OR REPLACE INTO service_names (service_id, language, name) VALUES (?1, ?2, ?3)",
                    params![id, lang.code(), other.trim()],
                )?;
            }
        }
        tx.commit()?;
        Ok(id)
    }
}
