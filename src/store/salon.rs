//! The salon's settings and opening hours.

use super::{Result, Store};
use crate::domain::schedule::{DaySpan, OpeningHours};
use crate::domain::{InputError, Language, clock};
use chrono_tz::Tz;
use rusqlite::{OptionalExtension, params};

#[derive(Debug, Clone, PartialEq)]
pub struct Salon {
    pub name: String,
    pub address: String,
    pub time_zone: Tz,
    /// ISO 4217 code, e.g. "EUR", "NOK".
    pub currency: String,
    pub language: Language,
    pub opening: OpeningHours,
    /// Made by `salondesk demo`: the desk says so and offers to start empty.
    pub is_demo: bool,
    /// A zone name in the file that this build does not know (edited by hand,
    /// or from a newer time zone database); `time_zone` is then UTC.
    pub unknown_zone: Option<String>,
}

impl Default for Salon {
    fn default() -> Self {
        let mut opening = OpeningHours::default();
        for day in 0..6 {
            opening.0[day] = Some(DaySpan { start: 9 * 60, end: 18 * 60 });
        }
        Salon {
            name: "My salon".into(),
            address: String::new(),
            time_zone: chrono_tz::Europe::Berlin,
            currency: "EUR".into(),
            language: Language::En,
            opening,
            is_demo: false,
            unknown_zone: None,
        }
    }
}

impl Salon {
    pub fn validated(mut self) -> std::result::Result<Salon, InputError> {
        self.name = self.name.trim().to_string();
        self.currency = self.currency.trim().to_ascii_uppercase();
        if self.name.is_empty() {
            return Err(InputError::Required("name"));
        }
        if self.currency.len() != 3 || !self.currency.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(InputError::Required("currency"));
        }
        Ok(self)
    }
}

impl Store {
    /// The salon's settings; a fresh file gets the defaults written.
    pub fn salon(&self) -> Result<Salon> {
        let row = self
            .conn
            .query_row(
                "SELECT name, address, time_zone, currency, language, is_demo FROM salon WHERE id = 1",
                [],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, bool>(5)?,
                    ))
                },
            )
            .optional()?;
        let Some((name, address, zone, currency, language, is_demo)) = row else {
            return Ok(Salon::default());
        };
        let mut opening = OpeningHours::default();
        let mut stmt = self.conn.prepare_cached("SELECT weekday, opens, closes FROM opening_hours")?;
        let rows =
            stmt.query_map([], |r| Ok((r.get::<_, i64>(0)? as usize, r.get::<_, u32>(1)?, r.get::<_, u32>(2)?)))?;
        for row in rows {
            let (day, start, end) = row?;
            if day < 7 {
                opening.0[day] = Some(DaySpan { start, end });
            }
        }
        // A zone this build does not know falls back to UTC rather than locking
        // the salon out; the desk says so, and Settings fixes it.
        let parsed = clock::parse_zone(&zone);
        Ok(Salon {
            name,
            address,
            time_zone: parsed.clone().unwrap_or(chrono_tz::UTC),
            unknown_zone: parsed.err().map(|_| zone),
            currency,
            language: Language::parse(&language).unwrap_or_default(),
            opening,
            is_demo,
        })
    }

    pub fn save_salon(&mut self, salon: &Salon) -> Result<()> {
        let salon = salon.clone().validated()?;
        let first_time = !self.is_set_up()?;
        let tx = super::begin(&mut self.conn)?;
        tx.execute(
            "INSERT INTO salon (id, name, address, time_zone, currency, language, is_demo)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT(id) DO UPDATE SET name = ?1, address = ?2, time_zone = ?3,
                 currency = ?4, language = ?5, is_demo = ?6",
            params![
                salon.name,
                salon.address.trim(),
                salon.time_zone.name(),
                salon.currency,
                salon.language.code(),
                salon.is_demo
            ],
        )?;
        tx.execute("DELETE FROM opening_hours", [])?;
        for (day, span) in salon.opening.0.iter().enumerate() {
            if let Some(s) = span {
                tx.execute(
                    "INSERT INTO opening_hours (weekday, opens, closes) VALUES (?1, ?2, ?3)",
                    params![day as i64, s.start, s.end],
                )?;
            }
        }
        tx.commit()?;
        if first_time {
            self.name_default_statuses(salon.language)?;
        }
        Ok(())
    }

    /// Whether the salon has been set up at all (a brand-new file has not).
    pub fn is_set_up(&self) -> Result<bool> {
        Ok(self.conn.query_row("SELECT count(*) FROM salon", [], |r| r.get::<_, i64>(0))? > 0)
    }

    /// Empties the demo salon so the salon can start with its own data:
    /// keeps the settings (renamed, no longer marked demo), removes the rest.
    pub fn start_empty(&mut self) -> Result<()> {
        let emptying = self.emptying.clone();
        emptying.store(true, std::sync::atomic::Ordering::SeqCst);
        let emptied = self.empty_all();
        emptying.store(false, std::sync::atomic::Ordering::SeqCst);
        emptied
    }

    fn empty_all(&mut self) -> Result<()> {
        let tx = super::begin(&mut self.conn)?;
        tx.execute_batch(
            "DELETE FROM referral_rewards;
             DELETE FROM points;
             DELETE FROM checkout_payments;
             DELETE FROM checkout_lines;
             DELETE FROM vouchers;
             DELETE FROM checkouts;
             DELETE FROM products;
             DELETE FROM outbox;
             DELETE FROM terms_acceptances;
             DELETE FROM kiosk_codes;
             DELETE FROM kiosk_refusals;
             DELETE FROM no_show_fees;
             DELETE FROM appointment_history;
             DELETE FROM appointments;
             DELETE FROM customer_phone_keys;
             DELETE FROM customer_status_history;
             DELETE FROM documents;
             DELETE FROM customers;
             DELETE FROM absences;
             DELETE FROM staff_hours;
             DELETE FROM staff;
             DELETE FROM services;
             UPDATE salon SET is_demo = 0, name = 'My salon', address = '';",
        )?;
        tx.commit()?;
        Ok(())
    }
}

impl Store {
    /// The salon's settings and the call link, saved together.
    pub fn save_salon_settings(&mut self, salon: &Salon, call_template: &str) -> Result<()> {
        self.atomically(|s| {
            s.save_salon(salon)?;
            s.set_call_template(call_template)
        })
    }
}
