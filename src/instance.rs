//! One desk per salon file: a second start of the desk on the same file
//! brings the first to the front instead of opening a second window that
//! writes the same data. The first desk holds an operating-system lock on a
//! small file beside the salon's (released however the process ends, also
//! when it is killed); a second start finds it taken, leaves a request to
//! come to the front in a second file, and ends.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

/// The desk's hold on its file, for as long as the desk runs.
#[derive(Debug)]
pub struct DeskLock {
    _held: File,
}

/// What a start of the desk found.
#[derive(Debug)]
pub enum Claim {
    /// Nobody had the file open at the desk: this one does now.
    Ours(DeskLock),
    /// Another desk has it open; it was asked to come to the front.
    AlreadyOpen,
}

fn beside(db: &Path, suffix: &str) -> PathBuf {
    let name = db.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    db.with_file_name(format!("{name}{suffix}"))
}

/// The file whose lock says "a desk has this salon open".
pub fn lock_path(db: &Path) -> PathBuf {
    beside(db, ".desk-lock")
}

/// The file a second start writes to ask the first desk to the front.
pub fn raise_path(db: &Path) -> PathBuf {
    beside(db, ".desk-raise")
}

/// The lock file, made where missing (never emptied: another desk may hold it).
fn lock_file(db: &Path) -> io::Result<File> {
    OpenOptions::new().create(true).truncate(false).write(true).open(lock_path(db))
}

/// Claims the desk on `db`: ours, or another desk's (which is then asked to
/// come to the front). Makes the folder on the desk's very first start.
pub fn claim(db: &Path) -> io::Result<Claim> {
    if let Some(folder) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)?;
    }
    let file = lock_file(db)?;
    match file.try_lock() {
        Ok(()) => Ok(Claim::Ours(DeskLock { _held: file })),
        Err(TryLockError::WouldBlock) => {
            // The time written makes every request a change the first desk notices.
            std::fs::write(raise_path(db), chrono::Utc::now().to_rfc3339())?;
            Ok(Claim::AlreadyOpen)
        }
        Err(TryLockError::Error(e)) => Err(e),
    }
}

/// Waits (up to `limit`) until no desk holds `db`: a desk restarted after a
/// restore must not find the old one still ending and leave nobody open.
pub fn wait_until_free(db: &Path, limit: std::time::Duration) -> io::Result<bool> {
    let file = lock_file(db)?;
    let started = std::time::Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(true),
            Err(TryLockError::WouldBlock) if started.elapsed() < limit => {
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            Err(TryLockError::WouldBlock) => return Ok(false),
            Err(TryLockError::Error(e)) => return Err(e),
        }
    }
}

/// Whether `event` is a request to come to the front for the desk on `db`.
pub fn is_raise_request(db: &Path, event: &notify::Event) -> bool {
    let raise = raise_path(db);
    (event.kind.is_modify() || event.kind.is_create()) && event.paths.iter().any(|p| p.file_name() == raise.file_name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_desk_on_one_file_finds_it_open_and_asks_the_first_to_the_front() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("salon.sqlite3");
        let first = claim(&db).unwrap();
        assert!(matches!(first, Claim::Ours(_)));
        assert!(!raise_path(&db).exists(), "nobody asked yet");
        assert!(matches!(claim(&db).unwrap(), Claim::AlreadyOpen), "a second desk is refused");
        assert!(raise_path(&db).exists(), "and asks the first to the front");
        let other = dir.path().join("other.sqlite3");
        assert!(matches!(claim(&other).unwrap(), Claim::Ours(_)), "another salon's file is free");
        let short = std::time::Duration::from_millis(300);
        assert!(!wait_until_free(&db, short).unwrap(), "still held");
        drop(first);
        assert!(wait_until_free(&db, short).unwrap(), "free once the first desk ends");
        assert!(matches!(claim(&db).unwrap(), Claim::Ours(_)), "and the next desk has it");
    }
}
