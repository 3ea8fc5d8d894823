//! Copies of the salon's file: made while the desk keeps working (`VACUUM
//! INTO` a hidden temporary name: a consistent snapshot, writers go on),
//! checked (the copy's own quick check and mark), flushed to the disk and
//! only then given their name. Named `salon-20261202-041500.sqlite3` (UTC)
//! in `backups/` beside the file or in the folder the salon chose; only
//! files whose names parse so are ever deleted, and only automatic ones
//! (a copy made before an upgrade or a restore stays until removed by hand).

use super::{Result, Store, StoreError};
use crate::domain::retention;
use chrono::{NaiveDateTime, Timelike, Utc};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// One backup file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    /// When it was taken (UTC).
    pub taken: NaiveDateTime,
    /// "" for the automatic daily copy, else why it was made
    /// ("manual", "before-v13", "before-restore").
    pub tag: String,
    pub bytes: u64,
}

const STAMP: &str = "%Y%m%d-%H%M%S";
const EXTENSION: &str = ".sqlite3";

/// The folder backups go to: the salon's choice (`backup.folder`), else
/// `backups/` beside the file.
pub fn folder(db: &Path, chosen: &str) -> PathBuf {
    if chosen.trim().is_empty() {
        db.parent().unwrap_or(Path::new(".")).join("backups")
    } else {
        PathBuf::from(chosen.trim())
    }
}

fn stem(db: &Path) -> String {
    db.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_else(|| "salon".into())
}

pub fn file_name(db: &Path, taken: NaiveDateTime, tag: &str) -> String {
    let tag = if tag.is_empty() { String::new() } else { format!("-{tag}") };
    format!("{}-{}{tag}{EXTENSION}", stem(db), taken.format(STAMP))
}

/// When a file of that name was taken and why, if it is one of this salon's backups.
pub fn parse(db: &Path, name: &str) -> Option<(NaiveDateTime, String)> {
    let rest = name.strip_prefix(&stem(db))?.strip_prefix('-')?.strip_suffix(EXTENSION)?;
    let (stamp, tag) = if rest.len() > 15 { rest.split_at(15) } else { (rest, "") };
    let taken = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    match tag.strip_prefix('-') {
        None if tag.is_empty() => Some((taken, String::new())),
        Some(tag) if !tag.is_empty() && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') => {
            Some((taken, tag.to_string()))
        }
        _ => None,
    }
}

/// The salon's backups in `folder`, newest first. A file of 0 bytes is
/// never one (a copy that failed).
pub fn list(db: &Path, folder: &Path) -> Vec<Backup> {
    let Ok(entries) = std::fs::read_dir(folder) else { return Vec::new() };
    let mut found: Vec<Backup> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().to_string();
            let (taken, tag) = parse(db, &name)?;
            let bytes = entry.metadata().ok().filter(|m| m.is_file())?.len();
            (bytes > 0).then(|| Backup { path: entry.path(), taken, tag, bytes })
        })
        .collect();
    found.sort_by_key(|b| std::cmp::Reverse(b.taken));
    found
}

/// Copies the database `conn` is open on to `target` (which must not
/// exist): to a hidden temporary name first, checked, flushed, renamed. A
/// copy that fails leaves nothing behind under a backup's name.
pub(crate) fn copy_to(conn: &Connection, target: &Path) -> Result<u64> {
    let cannot = |e: std::io::Error| StoreError::io(target, e);
    let folder = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = target.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let partial = folder.join(format!(".{name}.partial"));
    let _ = std::fs::remove_file(&partial);
    let made = (|| {
        conn.execute("VACUUM INTO ?1", [partial.to_string_lossy()])?;
        Store::check_file(&partial)?;
        flush(&partial).map_err(cannot)?;
        if target.exists() {
            return Err(StoreError::AlreadyExists(target.to_path_buf()));
        }
        std::fs::rename(&partial, target).map_err(cannot)?;
        sync_folder(folder);
        std::fs::metadata(target).map(|m| m.len()).map_err(cannot)
    })();
    if made.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    made
}

/// Writes a file's data through to the disk. Opened for writing: Windows
/// refuses to flush a file opened only to read (access denied — seen under
/// Wine, where every daily backup failed so).
fn flush(file: &Path) -> std::io::Result<()> {
    std::fs::OpenOptions::new().write(true).open(file)?.sync_all()
}

/// A rename is durable once the folder is flushed too (Unix; Windows has no such call).
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Err(e) = std::fs::File::open(folder).and_then(|f| f.sync_all()) {
        tracing::warn!(error = %e, "the backup folder could not be flushed");
    }
    #[cfg(not(unix))]
    let _ = folder;
}

/// The copy kept before a schema upgrade.
pub(crate) fn before_upgrade(conn: &Connection, db: &Path) -> Result<PathBuf> {
    let chosen = super::config::read(conn, "backup.folder").unwrap_or_default();
    let target = folder(db, &chosen);
    std::fs::create_dir_all(&target).map_err(|e| StoreError::io(&target, e))?;
    let path = target.join(file_name(db, Utc::now().naive_utc(), &format!("before-v{}", super::SCHEMA_VERSION)));
    copy_to(conn, &path)?;
    Ok(path)
}

/// Removes the automatic backups the rotation no longer keeps; returns them.
pub fn rotate(db: &Path, folder: &Path, now: NaiveDateTime) -> Vec<PathBuf> {
    let automatic: Vec<Backup> = list(db, folder).into_iter().filter(|b| b.tag.is_empty()).collect();
    let taken: Vec<NaiveDateTime> = automatic.iter().map(|b| b.taken).collect();
    let mut removed = Vec::new();
    for (backup, keep) in automatic.iter().zip(retention::to_keep(&taken, now)) {
        if keep {
            continue;
        }
        match std::fs::remove_file(&backup.path) {
            Ok(()) => removed.push(backup.path.clone()),
            Err(e) => tracing::warn!(error = %e, file = %backup.path.display(), "an old backup could not be removed"),
        }
    }
    removed
}

/// The daily copy, if the newest automatic one is a day old or there is
/// none: on a connection of its own (the desk runs it after the integrity
/// check found the file whole, and keeps working meanwhile).
pub fn daily(db: &Path, now: chrono::DateTime<Utc>) -> Result<Option<Backup>> {
    let mut store = Store::open(db, "backup")?;
    store.set_now(Some(now));
    let newest = store.backups()?.into_iter().find(|b| b.tag.is_empty());
    if newest.is_some_and(|b| store.now().naive_utc() - b.taken < chrono::Duration::hours(23)) {
        return Ok(None);
    }
    store.back_up("").map(Some)
}

/// When the desk closes: a copy if the file was written since the newest backup.
pub fn if_changed(db: &Path) -> Result<Option<Backup>> {
    let store = Store::open(db, "backup")?;
    let Some(newest) = store.backups()?.first().map(|b| b.taken) else { return store.back_up("").map(Some) };
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    let written = [db.as_os_str(), wal.as_os_str()]
        .iter()
        .filter_map(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
        .max()
        .map(|t| chrono::DateTime::<Utc>::from(t).naive_utc());
    // A name is to the second: what was written in the second of the copy
    // itself counts as in it.
    let since = newest + chrono::Duration::seconds(2);
    if written.is_some_and(|w| w > since) { store.back_up("").map(Some) } else { Ok(None) }
}

/// The newest backup of `db` that passes its check (for a file found
/// damaged: its own setting for the folder may be unreadable, so the chosen
/// folder is tried and then `backups/` beside it).
pub fn newest_good(db: &Path) -> Option<Backup> {
    let chosen = Store::open_read_only(db, "check").and_then(|s| s.config("backup.folder")).unwrap_or_default();
    let mut folders = vec![folder(db, &chosen)];
    folders.push(folder(db, ""));
    folders.dedup();
    let mut all: Vec<Backup> = folders.iter().flat_map(|f| list(db, f)).collect();
    all.sort_by_key(|b| std::cmp::Reverse(b.taken));
    all.into_iter().find(|b| Store::check_file(&b.path).is_ok())
}

/// Puts `backup` in the place of the salon's file `db`: the backup is
/// checked first; the file as it is now is kept as a copy
/// ("…-before-restore"); the swap is one rename, the old `-wal` and `-shm`
/// go. Refused while any program has the file open (the desk, the kiosk):
/// a program working on the file would go on writing into the old one.
/// Returns the copy of what was there.
pub fn restore(db: &Path, backup: &Path) -> Result<Option<PathBuf>> {
    Store::check_file(backup)?;
    let folder_of_db = db.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let lock = if db.exists() { Some(alone(db)?) } else { None };
    let kept = match &lock {
        Some(conn) => Some(keep_as_it_is(conn, db)?),
        None => None,
    };
    let name = db.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let incoming = folder_of_db.join(format!(".{name}.restoring"));
    let cannot = |e: std::io::Error| StoreError::io(&incoming, e);
    std::fs::copy(backup, &incoming).map_err(cannot)?;
    flush(&incoming).map_err(cannot)?;
    drop(lock);
    for suffix in ["-wal", "-shm"] {
        let mut side = db.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(side);
    }
    std::fs::rename(&incoming, db).map_err(cannot)?;
    sync_folder(folder_of_db);
    tracing::info!(from = %backup.display(), kept = ?kept, "restored");
    Ok(kept)
}

/// A connection that holds the file alone, or `InUse`.
fn alone(db: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    conn.busy_timeout(std::time::Duration::from_millis(200))?;
    let locked = conn.execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;");
    match locked.map_err(StoreError::from) {
        Ok(()) => Ok(conn),
        Err(StoreError::Busy) => Err(StoreError::InUse(db.to_path_buf())),
        // A damaged file can still be locked and replaced.
        Err(StoreError::Damaged(_)) => Ok(conn),
        Err(e) => Err(e),
    }
}

/// The file as it is, whole (its write-ahead log merged in), as a copy in
/// the backup folder; a damaged file is copied byte for byte.
fn keep_as_it_is(conn: &Connection, db: &Path) -> Result<PathBuf> {
    if let Err(e) = conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)") {
        tracing::warn!(error = %e, "the file's log could not be merged before the restore");
    }
    let chosen = super::config::read(conn, "backup.folder").unwrap_or_default();
    let target = folder(db, &chosen);
    std::fs::create_dir_all(&target).map_err(|e| StoreError::io(&target, e))?;
    let path = target.join(file_name(db, Utc::now().naive_utc(), "before-restore"));
    std::fs::copy(db, &path).map_err(|e| StoreError::io(&path, e))?;
    flush(&path).map_err(|e| StoreError::io(&path, e))?;
    Ok(path)
}

impl Store {
    /// Backs the salon up into its backup folder (`tag` "" for the daily
    /// copy, "manual" for "Back up now"), with the documents it has not yet
    /// copied, then removes the automatic copies the rotation lets go.
    pub fn back_up(&self, tag: &str) -> Result<Backup> {
        let chosen = self.config("backup.folder")?;
        let target = folder(self.path(), &chosen);
        if !chosen.trim().is_empty() && !target.is_dir() {
            return Err(StoreError::BackupFolderMissing(target));
        }
        std::fs::create_dir_all(&target).map_err(|e| StoreError::io(&target, e))?;
        // Two copies in one second (a change right after the daily one) get
        // names a second apart.
        let mut taken = self.now().naive_utc().with_nanosecond(0).unwrap_or_default();
        while target.join(file_name(self.path(), taken, tag)).exists() {
            taken += chrono::Duration::seconds(1);
        }
        let path = target.join(file_name(self.path(), taken, tag));
        let bytes = copy_to(&self.conn, &path)?;
        copy_documents(self.path(), &target)?;
        let removed = rotate(self.path(), &target, taken);
        tracing::info!(file = %path.display(), bytes, removed = removed.len(), "backed up");
        Ok(Backup { path, taken, tag: tag.to_string(), bytes })
    }

    /// A copy to a file of the user's choosing (`salondesk backup --to`).
    pub fn back_up_to(&self, file: &Path) -> Result<u64> {
        copy_to(&self.conn, file)
    }

    /// This salon's backups, newest first.
    pub fn backups(&self) -> Result<Vec<Backup>> {
        Ok(list(self.path(), &folder(self.path(), &self.config("backup.folder")?)))
    }
}

/// The documents (attached files) go with the backups, each copied once:
/// a file already in `backups/documents/` with the same size is not copied
/// again (documents are never changed in place, only added and removed).
fn copy_documents(db: &Path, target: &Path) -> Result<()> {
    let source = db.parent().unwrap_or(Path::new(".")).join("documents");
    copy_tree(&source, &target.join("documents"))
}

fn copy_tree(source: &Path, target: &Path) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(source) else { return Ok(()) };
    for entry in entries.flatten() {
        let from = entry.path();
        let to = target.join(entry.file_name());
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_dir() {
            copy_tree(&from, &to)?;
        } else if std::fs::metadata(&to).map(|m| m.len()).ok() != Some(meta.len()) {
            std::fs::create_dir_all(target).map_err(|e| StoreError::io(target, e))?;
            std::fs::copy(&from, &to).map_err(|e| StoreError::io(&to, e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_of_this_salons_backups_parse() {
        let db = Path::new("/data/salon.sqlite3");
        let taken = NaiveDateTime::parse_from_str("20261202-041500", STAMP).unwrap();
        assert_eq!(file_name(db, taken, ""), "salon-20261202-041500.sqlite3");
        assert_eq!(parse(db, "salon-20261202-041500.sqlite3"), Some((taken, String::new())));
        assert_eq!(parse(db, "salon-20261202-041500-before-v13.sqlite3"), Some((taken, "before-v13".into())));
        for other in [
            "salon.sqlite3",
            "salon-20261202.sqlite3",
            "salon-20261302-041500.sqlite3",
            "other-20261202-041500.sqlite3",
            "salon-20261202-041500.sqlite3.partial",
            ".salon-20261202-041500.sqlite3.partial",
            "salon-20261202-041500-.sqlite3",
            "salon-20261202-041500x.sqlite3",
            "my holiday photos.jpg",
        ] {
            assert_eq!(parse(db, other), None, "{other}");
        }
    }
}
