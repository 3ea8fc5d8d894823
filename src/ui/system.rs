//! What the desk asks of the operating system: opening a `tel:`/`sip:` link
//! or a document with the system's own program, and starting the kiosk.

use super::context::Problem;
use std::path::{Path, PathBuf};

/// Who opens links for the desk: the operating system, or (tests, kiosks with
/// their own telephony) a program given the link as its one argument.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Opener {
    #[default]
    System,
    Program(PathBuf),
}

impl Opener {
    /// Opens `uri`; `key` is the text that says what failed (a call, a file),
    /// with the launcher's own words only as the detail.
    pub fn open(&self, uri: &str, key: &'static str) -> Result<(), Problem> {
        let failed = |cause: String| Problem::System { key, cause: cause.into() };
        match self {
            Opener::System => open::that_detached(uri).map_err(|e| failed(e.to_string())),
            Opener::Program(program) => match std::process::Command::new(program).arg(uri).status() {
                Ok(s) if s.success() => Ok(()),
                Ok(s) => Err(failed(format!("{} exited with {s}", program.display()))),
                Err(e) => Err(failed(format!("{}: {e}", program.display()))),
            },
        }
    }
}

/// Starts `salondesk kiosk` on the same file, a second process; the window
/// manager places it (full screen on the screen it opens on).
pub fn open_kiosk(file: &Path) -> Result<(), Problem> {
    let failed = |e: std::io::Error| Problem::System { key: "error-kiosk-start", cause: e.to_string().into() };
    let program = std::env::current_exe().map_err(failed)?;
    std::process::Command::new(program).arg("--db").arg(file).arg("kiosk").spawn().map(|_| ()).map_err(failed)
}

/// Starts `salondesk restore BACKUP --then-desk` on the salon's file: a new
/// process that waits for this desk to close, restores, and opens the desk.
pub fn restore_and_restart(file: &Path, backup: &Path) -> Result<(), Problem> {
    let failed = |e: std::io::Error| Problem::System { key: "error-restore-start", cause: e.to_string().into() };
    let program = std::env::current_exe().map_err(failed)?;
    std::process::Command::new(program)
        .arg("--db")
        .arg(file)
        .arg("restore")
        .arg(backup)
        .arg("--then-desk")
        .spawn()
        .map(|_| ())
        .map_err(failed)
}
