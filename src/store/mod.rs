//! The SQLite file: opening (WAL, foreign keys, busy timeout), versioned
//! migrations, integrity check, and one module per group of tables. The
//! public API speaks in domain types only.

mod appointments;
pub mod backup;
pub mod checkout;
mod config;
mod customers;
mod documents;
pub mod erase;
mod fees;
mod file;
pub mod import;
mod kiosk;
mod kiosk_pin;
mod messages;
pub mod newsletters;
mod outbox;
mod privacy;
mod reports;
mod risk;
mod salon;
pub mod secrets;
mod settings;
mod staff;
mod status_rules;
mod statuses;
mod till;

pub use appointments::{AppointmentChange, DeskSave, HistoryEntry, NewAppointment, Undo};

pub use customers::CustomerHit;
pub(crate) use customers::write_phone_keys;
pub use documents::Document;
pub use erase::Erased;
pub use fees::NoShowFee;
pub use file::APPLICATION_ID;
pub use kiosk::{Booked, CheckIn, KioskError, KnownName, SelfBooking, TermsAccepted};
pub use kiosk_pin::{PinAnswer, PinTries};
pub use outbox::{LEASE, OutboxMessage, OutboxState, OutboxView, ReminderOverview};
pub use privacy::Exported;
pub use salon::Salon;
pub use settings::CallEntry;
pub use staff::AbsenceSave;
pub use status_rules::{RuleOutcome, StatusChange};
pub use till::{Features, PointsEntry, Product, Referral, ServiceTill, Voucher, VoucherTotals};

use crate::domain::InputError;
use crate::domain::clock::Instant;
use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{M, Migrations};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The schema version this program writes; a file with a higher one was made
/// by a newer Salondesk and is left untouched.
pub const SCHEMA_VERSION: i64 = 19;

fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("migrations/001_foundation.sql")),
        M::up(include_str!("migrations/002_search_speed.sql")),
        M::up(include_str!("migrations/003_statuses.sql")),
        M::up(include_str!("migrations/004_no_show_register.sql")),
        M::up(include_str!("migrations/005_call_list.sql")),
        M::up(include_str!("migrations/006_status_rules.sql")),
        M::up(include_str!("migrations/007_documents.sql")),
        M::up(include_str!("migrations/008_customer_index_covers_state.sql")),
        M::up(include_str!("migrations/009_messages.sql")),
        M::up(include_str!("migrations/010_kiosk.sql")),
        M::up(include_str!("migrations/011_kiosk_safety.sql")),
        M::up(include_str!("migrations/012_service_names.sql")),
        M::up(include_str!("migrations/013_confirm_requests.sql")),
        M::up(include_str!("migrations/014_any_writer.sql")),
        M::up(include_str!("migrations/015_checkout.sql")),
        M::up(include_str!("migrations/016_till.sql")),
        M::up(include_str!("migrations/017_receipt_mail.sql")),
        M::up(include_str!("migrations/018_newsletters.sql")),
        M::up(include_str!("migrations/019_newsletter_reach.sql")),
    ])
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open {path}: {cause}")]
    CannotOpen { path: PathBuf, cause: String },
    #[error("the database file is damaged: {0}")]
    Damaged(String),
    #[error("the database file is read-only: {0}")]
    ReadOnly(PathBuf),
    #[error("the database was made by a newer Salondesk (schema {found}, this program knows {supported})")]
    NewerVersion { found: i64, supported: i64 },
    #[error(
        "the database is from an earlier Salondesk (schema {found}); open it with the desk once to upgrade it (schema {supported})"
    )]
    OlderVersion { found: i64, supported: i64 },
    #[error("there is no salon file at {0}")]
    Missing(PathBuf),
    #[error("{0} is not a Salondesk database; it was left as it is")]
    NotSalondesk(PathBuf),
    #[error("{0} already exists; choose another file")]
    AlreadyExists(PathBuf),
    #[error("{0} is open in Salondesk (the desk or the kiosk); close it there first")]
    InUse(PathBuf),
    #[error("the backup folder {0} is missing (a USB disk or network drive not connected?)")]
    BackupFolderMissing(PathBuf),
    #[error("the staff member already has an appointment at that time")]
    Overlap,
    #[error("appointments are never deleted; cancel them instead")]
    DeleteRefused,
    #[error("a checkout record is never changed or deleted; correct it with a reversal")]
    RecordClosed,
    #[error("the voucher does not cover this amount (used up, expired or void)")]
    VoucherNotCovered,
    #[error("the customer does not have enough bonus points")]
    PointsShort,
    #[error("the status is in use or initial; choose a replacement, or make another status initial first")]
    StatusInUse,
    #[error("exactly one status must be given to new customers")]
    NoInitialStatus,
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Invalid(#[from] InputError),
    #[error("the disk is full; this change was not saved (what was saved before is kept)")]
    DiskFull,
    #[error("the file could not be written (the disk is full or failing); this change was not saved")]
    WriteFailed,
    #[error("the database is busy in another program; try again")]
    Busy,
    #[error("database error: {0}")]
    Sql(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        let text = e.to_string();
        if text.contains("salondesk:overlap") {
            return StoreError::Overlap;
        }
        if text.contains("salondesk:appointment-delete") {
            return StoreError::DeleteRefused;
        }
        if text.contains("salondesk:status-in-use") {
            return StoreError::StatusInUse;
        }
        if text.contains("salondesk:checkout-closed") {
            return StoreError::RecordClosed;
        }
        if text.contains("salondesk:voucher-not-covered") {
            return StoreError::VoucherNotCovered;
        }
        if text.contains("salondesk:points-negative") {
            return StoreError::PointsShort;
        }
        if text.contains("salondesk:no-initial-status") {
            return StoreError::NoInitialStatus;
        }
        match &e {
            rusqlite::Error::QueryReturnedNoRows => StoreError::NotFound,
            rusqlite::Error::SqliteFailure(f, _) => match f.code {
                rusqlite::ErrorCode::DiskFull => StoreError::DiskFull,
                // With a few KB left, SQLite says "disk I/O error": the write failed, and so did the change.
                rusqlite::ErrorCode::SystemIoFailure => StoreError::WriteFailed,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked => StoreError::Busy,
                rusqlite::ErrorCode::ReadOnly => StoreError::ReadOnly(PathBuf::new()),
                rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt => StoreError::Damaged(text),
                _ => StoreError::Sql(text),
            },
            _ => StoreError::Sql(text),
        }
    }
}

impl From<rusqlite_migration::Error> for StoreError {
    fn from(e: rusqlite_migration::Error) -> Self {
        match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => err.into(),
            other => StoreError::Sql(other.to_string()),
        }
    }
}

impl StoreError {
    /// A file beside the database could not be written (the secrets' key).
    pub fn io(path: &Path, e: std::io::Error) -> StoreError {
        match e.kind() {
            std::io::ErrorKind::StorageFull => StoreError::DiskFull,
            _ => StoreError::CannotOpen { path: path.to_path_buf(), cause: e.to_string() },
        }
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Who writes through this connection ("desk", "kiosk", "demo"); recorded
    /// in the appointment history.
    actor: String,
    /// A fixed "now" for tests and `salondesk send --now`; else the clock.
    fixed_now: Option<Instant>,
    /// True only while "Start empty" deletes the demo's appointments: what
    /// the database's `salondesk_emptying()` answers this connection.
    emptying: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Store {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The instant messages are planned and sent against.
    pub fn now(&self) -> Instant {
        self.fixed_now.unwrap_or_else(chrono::Utc::now)
    }

    /// Evaluates as if it were `now` (tests, `salondesk send --now`).
    pub fn set_now(&mut self, now: Option<Instant>) {
        self.fixed_now = now;
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// SQLite's own quick check of every page and index. Takes a moment on a
    /// large file, so the desk runs it in the background after start.
    pub fn check_integrity(&self) -> Result<()> {
        quick_check(&self.conn)
    }

    /// A number that changes whenever another connection (the kiosk, a second
    /// desk) commits to the file; our own writes leave it as it is.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// The demo generator's bulk writes.
    pub(crate) fn connection(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Lets the file grow by no more than `pages` pages: what a full disk
    /// looks like to SQLite (for tests that nothing is lost then).
    #[doc(hidden)]
    pub fn limit_pages(&mut self, pages: i64) -> Result<()> {
        // A number, not text: nothing to escape.
        self.conn.execute_batch(&format!("PRAGMA max_page_count = {pages}"))?;
        Ok(())
    }
}

fn quick_check(conn: &Connection) -> Result<()> {
    let mut stmt = conn.prepare("PRAGMA quick_check")?;
    let problems: Vec<String> = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<_>>()?;
    if problems.len() == 1 && problems[0] == "ok" {
        Ok(())
    } else {
        Err(StoreError::Damaged(problems.into_iter().take(5).collect::<Vec<_>>().join("; ")))
    }
}

fn read_only(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)
        .map_err(|e| StoreError::CannotOpen { path: path.to_path_buf(), cause: e.to_string() })?;
    conn.busy_timeout(Duration::from_secs(5))?;
    Ok(conn)
}

/// Notices commits to the file by any other connection, on a read-only
/// connection of its own (one `PRAGMA data_version` a look: no table is
/// read). It waits for the operating system to say the file was written
/// (inotify, ReadDirectoryChangesW), so a quiet file costs nothing; where
/// that is not offered (some network drives) it looks once a second.
pub struct FileWatch {
    conn: Connection,
    seen: i64,
    written: std::sync::mpsc::Receiver<()>,
    watcher: Option<notify::RecommendedWatcher>,
}

impl FileWatch {
    pub fn open(path: &Path) -> Result<FileWatch> {
        let conn = read_only(path)?;
        let seen = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        let (tx, written) = std::sync::mpsc::channel();
        let folder = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            if event.is_ok_and(|e| e.kind.is_modify() || e.kind.is_create()) {
                let _ = tx.send(());
            }
        })
        .and_then(|mut w| notify::Watcher::watch(&mut w, folder, notify::RecursiveMode::NonRecursive).map(|()| w))
        .inspect_err(|e| tracing::warn!(error = %e, "no file notifications: looking once a second"))
        .ok();
        Ok(FileWatch { conn, seen, written, watcher })
    }

    /// Has anyone committed since the last look?
    pub fn changed(&mut self) -> Result<bool> {
        let now: i64 = self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        let changed = now != self.seen;
        self.seen = now;
        Ok(changed)
    }

    /// Waits until another connection committed (`true`) or `timeout` passed.
    pub fn wait(&mut self, timeout: Duration) -> Result<bool> {
        let deadline = std::time::Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if self.watcher.is_none() {
                std::thread::sleep(left.min(Duration::from_secs(1)));
            } else if self.written.recv_timeout(left).is_err() {
                return Ok(false);
            }
            // A commit writes the file several times and counts only at its
            // end: look a few times over a moment, so a commit whose first
            // writes woke us is not missed when its last ones come after.
            for _ in 0..12 {
                while self.written.try_recv().is_ok() {}
                if self.changed()? {
                    return Ok(true);
                }
                std::thread::sleep(Duration::from_millis(25));
            }
            if left.is_zero() {
                return Ok(false);
            }
        }
    }
}

/// A write transaction: `BEGIN IMMEDIATE` on its own (the write lock at once,
/// so desk and kiosk never dead-lock upgrading a read), a savepoint inside
/// `Store::atomically`, so that several changes commit or fail together.
pub(crate) enum Tx<'a> {
    Own(rusqlite::Transaction<'a>),
    Nested(rusqlite::Savepoint<'a>),
}

pub(crate) fn begin(conn: &mut Connection) -> Result<Tx<'_>> {
    Ok(if conn.is_autocommit() {
        Tx::Own(conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)
    } else {
        Tx::Nested(conn.savepoint()?)
    })
}

impl Tx<'_> {
    pub(crate) fn commit(self) -> Result<()> {
        match self {
            Tx::Own(tx) => tx.commit()?,
            Tx::Nested(sp) => sp.commit()?,
        }
        Ok(())
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        match self {
            Tx::Own(tx) => tx,
            Tx::Nested(sp) => sp,
        }
    }
}

impl Store {
    /// Runs `work` as one transaction: every change it makes is committed
    /// together, or none is (an error rolls back what it did). Inside another
    /// transaction it is a savepoint of it.
    pub(crate) fn atomically<T>(&mut self, work: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let outer = self.conn.is_autocommit();
        self.conn.execute_batch(if outer { "BEGIN IMMEDIATE" } else { "SAVEPOINT atomically" })?;
        let done = work(self).and_then(|value| {
            self.conn.execute_batch(if outer { "COMMIT" } else { "RELEASE atomically" })?;
            Ok(value)
        });
        if done.is_err() {
            // A COMMIT refused for a full disk leaves the transaction open: undone here.
            let undo = if outer { "ROLLBACK" } else { "ROLLBACK TO atomically; RELEASE atomically" };
            if let Err(rollback) = self.conn.execute_batch(undo) {
                tracing::warn!(error = %rollback, "rollback");
            }
        }
        done
    }
}

/// Writes an empty salon file at an older schema version, as an earlier
/// Salondesk would have: for the tests of the upgrade path.
#[doc(hidden)]
pub fn create_at_version(path: &Path, version: usize) -> Result<()> {
    let mut conn = Connection::open(path)?;
    migrations().to_version(&mut conn, version)?;
    Ok(())
}

/// The default place of the salon's file: the user's data folder.
pub fn default_path() -> PathBuf {
    directories::ProjectDirs::from("org", "Salondesk", "salondesk")
        .map(|d| d.data_dir().join("salon.sqlite3"))
        .unwrap_or_else(|| PathBuf::from("salon.sqlite3"))
}

/// An instant stored as seconds since 1970 (UTC).
pub(crate) fn instant(secs: i64) -> Instant {
    chrono::DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

pub(crate) fn now_unix() -> i64 {
    chrono::Utc::now().timestamp()
}
