//! Settings › Services: name, length, price and colour of each service.

use super::{Field, Message, State, Toggle, input, labelled_input};
use crate::domain::schedule::Service;
use crate::domain::{InputError, Language, money};
use crate::ui::context::{Ctx, Problem};
use crate::ui::i18n::{t, ta};
use crate::ui::theme;
use crate::ui::theme::font;
use iced::widget::{button, checkbox, column, row, space, text};
use iced::{Element, Length};

/// Colours that read well as appointment blocks (the demo menu's and a few more).
const SWATCHES: [&str; 10] =
    ["#c98b9a", "#e0a38c", "#e6c07b", "#a3a380", "#9ccc9c", "#8fbcbb", "#88a8d8", "#7a8ca3", "#b39ddb", "#d4a5c9"];

impl State {
    /// The colour as swatches to click, and as "#rrggbb" for any other.
    fn colour_field(&self, lang: Language) -> Element<'_, Message> {
        let chosen = self.service[3].trim().to_lowercase();
        let swatches = SWATCHES.iter().fold(row![].spacing(4), |r, c| {
            r.push(
                button(space().width(18).height(18))
                    .padding(0)
                    .style(theme::swatch(c, chosen == *c))
                    .on_press(Message::Edit(Field::ServiceColour, c.to_string())),
            )
        });
        column![input(lang, "field-colour", &self.service[3], Field::ServiceColour), swatches,]
            .spacing(6)
            .width(Length::Fill)
            .into()
    }

    /// A field for the service's name in each language but the salon's:
    /// what the kiosk shows and the messages say to those customers.
    fn names_in_other_languages(&self, lang: Language) -> Element<'_, Message> {
        let fields = Language::ALL.into_iter().enumerate().filter(|(_, l)| *l != self.language).map(|(i, l)| {
            let label = ta(lang, "field-name-in", &[("language", l.native_name().to_string())]);
            labelled_input(label, &self.service[0], &self.service_names[i], Field::ServiceNameIn(i))
        });
        row(fields).spacing(12).into()
    }

    pub(super) fn pick_service(&mut self, id: i64) {
        let service = self.services.iter().find(|s| s.id == id).cloned();
        self.service_id = service.as_ref().map_or(0, |s| s.id);
        self.service_active = service.as_ref().is_none_or(|s| s.active);
        self.service_names = Language::ALL.map(|l| {
            service
                .as_ref()
                .and_then(|s| s.names.iter().find(|(n, _)| *n == l))
                .map(|(_, n)| n.clone())
                .unwrap_or_default()
        });
        let till = self.service_tills.iter().find(|t| t.service_id == self.service_id).copied().unwrap_or_default();
        self.service_till = [
            till.vat_rate.map(|r| crate::ui::i18n::percent(self.language, r)).unwrap_or_default(),
            match (till.deposit_cents, till.deposit_percent) {
                (0, 0) => String::new(),
                (0, p) => format!("{p} %"),
                (c, _) => money::format_plain(c, self.language),
            },
        ];
        self.service = match service {
            // The price as the salon types it: "45,00" or "45.00".
            Some(s) => [s.name, s.minutes.to_string(), money::format_plain(s.price_cents, self.language), s.colour],
            None => [String::new(), "30".into(), String::new(), "#7a8ca3".into()],
        };
    }

    pub(super) fn service_draft(&self) -> Result<Service, Problem> {
        let minutes: u32 = self.service[1]
            .trim()
            .parse()
            .ok()
            .filter(|m| (5..=720).contains(m))
            .ok_or_else(|| Problem::from(InputError::Duration(self.service[1].clone())))?;
        let price_cents = money::parse(&self.service[2])?;
        let colour = self.service[3].trim().to_string();
        if crate::domain::schedule::parse_colour(&colour).is_none() {
            return Err(Problem::Refusal("error-colour"));
        }
        if self.service[0].trim().is_empty() {
            return Err(InputError::Required("name").into());
        }
        Ok(Service {
            id: self.service_id,
            name: self.service[0].trim().to_string(),
            minutes,
            price_cents,
            colour,
            active: self.service_active,
            names: Language::ALL
                .into_iter()
                .zip(self.service_names.iter())
                .filter(|(l, n)| *l != self.language && !n.trim().is_empty())
                .map(|(l, n)| (l, n.trim().to_string()))
                .collect(),
        })
    }

    /// The service's VAT rate and deposit as typed (the id is filled in at saving).
    pub(super) fn service_till_draft(&self) -> Result<crate::store::ServiceTill, Problem> {
        let vat_rate = crate::domain::checkout::parse_rate(&self.service_till[0])?;
        let (deposit_cents, deposit_percent) = match self.service_till[1].trim() {
            "" => (0, 0),
            typed => match crate::domain::checkout::Discount::parse(typed)? {
                crate::domain::checkout::Discount::Amount(c) => (c, 0),
                crate::domain::checkout::Discount::Percent(p) => (0, p),
            },
        };
        Ok(crate::store::ServiceTill { service_id: self.service_id, vat_rate, deposit_cents, deposit_percent })
    }

    pub(super) fn services_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let mut list = column![].spacing(2).width(280);
        for s in &self.services {
            let line = row![
                text(s.name.clone()).size(font::BODY).width(Length::Fill),
                text(format!("{} min", s.minutes)).size(font::SMALL).color(theme::MUTED),
                text(ctx.money(s.price_cents)).size(font::SMALL).color(theme::MUTED),
            ]
            .spacing(8);
            list = list.push(
                button(line)
                    .width(Length::Fill)
                    .style(theme::list_row(s.id == self.service_id))
                    .on_press(Message::PickService(s.id)),
            );
        }
        list = list.push(
            button(text(t(lang, "settings-add-service")).size(font::BODY))
                .style(theme::link)
                .on_press(Message::PickService(0)),
        );
        let form = column![
            input(lang, "field-name", &self.service[0], Field::ServiceName),
            row![
                input(lang, "field-minutes", &self.service[1], Field::ServiceMinutes),
                input(lang, "field-price", &self.service[2], Field::ServicePrice),
                self.colour_field(lang),
            ]
            .spacing(12),
            row![
                labelled_input(
                    t(lang, "field-vat"),
                    &crate::ui::i18n::percent(lang, ctx.data.standard_rate),
                    &self.service_till[0],
                    Field::ServiceVat
                ),
                labelled_input(
                    t(lang, "field-service-deposit"),
                    &t(lang, "field-none"),
                    &self.service_till[1],
                    Field::ServiceDeposit
                ),
            ]
            .spacing(12),
            self.names_in_other_languages(lang),
            checkbox(self.service_active)
                .label(t(lang, "settings-active"))
                .on_toggle(|on| Message::Toggle(Toggle::ServiceActive, on)),
        ]
        .spacing(12);
        row![list, form].spacing(20).into()
    }
}
