//! Settings › Customers: the customer statuses with every property —
//! create, edit, reorder, and delete with a replacement.

use crate::domain::status_rules::StatusRule;
use crate::domain::{CustomerStatus, InputError};
use crate::store::{Store, StoreError};
use crate::ui::context::{Action, Ctx, Note, Problem, Request};
use crate::ui::i18n::{t, ta};
use crate::ui::theme;
use crate::ui::theme::font;
use crate::ui::widget::choice::{self, Choice};
use crate::ui::widget::{error_line, reliability};
use crate::ui::words::problem;
use iced::widget::{button, checkbox, column, pick_list, row, space, text, text_input};
use iced::{Alignment, Element, Length};

#[derive(Debug, Default)]
pub struct Form {
    list: Vec<CustomerStatus>,
    /// The status being edited (id 0: a new one).
    status: CustomerStatus,
    max_appointments: String,
    max_days: String,
    /// While deleting: the status its customers get instead.
    replacement: Option<Option<Choice<i64>>>,
    rules: Vec<StatusRule>,
    new_rule: NewRule,
    pub error: Option<Problem>,
}

/// The rule being added: "after [N] no-shows within [M] months …".
#[derive(Debug, Clone)]
struct NewRule {
    no_shows: String,
    months: String,
    status: Option<Choice<i64>>,
    assign: bool,
}

impl Default for NewRule {
    fn default() -> Self {
        NewRule { no_shows: "2".into(), months: "6".into(), status: None, assign: false }
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Pick(i64),
    Name(String),
    Symbol(String),
    Colour(String),
    MaxAppointments(String),
    MaxDays(String),
    Initial(bool),
    SelfBook(bool),
    Deposit(bool),
    Marketing(bool),
    PreferredStaff(bool),
    Service(i64, bool),
    Move(i64, i32),
    AskDelete,
    Replacement(Choice<i64>),
    ConfirmDelete,
    CancelDelete,
    RuleNoShows(String),
    RuleMonths(String),
    RuleStatus(Choice<i64>),
    RuleAssign(bool),
    AddRule,
    RemoveRule(i64),
    /// A status was saved, moved or deleted (the id to show next).
    Saved(Result<i64, StoreError>),
    RulesSaved(Result<(), StoreError>),
}

impl Message {
    /// Whether the salon's data was changed (the forms are filled again).
    pub fn changed_salon(&self) -> bool {
        matches!(self, Message::Saved(Ok(_)) | Message::RulesSaved(Ok(())))
    }
}

fn save(
    name: &'static str,
    work: impl FnOnce(&mut Store) -> Result<i64, StoreError> + Send + 'static,
) -> Action<Message> {
    Action::run(name, move |store| Message::Saved(work(store)))
}

fn save_rules(
    name: &'static str,
    work: impl FnOnce(&mut Store) -> Result<(), StoreError> + Send + 'static,
) -> Action<Message> {
    Action::run(name, move |store| Message::RulesSaved(work(store)))
}

impl Form {
    /// New data from the store: the list follows; the form shows `keep`.
    pub fn load(&mut self, statuses: &[CustomerStatus], rules: &[StatusRule], keep: i64) {
        self.list = statuses.to_vec();
        self.rules = rules.to_vec();
        self.pick(keep);
    }

    pub fn editing(&self) -> i64 {
        self.status.id
    }

    /// After a save (or a delete: the replacement), show that status once
    /// the new list arrives.
    pub fn saved(&mut self, id: i64) {
        self.status.id = id;
    }

    fn pick(&mut self, id: i64) {
        self.status = self.list.iter().find(|s| s.id == id).cloned().unwrap_or_else(|| CustomerStatus {
            colour: "#7a8ca3".into(),
            may_self_book: true,
            ..CustomerStatus::default()
        });
        self.max_appointments = self.status.max_appointments.map(|n| n.to_string()).unwrap_or_default();
        self.max_days = self.status.max_period_days.map(|n| n.to_string()).unwrap_or_default();
        self.replacement = None;
        self.error = None;
    }

    /// The tab's Save: the status as typed, or what is wrong with it.
    pub fn save(&mut self) -> Action<Message> {
        match self.draft() {
            Ok(status) => {
                self.error = None;
                save("save status", move |store| store.save_status(&status))
            }
            Err(e) => {
                self.error = Some(e);
                Action::None
            }
        }
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        let s = &mut self.status;
        match message {
            Message::Pick(id) => self.pick(id),
            Message::Name(v) => s.name = v,
            Message::Symbol(v) => s.symbol = v,
            Message::Colour(v) => s.colour = v,
            Message::MaxAppointments(v) => self.max_appointments = v,
            Message::MaxDays(v) => self.max_days = v,
            Message::Initial(on) => s.is_initial = on,
            Message::SelfBook(on) => s.may_self_book = on,
            Message::Deposit(on) => s.deposit_required = on,
            Message::Marketing(on) => s.marketing_by_status = on,
            Message::PreferredStaff(on) => s.preferred_staff = on,
            Message::Service(id, on) => {
                s.bookable_services.retain(|&x| x != id);
                if on {
                    s.bookable_services.push(id);
                }
            }
            Message::Move(id, delta) => {
                return save("move status", move |store| store.move_status(id, delta).map(|_| id));
            }
            Message::AskDelete => self.replacement = Some(None),
            Message::Replacement(choice) => self.replacement = Some(Some(choice)),
            Message::CancelDelete => self.replacement = None,
            Message::RuleNoShows(v) => self.new_rule.no_shows = v,
            Message::RuleMonths(v) => self.new_rule.months = v,
            Message::RuleStatus(c) => self.new_rule.status = Some(c),
            Message::RuleAssign(on) => self.new_rule.assign = on,
            Message::RemoveRule(id) => {
                return save_rules("delete status rule", move |store| store.delete_status_rule(id));
            }
            Message::AddRule => {
                let number = |v: &str| v.trim().parse::<u32>().ok().filter(|n| *n > 0);
                let r = &self.new_rule;
                match (number(&r.no_shows), number(&r.months), &r.status) {
                    (Some(no_shows), Some(months), Some(status)) => {
                        let rule = StatusRule { id: 0, no_shows, months, status_id: status.id, assign: r.assign };
                        self.new_rule = NewRule::default();
                        return save_rules("save status rule", move |store| store.save_status_rule(&rule).map(|_| ()));
                    }
                    _ => self.error = Some(InputError::Required("rule").into()),
                }
            }
            Message::ConfirmDelete => match self.replacement.clone().flatten() {
                Some(r) => {
                    let id = self.status.id;
                    return save("delete status", move |store| store.delete_status(id, r.id).map(|_| r.id));
                }
                None => self.error = Some(InputError::Required("replacement").into()),
            },
            Message::Saved(Ok(id)) => {
                self.saved(id);
                return Action::Request(Request::ReloadSalon(Some(Note::Done("saved-settings"))));
            }
            Message::RulesSaved(Ok(())) => {
                return Action::Request(Request::ReloadSalon(Some(Note::Done("saved-settings"))));
            }
            Message::Saved(Err(e)) | Message::RulesSaved(Err(e)) => self.error = problem(e),
        }
        Action::None
    }

    /// The status as typed, or what is wrong with it in words.
    pub fn draft(&self) -> Result<CustomerStatus, Problem> {
        let number = |typed: &str| -> Result<Option<u32>, Problem> {
            match typed.trim() {
                "" => Ok(None),
                t => t
                    .parse::<u32>()
                    .ok()
                    .filter(|n| *n > 0)
                    .map(Some)
                    .ok_or_else(|| Problem::from(InputError::Required("limit"))),
            }
        };
        let status = CustomerStatus {
            max_appointments: number(&self.max_appointments)?,
            max_period_days: number(&self.max_days)?,
            ..self.status.clone()
        };
        status.validated().map_err(Problem::from)
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let mut list = column![].spacing(2).width(260);
        for s in &self.list {
            let mut name = text(s.name.clone()).size(font::BODY).width(Length::Fill);
            if s.is_initial {
                name = text(format!("{} · {}", s.name, t(lang, "statuses-initial-short")))
                    .size(font::BODY)
                    .width(Length::Fill);
            }
            let line = row![reliability::status_dot(Some(s)), text(s.symbol.clone()).size(font::LABEL).width(28), name]
                .spacing(6)
                .align_y(Alignment::Center);
            list = list.push(
                row![
                    button(line)
                        .width(Length::Fill)
                        .style(theme::list_row(s.id == self.status.id))
                        .on_press(Message::Pick(s.id)),
                    button(text("↑").size(font::LABEL)).style(theme::secondary).on_press(Message::Move(s.id, -1)),
                    button(text("↓").size(font::LABEL)).style(theme::secondary).on_press(Message::Move(s.id, 1)),
                ]
                .spacing(2),
            );
        }
        list = list
            .push(button(text(t(lang, "statuses-add")).size(font::BODY)).style(theme::link).on_press(Message::Pick(0)));
        column![row![list, self.form(ctx)].spacing(20), self.rules_view(ctx)].spacing(24).into()
    }

    fn form<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let s = &self.status;
        let input = |label: &str, value: &'a str, on: fn(String) -> Message, width: Length| {
            column![
                text(t(lang, label)).size(font::LABEL).color(theme::MUTED),
                text_input("", value).on_input(on).padding([6, 8]).style(theme::input),
            ]
            .spacing(3)
            .width(width)
        };
        let check = |label: &str, on: bool, msg: fn(bool) -> Message| checkbox(on).label(t(lang, label)).on_toggle(msg);
        let mut services = row![].spacing(12);
        for service in ctx.data.services.iter().filter(|x| x.active) {
            let id = service.id;
            services = services.push(
                checkbox(s.bookable_services.contains(&id))
                    .label(service.name.clone())
                    .on_toggle(move |on| Message::Service(id, on)),
            );
        }
        let mut form = column![
            row![
                input("field-name", &s.name, Message::Name, Length::FillPortion(3)),
                input("statuses-symbol", &s.symbol, Message::Symbol, Length::FillPortion(1)),
                input("field-colour", &s.colour, Message::Colour, Length::FillPortion(2)),
            ]
            .spacing(12),
            check("statuses-initial", s.is_initial, Message::Initial),
            check("statuses-self-book", s.may_self_book, Message::SelfBook),
            check("statuses-deposit", s.deposit_required, Message::Deposit),
            check("statuses-marketing", s.marketing_by_status, Message::Marketing),
            check("statuses-preferred-staff", s.preferred_staff, Message::PreferredStaff),
            row![
                text(t(lang, "statuses-max")).size(font::BODY),
                text_input("", &self.max_appointments)
                    .on_input(Message::MaxAppointments)
                    .width(60)
                    .padding([4, 6])
                    .style(theme::input),
                text(t(lang, "statuses-per")).size(font::BODY),
                text_input("", &self.max_days).on_input(Message::MaxDays).width(60).padding([4, 6]).style(theme::input),
                text(t(lang, "statuses-days")).size(font::BODY),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
            column![text(t(lang, "statuses-services")).size(font::LABEL).color(theme::MUTED), services.wrap()]
                .spacing(6),
            error_line(lang, &self.error),
        ]
        .spacing(10);
        if s.id != 0 {
            form = form.push(self.delete_row(ctx));
        }
        form.into()
    }

    /// "After 2 no-shows within 6 months: suggest Unreliable" and a row to add one.
    fn rules_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let mut rows = column![
            text(t(lang, "rules-title")).size(font::SECTION),
            text(t(lang, "rules-hint")).size(font::LABEL).color(theme::MUTED)
        ]
        .spacing(6);
        for rule in &self.rules {
            let status = self.list.iter().find(|s| s.id == rule.status_id).map(|s| s.name.clone()).unwrap_or_default();
            let key = if rule.assign { "rules-line-assign" } else { "rules-line-suggest" };
            let words = ta(
                lang,
                key,
                &[("noshows", rule.no_shows.to_string()), ("months", rule.months.to_string()), ("status", status)],
            );
            rows = rows.push(
                row![
                    text(words).size(font::BODY).width(Length::Fill),
                    button(text(t(lang, "button-remove")).size(font::LABEL))
                        .style(theme::secondary)
                        .on_press(Message::RemoveRule(rule.id)),
                ]
                .align_y(Alignment::Center),
            );
        }
        let choices = choice::statuses(&self.list);
        let r = &self.new_rule;
        let small = |value: &'a str, on: fn(String) -> Message| {
            text_input("", value).on_input(on).width(50).padding([4, 6]).style(theme::input)
        };
        rows = rows.push(
            row![
                text(t(lang, "rules-after")).size(font::BODY),
                small(&r.no_shows, Message::RuleNoShows),
                text(t(lang, "rules-within")).size(font::BODY),
                small(&r.months, Message::RuleMonths),
                text(t(lang, "rules-months")).size(font::BODY),
                pick_list(choices, r.status.clone(), Message::RuleStatus).placeholder(t(lang, "field-status")),
                checkbox(r.assign).label(t(lang, "rules-assign")).on_toggle(Message::RuleAssign),
                button(text(t(lang, "rules-add")).size(font::BODY)).style(theme::secondary).on_press(Message::AddRule),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        );
        rows.into()
    }

    fn delete_row<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        match &self.replacement {
            None => row![
                space::horizontal(),
                button(text(t(lang, "statuses-delete")).size(font::BODY))
                    .style(theme::secondary)
                    .on_press(Message::AskDelete)
            ]
            .into(),
            Some(chosen) => {
                let others: Vec<Choice<i64>> = self
                    .list
                    .iter()
                    .filter(|x| x.id != self.status.id)
                    .map(|x| Choice { id: x.id, label: x.name.clone() })
                    .collect();
                row![
                    text(t(lang, "statuses-replacement")).size(font::BODY),
                    pick_list(others, chosen.clone(), Message::Replacement),
                    button(text(t(lang, "statuses-delete-confirm")).size(font::BODY))
                        .style(theme::danger)
                        .on_press(Message::ConfirmDelete),
                    button(text(t(lang, "button-back")).size(font::BODY))
                        .style(theme::secondary)
                        .on_press(Message::CancelDelete),
                ]
                .spacing(8)
                .align_y(Alignment::Center)
                .into()
            }
        }
    }
}
