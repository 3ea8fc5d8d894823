//! The kiosk (SPEC §6): a touch screen at reception where customers check in
//! and book themselves, with no keyboard and no mouse. Large targets, an
//! on-screen keypad and keyboard, the customer's language; back to the
//! welcome screen (forgetting everything typed) after idle time; staff leave
//! only with the PIN. Store work is quick (milliseconds) and done in `update`.

use super::i18n::{self, t, ta};
use super::theme;
use crate::domain::booking::Refusal;
use crate::domain::clock::{self, Instant};
use crate::domain::schedule::{Service, Staff};
use crate::domain::{Language, money};
use crate::store::{Booked, CheckIn, KioskError, SelfBooking, Store};
use chrono::{Duration, NaiveDate};
use iced::widget::{button, column, container, row, scrollable, space, text};
use iced::{Alignment, Element, Length};

/// The smallest touch target: about 15 mm on a reception screen.
pub const TARGET: f32 = 64.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Welcome,
    CheckInPhone,
    CheckIn,
    Service,
    Staff,
    Time,
    Phone,
    Details,
    Terms,
    Code,
    Done,
    Pin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    FirstName,
    LastName,
    Email,
}

#[derive(Debug, Clone)]
pub enum Message {
    Language(Language),
    CheckInStart,
    BookStart,
    /// A key of the on-screen keypad or keyboard ('\u{8}' deletes).
    Key(char),
    Focus(Field),
    Next,
    Back,
    Home,
    Arrive(i64),
    Service(i64),
    /// `None`: anyone.
    Staff(Option<i64>),
    Day(NaiveDate),
    Time(Option<i64>, Instant),
    AcceptTerms,
    ResendCode,
    StaffExit,
    Tick(Instant),
}

/// What the kiosk asks the window to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    Exit,
}

pub struct Kiosk {
    pub lang: Language,
    /// The language the kiosk was started in; each new customer starts there.
    start_lang: Option<Language>,
    pub step: Step,
    pub now: Instant,
    last_touch: Instant,
    salon: String,
    tz: chrono_tz::Tz,
    /// Phone numbers without a country code are of this country.
    country: &'static str,
    currency: String,
    services: Vec<Service>,
    staff: Vec<Staff>,
    terms: String,
    terms_version: String,
    tan: bool,
    idle: Duration,
    pin: String,
    pub phone: String,
    pub check_ins: Vec<CheckIn>,
    service: Option<i64>,
    chosen_staff: Option<i64>,
    slots: Vec<(i64, Instant)>,
    day: Option<NaiveDate>,
    time: Option<(Option<i64>, Instant)>,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    focus: Field,
    pub code: String,
    pin_typed: String,
    wrong_pins: u32,
    locked_until: Option<Instant>,
    pub booked: Option<Booked>,
    /// A refusal or a problem, said kindly in the customer's language.
    pub message: Option<String>,
}

impl Kiosk {
    pub fn new(store: &Store, lang: Option<Language>, now: Instant) -> crate::store::Result<Kiosk> {
        let salon = store.salon()?;
        let setting = |k: &str| store.config(k).unwrap_or_default();
        let mut kiosk = Kiosk {
            lang: lang.unwrap_or(salon.language),
            start_lang: lang,
            step: Step::Welcome,
            now,
            last_touch: now,
            salon: salon.name.clone(),
            tz: salon.time_zone,
            country: crate::domain::phone::default_country(salon.time_zone.name(), salon.language),
            currency: salon.currency.clone(),
            services: store.services()?.into_iter().filter(|s| s.active).collect(),
            staff: store.staff()?.into_iter().filter(|s| s.active).collect(),
            terms: setting("kiosk.terms"),
            terms_version: setting("kiosk.terms_version"),
            tan: setting("kiosk.tan") == "on",
            idle: Duration::seconds(setting("kiosk.idle_seconds").parse().unwrap_or(60)),
            pin: setting("kiosk.pin"),
            phone: String::new(),
            check_ins: Vec::new(),
            service: None,
            chosen_staff: None,
            slots: Vec::new(),
            day: None,
            time: None,
            first_name: String::new(),
            last_name: String::new(),
            email: String::new(),
            focus: Field::FirstName,
            code: String::new(),
            pin_typed: String::new(),
            wrong_pins: 0,
            locked_until: None,
            booked: None,
            message: None,
        };
        kiosk.forget();
        Ok(kiosk)
    }

    /// Between customers: the salon may have changed services, staff or
    /// settings on the desk meanwhile.
    fn reload(&mut self, store: &Store) {
        if let Ok(fresh) = Kiosk::new(store, self.start_lang, self.now) {
            let (wrong_pins, locked_until) = (self.wrong_pins, self.locked_until);
            *self = Kiosk { wrong_pins, locked_until, ..fresh };
        }
    }

    /// Back to the welcome screen; nothing typed stays behind.
    fn forget(&mut self) {
        self.step = Step::Welcome;
        self.phone.clear();
        self.check_ins.clear();
        self.service = None;
        self.chosen_staff = None;
        self.slots.clear();
        self.day = None;
        self.time = None;
        self.first_name.clear();
        self.last_name.clear();
        self.email.clear();
        self.code.clear();
        self.pin_typed.clear();
        self.focus = Field::FirstName;
        self.booked = None;
        self.message = None;
    }

    pub fn update(&mut self, message: Message, store: &mut Store) -> Outcome {
        if let Message::Tick(now) = message {
            self.now = now;
            if self.step != Step::Welcome && now - self.last_touch > self.idle {
                self.reload(store);
            }
            return Outcome::Stay;
        }
        self.last_touch = self.now;
        self.message = None;
        match message {
            Message::Language(l) => self.lang = l,
            Message::CheckInStart => self.step = Step::CheckInPhone,
            Message::BookStart => self.step = Step::Service,
            Message::Home => self.reload(store),
            Message::Key(key) => return self.key(key),
            Message::Focus(f) => self.focus = f,
            Message::Back if self.step != Step::Done => self.back(),
            Message::Back => {}
            Message::Next => return self.next(store),
            Message::Arrive(id) => match store.check_in(id) {
                Ok(()) => {
                    if let Some(c) = self.check_ins.iter_mut().find(|c| c.appointment_id == id) {
                        c.arrived = true;
                    }
                }
                Err(e) => self.problem(&e),
            },
            Message::Service(id) => {
                self.service = Some(id);
                self.step = Step::Staff;
            }
            Message::Staff(staff) => {
                self.chosen_staff = staff;
                self.load_slots(store);
            }
            Message::Day(d) => self.day = Some(d),
            Message::Time(staff, at) => {
                self.time = Some((staff, at));
                self.step = Step::Phone;
            }
            Message::AcceptTerms if self.step == Step::Terms => {
                if self.tan {
                    self.step = Step::Code;
                    self.send_code(store);
                } else {
                    self.book(store);
                }
            }
            Message::AcceptTerms => {}
            Message::ResendCode => self.send_code(store),
            Message::StaffExit => {
                self.pin_typed.clear();
                self.step = Step::Pin;
            }
            Message::Tick(_) => {}
        }
        Outcome::Stay
    }

    fn key(&mut self, key: char) -> Outcome {
        let target = match self.step {
            Step::CheckInPhone | Step::Phone => &mut self.phone,
            Step::Code => &mut self.code,
            Step::Pin => &mut self.pin_typed,
            Step::Details => match self.focus {
                Field::FirstName => &mut self.first_name,
                Field::LastName => &mut self.last_name,
                Field::Email => &mut self.email,
            },
            _ => return Outcome::Stay,
        };
        // Names start with a capital letter, as on a phone's keyboard.
        let name = self.step == Step::Details && self.focus != Field::Email;
        if key == '\u{8}' {
            target.pop();
        } else if target.chars().count() < 60 {
            let word_start = target.is_empty() || target.ends_with([' ', '-']);
            if name && word_start { target.extend(key.to_uppercase()) } else { target.push(key) }
        }
        Outcome::Stay
    }

    fn back(&mut self) {
        self.step = match self.step {
            Step::Staff => Step::Service,
            Step::Time => Step::Staff,
            Step::Phone => Step::Time,
            Step::Details => Step::Phone,
            Step::Terms => Step::Details,
            Step::Code => Step::Terms,
            Step::CheckIn => Step::CheckInPhone,
            _ => {
                self.forget();
                Step::Welcome
            }
        };
    }

    fn next(&mut self, store: &mut Store) -> Outcome {
        match self.step {
            Step::CheckInPhone => match store.check_ins(&self.phone, self.now) {
                Ok(found) => {
                    self.check_ins = found;
                    self.step = Step::CheckIn;
                }
                Err(e) => self.problem(&e),
            },
            Step::Phone => match crate::domain::phone::to_e164(&self.phone, self.country) {
                Ok(_) => self.step = Step::Details,
                Err(_) => self.message = Some(t(self.lang, "kiosk-phone-wrong")),
            },
            Step::Details => {
                if self.first_name.trim().is_empty() {
                    self.focus = Field::FirstName;
                    self.message = Some(t(self.lang, "kiosk-name-needed"));
                } else {
                    self.step = Step::Terms;
                }
            }
            Step::Code => self.book(store),
            Step::Pin => return self.check_pin(),
            _ => {}
        }
        Outcome::Stay
    }

    fn check_pin(&mut self) -> Outcome {
        if self.locked_until.is_some_and(|until| self.now < until) {
            self.pin_typed.clear();
            self.message = Some(t(self.lang, "kiosk-pin-wait"));
            return Outcome::Stay;
        }
        if self.pin.is_empty() || self.pin_typed == self.pin {
            return Outcome::Exit;
        }
        // Each wrong PIN doubles the wait: 2, 4, 8 … seconds.
        self.wrong_pins += 1;
        self.locked_until = Some(self.now + Duration::seconds(1 << self.wrong_pins.min(8)));
        self.pin_typed.clear();
        self.message = Some(t(self.lang, "kiosk-pin-wrong"));
        Outcome::Stay
    }

    fn load_slots(&mut self, store: &Store) {
        let minutes = self.chosen_service().map_or(30, |s| s.minutes);
        match store.free_slots(minutes, self.chosen_staff, self.now, 14) {
            Ok(slots) => {
                self.day = slots.first().map(|(_, t)| clock::today(self.tz, *t));
                self.slots = slots;
                self.step = Step::Time;
            }
            Err(e) => self.problem(&e),
        }
    }

    fn send_code(&mut self, store: &mut Store) {
        match store.send_code(&self.phone, self.lang) {
            Ok(()) => {}
            Err(e) => self.refusal(&e),
        }
    }

    fn book(&mut self, store: &mut Store) {
        let (Some(service_id), Some((staff_id, start))) = (self.service, self.time) else { return };
        let booking = SelfBooking {
            service_id,
            staff_id,
            start,
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            language: self.lang,
            terms_version: self.terms_version.clone(),
            code: self.tan.then(|| self.code.clone()),
        };
        match store.self_book(&booking) {
            Ok(booked) => {
                self.booked = Some(booked);
                self.step = Step::Done;
            }
            Err(e) => {
                self.refusal(&e);
                if matches!(e, KioskError::Refused(Refusal::SlotTaken)) {
                    // Someone was quicker: show the times that are left.
                    self.load_slots(store);
                    self.refusal(&e);
                }
            }
        }
    }

    fn refusal(&mut self, e: &KioskError) {
        self.message = Some(match e {
            KioskError::Refused(r) => t(self.lang, &format!("kiosk-refused-{}", r.code())),
            KioskError::Store(e) => {
                tracing::warn!(error = %e, "shown to the customer");
                super::words::describe_error(self.lang, e)
            }
        });
    }

    fn problem(&mut self, e: &crate::store::StoreError) {
        tracing::warn!(error = %e, "shown to the customer");
        self.message = Some(super::words::describe_error(self.lang, e));
    }

    fn chosen_service(&self) -> Option<&Service> {
        self.services.iter().find(|s| Some(s.id) == self.service)
    }

    fn staff_name(&self, id: i64) -> String {
        self.staff.iter().find(|s| s.id == id).map(|s| s.name.clone()).unwrap_or_default()
    }

    fn local_time(&self, t: Instant) -> String {
        clock::to_local(self.tz, t).format("%H:%M").to_string()
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
        if let Some(m) = &self.message {
            page = page.push(
                container(text(m.clone()).size(24))
                    .padding(16)
                    .width(Length::Fill)
                    .style(theme::banner(theme::Banner::Error)),
            );
        }
        page = page.push(body);
        container(page)
            .style(|_| container::Style { background: Some(theme::PAPER.into()), ..Default::default() })
            .into()
    }

    fn welcome(&self) -> Element<'_, Message> {
        let languages = Language::ALL.into_iter().fold(row![].spacing(12), |r, l| {
            r.push(
                button(text(l.native_name()).size(22))
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
                button(text(t(self.lang, "kiosk-staff")).size(16)).style(theme::link).on_press(Message::StaffExit)
            ],
            text(ta(self.lang, "kiosk-welcome", &[("salon", self.salon.clone())])).size(48),
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
        let display = container(text(if shown.is_empty() { " ".to_string() } else { shown.to_string() }).size(40))
            .padding([12, 24])
            .width(420)
            .style(theme::card);
        let mut col = column![text(t(self.lang, title)).size(34), display, keypad(self.lang)]
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
            col = col.push(text(t(lang, "kiosk-checkin-none")).size(30));
        }
        for c in &self.check_ins {
            let line = ta(
                lang,
                "kiosk-checkin-found",
                &[("name", c.first_name.clone()), ("time", self.local_time(c.start)), ("service", c.service.clone())],
            );
            let action = if c.arrived {
                Element::from(text(t(lang, "kiosk-checked-in")).size(30).color(theme::SUCCESS))
            } else {
                huge_button(t(lang, "kiosk-im-here"), String::new(), Message::Arrive(c.appointment_id))
            };
            let card = column![text(line).size(36), action].spacing(24).align_x(Alignment::Center);
            col = col.push(container(card).padding(32).width(760).style(theme::card));
        }
        container(col).center_x(Length::Fill).into()
    }

    fn service_view(&self) -> Element<'_, Message> {
        let lang = self.lang;
        let mut grid = column![].spacing(14);
        for chunk in self.services.chunks(3) {
            let r = chunk.iter().fold(row![].spacing(14), |r, s| {
                let label = column![
                    text(s.name.clone()).size(28),
                    text(format!("{} min · {}", s.minutes, money::format(s.price_cents, &self.currency, lang)))
                        .size(20)
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
        column![text(t(lang, "kiosk-pick-service")).size(34), scrollable(grid)].spacing(18).into()
    }

    fn staff_view(&self) -> Element<'_, Message> {
        let lang = self.lang;
        let mut grid = column![big_button(t(lang, "kiosk-anyone"), Message::Staff(None), true)].spacing(14);
        for chunk in self.staff.chunks(4) {
            let r = chunk.iter().fold(row![].spacing(14), |r, s| {
                r.push(
                    button(text(s.name.clone()).size(28))
                        .padding(20)
                        .width(Length::FillPortion(1))
                        .height(TARGET + 24.0)
                        .style(theme::secondary)
                        .on_press(Message::Staff(Some(s.id))),
                )
            });
            grid = grid.push(r);
        }
        column![text(t(lang, "kiosk-pick-staff")).size(34), scrollable(grid)].spacing(18).into()
    }

    fn time_view(&self) -> Element<'_, Message> {
        let lang = self.lang;
        let mut days: Vec<NaiveDate> = self.slots.iter().map(|(_, t)| clock::today(self.tz, *t)).collect();
        days.dedup();
        if days.is_empty() {
            return text(t(lang, "kiosk-no-times")).size(30).into();
        }
        let day_row = days.iter().fold(row![].spacing(10), |r, d| {
            r.push(
                button(text(i18n::date_short(lang, *d)).size(20))
                    .padding([16, 18])
                    .style(theme::toggle(self.day == Some(*d)))
                    .on_press(Message::Day(*d)),
            )
        });
        let mut times: Vec<(Option<i64>, Instant)> = self
            .slots
            .iter()
            .filter(|(_, t)| Some(clock::today(self.tz, *t)) == self.day)
            .map(|(s, t)| (self.chosen_staff.map(|_| *s), *t))
            .collect();
        times.dedup_by_key(|(_, t)| *t);
        let mut grid = column![].spacing(12);
        for chunk in times.chunks(8) {
            grid = grid.push(chunk.iter().fold(row![].spacing(12), |r, (staff, at)| {
                let label = container(text(self.local_time(*at)).size(26)).center(Length::Fill);
                r.push(
                    button(label)
                        .width(130)
                        .height(TARGET + 8.0)
                        .style(theme::secondary)
                        .on_press(Message::Time(*staff, *at)),
                )
            }));
        }
        column![
            text(t(lang, "kiosk-pick-time")).size(34),
            scrollable(day_row).direction(scrollable::Direction::Horizontal(scrollable::Scrollbar::default())),
            scrollable(grid)
        ]
        .spacing(18)
        .into()
    }

    fn details_view(&self) -> Element<'_, Message> {
        let lang = self.lang;
        let field = |label: &str, value: &str, which: Field| {
            let shown = if self.focus == which { format!("{value}|") } else { value.to_string() };
            button(column![text(t(lang, label)).size(16).color(theme::MUTED), text(shown).size(28)].spacing(4))
                .padding([10, 16])
                .width(Length::FillPortion(1))
                .height(TARGET + 20.0)
                .style(theme::toggle(self.focus == which))
                .on_press(Message::Focus(which))
        };
        column![
            text(t(lang, "kiosk-details")).size(34),
            row![
                field("field-first-name", &self.first_name, Field::FirstName),
                field("field-last-name", &self.last_name, Field::LastName),
                field("field-email", &self.email, Field::Email),
            ]
            .spacing(14),
            keyboard(lang),
            row![space::horizontal(), big_button(t(lang, "kiosk-next"), Message::Next, true)],
        ]
        .spacing(18)
        .into()
    }

    fn terms_view(&self) -> Element<'_, Message> {
        let lang = self.lang;
        let (Some(service), Some((staff, at))) = (self.chosen_service(), self.time) else { return column![].into() };
        let local = clock::to_local(self.tz, at);
        // "Anyone": whoever is free is chosen when booking, so no name yet.
        let key = if staff.is_some() { "kiosk-summary" } else { "kiosk-summary-anyone" };
        let summary = ta(
            lang,
            key,
            &[
                ("service", service.name.clone()),
                ("staff", staff.map(|id| self.staff_name(id)).unwrap_or_default()),
                ("date", lang.date_long(local.date())),
                ("time", self.local_time(at)),
            ],
        );
        let terms = if self.terms.is_empty() { t(lang, "kiosk-terms-default") } else { self.terms.clone() };
        column![
            text(t(lang, "kiosk-confirm-title")).size(34),
            text(summary).size(28),
            container(scrollable(text(terms).size(20))).padding(16).height(220).width(Length::Fill).style(theme::card),
            big_button(t(lang, "kiosk-accept-book"), Message::AcceptTerms, true),
        ]
        .spacing(18)
        .into()
    }

    fn done_view(&self) -> Element<'_, Message> {
        let lang = self.lang;
        let (Some((_, at)), Some(booked)) = (self.time, &self.booked) else { return column![].into() };
        let local = clock::to_local(self.tz, at);
        let mut col = column![
            text(t(lang, "kiosk-done-title")).size(44).color(theme::SUCCESS),
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
            .size(30),
        ]
        .spacing(18)
        .align_x(Alignment::Center);
        if booked.awaiting_deposit {
            col = col.push(text(t(lang, "kiosk-done-deposit")).size(24).color(theme::WARNING));
        }
        if !self.email.is_empty() {
            col = col.push(text(t(lang, "kiosk-done-mail")).size(24));
        }
        col = col.push(big_button(t(lang, "kiosk-finish"), Message::Home, true));
        container(col).center_x(Length::Fill).into()
    }
}

fn big_button<'a>(label: String, message: Message, primary: bool) -> Element<'a, Message> {
    button(text(label).size(26))
        .padding([16, 32])
        .height(TARGET + 8.0)
        .style(if primary { theme::primary } else { theme::secondary })
        .on_press(message)
        .into()
}

fn huge_button<'a>(title: String, hint: String, message: Message) -> Element<'a, Message> {
    let label = column![text(title).size(40), text(hint).size(22)].spacing(10).align_x(Alignment::Center);
    button(container(label).center(Length::Fill))
        .padding(24)
        .width(460)
        .height(220)
        .style(theme::primary)
        .on_press(message)
        .into()
}

fn key_button<'a>(label: String, key: char, width: f32) -> Element<'a, Message> {
    button(container(text(label).size(28)).center(Length::Fill))
        .width(width)
        .height(TARGET + 8.0)
        .style(theme::secondary)
        .on_press(Message::Key(key))
        .into()
}

/// Digits for phone numbers, codes and the PIN.
fn keypad<'a>(lang: Language) -> Element<'a, Message> {
    let mut pad = column![].spacing(12);
    for keys in ["123", "456", "789"] {
        pad = pad.push(keys.chars().fold(row![].spacing(12), |r, k| r.push(key_button(k.to_string(), k, 110.0))));
    }
    pad = pad.push(
        row![
            key_button(t(lang, "kiosk-delete"), '\u{8}', 110.0),
            key_button("0".into(), '0', 110.0),
            key_button("+".into(), '+', 110.0),
        ]
        .spacing(12),
    );
    pad = pad.push(
        button(container(text(t(lang, "kiosk-next")).size(28)).center(Length::Fill))
            .width(354)
            .height(TARGET + 8.0)
            .style(theme::primary)
            .on_press(Message::Next),
    );
    pad.into()
}

/// Letters for names and e-mail addresses, with the language's own letters.
fn keyboard<'a>(lang: Language) -> Element<'a, Message> {
    let (first, extra) = match lang {
        Language::De => ("qwertzuiopü", "äöß"),
        Language::Nb => ("qwertyuiopå", "æø"),
        Language::Nl => ("qwertyuiop", "éë"),
        Language::En => ("qwertyuiop", ""),
    };
    let second = format!("asdfghjkl{extra}");
    let rows = ["1234567890".to_string(), first.to_string(), second, "zxcvbnm-.'".to_string()];
    let mut board = column![].spacing(10).align_x(Alignment::Center);
    for keys in rows {
        board =
            board.push(keys.chars().fold(row![].spacing(8), |r, k| r.push(key_button(k.to_string(), k, TARGET + 8.0))));
    }
    board = board.push(
        row![
            key_button("@".into(), '@', TARGET + 8.0),
            key_button("_".into(), '_', TARGET + 8.0),
            key_button(t(lang, "kiosk-space"), ' ', 360.0),
            key_button(t(lang, "kiosk-delete"), '\u{8}', 180.0),
        ]
        .spacing(8),
    );
    container(board).center_x(Length::Fill).into()
}

/// The kiosk's window: full screen, its own connection to the salon's file,
/// and the scheduler so that codes and confirmations go out.
pub fn run(path: std::path::PathBuf, lang: Option<Language>) -> anyhow::Result<()> {
    let store = Store::open(&path, "kiosk")?;
    let kiosk = Kiosk::new(&store, lang, chrono::Utc::now())?;
    crate::sending::scheduler::spawn(path);
    let state = std::cell::RefCell::new(Some((kiosk, store)));
    let boot = move || state.borrow_mut().take().expect("booted once");
    iced::application(boot, update_window, view_window)
        .title(|_: &(Kiosk, Store)| "Salondesk".to_string())
        .theme(|_: &(Kiosk, Store)| theme::theme())
        .subscription(|_: &(Kiosk, Store)| {
            iced::time::every(std::time::Duration::from_secs(1)).map(|_| Message::Tick(chrono::Utc::now()))
        })
        .window(iced::window::Settings { fullscreen: true, ..Default::default() })
        .default_font(super::FONT)
        .run()?;
    Ok(())
}

fn view_window(state: &(Kiosk, Store)) -> Element<'_, Message> {
    state.0.view()
}

fn update_window((kiosk, store): &mut (Kiosk, Store), message: Message) -> iced::Task<Message> {
    match kiosk.update(message, store) {
        Outcome::Stay => iced::Task::none(),
        Outcome::Exit => iced::exit(),
    }
}
