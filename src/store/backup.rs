//! Copies of the salon's file: made while the desk keeps working (`VACUUM
//! INTO` a hidden temporary name: a consistent snapshot, writers go on),
//! checked (the copy's own quick check and mark), flushed to the disk and
//! only then given their name. Named `salon-20261202-041500.sqlite3` (UTC)
//! in `backups/` beside the file or in the folder the salon chose; only
//! files whose names parse so are ever deleted, and only automatic ones
//! (a copy made before an upgrade or a restore stays until removed by hand).

use super::{Result, Store, StoreError};
use crate::domain::retention;
use chrono::{NaiveDateTime, Utc};
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
        check(&partial)?;
        std::fs::File::open(&partial).and_then(|f| f.sync_all()).map_err(cannot)?;
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

/// A rename is durable once the folder is flushed too (Unix; Windows has no such call).
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Err(e) = std::fs::File::open(folder).and_then(|f| f.sync_all()) {
        tracing::warn!(error = %e, "the backup folder could not be flushed");
    }
    #[cfg(not(unix))]
    let _ = folder;
}

/// Whether `path` is a whole Salondesk database: its mark and SQLite's
/// quick check, read without writing.
pub fn check(path: &Path) -> Result<()> {
    Store::check_file(path)
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
        let taken = self.now().naive_utc();
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
