//! Running the desk: the iced application around `App`; its effects become
//! iced tasks (store jobs on a blocking thread), its workers subscriptions.

use super::app::{App, Message};
use super::runtime::{self, Effect};
use super::theme;
use crate::domain::Language;
use crate::store::{Store, StoreError};
use iced::{Element, Task};
use std::sync::{Arc, Mutex};

struct Desk {
    app: App,
    db: Option<Arc<Mutex<Store>>>,
}

impl Desk {
    fn perform(&self, effect: Effect<Message>) -> Task<Message> {
        runtime::task(self.db.as_ref(), effect, Message::JobFailed)
    }
}

fn update(desk: &mut Desk, message: Message) -> Task<Message> {
    if matches!(message, Message::Raise) {
        tracing::info!("a second start of the desk: this window comes to the front");
        return iced::window::latest().and_then(|id| {
            Task::batch([
                iced::window::minimize(id, false),
                iced::window::gain_focus(id),
                iced::window::request_user_attention(id, Some(iced::window::UserAttention::Informational)),
            ])
        });
    }
    let effect = desk.app.update(message);
    if desk.app.exiting {
        return iced::exit();
    }
    desk.perform(effect)
}

fn view(desk: &Desk) -> Element<'_, Message> {
    desk.app.view()
}

pub fn run(
    file: std::path::PathBuf,
    db: Option<Arc<Mutex<Store>>>,
    opened: Result<(), StoreError>,
    lang: Option<Language>,
) -> iced::Result {
    let boot = move || {
        let (app, effect) = App::new(opened.clone(), lang, chrono::Utc::now());
        let (app, found) = app.on_file(file.clone());
        let desk = Desk { app, db: db.clone() };
        let task = Task::batch([desk.perform(effect), desk.perform(found)]);
        (desk, task)
    };
    iced::application(boot, update, view)
        .title(|desk: &Desk| match &desk.app.data {
            Some(d) => format!("{} — Salondesk", d.salon.name),
            None => "Salondesk".to_string(),
        })
        .theme(|_: &Desk| theme::theme())
        .subscription(|desk: &Desk| {
            // Closing backs up the day's last changes first (App::CloseRequested).
            iced::Subscription::batch([
                desk.app.subscription(),
                iced::window::close_requests().map(|_| Message::CloseRequested),
            ])
        })
        .window(iced::window::Settings {
            size: iced::Size::new(1366.0, 768.0),
            exit_on_close_request: false,
            platform_specific: super::platform_window(),
            ..Default::default()
        })
        .default_font(super::FONT)
        .run()
}
