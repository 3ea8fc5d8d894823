//! Messages › Outbox: what was sent, what waits, what failed (with its
//! error and a retry button).

use super::{Message, State};
use crate::domain::clock;
use crate::store::{OutboxState, OutboxView};
use crate::ui::context::Ctx;
use crate::ui::i18n::{self, t, ta};
use crate::ui::theme;
use crate::ui::theme::font;
use crate::ui::widget::{heading, pill};
use crate::ui::words::{channel_key, kind_key, outbox_state_key};
use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Alignment, Element, Length};

impl State {
    pub(super) fn outbox_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let tz = ctx.data.salon.time_zone;
        let choice = |label: &str, view: OutboxView| {
            button(text(t(lang, label)).size(font::BODY))
                .style(theme::toggle(self.view == view))
                .on_press(Message::View(view))
        };
        let choices = row![
            choice("outbox-failed", OutboxView::Failed),
            choice("outbox-waiting", OutboxView::Waiting),
            choice("outbox-sent", OutboxView::Sent),
        ]
        .spacing(6);
        let mut rows = column![].spacing(6);
        for m in &self.loaded.outbox {
            let local = clock::to_local(tz, m.due_at);
            let state_colour = match m.state {
                OutboxState::Failed => theme::DANGER,
                OutboxState::Sent => theme::SUCCESS,
                _ => theme::TEAL,
            };
            let what = format!("{} · {}", t(lang, kind_key(m.kind)), t(lang, channel_key(m.channel)));
            let mut line = row![
                text(format!("{} {}", i18n::date_short(lang, local.date()), local.format("%H:%M")))
                    .size(font::BODY)
                    .width(120),
                pill(t(lang, outbox_state_key(m.state)), state_colour),
                text(what).size(font::BODY).width(220),
                text(m.recipient.clone()).size(font::BODY).width(Length::Fill),
            ]
            .spacing(10)
            .align_y(Alignment::Center);
            if m.state == OutboxState::Failed {
                line = line.push(
                    button(text(t(lang, "outbox-retry")).size(font::BODY))
                        .style(theme::primary)
                        .on_press(Message::Retry(m.id)),
                );
            }
            let mut entry = column![line].spacing(2);
            if m.state == OutboxState::Failed {
                let next = match m.next_at {
                    Some(at) => {
                        let l = clock::to_local(tz, at);
                        ta(lang, "outbox-retry-at", &[("time", l.format("%H:%M").to_string())])
                    }
                    None => t(lang, "outbox-gave-up"),
                };
                entry = entry.push(text(format!("{} — {}", m.last_error, next)).size(font::LABEL).color(theme::DANGER));
            }
            rows = rows.push(container(entry).padding([6, 10]).style(theme::card).width(Length::Fill));
        }
        if self.loaded.outbox.is_empty() {
            rows = rows.push(text(t(lang, "outbox-empty")).size(font::BODY).color(theme::MUTED));
        }
        column![heading(t(lang, "outbox-title")), choices, scrollable(rows).height(Length::Fill)].spacing(10).into()
    }
}
