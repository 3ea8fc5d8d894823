//! What messages say and when they go: the salon's texts (or the shipped
//! defaults), reminder rules, sending settings, the per-customer opt-out.

use super::config;
use super::outbox::{rules_in, text_in};
use super::{Result, Store, StoreError};
use crate::domain::reminder::{ReminderRule, When};
use crate::domain::{InputError, Language};
use crate::message::config::{KEYS, key as known_key};
use crate::message::defaults::{Channel, Kind, Text};
use rusqlite::params;

impl Store {
    pub fn message_text(&self, lang: Language, kind: Kind, channel: Channel) -> Result<Text> {
        text_in(&self.conn, lang, kind, channel)
    }

    /// Saves the salon's own text; an unknown placeholder is refused.
    pub fn set_message_text(&mut self, lang: Language, kind: Kind, channel: Channel, text: &Text) -> Result<()> {
        text.check().map_err(|e| e.to_input_error())?;
        if text.body.trim().is_empty() {
            return Err(InputError::Required("text").into());
        }
        // The text and the messages planned with it change together, or neither.
        self.atomically(|s| {
            s.conn.execute(
                "INSERT OR REPLACE INTO message_texts (language, kind, channel, subject, body) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![lang.code(), kind.as_str(), channel.as_str(), text.subject.as_deref().unwrap_or(""), text.body],
            )?;
            s.resync_upcoming()
        })
    }

    /// Back to the shipped default.
    pub fn reset_message_text(&mut self, lang: Language, kind: Kind, channel: Channel) -> Result<()> {
        self.atomically(|s| {
            s.conn.execute(
                "DELETE FROM message_texts WHERE language = ?1 AND kind = ?2 AND channel = ?3",
                params![lang.code(), kind.as_str(), channel.as_str()],
            )?;
            s.resync_upcoming()
        })
    }

    pub fn reminder_rules(&self) -> Result<Vec<ReminderRule>> {
        rules_in(&self.conn)
    }

    /// Adds (id 0) or changes a reminder rule; returns its id.
    pub fn save_reminder_rule(&mut self, rule: &ReminderRule) -> Result<i64> {
        let (days, at, before) = match rule.when {
            When::DaysBefore { days, at_minute } => (Some(days), Some(at_minute), None),
            When::MinutesBefore(m) => (None, None, Some(m)),
        };
        self.atomically(|s| {
            s.conn.execute(
                "INSERT INTO reminder_rules (id, channel, days_before, at_minute, minutes_before, active)
                 VALUES (nullif(?1, 0), ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT(id) DO UPDATE SET channel = ?2, days_before = ?3, at_minute = ?4, minutes_before = ?5,
                     active = ?6",
                params![rule.id, rule.channel.as_str(), days, at, before, rule.active],
            )?;
            let id = if rule.id == 0 { s.conn.last_insert_rowid() } else { rule.id };
            // Planned reminders follow the rule: on, off, or at its new time.
            s.resync_upcoming()?;
            Ok(id)
        })
    }

    pub fn delete_reminder_rule(&mut self, id: i64) -> Result<()> {
        self.atomically(|s| {
            s.conn.execute("DELETE FROM reminder_rules WHERE id = ?1", [id])?;
            s.resync_upcoming()
        })
    }

    /// A sending setting (or its default).
    pub fn config(&self, key: &str) -> Result<String> {
        if known_key(key).is_none() && !key.starts_with("reminder.") {
            return Err(StoreError::Invalid(InputError::Choice("key", "salondesk config list".into())));
        }
        if let Some(id) = key.strip_prefix("reminder.") {
            let rules = self.reminder_rules()?;
            let rule = rules.iter().find(|r| r.id.to_string() == id).ok_or(StoreError::NotFound)?;
            return Ok(rule_config(rule));
        }
        self.read_config(key)
    }

    /// A known key's value, unsealed. A secret that cannot be unsealed (the
    /// database was copied without its key file) reads as not set: the salon
    /// enters it again.
    fn read_config(&self, key: &str) -> Result<String> {
        let stored = config::read(&self.conn, key)?;
        Ok(super::secrets::unseal(self.path(), &stored).unwrap_or_else(|why| {
            tracing::warn!(key, ?why, "a stored secret cannot be read; enter it again in Settings");
            String::new()
        }))
    }

    /// Every setting's value (unmasked, for the forms that edit them), in the
    /// order of `KEYS`.
    pub fn config_values(&self) -> Result<Vec<String>> {
        KEYS.iter().map(|k| self.read_config(k.name)).collect()
    }

    fn seal(&self, plain: &str) -> Result<String> {
        let key = super::secrets::key_path(self.path());
        super::secrets::seal(self.path(), plain).map_err(|e| StoreError::io(&key, e))
    }

    /// Seals secrets stored in plain text by an earlier version (the desk
    /// does this when it starts; commands that only read never do).
    pub fn seal_stored_secrets(&mut self) -> Result<()> {
        for key in KEYS.iter().filter(|k| k.sealed()) {
            let stored = config::read(&self.conn, key.name)?;
            if !stored.is_empty() && !super::secrets::is_sealed(&stored) {
                let sealed = self.seal(&stored)?;
                self.set_setting(key.name, &sealed)?;
            }
        }
        Ok(())
    }

    /// Every setting with its value; secrets shown as "••••" when set.
    pub fn config_list(&self) -> Result<Vec<(String, String)>> {
        let mut list = Vec::new();
        for key in KEYS {
            let value = self.read_config(key.name)?;
            list.push((key.name.to_string(), key.shown(&value)));
        }
        for rule in self.reminder_rules()? {
            list.push((format!("reminder.{}", rule.id), rule_config(&rule)));
        }
        Ok(list)
    }

    /// Stores a checked setting; `reminder.N` takes "email 1d@07:00 on",
    /// "sms 2h off" or "delete" (`reminder.new` adds one).
    pub fn set_config(&mut self, key: &str, value: &str) -> Result<()> {
        if let Some(id) = key.strip_prefix("reminder.") {
            return self.set_rule_config(id, value);
        }
        let k = known_key(key)
            .ok_or_else(|| StoreError::Invalid(InputError::Choice("key", "salondesk config list".into())))?;
        let mut value = k.check(value)?;
        // The kiosk's PIN is kept only as a salted slow hash.
        if key == "kiosk.pin" && !value.is_empty() {
            value = super::kiosk_pin::hash_pin(&value)?;
        }
        let changed = self.config(key)? != value;
        if k.sealed() {
            value = self.seal(&value)?;
        }
        // The setting and the messages planned with it change together: a
        // kill or a full disk in between leaves the old setting, and its plan.
        self.atomically(|s| {
            s.set_setting(key, &value)?;
            // What the planned messages say or when they go may have changed.
            if changed && (key.starts_with("messages.") || key == "sms.quiet_hours") {
                s.resync_upcoming()?;
            }
            Ok(())
        })
    }

    fn set_rule_config(&mut self, id: &str, value: &str) -> Result<()> {
        let id: i64 = if id == "new" { 0 } else { id.parse().map_err(|_| InputError::Number(id.to_string()))? };
        if value.trim() == "delete" {
            return self.delete_reminder_rule(id);
        }
        let parts: Vec<&str> = value.split_whitespace().collect();
        let bad = || InputError::Choice("reminder", "\"email 1d@07:00 on\", \"sms 2h on\", \"delete\"".into());
        let [channel, when, state] = parts.as_slice() else { return Err(bad().into()) };
        let channel = Channel::parse(&channel.to_lowercase()).ok_or_else(bad)?;
        let active = match *state {
            "on" => true,
            "off" => false,
            _ => return Err(bad().into()),
        };
        self.save_reminder_rule(&ReminderRule { id, channel, when: When::parse(when)?, active })?;
        Ok(())
    }

    pub fn reminders_off(&self, customer_id: i64) -> Result<bool> {
        Ok(self.conn.query_row("SELECT reminders_off FROM customers WHERE id = ?1", [customer_id], |r| r.get(0))?)
    }

    /// The customer's wish for no reminders; planned ones are dropped.
    pub fn set_reminders_off(&mut self, customer_id: i64, off: bool) -> Result<()> {
        let now = self.now();
        let tx = super::begin(&mut self.conn)?;
        tx.execute("UPDATE customers SET reminders_off = ?2 WHERE id = ?1", params![customer_id, off])?;
        let upcoming: Vec<i64> = tx
            .prepare("SELECT id FROM appointments WHERE customer_id = ?1 AND starts_at > ?2 AND state = 'booked'")?
            .query_map(params![customer_id, now.timestamp()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in upcoming {
            super::outbox::sync_messages(&tx, id, now)?;
        }
        tx.commit()?;
        Ok(())
    }
}

fn rule_config(rule: &ReminderRule) -> String {
    format!("{} {} {}", rule.channel.as_str(), rule.when.as_config(), if rule.active { "on" } else { "off" })
}
