//! Running the desk: the iced application around `App`, and the glue that
//! runs store jobs on a blocking thread and other commands as iced tasks.

use super::app::{App, Command, Db, Message};
use super::screen::customers;
use super::theme;
use crate::domain::Language;
use crate::store::StoreError;
use iced::keyboard;
use iced::{Element, Subscription, Task};

struct Desk {
    app: App,
    db: Option<Db>,
}

fn perform(db: &Option<Db>, commands: Vec<Command>) -> Task<Message> {
    Task::batch(commands.into_iter().map(|command| match command {
        Command::Run(job) => {
            let Some(db) = db.clone() else { return Task::none() };
            Task::perform(
                async move {
                    tokio::task::spawn_blocking(move || {
                        let mut store = db.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                        job.run(&mut store)
                    })
                    .await
                },
                |result| result.unwrap_or_else(|e| Message::SalonLoaded(Err(StoreError::Sql(e.to_string())))),
            )
        }
        Command::FocusNext => iced::widget::operation::focus_next(),
        Command::FocusPrevious => iced::widget::operation::focus_previous(),
        Command::Focus(id) => iced::widget::operation::focus(iced::widget::Id::new(id)),
        Command::PickFile(customer_id) => Task::perform(
            async { rfd::AsyncFileDialog::new().pick_file().await.map(|f| f.path().to_path_buf()) },
            // No portal on the machine answers like Cancel: nothing is attached.
            move |picked| Message::Customers(customers::Message::FilePicked(customer_id, picked)),
        ),
    }))
}

fn update(desk: &mut Desk, message: Message) -> Task<Message> {
    perform(&desk.db, desk.app.update(message))
}

fn view(desk: &Desk) -> Element<'_, Message> {
    desk.app.view()
}

pub fn run(db: Option<Db>, opened: Result<(), StoreError>, lang: Option<Language>) -> iced::Result {
    let boot = move || {
        let (app, commands) = App::new(opened.clone(), lang, chrono::Utc::now());
        let task = perform(&db, commands);
        (Desk { app, db: db.clone() }, task)
    };
    iced::application(boot, update, view)
        .title(|desk: &Desk| match &desk.app.data {
            Some(d) => format!("{} — Salondesk", d.salon.name),
            None => "Salondesk".to_string(),
        })
        .theme(|_: &Desk| theme::theme())
        .subscription(|_: &Desk| {
            Subscription::batch([
                keyboard::listen().map(Message::Key),
                iced::event::listen_with(|event, _, _| match event {
                    iced::Event::Window(iced::window::Event::FileDropped(path)) => Some(Message::FileDropped(path)),
                    _ => None,
                }),
                // The clock line, and changes by another process (the kiosk) shown
                // within two seconds; one cheap PRAGMA, no busy polling.
                iced::time::every(std::time::Duration::from_secs(2)).map(|_| Message::Tick(chrono::Utc::now())),
            ])
        })
        .window_size((1366.0, 768.0))
        .default_font(super::FONT)
        .run()
}
