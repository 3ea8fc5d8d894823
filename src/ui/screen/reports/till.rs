//! Reports › Vouchers and › Referrals: what the salon owes for the vouchers
//! it sold (sold, redeemed, outstanding, expired) with each voucher's state,
//! and who sent whom, with the reward given or still to come. Both as they
//! stand today, whatever the period above says.

use super::Message;
use crate::domain::voucher::Usable;
use crate::store::{Referral, Store, StoreError, Voucher, VoucherTotals};
use crate::ui::context::Ctx;
use crate::ui::i18n::{self, t, ta};
use crate::ui::theme::{self, font};
use chrono::NaiveDate;
use iced::widget::{column, container, row, text};
use iced::{Element, Length};

/// So many rows are listed; the totals count them all.
const LISTED: usize = 200;

#[derive(Debug, Clone, Default)]
pub struct TillLists {
    pub totals: VoucherTotals,
    pub vouchers: Vec<Voucher>,
    pub referrals: Vec<Referral>,
}

impl TillLists {
    pub fn read(store: &Store, today: NaiveDate) -> Result<TillLists, StoreError> {
        let vouchers = store.vouchers()?;
        let totals = VoucherTotals::of(&vouchers, today);
        Ok(TillLists { totals, vouchers, referrals: store.referrals()? })
    }
}

fn figure<'a>(title: String, cents: String) -> Element<'a, Message> {
    container(column![text(title).size(font::LABEL).color(theme::MUTED), text(cents).size(font::FIGURE)].spacing(2))
        .padding(12)
        .width(Length::Fill)
        .style(theme::card)
        .into()
}

/// A voucher's code is money: the list shows its last four characters only.
fn code_end(code: &str) -> String {
    let tail: String = code.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
    format!("…{tail}")
}

pub fn vouchers<'a>(ctx: &Ctx<'a>, lists: &'a TillLists) -> Element<'a, Message> {
    let lang = ctx.lang;
    let tt = &lists.totals;
    let totals = row![
        figure(t(lang, "vouchers-sold"), ctx.money(tt.sold_cents)),
        figure(t(lang, "vouchers-redeemed"), ctx.money(tt.redeemed_cents)),
        figure(t(lang, "vouchers-outstanding"), ctx.money(tt.outstanding_cents)),
        figure(t(lang, "vouchers-expired"), ctx.money(tt.expired_cents)),
    ]
    .spacing(10);
    let cell = |s: String, w: f32| text(s).size(font::BODY).width(w);
    let mut list = column![
        row![
            cell(t(lang, "vouchers-code"), 110.0),
            cell(t(lang, "vouchers-sold-on"), 120.0),
            cell(t(lang, "vouchers-value"), 120.0),
            cell(t(lang, "vouchers-left"), 120.0),
            cell(t(lang, "vouchers-until"), 120.0),
            cell(t(lang, "vouchers-state"), 160.0),
        ]
        .spacing(8)
    ]
    .spacing(4);
    let today = ctx.today();
    for v in lists.vouchers.iter().take(LISTED) {
        let (state, colour) = match v.usable(today) {
            Usable::Yes(_) => ("voucher-state-open", theme::SUCCESS),
            Usable::UsedUp => ("voucher-state-used-up", theme::MUTED),
            Usable::Expired => ("voucher-state-expired", theme::WARNING),
            Usable::Void => ("voucher-state-void", theme::MUTED),
        };
        let left = if v.void { 0 } else { v.value_cents - v.used_cents };
        list = list.push(
            row![
                cell(code_end(&v.code), 110.0).font(iced::Font::MONOSPACE),
                cell(i18n::date_numeric(lang, v.sold_on), 120.0),
                cell(ctx.money(v.value_cents), 120.0),
                cell(ctx.money(left), 120.0),
                cell(i18n::date_numeric(lang, v.expires_on), 120.0),
                text(t(lang, state)).size(font::BODY).color(colour),
            ]
            .spacing(8),
        );
    }
    if lists.vouchers.len() > LISTED {
        let more = (lists.vouchers.len() - LISTED).to_string();
        list = list.push(text(ta(lang, "reports-more-rows", &[("count", more)])).size(font::LABEL).color(theme::MUTED));
    }
    if lists.vouchers.is_empty() {
        list = list.push(text(t(lang, "vouchers-none")).size(font::BODY).color(theme::MUTED));
    }
    column![totals, container(list).padding(12).width(Length::Fill).style(theme::card)].spacing(14).into()
}

pub fn referrals<'a>(ctx: &Ctx<'a>, lists: &'a TillLists) -> Element<'a, Message> {
    let lang = ctx.lang;
    let rewarded = lists.referrals.iter().filter(|r| r.rewarded.is_some()).count();
    let waiting = lists.referrals.len() - rewarded;
    let said = ta(lang, "referrals-summary", &[("rewarded", rewarded.to_string()), ("waiting", waiting.to_string())]);
    let mut list = column![text(said).size(font::CONTROL)].spacing(6);
    for r in lists.referrals.iter().take(LISTED) {
        let state = match r.rewarded {
            Some((points, at)) => {
                let day = crate::domain::clock::to_local(ctx.data.salon.time_zone, at).date();
                let vars = [("points", points.to_string()), ("date", i18n::date_numeric(lang, day))];
                text(ta(lang, "referral-rewarded", &vars)).size(font::BODY).color(theme::SUCCESS)
            }
            None => text(t(lang, "referral-waiting")).size(font::BODY).color(theme::MUTED),
        };
        let who = ta(lang, "referral-who", &[("referred", r.referred.clone()), ("referrer", r.referrer.clone())]);
        list = list
            .push(row![text(who).size(font::BODY).width(Length::FillPortion(3)), state.width(Length::FillPortion(2))]);
    }
    if lists.referrals.is_empty() {
        list = list.push(text(t(lang, "referrals-none")).size(font::BODY).color(theme::MUTED));
    }
    container(list).padding(12).width(Length::Fill).style(theme::card).into()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_list_shows_only_the_end_of_a_code() {
        assert_eq!(super::code_end("RJ66MKKA5N2W"), "…5N2W");
    }
}
