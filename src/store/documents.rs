//! Documents on the customer card: copied into `documents/` beside the
//! salon's file (never only linked), listed, opened, removed.

use super::{Result, Store, StoreError, now_unix};
use crate::domain::clock::Instant;
use chrono::DateTime;
use rusqlite::params;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub id: i64,
    pub customer_id: i64,
    pub name: String,
    pub size: u64,
    pub added_at: Instant,
    /// The copy in the salon's folder.
    pub path: PathBuf,
}

impl Store {
    fn documents_folder(&self) -> PathBuf {
        self.path.parent().unwrap_or(Path::new(".")).join("documents")
    }

    /// Copies `source` into the salon's folder and lists it on the card.
    /// A missing or unreadable file is refused with its name; nothing is half-saved.
    pub fn attach_document(&mut self, customer_id: i64, source: &Path) -> Result<Document> {
        let cannot = |e: std::io::Error| StoreError::CannotOpen { path: source.to_path_buf(), cause: e.to_string() };
        let meta = std::fs::metadata(source).map_err(cannot)?;
        if !meta.is_file() {
            return Err(StoreError::CannotOpen { path: source.to_path_buf(), cause: "not a file".into() });
        }
        let name = source.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "document".into());
        let folder = self.documents_folder().join(customer_id.to_string());
        std::fs::create_dir_all(&folder).map_err(cannot)?;
        // A unique name in the folder: "<time>-<name>".
        let stored = format!("{}-{}", now_unix(), name.replace(['/', '\\'], "_"));
        let mut target = folder.join(&stored);
        let mut n = 1;
        while target.exists() {
            target = folder.join(format!("{n}-{stored}"));
            n += 1;
        }
        std::fs::copy(source, &target).map_err(cannot)?;
        let relative =
            target.strip_prefix(self.path.parent().unwrap_or(Path::new("."))).unwrap_or(&target).to_path_buf();
        let inserted = self.conn.execute(
            "INSERT INTO documents (customer_id, name, stored_as, size, added_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![customer_id, name, relative.to_string_lossy(), meta.len() as i64, now_unix()],
        );
        if let Err(e) = inserted {
            // The copy is only kept when the card lists it.
            let _ = std::fs::remove_file(&target);
            return Err(e.into());
        }
        let id = self.conn.last_insert_rowid();
        self.documents(customer_id)?.into_iter().find(|d| d.id == id).ok_or(StoreError::NotFound)
    }

    pub fn documents(&self, customer_id: i64) -> Result<Vec<Document>> {
        let base = self.path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, customer_id, name, stored_as, size, added_at FROM documents WHERE customer_id = ?1 ORDER BY added_at DESC, id DESC",
        )?;
        let rows = stmt.query_map([customer_id], |r| {
            Ok(Document {
                id: r.get(0)?,
                customer_id: r.get(1)?,
                name: r.get(2)?,
                path: base.join(r.get::<_, String>(3)?),
                size: r.get::<_, i64>(4)? as u64,
                added_at: DateTime::from_timestamp(r.get(5)?, 0).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Takes a document off the card and deletes the salon's copy.
    pub fn remove_document(&mut self, id: i64) -> Result<()> {
        let stored: String =
            self.conn.query_row("SELECT stored_as FROM documents WHERE id = ?1", [id], |r| r.get(0))?;
        self.conn.execute("DELETE FROM documents WHERE id = ?1", [id])?;
        let path = self.path.parent().unwrap_or(Path::new(".")).join(stored);
        if let Err(e) = std::fs::remove_file(&path) {
            // Already gone is what we wanted; anything else is logged, the card is right either way.
            if e.kind() != std::io::ErrorKind::NotFound {
                tracing::warn!(path = %path.display(), error = %e, "could not delete a removed document's copy");
            }
        }
        Ok(())
    }
}
