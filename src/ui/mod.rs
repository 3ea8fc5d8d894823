//! The iced desk: `app` (top level), `screen`s, `widget`s, theme and
//! translations. `run` opens the salon's file and shows the window.

pub mod app;
mod chrome;
pub mod context;
mod desk;
pub mod i18n;
pub mod kiosk;
pub mod runtime;
pub mod screen;
pub mod screenshots;
pub mod system;
pub mod theme;
pub mod widget;
pub mod words;
mod workers;

use crate::demo::{self, DemoPlan};
use crate::domain::Language;
use crate::store::Store;
use app::{App, Message};
use runtime::Effect;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Why a window (the desk, the kiosk) or the screenshots could not be made.
#[derive(Debug, thiserror::Error)]
pub enum UiError {
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("the window could not be opened: {0}")]
    Window(#[from] iced::Error),
    #[error("{path}: {source}")]
    File {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot draw {name}: {detail}")]
    Render { name: String, detail: String },
    #[error(
        "the kiosk needs a staff PIN of 6 to 12 digits first (Settings › Kiosk, or: salondesk config set kiosk.pin NNNNNN)"
    )]
    NoKioskPin,
}

/// Fira Sans, bundled by iced's `fira-sans` feature: the reception PC may
/// have no fonts at all. Covers every letter of en/de/nl/nb.
pub const FONT: iced::Font = iced::Font::with_name("Fira Sans");

/// The language of the person at the computer, from the environment.
pub fn system_language() -> Option<Language> {
    ["LC_ALL", "LC_MESSAGES", "LANG"].iter().filter_map(|v| std::env::var(v).ok()).find_map(|v| Language::parse(&v))
}

/// What every Salondesk window says of itself to the system: on Linux the
/// application id of its `.desktop` files (Wayland's app id, X11's class),
/// so that the dock shows it under Salondesk's icon.
pub fn platform_window() -> iced::window::settings::PlatformSpecific {
    #[cfg(target_os = "linux")]
    {
        iced::window::settings::PlatformSpecific {
            application_id: "app.salondesk.Salondesk".into(),
            ..Default::default()
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        iced::window::settings::PlatformSpecific::default()
    }
}

/// Opens the desk on `path`. The very first start (no file yet) creates a
/// small demo salon so that there is something to see; it is marked as demo
/// data and can be emptied with one click.
pub fn run(path: PathBuf, lang: Option<Language>) -> Result<(), UiError> {
    let today = chrono::Local::now().date_naive();
    let plan = DemoPlan {
        now: Some(chrono::Utc::now()),
        ..DemoPlan::small(today, lang.or_else(system_language).unwrap_or_default())
    };
    let opened = (|| -> Result<Store, crate::store::StoreError> {
        if !path.exists() {
            demo::write_new(&path, &plan)?;
            tracing::info!(path = %path.display(), "created the demo salon");
        }
        let mut store = Store::open(&path, "desk")?;
        // A Salondesk file without a salon in it: the demo goes in.
        if !store.is_set_up()? {
            demo::generate(&mut store, &plan)?;
        }
        store.seal_stored_secrets()?;
        Ok(store)
    })();
    let (db, opened) = match opened {
        Ok(store) => (Some(Arc::new(Mutex::new(store))), Ok(())),
        Err(e) => {
            tracing::error!(error = %e, path = %path.display(), "cannot use the salon's file");
            (None, Err(e))
        }
    };
    desk::run(path, db, opened, lang.or_else(system_language))?;
    Ok(())
}

/// Runs what `update` asked for right here, feeding every answer back, until
/// nothing is left: how tests and the screenshot renderer drive the desk.
pub fn drive(app: &mut App, store: &mut Store, effect: Effect<Message>) {
    runtime::drive(store, effect, &mut |m| app.update(m));
}

/// Sends one message and runs everything that follows from it.
pub fn send(app: &mut App, store: &mut Store, message: Message) {
    let effect = app.update(message);
    drive(app, store, effect);
}
