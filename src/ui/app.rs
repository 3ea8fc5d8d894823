//! The desk: which screen is shown, the salon's data they share, and the
//! routing of messages to screens and of their requests to the desk. The
//! screens own their work; the top bar and banners are in `chrome`.

use super::context::{Ctx, Note, Problem, Request, SalonData};
use super::runtime::{Action as Act, Effect, Focus, Job};
use super::screen::{calendar, customers, messages, reports, settings};
pub use super::system::Opener;
use crate::domain::Language;
use crate::domain::clock::{self, Instant};
use crate::store::backup::{self, Backup};
use crate::store::{RuleOutcome, Store, StoreError};
use iced::keyboard::{self, Key, key::Named};
use iced::{Element, Subscription};

pub use super::words::{describe_error, input_error_text, reason_text, rule_text};

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
    /// Boxed: the salon's data is by far the largest message.
    SalonLoaded(Result<Box<SalonData>, StoreError>),
    IntegrityChecked(Result<(), StoreError>),
    Opened(Result<(), Problem>),
    AcceptSuggestion,
    DismissSuggestion,
    StatusAssigned(Result<i64, StoreError>),
    /// A file dropped onto the window: attached to the open customer card.
    FileDropped(std::path::PathBuf),
    /// The minute changed (the clock, today's line, a new day).
    Tick(Instant),
    /// Another process (the kiosk, a second desk) wrote to the file.
    FileChanged,
    /// A second start of the desk on this file: this window comes to the
    /// front (done by the desk's runner, which owns the window).
    Raise,
    /// The sender sent, failed or is waiting: the badge follows.
    Sent(crate::sending::scheduler::Summary),
    /// The file's data version as the desk's own connection sees it.
    Watched(Result<i64, StoreError>),
    Key(keyboard::Event),
    AskStartEmpty(bool),
    StartEmpty,
    StartedEmpty(Result<(), StoreError>),
    DismissNotice,
    /// "Undo" on the notice of the last change.
    Undo,
    Undone(Result<(), StoreError>),
    /// A job ended without an answer (it panicked); its name says which.
    JobFailed(&'static str),
    /// The day's backup was made (or was there), or why not.
    BackedUp(Result<Option<Backup>, StoreError>),
    /// The window is asked to close: the last changes are backed up first.
    CloseRequested,
    Closing(Result<Option<Backup>, StoreError>),
    /// The newest backup that passed its check, for a file that cannot be used.
    GoodBackup(Option<Backup>),
    /// "Restore it" on the screen of a file that cannot be used.
    RestoreBackup(std::path::PathBuf),
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
    pub notice: Option<Note>,
    /// When the notice appeared: information fades after a while, errors stay.
    notice_since: Instant,
    /// Whether a tick came since the notice appeared. The desk's clock moves
    /// once a minute while nothing fades, so "now" at the moment a notice is
    /// said can be most of a minute old; the first of the fading's
    /// once-a-second ticks sets the notice's time right.
    notice_timed: bool,
    /// The last change, offered back on its notice while that shows.
    pub undo: Option<crate::store::Undo>,
    pub(super) confirm_start_empty: bool,
    /// The file's data version when last seen; a change means another process wrote.
    seen_version: Option<i64>,
    opener: Opener,
    /// When the desk started, until its first calendar is on screen (logged).
    starting: Option<std::time::Instant>,
    /// A status a rule suggests, waiting for the desk's yes or no.
    pub suggestion: Option<RuleOutcome>,
    /// The salon's file, also when it cannot be opened (to offer a backup).
    pub file: Option<std::path::PathBuf>,
    /// Why today's backup failed: a banner until one succeeds.
    pub backup_problem: Option<StoreError>,
    /// The newest good backup, offered when the file cannot be used.
    pub good_backup: Option<Backup>,
    /// The desk is done (closed, or restarting on a restored file).
    pub exiting: bool,
}

/// The job that backs up the last changes when the window closes.
const CLOSING_BACKUP: &str = "backup at closing";

/// How long a "done" notice stays.
const NOTICE_SECONDS: i64 = 10;

/// Looks for the newest backup that passes its check, on its own.
fn good_backup(file: std::path::PathBuf) -> Effect<Message> {
    Act::Run(Job::alone("find a good backup", move || Message::GoodBackup(backup::newest_good(&file))))
}

fn load_salon() -> Effect<Message> {
    Act::run("load salon", |store| Message::SalonLoaded(SalonData::load(store).map(Box::new)))
}

/// Has another process written since we last looked? Asked on the desk's own
/// connection, whose data version its own writes leave as it is.
fn watched() -> Effect<Message> {
    Act::run("watch", |store| Message::Watched(store.data_version()))
}

impl App {
    /// A desk over an opened store (or a failure to open one), at `now`.
    pub fn new(opened: Result<(), StoreError>, lang: Option<Language>, now: Instant) -> (App, Effect<Message>) {
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
            notice_timed: false,
            undo: None,
            confirm_start_empty: false,
            seen_version: None,
            opener: Opener::System,
            starting: Some(std::time::Instant::now()),
            suggestion: None,
            file: None,
            backup_problem: None,
            good_backup: None,
            exiting: false,
        };
        let effect = if app.fatal.is_some() { Act::None } else { load_salon() };
        (app, effect)
    }

    /// The salon's file, known before it is opened: a file that cannot be
    /// used is offered its newest good backup.
    pub fn on_file(mut self, file: std::path::PathBuf) -> (App, Effect<Message>) {
        self.file = Some(file.clone());
        let effect = if matches!(self.fatal, Some(StoreError::Damaged(_))) { good_backup(file) } else { Act::None };
        (self, effect)
    }

    /// Calls and links go to `opener` instead of the operating system.
    pub fn with_opener(mut self, opener: Opener) -> App {
        self.opener = opener;
        self
    }

    pub(super) fn ctx(&self) -> Option<Ctx<'_>> {
        ctx_of(&self.data, self.lang, self.now)
    }

    pub fn update(&mut self, message: Message) -> Effect<Message> {
        match message {
            Message::Navigate(screen) => self.navigate(screen),
            Message::SetLanguage(lang) => {
                self.lang = lang;
                self.lang_forced = true;
                Act::None
            }
            Message::SalonLoaded(Ok(data)) => {
                if !self.lang_forced {
                    self.lang = data.salon.language;
                }
                let first_load = self.data.is_none();
                self.seen_version = Some(data.version);
                self.settings.refresh(&data, first_load);
                self.data = Some(*data);
                let reload = self.calendar_reload(first_load);
                if first_load { reload.and(self.check_integrity()) } else { reload }
            }
            // Without the salon's data, or with a damaged file, the desk cannot
            // work; a passing problem (busy, a reload) is only reported.
            Message::SalonLoaded(Err(e)) | Message::IntegrityChecked(Err(e))
                if self.data.is_none() || matches!(e, StoreError::Damaged(_)) =>
            {
                tracing::error!(error = %e, "the salon's file cannot be used");
                let damaged = matches!(e, StoreError::Damaged(_));
                self.fatal = Some(e);
                match self.file.clone().or_else(|| self.data.as_ref().map(|d| d.file.clone())) {
                    Some(file) if damaged => good_backup(file),
                    _ => Act::None,
                }
            }
            Message::SalonLoaded(Err(e)) | Message::IntegrityChecked(Err(e)) => self.say(Note::Problem(e.into())),
            // Only a file found whole is copied as a good backup.
            Message::IntegrityChecked(Ok(())) => match self.data.as_ref().map(|d| d.file.clone()) {
                Some(file) => {
                    let now = self.now;
                    Act::Run(Job::alone("daily backup", move || Message::BackedUp(backup::daily(&file, now))))
                }
                None => Act::None,
            },
            Message::Opened(Ok(())) => Act::None,
            Message::BackedUp(Ok(_)) => {
                self.backup_problem = None;
                Act::None
            }
            Message::BackedUp(Err(e)) => {
                tracing::warn!(error = %e, "the daily backup failed");
                self.backup_problem = Some(e);
                Act::None
            }
            Message::CloseRequested => match self.data.as_ref().filter(|_| self.fatal.is_none()) {
                Some(data) => {
                    let file = data.file.clone();
                    Act::Run(Job::alone(CLOSING_BACKUP, move || Message::Closing(backup::if_changed(&file))))
                }
                None => {
                    self.exiting = true;
                    Act::None
                }
            },
            Message::Closing(result) => {
                if let Err(e) = result {
                    tracing::warn!(error = %e, "the backup at closing failed");
                }
                self.exiting = true;
                Act::None
            }
            Message::GoodBackup(found) => {
                self.good_backup = found;
                Act::None
            }
            Message::RestoreBackup(path) => self.restore(path),
            Message::Opened(Err(p)) => self.say(Note::Problem(p)),
            // A backup at closing that failed outright must not keep the window open.
            Message::JobFailed(CLOSING_BACKUP) => {
                self.exiting = true;
                Act::None
            }
            Message::JobFailed(job) => {
                self.say(Note::Problem(Problem::System { key: "error-job-failed", cause: job.into() }))
            }
            Message::AcceptSuggestion => match self.suggestion.take() {
                Some(o) => Act::run("assign status", move |store| {
                    Message::StatusAssigned(
                        store.assign_status(o.customer_id, o.status_id, &o.reason()).map(|_| o.customer_id),
                    )
                }),
                None => Act::None,
            },
            Message::DismissSuggestion => {
                self.suggestion = None;
                Act::None
            }
            Message::StatusAssigned(Ok(customer)) => {
                let reload = self.calendar_reload(false);
                reload.and(self.reopen_card(Some(customer)))
            }
            Message::StatusAssigned(Err(e)) => self.say(Note::Problem(e.into())),
            Message::FileDropped(path)
                if self.screen == Screen::Settings && self.settings.tab == settings::Tab::Data =>
            {
                match self.settings.dropped(path) {
                    Some(action) => self.carry_out(action.map(Message::Settings)),
                    None => Act::None,
                }
            }
            Message::FileDropped(path) => match self.customers.open_id().filter(|_| self.screen == Screen::Customers) {
                Some(id) => {
                    let attach = self.customers.attach(id, path).map(Message::Customers);
                    self.carry_out(attach)
                }
                None => self.say(Note::Done("documents-drop-on-card")),
            },
            Message::Tick(now) => self.tick(now),
            Message::FileChanged => watched(),
            Message::Raise => Act::None,
            // The badge counts what failed. (The reload also brings the data
            // version up to date: the watcher's next look finds nothing new.)
            Message::Sent(summary) if summary.sent + summary.failed > 0 => load_salon(),
            Message::Sent(_) => Act::None,
            Message::Watched(Ok(version)) => {
                let changed = self.seen_version.is_some_and(|seen| seen != version);
                self.seen_version = Some(version);
                // The kiosk checked someone in, or another desk booked: show it.
                if changed { load_salon() } else { Act::None }
            }
            Message::Watched(Err(e)) => {
                tracing::warn!(error = %e, "cannot watch the file for changes");
                Act::None
            }
            Message::Key(event) => self.shortcut(event),
            Message::AskStartEmpty(ask) => {
                self.confirm_start_empty = ask;
                Act::None
            }
            Message::StartEmpty => {
                self.confirm_start_empty = false;
                Act::run("start empty", |store| Message::StartedEmpty(store.start_empty()))
            }
            Message::StartedEmpty(result) => {
                if let Err(e) = result {
                    self.say(Note::Problem(e.into()));
                }
                load_salon()
            }
            Message::DismissNotice => {
                self.notice = None;
                self.undo = None;
                Act::None
            }
            Message::Undo => {
                let Some(undo) = self.undo.take() else { return Act::None };
                let reason = crate::ui::i18n::t(self.lang, "reason-undone");
                Act::run("undo", move |store| Message::Undone(store.undo(&undo, &reason)))
            }
            Message::Undone(Ok(())) => {
                self.say(Note::Done("saved-undone-change"));
                self.calendar_reload(false).and(self.reopen_card(None))
            }
            Message::Undone(Err(e)) => self.say(Note::Problem(e.into())),
            Message::Calendar(m) => self.calendar_message(m),
            Message::Customers(m) => {
                let Some(ctx) = ctx_of(&self.data, self.lang, self.now) else { return Act::None };
                let action = self.customers.update(m, &ctx).map(Message::Customers);
                self.carry_out(action)
            }
            Message::Reports(m) => {
                let Some(ctx) = ctx_of(&self.data, self.lang, self.now) else { return Act::None };
                let action = self.reports.update(m, &ctx).map(Message::Reports);
                self.carry_out(action)
            }
            Message::Messages(m) => {
                let Some(ctx) = ctx_of(&self.data, self.lang, self.now) else { return Act::None };
                let action = self.messages.update(m, &ctx).map(Message::Messages);
                self.carry_out(action)
            }
            Message::Settings(m) => {
                let Some(ctx) = ctx_of(&self.data, self.lang, self.now) else { return Act::None };
                let action = self.settings.update(m, &ctx).map(Message::Settings);
                self.carry_out(action)
            }
        }
    }

    fn calendar_message(&mut self, m: calendar::Message) -> Effect<Message> {
        let Some(ctx) = ctx_of(&self.data, self.lang, self.now) else { return Act::None };
        // How long a receptionist waits for the day's appointments at start.
        if matches!(m, calendar::Message::Loaded { result: Ok(_), .. })
            && let Some(started) = self.starting.take()
        {
            tracing::info!(ms = started.elapsed().as_millis() as u64, "first calendar on screen");
        }
        let action = self.calendar.update(m, &ctx).map(Message::Calendar);
        self.carry_out(action)
    }

    fn navigate(&mut self, screen: Screen) -> Effect<Message> {
        self.screen = screen;
        let Some(ctx) = ctx_of(&self.data, self.lang, self.now) else { return Act::None };
        let action = match screen {
            Screen::Customers => Act::Focus(Focus::Id(customers::SEARCH_ID)),
            Screen::Settings => {
                self.settings.load(ctx.data);
                Act::None
            }
            Screen::Reports => self.reports.open(&ctx).map(Message::Reports),
            Screen::Messages => self.messages.load(&ctx).map(Message::Messages),
            Screen::Calendar => Act::None,
        };
        self.carry_out(action)
    }

    /// The file's own check, on its own connection: a large file takes
    /// seconds, and the calendar does not wait for it.
    fn check_integrity(&self) -> Effect<Message> {
        let Some(path) = self.data.as_ref().map(|d| d.file.clone()) else { return Act::None };
        Act::Run(Job::alone("check integrity", move || Message::IntegrityChecked(Store::check_file(&path))))
    }

    fn tick(&mut self, now: Instant) -> Effect<Message> {
        if !self.notice_timed {
            self.notice_since = self.notice_since.max(now - chrono::Duration::seconds(1));
            self.notice_timed = true;
        }
        if self.notice_faded(now) {
            self.notice = None;
            self.undo = None;
        }
        let day_changed = self.ctx().is_some_and(|c| c.today() != clock::today(c.data.salon.time_zone, now));
        self.now = now;
        if day_changed { self.calendar_reload(true) } else { Act::None }
    }

    fn notice_faded(&self, now: Instant) -> bool {
        self.notice_fading() && now - self.notice_since > chrono::Duration::seconds(NOTICE_SECONDS)
    }

    fn say(&mut self, note: Note) -> Effect<Message> {
        if let Note::Problem(p) = &note {
            tracing::warn!(problem = %p.for_log(), "shown to the user");
        }
        self.notice = Some(note);
        self.notice_since = self.now;
        self.notice_timed = false;
        self.undo = None;
        Act::None
    }

    fn calendar_reload(&mut self, jump_to_today: bool) -> Effect<Message> {
        let Some(ctx) = ctx_of(&self.data, self.lang, self.now) else { return Act::None };
        let action = self.calendar.reload(&ctx, jump_to_today).map(Message::Calendar);
        self.carry_out(action)
    }

    /// Reloads the open customer card (if it is `customer`, or any with `None`).
    fn reopen_card(&mut self, customer: Option<i64>) -> Effect<Message> {
        match self.customers.open_id().filter(|id| customer.is_none_or(|c| c == *id)) {
            Some(id) => {
                let open = self.customers.open(id).map(Message::Customers);
                self.carry_out(open)
            }
            None => Act::None,
        }
    }

    /// Carries out what the screens asked of the desk.
    fn carry_out(&mut self, action: super::context::Action<Message>) -> Effect<Message> {
        action.resolve(&mut |request| self.request(request))
    }

    fn request(&mut self, request: Request) -> Effect<Message> {
        match request {
            Request::Notice(note) => self.say(note),
            Request::Call(phone) => {
                let template = self.data.as_ref().map(|d| d.call_template.clone()).unwrap_or_default();
                match crate::domain::call::call_uri(&template, &phone) {
                    Some(uri) => self.open(uri, "error-call"),
                    None => self.say(Note::Problem(Problem::Refusal("error-no-number"))),
                }
            }
            Request::OpenFile(path) if !path.exists() => {
                let cause = path.display().to_string().into();
                self.say(Note::Problem(Problem::System { key: "error-document-missing", cause }))
            }
            Request::OpenFile(path) => self.open(path.display().to_string(), "error-open-file"),
            Request::OpenCard(id) => {
                self.screen = Screen::Customers;
                let open = self.customers.open(id).map(Message::Customers);
                self.carry_out(open)
            }
            Request::ReloadSalon(note) => {
                if let Some(note) = note {
                    self.say(note);
                }
                load_salon()
            }
            Request::AppointmentsChanged(note, undo) => {
                self.say(note);
                self.undo = undo;
                let reload = self.calendar_reload(false);
                reload.and(self.reopen_card(None))
            }
            // Its symbol changes in the calendar.
            Request::StatusRule(outcome) if outcome.assigned => {
                self.say(Note::Rule(outcome));
                self.calendar_reload(false)
            }
            Request::StatusRule(outcome) => {
                self.suggestion = Some(outcome);
                Act::None
            }
            Request::BackedUp => {
                self.backup_problem = None;
                self.say(Note::Done("data-backed-up"))
            }
            Request::Restore(path) => self.restore(path),
        }
    }

    /// Hands the restore to a new Salondesk process, which waits for this one
    /// to let go of the file, puts the backup in its place and opens the desk
    /// on it; this desk closes.
    fn restore(&mut self, backup: std::path::PathBuf) -> Effect<Message> {
        let Some(file) = self.file.clone().or_else(|| self.data.as_ref().map(|d| d.file.clone())) else {
            return Act::None;
        };
        match super::system::restore_and_restart(&file, &backup) {
            Ok(()) => {
                self.exiting = true;
                Act::None
            }
            Err(p) => self.say(Note::Problem(p)),
        }
    }

    /// Hands `target` to the system; `failed` says what went wrong in words.
    fn open(&self, target: String, failed: &'static str) -> Effect<Message> {
        let opener = self.opener.clone();
        Act::Run(Job::alone("open link", move || Message::Opened(opener.open(&target, failed))))
    }

    /// ←/→ previous/next day, T today, Ctrl+F customer search, Esc closes a
    /// dialog, Enter saves, Tab/Shift+Tab move between fields. Keys typed
    /// into a field never arrive here (iced only passes on what no widget used).
    fn shortcut(&mut self, event: keyboard::Event) -> Effect<Message> {
        let keyboard::Event::KeyPressed { key, modifiers, .. } = event else { return Act::None };
        match key.as_ref() {
            Key::Named(Named::Tab) if modifiers.shift() => Act::Focus(Focus::Previous),
            Key::Named(Named::Tab) => Act::Focus(Focus::Next),
            Key::Character("f") if modifiers.command() => {
                self.screen = Screen::Customers;
                let search = self.customers.search_again().map(Message::Customers);
                self.carry_out(search)
            }
            _ => match self.screen {
                Screen::Calendar => match self.calendar.shortcut(&key, modifiers) {
                    Some(m) => self.update(Message::Calendar(m)),
                    None => Act::None,
                },
                Screen::Customers => self.screen_key(customers::State::shortcut(&key), Message::Customers),
                Screen::Settings => self.screen_key(settings::State::shortcut(&key), Message::Settings),
                Screen::Reports => self.screen_key(reports::State::shortcut(&key), Message::Reports),
                Screen::Messages => Act::None,
            },
        }
    }

    fn screen_key<M>(&mut self, message: Option<M>, wrap: fn(M) -> Message) -> Effect<Message> {
        match message {
            Some(m) => self.update(wrap(m)),
            None => Act::None,
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        super::chrome::view(self)
    }

    /// What the desk listens to besides clicks: keys, dropped files, the
    /// minute, the fading notice, changes by other processes and the sender.
    pub fn subscription(&self) -> Subscription<Message> {
        super::chrome::subscription(self)
    }

    /// Information fades; a problem stays until it is dismissed.
    pub(super) fn notice_fading(&self) -> bool {
        matches!(self.notice, Some(Note::Done(_) | Note::Rule(_)))
    }
}

/// The screens' view of the salon; a free function so that a screen can be
/// updated while the context borrows only `data`.
fn ctx_of(data: &Option<SalonData>, lang: Language, now: Instant) -> Option<Ctx<'_>> {
    data.as_ref().map(|data| Ctx { lang, data, now })
}
