//! Messages › Texts: each kind, channel and language, with a live preview
//! and the SMS length.

use super::{Message, State};
use crate::domain::template::{self, SmsEncoding};
use crate::domain::{Language, clock};
use crate::message::compose::{self, About, Sender};
use crate::message::defaults::{Channel, Kind};
use crate::ui::context::Ctx;
use crate::ui::i18n::{t, ta};
use crate::ui::theme;
use crate::ui::theme::font;
use crate::ui::widget::choice::Choice;
use crate::ui::words::{channel_key, input_error_text, kind_key};
use chrono::Duration;
use iced::widget::{button, column, container, pick_list, row, text, text_editor, text_input};
use iced::{Element, Length};

impl State {
    pub(super) fn texts_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let pickers = row![
            pick_list(
                Kind::ALL.map(|k| Choice::new(k, t(lang, kind_key(k)))),
                Some(Choice::new(self.kind, t(lang, kind_key(self.kind)))),
                |c| Message::Kind(c.id)
            )
            .text_size(font::BODY),
            pick_list(
                Channel::ALL.map(|c| Choice::new(c, t(lang, channel_key(c)))),
                Some(Choice::new(self.channel, t(lang, channel_key(self.channel)))),
                |c| Message::Channel(c.id)
            )
            .text_size(font::BODY),
            pick_list(Language::ALL, Some(self.language(ctx)), Message::Language).text_size(font::BODY),
        ]
        .spacing(8);
        let mut editor = column![pickers].spacing(8);
        if self.channel == Channel::Email {
            editor = editor.push(text(t(lang, "texts-subject")).size(font::LABEL).color(theme::MUTED));
            editor = editor.push(
                text_input("", &self.subject)
                    .on_input(Message::Subject)
                    .size(font::CONTROL)
                    .padding([6, 8])
                    .style(theme::input),
            );
        }
        editor = editor
            .push(text(t(lang, "texts-body")).size(font::LABEL).color(theme::MUTED))
            .push(text_editor(&self.body).on_action(Message::Body).height(260).size(font::CONTROL))
            .push(
                text(ta(
                    lang,
                    "texts-placeholders",
                    &[("list", template::PLACEHOLDERS.map(|p| format!("{{{p}}}")).join(" "))],
                ))
                .size(font::SMALL)
                .color(theme::MUTED),
            )
            .push(
                row![
                    button(text(t(lang, "button-save")).size(font::BODY))
                        .style(theme::primary)
                        .on_press(Message::SaveText),
                    button(text(t(lang, "texts-reset")).size(font::BODY))
                        .style(theme::secondary)
                        .on_press(Message::ResetText),
                ]
                .spacing(8),
            );
        let draft = self.draft();
        let preview: Element<'a, Message> = match compose::compose(&draft, &sample_values(ctx, self.language(ctx))) {
            Ok(m) => {
                let mut p = column![text(t(lang, "texts-preview")).size(font::LEAD)].spacing(6);
                if self.channel == Channel::Email {
                    p = p.push(text(m.subject).size(font::CONTROL));
                }
                p = p.push(
                    container(text(m.body.clone()).size(font::BODY)).padding(10).style(theme::card).width(Length::Fill),
                );
                if self.channel == Channel::Sms {
                    let length = template::sms_length(&m.body);
                    let key = match length.encoding {
                        SmsEncoding::Gsm7 => "texts-sms-gsm",
                        SmsEncoding::Ucs2 => "texts-sms-ucs2",
                    };
                    let colour = if length.segments > 1 { theme::WARNING } else { theme::MUTED };
                    p = p.push(
                        text(ta(
                            lang,
                            key,
                            &[("chars", length.units.to_string()), ("segments", length.segments.to_string())],
                        ))
                        .size(font::BODY)
                        .color(colour),
                    );
                }
                p.into()
            }
            Err(e) => text(input_error_text(lang, &e.to_input_error())).size(font::BODY).color(theme::DANGER).into(),
        };
        row![editor.width(Length::FillPortion(1)), preview_column(preview)].spacing(20).into()
    }
}

fn preview_column(preview: Element<'_, Message>) -> Element<'_, Message> {
    container(preview).width(Length::FillPortion(1)).into()
}

/// Realistic values for the preview: tomorrow 14:30, the salon's first
/// service and staff member.
fn sample_values(ctx: &Ctx, lang: Language) -> std::collections::HashMap<&'static str, String> {
    let tz = ctx.data.salon.time_zone;
    let start = clock::local_to_utc(tz, ctx.today() + Duration::days(1), 14 * 60 + 30);
    let sender = Sender {
        salon: ctx.data.salon.name.clone(),
        address: ctx.data.salon.address.clone(),
        tz,
        currency: ctx.data.salon.currency.clone(),
        terms_link: "https://…".into(),
        cancel_hours: 24,
        no_show_fee_cents: Some(2500),
        from: String::new(),
        domain: String::new(),
    };
    let about = About {
        appointment_id: 0,
        start,
        end: start + Duration::minutes(45),
        service: ctx.data.services.first().map(|s| s.name.clone()).unwrap_or_default(),
        staff: ctx.data.staff.first().map(|s| s.name.clone()).unwrap_or_default(),
        customer: "Kari".into(),
        language: lang,
    };
    // As if booked three days ahead: the cancel-by time is still to come.
    let mut values = compose::values(&sender, &about, start - Duration::days(3));
    values.insert("code", "482913".into());
    values.insert("number", "1042".into());
    values.insert("total", crate::domain::money::format(6_450, &ctx.data.salon.currency, lang));
    values
}
