//! What the reports read: the no-shows of a period with everything the
//! register knows about them.

use super::{Result, Store};
use crate::domain::clock;
use crate::domain::no_show_report::{NoShowLine, NoShowReport, summarise};
use chrono::{DateTime, NaiveDate, Weekday};
use chrono_tz::Tz;
use rusqlite::params;

impl Store {
    /// The no-shows between two local dates (both included).
    pub fn no_show_lines(&self, tz: Tz, from: NaiveDate, to: NaiveDate) -> Result<Vec<NoShowLine>> {
        let start = clock::day_bounds(tz, from).0;
        let end = clock::day_bounds(tz, to.max(from)).1;
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.starts_at, a.customer_id,
                    CASE WHEN a.customer_id IS NULL THEN a.walk_in_name ELSE trim(c.first_name || ' ' || c.last_name) END,
                    a.staff_id, st.name, a.service_id, sv.name, a.price_cents, a.reason,
                    a.customer_id IS NOT NULL AND EXISTS (
                        SELECT 1 FROM appointments p WHERE p.customer_id = a.customer_id
                        AND p.state = 'no_show' AND p.starts_at < a.starts_at),
                    a.reached, f.amount_cents, f.paid_at IS NOT NULL, a.deposit_cents
             FROM appointments a
             JOIN staff st ON st.id = a.staff_id
             JOIN services sv ON sv.id = a.service_id
             LEFT JOIN customers c ON c.id = a.customer_id
             LEFT JOIN no_show_fees f ON f.appointment_id = a.id
             WHERE a.state = 'no_show' AND a.starts_at >= ?1 AND a.starts_at < ?2
             ORDER BY a.starts_at",
        )?;
        let rows = stmt.query_map(params![start.timestamp(), end.timestamp()], |r| {
            Ok(NoShowLine {
                appointment_id: r.get(0)?,
                start: DateTime::from_timestamp(r.get(1)?, 0).unwrap_or_default(),
                customer_id: r.get(2)?,
                customer: r.get(3)?,
                staff_id: r.get(4)?,
                staff: r.get(5)?,
                service_id: r.get(6)?,
                service: r.get(7)?,
                price_cents: r.get(8)?,
                reason: r.get(9)?,
                repeated: r.get(10)?,
                reached: r.get(11)?,
                fee_cents: r.get(12)?,
                fee_paid: r.get::<_, Option<bool>>(13)?.unwrap_or(false),
                deposit_cents: r.get(14)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn no_show_report(
        &self,
        tz: Tz,
        from: NaiveDate,
        to: NaiveDate,
        first_weekday: Weekday,
    ) -> Result<NoShowReport> {
        Ok(summarise(from, to, tz, first_weekday, self.no_show_lines(tz, from, to)?))
    }
}
