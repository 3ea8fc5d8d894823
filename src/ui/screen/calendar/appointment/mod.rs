//! The appointment dialog: book, edit, move, link a customer as you type,
//! and change the state (arrived, completed, no-show or cancelled with a
//! reason, undo). An overlap is refused with the next free time offered.

use crate::domain::InputError;
use crate::domain::clock::{self, Instant};
use crate::domain::desk_rules::DeskWarning;
use crate::domain::{Appointment, AppointmentState, Source};
use crate::store::{CustomerHit, DeskSave, NewAppointment, RuleOutcome, StoreError, Undo};
use crate::ui::context::{Action, Ctx, Note, Problem, Request};
use crate::ui::i18n::{self, t};
use crate::ui::runtime::Focus;
use crate::ui::screen::customers::SEARCH_LIMIT;
use crate::ui::widget::choice::{self, Choice};
use crate::ui::words::problem;
use chrono::NaiveDate;

mod view;

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
    /// To the till with this appointment (the calendar opens it).
    CheckOut,
    Save,
    Close,
    Found {
        typed: String,
        result: Result<Vec<CustomerHit>, StoreError>,
    },
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
                | Message::CheckOut
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

    /// The dialog of `a` with it moved to `staff_id` at `minute` of `date`
    /// (a drag in the calendar), ready to save as the dialog would.
    pub fn moved(ctx: &Ctx, a: Appointment, staff_id: i64, date: NaiveDate, minute: u32) -> Dialog {
        let mut dialog = Dialog::edit(ctx, a);
        dialog.staff = choice::staff(ctx).into_iter().find(|s| s.id == staff_id);
        dialog.date = i18n::date_numeric(ctx.lang, date);
        dialog.time = clock::format_minute(minute);
        dialog
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
            Message::Close | Message::CheckOut => {}
            Message::Found { typed, result } => self.suggestions(typed, result),
            Message::NextFree(result) => self.next_free(result),
            Message::Saved(Ok(DeskSave::Warned(warnings))) => self.warnings = warnings,
            Message::Saved(Ok(DeskSave::Saved(id))) => {
                let undo = match &self.original {
                    Some(before) => Undo::change_of(before),
                    None => Undo::Booking(id),
                };
                return Action::Request(Request::AppointmentsChanged(Note::Done(self.done), Some(undo)));
            }
            Message::Marked(Ok(outcome)) => {
                let undo =
                    self.original.as_ref().map(|a| Undo::Mark { id: a.id, state: a.state, reason: a.reason.clone() });
                let changed = Action::Request(Request::AppointmentsChanged(Note::Done(self.done), undo));
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
}
