//! Passwords and keys for the mail server and the SMS gateway are sealed in
//! the file (ChaCha20-Poly1305) with a key kept in a file of its own beside
//! it (`salon.sqlite3.key`), which backups leave out. A copied database —
//! sent to a helper, left on a USB stick — then hands out no password; whoever
//! has the whole folder has both, and that is said plainly in the README.
//!
//! Why not the system's keyring: the kiosk runs in its own locked-down
//! session and `salondesk send` from a timer has no desktop session at all,
//! so a keyring entry of the receptionist's login would be out of their
//! reach; a key file beside the database works for all of them.

use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use rand::RngCore;
use std::io::Write;
use std::path::{Path, PathBuf};

const PREFIX: &str = "sealed:v1:";

/// The key file that belongs to a database file.
pub fn key_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".key");
    db.with_file_name(name)
}

pub fn is_sealed(stored: &str) -> bool {
    stored.starts_with(PREFIX)
}

/// The value as stored: sealed with the file's key (made on first use).
pub fn seal(db: &Path, plain: &str) -> std::io::Result<String> {
    if plain.is_empty() {
        return Ok(String::new());
    }
    let cipher = ChaCha20Poly1305::new(&key_or_new(db)?);
    let mut nonce = [0u8; 12];
    rand::rng().fill_bytes(&mut nonce);
    let sealed = cipher
        .encrypt(Nonce::from_slice(&nonce), plain.as_bytes())
        .map_err(|_| std::io::Error::other("cannot seal"))?;
    let mut bytes = nonce.to_vec();
    bytes.extend(sealed);
    Ok(format!("{PREFIX}{}", base64(&bytes)))
}

/// Why a sealed value could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// The key file is not beside the database (a copied file).
    NoKey,
    /// The key file is not the one it was sealed with.
    WrongKey,
}

/// The plain value; a value stored before sealing existed is returned as is.
pub fn unseal(db: &Path, stored: &str) -> Result<String, Unreadable> {
    let Some(text) = stored.strip_prefix(PREFIX) else { return Ok(stored.to_string()) };
    let key = read_key(db).ok_or(Unreadable::NoKey)?;
    let bytes = unbase64(text).ok_or(Unreadable::WrongKey)?;
    if bytes.len() < 12 {
        return Err(Unreadable::WrongKey);
    }
    let (nonce, sealed) = bytes.split_at(12);
    let plain =
        ChaCha20Poly1305::new(&key).decrypt(Nonce::from_slice(nonce), sealed).map_err(|_| Unreadable::WrongKey)?;
    String::from_utf8(plain).map_err(|_| Unreadable::WrongKey)
}

fn read_key(db: &Path) -> Option<Key> {
    let bytes = std::fs::read(key_path(db)).ok()?;
    (bytes.len() == 32).then(|| *Key::from_slice(&bytes))
}

/// The key, made when there is none: written whole to a temporary file and
/// linked into place only if no other program made one meanwhile (two
/// processes never seal with two different keys).
fn key_or_new(db: &Path) -> std::io::Result<Key> {
    if let Some(key) = read_key(db) {
        return Ok(key);
    }
    let path = key_path(db);
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut fresh = [0u8; 32];
    rand::rng().fill_bytes(&mut fresh);
    let mut temp = tempfile::Builder::new().prefix(".salondesk-key").tempfile_in(folder)?;
    temp.write_all(&fresh)?;
    temp.as_file().sync_all()?;
    match temp.persist_noclobber(&path) {
        Ok(_) => Ok(*Key::from_slice(&fresh)),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
            read_key(db).ok_or_else(|| std::io::Error::other("the key file is damaged"))
        }
        Err(e) => Err(e.error),
    }
}

fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD_NO_PAD.encode(bytes)
}

fn unbase64(text: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD_NO_PAD.decode(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_value_reads_back_only_with_its_key_file() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("salon.sqlite3");
        let sealed = seal(&db, "hunter2").unwrap();
        assert!(is_sealed(&sealed) && !sealed.contains("hunter2"));
        assert_ne!(seal(&db, "hunter2").unwrap(), sealed, "a fresh nonce each time");
        assert_eq!(unseal(&db, &sealed), Ok("hunter2".to_string()));
        assert_eq!(unseal(&db, "plain from before"), Ok("plain from before".to_string()));

        // The database copied elsewhere, without the key file.
        let other = dir.path().join("copy.sqlite3");
        assert_eq!(unseal(&other, &sealed), Err(Unreadable::NoKey));
        // A key file of another salon.
        seal(&other, "x").unwrap();
        assert_eq!(unseal(&other, &sealed), Err(Unreadable::WrongKey));
    }

    #[test]
    fn nothing_to_seal_makes_no_key_file() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("salon.sqlite3");
        assert_eq!(seal(&db, "").unwrap(), "");
        assert!(!key_path(&db).exists());
    }
}
