//! Settings: the salon (name, address, time zone, currency, language,
//! opening hours), staff (hours, breaks, absences), services, customer
//! statuses and the kiosk — each tab a room of its own.

pub mod about;
mod data;
mod import;
pub mod kiosk;
mod salon;
mod services;
mod staff;
pub mod statuses;
mod till;

use crate::domain::schedule::{Absence, DaySpan, Service, Staff};
use crate::domain::{Appointment, Language, clock};
use crate::store::{AbsenceSave, Salon, Store, StoreError};
use crate::ui::context::{Action, Ctx, Note, Problem, Request, SalonData};
use crate::ui::i18n::{self, t};
use crate::ui::theme;
use crate::ui::theme::font;
use crate::ui::widget::{error_line, heading};
use crate::ui::words::problem;
use chrono::Weekday;
use iced::keyboard::{Key, key::Named};
use iced::widget::{
    button, center, checkbox, column, container, opaque, row, scrollable, space, stack, text, text_input,
};
use iced::{Alignment, Element, Length};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Salon,
    Staff,
    Services,
    Statuses,
    Kiosk,
    Till,
    Data,
    About,
}

/// Every text field of the settings, so that one message edits any of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    SalonName,
    Address,
    CallTemplate,
    TimeZone,
    Currency,
    Opens(usize),
    Closes(usize),
    StaffName,
    Starts(usize),
    Ends(usize),
    PauseStarts(usize),
    PauseEnds(usize),
    AbsenceFrom,
    AbsenceTo,
    AbsenceReason,
    ServiceName,
    /// Its name in `Language::ALL[i]`.
    ServiceNameIn(usize),
    ServiceMinutes,
    ServicePrice,
    ServiceColour,
    ServiceVat,
    ServiceDeposit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toggle {
    Open(usize),
    Works(usize),
    StaffActive,
    ServiceActive,
}

#[derive(Debug, Clone)]
pub enum Message {
    Tab(Tab),
    Edit(Field, String),
    Toggle(Toggle, bool),
    Language(Language),
    PickStaff(i64),
    PickService(i64),
    AddAbsence,
    /// Add it although appointments fall in it (they are then marked to move).
    AddAbsenceAnyway,
    /// Back to the absence form, nothing added.
    KeepAbsence,
    RemoveAbsence(i64),
    Statuses(statuses::Message),
    Kiosk(kiosk::Message),
    Data(data::Message),
    Till(till::Message),
    About(about::Message),
    Save,
    /// The salon, a staff member or a service was saved (its id).
    Saved(Result<i64, StoreError>),
    /// The absence was added, or these appointments fall in it.
    AbsenceSaved(Absence, Result<AbsenceSave, StoreError>),
    AbsenceRemoved(Result<(), StoreError>),
}

fn add_absence(absence: Absence, confirmed: bool) -> Action<Message> {
    Action::run("add absence", move |store| {
        let saved = store.add_absence_checked(&absence, confirmed);
        Message::AbsenceSaved(absence, saved)
    })
}

fn save(
    name: &'static str,
    work: impl FnOnce(&mut Store) -> Result<i64, StoreError> + Send + 'static,
) -> Action<Message> {
    Action::run(name, move |store| Message::Saved(work(store)))
}

/// One weekday as typed: on/off, from, to (and a break for staff).
#[derive(Debug, Clone, Default)]
struct DayForm {
    on: bool,
    from: String,
    to: String,
    pause_from: String,
    pause_to: String,
}

#[derive(Debug, Default)]
pub struct State {
    pub tab: Tab,
    salon: Option<Salon>,
    call_template: String,
    name: String,
    address: String,
    zone: String,
    currency: String,
    language: Language,
    opening: [DayForm; 7],
    staff_list: Vec<Staff>,
    staff_id: i64,
    staff_name: String,
    staff_active: bool,
    week: [DayForm; 7],
    absence: [String; 3],
    /// An absence being added over booked appointments, and those appointments.
    absence_clash: Option<(Absence, Vec<Appointment>)>,
    services: Vec<Service>,
    service_id: i64,
    service: [String; 4],
    /// In the order of `Language::ALL`; the salon's own is not shown.
    service_names: [String; 4],
    service_active: bool,
    /// The service's own VAT rate and deposit, as typed ("" is none).
    service_till: [String; 2],
    service_tills: Vec<crate::store::ServiceTill>,
    error: Option<Problem>,
    /// Set by a successful save: the next data from the store refills the forms.
    reload_forms: bool,
    statuses: statuses::Form,
    kiosk: kiosk::Form,
    till: till::Form,
    data: data::Form,
    about: about::About,
}

fn span_form(span: Option<DaySpan>) -> DayForm {
    match span {
        Some(s) => DayForm {
            on: true,
            from: clock::format_minute(s.start),
            to: clock::format_minute(s.end),
            ..DayForm::default()
        },
        None => DayForm { on: false, from: "09:00".into(), to: "18:00".into(), ..DayForm::default() },
    }
}

fn read_span(from: &str, to: &str) -> Result<DaySpan, Problem> {
    let start = clock::parse_time(from)?;
    let end = clock::parse_time(to)?;
    DaySpan::new(start, end).map_err(Problem::from)
}

impl State {
    /// Fills the forms from what the store holds (on opening the screen).
    pub fn load(&mut self, data: &SalonData) {
        let s = &data.salon;
        self.name = s.name.clone();
        self.address = s.address.clone();
        // An unknown zone is shown as it is in the file, to be corrected.
        self.zone = s.unknown_zone.clone().unwrap_or_else(|| s.time_zone.name().to_string());
        self.currency = s.currency.clone();
        self.language = s.language;
        self.opening = std::array::from_fn(|d| span_form(s.opening.0[d]));
        self.salon = Some(s.clone());
        self.call_template = data.call_template.clone();
        self.staff_list = data.staff.clone();
        self.services = data.services.clone();
        self.service_tills = data.service_tills.clone();
        // The form shows a staff member (a service) from the start, the first
        // one until another is picked; "Add" gives the empty form.
        let first_staff = data.staff.first().map_or(0, |s| s.id);
        self.pick_staff(if self.staff_id == 0 { first_staff } else { self.staff_id });
        let first_service = data.services.first().map_or(0, |s| s.id);
        self.pick_service(if self.service_id == 0 { first_service } else { self.service_id });
        let keep = self.statuses.editing();
        self.statuses.load(&data.statuses, &data.status_rules, keep);
        self.error = None;
    }

    /// New data from the store. After our own save the forms show what was
    /// saved; a change by another process only updates the lists, so that
    /// nothing being typed here is lost.
    pub fn refresh(&mut self, data: &SalonData, first_load: bool) {
        if first_load || std::mem::take(&mut self.reload_forms) {
            self.load(data);
        } else {
            self.staff_list = data.staff.clone();
            self.services = data.services.clone();
            self.service_tills = data.service_tills.clone();
        }
    }

    /// A file dropped onto the window on Settings › Data: a customer list to import.
    pub fn dropped(&mut self, file: std::path::PathBuf) -> Option<Action<Message>> {
        (self.tab == Tab::Data).then(|| self.data.import_file(file).map(Message::Data))
    }

    /// "Check without saving" on the import (for the screenshots).
    #[doc(hidden)]
    pub fn import_check(&self) -> crate::ui::app::Message {
        crate::ui::app::Message::Settings(Message::Data(data::Message::Import(import::Message::Check)))
    }

    /// Enter saves the tab.
    pub fn shortcut(key: &Key) -> Option<Message> {
        matches!(key, Key::Named(Named::Enter)).then_some(Message::Save)
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> Action<Message> {
        match message {
            Message::Tab(tab) => {
                self.tab = tab;
                self.error = None;
                match tab {
                    Tab::Kiosk => return kiosk::Form::load().map(Message::Kiosk),
                    Tab::Till => return till::Form::load().map(Message::Till),
                    Tab::Data => return data::Form::load().map(Message::Data),
                    Tab::About => return about::About::load().map(Message::About),
                    _ => {}
                }
            }
            Message::Kiosk(m) => return self.kiosk.update(m).map(Message::Kiosk),
            Message::Data(m) => return self.data.update(m, ctx).map(Message::Data),
            Message::Till(m) => return self.till.update(m, ctx).map(Message::Till),
            Message::About(m) => return self.about.update(m).map(Message::About),
            Message::Edit(field, value) => *self.text_mut(field) = value,
            Message::Toggle(which, on) => match which {
                Toggle::Open(d) => self.opening[d].on = on,
                Toggle::Works(d) => self.week[d].on = on,
                Toggle::StaffActive => self.staff_active = on,
                Toggle::ServiceActive => self.service_active = on,
            },
            Message::Language(l) => self.language = l,
            Message::PickStaff(id) => self.pick_staff(id),
            Message::PickService(id) => self.pick_service(id),
            Message::AddAbsence => match self.absence_draft() {
                Ok(a) => return add_absence(a, false),
                Err(e) => self.error = Some(e),
            },
            Message::AddAbsenceAnyway => {
                if let Some((a, _)) = self.absence_clash.take() {
                    return add_absence(a, true);
                }
            }
            Message::KeepAbsence => self.absence_clash = None,
            Message::AbsenceSaved(absence, Ok(AbsenceSave::Clashes(appointments))) => {
                self.absence_clash = Some((absence, appointments));
            }
            Message::AbsenceSaved(_, Ok(AbsenceSave::Added(_))) => {
                self.absence = Default::default();
                self.absence_clash = None;
                self.reload_forms = true;
                return Action::Request(Request::ReloadSalon(Some(Note::Done("saved-absence"))));
            }
            Message::AbsenceSaved(_, Err(e)) => self.error = problem(e),
            Message::RemoveAbsence(id) => {
                return Action::run("remove absence", move |store| Message::AbsenceRemoved(store.remove_absence(id)));
            }
            Message::AbsenceRemoved(Ok(())) => {
                self.reload_forms = true;
                return Action::Request(Request::ReloadSalon(Some(Note::Done("saved-settings"))));
            }
            Message::AbsenceRemoved(Err(e)) => self.error = problem(e),
            Message::Statuses(m) => {
                // After a change the forms show what was saved.
                self.reload_forms |= m.changed_salon();
                return self.statuses.update(m).map(Message::Statuses);
            }
            Message::Save => return self.save(),
            Message::Saved(Ok(id)) => {
                match self.tab {
                    Tab::Staff => self.staff_id = id,
                    Tab::Services => self.service_id = id,
                    Tab::Salon | Tab::Statuses | Tab::Kiosk | Tab::Till | Tab::Data | Tab::About => {}
                }
                self.reload_forms = true;
                return Action::Request(Request::ReloadSalon(Some(Note::Done("saved-settings"))));
            }
            Message::Saved(Err(e)) => self.error = problem(e),
        }
        Action::None
    }

    /// The open tab's Save: what was typed, or what is wrong with it.
    fn save(&mut self) -> Action<Message> {
        let saving = match self.tab {
            Tab::Salon => {
                // Both or neither: a wrong call link stops the save with its reason.
                let template = crate::domain::call::check_template(&self.call_template).map_err(Problem::from);
                let call_template = self.call_template.trim().to_string();
                match (self.salon_draft(), template) {
                    (Ok(salon), Ok(())) => Ok(save("save salon", move |store| {
                        store.save_salon_settings(&salon, &call_template).map(|_| 1)
                    })),
                    (Err(e), _) | (_, Err(e)) => Err(e),
                }
            }
            Tab::Staff => self.staff_draft().map(|staff| save("save staff", move |store| store.save_staff(&staff))),
            Tab::Services => self.service_draft().and_then(|service| {
                let till = self.service_till_draft()?;
                Ok(save("save service", move |store| {
                    store.atomically(|store| {
                        let id = store.save_service(&service)?;
                        store.set_service_till(&crate::store::ServiceTill { service_id: id, ..till })?;
                        Ok(id)
                    })
                }))
            }),
            Tab::Statuses => return self.statuses.save().map(Message::Statuses),
            Tab::Kiosk => return self.kiosk.save().map(Message::Kiosk),
            Tab::Till => return self.till.save().map(Message::Till),
            Tab::Data => return self.data.save().map(Message::Data),
            Tab::About => return Action::None,
        };
        match saving {
            Ok(action) => {
                self.error = None;
                action
            }
            Err(e) => {
                self.error = Some(e);
                Action::None
            }
        }
    }

    fn text_mut(&mut self, field: Field) -> &mut String {
        match field {
            Field::SalonName => &mut self.name,
            Field::Address => &mut self.address,
            Field::CallTemplate => &mut self.call_template,
            Field::TimeZone => &mut self.zone,
            Field::Currency => &mut self.currency,
            Field::Opens(d) => &mut self.opening[d].from,
            Field::Closes(d) => &mut self.opening[d].to,
            Field::StaffName => &mut self.staff_name,
            Field::Starts(d) => &mut self.week[d].from,
            Field::Ends(d) => &mut self.week[d].to,
            Field::PauseStarts(d) => &mut self.week[d].pause_from,
            Field::PauseEnds(d) => &mut self.week[d].pause_to,
            Field::AbsenceFrom => &mut self.absence[0],
            Field::AbsenceTo => &mut self.absence[1],
            Field::AbsenceReason => &mut self.absence[2],
            Field::ServiceName => &mut self.service[0],
            Field::ServiceNameIn(i) => &mut self.service_names[i],
            Field::ServiceMinutes => &mut self.service[1],
            Field::ServicePrice => &mut self.service[2],
            Field::ServiceColour => &mut self.service[3],
            Field::ServiceVat => &mut self.service_till[0],
            Field::ServiceDeposit => &mut self.service_till[1],
        }
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let tab = |key: &str, tab: Tab| {
            button(text(t(lang, key)).size(font::CONTROL))
                .padding([8, 16])
                .style(theme::toggle(self.tab == tab))
                .on_press(Message::Tab(tab))
        };
        let tabs = row![
            heading(t(lang, "settings-title")),
            space::horizontal().width(20),
            tab("settings-salon", Tab::Salon),
            tab("settings-staff", Tab::Staff),
            tab("settings-services", Tab::Services),
            tab("settings-statuses", Tab::Statuses),
            tab("settings-kiosk", Tab::Kiosk),
            tab("settings-till", Tab::Till),
            tab("settings-data", Tab::Data),
            tab("settings-about", Tab::About),
        ]
        .spacing(6)
        .align_y(Alignment::Center);
        let body = match self.tab {
            Tab::Salon => self.salon_view(lang),
            Tab::Staff => self.staff_view(ctx),
            Tab::Services => self.services_view(ctx),
            Tab::Statuses => self.statuses.view(ctx).map(Message::Statuses),
            Tab::Kiosk => self.kiosk.view(ctx).map(Message::Kiosk),
            Tab::Till => self.till.view(ctx).map(Message::Till),
            Tab::Data => self.data.view(ctx).map(Message::Data),
            Tab::About => self.about.view(ctx).map(Message::About),
        };
        let footer = row![
            // The open tab's problem: the kiosk's and the data's tabs keep their own.
            error_line(
                lang,
                match self.tab {
                    Tab::Kiosk => &self.kiosk.error,
                    Tab::Till => &self.till.error,
                    Tab::Data => &self.data.error,
                    Tab::About => &self.about.error,
                    _ => &self.error,
                }
            ),
            space::horizontal(),
        ]
        .align_y(Alignment::Center);
        // About has nothing to save.
        let footer = if self.tab == Tab::About {
            footer
        } else {
            footer.push(
                button(text(t(lang, "button-save")).size(font::CONTROL))
                    .padding([8, 20])
                    .style(theme::primary)
                    .on_press(Message::Save),
            )
        };
        let page = column![
            tabs,
            container(
                scrollable(container(body).padding(iced::Padding { right: 18.0, ..iced::Padding::ZERO }))
                    .height(Length::Fill)
            )
            .padding(16)
            .style(theme::card),
            footer
        ]
        .spacing(10);
        // Asked over the screen, where it is seen, not below the fold of a long form.
        let question = match &self.absence_clash {
            Some((_, clashes)) => Some(staff::absence_clash(ctx, &self.staff_name, clashes)),
            None if self.tab == Tab::Data => self.data.question(ctx).map(|q| q.map(Message::Data)),
            None => None,
        };
        match question {
            Some(ask) => stack![page, opaque(center(ask).style(theme::backdrop))].into(),
            None => page.into(),
        }
    }
}

fn input<'a>(lang: Language, label: &str, value: &'a str, field: Field) -> Element<'a, Message> {
    labelled_input(t(lang, label), "", value, field)
}

/// A text field under its label; `placeholder` shows while it is empty.
fn labelled_input<'a>(label: String, placeholder: &str, value: &'a str, field: Field) -> Element<'a, Message> {
    column![
        text(label).size(font::LABEL).color(theme::MUTED),
        text_input(placeholder, value)
            .on_input(move |v| Message::Edit(field, v))
            .on_submit(Message::Save)
            .padding([6, 8])
            .style(theme::input),
    ]
    .spacing(3)
    .width(Length::Fill)
    .into()
}

fn day_row<'a>(
    lang: Language,
    day: usize,
    form: &'a DayForm,
    toggle: Toggle,
    from: Field,
    to: Field,
    pause: Option<(Field, Field)>,
) -> Element<'a, Message> {
    let weekday = Weekday::try_from(day as u8).unwrap_or(Weekday::Mon);
    let time = |value: &'a str, field: Field| {
        text_input("", value)
            .on_input(move |v| Message::Edit(field, v))
            .on_submit(Message::Save)
            .width(70)
            .padding([4, 6])
            .style(theme::input)
    };
    let mut line = row![
        checkbox(form.on)
            .label(i18n::weekday_long(lang, weekday))
            .on_toggle(move |on| Message::Toggle(toggle, on))
            .width(150),
    ]
    .spacing(8)
    .align_y(Alignment::Center);
    if form.on {
        line = line.push(time(&form.from, from)).push(text("–")).push(time(&form.to, to));
        if let Some((pf, pt)) = pause {
            line = line
                .push(text(t(lang, "settings-break")).size(font::LABEL).color(theme::MUTED))
                .push(time(&form.pause_from, pf))
                .push(text("–"))
                .push(time(&form.pause_to, pt));
        }
    } else {
        let off = if pause.is_some() { "calendar-day-off" } else { "settings-closed" };
        line = line.push(text(t(lang, off)).size(font::LABEL).color(theme::MUTED));
    }
    line.into()
}
