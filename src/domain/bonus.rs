//! The bonus card (seed 004, "Umsatzbonus"): points for what a customer
//! paid, a reward at a threshold, taken back by a reversal; the referral
//! bonus for whoever sent a new customer. The balance never goes negative.

use super::checkout::{Discount, Draft, LineKind};

/// The salon's bonus settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// Points for each whole currency unit paid.
    pub per_unit: i64,
    /// Points a reward costs.
    pub threshold: i64,
    /// What a reward takes off the services and products.
    pub reward: Discount,
    /// Points for the referrer after the referred customer's first paid visit.
    pub referral_points: i64,
    /// At most this many referral rewards per referrer and calendar year (0: no cap).
    pub referral_cap: u32,
}

/// Points a record earns: money paid now (cash, card, other) for services
/// and products — not a deposit or a voucher that paid, not a tip or a
/// voucher bought (money pays for those first), not what a reward took off
/// (it is not in the goods' total). Whole units, rounded down.
pub fn earned(draft: &Draft, rules: &Rules) -> i64 {
    let money: i64 = draft.payments.iter().filter(|p| p.method.is_money()).map(|p| p.cents).sum();
    let on_top: i64 =
        draft.lines.iter().filter(|l| matches!(l.kind, LineKind::Tip | LineKind::Voucher)).map(|l| l.total()).sum();
    let paid_for_goods = (money - on_top).clamp(0, draft.goods().max(0));
    paid_for_goods / 100 * rules.per_unit
}

/// What a reversal does to the ledger: give back the points the record
/// redeemed, take back those it earned — but never below zero (points
/// already spent elsewhere stay spent). Returns the change, ≤ 0 ≤ … as it falls.
pub fn reversal(balance: i64, earned: i64, redeemed: i64) -> i64 {
    let after = balance + redeemed - earned;
    if after < 0 { -balance } else { redeemed - earned }
}

/// Whether a referrer who got `rewarded_this_year` referral rewards gets another.
pub fn referral_allowed(rules: &Rules, rewarded_this_year: u32) -> bool {
    rules.referral_points > 0 && (rules.referral_cap == 0 || rewarded_this_year < rules.referral_cap)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::checkout::{Line, Method, Payment};

    const RULES: Rules =
        Rules { per_unit: 1, threshold: 100, reward: Discount::Percent(10), referral_points: 50, referral_cap: 3 };

    fn cut() -> Line {
        Line::service(1, "Cut", 4_550, 1_900)
    }

    #[test]
    fn points_come_from_money_paid_for_services_and_products_only() {
        let card =
            Draft { lines: vec![cut()], payments: vec![Payment::new(Method::Card, 4_550)], ..Default::default() };
        assert_eq!(earned(&card, &RULES), 45, "45.50 paid: 45 points");
        let tip = Draft {
            lines: vec![cut(), Line::new(LineKind::Tip, "Tip", 1_000, 0)],
            payments: vec![Payment::new(Method::Cash, 5_550)],
            ..Default::default()
        };
        assert_eq!(earned(&tip, &RULES), 45, "no points for the tip");
        let voucher_bought = Draft {
            lines: vec![Line::new(LineKind::Voucher, "Voucher", 5_000, 0)],
            payments: vec![Payment::new(Method::Card, 5_000)],
            ..Default::default()
        };
        assert_eq!(earned(&voucher_bought, &RULES), 0, "none for a voucher bought");
        let paid_by_voucher = Draft {
            lines: vec![cut()],
            payments: vec![
                Payment::voucher(3, 3_000),
                Payment::new(Method::Deposit, 1_000),
                Payment::new(Method::Card, 550),
            ],
            ..Default::default()
        };
        assert_eq!(earned(&paid_by_voucher, &RULES), 5, "only the 5.50 paid by card");
        let rewarded = Draft {
            lines: vec![Line { discount_cents: 455, discount_reason: "loyalty".into(), ..cut() }],
            payments: vec![Payment::new(Method::Card, 4_095)],
            ..Default::default()
        };
        assert_eq!(earned(&rewarded, &RULES), 40, "not for what the reward took off");
        let double = Rules { per_unit: 2, ..RULES };
        assert_eq!(earned(&card, &double), 90);
        assert_eq!(earned(&card.reversal(), &RULES), 0, "a reversal earns nothing");
    }

    #[test]
    fn a_reversal_gives_back_and_takes_back_but_never_below_zero() {
        assert_eq!(reversal(145, 45, 0), -45);
        assert_eq!(reversal(20, 45, 0), -20, "25 of them were spent: only 20 can go");
        assert_eq!(reversal(0, 30, 100), 70, "a reward undone: its 100 back, the 30 earned with it gone");
        assert_eq!(reversal(0, 0, 0), 0);
    }

    #[test]
    fn a_discount_is_an_amount_or_a_share_and_never_more_than_the_goods() {
        assert_eq!(Discount::parse("10 %"), Ok(Discount::Percent(10)));
        assert_eq!(Discount::parse("5,00"), Ok(Discount::Amount(500)));
        assert!(Discount::parse("0").is_err() && Discount::parse("120%").is_err() && Discount::parse("x").is_err());
        assert_eq!(Discount::Percent(10).of(4_550), 455);
        assert_eq!(Discount::Amount(5_000).of(4_550), 4_550);
    }

    #[test]
    fn referral_rewards_stop_at_the_cap() {
        assert!(referral_allowed(&RULES, 2));
        assert!(!referral_allowed(&RULES, 3));
        assert!(referral_allowed(&Rules { referral_cap: 0, ..RULES }, 1_000));
        assert!(!referral_allowed(&Rules { referral_points: 0, ..RULES }, 0));
    }
}
