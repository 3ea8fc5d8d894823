//! Sends the outbox. `run_due` sends what is due once (the headless
//! `salondesk send --once`); `run_forever` keeps sending, on a thread with
//! its own connection while the desk or the kiosk is open. Several senders may run at
//! once: each message is claimed in a transaction before it goes out.

use super::SendError;
use super::email::{Extras, Mailer, Pdf, SmtpSettings};
use super::sms::{Gateway, SmsSettings};
use crate::domain::clock::Instant;
use crate::message::defaults::{Channel, Kind};
use crate::store::{FileWatch, OutboxMessage, Store, StoreError};
use std::time::Duration;

/// What one run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub sent: u32,
    /// Failed this time; retried later or shown to the salon.
    pub failed: u32,
    /// No longer wanted (the appointment was cancelled or has started).
    pub dropped: u32,
    /// Due, but e-mail or SMS is not set up yet.
    pub waiting: u32,
}

/// How the salon's messages leave: as stored in its settings.
pub struct Transports {
    pub email: Option<SmtpSettings>,
    pub sms: Option<SmsSettings>,
}

/// The transports connected for one run: one mail server connection for
/// the whole batch.
struct Connected<'a> {
    mailer: Option<Mailer>,
    sms: Option<Gateway<'a>>,
}

impl Transports {
    pub fn from_store(store: &Store) -> Result<Transports, StoreError> {
        let get = |key: &str| store.config(key).unwrap_or_default();
        Ok(Transports { email: SmtpSettings::from_config(get), sms: SmsSettings::from_config(get) })
    }

    fn channels(&self) -> Vec<Channel> {
        let mut on = Vec::new();
        if self.email.is_some() {
            on.push(Channel::Email);
        }
        if self.sms.is_some() {
            on.push(Channel::Sms);
        }
        on
    }

    /// The channels whose messages wait because they are not set up.
    pub fn missing(&self) -> Vec<Channel> {
        let on = self.channels();
        Channel::ALL.into_iter().filter(|c| !on.contains(c)).collect()
    }

    fn connect(&self) -> Connected<'_> {
        Connected { mailer: self.email.as_ref().map(Mailer::new), sms: self.sms.as_ref().map(Gateway::new) }
    }
}

impl Connected<'_> {
    fn send(&self, m: &OutboxMessage, extras: &Extras) -> Result<(), SendError> {
        match (m.channel, &self.mailer, &self.sms) {
            (Channel::Email, Some(mailer), _) => mailer.send(m, extras),
            (Channel::Sms, _, Some(gateway)) => gateway.send(&m.recipient, &m.body, &m.message_id),
            _ => Err(SendError { permanent: false, text: "not set up".into() }),
        }
    }
}

/// What a message carries besides its text: a checkout's summary as PDF,
/// made from its record now (records never change, so a retry sends the
/// same page); a newsletter's unsubscribe token.
fn extras(store: &Store, m: &OutboxMessage) -> Result<Extras, StoreError> {
    let mut extras = Extras::default();
    if let Some(id) = m.checkout_id {
        let number = store.checkout(id)?.number;
        extras.pdf = Some(Pdf { name: format!("{number}.pdf"), bytes: crate::pdf::summary_of(store, id)? });
    }
    if let (Kind::Newsletter, Some(customer)) = (m.kind, m.customer_id) {
        extras.unsubscribe = store.unsubscribe_token(customer)?;
    }
    Ok(extras)
}

/// Which messages a sender takes: everything (codes first), or only the
/// kiosk's codes — on a path of their own, so that a code never waits
/// behind a mail server that takes its time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    All,
    Codes,
}

/// Sends every message due at `now`, each at most once.
pub fn run_due(store: &mut Store, now: Instant) -> Result<Summary, StoreError> {
    run_lane(store, now, Lane::All)
}

pub fn run_lane(store: &mut Store, now: Instant, lane: Lane) -> Result<Summary, StoreError> {
    let transports = Transports::from_store(store)?;
    run_with(store, now, lane, &transports)
}

/// One run with the transports given (a test's trusted certificate added).
pub fn run_with(store: &mut Store, now: Instant, lane: Lane, transports: &Transports) -> Result<Summary, StoreError> {
    let channels = transports.channels();
    let connected = transports.connect();
    let mut summary = Summary::default();
    let next = |store: &Store| match lane {
        // One at a time, codes first: a code the kiosk asks for while e-mails
        // are going out is the next message sent, not the one after them all.
        Lane::All => store.due_messages(now, &channels, 1),
        Lane::Codes if channels.contains(&Channel::Sms) => store.due_codes(now, 1),
        Lane::Codes => Ok(Vec::new()),
    };
    while let Some(m) = next(store)?.pop() {
        if !store.claim_message(&m, now)? {
            summary.dropped += 1;
            continue;
        }
        let extras = match extras(store, &m) {
            Ok(extras) => extras,
            Err(e) => {
                tracing::warn!(id = m.id, error = %e, "what goes along could not be made");
                record(|| store.message_failed(m.id, now, &format!("summary: {e}"), false))?;
                summary.failed += 1;
                continue;
            }
        };
        match connected.send(&m, &extras) {
            Ok(()) => {
                record(|| store.message_sent(m.id, now))?;
                summary.sent += 1;
            }
            Err(e) => {
                tracing::warn!(id = m.id, error = %e.for_log(), "message not sent");
                record(|| store.message_failed(m.id, now, &e.text, e.permanent))?;
                summary.failed += 1;
            }
        }
    }
    if lane == Lane::All {
        summary.waiting = store.due_messages(now, &transports.missing(), 10_000)?.len() as u32;
    }
    Ok(summary)
}

/// Records what became of a message that was handed to the server. The file
/// may be busy in another program for a while: giving up now would send a
/// delivered message again after its lease, so the outcome is retried for
/// up to 90 seconds (the lease lasts two minutes).
fn record(mut write: impl FnMut() -> Result<(), StoreError>) -> Result<(), StoreError> {
    let started = std::time::Instant::now();
    let mut pause = Duration::from_millis(100);
    loop {
        match write() {
            Err(StoreError::Busy) if started.elapsed() < Duration::from_secs(90) => {
                tracing::info!(waited_ms = started.elapsed().as_millis() as u64, "the file is busy; recording again");
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_secs(5));
            }
            other => return other,
        }
    }
}

/// Sends what is due, then sleeps until the next message falls due on a
/// channel that is set up, or another connection writes the file (a
/// booking, a setting) — nothing is polled while all is quiet. A round that
/// sent, failed or dropped something, or changed how many wait, is handed to
/// `report`; it runs until `report` answers `false`.
pub fn run_forever(mut store: Store, lane: Lane, mut report: impl FnMut(Summary) -> bool) {
    let mut watch = FileWatch::open(store.path())
        .inspect_err(|e| tracing::warn!(error = %e, "the sender looks every second instead"))
        .ok();
    let (mut channels, mut waiting) = (Vec::new(), 0);
    let mut changed = true;
    loop {
        let now = store.now();
        if changed {
            channels = Transports::from_store(&store).map(|t| t.channels()).unwrap_or_default();
        }
        let next = next_due(&store, lane, &channels);
        if changed || next.is_some_and(|n| n <= now) {
            match run_lane(&mut store, now, lane) {
                Ok(summary) => {
                    let news = summary.sent + summary.failed + summary.dropped > 0 || summary.waiting != waiting;
                    waiting = summary.waiting;
                    if news && !report(summary) {
                        return;
                    }
                }
                Err(e) => tracing::warn!(error = %e, "sending stopped for now"),
            }
        }
        // Until the next one is due (looked at again each minute: a fixed
        // `--now`, a clock set forward), or the file changes.
        let now = store.now();
        let sleep = next_due(&store, lane, &channels)
            .map_or(Duration::from_secs(60), |n| (n - now).to_std().unwrap_or_default().min(Duration::from_secs(60)));
        changed = match watch.as_mut() {
            Some(w) => w.wait(sleep.max(Duration::from_millis(200))).unwrap_or(true),
            None => {
                std::thread::sleep(Duration::from_secs(1));
                true
            }
        };
    }
}

fn next_due(store: &Store, lane: Lane, channels: &[Channel]) -> Option<Instant> {
    match lane {
        Lane::All => store.next_due_on(channels).ok().flatten(),
        Lane::Codes => store.next_code_due().ok().flatten(),
    }
}

/// Senders on threads of their own, each with its own connection to the
/// file, for a window that has no subscription for them (the kiosk): one
/// for everything and one for the codes alone.
pub fn spawn(path: std::path::PathBuf) {
    for (lane, name) in [(Lane::All, "scheduler"), (Lane::Codes, "codes")] {
        let path = path.clone();
        let started = std::thread::Builder::new().name(name.into()).spawn(move || match Store::open(&path, name) {
            Ok(store) => run_forever(store, lane, |_| true),
            Err(e) => tracing::error!(error = %e, "the scheduler cannot open the file"),
        });
        if let Err(e) = started {
            tracing::error!(error = %e, "the scheduler did not start");
        }
    }
}
