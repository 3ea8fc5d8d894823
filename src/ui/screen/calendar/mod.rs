//! The calendar: a day with one column per staff member, or a week of one
//! staff member; navigation, the date picker, and the appointment dialog.

pub mod appointment;
mod call_list;
mod drag;
pub mod till;

use crate::domain::Appointment;
use crate::domain::clock::{self, Instant};
use crate::domain::risk::Risk;
use crate::store::{CallEntry, Store, StoreError};
use crate::ui::context::{Action, Ctx, Note, Problem, Request};
use crate::ui::i18n::{self, t};
use crate::ui::runtime::Focus;
use crate::ui::theme::font;
use crate::ui::theme::{self, Banner};
use crate::ui::widget::choice::{self, Choice};
use crate::ui::widget::{date_picker, time_grid};
use crate::ui::words::{problem, problem_text};
use appointment::Dialog;
use chrono::{Datelike, Duration, Months, NaiveDate};
use chrono_tz::Tz;
use iced::keyboard::{Key, Modifiers, key::Named};
use iced::widget::{button, center, column, container, opaque, pick_list, row, space, stack, text};
use iced::{Alignment, Element, Length};
use std::collections::HashMap;

pub use appointment::Message as DialogMessage;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Day,
    Week,
}

#[derive(Debug, Default)]
pub struct State {
    pub date: NaiveDate,
    pub mode: Mode,
    /// Whose week the week view shows (`ALL_STAFF`: everyone's, side by side).
    pub week_staff: Option<i64>,
    pub appointments: Vec<Appointment>,
    pub risks: HashMap<i64, Risk>,
    /// The first day and number of days `appointments` holds.
    loaded: Option<(NaiveDate, u32)>,
    /// The month the date picker shows, while it is open.
    picker: Option<NaiveDate>,
    pub dialog: Option<Dialog>,
    /// The till, while a checkout or a sale is being made.
    pub till: Option<till::Till>,
    /// Tomorrow's call-to-confirm list, while it is open.
    pub call_list: Option<CallList>,
    /// An appointment held by the pointer, to move by drag and drop.
    drag: Option<drag::Drag>,
    error: Option<Problem>,
}

/// The week view's choice "all staff": every day with everyone side by side.
pub const ALL_STAFF: i64 = 0;

#[derive(Debug, Clone)]
pub struct CallList {
    pub date: NaiveDate,
    pub rows: Vec<CallEntry>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Previous,
    Next,
    Today,
    SetMode(Mode),
    PickWeekStaff(Choice<i64>),
    TogglePicker,
    PickerMonth(i32),
    PickDate(NaiveDate),
    SlotClicked {
        staff_id: i64,
        date: NaiveDate,
        minute: u32,
    },
    Open(i64),
    /// A click, a grab, a drag or a drop on the time grid.
    Grid(time_grid::GridEvent),
    CloseDialog,
    OpenCallList,
    CloseCallList,
    CallList(CallRows),
    /// "Send confirmation request" for an appointment of the call list.
    AskToConfirm(i64),
    /// The request was queued (`true`), or she cannot be reached; the list again.
    Asked(Result<(bool, Vec<CallEntry>), StoreError>),
    Confirm(i64, bool),
    Call(String),
    Dialog(appointment::Message),
    /// "Sale": the till for someone without an appointment.
    OpenSale,
    Till(till::Message),
    Loaded {
        first: NaiveDate,
        days: u32,
        result: Result<Loaded, StoreError>,
    },
}

/// What a load of the calendar brings: the appointments, and the no-show
/// risk of those still to come.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub appointments: Vec<Appointment>,
    pub risks: Vec<(i64, Risk)>,
}

impl Loaded {
    fn read(store: &Store, tz: Tz, first: NaiveDate, days: u32, now: Instant) -> Result<Loaded, StoreError> {
        let appointments = store.appointments_on_days(tz, first, days)?;
        let risks = store.risks(&appointments, now)?;
        Ok(Loaded { appointments, risks })
    }
}

type CallRows = Result<Vec<CallEntry>, StoreError>;

impl State {
    pub fn has_dialog(&self) -> bool {
        self.dialog.is_some() || self.till.is_some()
    }

    /// The days on screen: one, or the week (from the language's first weekday).
    pub fn range(&self, ctx: &Ctx) -> (NaiveDate, u32) {
        match self.mode {
            Mode::Day => (self.date, 1),
            Mode::Week => {
                let first = ctx.lang.first_weekday().num_days_from_monday();
                let back = (self.date.weekday().num_days_from_monday() + 7 - first) % 7;
                (self.date - Duration::days(back as i64), 7)
            }
        }
    }

    /// Loads what is on screen; on the first load (or a new day) it jumps to today.
    pub fn reload(&mut self, ctx: &Ctx, jump_to_today: bool) -> Action<Message> {
        if jump_to_today || self.date == NaiveDate::default() {
            self.date = ctx.today();
        }
        if self.week_staff.is_none_or(|id| id != ALL_STAFF && !ctx.data.staff.iter().any(|s| s.id == id)) {
            self.week_staff = ctx.data.staff.iter().find(|s| s.active).map(|s| s.id);
        }
        let (first, days) = self.range(ctx);
        let (tz, now) = (ctx.data.salon.time_zone, ctx.now);
        Action::run("load calendar", move |store| Message::Loaded {
            first,
            days,
            result: Loaded::read(store, tz, first, days, now),
        })
    }

    /// ←/→ previous/next day, T today — not behind an open dialog, call
    /// list or date picker; Esc closes what is open, Enter saves the dialog.
    pub fn shortcut(&self, key: &Key, modifiers: Modifiers) -> Option<Message> {
        let covered = self.has_dialog() || self.call_list.is_some() || self.picker.is_some();
        match key.as_ref() {
            Key::Named(Named::Escape) if self.till.is_some() => Some(Message::Till(till::Message::Close)),
            Key::Named(Named::Escape) if self.has_dialog() => Some(Message::CloseDialog),
            Key::Named(Named::Escape) if self.call_list.is_some() => Some(Message::CloseCallList),
            Key::Named(Named::Escape) if self.picker.is_some() => Some(Message::TogglePicker),
            Key::Named(Named::Enter) if self.dialog.is_some() => Some(Message::Dialog(appointment::Message::Save)),
            _ if covered || modifiers.command() => None,
            Key::Named(Named::ArrowLeft) => Some(Message::Previous),
            Key::Named(Named::ArrowRight) => Some(Message::Next),
            Key::Character("t") | Key::Character("T") => Some(Message::Today),
            _ => None,
        }
    }

    fn go_to(&mut self, date: NaiveDate, ctx: &Ctx) -> Action<Message> {
        self.date = date;
        self.picker = None;
        self.reload(ctx, false)
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> Action<Message> {
        let step = if self.mode == Mode::Week { 7 } else { 1 };
        match message {
            Message::Previous => self.go_to(self.date - Duration::days(step), ctx),
            Message::Next => self.go_to(self.date + Duration::days(step), ctx),
            Message::Today => self.go_to(ctx.today(), ctx),
            Message::PickDate(date) => self.go_to(date, ctx),
            Message::SetMode(mode) => {
                self.mode = mode;
                self.reload(ctx, false)
            }
            Message::PickWeekStaff(choice) => {
                self.week_staff = Some(choice.id);
                Action::None
            }
            Message::TogglePicker => {
                self.picker = if self.picker.is_some() { None } else { Some(self.date) };
                Action::None
            }
            Message::PickerMonth(delta) => {
                if let Some(month) = self.picker {
                    let moved = if delta < 0 {
                        month.checked_sub_months(Months::new(1))
                    } else {
                        month.checked_add_months(Months::new(1))
                    };
                    self.picker = moved.or(Some(month));
                }
                Action::None
            }
            Message::Loaded { first, days, result } => {
                match result {
                    // Only what is still on screen; a slow answer for a day already left is dropped.
                    Ok(loaded) if (first, days) == self.range(ctx) => {
                        self.appointments = loaded.appointments;
                        self.risks = loaded.risks.into_iter().collect();
                        self.loaded = Some((first, days));
                        self.error = None;
                    }
                    Ok(_) => {}
                    Err(e) => self.error = problem(e),
                }
                Action::None
            }
            Message::SlotClicked { staff_id, date, minute } => {
                let (dialog, action) = Dialog::new_booking(ctx, staff_id, date, minute);
                self.dialog = Some(dialog);
                action.map(Message::Dialog)
            }
            Message::Grid(event) => self.grid_event(event, ctx),
            Message::Open(id) => match self.appointments.iter().find(|a| a.id == id) {
                Some(a) => {
                    self.dialog = Some(Dialog::edit(ctx, a.clone()));
                    Action::Focus(Focus::Id(appointment::CUSTOMER_ID))
                }
                None => Action::None,
            },
            Message::CloseDialog | Message::Dialog(appointment::Message::Close) => {
                self.dialog = None;
                self.picker = None;
                Action::None
            }
            Message::OpenCallList => {
                let date = ctx.today() + Duration::days(1);
                self.call_list = Some(CallList { date, rows: Vec::new() });
                let (tz, now) = (ctx.data.salon.time_zone, ctx.now);
                Action::run("call list", move |store| Message::CallList(store.call_list(tz, date, now)))
            }
            Message::CloseCallList => {
                self.call_list = None;
                Action::None
            }
            Message::CallList(result) => {
                match (result, self.call_list.as_mut()) {
                    (Ok(rows), Some(list)) => list.rows = rows,
                    (Err(e), _) => self.error = problem(e),
                    _ => {}
                }
                Action::None
            }
            // Ticks an appointment of the call list, then reloads the list.
            Message::Confirm(id, confirmed) => match &self.call_list {
                Some(list) => {
                    let (tz, date, now) = (ctx.data.salon.time_zone, list.date, ctx.now);
                    Action::run("confirm", move |store| {
                        Message::CallList(store.confirm(id, confirmed).and_then(|_| store.call_list(tz, date, now)))
                    })
                }
                None => Action::None,
            },
            Message::AskToConfirm(id) => match &self.call_list {
                Some(list) => {
                    let (tz, date, now) = (ctx.data.salon.time_zone, list.date, ctx.now);
                    Action::run("ask to confirm", move |store| {
                        Message::Asked(
                            store.ask_to_confirm(id).and_then(|asked| Ok((asked, store.call_list(tz, date, now)?))),
                        )
                    })
                }
                None => Action::None,
            },
            Message::Asked(result) => match (result, self.call_list.as_mut()) {
                (Ok((asked, rows)), Some(list)) => {
                    list.rows = rows;
                    let note = if asked {
                        Note::Done("calllist-ask-queued")
                    } else {
                        Note::Problem(Problem::Refusal("calllist-ask-unreachable"))
                    };
                    Action::Request(Request::Notice(note))
                }
                (Err(e), _) => {
                    self.error = problem(e);
                    Action::None
                }
                _ => Action::None,
            },
            Message::Call(phone) => Action::Request(Request::Call(phone)),
            Message::Dialog(appointment::Message::CheckOut) => match self.dialog.take().and_then(|d| d.original) {
                Some(a) => {
                    let (till, action) = till::Till::of_appointment(ctx, a);
                    self.till = Some(till);
                    action.map(Message::Till)
                }
                None => Action::None,
            },
            Message::OpenSale => {
                let (till, action) = till::Till::walk_in(ctx);
                self.till = Some(till);
                action.map(Message::Till)
            }
            Message::Till(till::Message::Close) => {
                self.till = None;
                Action::None
            }
            Message::Till(m) => match self.till.as_mut() {
                Some(till) => till.update(m, ctx).map(Message::Till),
                None => Action::None,
            },
            Message::Dialog(m) => {
                let closes = m.closes();
                let Some(dialog) = self.dialog.as_mut() else { return Action::None };
                let action = dialog.update(m, ctx).map(Message::Dialog);
                if closes {
                    self.dialog = None;
                }
                action
            }
        }
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let (first, days) = self.range(ctx);
        let title = match self.mode {
            Mode::Day => i18n::date_long(lang, self.date),
            Mode::Week => format!(
                "{} – {}",
                i18n::date_short(lang, first),
                i18n::date_short(lang, first + Duration::days(days as i64 - 1))
            ),
        };
        let mut toolbar = row![
            button(text("‹").size(font::TITLE_SMALL))
                .padding([4, 14])
                .style(theme::secondary)
                .on_press(Message::Previous),
            button(text(t(lang, "calendar-today")).size(font::CONTROL))
                .padding([6, 14])
                .style(theme::secondary)
                .on_press(Message::Today),
            button(text("›").size(font::TITLE_SMALL)).padding([4, 14]).style(theme::secondary).on_press(Message::Next),
            // The date is the way to the month: it looks like the button it is.
            // The arrow from iced's own icon font (as a pick list's): "▾" is
            // not in Fira Sans, and Windows without a fallback font showed a box.
            button(
                row![
                    text(title).size(font::TITLE_SMALL),
                    text('\u{e800}').font(iced::Font::with_name("Iced-Icons")).size(font::BODY),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            )
            .padding([4, 10])
            .style(theme::secondary)
            .on_press(Message::TogglePicker),
            space::horizontal(),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        if self.mode == Mode::Week {
            let mut whose = vec![Choice::new(ALL_STAFF, t(lang, "calendar-all-staff"))];
            whose.extend(choice::staff(ctx));
            let chosen = whose.iter().find(|c| Some(c.id) == self.week_staff).cloned();
            toolbar = toolbar.push(pick_list(whose, chosen, Message::PickWeekStaff).text_size(font::BODY));
        }
        if ctx.data.features.checkout {
            toolbar = toolbar.push(
                button(text(t(lang, "till-sale")).size(font::BODY)).style(theme::secondary).on_press(Message::OpenSale),
            );
        }
        toolbar = toolbar.push(
            button(text(t(lang, "calllist-open")).size(font::BODY))
                .style(theme::secondary)
                .on_press(Message::OpenCallList),
        );
        toolbar = toolbar.push(
            row![
                button(text(t(lang, "calendar-day")).size(font::BODY))
                    .style(theme::toggle(self.mode == Mode::Day))
                    .on_press(Message::SetMode(Mode::Day)),
                button(text(t(lang, "calendar-week")).size(font::BODY))
                    .style(theme::toggle(self.mode == Mode::Week))
                    .on_press(Message::SetMode(Mode::Week)),
            ]
            .spacing(2),
        );

        let body: Element<'a, Message> = if ctx.data.staff.iter().all(|s| !s.active) {
            center(text(t(lang, "calendar-no-staff")).size(font::LEAD).color(theme::MUTED)).into()
        } else {
            self.grid(ctx)
        };
        let mut page = column![toolbar].spacing(8);
        if let Some(e) = &self.error {
            page = page.push(crate::ui::widget::banner(Banner::Error, text(problem_text(lang, e)).size(font::BODY)));
        }
        let page = page.push(body);

        let mut layers = stack![page];
        if let Some(month) = self.picker {
            let picker =
                date_picker::view(lang, month, self.date, ctx.today(), Message::PickDate, Message::PickerMonth);
            layers = layers.push(column![space().height(44), row![space().width(150), picker]]);
        }
        if let Some(list) = &self.call_list {
            layers = layers.push(opaque(center(call_list::view(ctx, list)).style(theme::backdrop)));
        }
        if let Some(dialog) = &self.dialog {
            let modal = center(dialog.view(ctx).map(Message::Dialog)).style(theme::backdrop);
            layers = layers.push(opaque(modal));
        }
        if let Some(till) = &self.till {
            layers = layers.push(opaque(center(till.view(ctx).map(Message::Till)).style(theme::backdrop)));
        }
        layers.into()
    }

    fn grid<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let salon = &ctx.data.salon;
        let tz = salon.time_zone;
        let on_day = |date: NaiveDate, staff_id: i64| {
            self.appointments
                .iter()
                .filter(move |a| a.staff_id == staff_id && clock::to_local(tz, a.slot.start).date() == date)
                .collect::<Vec<_>>()
        };
        // The same columns, in the same order, as a drop is read against.
        let columns: Vec<time_grid::GridColumn<'a>> = self
            .column_keys(ctx)
            .into_iter()
            .filter_map(|(id, date)| ctx.data.staff.iter().find(|s| s.id == id).map(|s| (s, date)))
            .map(|(staff, date)| time_grid::GridColumn {
                title: match (self.mode, self.week_staff) {
                    (Mode::Day, _) => staff.name.clone(),
                    // Every day with everyone side by side.
                    (Mode::Week, Some(ALL_STAFF)) => format!("{} · {}", i18n::date_short(ctx.lang, date), staff.name),
                    (Mode::Week, _) => i18n::date_short(ctx.lang, date),
                },
                date,
                staff,
                appointments: on_day(date, staff.id),
            })
            .collect();
        // Up to a dozen staff share the width; beyond that the grid scrolls.
        let many = columns.len() > 12;
        let compact = columns.len() > 6;
        let grid = time_grid::Grid {
            lang: ctx.lang,
            statuses: &ctx.data.statuses,
            risks: &self.risks,
            tz,
            now: ctx.now,
            span: salon.opening.grid_span(),
            opening: &salon.opening,
            column_width: many.then_some(110.0),
            compact,
            dragging: self.drag.is_some(),
        };
        let view = time_grid::view(&grid, columns, Message::Grid);
        if many {
            iced::widget::scrollable(view)
                .direction(iced::widget::scrollable::Direction::Horizontal(Default::default()))
                .height(Length::Fill)
                .into()
        } else {
            container(view).height(Length::Fill).into()
        }
    }
}
