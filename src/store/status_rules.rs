//! Automatic status rules, and the history of every status change.

use super::{Result, Store, StoreError, now_unix};
use crate::domain::InputError;
use crate::domain::clock::Instant;
use crate::domain::status_rules::{StatusRule, rule_to_apply};
use chrono::DateTime;
use rusqlite::params;

/// What a rule did, or proposes, after a no-show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleOutcome {
    pub customer_id: i64,
    pub customer: String,
    pub status_id: i64,
    pub status: String,
    pub no_shows: u32,
    pub months: u32,
    /// Given directly; otherwise only suggested to the desk.
    pub assigned: bool,
}

impl RuleOutcome {
    /// The reason recorded in the history: a code the desk shows in words.
    pub fn reason(&self) -> String {
        format!("rule:{}:{}", self.no_shows, self.months)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    pub at: Instant,
    pub from: String,
    pub to: String,
    /// "rule:N:M" (an automatic rule) or "desk" (changed on the card).
    pub reason: String,
    pub by: String,
}

impl Store {
    pub fn status_rules(&self) -> Result<Vec<StatusRule>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, no_shows, months, status_id, assign FROM status_rules ORDER BY no_shows, id")?;
        let rows = stmt.query_map([], |r| {
            Ok(StatusRule {
                id: r.get(0)?,
                no_shows: r.get(1)?,
                months: r.get(2)?,
                status_id: r.get(3)?,
                assign: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Creates (id 0) or updates a rule.
    pub fn save_status_rule(&mut self, rule: &StatusRule) -> Result<i64> {
        if rule.no_shows == 0 || rule.months == 0 {
            return Err(InputError::Required("rule").into());
        }
        if rule.id == 0 {
            self.conn.execute(
                "INSERT INTO status_rules (no_shows, months, status_id, assign) VALUES (?1, ?2, ?3, ?4)",
                params![rule.no_shows, rule.months, rule.status_id, rule.assign],
            )?;
            Ok(self.conn.last_insert_rowid())
        } else {
            let n = self.conn.execute(
                "UPDATE status_rules SET no_shows = ?1, months = ?2, status_id = ?3, assign = ?4 WHERE id = ?5",
                params![rule.no_shows, rule.months, rule.status_id, rule.assign, rule.id],
            )?;
            if n == 0 { Err(StoreError::NotFound) } else { Ok(rule.id) }
        }
    }

    pub fn delete_status_rule(&mut self, id: i64) -> Result<()> {
        self.conn.execute("DELETE FROM status_rules WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Gives a customer a status and records why (`reason`: "desk", "rule:N:M").
    pub fn assign_status(&mut self, customer_id: i64, status_id: i64, reason: &str) -> Result<()> {
        let tx = super::begin(&mut self.conn)?;
        let name = |id: Option<i64>| -> rusqlite::Result<String> {
            tx.query_row("SELECT ifnull((SELECT name FROM customer_statuses WHERE id = ?1), '')", [id], |r| r.get(0))
        };
        let from: Option<i64> =
            tx.query_row("SELECT status_id FROM customers WHERE id = ?1", [customer_id], |r| r.get(0))?;
        if from == Some(status_id) {
            return Ok(());
        }
        let (from_name, to_name) = (name(from)?, name(Some(status_id))?);
        tx.execute("UPDATE customers SET status_id = ?2 WHERE id = ?1", [customer_id, status_id])?;
        tx.execute(
            "INSERT INTO customer_status_history (customer_id, at, from_status, to_status, reason, changed_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![customer_id, now_unix(), from_name, to_name, reason, self.actor],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn status_history(&self, customer_id: i64) -> Result<Vec<StatusChange>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, from_status, to_status, reason, changed_by FROM customer_status_history
             WHERE customer_id = ?1 ORDER BY at DESC, id DESC",
        )?;
        let rows = stmt.query_map([customer_id], |r| {
            Ok(StatusChange {
                at: DateTime::from_timestamp(r.get(0)?, 0).unwrap_or_default(),
                from: r.get(1)?,
                to: r.get(2)?,
                reason: r.get(3)?,
                by: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// After a no-show: does a rule now give (or suggest) a status?
    pub fn check_status_rules(&mut self, customer_id: i64, now: Instant) -> Result<Option<RuleOutcome>> {
        let rules = self.status_rules()?;
        if rules.is_empty() {
            return Ok(None);
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT starts_at FROM appointments WHERE customer_id = ?1 AND state = 'no_show'")?;
        let no_shows: Vec<Instant> = stmt
            .query_map([customer_id], |r| Ok(DateTime::from_timestamp(r.get(0)?, 0).unwrap_or_default()))?
            .collect::<rusqlite::Result<_>>()?;
        drop(stmt);
        let customer = self.customer(customer_id)?;
        let Some(rule) = rule_to_apply(&rules, &no_shows, now, customer.status_id).cloned() else { return Ok(None) };
        let status = self.statuses()?.into_iter().find(|s| s.id == rule.status_id).ok_or(StoreError::NotFound)?;
        let outcome = RuleOutcome {
            customer_id,
            customer: customer.full_name(),
            status_id: status.id,
            status: status.name,
            no_shows: rule.no_shows,
            months: rule.months,
            assigned: rule.assign,
        };
        if rule.assign {
            self.assign_status(customer_id, outcome.status_id, &outcome.reason())?;
        }
        Ok(Some(outcome))
    }
}
