//! Erasing a customer (GDPR art. 17; SPEC §2): the card becomes an
//! anonymous row, so that appointments, no-shows, fees, revenue, reports and
//! the checkout records the law makes the salon keep stay counted — the
//! records of an erased customer are *restricted* (kept, shown to nobody by
//! name). Name, phone, e-mail, birthday and notes are gone, documents are
//! deleted from disk, messages lose their text and recipient; the search
//! index, the kiosk, newsletters and the blocklist never find them again,
//! while a blocked number stays blocked as a salted hash that shows nobody
//! whose it was. With `secure_delete` on and the search index merged, the
//! file itself holds none of it afterwards; the erasure log (id and time
//! only, in the file and beside it) applies it again after a restore of an
//! older backup.

use super::kiosk::salon_e164;
use super::{Result, Store, StoreError};
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// What an erasure did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Erased {
    pub customer_id: i64,
    pub documents_deleted: usize,
    pub messages_blanked: usize,
}

/// The file beside the salon's that lists every erasure ("id,unix time"):
/// a backup restored from before an erasure gets it applied again.
pub fn log_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".erasures");
    PathBuf::from(name)
}

/// A blocked value as kept once its customer is erased: salted, so that the
/// kiosk still refuses it while the file does not say whose it was.
pub(crate) fn hidden(salt: &str, kind: &str, value: &str) -> String {
    let digest = Sha256::digest(format!("{salt}\u{0}{kind}\u{0}{value}").as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("hidden:{hex}")
}

/// The file's salt, if one was made (no hidden value exists without it).
pub(crate) fn salt_if_any(conn: &Connection) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM settings WHERE key = 'privacy.salt'", [], |r| r.get(0)).optional()?)
}

/// The file's own salt for hidden blocked values (made once).
pub(crate) fn salt(conn: &Connection) -> Result<String> {
    let known: Option<String> =
        conn.query_row("SELECT value FROM settings WHERE key = 'privacy.salt'", [], |r| r.get(0)).optional()?;
    if let Some(salt) = known {
        return Ok(salt);
    }
    let salt: String = conn.query_row("SELECT lower(hex(randomblob(16)))", [], |r| r.get(0))?;
    conn.execute("INSERT INTO settings (key, value) VALUES ('privacy.salt', ?1)", [&salt])?;
    Ok(salt)
}

impl Store {
    /// Erases customer `id` (see the module). Refused for one already erased.
    pub fn erase_customer(&mut self, id: i64) -> Result<Erased> {
        self.erase(id, true)
    }

    fn erase(&mut self, id: i64, log: bool) -> Result<Erased> {
        let c = self.customer(id)?;
        let already: bool =
            self.conn.query_row("SELECT erased_at IS NOT NULL FROM customers WHERE id = ?1", [id], |r| r.get(0))?;
        if already {
            return Err(StoreError::NotFound);
        }
        let now = self.now().timestamp();
        let documents = self.documents(id)?;
        let records: Vec<i64> = self.checkouts_of(id)?.into_iter().map(|r| r.number).collect();
        let e164 = (!c.phone.trim().is_empty()).then(|| salon_e164(&self.conn, &c.phone).ok()).flatten();
        let email = c.email.trim().to_lowercase();
        // Deleted content is overwritten in the file, not only unlinked.
        self.conn.execute_batch("PRAGMA secure_delete = ON")?;
        let done = self.atomically(|s| {
            let conn = &s.conn;
            let salt = salt(conn)?;
            let mut addresses: Vec<String> = vec![c.phone.trim().to_string()];
            addresses.extend(e164.clone());
            if !email.is_empty() {
                addresses.push(email.clone());
                addresses.push(c.email.trim().to_string());
            }
            addresses.retain(|a| !a.is_empty());
            for a in &addresses {
                for kind in ["phone", "email"] {
                    conn.execute(
                        "UPDATE blocklist SET value = ?3, reason = '' WHERE kind = ?1 AND value = ?2",
                        params![kind, a, hidden(&salt, kind, a)],
                    )?;
                }
                conn.execute("DELETE FROM kiosk_codes WHERE phone = ?1", [a])?;
                conn.execute(
                    "UPDATE kiosk_refusals SET phone = '', email = '' WHERE phone = ?1 OR lower(email) = lower(?1)",
                    [a],
                )?;
            }
            // The kiosk's codes went to the number without naming the card.
            let mut blanked = 0;
            for a in &addresses {
                blanked += conn.execute(
                    "UPDATE outbox SET recipient = 'erased', subject = '', body = '', ics = NULL, about = '',
                            state = CASE WHEN state IN ('queued', 'failed', 'sending') THEN 'cancelled' ELSE state END,
                            next_at = CASE WHEN state IN ('queued', 'failed', 'sending') THEN NULL ELSE next_at END
                     WHERE customer_id IS NULL AND recipient = ?1",
                    [a],
                )?;
            }
            blanked += conn.execute(
                "UPDATE outbox SET recipient = 'erased', subject = '', body = '', ics = NULL, about = '',
                        state = CASE WHEN state IN ('queued', 'failed', 'sending') THEN 'cancelled' ELSE state END,
                        next_at = CASE WHEN state IN ('queued', 'failed', 'sending') THEN NULL ELSE next_at END,
                        last_error = CASE WHEN state IN ('queued', 'failed', 'sending') THEN 'erased' ELSE last_error END
                 WHERE customer_id = ?1",
                [id],
            )?;
            conn.execute("DELETE FROM documents WHERE customer_id = ?1", [id])?;
            conn.execute("DELETE FROM customer_phone_keys WHERE customer_id = ?1", [id])?;
            conn.execute("UPDATE appointments SET walk_in_name = '' WHERE customer_id = ?1", [id])?;
            conn.execute(
                "UPDATE kiosk_kept_apart SET phone = '', email = ''
                 WHERE appointment_id IN (SELECT id FROM appointments WHERE customer_id = ?1)",
                [id],
            )?;
            conn.execute(
                "UPDATE customers SET first_name = '—', last_name = '', phone = '', email = '', birthday = NULL,
                        notes = '', marketing = 'objected', preferred_staff_id = NULL, search_name = '',
                        search_phone = '', unsubscribe_token = NULL, erased_at = ?2
                 WHERE id = ?1",
                params![id, now],
            )?;
            conn.execute("INSERT OR REPLACE INTO erasures (customer_id, erased_at) VALUES (?1, ?2)", params![id, now])?;
            Ok(blanked)
        });
        let blanked = match done {
            Ok(n) => n,
            Err(e) => {
                let _ = self.conn.execute_batch("PRAGMA secure_delete = OFF");
                return Err(e);
            }
        };
        // The search index's old segments still hold the name until merged;
        // then the write-ahead log is emptied into the file.
        self.conn.execute_batch(
            "INSERT INTO customer_search(customer_search) VALUES ('optimize');
             PRAGMA wal_checkpoint(TRUNCATE);
             PRAGMA secure_delete = OFF;",
        )?;
        for d in &documents {
            if let Err(e) = std::fs::remove_file(&d.path) {
                tracing::warn!(document = d.id, error = %e, "an erased customer's document could not be deleted");
            }
        }
        if let Some(folder) = documents.first().and_then(|d| d.path.parent()) {
            let _ = std::fs::remove_dir(folder);
        }
        remove_pages(&self.path, id, &records);
        if log {
            append_log(&self.path, id, now);
        }
        tracing::info!(customer = id, "customer erased");
        Ok(Erased { customer_id: id, documents_deleted: documents.len(), messages_blanked: blanked })
    }

    /// Applies the erasure log beside the file again (after a restore of an
    /// older backup): every customer listed and not yet erased is. How many.
    pub fn apply_erasure_log(&mut self) -> Result<usize> {
        let Ok(text) = std::fs::read_to_string(log_path(&self.path)) else { return Ok(0) };
        let mut applied = 0;
        for id in text.lines().filter_map(|l| l.split(',').next()?.trim().parse::<i64>().ok()) {
            let pending: bool = self
                .conn
                .query_row("SELECT erased_at IS NULL FROM customers WHERE id = ?1", [id], |r| r.get(0))
                .optional()?
                .unwrap_or(false);
            if pending {
                self.erase(id, false)?;
                applied += 1;
            }
        }
        Ok(applied)
    }
}

/// The pages the desk wrote with the customer's name on them: the printed
/// summaries of their records and their data exports.
fn remove_pages(db: &Path, id: i64, records: &[i64]) {
    let beside = db.parent().unwrap_or(Path::new("."));
    for number in records {
        let _ = std::fs::remove_file(beside.join("prints").join(format!("receipt-{number}.pdf")));
    }
    let exports = crate::export::exports_folder(db);
    let prefix = format!("customer-{id}-");
    if let Ok(entries) = std::fs::read_dir(&exports) {
        for entry in entries.flatten().filter(|e| e.file_name().to_string_lossy().starts_with(&prefix)) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn append_log(db: &Path, id: i64, at: i64) {
    use std::io::Write;
    let path = log_path(db);
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut f| writeln!(f, "{id},{at}").and_then(|()| f.sync_all()));
    if let Err(e) = written {
        tracing::warn!(path = %path.display(), error = %e, "the erasure log could not be written");
    }
}

#[cfg(test)]
mod tests {
    use super::hidden;

    #[test]
    fn a_hidden_value_is_the_same_for_the_same_salt_and_says_nothing_of_the_number() {
        let a = hidden("s1", "phone", "+4915123456789");
        assert_eq!(a, hidden("s1", "phone", "+4915123456789"));
        assert_ne!(a, hidden("s2", "phone", "+4915123456789"), "another file, another salt");
        assert!(!a.contains("4915123456789") && a.starts_with("hidden:"));
    }
}
