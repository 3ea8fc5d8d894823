//! The call-to-confirm list: tomorrow's risky and new customers, to call
//! with one click and tick as confirmed.

use super::{CallList, Message};
use crate::domain::clock;
use crate::message::defaults::Channel;
use crate::store::OutboxState;
use crate::ui::context::Ctx;
use crate::ui::i18n::{self, t};
use crate::ui::theme;
use crate::ui::theme::font;
use crate::ui::widget::time_grid;
use crate::ui::words::joined;
use iced::widget::{button, column, container, row, space, text};
use iced::{Alignment, Element, Length};

/// Tomorrow's risky and new customers, to call and tick as confirmed.
pub(super) fn view<'a>(ctx: &Ctx<'a>, list: &'a CallList) -> Element<'a, Message> {
    let lang = ctx.lang;
    let tz = ctx.data.salon.time_zone;
    let mut rows = column![
        text(crate::ui::i18n::ta(lang, "calllist-title", &[("date", i18n::date_long(lang, list.date))]))
            .size(font::HEADING),
        text(t(lang, "calllist-hint")).size(font::LABEL).color(theme::MUTED),
    ]
    .spacing(8);
    if list.rows.is_empty() {
        rows = rows.push(text(t(lang, "calllist-empty")).size(font::BODY).color(theme::MUTED));
    }
    for entry in &list.rows {
        let (a, risk) = (&entry.appointment, &entry.risk);
        let time = clock::to_local(tz, a.slot.start).format("%H:%M").to_string();
        let mut marks = row![].spacing(4);
        if risk.level > crate::domain::risk::RiskLevel::Low {
            marks = marks.push(time_grid::risk_mark(lang, risk, false));
        }
        if a.first_visit && a.is_linked() {
            marks = marks.push(crate::ui::widget::pill(t(lang, "mark-new"), theme::TEAL));
        }
        let call: Element<'a, Message> = if a.customer_phone.is_empty() {
            text(t(lang, "calllist-no-phone")).size(font::LABEL).color(theme::MUTED).into()
        } else {
            button(text(t(lang, "button-call")).size(font::LABEL))
                .style(theme::primary)
                .on_press(Message::Call(a.customer_phone.clone()))
                .into()
        };
        let ask: Element<'a, Message> = match entry.asked {
            // Dropped (confirmed meanwhile, say): it may be asked again.
            // A walk-in's name without a card has no number or address to ask.
            None | Some((_, OutboxState::Cancelled)) if !entry.confirmed && a.is_linked() => {
                button(text(t(lang, "calllist-ask")).size(font::LABEL))
                    .style(theme::secondary)
                    .on_press(Message::AskToConfirm(a.id))
                    .into()
            }
            None | Some((_, OutboxState::Cancelled)) => space::horizontal().width(0).into(),
            Some((channel, state)) => {
                let (key, colour) = match (state, channel) {
                    (OutboxState::Sent, Channel::Sms) => ("calllist-asked-sms", theme::MUTED),
                    (OutboxState::Sent, Channel::Email) => ("calllist-asked-email", theme::MUTED),
                    (OutboxState::Failed, _) => ("calllist-ask-failed", theme::DANGER),
                    _ => ("calllist-ask-waiting", theme::MUTED),
                };
                text(t(lang, key)).size(font::SMALL).color(colour).width(160).into()
            }
        };
        let line = row![
            text(time).size(font::BODY).width(50),
            column![
                row![text(a.customer_name.clone()).size(font::BODY), marks].spacing(6).align_y(Alignment::Center),
                text(joined(&[a.customer_phone.clone(), a.service_name.clone(), ctx.staff_name(a.staff_id)]))
                    .size(font::SMALL)
                    .color(theme::MUTED),
                text(time_grid::risk_reasons(lang, risk)).size(font::SMALL).color(theme::MUTED),
            ]
            .width(Length::Fill),
            call,
            ask,
            iced::widget::checkbox(entry.confirmed).label(t(lang, "calllist-confirmed")).on_toggle({
                let id = a.id;
                move |on| Message::Confirm(id, on)
            }),
        ]
        .spacing(10)
        .align_y(Alignment::Center);
        rows = rows.push(container(line).padding([6, 0]));
    }
    let footer = row![
        space::horizontal(),
        button(text(t(lang, "button-close")).size(font::CONTROL))
            .padding([8, 16])
            .style(theme::secondary)
            .on_press(Message::CloseCallList)
    ];
    // Room on the right so the scrollbar never covers the ticks.
    let rows = rows.padding(iced::Padding { right: 20.0, ..iced::Padding::ZERO });
    container(column![iced::widget::scrollable(rows).height(Length::Fill), footer].spacing(12))
        .padding(24)
        .width(820)
        .height(560)
        .style(theme::dialog)
        .into()
}
