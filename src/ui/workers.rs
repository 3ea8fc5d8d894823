//! The desk's long-lived workers, each a stream for a subscription with its
//! own thread and its own connection to the file: the minute clock, the
//! watcher of changes made by other processes, and the sender of the outbox.
//! Each yields only when something happened; between changes the desk is idle.

use crate::domain::clock::Instant;
use crate::sending::scheduler::{self, Summary};
use crate::store::{FileWatch, Store};
use iced::futures::channel::mpsc;
use iced::futures::{SinkExt, Stream};
use std::path::PathBuf;
use std::time::Duration;

/// Runs `work` on a thread of its own; what it yields comes out of the
/// stream. `work` gets `false` back once nobody listens any more and stops.
fn on_thread<T: Send + 'static>(
    name: &str,
    work: impl FnOnce(&mut dyn FnMut(T) -> bool) + Send + 'static,
) -> impl Stream<Item = T> {
    let (tx, rx) = mpsc::channel(4);
    let started = std::thread::Builder::new().name(name.into()).spawn(move || {
        let mut tx = tx;
        work(&mut |item| iced::futures::executor::block_on(tx.send(item)).is_ok());
    });
    if let Err(e) = started {
        tracing::error!(error = %e, worker = name, "a worker did not start");
    }
    rx
}

/// Every full minute of the wall clock (the clock in the top bar, today's
/// line, a new day after midnight).
pub fn minutes() -> impl Stream<Item = Instant> {
    on_thread("clock", |yield_now| {
        loop {
            let now = chrono::Utc::now();
            let into_minute = now.timestamp().rem_euclid(60) as u64 * 1000 + u64::from(now.timestamp_subsec_millis());
            std::thread::sleep(Duration::from_millis(60_000 - into_minute.min(59_999)));
            if !yield_now(chrono::Utc::now()) {
                return;
            }
        }
    })
}

/// Yields when another process (the kiosk, a second desk, `salondesk send`)
/// committed to the file.
#[allow(clippy::ptr_arg)] // `Subscription::run_with` hands over a `&PathBuf`.
pub fn file_changes(path: &PathBuf) -> impl Stream<Item = ()> + use<> {
    let path = path.clone();
    on_thread("watcher", move |yield_now| {
        let mut watch = match FileWatch::open(&path) {
            Ok(w) => w,
            Err(e) => return tracing::warn!(error = %e, "cannot watch the file for changes"),
        };
        // Woken by the operating system when the file is written; the long
        // timeout only lets the thread notice that nobody listens any more.
        loop {
            match watch.wait(Duration::from_secs(300)) {
                Ok(true) if !yield_now(()) => return,
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "cannot watch the file for changes");
                    std::thread::sleep(Duration::from_secs(5));
                }
            }
        }
    })
}

/// Yields when a second start of the desk on this file asked this one to
/// come to the front (`instance`): woken by the operating system, as the
/// file watcher is.
#[allow(clippy::ptr_arg)] // `Subscription::run_with` hands over a `&PathBuf`.
pub fn raise_requests(path: &PathBuf) -> impl Stream<Item = ()> + use<> {
    let path = path.clone();
    on_thread("raise", move |yield_now| {
        let (tx, asked) = std::sync::mpsc::channel();
        let db = path.clone();
        let watching = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            if event.is_ok_and(|e| crate::instance::is_raise_request(&db, &e)) {
                let _ = tx.send(());
            }
        })
        .and_then(|mut w| {
            let folder = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
            notify::Watcher::watch(&mut w, folder, notify::RecursiveMode::NonRecursive).map(|()| w)
        });
        let _watcher = match watching {
            Ok(w) => w,
            Err(e) => return tracing::warn!(error = %e, "a second start cannot bring this desk to the front"),
        };
        loop {
            match asked.recv_timeout(Duration::from_secs(300)) {
                Ok(()) if !yield_now(()) => return,
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
                _ => {}
            }
        }
    })
}

/// Sends confirmations and reminders while the desk is open, and says what
/// each round did so that the badge follows at once.
#[allow(clippy::ptr_arg)] // `Subscription::run_with` hands over a `&PathBuf`.
pub fn sender(path: &PathBuf) -> impl Stream<Item = Summary> + use<> {
    let path = path.clone();
    on_thread("scheduler", move |yield_now| match Store::open(&path, "scheduler") {
        Ok(store) => scheduler::run_forever(store, scheduler::Lane::All, yield_now),
        Err(e) => tracing::error!(error = %e, "the scheduler cannot open the file"),
    })
}
