//! The salon's settings (key → value): the one place that reads and writes
//! the `settings` table. A key the program knows has a default
//! (`message::config::KEYS`); what a key may hold is checked where it is set
//! (`Store::set_config`).

use super::{Result, Store};
use crate::domain::call::{DEFAULT_TEMPLATE, check_template};
use crate::message::config;
use rusqlite::{Connection, OptionalExtension, params};

/// A setting's value, or its default when the salon never set it.
pub(crate) fn read(conn: &Connection, key: &str) -> Result<String> {
    let stored: Option<String> =
        conn.prepare_cached("SELECT value FROM settings WHERE key = ?1")?.query_row([key], |r| r.get(0)).optional()?;
    Ok(stored.or_else(|| config::key(key).map(|k| k.default.to_string())).unwrap_or_default())
}

/// Stores a value as it is (checked by the caller).
pub(crate) fn write(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2",
        params![key, value],
    )?;
    Ok(())
}

impl Store {
    /// Stores a value unchecked: for the demo generator's own settings.
    pub(crate) fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        write(&self.conn, key, value)
    }

    /// How the call link calls: "tel:{number}" unless the salon set its own.
    pub fn call_template(&self) -> Result<String> {
        let stored: Option<String> = self
            .conn
            .query_row("SELECT value FROM settings WHERE key = 'call.template'", [], |r| r.get(0))
            .optional()?;
        Ok(stored.unwrap_or_else(|| DEFAULT_TEMPLATE.to_string()))
    }

    pub fn set_call_template(&mut self, template: &str) -> Result<()> {
        check_template(template)?;
        write(&self.conn, "call.template", template.trim())
    }
}
