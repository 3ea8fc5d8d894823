//! Settings › Salon: name, address, time zone, currency, language, the call
//! link and the opening hours.

use super::{Field, Message, State, Toggle, day_row, input, read_span};
use crate::domain::Language;
use crate::domain::clock;
use crate::store::Salon;
use crate::ui::context::Problem;
use crate::ui::i18n::t;
use crate::ui::theme;
use crate::ui::theme::font;
use iced::widget::{column, pick_list, row, text};
use iced::{Element, Length};

impl State {
    pub(super) fn salon_draft(&self) -> Result<Salon, Problem> {
        let time_zone = clock::parse_zone(&self.zone)?;
        let mut opening = crate::domain::OpeningHours::default();
        for (d, day) in self.opening.iter().enumerate() {
            if day.on {
                opening.0[d] = Some(read_span(&day.from, &day.to)?);
            }
        }
        let salon = Salon {
            name: self.name.clone(),
            address: self.address.clone(),
            time_zone,
            currency: self.currency.clone(),
            language: self.language,
            opening,
            is_demo: self.salon.as_ref().is_some_and(|s| s.is_demo),
            unknown_zone: None,
        };
        salon.validated().map_err(Problem::from)
    }

    pub(super) fn salon_view(&self, lang: Language) -> Element<'_, Message> {
        let mut hours = column![text(t(lang, "settings-opening-hours")).size(font::SECTION)].spacing(6);
        for (d, day) in self.opening.iter().enumerate() {
            hours = hours.push(day_row(lang, d, day, Toggle::Open(d), Field::Opens(d), Field::Closes(d), None));
        }
        column![
            row![
                input(lang, "field-salon-name", &self.name, Field::SalonName),
                input(lang, "field-address", &self.address, Field::Address)
            ]
            .spacing(12),
            row![
                input(lang, "field-time-zone", &self.zone, Field::TimeZone),
                input(lang, "field-currency", &self.currency, Field::Currency),
                column![
                    text(t(lang, "field-language")).size(font::LABEL).color(theme::MUTED),
                    pick_list(Language::ALL, Some(self.language), Message::Language).width(Length::Fill)
                ]
                .spacing(3)
                .width(Length::Fill),
            ]
            .spacing(12),
            input(lang, "field-call-template", &self.call_template, Field::CallTemplate),
            hours,
        ]
        .spacing(14)
        .into()
    }
}
