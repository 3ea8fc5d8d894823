//! Messages › Sending: mail server, SMS gateway, quiet hours and the
//! reminder rules.

use super::{Message, State};
use crate::domain::reminder::{ReminderRule, When};
use crate::domain::{Language, clock};
use crate::message::config::KEYS;
use crate::message::defaults::Channel;
use crate::ui::context::Ctx;
use crate::ui::i18n::{t, ta};
use crate::ui::theme;
use crate::ui::theme::font;
use crate::ui::widget::choice::Choice;
use crate::ui::widget::heading;
use crate::ui::widget::setting_input;
use crate::ui::words::channel_key;
use iced::widget::{button, checkbox, column, pick_list, row, scrollable, space, text, text_input};
use iced::{Alignment, Element};

impl State {
    pub(super) fn sending_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let mut form = column![heading(t(lang, "sending-title"))].spacing(6);
        let mut fields = row![].spacing(12);
        let mut count = 0;
        let mut group = "smtp";
        let sending = |name: &str| ["smtp.", "sms.", "messages."].iter().any(|p| name.starts_with(p));
        for (i, (key, value)) in KEYS.iter().zip(&self.config).enumerate().filter(|(_, (k, _))| sending(k.name)) {
            // A row per kind of setting: mail server, SMS gateway, message details.
            let prefix = key.name.split('.').next().unwrap_or_default();
            if prefix != group && count % 4 != 0 {
                form = form.push(fields);
                fields = row![].spacing(12);
                count = 0;
            }
            group = prefix;
            let input = setting_input(lang, key, value, move |v| Message::Config(i, v));
            fields = fields.push(
                column![text(t(lang, key.label)).size(font::SMALL).color(theme::MUTED), input].spacing(2).width(230),
            );
            count += 1;
            if count % 4 == 0 {
                form = form.push(fields);
                fields = row![].spacing(12);
            }
        }
        form = form.push(fields);
        form = form.push(
            button(text(t(lang, "button-save")).size(font::BODY)).style(theme::primary).on_press(Message::SaveConfig),
        );
        let mut rules = column![heading(t(lang, "reminder-rules-title"))].spacing(6);
        for rule in &self.loaded.rules {
            let r = *rule;
            rules = rules.push(
                row![
                    checkbox(rule.active)
                        .label(rule_label(lang, rule))
                        .on_toggle(move |on| Message::ToggleRule(ReminderRule { active: on, ..r }))
                        .size(font::LEAD)
                        .text_size(font::BODY),
                    space::horizontal(),
                    button(text(t(lang, "action-delete")).size(font::LABEL))
                        .style(theme::secondary)
                        .on_press(Message::DeleteRule(rule.id)),
                ]
                .spacing(10)
                .align_y(Alignment::Center)
                .width(520),
            );
        }
        rules = rules.push(
            row![
                pick_list(
                    Channel::ALL.map(|c| Choice::new(c, t(lang, channel_key(c)))),
                    Some(Choice::new(self.rule_channel, t(lang, channel_key(self.rule_channel)))),
                    |c| Message::NewRuleChannel(c.id)
                )
                .text_size(font::BODY),
                text_input("1d@07:00 / 2h", &self.rule_when)
                    .on_input(Message::NewRuleWhen)
                    .size(font::BODY)
                    .padding([5, 8])
                    .width(140)
                    .style(theme::input),
                button(text(t(lang, "reminder-rules-add")).size(font::BODY))
                    .style(theme::secondary)
                    .on_press(Message::AddRule),
                text(t(lang, "reminder-rules-hint")).size(font::SMALL).color(theme::MUTED),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        );
        // Room on the right: the scrollbar never covers the last column.
        scrollable(column![form, rules].spacing(20).padding(iced::Padding { right: 18.0, ..iced::Padding::ZERO }))
            .into()
    }
}

/// "E-mail · 1 day before at 07:00", "SMS · 2 h before"
pub fn rule_label(lang: Language, rule: &ReminderRule) -> String {
    let when = match rule.when {
        When::DaysBefore { days, at_minute } => {
            ta(lang, "rule-days-before", &[("days", days.to_string()), ("time", clock::format_minute(at_minute))])
        }
        When::MinutesBefore(m) if m % 60 == 0 => ta(lang, "rule-hours-before", &[("hours", (m / 60).to_string())]),
        When::MinutesBefore(m) => ta(lang, "rule-minutes-before", &[("minutes", m.to_string())]),
    };
    format!("{} · {when}", t(lang, channel_key(rule.channel)))
}
