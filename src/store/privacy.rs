//! The customer's right to their data (GDPR art. 15 and 20; seed 001: "das
//! Recht, alle Daten abzufragen … Dazu gehört auch der eigene Kundenstatus"):
//! everything the file holds about one customer as one JSON file, every row
//! of every table that names them (so nothing is forgotten when a table is
//! added: the test counts them), and their documents in a zip beside it.
//!
//! Format `salondesk-customer-export`, version 1: an object with `format`,
//! `version`, `exported_at` (RFC 3339), `salon`, `customer` (the card, with
//! `status` by name), and one array per table, each row an object of its
//! columns (times as Unix seconds, amounts in cents): `status_history`,
//! `consent_history`, `appointments`, `no_show_fees`, `terms_accepted`,
//! `checkout_records` (with `lines` and `payments`), `points`, `vouchers`,
//! `referred_by`, `referrals`, `messages`, `newsletters_left_out`,
//! `documents` (with `file`: its name inside the zip).

use super::{Result, Store, StoreError};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, params};
use serde_json::{Map, Value, json};
use std::path::{Path, PathBuf};

pub const FORMAT: &str = "salondesk-customer-export";
pub const VERSION: u32 = 1;

/// Columns that are the program's own workings, not the customer's data.
const INTERNAL: [&str; 2] = ["search_name", "search_phone"];

/// The rows `sql` finds for `id`, each as an object of its columns.
fn rows(conn: &Connection, sql: &str, id: i64) -> Result<Vec<Value>> {
    let mut stmt = conn.prepare(sql)?;
    let names: Vec<String> = stmt.column_names().into_iter().map(String::from).collect();
    let mut rows = stmt.query(params![id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let mut row = Map::new();
        for (i, name) in names.iter().enumerate().filter(|(_, n)| !INTERNAL.contains(&n.as_str())) {
            let value = match r.get_ref(i)? {
                ValueRef::Null => Value::Null,
                ValueRef::Integer(n) => json!(n),
                ValueRef::Real(f) => json!(f),
                ValueRef::Text(t) => json!(String::from_utf8_lossy(t)),
                ValueRef::Blob(b) => json!(format!("{} bytes", b.len())),
            };
            row.insert(name.clone(), value);
        }
        out.push(Value::Object(row));
    }
    Ok(out)
}

/// Where the export of `id` goes and what it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub json: PathBuf,
    /// The documents' zip (`None`: the customer has no documents).
    pub zip: Option<PathBuf>,
    pub documents: usize,
}

impl Store {
    /// Everything the file holds about customer `id`, as the export's JSON.
    pub fn customer_data(&self, id: i64) -> Result<Value> {
        let c = &self.conn;
        let card = rows(c, "SELECT * FROM customers WHERE id = ?1", id)?.pop().ok_or(StoreError::NotFound)?;
        let status: Option<String> = c
            .query_row(
                "SELECT s.name FROM customers c JOIN customer_statuses s ON s.id = c.status_id WHERE c.id = ?1",
                [id],
                |r| r.get(0),
            )
            .ok();
        let mut customer = card;
        customer["status"] = json!(status);
        let mut records = rows(c, "SELECT * FROM checkouts WHERE customer_id = ?1 ORDER BY number", id)?;
        for record in &mut records {
            let record_id = record["id"].as_i64().unwrap_or_default();
            record["lines"] =
                json!(rows(c, "SELECT * FROM checkout_lines WHERE checkout_id = ?1 ORDER BY position", record_id)?);
            record["payments"] =
                json!(rows(c, "SELECT * FROM checkout_payments WHERE checkout_id = ?1 ORDER BY position", record_id)?);
        }
        let mut documents = rows(c, "SELECT id, name, size, added_at FROM documents WHERE customer_id = ?1", id)?;
        for d in &mut documents {
            let name = d["name"].as_str().unwrap_or_default().to_string();
            d["file"] = json!(format!("{}-{name}", d["id"]));
        }
        let salon: String = c.query_row("SELECT name FROM salon WHERE id = 1", [], |r| r.get(0)).unwrap_or_default();
        let by = |table: &str, order: &str| format!("SELECT * FROM {table} WHERE customer_id = ?1 ORDER BY {order}");
        Ok(json!({
            "format": FORMAT,
            "version": VERSION,
            "exported_at": self.now().to_rfc3339(),
            "salon": salon,
            "customer": customer,
            "status_history": rows(c, &by("customer_status_history", "id"), id)?,
            "consent_history": rows(c, &by("consent_changes", "id"), id)?,
            "appointments": rows(c, &by("appointments", "starts_at"), id)?,
            "no_show_fees": rows(c, &by("no_show_fees", "id"), id)?,
            "terms_accepted": rows(c, &by("terms_acceptances", "id"), id)?,
            "checkout_records": records,
            "points": rows(c, &by("points", "id"), id)?,
            "vouchers": rows(c, &by("vouchers", "id"), id)?,
            "referred_by": rows(c, "SELECT referred_by AS customer_id FROM customers WHERE id = ?1 AND referred_by IS NOT NULL", id)?,
            "referrals": rows(
                c,
                "SELECT c.id AS referred_id, w.points, w.created_at AS rewarded_at FROM customers c
                 LEFT JOIN referral_rewards w ON w.referred_id = c.id WHERE c.referred_by = ?1 ORDER BY c.id",
                id
            )?,
            "messages": rows(
                c,
                "SELECT id, kind, channel, recipient, subject, body, state, due_at, sent_at, attempts, last_error
                 FROM outbox WHERE customer_id = ?1 ORDER BY id",
                id
            )?,
            "newsletters_left_out": rows(c, &by("newsletter_skips", "newsletter_id"), id)?,
            "documents": documents,
        }))
    }

    /// Writes the export of customer `id` to `json` (whole or not at all),
    /// and their documents into a zip beside it (`….documents.zip`).
    pub fn export_customer(&self, id: i64, json: &Path) -> Result<Exported> {
        let data = self.customer_data(id)?;
        let cannot = |path: &Path| {
            let path = path.to_path_buf();
            move |e: std::io::Error| StoreError::CannotOpen { path: path.clone(), cause: e.to_string() }
        };
        let text = serde_json::to_string_pretty(&data).map_err(|e| cannot(json)(std::io::Error::other(e)))?;
        write_whole(json, text.as_bytes()).map_err(cannot(json))?;
        let documents = self.documents(id)?;
        if documents.is_empty() {
            return Ok(Exported { json: json.to_path_buf(), zip: None, documents: 0 });
        }
        let zip = json.with_extension("documents.zip");
        let part = zip.with_extension("zip.part");
        let written = (|| -> std::io::Result<()> {
            let mut out = zip::ZipWriter::new(std::fs::File::create(&part)?);
            let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
            for d in &documents {
                out.start_file(format!("{}-{}", d.id, d.name), options).map_err(std::io::Error::other)?;
                std::io::copy(&mut std::fs::File::open(&d.path)?, &mut out)?;
            }
            out.finish().map_err(std::io::Error::other)?.sync_all()?;
            std::fs::rename(&part, &zip)
        })();
        if let Err(e) = written {
            let _ = std::fs::remove_file(&part);
            return Err(cannot(&zip)(e));
        }
        Ok(Exported { json: json.to_path_buf(), zip: Some(zip), documents: documents.len() })
    }
}

/// `bytes` into `path` through a temporary name beside it: a half-written
/// export never lies there under the real name.
fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let part = path.with_extension("part");
    let done = std::fs::write(&part, bytes).and_then(|()| std::fs::rename(&part, path));
    if done.is_err() {
        let _ = std::fs::remove_file(&part);
    }
    done
}
