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

/// A rate as typed: "" is the salon's standard rate (`None`); "7", "7 %",
/// "8,1" or "8.1" are basis points.
pub fn parse_rate(typed: &str) -> Result<Option<Rate>, InputError> {
    let t = typed.trim().trim_end_matches('%').trim();
    if t.is_empty() {
        return Ok(None);
    }
    let bad = || InputError::Number(typed.to_string());
    let (whole, frac) = t.split_once([',', '.']).unwrap_or((t, ""));
    if frac.len() > 2 || !whole.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) || whole.is_empty() {
        return Err(bad());
    }
    let whole: u32 = whole.parse().map_err(|_| bad())?;
    let frac: u32 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
    let rate = whole.checked_mul(100).and_then(|w| w.checked_add(frac)).filter(|r| *r <= 10_000).ok_or_else(bad)?;
    Ok(Some(rate))
}

/// What a service asks as a deposit (seed 000): an amount, or a share of
/// its price; never more than the price.
pub fn service_deposit(price_cents: i64, deposit_cents: i64, deposit_percent: u32) -> i64 {
    let share = percent_of(price_cents, deposit_percent);
    deposit_cents.max(share).min(price_cents).max(0)
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
    /// A tip: on top, not revenue of the salon, no VAT, never discounted.
    Tip,
    /// A voucher sold: money paid in advance, not yet revenue (its VAT is
    /// due when it pays for something), never discounted.
    Voucher,
}

const LINE_KINDS: [LineKind; 6] =
    [LineKind::Service, LineKind::Product, LineKind::Fee, LineKind::DepositKept, LineKind::Tip, LineKind::Voucher];

impl LineKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LineKind::Service => "service",
            LineKind::Product => "product",
            LineKind::Fee => "fee",
            LineKind::DepositKept => "deposit_kept",
            LineKind::Tip => "tip",
            LineKind::Voucher => "voucher",
        }
    }

    pub fn parse(s: &str) -> Option<LineKind> {
        LINE_KINDS.into_iter().find(|k| k.as_str() == s)
    }

    /// What a discount, a reward and the bonus points apply to.
    pub fn is_goods(self) -> bool {
        matches!(self, LineKind::Service | LineKind::Product)
    }
}

/// One line of a checkout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub kind: LineKind,
    pub service_id: Option<i64>,
    pub product_id: Option<i64>,
    /// The voucher a `Voucher` line sold (given by the store when it is written).
    pub voucher_id: Option<i64>,
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
    /// One of `kind` at `unit_cents`, without a discount.
    pub fn new(kind: LineKind, description: impl Into<String>, unit_cents: i64, rate: Rate) -> Line {
        Line {
            kind,
            service_id: None,
            product_id: None,
            voucher_id: None,
            description: description.into(),
            quantity: 1,
            unit_cents,
            discount_cents: 0,
            discount_reason: String::new(),
            rate,
        }
    }

    pub fn service(id: i64, name: impl Into<String>, price_cents: i64, rate: Rate) -> Line {
        Line { service_id: Some(id), ..Line::new(LineKind::Service, name, price_cents, rate) }
    }

    pub fn product(id: i64, name: impl Into<String>, price_cents: i64, rate: Rate) -> Line {
        Line { product_id: Some(id), ..Line::new(LineKind::Product, name, price_cents, rate) }
    }

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
    /// A voucher sold earlier.
    Voucher,
}

const METHODS: [Method; 6] =
    [Method::Cash, Method::Card, Method::Other, Method::Deposit, Method::Invoice, Method::Voucher];

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Cash => "cash",
            Method::Card => "card",
            Method::Other => "other",
            Method::Deposit => "deposit",
            Method::Invoice => "invoice",
            Method::Voucher => "voucher",
        }
    }

    pub fn parse(s: &str) -> Option<Method> {
        METHODS.into_iter().find(|m| m.as_str() == s)
    }

    /// Money taken now (what earns bonus points).
    pub fn is_money(self) -> bool {
        matches!(self, Method::Cash | Method::Card | Method::Other)
    }
}

/// One payment of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payment {
    pub method: Method,
    pub cents: i64,
    /// The voucher that paid (with `Method::Voucher`).
    pub voucher_id: Option<i64>,
}

impl Payment {
    pub fn new(method: Method, cents: i64) -> Payment {
        Payment { method, cents, voucher_id: None }
    }

    pub fn voucher(voucher_id: i64, cents: i64) -> Payment {
        Payment { method: Method::Voucher, cents, voucher_id: Some(voucher_id) }
    }
}

/// A checkout as it is to be recorded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Draft {
    pub appointment_id: Option<i64>,
    pub customer_id: Option<i64>,
    pub staff_id: Option<i64>,
    pub lines: Vec<Line>,
    pub payments: Vec<Payment>,
    /// Bonus points this record redeems for a reward (its `loyalty` discount).
    pub reward_points: i64,
    /// The receipt number of the salon's own certified till, where it keeps one.
    pub till_receipt: String,
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

    /// What is left to pay: the total less the payments so far.
    pub fn open(&self) -> i64 {
        self.total() - self.paid()
    }

    pub fn paid(&self) -> i64 {
        self.payments.iter().map(|p| p.cents).sum()
    }

    /// What the services and products cost after their discounts.
    pub fn goods(&self) -> i64 {
        self.lines.iter().filter(|l| l.kind.is_goods()).map(Line::total).sum()
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
            let on_top = matches!(l.kind, LineKind::Tip | LineKind::Voucher);
            if on_top && (l.discount_cents != 0 || l.rate != 0 || l.quantity.abs() != 1) {
                return Err(InputError::Amount(format!("{}: {}", l.description, l.unit_cents)));
            }
        }
        let sells_voucher = self.lines.iter().any(|l| l.kind == LineKind::Voucher);
        if sells_voucher && self.payments.iter().any(|p| p.method == Method::Voucher) {
            return Err(InputError::Choice("payment", "a voucher cannot pay for a voucher".into()));
        }
        if self.payments.iter().any(|p| (p.method == Method::Voucher) != p.voucher_id.is_some()) {
            return Err(InputError::Required("voucher"));
        }
        if self.paid() != self.total() {
            return Err(InputError::Amount(format!("{} ≠ {}", self.paid(), self.total())));
        }
        Ok(self)
    }

    /// The correction of a record: every line and payment the other way round.
    pub fn reversal(&self) -> Draft {
        Draft {
            lines: self.lines.iter().map(Line::reversed).collect(),
            payments: self.payments.iter().map(|p| Payment { cents: -p.cents, ..*p }).collect(),
            reward_points: 0,
            ..self.clone()
        }
    }
}

/// A discount on the whole record, `cents` in all, spread over its services
/// and products in proportion to what each still costs, so that each rate's
/// VAT falls with it. Whole cents by the largest remainder (ties: the first
/// line), so the parts add up to `cents` exactly. `None` when it is more
/// than they cost.
pub fn spread(lines: &[Line], cents: i64) -> Option<Vec<i64>> {
    let base: Vec<i64> = lines.iter().map(|l| if l.kind.is_goods() { l.total().max(0) } else { 0 }).collect();
    let sum: i64 = base.iter().sum();
    if cents < 0 || cents > sum {
        return None;
    }
    if cents == 0 {
        return Some(vec![0; lines.len()]);
    }
    let exact: Vec<(i64, i128)> = base
        .iter()
        .map(|&b| ((b as i128 * cents as i128 / sum as i128) as i64, b as i128 * cents as i128 % sum as i128))
        .collect();
    let mut parts: Vec<i64> = exact.iter().map(|(q, _)| *q).collect();
    let mut left = cents - parts.iter().sum::<i64>();
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(exact[i].1));
    for i in order {
        if left == 0 {
            break;
        }
        if parts[i] < base[i] {
            parts[i] += 1;
            left -= 1;
        }
    }
    Some(parts)
}

/// A discount as the desk types it: an amount ("5,00") or a share ("10 %").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Discount {
    Amount(i64),
    Percent(u32),
}

impl Discount {
    pub fn parse(typed: &str) -> Result<Discount, InputError> {
        let t = typed.trim();
        match t.strip_suffix('%') {
            Some(p) => match p.trim().parse::<u32>() {
                Ok(p) if (1..=100).contains(&p) => Ok(Discount::Percent(p)),
                _ => Err(InputError::Number(typed.to_string())),
            },
            None => match super::money::parse(t)? {
                0 => Err(InputError::Amount(typed.to_string())),
                cents => Ok(Discount::Amount(cents)),
            },
        }
    }

    /// What it takes off `cents` (never more than they are).
    pub fn of(self, cents: i64) -> i64 {
        match self {
            Discount::Amount(c) => c.min(cents),
            Discount::Percent(p) => percent_of(cents, p),
        }
        .max(0)
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
            lines.push(Line::new(kind, words, amount, service.rate));
            payments.push(Payment::new(method, amount));
        }
    }
    Draft { lines, payments, ..Draft::default() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cut(price: i64) -> Line {
        Line::service(1, "Cut", price, 1_900)
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
        let paid =
            Draft { lines: vec![cut(3_200)], payments: vec![Payment::new(Method::Card, 3_200)], ..Default::default() };
        assert!(paid.clone().checked().is_ok());
        let short = Draft { payments: vec![Payment::new(Method::Cash, 3_000)], ..paid.clone() };
        assert!(short.checked().is_err(), "32.00 is not settled by 30.00");
        let split = Draft {
            payments: vec![Payment::new(Method::Cash, 1_200), Payment::new(Method::Card, 2_000)],
            ..paid.clone()
        };
        assert!(split.checked().is_ok(), "a split payment");
        let no_reason = Draft {
            lines: vec![Line { discount_cents: 500, ..cut(3_200) }],
            payments: vec![Payment::new(Method::Card, 2_700)],
            ..Default::default()
        };
        assert_eq!(no_reason.checked(), Err(InputError::Required("discount reason")));
        let beyond = Draft {
            lines: vec![Line { discount_cents: 4_000, discount_reason: "staff".into(), ..cut(3_200) }],
            payments: vec![Payment::new(Method::Card, -800)],
            ..Default::default()
        };
        assert!(beyond.checked().is_err(), "no discount beyond the price");
        assert!(Draft::default().checked().is_err(), "no empty record");
    }

    #[test]
    fn a_reversal_is_every_line_and_payment_the_other_way_round() {
        let d = Draft {
            lines: vec![Line { discount_cents: 320, discount_reason: "loyalty".into(), ..cut(3_200) }],
            payments: vec![Payment::new(Method::Card, 2_880)],
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
        assert_eq!(r.payments, [Payment::new(Method::Deposit, 2_000), Payment::new(Method::Invoice, 1_500)]);
        assert!(r.clone().checked().is_ok());
        let plain = no_show_receipt(cut(8_500), 0, 0);
        assert_eq!((plain.total(), plain.payments.len()), (0, 0));
        assert!(plain.checked().is_ok(), "settled at zero");
    }

    #[test]
    fn tips_and_vouchers_are_on_top_and_a_voucher_never_buys_a_voucher() {
        let tip = Line::new(LineKind::Tip, "Tip", 500, 0);
        let voucher = Line::new(LineKind::Voucher, "Voucher", 5_000, 0);
        let with_tip = Draft {
            lines: vec![cut(3_200), tip.clone()],
            payments: vec![Payment::new(Method::Card, 3_700)],
            ..Default::default()
        };
        assert!(with_tip.clone().checked().is_ok());
        assert_eq!(with_tip.goods(), 3_200, "the tip is not the salon's revenue");
        assert_eq!(with_tip.vat_by_rate(), [(0, 0), (1_900, 511)], "and carries no VAT");
        let taxed_tip = Draft {
            lines: vec![Line { rate: 1_900, ..tip.clone() }],
            payments: vec![Payment::new(Method::Cash, 500)],
            ..Default::default()
        };
        assert!(taxed_tip.checked().is_err());
        let discounted = Draft {
            lines: vec![Line { discount_cents: 100, discount_reason: "staff".into(), ..voucher.clone() }],
            payments: vec![Payment::new(Method::Cash, 4_900)],
            ..Default::default()
        };
        assert!(discounted.checked().is_err(), "a voucher is sold at its value");
        let bought_with_voucher =
            Draft { lines: vec![voucher.clone()], payments: vec![Payment::voucher(7, 5_000)], ..Default::default() };
        assert!(bought_with_voucher.checked().is_err(), "a voucher cannot pay for a voucher");
        let paid_by_voucher = Draft {
            lines: vec![cut(3_200)],
            payments: vec![Payment::voucher(7, 2_000), Payment::new(Method::Card, 1_200)],
            ..Default::default()
        };
        assert!(paid_by_voucher.checked().is_ok(), "part paid by a voucher");
        let nameless = Draft {
            lines: vec![cut(3_200)],
            payments: vec![Payment::new(Method::Voucher, 3_200)],
            ..Default::default()
        };
        assert_eq!(nameless.checked(), Err(InputError::Required("voucher")));
    }

    #[test]
    fn rates_are_typed_as_percent_and_deposits_are_never_above_the_price() {
        assert_eq!(parse_rate(""), Ok(None), "empty: the standard rate");
        assert_eq!(parse_rate("7"), Ok(Some(700)));
        assert_eq!(parse_rate("8,1 %"), Ok(Some(810)));
        assert_eq!(parse_rate("0"), Ok(Some(0)), "exempt");
        assert!(parse_rate("101").is_err() && parse_rate("7,125").is_err() && parse_rate("x").is_err());
        assert_eq!(service_deposit(11_000, 0, 20), 2_200, "20 % of 110.00");
        assert_eq!(service_deposit(11_000, 3_000, 0), 3_000);
        assert_eq!(service_deposit(2_000, 3_000, 0), 2_000, "not above the price");
        assert_eq!(service_deposit(2_000, 0, 0), 0, "none");
    }

    #[test]
    fn a_whole_discount_is_spread_so_each_rate_pays_its_share() {
        let lines = vec![cut(6_000), Line::product(2, "Shampoo", 2_000, 700), Line::new(LineKind::Tip, "Tip", 500, 0)];
        assert_eq!(spread(&lines, 800), Some(vec![600, 200, 0]), "10 % of 80.00, by what each costs; not the tip");
        assert_eq!(spread(&lines, 1), Some(vec![1, 0, 0]), "one cent to the larger share");
        assert_eq!(spread(&lines, 8_001), None, "not more than the goods cost");
        assert_eq!(spread(&lines, 0), Some(vec![0, 0, 0]));
    }

    proptest! {
        #[test]
        fn a_spread_adds_up_and_never_exceeds_a_line(prices in proptest::collection::vec(0i64..50_000, 1..6), share in 0u32..=100) {
            let lines: Vec<Line> = prices.iter().enumerate().map(|(i, p)| Line::service(i as i64, "x", *p, 1_900)).collect();
            let cents = percent_of(prices.iter().sum(), share);
            let parts = spread(&lines, cents).expect("within the goods");
            prop_assert_eq!(parts.iter().sum::<i64>(), cents);
            for (part, line) in parts.iter().zip(&lines) {
                prop_assert!(*part >= 0 && *part <= line.total());
            }
        }
    }
}
