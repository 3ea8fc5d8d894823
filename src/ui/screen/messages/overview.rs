//! Messages › Overview: appointments with and without a reminder, last and
//! next 7 days, and reminders switched on by hand.

use super::{Message, State, Week};
use crate::domain::{Appointment, clock};
use crate::store::ReminderOverview;
use crate::ui::context::Ctx;
use crate::ui::i18n::{self, t, ta};
use crate::ui::theme;
use crate::ui::theme::font;
use crate::ui::widget::{heading, pie::pie};
use iced::widget::{button, checkbox, column, container, row, scrollable, space, text};
use iced::{Alignment, Element, Length};

impl State {
    pub(super) fn overview_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let week = |label: &str, o: &ReminderOverview, which: Week| {
            let without = o.without.len();
            let card = column![
                text(t(lang, label)).size(font::LEAD),
                pie(o.with, without, 150.0),
                text(ta(lang, "overview-with", &[("count", o.with.to_string())]))
                    .size(font::BODY)
                    .color(theme::SUCCESS),
                text(ta(lang, "overview-without", &[("count", without.to_string())]))
                    .size(font::BODY)
                    .color(theme::WARNING),
            ]
            .spacing(8)
            .align_x(Alignment::Center);
            button(container(card).padding(16).style(theme::card))
                .style(theme::link)
                .on_press(Message::Without(Some(which)))
        };
        let pies = row![
            week("overview-last-7", &self.loaded.past, Week::Past),
            week("overview-next-7", &self.loaded.next, Week::Next)
        ]
        .spacing(16);
        let mut page =
            column![heading(t(lang, "overview-title")), text(t(lang, "overview-hint")).size(font::BODY), pies]
                .spacing(12);
        if let Some(which) = self.without {
            let (list, upcoming) = match which {
                Week::Past => (&self.loaded.past.without, false),
                Week::Next => (&self.loaded.next.without, true),
            };
            page = page.push(self.without_list(ctx, list, upcoming));
        }
        scrollable(page).into()
    }

    fn without_list<'a>(&'a self, ctx: &Ctx<'a>, list: &'a [Appointment], upcoming: bool) -> Element<'a, Message> {
        let lang = ctx.lang;
        let tz = ctx.data.salon.time_zone;
        let mut rows = column![text(t(lang, "overview-without-title")).size(font::LEAD)].spacing(4);
        for a in list {
            let local = clock::to_local(tz, a.slot.start);
            let when = format!("{} {}", i18n::date_short(lang, local.date()), local.format("%H:%M"));
            let remind: Element<'a, Message> = if upcoming && a.customer_id.is_some() && a.slot.start > ctx.now {
                checkbox(false)
                    .label(t(lang, "overview-remind"))
                    .on_toggle(move |_| Message::Remind(a.id))
                    .size(font::LEAD)
                    .into()
            } else if a.customer_id.is_none() {
                text(t(lang, "overview-not-linked")).size(font::LABEL).color(theme::MUTED).into()
            } else {
                space::horizontal().width(0).into()
            };
            rows = rows.push(
                row![
                    text(when).size(font::BODY).width(130),
                    text(a.customer_name.clone()).size(font::BODY).width(220),
                    text(a.service_name.clone()).size(font::BODY).width(Length::Fill),
                    remind,
                ]
                .spacing(10)
                .align_y(Alignment::Center),
            );
        }
        if list.is_empty() {
            rows = rows.push(text(t(lang, "overview-all-reminded")).size(font::BODY).color(theme::MUTED));
        }
        container(rows).padding([12, 28]).style(theme::card).width(Length::Fill).into()
    }
}
