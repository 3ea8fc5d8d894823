//! How the appointment dialog looks: who and what, when, the customer
//! (linked, suggested, or a walk-in name), warnings, the state buttons and
//! the reason panel for a no-show or a cancellation.

use super::{CANCEL_REASONS, CUSTOMER_ID, Dialog, Message, NO_SHOW_REASONS};
use crate::domain::clock;
use crate::domain::desk_rules::DeskWarning;
use crate::domain::{Appointment, AppointmentState, Source};
use crate::ui::context::Ctx;
use crate::ui::i18n::{self, t, ta};
use crate::ui::theme;
use crate::ui::theme::font;
use crate::ui::widget::choice;
use crate::ui::widget::time_grid::state_key;
use crate::ui::widget::{error_line, pill, reliability};
use crate::ui::words::problem_text;
use iced::widget::text::Wrapping;
use iced::widget::{button, column, container, pick_list, row, space, text, text_input};
use iced::{Alignment, Element, Length};

impl Dialog {
    fn warning_text(&self, ctx: &Ctx, w: &DeskWarning) -> String {
        let lang = ctx.lang;
        let staff = self.staff.as_ref().map(|s| s.label.clone()).unwrap_or_default();
        match w {
            DeskWarning::PreferredStaff { preferred: Some(id) } => ta(
                lang,
                "warning-preferred-staff",
                &[("customer", self.customer_query.clone()), ("preferred", ctx.staff_name(*id)), ("staff", staff)],
            ),
            DeskWarning::PreferredStaff { preferred: None } => {
                ta(lang, "warning-staff-change", &[("customer", self.customer_query.clone()), ("staff", staff)])
            }
            DeskWarning::Limit { max, days } => {
                ta(lang, "warning-limit", &[("max", max.to_string()), ("days", days.to_string())])
            }
            DeskWarning::Absent { reason } => {
                ta(lang, "warning-absent", &[("staff", staff), ("reason", reason.clone())])
            }
            DeskWarning::DayOff => ta(lang, "warning-day-off", &[("staff", staff)]),
            DeskWarning::OutsideHours => ta(lang, "warning-outside-hours", &[("staff", staff)]),
            DeskWarning::InThePast => t(lang, "warning-past"),
        }
    }

    /// What went wrong, and after an overlap that no free time was found.
    fn error_view<'a>(&self, lang: crate::domain::Language) -> Element<'a, Message> {
        if !self.no_free {
            return error_line(lang, &self.error);
        }
        let said = self.error.as_ref().map(|p| problem_text(lang, p)).unwrap_or_default();
        text(format!("{said} {}", t(lang, "calendar-no-free"))).size(font::BODY).color(theme::DANGER).into()
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let label = |key: &str| text(t(lang, key)).size(font::LABEL).color(theme::MUTED);
        let mut title = row![
            text(t(lang, if self.original.is_some() { "dialog-edit-title" } else { "dialog-new-title" }))
                .size(font::DIALOG)
        ]
        .spacing(10)
        .align_y(Alignment::Center);
        if let Some(a) = &self.original {
            let colour = match a.state {
                AppointmentState::NoShow => theme::DANGER,
                AppointmentState::Cancelled => theme::MUTED,
                AppointmentState::Arrived | AppointmentState::Completed => theme::SUCCESS,
                AppointmentState::Booked => theme::TEAL,
            };
            title = title.push(pill(t(lang, state_key(a.state)), colour));
            if !a.reason.is_empty() {
                title = title.push(text(a.reason.clone()).size(font::BODY).color(theme::MUTED));
            }
            if a.awaiting_deposit {
                title =
                    title.push(text(t(lang, "appointment-awaiting-deposit")).size(font::LABEL).color(theme::DANGER));
            }
        }
        let who_what = row![
            column![
                label("field-staff"),
                pick_list(choice::staff(ctx), self.staff.clone(), Message::StaffPicked).width(Length::Fill)
            ]
            .spacing(3)
            .width(Length::FillPortion(2)),
            column![
                label("field-service"),
                pick_list(choice::services(ctx), self.service.clone(), Message::ServicePicked).width(Length::Fill)
            ]
            .spacing(3)
            .width(Length::FillPortion(3)),
        ]
        .spacing(12);
        let input = |value: &'a str, on: fn(String) -> Message| {
            text_input("", value)
                .on_input(on)
                .on_submit(Message::Save)
                .padding([6, 8])
                .size(font::CONTROL)
                .style(theme::input)
        };
        let when = row![
            column![label("field-date"), input(&self.date, Message::DateTyped)]
                .spacing(3)
                .width(Length::FillPortion(3)),
            column![label("field-time"), input(&self.time, Message::TimeTyped)]
                .spacing(3)
                .width(Length::FillPortion(2)),
            column![label("field-minutes"), input(&self.minutes, Message::MinutesTyped)]
                .spacing(3)
                .width(Length::FillPortion(2)),
            column![label("field-deposit"), input(&self.deposit, Message::DepositTyped)]
                .spacing(3)
                .width(Length::FillPortion(2)),
        ]
        .spacing(12);

        let mut body = column![title, who_what, when, self.customer_view(ctx)].spacing(14);
        body = body.push(self.error_view(lang));
        for w in &self.warnings {
            body = body.push(text(self.warning_text(ctx, w)).size(font::BODY).color(theme::WARNING));
        }
        if let Some(at) = self.next_free {
            let local = clock::to_local(ctx.data.salon.time_zone, at);
            let when = format!("{} {}", i18n::date_short(lang, local.date()), local.format("%H:%M"));
            body = body.push(
                button(text(ta(lang, "calendar-next-free", &[("time", when)])).size(font::CONTROL))
                    .style(theme::primary)
                    .on_press(Message::TakeNextFree),
            );
        }
        if let Some(state) = self.asking {
            body = body.push(self.reason_view(ctx, state));
        } else if let Some(a) = &self.original {
            body = body.push(state_buttons(ctx, a));
        }
        let footer = row![
            space::horizontal(),
            button(text(t(lang, "button-close")).size(font::CONTROL))
                .padding([8, 16])
                .style(theme::secondary)
                .on_press(Message::Close),
            button(
                text(t(lang, if self.warnings.is_empty() { "button-save" } else { "button-book-anyway" }))
                    .size(font::CONTROL)
            )
            .padding([8, 16])
            .style(theme::primary)
            .on_press(Message::Save),
        ]
        .spacing(10);
        container(body.push(footer)).padding(24).width(600).style(theme::dialog).into()
    }

    fn customer_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let field = text_input(&t(lang, "dialog-customer-placeholder"), &self.customer_query)
            .id(CUSTOMER_ID)
            .on_input(Message::CustomerTyped)
            .on_submit(Message::Save)
            .padding([6, 8])
            .size(font::CONTROL)
            .style(theme::input);
        let status: Element<'a, Message> = match &self.linked {
            Some(c) => row![
                pill(t(lang, "dialog-linked"), theme::SUCCESS),
                reliability::status_dot(ctx.status(c.status_id)),
                text(crate::ui::words::joined(&[&c.name, &c.phone])).size(font::LABEL),
                space::horizontal(),
                button(text(t(lang, "dialog-open-card")).size(font::LABEL))
                    .style(theme::link)
                    .on_press(Message::OpenCard(c.id)),
                button(text(t(lang, "dialog-unlink")).size(font::LABEL)).style(theme::link).on_press(Message::Unlink),
            ]
            .spacing(8)
            .align_y(Alignment::Center)
            .into(),
            None if !self.customer_query.trim().is_empty() => row![
                pill(t(lang, "mark-not-linked"), theme::WARNING),
                text(t(lang, "dialog-walk-in-hint")).size(font::LABEL).color(theme::MUTED),
            ]
            .spacing(8)
            .align_y(Alignment::Center)
            .into(),
            None => text(t(lang, "dialog-customer-hint")).size(font::LABEL).color(theme::MUTED).into(),
        };
        let mut list = column![].spacing(2);
        for hit in &self.suggestions {
            let line = row![
                reliability::status_dot(ctx.status(hit.status_id)),
                text(hit.name.clone()).size(font::BODY).width(Length::FillPortion(3)),
                text(hit.phone.clone()).size(font::LABEL).color(theme::MUTED).width(Length::FillPortion(2)),
                container(text(hit.email.clone()).size(font::LABEL).color(theme::MUTED).wrapping(Wrapping::None))
                    .width(Length::FillPortion(3))
                    .clip(true),
                reliability::mini(lang, hit.reliability),
            ]
            .spacing(8)
            .align_y(Alignment::Center);
            list = list.push(
                button(line)
                    .width(Length::Fill)
                    .padding([4, 8])
                    .style(theme::list_row(false))
                    .on_press(Message::Pick(hit.clone())),
            );
        }
        column![text(t(lang, "field-customer")).size(font::LABEL).color(theme::MUTED), field, status, list]
            .spacing(4)
            .into()
    }

    fn reason_view<'a>(&'a self, ctx: &Ctx<'a>, state: AppointmentState) -> Element<'a, Message> {
        let lang = ctx.lang;
        let presets = if state == AppointmentState::NoShow { NO_SHOW_REASONS } else { CANCEL_REASONS };
        let mut choices = row![].spacing(6);
        for key in presets {
            let chosen = self.reason == t(lang, key);
            choices = choices.push(
                button(text(t(lang, key)).size(font::LABEL))
                    .style(theme::toggle(chosen))
                    .on_press(Message::ReasonPreset(key)),
            );
        }
        let confirm_key =
            if state == AppointmentState::NoShow { "dialog-confirm-no-show" } else { "dialog-confirm-cancel" };
        let mut panel = column![
            text(t(
                lang,
                if state == AppointmentState::NoShow { "dialog-no-show-reason" } else { "dialog-cancel-reason" }
            ))
            .size(font::CONTROL),
            choices,
            text_input(&t(lang, "dialog-reason-placeholder"), &self.reason)
                .on_input(Message::ReasonTyped)
                .on_submit(Message::ConfirmReason)
                .padding([6, 8])
                .style(theme::input),
        ]
        .spacing(8);
        if state == AppointmentState::NoShow {
            // The register asks whether the customer could be reached (seed 003).
            let mut reached =
                row![text(t(lang, "dialog-reached")).size(font::BODY)].spacing(6).align_y(Alignment::Center);
            for (value, key) in [(Some(true), "reached-yes"), (Some(false), "reached-no"), (None, "reached-not-tried")]
            {
                reached = reached.push(
                    button(text(t(lang, key)).size(font::LABEL))
                        .style(theme::toggle(self.reached == value))
                        .on_press(Message::Reached(value)),
                );
            }
            panel = panel.push(reached);
        }
        panel
            .push(
                row![
                    button(text(t(lang, confirm_key)).size(font::BODY))
                        .style(theme::danger)
                        .on_press(Message::ConfirmReason),
                    button(text(t(lang, "button-back")).size(font::BODY))
                        .style(theme::secondary)
                        .on_press(Message::BackFromReason),
                ]
                .spacing(8),
            )
            .into()
    }
}

fn state_buttons<'a>(ctx: &Ctx<'a>, a: &Appointment) -> Element<'a, Message> {
    use AppointmentState::*;
    let lang = ctx.lang;
    let mut buttons = row![].spacing(8);
    // With the till on, "Completed" is what checking out does.
    let checks_out = ctx.data.features.checkout && crate::ui::screen::calendar::till::Till::can_check_out(a, ctx.now);
    if checks_out {
        buttons = buttons.push(
            button(text(t(lang, "till-check-out")).size(font::BODY))
                .padding([6, 12])
                .style(theme::primary)
                .on_press(Message::CheckOut),
        );
    }
    for (state, key) in [
        (Arrived, "action-arrived"),
        (Completed, "action-completed"),
        (NoShow, "action-no-show"),
        (Cancelled, "action-cancel"),
        (Booked, "action-undo"),
    ] {
        if a.state.can_become(state) {
            let style = if state == NoShow { theme::danger } else { theme::secondary };
            buttons = buttons.push(
                button(text(t(lang, key)).size(font::BODY))
                    .padding([6, 12])
                    .style(style)
                    .on_press(Message::Mark(state)),
            );
        }
    }
    let origin = ta(
        lang,
        "dialog-created",
        &[
            ("who", t(lang, if a.source == Source::Kiosk { "source-kiosk" } else { "source-desk" })),
            ("when", {
                let local = clock::to_local(ctx.data.salon.time_zone, a.created_at);
                format!("{} {}", i18n::date_short(lang, local.date()), local.format("%H:%M"))
            }),
        ],
    );
    column![buttons, text(origin).size(font::SMALL).color(theme::MUTED)].spacing(6).into()
}
