//! What the till sells and what it keeps besides the records: products,
//! the till's switches, vouchers, the bonus card's ledger and referrals.

use super::{Result, Store, StoreError, instant};
use crate::domain::bonus::Rules;
use crate::domain::checkout::Discount;
use crate::domain::checkout::Rate;
use crate::domain::clock::Instant;
use crate::domain::voucher::{self, Usable};
use crate::domain::{InputError, money};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

/// A retail product the salon sells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    pub id: i64,
    pub name: String,
    pub price_cents: i64,
    /// Its own VAT rate; `None`: the salon's standard rate.
    pub vat_rate: Option<Rate>,
    pub active: bool,
}

/// A service's till settings: its own VAT rate and the deposit it asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ServiceTill {
    pub service_id: i64,
    /// `None`: the salon's standard rate.
    pub vat_rate: Option<Rate>,
    pub deposit_cents: i64,
    pub deposit_percent: u32,
}

/// Which parts of the till the salon uses (Settings › Till); what is off is shown nowhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Features {
    pub checkout: bool,
    pub vouchers: bool,
    /// The bonus card's rules, when it is on.
    pub bonus: Option<Rules>,
    /// Whether the referral bonus is on (its points are in `bonus`'s rules).
    pub referral: bool,
    /// Payments are taken on the salon's own certified till: its receipt
    /// number is kept with the record, whose printout is a service summary.
    pub own_till: bool,
}

/// A voucher as the desk sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voucher {
    pub id: i64,
    pub code: String,
    pub value_cents: i64,
    pub used_cents: i64,
    pub sold_on: NaiveDate,
    pub expires_on: NaiveDate,
    pub void: bool,
    /// The record it was sold in.
    pub sold_in: i64,
    pub customer_id: Option<i64>,
}

impl Voucher {
    pub fn usable(&self, day: NaiveDate) -> Usable {
        voucher::usable(self.value_cents, self.used_cents, self.expires_on, self.void, day)
    }
}

/// The vouchers in numbers (the salon's liability is what is outstanding).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VoucherTotals {
    pub sold_cents: i64,
    pub redeemed_cents: i64,
    pub outstanding_cents: i64,
    pub expired_cents: i64,
}

impl VoucherTotals {
    /// The totals of `vouchers` on `day`; a void one counts nowhere.
    pub fn of(vouchers: &[Voucher], day: NaiveDate) -> VoucherTotals {
        let mut t = VoucherTotals::default();
        for v in vouchers.iter().filter(|v| !v.void) {
            t.sold_cents += v.value_cents;
            t.redeemed_cents += v.used_cents;
            match v.usable(day) {
                Usable::Yes(left) => t.outstanding_cents += left,
                Usable::Expired => t.expired_cents += v.value_cents - v.used_cents,
                Usable::UsedUp | Usable::Void => {}
            }
        }
        t
    }
}

/// One line of a bonus card's ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PointsEntry {
    pub at: Instant,
    pub points: i64,
    /// "earned", "redeemed", "referral", "reversed".
    pub why: String,
    pub record_number: Option<i64>,
}

/// A customer sent by another one, and whether the referrer was rewarded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referral {
    pub referred_id: i64,
    pub referred: String,
    pub referrer_id: i64,
    pub referrer: String,
    /// Points given, and when; `None`: waiting for a first paid visit.
    pub rewarded: Option<(i64, Instant)>,
}

fn on(value: &str) -> bool {
    value == "on"
}

impl Store {
    pub fn products(&self) -> Result<Vec<Product>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT id, name, price_cents, vat_rate, active FROM products ORDER BY name")?;
        let rows = stmt.query_map([], |r| {
            Ok(Product {
                id: r.get(0)?,
                name: r.get(1)?,
                price_cents: r.get(2)?,
                vat_rate: r.get(3)?,
                active: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds (id 0) or changes a product; its id.
    pub fn save_product(&mut self, p: &Product) -> Result<i64> {
        if p.name.trim().is_empty() {
            return Err(InputError::Required("name").into());
        }
        if p.price_cents < 0 || p.vat_rate.is_some_and(|r| r > 10_000) {
            return Err(InputError::Amount(money::format_plain(p.price_cents, crate::domain::Language::En)).into());
        }
        if p.id == 0 {
            self.conn.execute(
                "INSERT INTO products (name, price_cents, vat_rate, active) VALUES (?1, ?2, ?3, ?4)",
                params![p.name.trim(), p.price_cents, p.vat_rate, p.active],
            )?;
            return Ok(self.conn.last_insert_rowid());
        }
        let changed = self.conn.execute(
            "UPDATE products SET name = ?2, price_cents = ?3, vat_rate = ?4, active = ?5 WHERE id = ?1",
            params![p.id, p.name.trim(), p.price_cents, p.vat_rate, p.active],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(p.id)
    }

    pub fn service_tills(&self) -> Result<Vec<ServiceTill>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, vat_rate, deposit_cents, deposit_percent FROM services")?;
        let rows = stmt.query_map([], |r| {
            Ok(ServiceTill {
                service_id: r.get(0)?,
                vat_rate: r.get(1)?,
                deposit_cents: r.get(2)?,
                deposit_percent: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn set_service_till(&mut self, t: &ServiceTill) -> Result<()> {
        if t.vat_rate.is_some_and(|r| r > 10_000) || t.deposit_cents < 0 || t.deposit_percent > 100 {
            return Err(InputError::Amount(t.deposit_cents.to_string()).into());
        }
        let changed = self.conn.execute(
            "UPDATE services SET vat_rate = ?2, deposit_cents = ?3, deposit_percent = ?4 WHERE id = ?1",
            params![t.service_id, t.vat_rate, t.deposit_cents, t.deposit_percent],
        )?;
        if changed == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    /// The salon's own rate for a product, or its standard rate.
    pub fn product_rate(&self, p: &Product) -> Result<Rate> {
        Ok(match p.vat_rate {
            Some(rate) => rate,
            None => self.standard_rate()?,
        })
    }

    pub fn features(&self) -> Result<Features> {
        let get = |k: &str| self.config(k);
        let bonus = if on(&get("bonus.enabled")?) || on(&get("referral.enabled")?) {
            Some(Rules {
                per_unit: if on(&get("bonus.enabled")?) {
                    get("bonus.points_per_unit")?.parse().unwrap_or(1)
                } else {
                    0
                },
                threshold: get("bonus.threshold")?.parse().unwrap_or(200),
                reward: Discount::parse(&get("bonus.reward")?).unwrap_or(Discount::Percent(10)),
                referral_points: if on(&get("referral.enabled")?) {
                    get("referral.points")?.parse().unwrap_or(50)
                } else {
                    0
                },
                referral_cap: get("referral.cap_per_year")?.parse().unwrap_or(0),
            })
        } else {
            None
        };
        let checkout = on(&get("checkout.enabled")?);
        Ok(Features {
            checkout,
            vouchers: checkout && on(&get("vouchers.enabled")?),
            bonus: bonus.filter(|_| checkout),
            referral: checkout && on(&get("referral.enabled")?),
            own_till: get("checkout.till")? == "own",
        })
    }

    /// The discount reasons the salon keeps: Salondesk's own first, then the salon's by name.
    pub fn discount_reasons(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT code FROM discount_reasons WHERE active = 1
             ORDER BY CASE code WHEN 'no_show' THEN 0 WHEN 'loyalty' THEN 1 WHEN 'staff' THEN 2 WHEN 'complaint' THEN 3
                                WHEN 'referral' THEN 4 ELSE 5 END, code",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds a reason of the salon's own (its words are its code).
    pub fn add_discount_reason(&mut self, reason: &str) -> Result<()> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(InputError::Required("reason").into());
        }
        self.conn.execute(
            "INSERT INTO discount_reasons (code, name) VALUES (?1, ?1) ON CONFLICT(code) DO UPDATE SET active = 1",
            [reason],
        )?;
        Ok(())
    }

    pub fn voucher(&self, id: i64) -> Result<Voucher> {
        self.conn
            .prepare_cached(
                "SELECT v.id, v.code, v.value_cents,
                        ifnull((SELECT sum(p.amount_cents) FROM checkout_payments p WHERE p.voucher_id = v.id), 0),
                        v.sold_on, v.expires_on, v.void, v.checkout_id, v.customer_id
                 FROM vouchers v WHERE v.id = ?1",
            )?
            .query_row([id], voucher_row)
            .map_err(Into::into)
    }

    /// The voucher with this code as typed (dashes and case do not matter).
    pub fn voucher_by_code(&self, typed: &str) -> Result<Voucher> {
        let code = voucher::normalised(typed);
        let id: i64 = self
            .conn
            .query_row("SELECT id FROM vouchers WHERE code = ?1", [&code], |r| r.get(0))
            .optional()?
            .ok_or(StoreError::NotFound)?;
        self.voucher(id)
    }

    /// Every voucher, newest first (one query: a salon sells thousands).
    pub fn vouchers(&self) -> Result<Vec<Voucher>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.id, v.code, v.value_cents, ifnull(u.used, 0), v.sold_on, v.expires_on, v.void, v.checkout_id,
                    v.customer_id
             FROM vouchers v
             LEFT JOIN (SELECT voucher_id, sum(amount_cents) AS used FROM checkout_payments
                        WHERE voucher_id IS NOT NULL GROUP BY voucher_id) u ON u.voucher_id = v.id
             ORDER BY v.id DESC",
        )?;
        let rows = stmt.query_map([], voucher_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sold, redeemed, outstanding (the liability) and expired on `day`.
    pub fn voucher_totals(&self, day: NaiveDate) -> Result<VoucherTotals> {
        Ok(VoucherTotals::of(&self.vouchers()?, day))
    }

    /// Moves a voucher's last day (the salon may be kinder than the law).
    pub fn set_voucher_expiry(&mut self, id: i64, last_day: NaiveDate) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE vouchers SET expires_on = ?2 WHERE id = ?1",
            params![id, last_day.format("%Y-%m-%d").to_string()],
        )?;
        if changed == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    pub fn points_balance(&self, customer_id: i64) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT ifnull(sum(points), 0) FROM points WHERE customer_id = ?1",
            [customer_id],
            |r| r.get(0),
        )?)
    }

    /// A bonus card's ledger, newest first.
    pub fn points_ledger(&self, customer_id: i64) -> Result<Vec<PointsEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.created_at, p.points, p.why, c.number FROM points p LEFT JOIN checkouts c ON c.id = p.checkout_id
             WHERE p.customer_id = ?1 ORDER BY p.id DESC",
        )?;
        let rows = stmt.query_map([customer_id], |r| {
            Ok(PointsEntry { at: instant(r.get(0)?), points: r.get(1)?, why: r.get(2)?, record_number: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Who sent this customer (`None`: nobody). Set once, before a reward.
    pub fn set_referred_by(&mut self, customer_id: i64, referrer: Option<i64>) -> Result<()> {
        if referrer == Some(customer_id) {
            return Err(InputError::Choice("referred by", "another customer".into()).into());
        }
        let rewarded: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM referral_rewards WHERE referred_id = ?1)",
            [customer_id],
            |r| r.get(0),
        )?;
        if rewarded {
            return Err(StoreError::RecordClosed);
        }
        self.conn.execute("UPDATE customers SET referred_by = ?2 WHERE id = ?1", params![customer_id, referrer])?;
        Ok(())
    }

    pub fn referred_by(&self, customer_id: i64) -> Result<Option<(i64, String)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT r.id, trim(r.first_name || ' ' || r.last_name) FROM customers c JOIN customers r ON r.id = c.referred_by
                 WHERE c.id = ?1",
                [customer_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Every referral, newest customer first, with its state.
    pub fn referrals(&self) -> Result<Vec<Referral>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, trim(c.first_name || ' ' || c.last_name), r.id, trim(r.first_name || ' ' || r.last_name),
                    w.points, w.created_at
             FROM customers c JOIN customers r ON r.id = c.referred_by
             LEFT JOIN referral_rewards w ON w.referred_id = c.id
             ORDER BY c.id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            let points: Option<i64> = r.get(4)?;
            let at: Option<i64> = r.get(5)?;
            Ok(Referral {
                referred_id: r.get(0)?,
                referred: r.get(1)?,
                referrer_id: r.get(2)?,
                referrer: r.get(3)?,
                rewarded: points.zip(at).map(|(p, a)| (p, instant(a))),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn voucher_row(r: &rusqlite::Row) -> rusqlite::Result<Voucher> {
    let date = |s: String| NaiveDate::parse_from_str(&s, "%Y-%m-%d").unwrap_or(NaiveDate::MIN);
    Ok(Voucher {
        id: r.get(0)?,
        code: r.get(1)?,
        value_cents: r.get(2)?,
        used_cents: r.get(3)?,
        sold_on: date(r.get(4)?),
        expires_on: date(r.get(5)?),
        void: r.get(6)?,
        sold_in: r.get(7)?,
        customer_id: r.get(8)?,
    })
}
