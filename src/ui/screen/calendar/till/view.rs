//! How the till looks: the lines on the left (add, discount, remove), the
//! totals with VAT per rate and the payments on the right, and once it is
//! recorded, the record's number and the codes of the vouchers it sold.

use super::{CUSTOMER_ID, DiscountForm, Message, Till, ids};
use crate::domain::checkout::{Line, Method, Payment};
use crate::domain::voucher;
use crate::pdf::Printable;
use crate::ui::context::Ctx;
use crate::ui::i18n::{self, t, ta};
use crate::ui::theme;
use crate::ui::theme::font;
use crate::ui::widget::choice::{self, Choice};
use crate::ui::widget::error_line;
use crate::ui::words::discount_reason;
use iced::widget::{button, column, container, pick_list, row, rule, space, text, text_input};
use iced::{Alignment, Element, Length};

fn small_input<'a>(
    id: &'static str,
    placeholder: String,
    value: &'a str,
    on: fn(String) -> Message,
    submit: Message,
) -> Element<'a, Message> {
    text_input(&placeholder, value)
        .id(id)
        .on_input(on)
        .on_submit(submit)
        .padding([5, 8])
        .size(font::BODY)
        .width(Length::Fill)
        .style(theme::input)
        .into()
}

fn action<'a>(label: String, on: Message) -> iced::widget::Button<'a, Message> {
    button(text(label).size(font::BODY)).padding([5, 12]).style(theme::secondary).on_press(on)
}

impl Till {
    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        if let Some((record, sold)) = &self.recorded {
            return self.done_view(ctx, record, sold);
        }
        let lang = ctx.lang;
        let mut title = row![text(t(lang, "till-title")).size(font::DIALOG)].spacing(10).align_y(Alignment::Center);
        if let Some(a) = &self.appointment {
            let local = crate::domain::clock::to_local(ctx.data.salon.time_zone, a.slot.start);
            let about = crate::ui::words::joined(&[
                a.customer_name.as_str(),
                a.service_name.as_str(),
                &local.format("%H:%M").to_string(),
                &ctx.staff_name(a.staff_id),
            ]);
            title = title.push(text(about).size(font::BODY).color(theme::MUTED));
        }
        let mut body = column![title].spacing(12);
        if let Some(number) = self.already {
            body = body.push(
                text(ta(lang, "till-already", &[("number", number.to_string())]))
                    .size(font::BODY)
                    .color(theme::WARNING),
            );
        }
        let sides = row![
            container(self.lines_view(ctx)).width(Length::FillPortion(3)),
            container(self.pay_view(ctx)).width(Length::FillPortion(2)),
        ]
        .spacing(20);
        body = body.push(sides).push(error_line(lang, &self.error));
        let footer = row![
            space::horizontal(),
            button(text(t(lang, "button-close")).size(font::CONTROL))
                .padding([8, 16])
                .style(theme::secondary)
                .on_press(Message::Close),
            button(text(t(lang, "till-record")).size(font::CONTROL))
                .padding([8, 16])
                .style(theme::primary)
                .on_press_maybe((self.open() == 0 && !self.draft.lines.is_empty()).then_some(Message::Record)),
        ]
        .spacing(10);
        container(body.push(footer)).padding(22).width(900).style(theme::dialog).into()
    }

    fn customer_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let placeholder = t(lang, "till-customer-placeholder");
        self.customer.view(CUSTOMER_ID, placeholder, t(lang, "dialog-linked"), None).map(Message::Customer)
    }

    fn line_view<'a>(&'a self, ctx: &Ctx<'a>, i: usize, l: &'a Line) -> Element<'a, Message> {
        let lang = ctx.lang;
        let what = if l.quantity != 1 { format!("{} × {}", l.quantity, l.description) } else { l.description.clone() };
        let mut described = column![text(what).size(font::BODY)];
        if l.discount_cents != 0 {
            let said = format!("− {} · {}", ctx.money(l.discount_cents), discount_reason(lang, &l.discount_reason));
            described = described.push(text(said).size(font::SMALL).color(theme::SUCCESS));
        }
        let mut line = row![
            described.width(Length::Fill),
            text(ctx.money(l.total())).size(font::BODY).width(90).align_x(Alignment::End),
        ]
        .spacing(6)
        .align_y(Alignment::Center);
        if l.kind.is_goods() {
            line = line.push(
                button(text("%").size(font::LABEL))
                    .padding([2, 8])
                    .style(theme::secondary)
                    .on_press(Message::DiscountOn(Some(i))),
            );
        } else {
            line = line.push(space().width(30));
        }
        line.push(button(text("×").size(font::LABEL)).padding([2, 8]).style(theme::link).on_press(Message::Remove(i)))
            .into()
    }

    fn lines_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let label = |key: &str| text(t(lang, key)).size(font::LABEL).color(theme::MUTED);
        let mut col = column![].spacing(8);
        if self.appointment.is_none() {
            col = col.push(label("field-customer")).push(self.customer_view(ctx));
        }
        let mut lines = column![].spacing(4);
        for (i, l) in self.draft.lines.iter().enumerate() {
            lines = lines.push(self.line_view(ctx, i, l));
        }
        if self.draft.lines.is_empty() {
            lines = lines.push(text(t(lang, "till-empty")).size(font::BODY).color(theme::MUTED));
        }
        col = col.push(container(lines).padding(10).width(Length::Fill).style(theme::card));
        let services: Vec<Choice<i64>> = choice::services(ctx);
        let mut add = row![
            container(
                pick_list(services, None::<Choice<i64>>, |c| Message::AddService(c.id))
                    .placeholder(t(lang, "till-add-service"))
                    .text_size(font::BODY)
                    .width(Length::Fill)
            )
            .id(ids::ADD_SERVICE)
            .width(Length::Fill),
        ]
        .spacing(8);
        let products: Vec<Choice<i64>> = ctx
            .data
            .products
            .iter()
            .filter(|p| p.active)
            .map(|p| Choice::new(p.id, format!("{} · {}", p.name, ctx.money(p.price_cents))))
            .collect();
        if !products.is_empty() {
            add = add.push(
                container(
                    pick_list(products, None::<Choice<i64>>, |c| Message::AddProduct(c.id))
                        .placeholder(t(lang, "till-add-product"))
                        .text_size(font::BODY)
                        .width(Length::Fill),
                )
                .id(ids::ADD_PRODUCT)
                .width(Length::Fill),
            );
        }
        col = col.push(add);
        col = col.push(
            row![
                small_input(ids::TIP, t(lang, "till-tip"), &self.tip, Message::TipTyped, Message::AddTip),
                action(t(lang, "till-add-tip"), Message::AddTip),
            ]
            .spacing(6)
            .align_y(Alignment::Center),
        );
        if ctx.data.features.vouchers {
            col = col.push(
                row![
                    small_input(
                        ids::VOUCHER_VALUE,
                        t(lang, "till-voucher-value"),
                        &self.voucher_value,
                        Message::VoucherValueTyped,
                        Message::SellVoucher,
                    ),
                    action(t(lang, "till-sell-voucher"), Message::SellVoucher),
                ]
                .spacing(6)
                .align_y(Alignment::Center),
            );
        }
        match &self.discount {
            Some(form) => col = col.push(self.discount_view(ctx, form)),
            None if self.draft.lines.iter().any(|l| l.kind.is_goods()) => {
                col = col.push(action(t(lang, "till-discount-whole"), Message::DiscountOn(None)));
            }
            None => {}
        }
        col.into()
    }

    fn discount_view<'a>(&'a self, ctx: &Ctx<'a>, form: &'a DiscountForm) -> Element<'a, Message> {
        let lang = ctx.lang;
        let on = match form.line.and_then(|i| self.draft.lines.get(i)) {
            Some(l) => ta(lang, "till-discount-on", &[("line", l.description.clone())]),
            None => t(lang, "till-discount-on-whole"),
        };
        let reasons: Vec<Choice<String>> = ctx
            .data
            .discount_reasons
            .iter()
            .filter(|r| r.as_str() != "no_show")
            .map(|r| Choice::new(r.clone(), discount_reason(lang, r)))
            .collect();
        let panel = column![
            text(on).size(font::BODY),
            row![
                small_input(
                    ids::DISCOUNT,
                    t(lang, "till-discount-placeholder"),
                    &form.typed,
                    Message::DiscountTyped,
                    Message::ApplyDiscount
                ),
                pick_list(reasons.clone(), reasons.iter().find(|r| r.id == form.reason).cloned(), |c| {
                    Message::DiscountReason(c.id)
                })
                .placeholder(t(lang, "till-reason"))
                .text_size(font::BODY),
            ]
            .spacing(6)
            .align_y(Alignment::Center),
            row![
                button(text(t(lang, "till-apply")).size(font::BODY))
                    .style(theme::primary)
                    .on_press(Message::ApplyDiscount),
                action(t(lang, "button-back"), Message::CancelDiscount),
            ]
            .spacing(6),
        ]
        .spacing(6);
        container(panel).padding(10).width(Length::Fill).style(theme::card).into()
    }

    fn payment_label(&self, lang: crate::domain::Language, p: &Payment) -> String {
        let method = t(lang, method_key(p.method));
        match p.voucher_id.and_then(|id| self.voucher_codes.iter().find(|(v, _)| *v == id)) {
            Some((_, code)) => format!("{method} {}", voucher::printed(code)),
            None => method,
        }
    }

    fn pay_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let draft = &self.draft;
        let figure = |label: String, cents: i64, size: f32| {
            row![text(label).size(size).width(Length::Fill), text(ctx.money(cents)).size(size)]
                .align_y(Alignment::Center)
        };
        let mut col = column![figure(t(lang, "till-total"), draft.total(), font::SECTION)].spacing(6);
        for (rate, vat) in draft.vat_by_rate().into_iter().filter(|(r, _)| *r > 0) {
            let label = ta(lang, "till-vat", &[("rate", i18n::percent(lang, rate))]);
            col = col.push(row![
                text(label).size(font::LABEL).color(theme::MUTED).width(Length::Fill),
                text(ctx.money(vat)).size(font::LABEL).color(theme::MUTED)
            ]);
        }
        if let Some(points) = self.points {
            col = col.push(text(ta(lang, "till-points", &[("points", points.to_string())])).size(font::LABEL));
        }
        if let Some(reward) = self.reward_ready(ctx) {
            let off = match reward {
                crate::domain::checkout::Discount::Percent(p) => format!("{p} %"),
                crate::domain::checkout::Discount::Amount(c) => ctx.money(c),
            };
            col = col.push(
                button(text(ta(lang, "till-redeem-reward", &[("reward", off)])).size(font::BODY))
                    .style(theme::primary)
                    .on_press(Message::RedeemReward),
            );
        }
        col = col.push(rule::horizontal(1));
        for (i, p) in self.draft.payments.iter().enumerate() {
            col = col.push(
                row![
                    text(self.payment_label(lang, p)).size(font::BODY).width(Length::Fill),
                    text(ctx.money(p.cents)).size(font::BODY),
                    button(text("×").size(font::LABEL))
                        .padding([2, 8])
                        .style(theme::link)
                        .on_press(Message::RemovePayment(i)),
                ]
                .spacing(6)
                .align_y(Alignment::Center),
            );
        }
        let open = draft.open();
        let open_colour = if open == 0 { theme::SUCCESS } else { theme::INK };
        col = col.push(row![
            text(t(lang, if open < 0 { "till-overpaid" } else { "till-open" })).size(font::CONTROL).width(Length::Fill),
            text(ctx.money(open.abs())).size(font::CONTROL).color(open_colour)
        ]);
        if self.change > 0 {
            col = col.push(
                text(ta(lang, "till-change", &[("amount", ctx.money(self.change))]))
                    .size(font::CONTROL)
                    .color(theme::WARNING),
            );
        }
        if open > 0 {
            let mut methods = row![small_input(
                ids::AMOUNT,
                ctx.money(open),
                &self.amount,
                Message::AmountTyped,
                Message::Pay(Method::Card)
            )]
            .spacing(4)
            .align_y(Alignment::Center);
            for m in [Method::Cash, Method::Card, Method::Other] {
                methods = methods.push(
                    button(text(t(lang, method_key(m))).size(font::BODY))
                        .padding([5, 10])
                        .style(theme::primary)
                        .on_press(Message::Pay(m)),
                );
            }
            col = col.push(methods);
            if ctx.data.features.vouchers {
                col = col.push(
                    row![
                        small_input(
                            ids::CODE,
                            t(lang, "till-voucher-code"),
                            &self.code,
                            Message::CodeTyped,
                            Message::Redeem
                        ),
                        action(t(lang, "till-redeem"), Message::Redeem),
                    ]
                    .spacing(4)
                    .align_y(Alignment::Center),
                );
            }
        }
        if ctx.data.features.own_till {
            col =
                col.push(text(t(lang, "till-receipt-number")).size(font::LABEL).color(theme::MUTED)).push(small_input(
                    ids::RECEIPT,
                    String::new(),
                    &self.draft.till_receipt,
                    Message::TillReceiptTyped,
                    Message::Record,
                ));
        }
        col.into()
    }

    fn done_view<'a>(
        &'a self,
        ctx: &Ctx<'a>,
        record: &'a crate::store::checkout::Record,
        sold: &'a [crate::store::Voucher],
    ) -> Element<'a, Message> {
        let lang = ctx.lang;
        let key = if ctx.data.features.own_till { "till-summary-recorded" } else { "till-recorded" };
        let mut body = column![
            text(ta(lang, key, &[("number", record.number.to_string())])).size(font::DIALOG),
            text(ta(lang, "till-recorded-total", &[("total", ctx.money(record.draft.total()))])).size(font::LEAD),
        ]
        .spacing(12);
        for v in sold {
            let until = ta(lang, "till-voucher-until", &[("date", i18n::date_numeric(lang, v.expires_on))]);
            body = body.push(
                container(
                    column![
                        text(ta(lang, "till-voucher-sold", &[("value", ctx.money(v.value_cents))])).size(font::BODY),
                        text(voucher::printed(&v.code)).size(font::FIGURE).font(iced::Font::MONOSPACE),
                        row![
                            text(until).size(font::LABEL).color(theme::MUTED).width(Length::Fill),
                            action(t(lang, "till-print-voucher"), Message::Print(Printable::Voucher(v.id))),
                        ]
                        .align_y(Alignment::Center),
                    ]
                    .spacing(4),
                )
                .padding(12)
                .style(theme::card),
            );
        }
        match &self.mailed {
            Some(Some(to)) => {
                body = body.push(text(ta(lang, "till-emailed", &[("address", to.clone())])).size(font::BODY))
            }
            Some(None) => body = body.push(text(t(lang, "till-no-email")).size(font::BODY).color(theme::WARNING)),
            None => {}
        }
        body = body.push(error_line(lang, &self.error));
        let print = if ctx.data.features.own_till { "till-print-summary" } else { "till-print-receipt" };
        let mut footer = row![action(t(lang, print), Message::Print(Printable::Record(record.id)))].spacing(10);
        if record.draft.customer_id.is_some() && self.mailed.is_none() {
            footer = footer.push(action(t(lang, "till-email-summary"), Message::MailSummary));
        }
        let footer = footer.push(space::horizontal()).push(
            button(text(t(lang, "button-close")).size(font::CONTROL))
                .padding([8, 16])
                .style(theme::primary)
                .on_press(Message::Close),
        );
        container(body.push(footer.align_y(Alignment::Center))).padding(22).width(600).style(theme::dialog).into()
    }
}

pub fn method_key(m: Method) -> &'static str {
    match m {
        Method::Cash => "method-cash",
        Method::Card => "method-card",
        Method::Other => "method-other",
        Method::Deposit => "method-deposit",
        Method::Invoice => "method-invoice",
        Method::Voucher => "method-voucher",
    }
}
