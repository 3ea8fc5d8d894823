//! The kiosk's staff PIN: stored as a salted slow hash (argon2id), checked
//! with every try written down, so that the wait after wrong tries survives
//! a restart of the kiosk and the desk sees them.

use super::{Result, Store, StoreError, config, instant};
use crate::domain::InputError;
use crate::domain::clock::Instant;
use crate::domain::pin::wait_after;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rusqlite::{Connection, params};

/// What the kiosk hears back after a PIN was typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinAnswer {
    Right,
    /// Wrong; the next try is taken from `next_try` on.
    Wrong {
        next_try: Instant,
    },
    /// Too soon after wrong tries: not even looked at.
    Wait {
        until: Instant,
    },
    /// No PIN is set: the kiosk cannot be left this way (nor started).
    NotSet,
}

/// The wrong PINs since the last right one, for the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PinTries {
    pub wrong_in_a_row: u32,
    pub last_wrong: Option<Instant>,
}

/// The stored form of a PIN; a new salt every time.
pub(crate) fn hash_pin(pin: &str) -> Result<String> {
    let salt = SaltString::encode_b64(&rand::random::<[u8; 16]>())
        .map_err(|e| StoreError::Invalid(InputError::Number(e.to_string())))?;
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| StoreError::Invalid(InputError::Number(e.to_string())))
}

fn stored_hash(conn: &Connection) -> Result<Option<String>> {
    let stored = config::read(conn, "kiosk.pin")?;
    Ok(stored.starts_with("$argon2").then_some(stored))
}

fn tries(conn: &Connection) -> Result<PinTries> {
    let (wrong, last): (u32, Option<i64>) = conn.query_row(
        "SELECT count(*), max(at) FROM kiosk_pin_tries
         WHERE correct = 0 AND id > ifnull((SELECT max(id) FROM kiosk_pin_tries WHERE correct = 1), 0)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(PinTries { wrong_in_a_row: wrong, last_wrong: last.map(instant) })
}

impl Store {
    /// Whether the kiosk has a PIN (it does not start without one).
    pub fn kiosk_pin_set(&self) -> Result<bool> {
        Ok(stored_hash(&self.conn)?.is_some())
    }

    pub fn kiosk_pin_tries(&self) -> Result<PinTries> {
        tries(&self.conn)
    }

    /// Checks a PIN typed at the kiosk at `now`; every try that is looked at
    /// is written down, one typed during the wait is not even looked at.
    pub fn try_kiosk_pin(&mut self, typed: &str, now: Instant) -> Result<PinAnswer> {
        let Some(hash) = stored_hash(&self.conn)? else { return Ok(PinAnswer::NotSet) };
        let before = tries(&self.conn)?;
        if let Some(last) = before.last_wrong {
            let until = last + wait_after(before.wrong_in_a_row);
            if now < until {
                return Ok(PinAnswer::Wait { until });
            }
        }
        let parsed = PasswordHash::new(&hash).map_err(|e| StoreError::Damaged(e.to_string()))?;
        let right = Argon2::default().verify_password(typed.as_bytes(), &parsed).is_ok();
        self.conn
            .execute("INSERT INTO kiosk_pin_tries (at, correct) VALUES (?1, ?2)", params![now.timestamp(), right])?;
        tracing::info!(right, wrong_before = before.wrong_in_a_row, "kiosk PIN tried");
        Ok(if right {
            PinAnswer::Right
        } else {
            PinAnswer::Wrong { next_try: now + wait_after(before.wrong_in_a_row + 1) }
        })
    }
}
