//! Customer statuses: the list in its order, create/edit, reorder, and
//! delete with a replacement for the customers who have it.

use super::{Result, Store, StoreError};
use crate::domain::{CustomerStatus, Language};
use rusqlite::params;

impl Store {
    /// All statuses in the salon's order, with their bookable services.
    pub fn statuses(&self) -> Result<Vec<CustomerStatus>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, symbol, colour, id = (SELECT status_id FROM initial_status), may_self_book,
                    deposit_required, marketing_by_status, preferred_staff, max_appointments, max_period_days
             FROM customer_statuses ORDER BY position, id",
        )?;
        let mut list: Vec<CustomerStatus> = stmt
            .query_map([], |r| {
                Ok(CustomerStatus {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    symbol: r.get(2)?,
                    colour: r.get(3)?,
                    is_initial: r.get(4)?,
                    may_self_book: r.get(5)?,
                    deposit_required: r.get(6)?,
                    marketing_by_status: r.get(7)?,
                    preferred_staff: r.get(8)?,
                    max_appointments: r.get(9)?,
                    max_period_days: r.get(10)?,
                    bookable_services: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut services = self.conn.prepare_cached("SELECT status_id, service_id FROM customer_status_services")?;
        let rows = services.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (status, service) = row?;
            if let Some(s) = list.iter_mut().find(|s| s.id == status) {
                s.bookable_services.push(service);
            }
        }
        Ok(list)
    }

    /// Creates (id 0) or updates a status. Making it initial takes the mark
    /// from the one that had it; taking the mark away without giving it to
    /// another is refused (exactly one status is initial).
    pub fn save_status(&mut self, status: &CustomerStatus) -> Result<i64> {
        let s = status.clone().validated()?;
        let tx = super::begin(&mut self.conn)?;
        let initial: i64 = tx.query_row("SELECT status_id FROM initial_status", [], |r| r.get(0))?;
        if initial == s.id && !s.is_initial {
            return Err(StoreError::NoInitialStatus);
        }
        let values = params![
            s.name,
            s.symbol,
            s.colour,
            s.may_self_book,
            s.deposit_required,
            s.marketing_by_status,
            s.preferred_staff,
            s.max_appointments,
            s.max_period_days,
            s.id,
        ];
        let id = if s.id == 0 {
            tx.execute(
                "INSERT INTO customer_statuses (name, symbol, colour, may_self_book, deposit_required,
                     marketing_by_status, preferred_staff, max_appointments, max_period_days, position)
                 SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ifnull(max(position), 0) + 1 + 0 * ?10
                 FROM customer_statuses",
                values,
            )?;
            tx.last_insert_rowid()
        } else {
            let n = tx.execute(
                "UPDATE customer_statuses SET name = ?1, symbol = ?2, colour = ?3, may_self_book = ?4,
                     deposit_required = ?5, marketing_by_status = ?6, preferred_staff = ?7,
                     max_appointments = ?8, max_period_days = ?9
                 WHERE id = ?10",
                values,
            )?;
            if n == 0 {
                return Err(StoreError::NotFound);
            }
            s.id
        };
        if s.is_initial {
            tx.execute("UPDATE initial_status SET status_id = ?1", [id])?;
        }
        tx.execute("DELETE FROM customer_status_services WHERE status_id = ?1", [id])?;
        for service in &s.bookable_services {
            tx.execute("INSERT INTO customer_status_services (status_id, service_id) VALUES (?1, ?2)", [id, *service])?;
        }
        tx.commit()?;
        Ok(id)
    }

    /// Moves a status one place up (-1) or down (+1) in the list.
    pub fn move_status(&mut self, id: i64, delta: i32) -> Result<()> {
        let mut order: Vec<i64> = self.statuses()?.into_iter().map(|s| s.id).collect();
        let Some(at) = order.iter().position(|&s| s == id) else { return Err(StoreError::NotFound) };
        let to = (at as i64 + delta as i64).clamp(0, order.len() as i64 - 1) as usize;
        let moved = order.remove(at);
        order.insert(to, moved);
        let tx = super::begin(&mut self.conn)?;
        for (position, id) in order.iter().enumerate() {
            tx.execute("UPDATE customer_statuses SET position = ?1 WHERE id = ?2", params![position as i64 + 1, id])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// How many customers have each status, for the delete dialog.
    pub fn status_in_use(&self, id: i64) -> Result<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM customers WHERE status_id = ?1", [id], |r| r.get(0))?)
    }

    /// Deletes a status, giving its customers `replacement` first; refused
    /// for the initial status (`StoreError::StatusInUse`).
    pub fn delete_status(&mut self, id: i64, replacement: i64) -> Result<()> {
        if id == replacement {
            return Err(StoreError::StatusInUse);
        }
        let tx = super::begin(&mut self.conn)?;
        tx.execute("UPDATE customers SET status_id = ?2 WHERE status_id = ?1", [id, replacement])?;
        tx.execute("UPDATE status_rules SET status_id = ?2 WHERE status_id = ?1", [id, replacement])?;
        tx.execute("DELETE FROM customer_status_services WHERE status_id = ?1", [id])?;
        let n = tx.execute("DELETE FROM customer_statuses WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        tx.commit()?;
        Ok(())
    }

    /// Names the four default statuses in the salon's language, where they
    /// still carry their English default names.
    pub fn name_default_statuses(&mut self, lang: Language) -> Result<()> {
        let names: [&str; 4] = match lang {
            Language::En => ["Regular", "VIP", "Unreliable", "Blocked"],
            Language::De => ["Stammkunde", "VIP", "Unzuverlässig", "Gesperrt"],
            Language::Nl => ["Vaste klant", "VIP", "Onbetrouwbaar", "Geblokkeerd"],
            Language::Nb => ["Fast kunde", "VIP", "Upålitelig", "Sperret"],
        };
        let defaults = ["Regular", "VIP", "Unreliable", "Blocked"];
        for (id, (name, default)) in names.iter().zip(defaults).enumerate() {
            self.conn.execute(
                "UPDATE customer_statuses SET name = ?1 WHERE id = ?2 AND name = ?3",
                params![name, id as i64 + 1, default],
            )?;
        }
        Ok(())
    }

    /// Gives a customer a status.
    pub fn set_customer_status(&mut self, customer_id: i64, status_id: i64) -> Result<()> {
        let n = self.conn.execute("UPDATE customers SET status_id = ?2 WHERE id = ?1", [customer_id, status_id])?;
        if n == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }
}
