//! Checkout records: written whole in one transaction (numbered, lines,
//! payments, closed), corrected only by a reversal, and the discount report
//! that shows what the salon gave away — no-show receipts first among it.

use super::{Features, Result, Store, StoreError, instant};
use crate::domain::bonus;
use crate::domain::checkout::{self, Draft, Line, LineKind, Method, Payment, Rate};
use crate::domain::clock::{self, Instant};
use crate::domain::voucher;
use crate::domain::{AppointmentState, phone};
use chrono::{Datelike, Duration, NaiveDate};
use chrono_tz::Tz;
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    Sale,
    NoShow,
    Reversal,
}

impl RecordKind {
    fn as_str(self) -> &'static str {
        match self {
            RecordKind::Sale => "sale",
            RecordKind::NoShow => "no_show",
            RecordKind::Reversal => "reversal",
        }
    }

    fn parse(s: &str) -> RecordKind {
        match s {
            "no_show" => RecordKind::NoShow,
            "reversal" => RecordKind::Reversal,
            _ => RecordKind::Sale,
        }
    }
}

/// A closed checkout record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub id: i64,
    pub number: i64,
    pub kind: RecordKind,
    pub reverses: Option<i64>,
    pub created_at: Instant,
    pub draft: Draft,
}

/// What was given away in a period (the discount report).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiscountReport {
    pub total_cents: i64,
    /// (reason, cents, lines), largest first; the same for the others.
    pub by_reason: Vec<(String, i64, u32)>,
    pub by_staff: Vec<(String, i64, u32)>,
    pub by_service: Vec<(String, i64, u32)>,
    pub by_customer: Vec<(String, i64, u32)>,
    /// No-show receipts of the period: a customer's first, and repeated ones.
    pub no_show_first: u32,
    pub no_show_repeated: u32,
    /// The Monday of each week and what was given away in it, in order.
    pub by_week: Vec<(NaiveDate, i64)>,
}

impl Store {
    /// Records a checkout (a sale); one of an appointment completes it. A
    /// voucher line sells a new voucher, a customer's record earns (and may
    /// redeem) bonus points, and a referred customer's first paid visit
    /// rewards whoever sent them — all in the record's one transaction.
    pub fn record_checkout(&mut self, draft: &Draft) -> Result<Record> {
        let features = self.features()?;
        let id = self.record_checkout_at(draft, self.now().timestamp(), &features)?;
        self.checkout(id)
    }

    /// The same, dated `at`, with the salon's parts as read once (the demo
    /// salon's ten years of history); the record's id.
    pub(crate) fn record_checkout_at(&mut self, draft: &Draft, at: i64, features: &Features) -> Result<i64> {
        let draft = draft.clone().checked()?;
        self.atomically(|s| {
            let id = write(&s.conn, RecordKind::Sale, &draft, None, s.actor(), at)?;
            if let Some(appointment) = draft.appointment_id {
                let state = s.appointment(appointment)?.state;
                if matches!(state, AppointmentState::Booked | AppointmentState::Arrived) {
                    s.set_state(appointment, AppointmentState::Completed, "checked out")?;
                }
            }
            if let (Some(customer), Some(rules)) = (draft.customer_id, features.bonus) {
                add_points(&s.conn, customer, id, -draft.reward_points, "redeemed", at)?;
                add_points(&s.conn, customer, id, bonus::earned(&draft, &rules), "earned", at)?;
                if features.referral && draft.goods() > 0 {
                    reward_referrer(&s.conn, customer, id, &rules, at)?;
                }
            } else if draft.reward_points != 0 {
                return Err(StoreError::PointsShort);
            }
            Ok(id)
        })
    }

    /// Corrects a record by its reversal (the record itself stays as it was):
    /// the vouchers it sold are void, those it used get back what they paid,
    /// and its points go back as far as the balance allows.
    pub fn reverse_checkout(&mut self, id: i64) -> Result<Record> {
        let original = self.checkout(id)?;
        if original.kind == RecordKind::Reversal {
            return Err(StoreError::Invalid(crate::domain::InputError::Choice(
                "record",
                "a sale or a no-show receipt".into(),
            )));
        }
        let reversal = original.draft.reversal();
        let new = self.atomically(|s| {
            let at = s.now().timestamp();
            let used: i64 = s.conn.query_row(
                "SELECT count(*) FROM vouchers v JOIN checkout_payments p ON p.voucher_id = v.id WHERE v.checkout_id = ?1",
                [id],
                |r| r.get(0),
            )?;
            if used > 0 {
                // A voucher that already paid for something cannot be unsold.
                return Err(StoreError::VoucherNotCovered);
            }
            s.conn.execute("UPDATE vouchers SET void = 1 WHERE checkout_id = ?1", [id])?;
            let new = write(&s.conn, RecordKind::Reversal, &reversal, Some(id), s.actor(), at)?;
            take_back_points(&s.conn, id, new, at)?;
            Ok(new)
        })?;
        self.checkout(new)
    }

    /// The no-show receipt of a no-show, with one click: the service at its
    /// price and a 100 % no-show discount, the deposit kept and a fee
    /// recorded for it as what was earned — on the customer's card.
    pub fn no_show_receipt(&mut self, appointment_id: i64) -> Result<Record> {
        self.no_show_receipt_at(appointment_id, self.now().timestamp())
    }

    /// The same, dated `at` (the demo salon's history).
    pub(crate) fn no_show_receipt_at(&mut self, appointment_id: i64, at: i64) -> Result<Record> {
        let a = self.appointment(appointment_id)?;
        if a.state != AppointmentState::NoShow {
            return Err(StoreError::Invalid(crate::domain::InputError::Choice("state", "no-show".into())));
        }
        let fee: i64 = self
            .conn
            .query_row("SELECT amount_cents FROM no_show_fees WHERE appointment_id = ?1", [appointment_id], |r| {
                r.get(0)
            })
            .optional()?
            .unwrap_or(0);
        let service = Line::service(a.service_id, a.service_name.clone(), a.price_cents, self.vat_rate(a.service_id)?);
        let mut draft = checkout::no_show_receipt(service, a.deposit_cents, fee);
        draft.appointment_id = Some(a.id);
        draft.customer_id = a.customer_id;
        draft.staff_id = Some(a.staff_id);
        let draft = draft.checked()?;
        let id = self.atomically(|s| write(&s.conn, RecordKind::NoShow, &draft, None, s.actor(), at))?;
        self.checkout(id)
    }

    /// A service's VAT rate: its own, or the salon's country's standard rate.
    pub fn vat_rate(&self, service_id: i64) -> Result<Rate> {
        let own: Option<u32> =
            self.conn.query_row("SELECT vat_rate FROM services WHERE id = ?1", [service_id], |r| r.get(0))?;
        match own {
            Some(rate) => Ok(rate),
            None => self.standard_rate(),
        }
    }

    /// The sale record of an appointment that stands (not reversed): its number.
    pub fn sale_of(&self, appointment_id: i64) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT c.number FROM checkouts c WHERE c.appointment_id = ?1 AND c.kind = 'sale' AND c.closed = 1
                   AND NOT EXISTS (SELECT 1 FROM checkouts r WHERE r.reverses = c.id)
                 ORDER BY c.number DESC LIMIT 1",
                [appointment_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The salon's country's standard VAT rate (prices include it).
    pub fn standard_rate(&self) -> Result<Rate> {
        let (zone, lang): (String, String) =
            self.conn
                .query_row("SELECT time_zone, language FROM salon WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let country = phone::default_country(&zone, crate::domain::Language::parse(&lang).unwrap_or_default());
        Ok(checkout::standard_rate(country))
    }

    /// The record with `number` (as printed on it).
    pub fn checkout_numbered(&self, number: i64) -> Result<Record> {
        let id: i64 = self
            .conn
            .query_row("SELECT id FROM checkouts WHERE number = ?1 AND closed = 1", [number], |r| r.get(0))
            .optional()?
            .ok_or(StoreError::NotFound)?;
        self.checkout(id)
    }

    pub fn checkout(&self, id: i64) -> Result<Record> {
        let mut record = self.conn.query_row(
            "SELECT number, kind, appointment_id, customer_id, staff_id, reverses, created_at, till_receipt,
                    ifnull((SELECT -sum(points) FROM points WHERE checkout_id = ?1 AND why = 'redeemed'), 0)
             FROM checkouts WHERE id = ?1 AND closed = 1",
            [id],
            |r| {
                Ok(Record {
                    id,
                    number: r.get(0)?,
                    kind: RecordKind::parse(&r.get::<_, String>(1)?),
                    reverses: r.get(5)?,
                    created_at: instant(r.get(6)?),
                    draft: Draft {
                        appointment_id: r.get(2)?,
                        customer_id: r.get(3)?,
                        staff_id: r.get(4)?,
                        till_receipt: r.get(7)?,
                        reward_points: r.get(8)?,
                        ..Draft::default()
                    },
                })
            },
        )?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT kind, service_id, description, quantity, unit_cents, discount_cents, discount_reason, vat_rate,
                    product_id, voucher_id
             FROM checkout_lines WHERE checkout_id = ?1 ORDER BY position",
        )?;
        record.draft.lines = stmt
            .query_map([id], |r| {
                Ok(Line {
                    kind: LineKind::parse(&r.get::<_, String>(0)?).unwrap_or(LineKind::Product),
                    service_id: r.get(1)?,
                    product_id: r.get(8)?,
                    voucher_id: r.get(9)?,
                    description: r.get(2)?,
                    quantity: r.get(3)?,
                    unit_cents: r.get(4)?,
                    discount_cents: r.get(5)?,
                    discount_reason: r.get(6)?,
                    rate: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT method, amount_cents, voucher_id FROM checkout_payments WHERE checkout_id = ?1 ORDER BY position",
        )?;
        record.draft.payments = stmt
            .query_map([id], |r| {
                Ok(Payment {
                    method: Method::parse(&r.get::<_, String>(0)?).unwrap_or(Method::Other),
                    cents: r.get(1)?,
                    voucher_id: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(record)
    }

    /// The no-show receipts on a customer's card that stand: (appointment, record number).
    pub fn no_show_receipts_of(&self, customer_id: i64) -> Result<Vec<(i64, i64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.appointment_id, c.number FROM checkouts c WHERE c.customer_id = ?1 AND c.kind = 'no_show'
               AND c.closed = 1 AND NOT EXISTS (SELECT 1 FROM checkouts r WHERE r.reverses = c.id)",
        )?;
        let rows = stmt.query_map([customer_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every record written from `from` to `to` (salon's days, both
    /// included), in number order: the accountant's export.
    pub fn records_between(&self, tz: Tz, from: NaiveDate, to: NaiveDate) -> Result<Vec<Record>> {
        let start = clock::local_to_utc(tz, from, 0).timestamp();
        let end = clock::local_to_utc(tz, to + Duration::days(1), 0).timestamp();
        let ids: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT id FROM checkouts WHERE closed = 1 AND created_at >= ?1 AND created_at < ?2 ORDER BY number",
            )?
            .query_map(params![start, end], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| self.checkout(id)).collect()
    }

    /// A customer's records, newest first (the card).
    pub fn checkouts_of(&self, customer_id: i64) -> Result<Vec<Record>> {
        let ids: Vec<i64> = self
            .conn
            .prepare_cached("SELECT id FROM checkouts WHERE customer_id = ?1 AND closed = 1 ORDER BY number DESC")?
            .query_map([customer_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| self.checkout(id)).collect()
    }

    /// What was given away from `from` to `to` (both included, salon's days).
    pub fn discount_report(&self, tz: Tz, from: NaiveDate, to: NaiveDate) -> Result<DiscountReport> {
        let start = clock::local_to_utc(tz, from, 0).timestamp();
        let end = clock::local_to_utc(tz, to + Duration::days(1), 0).timestamp();
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.discount_reason, l.discount_cents, c.created_at, ifnull(st.name, ''), ifnull(sv.name, l.description),
                    ifnull(trim(cu.first_name || ' ' || cu.last_name), '')
             FROM checkouts c JOIN checkout_lines l ON l.checkout_id = c.id
             LEFT JOIN staff st ON st.id = c.staff_id
             LEFT JOIN services sv ON sv.id = l.service_id
             LEFT JOIN customers cu ON cu.id = c.customer_id
             WHERE c.closed = 1 AND c.created_at >= ?1 AND c.created_at < ?2 AND l.discount_cents <> 0",
        )?;
        let mut report = DiscountReport::default();
        let mut groups: [BTreeMap<String, (i64, u32)>; 4] = Default::default();
        let mut weeks: BTreeMap<NaiveDate, i64> = BTreeMap::new();
        let rows = stmt.query_map(params![start, end], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })?;
        for row in rows {
            let (reason, cents, at, staff, service, customer): (String, i64, i64, String, String, String) = row?;
            report.total_cents += cents;
            for (group, key) in groups.iter_mut().zip([reason, staff, service, customer]) {
                let entry = group.entry(key).or_default();
                entry.0 += cents;
                // A reversal takes its line back out of the count too.
                entry.1 = entry.1.saturating_add_signed(cents.signum() as i32);
            }
            let day = clock::to_local(tz, instant(at)).date();
            *weeks.entry(day - Duration::days(day.weekday().num_days_from_monday() as i64)).or_default() += cents;
        }
        let sorted = |g: BTreeMap<String, (i64, u32)>| {
            let mut v: Vec<(String, i64, u32)> =
                g.into_iter().filter(|(_, (c, _))| *c != 0).map(|(k, (c, n))| (k, c, n)).collect();
            v.sort_by_key(|(k, c, _)| (std::cmp::Reverse(*c), k.clone()));
            v
        };
        let [reasons, staff, services, customers] = groups;
        (report.by_reason, report.by_staff, report.by_service, report.by_customer) =
            (sorted(reasons), sorted(staff), sorted(services), sorted(customers));
        report.by_week = weeks.into_iter().collect();
        (report.no_show_first, report.no_show_repeated) = no_show_receipts(&self.conn, start, end)?;
        Ok(report)
    }
}

/// The period's no-show receipts that stand (not reversed): a customer's
/// first ever, and the repeated ones.
fn no_show_receipts(conn: &Connection, start: i64, end: i64) -> Result<(u32, u32)> {
    Ok(conn.query_row(
        "SELECT ifnull(sum(earlier = 0), 0), ifnull(sum(earlier > 0), 0) FROM (
             SELECT (SELECT count(*) FROM checkouts e WHERE e.kind = 'no_show' AND e.customer_id = c.customer_id
                       AND e.number < c.number
                       AND NOT EXISTS (SELECT 1 FROM checkouts r WHERE r.reverses = e.id)) AS earlier
             FROM checkouts c
             WHERE c.kind = 'no_show' AND c.closed = 1 AND c.created_at >= ?1 AND c.created_at < ?2
               AND NOT EXISTS (SELECT 1 FROM checkouts r WHERE r.reverses = c.id))",
        params![start, end],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Writes a record whole: the next number, its lines and payments, closed.
/// Inside the caller's transaction, which holds the write lock: two desks
/// checking out at once get consecutive numbers. A voucher line sells a new
/// voucher (its code made here) to the record's customer.
fn write(conn: &Connection, kind: RecordKind, d: &Draft, reverses: Option<i64>, by: &str, at: i64) -> Result<i64> {
    let number: i64 = conn.query_row("SELECT ifnull(max(number), 0) + 1 FROM checkouts", [], |r| r.get(0))?;
    conn.prepare_cached(
        "INSERT INTO checkouts (number, kind, appointment_id, customer_id, staff_id, reverses, total_cents, till_receipt,
                                created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        number,
        kind.as_str(),
        d.appointment_id,
        d.customer_id,
        d.staff_id,
        reverses,
        d.total(),
        d.till_receipt.trim(),
        at,
        by
    ])?;
    let id = conn.last_insert_rowid();
    let mut line = conn.prepare_cached(
        "INSERT INTO checkout_lines (checkout_id, position, kind, service_id, product_id, voucher_id, description,
             quantity, unit_cents, discount_cents, discount_reason, vat_rate, vat_cents, total_cents)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    for (i, l) in d.lines.iter().enumerate() {
        let voucher_id = match (l.kind, l.voucher_id) {
            (LineKind::Voucher, None) => Some(sell_voucher(conn, id, d.customer_id, l.unit_cents, at)?),
            (_, known) => known,
        };
        line.execute(params![
            id,
            i as i64,
            l.kind.as_str(),
            l.service_id,
            l.product_id,
            voucher_id,
            l.description,
            l.quantity,
            l.unit_cents,
            l.discount_cents,
            l.discount_reason,
            l.rate,
            l.vat(),
            l.total()
        ])?;
    }
    let mut payment = conn.prepare_cached(
        "INSERT INTO checkout_payments (checkout_id, position, method, amount_cents, voucher_id)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, p) in d.payments.iter().enumerate() {
        payment.execute(params![id, i as i64, p.method.as_str(), p.cents, p.voucher_id])?;
    }
    conn.prepare_cached("UPDATE checkouts SET closed = 1 WHERE id = ?1")?.execute([id])?;
    Ok(id)
}

/// A new voucher worth `cents`, sold in record `checkout_id`; its id. It
/// lasts the salon's years to the end of the year of sale.
fn sell_voucher(conn: &Connection, checkout_id: i64, customer: Option<i64>, cents: i64, at: i64) -> Result<i64> {
    let tz = salon_zone(conn);
    let years: u32 = super::config::read(conn, "vouchers.years")?.parse().unwrap_or(3);
    let sold_on = clock::to_local(tz, instant(at)).date();
    let expires = voucher::default_expiry(sold_on, years);
    // A repeat of 59 random bits is all but impossible; the UNIQUE index would refuse it.
    conn.prepare_cached(
        "INSERT INTO vouchers (code, value_cents, checkout_id, customer_id, sold_on, expires_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        voucher::new_code(),
        cents,
        checkout_id,
        customer,
        sold_on.format("%Y-%m-%d").to_string(),
        expires.format("%Y-%m-%d").to_string()
    ])?;
    Ok(conn.last_insert_rowid())
}

fn salon_zone(conn: &Connection) -> Tz {
    conn.query_row("SELECT time_zone FROM salon WHERE id = 1", [], |r| r.get::<_, String>(0))
        .ok()
        .and_then(|z| z.parse().ok())
        .unwrap_or(chrono_tz::UTC)
}

/// A line of the bonus ledger (nothing for 0); the database refuses a
/// balance below zero.
fn add_points(conn: &Connection, customer: i64, checkout: i64, points: i64, why: &str, at: i64) -> Result<()> {
    if points != 0 {
        conn.prepare_cached(
            "INSERT INTO points (customer_id, checkout_id, points, why, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![customer, checkout, points, why, at])?;
    }
    Ok(())
}

/// A reversal's points: what `original` redeemed back, what it earned gone,
/// as far as the balance allows (`bonus::reversal`).
fn take_back_points(conn: &Connection, original: i64, reversal: i64, at: i64) -> Result<()> {
    let rows: Vec<(i64, i64, i64)> = conn
        .prepare_cached(
            "SELECT customer_id, ifnull(sum(CASE WHEN why IN ('earned', 'referral') THEN points END), 0),
                    ifnull(-sum(CASE WHEN why = 'redeemed' THEN points END), 0)
             FROM points WHERE checkout_id = ?1 GROUP BY customer_id",
        )?
        .query_map([original], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (customer, earned, redeemed) in rows {
        let balance: i64 =
            conn.query_row("SELECT ifnull(sum(points), 0) FROM points WHERE customer_id = ?1", [customer], |r| {
                r.get(0)
            })?;
        add_points(conn, customer, reversal, bonus::reversal(balance, earned, redeemed), "reversed", at)?;
    }
    Ok(())
}

/// After a referred customer's first paid visit, whoever sent them gets the
/// referral points — once per customer (the table's key), within the cap.
fn reward_referrer(conn: &Connection, customer: i64, checkout: i64, rules: &bonus::Rules, at: i64) -> Result<()> {
    let referrer: Option<i64> = conn
        .query_row(
            "SELECT c.referred_by FROM customers c WHERE c.id = ?1 AND c.referred_by IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM referral_rewards w WHERE w.referred_id = c.id)",
            [customer],
            |r| r.get(0),
        )
        .optional()?;
    let Some(referrer) = referrer else { return Ok(()) };
    let year_start = {
        let tz = salon_zone(conn);
        let local = clock::to_local(tz, instant(at)).date();
        clock::local_to_utc(tz, NaiveDate::from_ymd_opt(local.year(), 1, 1).unwrap_or(local), 0).timestamp()
    };
    let this_year: u32 = conn.query_row(
        "SELECT count(*) FROM referral_rewards WHERE referrer_id = ?1 AND created_at >= ?2",
        params![referrer, year_start],
        |r| r.get(0),
    )?;
    if !bonus::referral_allowed(rules, this_year) {
        return Ok(());
    }
    conn.prepare_cached(
        "INSERT INTO referral_rewards (referred_id, referrer_id, checkout_id, points, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![customer, referrer, checkout, rules.referral_points, at])?;
    add_points(conn, referrer, checkout, rules.referral_points, "referral", at)
}
