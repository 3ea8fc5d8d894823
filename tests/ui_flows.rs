//! The desk's main flows, driven like a receptionist would: clicks and typing
//! in the iced_test simulator, store jobs run on a real SQLite file.

mod common;

use common::{demo_salon, today};
use iced_test::simulator;
use salondesk::domain::{AppointmentState, Language, clock};
use salondesk::store::Store;
use salondesk::ui::app::{App, Message, Screen};
use salondesk::ui::{drive, screen::calendar};

const SIZE: (f32, f32) = (1366.0, 768.0);

fn desk(store: &mut Store, lang: Language) -> App {
    let tz = store.salon().unwrap().time_zone;
    let now = clock::local_to_utc(tz, today(), 11 * 60 + 40);
    let (mut app, commands) = App::new(Ok(()), Some(lang), now);
    drive(&mut app, store, commands);
    app
}

/// Clicks what the selector finds in the current view and runs the messages.
#[allow(dead_code)]
fn click(app: &mut App, store: &mut Store, target: impl iced_test::Selector<Output = iced_test::selector::Target> + Send) {
    let messages: Vec<Message> = {
        let settings = iced::Settings { default_font: salondesk::ui::FONT, ..Default::default() };
        let mut ui = iced_test::Simulator::with_size(settings, SIZE, app.view());
        ui.click(target).expect("something to click");
        ui.into_messages().collect()
    };
    for m in messages {
        salondesk::ui::send(app, store, m);
    }
}

#[test]
fn the_day_shows_the_demo_appointments() {
    let mut s = demo_salon(Language::En);
    let app = desk(&mut s.store, Language::En);
    assert!(!app.calendar.appointments.is_empty(), "today's appointments are loaded");
    let first = app.calendar.appointments.iter().find(|a| a.state == AppointmentState::Booked).unwrap();
    let mut ui = simulator(app.view());
    assert!(ui.find(first.customer_name.as_str()).is_ok(), "{} is shown in the calendar", first.customer_name);
    let _ = (Screen::Calendar, calendar::Mode::Day);

}
