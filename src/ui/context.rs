//! What every screen of the desk may read and ask for: the salon's data and
//! "now" (`Ctx`), the requests only the desk can carry out (`Request`), and
//! what a screen has to say (`Note`, `Problem`), kept typed so that the words
//! are chosen in `view`, in the language shown at that moment.

use crate::domain::clock::{self, Instant};
use crate::domain::schedule::{Service, Staff};
use crate::domain::status_rules::StatusRule;
use crate::domain::{CustomerStatus, InputError, Language};
use crate::store::{RuleOutcome, Salon, StoreError};
use std::path::PathBuf;
use std::sync::Arc;

/// What the screens read and never change: the salon's settings.
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
    /// The salon's file (its integrity is checked on a connection of its own).
    pub file: PathBuf,
    /// The file's data version when this was read.
    pub version: i64,
    /// The till: which of its parts are on, what it sells, its discount reasons.
    pub features: crate::store::Features,
    pub products: Vec<crate::store::Product>,
    pub discount_reasons: Vec<String>,
    /// Each service's own VAT rate and deposit, and the salon's standard rate.
    pub service_tills: Vec<crate::store::ServiceTill>,
    pub standard_rate: crate::domain::checkout::Rate,
}

impl SalonData {
    pub fn load(store: &crate::store::Store) -> crate::store::Result<SalonData> {
        Ok(SalonData {
            salon: store.salon()?,
            staff: store.staff()?,
            services: store.services()?,
            statuses: store.statuses()?,
            status_rules: store.status_rules()?,
            call_template: store.call_template()?,
            customers: store.customer_count()?,
            outbox_failed: store.outbox_counts(store.now())?.0,
            file: store.path().to_path_buf(),
            version: store.data_version()?,
            features: store.features()?,
            products: store.products()?,
            discount_reasons: store.discount_reasons()?,
            service_tills: store.service_tills()?,
            standard_rate: store.standard_rate()?,
        })
    }
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

    /// A service's VAT rate (its own, or the salon's standard rate).
    pub fn service_rate(&self, id: i64) -> crate::domain::checkout::Rate {
        self.data
            .service_tills
            .iter()
            .find(|s| s.service_id == id)
            .and_then(|s| s.vat_rate)
            .unwrap_or(self.data.standard_rate)
    }

    pub fn staff_name(&self, id: i64) -> String {
        self.data.staff.iter().find(|s| s.id == id).map(|s| s.name.clone()).unwrap_or_default()
    }
}

/// What went wrong, kept as it happened; `words::problem_text` says it.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    Store(StoreError),
    Input(InputError),
    /// A rule of the salon or the desk said no; the text key says why.
    Refusal(&'static str),
    /// The operating system could not do it (open a link, start a program).
    System {
        key: &'static str,
        cause: Arc<str>,
    },
}

impl Problem {
    /// What the log says of it: the kind, never what a person typed.
    pub fn for_log(&self) -> String {
        match self {
            Problem::Input(e) | Problem::Store(StoreError::Invalid(e)) => {
                format!("input: {}", crate::domain::input_kind(e))
            }
            Problem::Store(e) => e.to_string(),
            Problem::Refusal(key) => format!("refused: {key}"),
            Problem::System { key, cause } => format!("{key}: {cause}"),
        }
    }
}

impl From<StoreError> for Problem {
    fn from(e: StoreError) -> Problem {
        Problem::Store(e)
    }
}

impl From<InputError> for Problem {
    fn from(e: InputError) -> Problem {
        Problem::Input(e)
    }
}

/// What the desk says for a moment at the top of the window.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// Something was done; the text key says what.
    Done(&'static str),
    /// An automatic status rule gave a status.
    Rule(RuleOutcome),
    Problem(Problem),
}

/// What a screen asks of the desk.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    OpenCard(i64),
    /// Call this phone number through the call link.
    Call(String),
    /// Open a document with the system's viewer.
    OpenFile(PathBuf),
    /// Settings were saved: reload them everywhere, and say so.
    ReloadSalon(Option<Note>),
    /// An appointment or a card changed: reload the calendar and the open
    /// card, say so, and offer to take the change back.
    AppointmentsChanged(Note, Option<crate::store::Undo>),
    Notice(Note),
    /// An automatic status rule gave, or suggests, a status.
    StatusRule(RuleOutcome),
    /// A backup was made ("Back up now"): the banner about old backups goes.
    BackedUp,
    /// Put this backup in the place of the salon's file and restart the desk.
    Restore(PathBuf),
}

/// A screen's action: its own messages, and requests for the desk.
pub type Action<M> = crate::ui::runtime::Action<M, Request>;

/// A change to store whose answer carries the text key `done` that says it
/// was done ("" says nothing), or why it was not.
pub fn change<M: 'static>(
    name: &'static str,
    done: &'static str,
    work: impl FnOnce(&mut crate::store::Store) -> Result<(), StoreError> + Send + 'static,
    answer: fn(Result<&'static str, StoreError>) -> M,
) -> Action<M> {
    Action::run(name, move |store| answer(work(store).map(|()| done)))
}
