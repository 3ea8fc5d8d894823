//! Which file is the salon's, and how it is opened: created only where there
//! is none (the desk's very first start, `demo`), opened for work only when
//! it is a Salondesk database (its mark in the header, or the tables of one
//! made before the mark), and opened by commands that only read without
//! writing a byte — no folder, no log, no `-wal`, no schema change.

use super::{Result, SCHEMA_VERSION, Store, StoreError, migrations};
use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Salondesk's mark in the file's header (`PRAGMA application_id`): "SDSK".
pub const APPLICATION_ID: i32 = 0x5344_534B;

/// A Salondesk database found at a path, read without writing.
struct Ours {
    version: i64,
    /// Made before the mark existed: it is given the mark when opened for work.
    marked: bool,
}

/// What is at `path`: nothing (`None`), or a Salondesk database; anything
/// else — an empty file, another program's database, not a database at all,
/// one of a newer version — is refused and left as it is.
fn recognise(path: &Path) -> Result<Option<Ours>> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::CannotOpen { path: path.to_path_buf(), cause: e.to_string() }),
    };
    if meta.len() == 0 || meta.is_dir() {
        return Err(StoreError::NotSalondesk(path.to_path_buf()));
    }
    let conn = untouched(path)?;
    let header = |pragma: &str| conn.query_row(pragma, [], |r| r.get::<_, i64>(0)).map_err(StoreError::from);
    let version = header("PRAGMA user_version")?;
    let mark = header("PRAGMA application_id")?;
    let has = |table: &str| -> Result<bool> {
        let found =
            conn.query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1", [table], |r| {
                r.get::<_, i64>(0)
            })?;
        Ok(found > 0)
    };
    let ours = mark == APPLICATION_ID as i64
        || (mark == 0 && version >= 1 && has("salon")? && has("appointments")? && has("customers")?);
    if !ours {
        return Err(StoreError::NotSalondesk(path.to_path_buf()));
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::NewerVersion { found: version, supported: SCHEMA_VERSION });
    }
    Ok(Some(Ours { version, marked: mark != 0 }))
}

/// A connection that cannot change the file. When no program has the file
/// open (no `-wal` beside it) it is read as immutable, so that SQLite makes
/// no `-wal` or `-shm` of its own either; otherwise read-only beside the
/// writers, through their write-ahead log.
pub(super) fn untouched(path: &Path) -> Result<Connection> {
    let cannot = |e: rusqlite::Error| match StoreError::from(e) {
        StoreError::Sql(cause) => StoreError::CannotOpen { path: path.to_path_buf(), cause },
        other => other,
    };
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    let conn = if Path::new(&wal).exists() {
        Connection::open_with_flags(path, flags - OpenFlags::SQLITE_OPEN_URI).map_err(cannot)?
    } else {
        Connection::open_with_flags(format!("{}?immutable=1", file_uri(path)), flags).map_err(cannot)?
    };
    conn.busy_timeout(Duration::from_secs(5))?;
    Ok(conn)
}

/// `path` as an SQLite URI ("file:/salon/my%20salon.sqlite3").
fn file_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let text = absolute.to_string_lossy().replace('\\', "/");
    let mut uri = String::from(if text.starts_with('/') { "file:" } else { "file:///" });
    for c in text.chars() {
        match c {
            '%' | '?' | '#' | ' ' => uri.push_str(&format!("%{:02X}", c as u32)),
            c => uri.push(c),
        }
    }
    uri
}

fn configure(conn: &Connection, path: &Path) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    let mode: String =
        conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).map_err(|e| match StoreError::from(e) {
            StoreError::ReadOnly(_) => StoreError::ReadOnly(path.to_path_buf()),
            other => other,
        })?;
    if !mode.eq_ignore_ascii_case("wal") {
        tracing::warn!(mode, "WAL mode not available");
    }
    // Memory-mapped reads: the calendar touches pages all over a large file,
    // and mapped pages cost no system call. Writes still go through WAL.
    conn.execute_batch(
        "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;
         PRAGMA mmap_size = 268435456; PRAGMA cache_size = -16384;",
    )?;
    Ok(())
}

fn writable(path: &Path, create: bool) -> Result<Connection> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let conn = Connection::open_with_flags(path, flags).map_err(|e| match StoreError::from(e) {
        StoreError::Sql(cause) => StoreError::CannotOpen { path: path.to_path_buf(), cause },
        other => other,
    })?;
    if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
        return Err(StoreError::ReadOnly(path.to_path_buf()));
    }
    Ok(conn)
}

impl Store {
    /// Opens the salon's file for work, upgrading it to this version's
    /// schema after a copy into `backups/`. Refuses — untouched — a missing
    /// file, an empty one, another program's database, a damaged, read-only
    /// or newer one.
    pub fn open(path: &Path, actor: &str) -> Result<Store> {
        let ours = recognise(path)?.ok_or_else(|| StoreError::Missing(path.to_path_buf()))?;
        let mut conn = writable(path, false)?;
        configure(&conn, path)?;
        if ours.version < SCHEMA_VERSION {
            let copy = super::backup::before_upgrade(&conn, path)?;
            tracing::info!(from = ours.version, to = SCHEMA_VERSION, copy = %copy.display(), "upgrading the file");
            migrations().to_latest(&mut conn)?;
        }
        if !ours.marked {
            conn.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}"))?;
        }
        let mut store = Store::on(conn, path, actor)?;
        store.judge_reach()?;
        Ok(store)
    }

    /// Makes a new salon file (and its folder); refuses where one exists.
    pub fn create(path: &Path, actor: &str) -> Result<Store> {
        if path.exists() {
            return Err(StoreError::AlreadyExists(path.to_path_buf()));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| StoreError::CannotOpen { path: path.to_path_buf(), cause: e.to_string() })?;
        }
        let mut conn = writable(path, true)?;
        configure(&conn, path)?;
        conn.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}"))?;
        migrations().to_latest(&mut conn)?;
        Store::on(conn, path, actor)
    }

    /// Whether `path` holds a Salondesk database (of any version it knows).
    pub fn is_salondesk(path: &Path) -> bool {
        recognise(path).is_ok_and(|found| found.is_some())
    }

    /// For commands that only read (`check`, `report`, `config get`): the
    /// file is never written, nor anything made beside it. A file of an
    /// earlier version is not upgraded here: the desk does that.
    pub fn open_read_only(path: &Path, actor: &str) -> Result<Store> {
        let ours = recognise(path)?.ok_or_else(|| StoreError::Missing(path.to_path_buf()))?;
        if ours.version < SCHEMA_VERSION {
            return Err(StoreError::OlderVersion { found: ours.version, supported: SCHEMA_VERSION });
        }
        let conn = untouched(path)?;
        conn.execute_batch("PRAGMA query_only = ON; PRAGMA mmap_size = 268435456;")?;
        Store::on(conn, path, actor)
    }

    /// SQLite's quick check of the file at `path`, on a connection of its
    /// own that writes nothing: the desk keeps working meanwhile. A file of an
    /// earlier version (a backup) is checked as it is.
    pub fn check_file(path: &Path) -> Result<()> {
        recognise(path)?.ok_or_else(|| StoreError::Missing(path.to_path_buf()))?;
        super::quick_check(&untouched(path)?)
    }

    fn on(conn: Connection, path: &Path, actor: &str) -> Result<Store> {
        let emptying = Arc::new(AtomicBool::new(false));
        let answer = emptying.clone();
        // Called by the trigger that refuses deleting appointments; only
        // Salondesk's own connections know it (another program's delete fails).
        conn.create_scalar_function(
            "salondesk_emptying",
            0,
            FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_INNOCUOUS,
            move |_| Ok(answer.load(Ordering::SeqCst)),
        )?;
        Ok(Store { conn, path: PathBuf::from(path), actor: actor.to_string(), fixed_now: None, emptying })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uris_that_sqlite_reads_back() {
        assert_eq!(file_uri(Path::new("/a b/salon#1?.sqlite3")), "file:/a%20b/salon%231%3F.sqlite3");
        assert_eq!(file_uri(Path::new("/x/100%.db")), "file:/x/100%25.db");
    }
}
