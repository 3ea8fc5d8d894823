//! The no-show report (seed 003: "register … first visit or repeated, was the
//! customer reachable"): what no-shows cost over a period, and for whom.

use super::clock::{self, Instant};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use chrono_tz::Tz;
use std::collections::BTreeMap;

/// One no-show as the store hands it over.
#[derive(Debug, Clone, PartialEq)]
pub struct NoShowLine {
    pub appointment_id: i64,
    pub start: Instant,
    pub customer_id: Option<i64>,
    pub customer: String,
    pub staff_id: i64,
    pub staff: String,
    pub service_id: i64,
    pub service: String,
    pub price_cents: i64,
    pub reason: String,
    /// The customer had missed an appointment before this one.
    pub repeated: bool,
    pub reached: Option<bool>,
    pub fee_cents: Option<i64>,
    pub fee_paid: bool,
    pub deposit_cents: i64,
}

/// Totals for a group (all, one customer, one staff member, one service).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    pub count: u32,
    pub first: u32,
    pub repeated: u32,
    pub reached: u32,
    pub not_reached: u32,
    /// The price of the missed appointments.
    pub revenue_lost_cents: i64,
    pub fees_invoiced_cents: i64,
    pub fees_paid_cents: i64,
    pub deposits_kept_cents: i64,
}

impl Totals {
    fn add(&mut self, l: &NoShowLine) {
        self.count += 1;
        if l.repeated {
            self.repeated += 1
        } else {
            self.first += 1
        }
        match l.reached {
            Some(true) => self.reached += 1,
            Some(false) => self.not_reached += 1,
            None => {}
        }
        self.revenue_lost_cents += l.price_cents;
        self.fees_invoiced_cents += l.fee_cents.unwrap_or(0);
        if l.fee_paid {
            self.fees_paid_cents += l.fee_cents.unwrap_or(0);
        }
        self.deposits_kept_cents += l.deposit_cents;
    }

    /// What is left of the loss after deposits kept and fees paid.
    pub fn net_loss_cents(&self) -> i64 {
        self.revenue_lost_cents - self.deposits_kept_cents - self.fees_paid_cents
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub name: String,
    pub totals: Totals,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NoShowReport {
    pub from: NaiveDate,
    /// Inclusive.
    pub to: NaiveDate,
    pub totals: Totals,
    /// Most no-shows first, then most revenue lost.
    pub per_customer: Vec<Group>,
    pub per_staff: Vec<Group>,
    pub per_service: Vec<Group>,
    /// (first day of the week, no-shows), every week of the period.
    pub per_week: Vec<(NaiveDate, u32)>,
    pub lines: Vec<NoShowLine>,
}

fn grouped(lines: &[NoShowLine], key: impl Fn(&NoShowLine) -> (i64, String)) -> Vec<Group> {
    let mut groups: BTreeMap<i64, Group> = BTreeMap::new();
    for l in lines {
        let (id, name) = key(l);
        groups.entry(id).or_insert_with(|| Group { name, totals: Totals::default() }).totals.add(l);
    }
    let mut list: Vec<Group> = groups.into_values().collect();
    list.sort_by(|a, b| {
        (b.totals.count, b.totals.revenue_lost_cents, &a.name).cmp(&(
            a.totals.count,
            a.totals.revenue_lost_cents,
            &b.name,
        ))
    });
    list
}

fn week_start(date: NaiveDate, first: Weekday) -> NaiveDate {
    let back = (date.weekday().num_days_from_monday() + 7 - first.num_days_from_monday()) % 7;
    date - Duration::days(back as i64)
}

pub fn summarise(
    from: NaiveDate,
    to: NaiveDate,
    tz: Tz,
    first_weekday: Weekday,
    lines: Vec<NoShowLine>,
) -> NoShowReport {
    let mut totals = Totals::default();
    lines.iter().for_each(|l| totals.add(l));
    let mut weeks: BTreeMap<NaiveDate, u32> = BTreeMap::new();
    let mut week = week_start(from, first_weekday);
    while week <= to {
        weeks.insert(week, 0);
        week += Duration::days(7);
    }
    for l in &lines {
        let day = clock::to_local(tz, l.start).date();
        *weeks.entry(week_start(day, first_weekday)).or_default() += 1;
    }
    NoShowReport {
        from,
        to,
        totals,
        // Walk-ins without a card are grouped under their name (id 0 - n).
        per_customer: grouped(&lines, |l| (l.customer_id.unwrap_or(-l.appointment_id), l.customer.clone())),
        per_staff: grouped(&lines, |l| (l.staff_id, l.staff.clone())),
        per_service: grouped(&lines, |l| (l.service_id, l.service.clone())),
        per_week: weeks.into_iter().collect(),
        lines,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn line(day: u32, customer: i64, staff: i64, price: i64, repeated: bool) -> NoShowLine {
        NoShowLine {
            appointment_id: day as i64 * 100 + customer,
            start: chrono::Utc.with_ymd_and_hms(2026, 10, day, 9, 0, 0).unwrap(),
            customer_id: Some(customer),
            customer: format!("C{customer}"),
            staff_id: staff,
            staff: format!("S{staff}"),
            service_id: 1,
            service: "Cut".into(),
            price_cents: price,
            reason: String::new(),
            repeated,
            reached: None,
            fee_cents: None,
            fee_paid: false,
            deposit_cents: 0,
        }
    }

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 10, day).unwrap()
    }

    #[test]
    fn totals_count_first_repeated_reached_and_money() {
        let mut a = line(5, 1, 1, 5000, false);
        a.reached = Some(false);
        a.fee_cents = Some(2500);
        a.fee_paid = true;
        let mut b = line(12, 1, 2, 3000, true);
        b.reached = Some(true);
        b.deposit_cents = 1000;
        let c = line(20, 2, 1, 4000, false);
        let r = summarise(d(1), d(31), chrono_tz::Europe::Berlin, Weekday::Mon, vec![a, b, c]);
        let t = &r.totals;
        assert_eq!((t.count, t.first, t.repeated, t.reached, t.not_reached), (3, 2, 1, 1, 1));
        assert_eq!(
            (t.revenue_lost_cents, t.fees_invoiced_cents, t.fees_paid_cents, t.deposits_kept_cents),
            (12000, 2500, 2500, 1000)
        );
        assert_eq!(t.net_loss_cents(), 8500);
        assert_eq!(r.per_customer[0].name, "C1", "the most no-shows first");
        assert_eq!(r.per_customer[0].totals.count, 2);
        assert_eq!(
            r.per_staff.iter().map(|g| (g.name.as_str(), g.totals.count)).collect::<Vec<_>>(),
            [("S1", 2), ("S2", 1)]
        );
    }

    #[test]
    fn every_week_of_the_period_is_in_the_chart_even_without_no_shows() {
        let r = summarise(
            d(1),
            d(31),
            chrono_tz::Europe::Berlin,
            Weekday::Mon,
            vec![line(6, 1, 1, 100, false), line(7, 2, 1, 100, false)],
        );
        // October 2026: weeks starting Mon 28 Sep, 5, 12, 19, 26 Oct.
        assert_eq!(r.per_week.len(), 5);
        assert_eq!(r.per_week[1], (d(5), 2));
        assert_eq!(r.per_week.iter().map(|w| w.1).sum::<u32>(), 2);
    }
}
