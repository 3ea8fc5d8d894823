//! The appointment dialog: book, edit, move, link a customer as you type,
//! and change the state (arrived, completed, no-show or cancelled with a
//! reason, undo). An overlap is refused with the next free time offered.

use crate::domain::InputError;
use crate::domain::clock::{self, Instant};
use crate::domain::desk_rules::DeskWarning;
use crate::domain::{Appointment, AppointmentState, Source};
use crate::store::{CustomerHit, DeskSave, NewAppointment, RuleOutcome, StoreError};
use crate::ui::context::{Action, Ctx, Note, Problem, Request};
use crate::ui::i18n::{self, t, ta};
use crate::ui::runtime::Focus;
use crate::ui::screen::customers::SEARCH_LIMIT;
use crate::ui::theme;
use crate::ui::widget::choice::{self, Choice};
use crate::ui::widget::time_grid::state_key;
use crate::ui::widget::{error_line, pill, reliability};
use crate::ui::words::{problem, problem_text};
use chrono::NaiveDate;
use iced::widget::text::Wrapping;
use iced::widget::{button, column, container, pick_list, row, space, text, text_input};
use iced::{Alignment, Element, Length};

pub const CUSTOMER_ID: &str = "appointment-customer";

/// Reasons the desk can pick with one click; anything else can be typed.
pub const NO_SHOW_REASONS: [&str; 4] = ["reason-forgot", "reason-ill", "reason-not-reachable", "reason-none-given"];
pub const CANCEL_REASONS: [&str; 4] = ["reason-rescheduled", "reason-ill", "reason-travel", "reason-salon"];

#[derive(Debug, Clone)]
pub struct Dialog {
    pub original: Option<Appointment>,
    pub staff: Option<Choice<i64>>,
    pub service: Option<Choice<i64>>,
    pub date: String,
    pub time: String,
    pub minutes: String,
    /// A deposit paid, as typed ("" is none).
    pub deposit: String,
    pub customer_query: String,
    pub linked: Option<CustomerHit>,
    pub suggestions: Vec<CustomerHit>,
    /// A no-show or cancellation waiting for its reason.
    pub asking: Option<AppointmentState>,
    pub reason: String,
    /// For a no-show: was the customer reached? (`None`: not tried.)
    pub reached: Option<bool>,
    pub error: Option<Problem>,
    /// After an overlap: no free time was found for the rest of the search.
    no_free: bool,
    pub next_free: Option<Instant>,
    /// What the last save did, for the message afterwards.
    done: &'static str,
    /// Warnings shown after the first "Save"; a second one books anyway.
    pub warnings: Vec<DeskWarning>,
    /// When the dialog opened (the moment the status rules look back from).
    now: Instant,
}

#[derive(Debug, Clone)]
pub enum Message {
    StaffPicked(Choice<i64>),
    ServicePicked(Choice<i64>),
    DateTyped(String),
    TimeTyped(String),
    MinutesTyped(String),
    DepositTyped(String),
    CustomerTyped(String),
    Pick(CustomerHit),
    Unlink,
    OpenCard(i64),
    Mark(AppointmentState),
    ReasonPreset(&'static str),
    ReasonTyped(String),
    Reached(Option<bool>),
    ConfirmReason,
    BackFromReason,
    TakeNextFree,
    Save,
    Close,
    Found { typed: String, result: Result<Vec<CustomerHit>, StoreError> },
    NextFree(Result<Option<Instant>, StoreError>),
    Saved(Result<DeskSave, StoreError>),
    Marked(Result<Option<RuleOutcome>, StoreError>),
}

impl Message {
    /// Whether the dialog is done with this answer (the calendar closes it).
    pub fn closes(&self) -> bool {
        matches!(self, Message::Saved(Ok(DeskSave::Saved(_))) | Message::Marked(Ok(_)))
    }

    /// What the person changed (as opposed to an answer from the store).
    fn is_edit(&self) -> bool {
        !matches!(
            self,
            Message::Save
                | Message::Close
                | Message::Found { .. }
                | Message::NextFree(_)
                | Message::Saved(_)
                | Message::Marked(_)
        )
    }
}

/// The salon's service behind a choice.
fn service<'a>(ctx: &'a Ctx, id: i64) -> Option<&'a crate::domain::schedule::Service> {
    ctx.data.services.iter().find(|s| s.id == id)
}

impl Dialog {
    pub fn new_booking(ctx: &Ctx, staff_id: i64, date: NaiveDate, minute: u32) -> (Dialog, Action<Message>) {
        let service = choice::services(ctx).into_iter().next();
        let dialog = Dialog {
            original: None,
            staff: choice::staff(ctx).into_iter().find(|s| s.id == staff_id),
            minutes: service
                .as_ref()
                .and_then(|c| self::service(ctx, c.id))
                .map(|s| s.minutes.to_string())
                .unwrap_or_else(|| "30".into()),
            service,
            date: i18n::date_numeric(ctx.lang, date),
            time: clock::format_minute(minute),
            deposit: String::new(),
            customer_query: String::new(),
            linked: None,
            suggestions: Vec::new(),
            asking: None,
            reason: String::new(),
            reached: None,
            error: None,
            no_free: false,
            next_free: None,
            done: "saved-booked",
            warnings: Vec::new(),
            now: ctx.now,
        };
        (dialog, Action::Focus(Focus::Id(CUSTOMER_ID)))
    }

    pub fn edit(ctx: &Ctx, a: Appointment) -> Dialog {
        let tz = ctx.data.salon.time_zone;
        let local = clock::to_local(tz, a.slot.start);
        Dialog {
            staff: choice::staff(ctx).into_iter().find(|s| s.id == a.staff_id),
            service: choice::services(ctx).into_iter().find(|s| s.id == a.service_id),
            date: i18n::date_numeric(ctx.lang, local.date()),
            time: local.format("%H:%M").to_string(),
            minutes: a.minutes().to_string(),
            deposit: if a.deposit_cents > 0 {
                crate::domain::money::format_plain(a.deposit_cents, ctx.lang)
            } else {
                String::new()
            },
            customer_query: a.customer_name.clone(),
            linked: a.customer_id.map(|id| CustomerHit {
                id,
                name: a.customer_name.clone(),
                phone: a.customer_phone.clone(),
                email: String::new(),
                status_id: a.status_id,
                reliability: Default::default(),
            }),
            suggestions: Vec::new(),
            asking: None,
            reason: String::new(),
            reached: None,
            error: None,
            no_free: false,
            next_free: None,
            done: "saved-changed",
            warnings: Vec::new(),
            now: ctx.now,
            original: Some(a),
        }
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> Action<Message> {
        // Warnings were about what was typed; a change asks again.
        if message.is_edit() {
            self.warnings.clear();
        }
        match message {
            Message::StaffPicked(s) => self.staff = Some(s),
            Message::ServicePicked(c) => {
                if let Some(s) = service(ctx, c.id) {
                    self.minutes = s.minutes.to_string();
                }
                self.service = Some(c);
            }
            Message::DateTyped(v) => self.date = v,
            Message::TimeTyped(v) => self.time = v,
            Message::MinutesTyped(v) => self.minutes = v,
            Message::DepositTyped(v) => self.deposit = v,
            Message::CustomerTyped(typed) => {
                if self.linked.as_ref().is_some_and(|c| c.name != typed) {
                    self.linked = None;
                }
                self.customer_query = typed.clone();
                if typed.trim().chars().count() < 2 {
                    self.suggestions.clear();
                    return Action::None;
                }
                return Action::run("search customers", move |store| {
                    let result = store.search_customers(&typed, SEARCH_LIMIT);
                    Message::Found { typed, result }
                });
            }
            Message::Pick(hit) => {
                self.customer_query = hit.name.clone();
                self.linked = Some(hit);
                self.suggestions.clear();
            }
            Message::Unlink => self.linked = None,
            Message::OpenCard(id) => return Action::Request(Request::OpenCard(id)),
            Message::Mark(state) if state.needs_reason() => {
                self.asking = Some(state);
                self.reason.clear();
            }
            Message::Mark(state) => return self.set_state(state, String::new()),
            Message::ReasonPreset(key) => self.reason = t(ctx.lang, key),
            Message::ReasonTyped(v) => self.reason = v,
            Message::Reached(r) => self.reached = r,
            Message::BackFromReason => self.asking = None,
            Message::ConfirmReason => {
                if let Some(state) = self.asking {
                    if self.reason.trim().is_empty() {
                        self.error = Some(Problem::Refusal("dialog-reason-needed"));
                        return Action::None;
                    }
                    return self.set_state(state, self.reason.clone());
                }
            }
            Message::TakeNextFree => {
                if let Some(at) = self.next_free.take() {
                    let local = clock::to_local(ctx.data.salon.time_zone, at);
                    self.date = i18n::date_numeric(ctx.lang, local.date());
                    self.time = local.format("%H:%M").to_string();
                    return self.save(ctx);
                }
            }
            Message::Save => {
                if self.asking.is_some() {
                    return self.update(Message::ConfirmReason, ctx);
                }
                return self.save(ctx);
            }
            // The calendar owns the dialog and closes it before it gets here.
            Message::Close => {}
            Message::Found { typed, result } => self.suggestions(typed, result),
            Message::NextFree(result) => self.next_free(result),
            Message::Saved(Ok(DeskSave::Warned(warnings))) => self.warnings = warnings,
            Message::Saved(Ok(DeskSave::Saved(_))) => {
                return Action::Request(Request::AppointmentsChanged(Note::Done(self.done)));
            }
            Message::Marked(Ok(outcome)) => {
                let changed = Action::Request(Request::AppointmentsChanged(Note::Done(self.done)));
                return match outcome {
                    Some(o) => changed.and(Action::Request(Request::StatusRule(o))),
                    None => changed,
                };
            }
            Message::Saved(Err(e)) | Message::Marked(Err(e)) => return self.failed(e, ctx),
        }
        Action::None
    }

    fn set_state(&mut self, state: AppointmentState, reason: String) -> Action<Message> {
        let (reached, now) = (self.reached, self.now);
        let Some(a) = &self.original else { return Action::None };
        self.done = match state {
            AppointmentState::NoShow => "saved-no-show",
            AppointmentState::Cancelled => "saved-cancelled",
            AppointmentState::Arrived => "saved-arrived",
            AppointmentState::Completed => "saved-completed",
            AppointmentState::Booked => "saved-undone",
        };
        let id = a.id;
        Action::run("mark appointment", move |store| Message::Marked(store.mark(id, state, &reason, reached, now)))
    }

    /// The appointment as typed, or what is wrong with it in words.
    fn draft(&self, ctx: &Ctx) -> Result<NewAppointment, InputError> {
        let staff = self.staff.as_ref().ok_or(InputError::Required("staff"))?;
        let service = self.service.as_ref().ok_or(InputError::Required("service"))?;
        let date = clock::parse_date(&self.date)?;
        let minute = clock::parse_time(&self.time)?;
        let minutes: u32 = self
            .minutes
            .trim()
            .parse()
            .ok()
            .filter(|m| (5..=720).contains(m))
            .ok_or_else(|| InputError::Duration(self.minutes.clone()))?;
        let walk_in_name = if self.linked.is_some() { String::new() } else { self.customer_query.trim().to_string() };
        if self.linked.is_none() && walk_in_name.is_empty() {
            return Err(InputError::Required("customer"));
        }
        let price_cents = match &self.original {
            Some(a) if a.service_id == service.id => a.price_cents,
            _ => self::service(ctx, service.id).map_or(0, |s| s.price_cents),
        };
        Ok(NewAppointment {
            staff_id: staff.id,
            service_id: service.id,
            customer_id: self.linked.as_ref().map(|c| c.id),
            walk_in_name,
            start: clock::local_to_utc(ctx.data.salon.time_zone, date, minute),
            minutes,
            price_cents,
            deposit_cents: match self.deposit.trim() {
                "" => 0,
                typed => crate::domain::money::parse(typed)?,
            },
            source: Source::Desk,
        })
    }

    fn save(&mut self, ctx: &Ctx) -> Action<Message> {
        self.next_free = None;
        self.no_free = false;
        match self.draft(ctx) {
            Err(e) => {
                self.error = Some(e.into());
                Action::None
            }
            Ok(new) => {
                self.error = None;
                // Saving again after a warning is the desk's "book anyway".
                let confirmed = !self.warnings.is_empty();
                match &self.original {
                    Some(a) => {
                        self.done = "saved-changed";
                        let id = a.id;
                        Action::run("change appointment", move |store| {
                            Message::Saved(store.change_checked(id, &new, confirmed))
                        })
                    }
                    None => {
                        self.done = "saved-booked";
                        Action::run("book", move |store| Message::Saved(store.book_checked(&new, confirmed)))
                    }
                }
            }
        }
    }

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
        }
    }

    fn suggestions(&mut self, typed: String, result: Result<Vec<CustomerHit>, StoreError>) {
        // Only the answer to what is in the field now; older answers are stale.
        if typed == self.customer_query {
            match result {
                Ok(hits) => self.suggestions = hits.into_iter().take(6).collect(),
                Err(e) => self.error = problem(e),
            }
        }
    }

    /// A save failed: say why; after an overlap, look for the next free time.
    fn failed(&mut self, e: StoreError, ctx: &Ctx) -> Action<Message> {
        let overlap = e == StoreError::Overlap;
        self.error = problem(e);
        if !overlap {
            return Action::None;
        }
        match (self.asking, self.draft(ctx)) {
            (None, Ok(new)) => {
                let tz = ctx.data.salon.time_zone;
                let ignore = self.original.as_ref().map(|a| a.id);
                Action::run("next free time", move |store| {
                    Message::NextFree(store.next_free_start(tz, new.staff_id, new.minutes, new.start, ignore))
                })
            }
            _ => Action::None,
        }
    }

    fn next_free(&mut self, result: Result<Option<Instant>, StoreError>) {
        match result {
            Ok(found) => {
                self.next_free = found;
                self.no_free = found.is_none();
            }
            Err(e) => self.error = problem(e),
        }
    }

    /// What went wrong, and after an overlap that no free time was found.
    fn error_view<'a>(&self, lang: crate::domain::Language) -> Element<'a, Message> {
        if !self.no_free {
            return error_line(lang, &self.error);
        }
        let said = self.error.as_ref().map(|p| problem_text(lang, p)).unwrap_or_default();
        text(format!("{said} {}", t(lang, "calendar-no-free"))).size(14).color(theme::DANGER).into()
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let label = |key: &str| text(t(lang, key)).size(13).color(theme::MUTED);
        let mut title = row![
            text(t(lang, if self.original.is_some() { "dialog-edit-title" } else { "dialog-new-title" })).size(22)
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
                title = title.push(text(a.reason.clone()).size(14).color(theme::MUTED));
            }
            if a.awaiting_deposit {
                title = title.push(text(t(lang, "appointment-awaiting-deposit")).size(13).color(theme::DANGER));
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
            text_input("", value).on_input(on).on_submit(Message::Save).padding([6, 8]).size(15).style(theme::input)
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
            body = body.push(text(self.warning_text(ctx, w)).size(14).color(theme::WARNING));
        }
        if let Some(at) = self.next_free {
            let local = clock::to_local(ctx.data.salon.time_zone, at);
            let when = format!("{} {}", i18n::date_short(lang, local.date()), local.format("%H:%M"));
            body = body.push(
                button(text(ta(lang, "calendar-next-free", &[("time", when)])).size(15))
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
            button(text(t(lang, "button-close")).size(15))
                .padding([8, 16])
                .style(theme::secondary)
                .on_press(Message::Close),
            button(text(t(lang, if self.warnings.is_empty() { "button-save" } else { "button-book-anyway" })).size(15))
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
            .size(15)
            .style(theme::input);
        let status: Element<'a, Message> = match &self.linked {
            Some(c) => row![
                pill(t(lang, "dialog-linked"), theme::SUCCESS),
                reliability::status_dot(ctx.status(c.status_id)),
                text(format!("{} · {}", c.name, c.phone)).size(13),
                space::horizontal(),
                button(text(t(lang, "dialog-open-card")).size(13)).style(theme::link).on_press(Message::OpenCard(c.id)),
                button(text(t(lang, "dialog-unlink")).size(13)).style(theme::link).on_press(Message::Unlink),
            ]
            .spacing(8)
            .align_y(Alignment::Center)
            .into(),
            None if !self.customer_query.trim().is_empty() => row![
                pill(t(lang, "mark-not-linked"), theme::WARNING),
                text(t(lang, "dialog-walk-in-hint")).size(13).color(theme::MUTED),
            ]
            .spacing(8)
            .align_y(Alignment::Center)
            .into(),
            None => text(t(lang, "dialog-customer-hint")).size(13).color(theme::MUTED).into(),
        };
        let mut list = column![].spacing(2);
        for hit in &self.suggestions {
            let line = row![
                reliability::status_dot(ctx.status(hit.status_id)),
                text(hit.name.clone()).size(14).width(Length::FillPortion(3)),
                text(hit.phone.clone()).size(13).color(theme::MUTED).width(Length::FillPortion(2)),
                container(text(hit.email.clone()).size(13).color(theme::MUTED).wrapping(Wrapping::None))
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
        column![text(t(lang, "field-customer")).size(13).color(theme::MUTED), field, status, list].spacing(4).into()
    }

    fn reason_view<'a>(&'a self, ctx: &Ctx<'a>, state: AppointmentState) -> Element<'a, Message> {
        let lang = ctx.lang;
        let presets = if state == AppointmentState::NoShow { NO_SHOW_REASONS } else { CANCEL_REASONS };
        let mut choices = row![].spacing(6);
        for key in presets {
            let chosen = self.reason == t(lang, key);
            choices = choices.push(
                button(text(t(lang, key)).size(13)).style(theme::toggle(chosen)).on_press(Message::ReasonPreset(key)),
            );
        }
        let confirm_key =
            if state == AppointmentState::NoShow { "dialog-confirm-no-show" } else { "dialog-confirm-cancel" };
        let mut panel = column![
            text(t(
                lang,
                if state == AppointmentState::NoShow { "dialog-no-show-reason" } else { "dialog-cancel-reason" }
            ))
            .size(15),
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
            let mut reached = row![text(t(lang, "dialog-reached")).size(14)].spacing(6).align_y(Alignment::Center);
            for (value, key) in [(Some(true), "reached-yes"), (Some(false), "reached-no"), (None, "reached-not-tried")]
            {
                reached = reached.push(
                    button(text(t(lang, key)).size(13))
                        .style(theme::toggle(self.reached == value))
                        .on_press(Message::Reached(value)),
                );
            }
            panel = panel.push(reached);
        }
        panel
            .push(
                row![
                    button(text(t(lang, confirm_key)).size(14)).style(theme::danger).on_press(Message::ConfirmReason),
                    button(text(t(lang, "button-back")).size(14))
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
    for (state, key) in [
        (Arrived, "action-arrived"),
        (Completed, "action-completed"),
        (NoShow, "action-no-show"),
        (Cancelled, "action-cancel"),
        (Booked, "action-undo"),
    ] {
        if a.state.can_become(state) {
            let style = if state == NoShow { theme::danger } else { theme::secondary };
            buttons = buttons
                .push(button(text(t(lang, key)).size(14)).padding([6, 12]).style(style).on_press(Message::Mark(state)));
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
    column![buttons, text(origin).size(12).color(theme::MUTED)].spacing(6).into()
}
