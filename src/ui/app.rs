//! The desk: top-level state, message routing, the top bar, and the glue
//! that runs store jobs off the UI thread.

use super::i18n::{t, ta};
use super::job::{Job, Opener};
use super::screen::{calendar, customers, messages, reports, settings};
use super::theme::{self, Banner};
use super::widget::{banner, notice};
use crate::domain::CustomerStatus;
use crate::domain::Language;
use crate::domain::clock::{self, Instant};
use crate::domain::schedule::{Service, Staff};
use crate::domain::status_rules::StatusRule;
use crate::store::{RuleOutcome, Salon, Store, StoreError};
use iced::keyboard::{self, Key, key::Named};
use iced::widget::{button, column, container, pick_list, row, space, text};
use iced::{Alignment, Element, Length};
use std::sync::{Arc, Mutex};

pub type Db = Arc<Mutex<Store>>;

pub use super::words::{describe_error, error_text, input_error_text, reason_text, rule_text};

/// What the screens read and never change: the salon's settings and "now".
#[derive(Debug, Clone)]
pub struct SalonData {
    pub salon: Salon,
    pub staff: Vec<Staff>,
    pub services: Vec<Service>,
    pub statuses: Vec<CustomerStatus>,
    pub status_rules: Vec<StatusRule>,
    pub customers: i64,
    /// How the call link calls ("tel:{number}" or the salon's sip: template).
    pub call_template: String,
    /// Messages that could not be sent: the badge on "Messages".
    pub outbox_failed: u32,
}

pub struct Ctx<'a> {
    pub lang: Language,
    pub data: &'a SalonData,
    pub now: Instant,
}

impl Ctx<'_> {
    pub fn today(&self) -> chrono::NaiveDate {
        clock::today(self.data.salon.time_zone, self.now)
    }

    pub fn money(&self, cents: i64) -> String {
        crate::domain::money::format(cents, &self.data.salon.currency, self.lang)
    }

    pub fn status(&self, id: Option<i64>) -> Option<&CustomerStatus> {
        id.and_then(|id| self.data.statuses.iter().find(|s| s.id == id))
    }

    pub fn staff_name(&self, id: i64) -> String {
        self.data.staff.iter().find(|s| s.id == id).map(|s| s.name.clone()).unwrap_or_default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Calendar,
    Customers,
    Reports,
    Messages,
    Settings,
}

#[derive(Debug, Clone)]
pub enum Message {
    Navigate(Screen),
    SetLanguage(Language),
    Calendar(calendar::Message),
    Customers(customers::Message),
    Reports(reports::Message),
    Messages(messages::Message),
    Settings(settings::Message),
    SalonLoaded(Result<SalonData, StoreError>),
    IntegrityChecked(Result<(), StoreError>),
    Called(Result<(), String>),
    /// Several results of one job, handled in order.
    Many(Vec<Message>),
    /// An automatic status rule gave, or suggests, a status.
    StatusRule(RuleOutcome),
    AcceptSuggestion,
    DismissSuggestion,
    StatusAssigned(Result<i64, StoreError>),
    /// A file dropped onto the window: attached to the open customer card.
    FileDropped(std::path::PathBuf),
    Tick(Instant),
    Watched(Result<i64, StoreError>),
    Key(keyboard::Event),
    AskStartEmpty(bool),
    StartEmpty,
    StartedEmpty(Result<(), StoreError>),
    DismissNotice,
}

/// What `update` asks the runtime to do; data only, so tests can run it.
#[derive(Debug, Clone)]
pub enum Command {
    Run(Job),
    FocusNext,
    FocusPrevious,
    Focus(&'static str),
    /// The system's file dialog; its answer comes back as `FilePicked`.
    PickFile(i64),
}

pub struct App {
    pub lang: Language,
    /// The language chosen on the command line wins over the salon's setting.
    lang_forced: bool,
    pub screen: Screen,
    pub data: Option<SalonData>,
    pub now: Instant,
    pub calendar: calendar::State,
    pub customers: customers::State,
    pub reports: reports::State,
    pub messages: messages::State,
    pub settings: settings::State,
    /// Why the database could not be used at all (damaged, read-only, newer).
    pub fatal: Option<StoreError>,
    pub notice: Option<(Banner, String)>,
    /// When the notice appeared: information fades after a while, errors stay.
    notice_since: Instant,
    confirm_start_empty: bool,
    /// The file's data version when last seen; a change means another process wrote.
    seen_version: Option<i64>,
    opener: Opener,
    /// A status a rule suggests, waiting for the desk's yes or no.
    pub suggestion: Option<RuleOutcome>,
}

impl App {
    /// A desk over an opened store (or a failure to open one), at `now`.
    pub fn new(opened: Result<(), StoreError>, lang: Option<Language>, now: Instant) -> (App, Vec<Command>) {
        let app = App {
            lang: lang.unwrap_or_default(),
            lang_forced: lang.is_some(),
            screen: Screen::Calendar,
            data: None,
            now,
            calendar: calendar::State::default(),
            customers: customers::State::default(),
            reports: reports::State::default(),
            messages: messages::State::default(),
            settings: settings::State::default(),
            fatal: opened.err(),
            notice: None,
            notice_since: now,
            confirm_start_empty: false,
            seen_version: None,
            opener: Opener::System,
            suggestion: None,
        };
        let commands = if app.fatal.is_some() {
            Vec::new()
        } else {
            vec![Command::Run(Job::LoadSalon), Command::Run(Job::CheckIntegrity)]
        };
        (app, commands)
    }

    /// Calls and links go to `opener` instead of the operating system.
    pub fn with_opener(mut self, opener: Opener) -> App {
        self.opener = opener;
        self
    }

    fn ctx(&self) -> Option<Ctx<'_>> {
        ctx_of(&self.data, self.lang, self.now)
    }

    pub fn update(&mut self, message: Message) -> Vec<Command> {
        match message {
            Message::Navigate(screen) => {
                self.screen = screen;
                match screen {
                    Screen::Customers => vec![Command::Focus(customers::SEARCH_ID)],
                    Screen::Settings => {
                        if let Some(data) = &self.data {
                            self.settings.load(data);
                        }
                        Vec::new()
                    }
                    Screen::Reports => {
                        let Some(ctx) = ctx_of(&self.data, self.lang, self.now) else { return Vec::new() };
                        let action = self.reports.open(&ctx);
                        self.act(action)
                    }
                    Screen::Messages => {
                        let Some(ctx) = ctx_of(&self.data, self.lang, self.now) else { return Vec::new() };
                        let action = self.messages.load(&ctx);
                        self.act(action)
                    }
                    Screen::Calendar => Vec::new(),
                }
            }
            Message::SetLanguage(lang) => {
                self.lang = lang;
                self.lang_forced = true;
                Vec::new()
            }
            Message::SalonLoaded(Ok(data)) => {
                if !self.lang_forced {
                    self.lang = data.salon.language;
                }
                let first_load = self.data.is_none();
                self.settings.refresh(&data, first_load);
                self.data = Some(data);
                self.calendar_reload(first_load)
            }
            // Without the salon's data, or with a damaged file, the desk cannot
            // work; a passing problem (busy, a reload) is only reported.
            Message::SalonLoaded(Err(e)) | Message::IntegrityChecked(Err(e))
                if self.data.is_none() || matches!(e, StoreError::Damaged(_)) =>
            {
                tracing::error!(error = %e, "the salon's file cannot be used");
                self.fatal = Some(e);
                Vec::new()
            }
            Message::SalonLoaded(Err(e)) | Message::IntegrityChecked(Err(e)) => {
                self.show(Banner::Error, error_text(self.lang, &e));
                Vec::new()
            }
            Message::IntegrityChecked(Ok(())) => Vec::new(),
            Message::Called(Ok(())) => Vec::new(),
            Message::Many(messages) => messages.into_iter().flat_map(|m| self.update(m)).collect(),
            Message::StatusRule(outcome) => {
                let text = rule_text(self.lang, &outcome);
                if outcome.assigned {
                    self.show(Banner::Info, text);
                    // Its symbol changes in the calendar.
                    return self.calendar_reload(false);
                }
                self.suggestion = Some(outcome);
                Vec::new()
            }
            Message::AcceptSuggestion => match self.suggestion.take() {
                Some(o) => vec![Command::Run(Job::AssignStatus {
                    customer_id: o.customer_id,
                    status_id: o.status_id,
                    reason: o.reason(),
                })],
                None => Vec::new(),
            },
            Message::DismissSuggestion => {
                self.suggestion = None;
                Vec::new()
            }
            Message::StatusAssigned(Ok(customer)) => {
                let mut commands = self.calendar_reload(false);
                if self.customers.open_id() == Some(customer) {
                    commands.push(Command::Run(Job::OpenCustomer(customer)));
                }
                commands
            }
            Message::FileDropped(path) => match self.customers.open_id().filter(|_| self.screen == Screen::Customers) {
                Some(customer_id) => vec![Command::Run(Job::AttachDocument { customer_id, source: path })],
                None => {
                    self.show(Banner::Info, t(self.lang, "documents-drop-on-card"));
                    Vec::new()
                }
            },
            Message::StatusAssigned(Err(e)) => {
                self.show(Banner::Error, error_text(self.lang, &e));
                Vec::new()
            }
            Message::Called(Err(cause)) => {
                tracing::warn!(%cause, "the call link could not be opened");
                self.show(Banner::Error, ta(self.lang, "error-call", &[("cause", cause)]));
                Vec::new()
            }
            Message::Tick(now) => {
                let faded = now - self.notice_since > chrono::Duration::seconds(10);
                if faded && matches!(self.notice, Some((Banner::Info, _))) {
                    self.notice = None;
                }
                let day_changed = self.ctx().is_some_and(|c| c.today() != clock::today(c.data.salon.time_zone, now));
                self.now = now;
                let mut commands = if day_changed { self.calendar_reload(true) } else { Vec::new() };
                if self.fatal.is_none() {
                    commands.push(Command::Run(Job::Watch));
                }
                commands
            }
            Message::Watched(Ok(version)) => {
                let changed = self.seen_version.is_some_and(|seen| seen != version);
                self.seen_version = Some(version);
                // The kiosk checked someone in, or another desk booked: show it.
                if changed { vec![Command::Run(Job::LoadSalon)] } else { Vec::new() }
            }
            Message::Watched(Err(e)) => {
                tracing::warn!(error = %e, "cannot watch the file for changes");
                Vec::new()
            }
            Message::Key(event) => self.shortcut(event),
            Message::AskStartEmpty(ask) => {
                self.confirm_start_empty = ask;
                Vec::new()
            }
            Message::StartEmpty => {
                self.confirm_start_empty = false;
                vec![Command::Run(Job::StartEmpty)]
            }
            Message::StartedEmpty(result) => {
                if let Err(e) = &result {
                    self.show(Banner::Error, error_text(self.lang, e));
                }
                vec![Command::Run(Job::LoadSalon)]
            }
            Message::DismissNotice => {
                self.notice = None;
                Vec::new()
            }
            Message::Calendar(m) => {
                let Some(ctx) = ctx_of(&self.data, self.lang, self.now) else { return Vec::new() };
                let action = self.calendar.update(m, &ctx);
                self.act(action)
            }
            Message::Customers(m) => {
                let Some(ctx) = ctx_of(&self.data, self.lang, self.now) else { return Vec::new() };
                let action = self.customers.update(m, &ctx);
                self.act(action)
            }
            Message::Reports(m) => {
                let Some(ctx) = ctx_of(&self.data, self.lang, self.now) else { return Vec::new() };
                let action = self.reports.update(m, &ctx);
                self.act(action)
            }
            Message::Messages(m) => {
                let Some(ctx) = ctx_of(&self.data, self.lang, self.now) else { return Vec::new() };
                let action = self.messages.update(m, &ctx);
                self.act(action)
            }
            Message::Settings(m) => {
                let Some(ctx) = ctx_of(&self.data, self.lang, self.now) else { return Vec::new() };
                let action = self.settings.update(m, &ctx);
                self.act(action)
            }
        }
    }

    fn show(&mut self, kind: Banner, text: String) {
        self.notice = Some((kind, text));
        self.notice_since = self.now;
    }

    fn calendar_reload(&mut self, jump_to_today: bool) -> Vec<Command> {
        let Some(ctx) = ctx_of(&self.data, self.lang, self.now) else { return Vec::new() };
        let action = self.calendar.reload(&ctx, jump_to_today);
        self.act(action)
    }

    /// Carries out what a screen asked for.
    fn act(&mut self, action: Action) -> Vec<Command> {
        match action {
            Action::None => Vec::new(),
            Action::Many(actions) => actions.into_iter().flat_map(|a| self.act(a)).collect(),
            Action::Run(jobs) => jobs.into_iter().map(Command::Run).collect(),
            Action::Focus(id) => vec![Command::Focus(id)],
            Action::Notice(kind, text) => {
                self.show(kind, text);
                Vec::new()
            }
            Action::Call(phone) => {
                let template = self.data.as_ref().map(|d| d.call_template.clone()).unwrap_or_default();
                match crate::domain::call::call_uri(&template, &phone) {
                    Some(uri) => vec![Command::Run(Job::Open { target: uri, opener: self.opener.clone() })],
                    None => {
                        self.show(Banner::Error, t(self.lang, "error-no-number"));
                        Vec::new()
                    }
                }
            }
            Action::OpenFile(path) => {
                if !path.exists() {
                    self.show(
                        Banner::Error,
                        ta(self.lang, "error-document-missing", &[("path", path.display().to_string())]),
                    );
                    return Vec::new();
                }
                vec![Command::Run(Job::Open { target: path.display().to_string(), opener: self.opener.clone() })]
            }
            Action::PickFile(customer_id) => vec![Command::PickFile(customer_id)],
            Action::OpenCustomer(id) => {
                self.screen = Screen::Customers;
                self.customers.opening(id);
                vec![Command::Run(Job::OpenCustomer(id))]
            }
            Action::SalonChanged(text) => {
                self.show(Banner::Info, text);
                vec![Command::Run(Job::LoadSalon)]
            }
            Action::AppointmentsChanged(text) => {
                self.show(Banner::Info, text);
                let mut commands = self.calendar_reload(false);
                if let Some(id) = self.customers.open_id() {
                    commands.push(Command::Run(Job::OpenCustomer(id)));
                }
                commands
            }
        }
    }

    /// ←/→ previous/next day, T today, Ctrl+F customer search, Esc closes a
    /// dialog, Tab/Shift+Tab move between fields. Keys typed into a field
    /// never arrive here (iced only passes on what no widget used).
    fn shortcut(&mut self, event: keyboard::Event) -> Vec<Command> {
        let keyboard::Event::KeyPressed { key, modifiers, .. } = event else { return Vec::new() };
        match key.as_ref() {
            Key::Named(Named::Tab) if modifiers.shift() => vec![Command::FocusPrevious],
            Key::Named(Named::Tab) => vec![Command::FocusNext],
            Key::Character("f") if modifiers.command() => {
                self.screen = Screen::Customers;
                vec![Command::Focus(customers::SEARCH_ID)]
            }
            Key::Named(Named::Escape) => match self.screen {
                Screen::Calendar => self.update(Message::Calendar(calendar::Message::CloseDialog)),
                Screen::Customers => self.update(Message::Customers(customers::Message::CloseCard)),
                Screen::Settings | Screen::Reports | Screen::Messages => Vec::new(),
            },
            Key::Named(Named::Enter) => match self.screen {
                Screen::Calendar => {
                    self.update(Message::Calendar(calendar::Message::Dialog(calendar::DialogMessage::Save)))
                }
                Screen::Customers => self.update(Message::Customers(customers::Message::Save)),
                Screen::Settings => self.update(Message::Settings(settings::Message::Save)),
                Screen::Reports => self.update(Message::Reports(reports::Message::Show)),
                Screen::Messages => Vec::new(),
            },
            _ if self.screen != Screen::Calendar || self.calendar.has_dialog() || modifiers.command() => Vec::new(),
            Key::Named(Named::ArrowLeft) => self.update(Message::Calendar(calendar::Message::Previous)),
            Key::Named(Named::ArrowRight) => self.update(Message::Calendar(calendar::Message::Next)),
            Key::Character("t") | Key::Character("T") => self.update(Message::Calendar(calendar::Message::Today)),
            _ => Vec::new(),
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        if let Some(error) = &self.fatal {
            return fatal_view(self.lang, error);
        }
        let Some(ctx) = self.ctx() else {
            return container(text(t(self.lang, "app-loading")).size(18)).center(Length::Fill).into();
        };
        let body: Element<'_, Message> = match self.screen {
            Screen::Calendar => self.calendar.view(&ctx).map(Message::Calendar),
            Screen::Customers => self.customers.view(&ctx).map(Message::Customers),
            Screen::Reports => self.reports.view(&ctx).map(Message::Reports),
            Screen::Messages => self.messages.view(&ctx).map(Message::Messages),
            Screen::Settings => self.settings.view(&ctx).map(Message::Settings),
        };
        let mut page = column![self.top_bar(&ctx)];
        if ctx.data.salon.is_demo {
            page = page.push(container(self.demo_banner()).padding([6, 12]));
        }
        if let Some(zone) = &ctx.data.salon.unknown_zone {
            let message = ta(self.lang, "error-unknown-zone", &[("zone", zone.clone())]);
            page = page.push(container(banner(Banner::Error, text(message).size(14))).padding([6, 12]));
        }
        if let Some(outcome) = &self.suggestion {
            let lang = self.lang;
            let content = row![
                text(rule_text(lang, outcome)).size(14).width(Length::Fill),
                button(text(ta(lang, "rule-give", &[("status", outcome.status.clone())])).size(14))
                    .style(theme::primary)
                    .on_press(Message::AcceptSuggestion),
                button(text(t(lang, "rule-not-now")).size(14))
                    .style(theme::secondary)
                    .on_press(Message::DismissSuggestion),
            ]
            .spacing(8)
            .align_y(Alignment::Center);
            page = page.push(container(banner(Banner::Demo, content)).padding([6, 12]));
        }
        if let Some((kind, message)) = &self.notice {
            page = page.push(container(notice(*kind, message.clone(), Message::DismissNotice)).padding([6, 12]));
        }
        page.push(container(body).padding([8, 12]).height(Length::Fill)).into()
    }

    fn top_bar(&self, ctx: &Ctx) -> Element<'_, Message> {
        let lang = self.lang;
        let tab = |label: &str, screen: Screen| {
            button(text(t(lang, label)).size(15))
                .padding([8, 16])
                .style(theme::tab(self.screen == screen))
                .on_press(Message::Navigate(screen))
        };
        let clock_text = clock::format_minute(
            clock::minute_of(ctx.data.salon.time_zone, ctx.today(), self.now).clamp(0, 1439) as u32,
        );
        let bar = row![
            text("Salondesk").size(20),
            text(ctx.data.salon.name.clone()).size(14).color(theme::mix(theme::PAPER, theme::TEAL, 0.25)),
            space::horizontal().width(24),
            tab("nav-calendar", Screen::Calendar),
            tab("nav-customers", Screen::Customers),
            tab("nav-reports", Screen::Reports),
            self.messages_tab(ctx),
            tab("nav-settings", Screen::Settings),
            space::horizontal(),
            pick_list(Language::ALL, Some(lang), Message::SetLanguage).text_size(14).padding([6, 10]),
            text(clock_text).size(18),
        ]
        .spacing(12)
        .align_y(Alignment::Center);
        container(bar).padding([8, 16]).width(Length::Fill).style(theme::top_bar).into()
    }

    /// "Messages", with the number that failed on a red badge.
    fn messages_tab(&self, ctx: &Ctx) -> Element<'_, Message> {
        let mut label = row![text(t(self.lang, "nav-messages")).size(15)].spacing(6).align_y(Alignment::Center);
        if ctx.data.outbox_failed > 0 {
            let count = text(ctx.data.outbox_failed.to_string()).size(12);
            label = label.push(container(count).padding([1, 7]).style(theme::badge));
        }
        button(label)
            .padding([8, 16])
            .style(theme::tab(self.screen == Screen::Messages))
            .on_press(Message::Navigate(Screen::Messages))
            .into()
    }

    fn demo_banner(&self) -> Element<'_, Message> {
        let lang = self.lang;
        let actions = if self.confirm_start_empty {
            row![
                text(t(lang, "demo-confirm")).size(14),
                button(text(t(lang, "demo-start-empty-yes")).size(14))
                    .style(theme::danger)
                    .on_press(Message::StartEmpty),
                button(text(t(lang, "demo-keep")).size(14))
                    .style(theme::secondary)
                    .on_press(Message::AskStartEmpty(false)),
            ]
        } else {
            row![
                button(text(t(lang, "demo-start-empty")).size(14))
                    .style(theme::secondary)
                    .on_press(Message::AskStartEmpty(true))
            ]
        };
        banner(
            Banner::Demo,
            row![
                text(t(lang, "demo-banner")).size(14).width(Length::Fill),
                actions.spacing(8).align_y(Alignment::Center)
            ],
        )
    }
}

/// The screens' view of the salon; a free function so that a screen can be
/// updated while the context borrows only `data`.
fn ctx_of(data: &Option<SalonData>, lang: Language, now: Instant) -> Option<Ctx<'_>> {
    data.as_ref().map(|data| Ctx { lang, data, now })
}

/// What a screen asks of the desk.
#[derive(Debug)]
pub enum Action {
    None,
    /// Several, in order.
    Many(Vec<Action>),
    Run(Vec<Job>),
    Focus(&'static str),
    Notice(Banner, String),
    OpenCustomer(i64),
    /// Call this phone number through the call link.
    Call(String),
    /// Open a document with the system's viewer.
    OpenFile(std::path::PathBuf),
    /// Ask the system's file dialog for a document for this customer.
    PickFile(i64),
    /// Settings were saved: reload them everywhere; the text says so.
    SalonChanged(String),
    /// An appointment was saved: reload the calendar and the open card.
    AppointmentsChanged(String),
}

fn fatal_view(lang: Language, error: &StoreError) -> Element<'static, Message> {
    let content = column![
        text(t(lang, "fatal-title")).size(26),
        text(describe_error(lang, error)).size(16),
        text(t(lang, "fatal-safe")).size(15).color(theme::MUTED),
        text(t(lang, "fatal-what-now")).size(15).color(theme::MUTED),
    ]
    .spacing(14)
    .max_width(640);
    container(container(content).padding(32).style(theme::card)).center(Length::Fill).into()
}
