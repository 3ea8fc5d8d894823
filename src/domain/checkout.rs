//! Checkout records (SPEC §7): lines with their discounts and VAT, and the
//! payments that settle them. Money is integer cents; prices include VAT.
//!
//! The rounding rule, written down: a line's VAT is the part of its total
//! that the rate stands for, `total × rate / (100 % + rate)`, rounded to the
//! nearest cent, halves away from zero; the VAT of a record is the sum of
//! its lines' VAT per rate (so a receipt's lines add up to what it shows).

use super::InputError;

/// A VAT rate in basis points (19 % = 1 900).
pub type Rate = u32;

/// The salon's country's standard rate (prices include it).
pub fn standard_rate(country: &str) -> Rate {
    match country {
        "DE" => 1_900,
        "NO" => 2_500,
        "NL" => 2_100,
        "GB" => 2_000,
        "AT" => 2_000,
        "CH" => 810,
        "BE" => 2_100,
        "IE" => 2_300,
        _ => 2_000,
    }
}

/// The VAT contained in `total` cents at `rate` (see the rounding rule).
pub fn vat_included(total: i64, rate: Rate) -> i64 {
    let (num, den) = (total as i128 * rate as i128, 10_000i128 + rate as i128);
    let rounded = (2 * num.abs() + den) / (2 * den);
    (rounded as i64) * total.signum()
}

/// What a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Service,
    Product,
    /// A fee for a missed appointment.
    Fee,
    /// A deposit kept when the customer did not come.
    DepositKept,
}

impl LineKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LineKind::Service => "service",
            LineKind::Product => "product",
            LineKind::Fee => "fee",
            LineKind::DepositKept => "deposit_kept",
        }
    }

    pub fn parse(s: &str) -> Option<LineKind> {
        [LineKind::Service, LineKind::Product, LineKind::Fee, LineKind::DepositKept]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// One line of a checkout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub kind: LineKind,
    pub service_id: Option<i64>,
    pub description: String,
    pub quantity: i64,
    /// Price of one, VAT included.
    pub unit_cents: i64,
    /// Taken off this line (never more than it costs).
    pub discount_cents: i64,
    /// Why, from the salon's list ("no_show", "loyalty", "staff", …); empty without a discount.
    pub discount_reason: String,
    pub rate: Rate,
}

impl Line {
    pub fn gross(&self) -> i64 {
        self.unit_cents * self.quantity
    }

    /// What the line costs after its discount.
    pub fn total(&self) -> i64 {
        self.gross() - self.discount_cents
    }

    pub fn vat(&self) -> i64 {
        vat_included(self.total(), self.rate)
    }

    /// The same line reversed (a correction record).
    pub fn reversed(&self) -> Line {
        Line { quantity: -self.quantity, discount_cents: -self.discount_cents, ..self.clone() }
    }
}

/// A percentage discount on a line, in whole cents (halves away from zero).
pub fn percent_of(cents: i64, percent: u32) -> i64 {
    let num = cents as i128 * percent as i128;
    (((2 * num.abs() + 100) / 200) as i64) * cents.signum()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Cash,
    Card,
    Other,
    /// Paid in advance (the booking's deposit).
    Deposit,
    /// Invoiced to the customer (a no-show fee).
    Invoice,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Cash => "cash",
            Method::Card => "card",
            Method::Other => "other",
            Method::Deposit => "deposit",
            Method::Invoice => "invoice",
        }
    }

    pub fn parse(s: &str) -> Option<Method> {
        [Method::Cash, Method::Card, Method::Other, Method::Deposit, Method::Invoice]
            .into_iter()
            .find(|m| m.as_str() == s)
    }
}

/// A checkout as it is to be recorded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Draft {
    pub appointment_id: Option<i64>,
    pub customer_id: Option<i64>,
    pub staff_id: Option<i64>,
    pub lines: Vec<Line>,
    pub payments: Vec<(Method, i64)>,
}

impl Draft {
    pub fn total(&self) -> i64 {
        self.lines.iter().map(Line::total).sum()
    }

    /// VAT per rate, rates in ascending order.
    pub fn vat_by_rate(&self) -> Vec<(Rate, i64)> {
        let mut by: std::collections::BTreeMap<Rate, i64> = Default::default();
        for l in &self.lines {
            *by.entry(l.rate).or_default() += l.vat();
        }
        by.into_iter().collect()
    }

    /// A record that can be kept: at least one line, no discount beyond a
    /// line's price or without a reason, and payments that settle the total.
    pub fn checked(self) -> Result<Draft, InputError> {
        if self.lines.is_empty() {
            return Err(InputError::Required("line"));
        }
        for l in &self.lines {
            let beyond = l.discount_cents.abs() > l.gross().abs() || l.discount_cents.signum() * l.gross().signum() < 0;
            if l.quantity == 0 || l.unit_cents < 0 || beyond {
                return Err(InputError::Amount(format!("{}: {}", l.description, l.discount_cents)));
            }
            if l.discount_cents != 0 && l.discount_reason.trim().is_empty() {
                return Err(InputError::Required("discount reason"));
            }
        }
        let paid: i64 = self.payments.iter().map(|(_, a)| a).sum();
        if paid != self.total() {
            return Err(InputError::Amount(format!("{paid} ≠ {}", self.total())));
        }
        Ok(self)
    }

    /// The correction of a record: every line and payment the other way round.
    pub fn reversal(&self) -> Draft {
        Draft {
            lines: self.lines.iter().map(Line::reversed).collect(),
            payments: self.payments.iter().map(|(m, a)| (*m, -a)).collect(),
            ..self.clone()
        }
    }
}

/// The no-show receipt (seed 003: "een kassabon op de klantenkaart en 100%
/// no show korting"): the service at its price, all of it given away as a
/// *no-show* discount, and what was earned all the same — a deposit kept,
/// a fee invoiced — as lines paid that way.
pub fn no_show_receipt(service: Line, deposit_kept: i64, fee: i64) -> Draft {
    let mut lines =
        vec![Line { discount_cents: service.gross(), discount_reason: "no_show".into(), ..service.clone() }];
    let mut payments = Vec::new();
    for (kind, amount, method, words) in [
        (LineKind::DepositKept, deposit_kept, Method::Deposit, "deposit kept"),
        (LineKind::Fee, fee, Method::Invoice, "no-show fee"),
    ] {
        if amount > 0 {
            lines.push(Line {
                kind,
                service_id: None,
                description: words.into(),
                quantity: 1,
                unit_cents: amount,
                discount_cents: 0,
                discount_reason: String::new(),
                rate: service.rate,
            });
            payments.push((method, amount));
        }
    }
    Draft { lines, payments, ..Draft::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(price: i64) -> Line {
        Line {
            kind: LineKind::Service,
            service_id: Some(1),
            description: "Cut".into(),
            quantity: 1,
            unit_cents: price,
            discount_cents: 0,
            discount_reason: String::new(),
            rate: 1_900,
        }
    }

    #[test]
    fn vat_included_is_rounded_to_the_cent_halves_away_from_zero() {
        assert_eq!(vat_included(11_900, 1_900), 1_900, "119.00 at 19 % holds 19.00");
        assert_eq!(vat_included(3_200, 1_900), 511, "32.00 at 19 %: 510.92 → 5.11");
        assert_eq!(vat_included(-3_200, 1_900), -511, "a reversal takes back the same");
        assert_eq!(vat_included(125, 2_500), 25);
        assert_eq!(vat_included(5, 2_000), 1, "0.83 cent → 1");
        assert_eq!(vat_included(0, 2_100), 0);
        // 10.50 at 5 %: 50 cents exactly.
        assert_eq!(vat_included(1_050, 500), 50);
        assert_eq!(percent_of(3_250, 10), 325);
        assert_eq!(percent_of(3_255, 10), 326, "325.5 → 326");
        assert_eq!(percent_of(-3_255, 10), -326);
    }

    #[test]
    fn a_record_must_be_settled_and_discounts_need_a_reason_and_a_limit() {
        let paid = Draft { lines: vec![cut(3_200)], payments: vec![(Method::Card, 3_200)], ..Default::default() };
        assert!(paid.clone().checked().is_ok());
        let short = Draft { payments: vec![(Method::Cash, 3_000)], ..paid.clone() };
        assert!(short.checked().is_err(), "32.00 is not settled by 30.00");
        let split = Draft { payments: vec![(Method::Cash, 1_200), (Method::Card, 2_000)], ..paid.clone() };
        assert!(split.checked().is_ok(), "a split payment");
        let no_reason = Draft {
            lines: vec![Line { discount_cents: 500, ..cut(3_200) }],
            payments: vec![(Method::Card, 2_700)],
            ..Default::default()
        };
        assert_eq!(no_reason.checked(), Err(InputError::Required("discount reason")));
        let beyond = Draft {
            lines: vec![Line { discount_cents: 4_000, discount_reason: "staff".into(), ..cut(3_200) }],
            payments: vec![(Method::Card, -800)],
            ..Default::default()
        };
        assert!(beyond.checked().is_err(), "no discount beyond the price");
        assert!(Draft::default().checked().is_err(), "no empty record");
    }

    #[test]
    fn a_reversal_is_every_line_and_payment_the_other_way_round() {
        let d = Draft {
            lines: vec![Line { discount_cents: 320, discount_reason: "loyalty".into(), ..cut(3_200) }],
            payments: vec![(Method::Card, 2_880)],
            ..Default::default()
        };
        let r = d.reversal();
        assert_eq!(r.total(), -d.total());
        assert_eq!(r.vat_by_rate(), [(1_900, -d.vat_by_rate()[0].1)]);
        assert!(r.clone().checked().is_ok(), "a reversal is a record too");
        assert_eq!(r.lines[0].discount_cents, -320, "and takes the discount back from the report");
    }

    #[test]
    fn the_no_show_receipt_gives_the_service_away_and_keeps_what_was_earned() {
        let r = no_show_receipt(cut(8_500), 2_000, 1_500);
        assert_eq!(r.lines[0].total(), 0, "the service: 100 % no-show discount");
        assert_eq!((r.lines[0].discount_cents, r.lines[0].discount_reason.as_str()), (8_500, "no_show"));
        assert_eq!(r.total(), 3_500, "deposit kept and fee");
        assert_eq!(r.payments, [(Method::Deposit, 2_000), (Method::Invoice, 1_500)]);
        assert!(r.clone().checked().is_ok());
        let plain = no_show_receipt(cut(8_500), 0, 0);
        assert_eq!((plain.total(), plain.payments.len()), (0, 0));
        assert!(plain.checked().is_ok(), "settled at zero");
    }
}
