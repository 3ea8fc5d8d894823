//! The kiosk (SPEC §6): a touch screen at reception where customers check in
//! and book themselves, with no keyboard and no mouse. Large targets, an
//! on-screen keypad and keyboard (`keys`), the customer's language; back to
//! the welcome screen (forgetting everything typed) after idle time; staff
//! leave only with the PIN. Each step's view is in `steps`. Store work goes
//! through the same runner as the desk's: jobs on a blocking thread in the
//! window, in place in tests.

mod keys;
mod setup;
mod steps;
pub use setup::Setup;

use super::context::Problem;
use super::runtime::{self, Action, Effect};
use crate::domain::Language;
use crate::domain::booking::Refusal;
use crate::domain::clock::{self, Instant};
use crate::domain::schedule::Service;
use crate::store::{Booked, CheckIn, KioskError, KnownName, PinAnswer, SelfBooking, Store, StoreError};
use chrono::NaiveDate;
use std::sync::{Arc, Mutex};

/// The smallest touch target: about 15 mm on a reception screen.
pub const TARGET: f32 = 64.0;

/// Days with free times shown at once; "‹ ›" page through the rest of the
/// salon's booking window.
pub const DAYS_SHOWN: usize = 7;

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
    /// The keyboard's letters with accents (and back).
    Accents,
    /// The next letter in the other case ("McBride", "van Dijk").
    FlipCase,
    Focus(Field),
    Next,
    Back,
    Home,
    Arrive(i64),
    Service(i64),
    /// `None`: anyone.
    Staff(Option<i64>),
    Day(NaiveDate),
    /// The week of days before or after the ones shown.
    Days(i32),
    Time(Option<i64>, Instant),
    AcceptTerms,
    ResendCode,
    StaffExit,
    Tick(Instant),
    /// Answers from the store.
    SetUp(Result<Setup, StoreError>),
    Found(Result<Vec<CheckIn>, KioskError>),
    Arrived(i64, Result<(), KioskError>),
    Slots(Result<Vec<(i64, Instant)>, StoreError>),
    CodeSent(Result<(), KioskError>),
    /// The code was right: the number's card's name and e-mail, if one.
    Proven(Result<Option<KnownName>, KioskError>),
    Booked(Result<Booked, KioskError>),
    PinChecked(Result<PinAnswer, StoreError>),
    /// The window was asked to close (Alt+F4, the taskbar): only the PIN closes it.
    CloseRequested,
    /// A job ended without an answer; its name says which.
    Failed(&'static str),
    /// The window's size (logical, at the scale it was drawn with).
    Resized(iced::Size),
}

/// How much larger than at 1280×800 (the smallest screen it is made for)
/// the kiosk draws on a screen of this size: big screens get big keys.
pub fn scale_for(size: iced::Size) -> f32 {
    (size.width / 1280.0).min(size.height / 800.0).clamp(1.0, 2.0)
}

pub struct Kiosk {
    pub lang: Language,
    /// The language the kiosk was started in; each new customer starts there.
    start_lang: Option<Language>,
    pub step: Step,
    pub now: Instant,
    last_touch: Instant,
    setup: Setup,
    pub phone: String,
    pub check_ins: Vec<CheckIn>,
    service: Option<i64>,
    chosen_staff: Option<i64>,
    slots: Vec<(i64, Instant)>,
    day: Option<NaiveDate>,
    /// The first of the (up to seven) days with free times shown.
    pub first_day: usize,
    time: Option<(Option<i64>, Instant)>,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    focus: Field,
    pub code: String,
    /// The keyboard shows letters with accents (for one letter).
    pub accents: bool,
    /// The next letter goes in the other case than it would.
    pub flip_case: bool,
    pin_typed: String,
    pub booked: Option<Booked>,
    /// A refusal or a problem, said kindly in the customer's language.
    pub message: Option<Problem>,
    /// Staff gave the right PIN: the window closes.
    pub leaving: bool,
}

impl Kiosk {
    fn with_setup(setup: Setup, lang: Option<Language>, now: Instant) -> Kiosk {
        Kiosk {
            lang: lang.unwrap_or(setup.language),
            start_lang: lang,
            step: Step::Welcome,
            now,
            last_touch: now,
            setup,
            phone: String::new(),
            check_ins: Vec::new(),
            service: None,
            chosen_staff: None,
            slots: Vec::new(),
            day: None,
            first_day: 0,
            time: None,
            first_name: String::new(),
            last_name: String::new(),
            email: String::new(),
            focus: Field::FirstName,
            code: String::new(),
            accents: false,
            flip_case: false,
            pin_typed: String::new(),
            booked: None,
            message: None,
            leaving: false,
        }
    }

    /// A kiosk over `store` as it is now.
    pub fn new(store: &Store, lang: Option<Language>, now: Instant) -> Result<Kiosk, StoreError> {
        Ok(Kiosk::with_setup(Setup::read(store)?, lang, now))
    }

    /// Between customers: back to the welcome screen in the kiosk's own
    /// language, and the salon's set-up read again.
    fn start_over(&mut self) -> Effect<Message> {
        self.forget();
        self.lang = self.start_lang.unwrap_or(self.setup.language);
        Action::run("kiosk set-up", |store| Message::SetUp(Setup::read(store)))
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
        self.accents = false;
        self.flip_case = false;
        self.pin_typed.clear();
        self.focus = Field::FirstName;
        self.booked = None;
        self.message = None;
    }

    pub fn update(&mut self, message: Message) -> Effect<Message> {
        match message {
            Message::Tick(now) => {
                self.now = now;
                if self.step != Step::Welcome && now - self.last_touch > self.setup.idle {
                    return self.start_over();
                }
                Action::None
            }
            Message::SetUp(Ok(setup)) => {
                // The language of a customer who already tapped one stays.
                if self.step == Step::Welcome && self.start_lang.is_none() {
                    self.lang = setup.language;
                }
                self.setup = setup;
                Action::None
            }
            Message::SetUp(Err(e)) => {
                // The old set-up stays; the next customer is served with it.
                tracing::warn!(error = %e, "the kiosk could not read the salon's set-up");
                Action::None
            }
            Message::Found(result) => {
                match result {
                    Ok(found) => {
                        self.check_ins = found;
                        self.step = Step::CheckIn;
                    }
                    Err(e) => self.refusal(e),
                }
                Action::None
            }
            Message::Arrived(id, result) => {
                match result {
                    Ok(()) => {
                        if let Some(c) = self.check_ins.iter_mut().find(|c| c.appointment_id == id) {
                            c.arrived = true;
                        }
                    }
                    Err(e) => self.refusal(e),
                }
                Action::None
            }
            Message::Slots(result) => {
                match result {
                    Ok(slots) => {
                        self.slots = slots;
                        match self.step {
                            Step::Service => self.step = Step::Staff,
                            _ => self.show_times(),
                        }
                    }
                    Err(e) => self.problem(e),
                }
                Action::None
            }
            Message::CodeSent(Ok(())) => Action::None,
            Message::CodeSent(Err(e)) => {
                self.refusal(e);
                Action::None
            }
            Message::Proven(Ok(known)) => {
                // Only blank fields: what the customer already typed stays.
                if let Some(k) = known.filter(|_| self.first_name.is_empty() && self.email.is_empty()) {
                    (self.first_name, self.last_name, self.email) = (k.first_name, k.last_name, k.email);
                }
                self.focus = Field::FirstName;
                self.step = Step::Details;
                Action::None
            }
            Message::Proven(Err(e)) => {
                self.refusal(e);
                Action::None
            }
            Message::Booked(Ok(booked)) => {
                self.booked = Some(booked);
                self.step = Step::Done;
                Action::None
            }
            Message::Booked(Err(e)) => {
                // Someone was quicker: show the times that are left, and say so.
                let again = matches!(e, KioskError::Refused(Refusal::SlotTaken));
                // The code ran out while the names were typed: ask for a new one.
                if matches!(e, KioskError::Refused(Refusal::CodeExpired | Refusal::WrongCode)) {
                    self.code.clear();
                    self.step = Step::Code;
                }
                self.refusal(e);
                if again { self.load_slots() } else { Action::None }
            }
            Message::PinChecked(answer) => {
                self.pin_typed.clear();
                match answer {
                    Ok(PinAnswer::Right) => self.leaving = true,
                    Ok(PinAnswer::Wrong { .. }) => self.message = Some(Problem::Refusal("kiosk-pin-wrong")),
                    Ok(PinAnswer::Wait { .. }) => self.message = Some(Problem::Refusal("kiosk-pin-wait")),
                    Ok(PinAnswer::NotSet) => self.message = Some(Problem::Refusal("kiosk-pin-not-set")),
                    Err(e) => self.problem(e),
                }
                Action::None
            }
            Message::CloseRequested => {
                self.pin_typed.clear();
                self.step = Step::Pin;
                Action::None
            }
            Message::Failed(job) => {
                self.message = Some(Problem::System { key: "error-job-failed", cause: job.into() });
                Action::None
            }
            touch => self.touched(touch),
        }
    }

    /// What the customer (or staff) tapped.
    fn touched(&mut self, message: Message) -> Effect<Message> {
        self.last_touch = self.now;
        self.message = None;
        match message {
            Message::Language(l) => self.lang = l,
            Message::CheckInStart => self.step = Step::CheckInPhone,
            Message::BookStart => self.step = Step::Service,
            Message::Home => return self.start_over(),
            Message::Key(key) => self.key(key),
            Message::Focus(f) => self.focus = f,
            Message::Accents => self.accents = !self.accents,
            Message::FlipCase => self.flip_case = !self.flip_case,
            Message::Back if self.step != Step::Done => self.back(),
            Message::Back => {}
            Message::Next => return self.next(),
            Message::Arrive(id) => {
                let now = self.now;
                return Action::run("check in", move |store| Message::Arrived(id, store.check_in(id, now)));
            }
            // The free times of everyone, first: "With whom?" lists only who has one.
            Message::Service(id) => {
                self.service = Some(id);
                return self.load_slots();
            }
            Message::Staff(staff) => {
                self.chosen_staff = staff;
                self.show_times();
            }
            Message::Day(d) => self.day = Some(d),
            Message::Days(delta) => {
                let last = self.free_days().len().saturating_sub(1) / DAYS_SHOWN * DAYS_SHOWN;
                let moved = self.first_day as i64 + i64::from(delta) * DAYS_SHOWN as i64;
                self.first_day = moved.clamp(0, last as i64) as usize;
            }
            Message::Time(staff, at) => {
                self.time = Some((staff, at));
                self.step = Step::Phone;
            }
            Message::AcceptTerms if self.step == Step::Terms => return self.book(),
            Message::AcceptTerms => {}
            Message::ResendCode => return self.send_code(),
            Message::StaffExit => {
                self.pin_typed.clear();
                self.step = Step::Pin;
            }
            // Answers from the store are handled in `update`.
            _ => {}
        }
        Action::None
    }

    fn key(&mut self, key: char) {
        let target = match self.step {
            Step::CheckInPhone | Step::Phone => &mut self.phone,
            Step::Code => &mut self.code,
            Step::Pin => &mut self.pin_typed,
            Step::Details => match self.focus {
                Field::FirstName => &mut self.first_name,
                Field::LastName => &mut self.last_name,
                Field::Email => &mut self.email,
            },
            _ => return,
        };
        // Names start with a capital letter, as on a phone's keyboard.
        let name = self.step == Step::Details && self.focus != Field::Email;
        if key == '\u{8}' {
            target.pop();
        } else if target.chars().count() < 60 {
            let word_start = target.is_empty() || target.ends_with([' ', '-']);
            // Capitals at a name's word starts, as on a phone; "Aa" turns one letter the other way.
            if (name && word_start) != self.flip_case {
                target.extend(key.to_uppercase());
            } else {
                target.push(key);
            }
            self.flip_case = false;
            self.accents = false;
        }
    }

    fn back(&mut self) {
        self.step = match self.step {
            Step::Staff => Step::Service,
            Step::Time => Step::Staff,
            Step::Phone => Step::Time,
            Step::Details if self.setup.tan => Step::Code,
            Step::Details | Step::Code => Step::Phone,
            Step::Terms => Step::Details,
            Step::CheckIn => Step::CheckInPhone,
            _ => {
                self.forget();
                Step::Welcome
            }
        };
    }

    fn next(&mut self) -> Effect<Message> {
        match self.step {
            Step::CheckInPhone => {
                let (phone, now) = (self.phone.clone(), self.now);
                return Action::run("find check-ins", move |store| Message::Found(store.check_ins(&phone, now)));
            }
            // With the SMS code on, the number is proven before any name is typed.
            Step::Phone => match crate::domain::phone::to_e164(&self.phone, self.setup.country) {
                Ok(_) if self.setup.tan => {
                    self.code.clear();
                    self.step = Step::Code;
                    return self.send_code();
                }
                Ok(_) => self.step = Step::Details,
                Err(_) => self.message = Some(Problem::Refusal("kiosk-phone-wrong")),
            },
            Step::Details => {
                if self.first_name.trim().is_empty() {
                    self.focus = Field::FirstName;
                    self.message = Some(Problem::Refusal("kiosk-name-needed"));
                } else {
                    self.step = Step::Terms;
                }
            }
            Step::Code => {
                let (phone, code) = (self.phone.clone(), self.code.clone());
                return Action::run("check code", move |store| Message::Proven(store.prove_number(&phone, &code)));
            }
            // The store keeps the tries: the wait after wrong ones survives a restart.
            Step::Pin => {
                let (typed, now) = (std::mem::take(&mut self.pin_typed), self.now);
                return Action::run("check PIN", move |store| Message::PinChecked(store.try_kiosk_pin(&typed, now)));
            }
            _ => {}
        }
        Action::None
    }

    /// Everyone's free times for the chosen service over the booking window.
    fn load_slots(&self) -> Effect<Message> {
        let minutes = self.chosen_service().map_or(30, |s| s.minutes);
        let (now, days) = (self.now, self.setup.days_ahead);
        Action::run("free times", move |store| Message::Slots(store.free_slots(minutes, None, now, days)))
    }

    /// The time step, on the first day the chosen staff member has free.
    fn show_times(&mut self) {
        self.first_day = 0;
        self.day = self.free_days().first().copied();
        self.step = Step::Time;
    }

    /// The free times offered: of the chosen staff member, or of anyone.
    pub fn offered(&self) -> impl Iterator<Item = &(i64, Instant)> {
        self.slots.iter().filter(|(s, _)| self.chosen_staff.is_none_or(|c| c == *s))
    }

    fn send_code(&self) -> Effect<Message> {
        let (phone, lang) = (self.phone.clone(), self.lang);
        Action::run("send code", move |store| Message::CodeSent(store.send_code(&phone, lang)))
    }

    fn book(&self) -> Effect<Message> {
        let (Some(service_id), Some((staff_id, start))) = (self.service, self.time) else { return Action::None };
        let booking = SelfBooking {
            service_id,
            staff_id,
            start,
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            language: self.lang,
            terms_version: self.setup.terms_version.clone(),
            terms_text: self.terms_text(),
            code: self.setup.tan.then(|| self.code.clone()),
        };
        Action::run("self-booking", move |store| Message::Booked(store.self_book(&booking)))
    }

    fn refusal(&mut self, e: KioskError) {
        match e {
            KioskError::Refused(r) => self.message = Some(Problem::Refusal(super::words::refusal_key(r))),
            KioskError::Store(e) => self.problem(e),
        }
    }

    fn problem(&mut self, e: StoreError) {
        self.message = super::words::problem(e);
    }

    /// The salon's terms as this customer reads them.
    pub fn terms_text(&self) -> String {
        self.setup.terms_text(self.lang)
    }

    /// The days that have a free time, in order.
    pub fn free_days(&self) -> Vec<NaiveDate> {
        let mut days: Vec<NaiveDate> = self.offered().map(|(_, t)| clock::today(self.setup.tz, *t)).collect();
        days.dedup();
        days
    }

    fn chosen_service(&self) -> Option<&Service> {
        self.setup.services.iter().find(|s| Some(s.id) == self.service)
    }
}

/// Sends one message to the kiosk and runs what follows, in place: how tests
/// and the screenshot renderer drive it.
pub fn send(kiosk: &mut Kiosk, store: &mut Store, message: Message) {
    let effect = kiosk.update(message);
    runtime::drive(store, effect, &mut |m| kiosk.update(m));
}

/// The kiosk's window: full screen, its own connection to the salon's file,
/// and the sender so that codes and confirmations go out.
pub fn run(path: std::path::PathBuf, lang: Option<Language>) -> Result<(), super::UiError> {
    let store = Store::open(&path, "kiosk")?;
    if !store.kiosk_pin_set()? {
        return Err(super::UiError::NoKioskPin);
    }
    let kiosk = Kiosk::new(&store, lang, chrono::Utc::now())?;
    crate::sending::scheduler::spawn(path);
    let window = std::cell::RefCell::new(Some(Window { kiosk, db: Arc::new(Mutex::new(store)), scale: 1.0 }));
    // iced boots an application exactly once.
    #[allow(clippy::expect_used)]
    let boot = move || window.borrow_mut().take().expect("booted once");
    iced::application(boot, Window::update, Window::view)
        .title(|_: &Window| "Salondesk".to_string())
        .theme(|_: &Window| super::theme::theme())
        .scale_factor(|w: &Window| w.scale)
        .subscription(|_: &Window| {
            iced::Subscription::batch([
                iced::time::every(std::time::Duration::from_secs(1)).map(|_| Message::Tick(chrono::Utc::now())),
                iced::window::close_requests().map(|_| Message::CloseRequested),
                iced::window::resize_events().map(|(_, size)| Message::Resized(size)),
            ])
        })
        // A close request (Alt+F4, the taskbar) asks for the PIN instead.
        .exit_on_close_request(false)
        .window(iced::window::Settings {
            fullscreen: true,
            exit_on_close_request: false,
            platform_specific: super::platform_window(),
            ..Default::default()
        })
        .default_font(super::FONT)
        .run()?;
    Ok(())
}

struct Window {
    kiosk: Kiosk,
    db: Arc<Mutex<Store>>,
    scale: f32,
}

impl Window {
    fn update(&mut self, message: Message) -> iced::Task<Message> {
        if let Message::Resized(size) = message {
            // The size came at the old scale: what the screen has is that times it.
            self.scale = scale_for(size * self.scale);
            return iced::Task::none();
        }
        let effect = self.kiosk.update(message);
        if self.kiosk.leaving {
            return iced::exit();
        }
        runtime::task(Some(&self.db), effect, Message::Failed)
    }

    fn view(&self) -> iced::Element<'_, Message> {
        self.kiosk.view()
    }
}
