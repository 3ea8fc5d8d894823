//! What the kiosk shows at each step: large type, large targets, nothing
//! about anyone but the customer in front of it.

use super::keys::{big_button, huge_button, keyboard, keypad};
use super::{DAYS_SHOWN, Field, Kiosk, Message, Step, TARGET};
use crate::domain::clock::{self, Instant};
use crate::domain::{Language, money};
use crate::ui::i18n::{self, t, ta};
use crate::ui::theme;
use crate::ui::theme::font;
use crate::ui::words::problem_text;
use iced::widget::{button, column, container, row, scrollable, space, text};
use iced::{Alignment, Element, Length};

impl Kiosk {
    fn staff_name(&self, id: i64) -> String {
        self.setup.staff.iter().find(|s| s.id == id).map(|s| s.name.clone()).unwrap_or_default()
    }

    /// A service's name as this customer reads it.
    fn service_name(&self, id: i64, own: &str) -> String {
        self.setup.services.iter().find(|s| s.id == id).map_or(own, |s| s.name_in(self.lang)).to_string()
    }

    fn local_time(&self, t: Instant) -> String {
        clock::to_local(self.setup.tz, t).format("%H:%M").to_string()
    }

    pub fn view(&self) -> Element<'_, Message> {
        let body = match self.step {
            Step::Welcome => self.welcome(),
            Step::CheckInPhone => self.phone_step("kiosk-checkin-phone", &self.phone),
            Step::CheckIn => self.check_in_view(),
            Step::Service => self.service_view(),
            Step::Staff => self.staff_view(),
            Step::Time => self.time_view(),
            Step::Phone => self.phone_step("kiosk-book-phone", &self.phone),
            Step::Details => self.details_view(),
            Step::Terms => self.terms_view(),
            Step::Code => self.phone_step("kiosk-code", &self.code),
            Step::Done => self.done_view(),
            Step::Pin => self.phone_step("kiosk-pin", &"•".repeat(self.pin_typed.chars().count())),
        };
        let mut page = column![].spacing(18).padding(28).width(Length::Fill).height(Length::Fill);
        match self.step {
            Step::Welcome => {}
            // Booked: no way back into the booking (it would book twice).
            Step::Done => {
                page = page
                    .push(row![space::horizontal(), big_button(t(self.lang, "kiosk-start-over"), Message::Home, false)])
            }
            _ => {
                page = page.push(row![
                    big_button(t(self.lang, "kiosk-back"), Message::Back, false),
                    space::horizontal(),
                    big_button(t(self.lang, "kiosk-start-over"), Message::Home, false),
                ])
            }
        }
        page = page.push(body);
        let mut layers = iced::widget::stack![page];
        // Said over the top row, between its buttons: nothing moves under a
        // finger that is about to tap the next key.
        if let Some(m) = &self.message {
            let said = container(text(problem_text(self.lang, m)).size(font::FIGURE))
                .padding(16)
                .width(Length::Fill)
                .style(theme::banner(theme::Banner::Error));
            layers = layers.push(container(said).padding(iced::Padding {
                top: 28.0,
                left: 240.0,
                right: 240.0,
                bottom: 0.0,
            }));
        }
        container(layers)
            .style(|_| container::Style { background: Some(theme::PAPER.into()), ..Default::default() })
            .into()
    }

    fn welcome(&self) -> Element<'_, Message> {
        let languages = Language::ALL.into_iter().fold(row![].spacing(12), |r, l| {
            r.push(
                button(text(l.native_name()).size(font::DIALOG))
                    .padding([14, 22])
                    .style(theme::toggle(self.lang == l))
                    .on_press(Message::Language(l)),
            )
        });
        let choices = row![
            huge_button(t(self.lang, "kiosk-check-in"), t(self.lang, "kiosk-check-in-hint"), Message::CheckInStart),
            huge_button(t(self.lang, "kiosk-book"), t(self.lang, "kiosk-book-hint"), Message::BookStart),
        ]
        .spacing(28);
        column![
            row![
                space::horizontal(),
                button(text(t(self.lang, "kiosk-staff")).size(font::LEAD))
                    .style(theme::link)
                    .on_press(Message::StaffExit)
            ],
            text(ta(self.lang, "kiosk-welcome", &[("salon", self.setup.salon.clone())])).size(font::KIOSK_WELCOME),
            languages,
            space::vertical().height(24),
            choices,
        ]
        .spacing(24)
        .align_x(Alignment::Center)
        .width(Length::Fill)
        .height(Length::Fill)
        .into()
    }

    fn phone_step<'a>(&'a self, title: &str, shown: &str) -> Element<'a, Message> {
        // With a cursor, as the name fields have: the customer sees where the
        // digits go (and "4|" is never mistaken for the key "4").
        let display = container(text(format!("{shown}|")).size(font::KIOSK_DISPLAY))
            .padding([12, 24])
            .width(420)
            .style(theme::card);
        let mut col = column![text(t(self.lang, title)).size(font::KIOSK_TITLE), display, keypad(self.lang)]
            .spacing(20)
            .align_x(Alignment::Center);
        if self.step == Step::Code {
            col = col.push(big_button(t(self.lang, "kiosk-code-resend"), Message::ResendCode, false));
        }
        container(col).center_x(Length::Fill).into()
    }

    fn check_in_view(&self) -> Element<'_, Message> {
        let lang = self.lang;
        let mut col = column![].spacing(16).align_x(Alignment::Center);
        if self.check_ins.is_empty() {
            col = col.push(text(t(lang, "kiosk-checkin-none")).size(font::KIOSK_NOTE));
        }
        for c in &self.check_ins {
            let line = ta(
                lang,
                "kiosk-checkin-found",
                &[
                    ("name", c.initial.clone()),
                    ("time", self.local_time(c.start)),
                    ("service", self.service_name(c.service_id, &c.service)),
                ],
            );
            let action = if c.arrived {
                Element::from(text(t(lang, "kiosk-checked-in")).size(font::KIOSK_NOTE).color(theme::SUCCESS))
            } else {
                huge_button(t(lang, "kiosk-im-here"), String::new(), Message::Arrive(c.appointment_id))
            };
            let card = column![text(line).size(font::KIOSK_CARD), action].spacing(24).align_x(Alignment::Center);
            col = col.push(container(card).padding(32).width(760).style(theme::card));
        }
        container(col).center_x(Length::Fill).into()
    }

    fn service_view(&self) -> Element<'_, Message> {
        let lang = self.lang;
        let mut grid = column![].spacing(14);
        for chunk in self.setup.services.chunks(3) {
            let r = chunk.iter().fold(row![].spacing(14), |r, s| {
                let label = column![
                    text(s.name_in(lang).to_string()).size(font::KIOSK_CHOICE),
                    text(format!("{} min · {}", s.minutes, money::format(s.price_cents, &self.setup.currency, lang)))
                        .size(font::HEADING)
                ]
                .spacing(6);
                r.push(
                    button(label)
                        .padding(20)
                        .width(Length::FillPortion(1))
                        .height(110)
                        .style(theme::secondary)
                        .on_press(Message::Service(s.id)),
                )
            });
            grid = grid.push(r);
        }
        column![text(t(lang, "kiosk-pick-service")).size(font::KIOSK_TITLE), scrollable(grid)].spacing(18).into()
    }

    fn staff_view(&self) -> Element<'_, Message> {
        let lang = self.lang;
        if self.slots.is_empty() {
            return text(t(lang, "kiosk-no-times")).size(font::KIOSK_NOTE).into();
        }
        let mut grid = column![big_button(t(lang, "kiosk-anyone"), Message::Staff(None), true)].spacing(14);
        // Only who has a free time: nobody who is off or away all the window.
        let free: Vec<_> = self.setup.staff.iter().filter(|s| self.slots.iter().any(|(id, _)| *id == s.id)).collect();
        for chunk in free.chunks(4) {
            let r = chunk.iter().fold(row![].spacing(14), |r, s| {
                r.push(
                    button(text(s.name.clone()).size(font::KIOSK_CHOICE))
                        .padding(20)
                        .width(Length::FillPortion(1))
                        .height(TARGET + 24.0)
                        .style(theme::secondary)
                        .on_press(Message::Staff(Some(s.id))),
                )
            });
            grid = grid.push(r);
        }
        column![text(t(lang, "kiosk-pick-staff")).size(font::KIOSK_TITLE), scrollable(grid)].spacing(18).into()
    }

    fn time_view(&self) -> Element<'_, Message> {
        let lang = self.lang;
        let days = self.free_days();
        if days.is_empty() {
            return text(t(lang, "kiosk-no-times")).size(font::KIOSK_NOTE).into();
        }
        let page = |label: &str, delta: i32, more: bool| {
            button(text(label.to_string()).size(font::HEADING))
                .padding([16, 22])
                .style(theme::secondary)
                .on_press_maybe(more.then_some(Message::Days(delta)))
        };
        let shown = days.iter().skip(self.first_day).take(DAYS_SHOWN);
        let mut day_row = row![page("‹", -1, self.first_day > 0)].spacing(10);
        for d in shown {
            day_row = day_row.push(
                button(text(i18n::date_short(lang, *d)).size(font::HEADING))
                    .padding([16, 18])
                    .style(theme::toggle(self.day == Some(*d)))
                    .on_press(Message::Day(*d)),
            );
        }
        day_row = day_row.push(page("›", 1, self.first_day + DAYS_SHOWN < days.len()));
        let mut times: Vec<(Option<i64>, Instant)> = self
            .offered()
            .filter(|(_, t)| Some(clock::today(self.setup.tz, *t)) == self.day)
            .map(|(s, t)| (self.chosen_staff.map(|_| *s), *t))
            .collect();
        times.dedup_by_key(|(_, t)| *t);
        let mut grid = column![].spacing(12);
        for chunk in times.chunks(8) {
            grid = grid.push(chunk.iter().fold(row![].spacing(12), |r, (staff, at)| {
                let label = container(text(self.local_time(*at)).size(font::TITLE)).center(Length::Fill);
                r.push(
                    button(label)
                        .width(130)
                        .height(TARGET + 8.0)
                        .style(theme::secondary)
                        .on_press(Message::Time(*staff, *at)),
                )
            }));
        }
        column![text(t(lang, "kiosk-pick-time")).size(font::KIOSK_TITLE), day_row, scrollable(grid)].spacing(18).into()
    }

    fn details_view(&self) -> Element<'_, Message> {
        let lang = self.lang;
        let field = |label: &str, value: &str, which: Field| {
            let focused = self.focus == which;
            let shown = if focused { format!("{value}|") } else { value.to_string() };
            // On the dark field that has the keyboard, a pale label that stays readable.
            let label_colour = if focused { theme::LINE } else { theme::MUTED };
            button(
                column![
                    text(t(lang, label)).size(font::LEAD).color(label_colour),
                    text(shown).size(font::KIOSK_CHOICE)
                ]
                .spacing(4),
            )
            .padding([10, 16])
            .width(Length::FillPortion(1))
            .height(TARGET + 20.0)
            .style(theme::toggle(self.focus == which))
            .on_press(Message::Focus(which))
        };
        column![
            text(t(lang, "kiosk-details")).size(font::KIOSK_TITLE),
            row![
                field("field-first-name", &self.first_name, Field::FirstName),
                field("field-last-name", &self.last_name, Field::LastName),
                field("field-email", &self.email, Field::Email),
            ]
            .spacing(14),
            keyboard(lang, self.accents, self.flip_case),
            row![space::horizontal(), big_button(t(lang, "kiosk-next"), Message::Next, true)],
        ]
        .spacing(18)
        .into()
    }

    fn terms_view(&self) -> Element<'_, Message> {
        let lang = self.lang;
        let (Some(service), Some((staff, at))) = (self.chosen_service(), self.time) else { return column![].into() };
        let local = clock::to_local(self.setup.tz, at);
        // "Anyone": whoever is free is chosen when booking, so no name yet.
        let key = if staff.is_some() { "kiosk-summary" } else { "kiosk-summary-anyone" };
        let summary = ta(
            lang,
            key,
            &[
                ("service", service.name_in(lang).to_string()),
                ("staff", staff.map(|id| self.staff_name(id)).unwrap_or_default()),
                ("date", lang.date_long(local.date())),
                ("time", self.local_time(at)),
            ],
        );
        let terms = self.terms_text();
        column![
            text(t(lang, "kiosk-confirm-title")).size(font::KIOSK_TITLE),
            text(summary).size(font::KIOSK_CHOICE),
            container(scrollable(text(terms).size(font::HEADING)))
                .padding(16)
                .height(220)
                .width(Length::Fill)
                .style(theme::card),
            big_button(t(lang, "kiosk-accept-book"), Message::AcceptTerms, true),
        ]
        .spacing(18)
        .into()
    }

    fn done_view(&self) -> Element<'_, Message> {
        let lang = self.lang;
        let (Some((_, at)), Some(booked)) = (self.time, &self.booked) else { return column![].into() };
        let local = clock::to_local(self.setup.tz, at);
        let mut col = column![
            text(t(lang, "kiosk-done-title")).size(font::KIOSK_DONE).color(theme::SUCCESS),
            text(ta(
                lang,
                "kiosk-done",
                &[
                    ("name", self.first_name.clone()),
                    ("date", lang.date_long(local.date())),
                    ("time", self.local_time(at)),
                    ("staff", self.staff_name(booked.staff_id)),
                ]
            ))
            .size(font::KIOSK_NOTE),
        ]
        .spacing(18)
        .align_x(Alignment::Center);
        if booked.awaiting_deposit {
            let said = match booked.deposit_cents {
                0 => t(lang, "kiosk-done-deposit"),
                cents => ta(
                    lang,
                    "kiosk-done-deposit-amount",
                    &[("amount", money::format(cents, &self.setup.currency, lang))],
                ),
            };
            col = col.push(text(said).size(font::FIGURE).color(theme::WARNING));
        }
        if booked.kept_apart {
            col = col.push(text(t(lang, "kiosk-done-kept-apart")).size(font::FIGURE));
        } else if !self.email.is_empty() {
            col = col.push(text(t(lang, "kiosk-done-mail")).size(font::FIGURE));
        }
        col = col.push(big_button(t(lang, "kiosk-finish"), Message::Home, true));
        container(col).center_x(Length::Fill).into()
    }
}
