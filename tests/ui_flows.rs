//! The desk's main flows, driven as a receptionist would: clicks and typing
//! in the iced_test simulator, store jobs run on a real SQLite file.

mod common;

use chrono::Duration;
use common::{demo_salon, today};
use iced::Point;
use iced::keyboard::{self, Key, key::Named};
use iced_test::selector;
use salondesk::domain::{AppointmentState, Language, clock};
use salondesk::message::defaults::Kind;
use salondesk::store::Store;
use salondesk::ui::app::{App, Message, Screen};
use salondesk::ui::screen::calendar::appointment::CUSTOMER_ID;
use salondesk::ui::screen::customers::SEARCH_ID;
use salondesk::ui::{FONT, drive, send};

const SIZE: (f32, f32) = (1366.0, 768.0);

fn desk(store: &mut Store, lang: Language) -> App {
    let tz = store.salon().unwrap().time_zone;
    let now = clock::local_to_utc(tz, today(), 11 * 60 + 40);
    // The store's clock is the desk's: what is "in the past" is the same for both.
    store.set_now(Some(now));
    let (mut app, commands) = App::new(Ok(()), Some(lang), now);
    drive(&mut app, store, commands);
    app
}

fn simulator(app: &App) -> iced_test::Simulator<'_, Message> {
    let settings = iced::Settings { default_font: FONT, ..Default::default() };
    iced_test::Simulator::with_size(settings, SIZE, app.view())
}

/// Runs the messages a simulated interaction produced, as the desk would.
fn deliver(app: &mut App, store: &mut Store, messages: Vec<Message>) {
    for m in messages {
        send(app, store, m);
    }
}

fn click<S>(app: &mut App, store: &mut Store, target: S)
where
    S: iced_test::Selector + Send,
    S::Output: Clone + Send + Sync + iced_test::selector::Bounded + 'static,
{
    let messages: Vec<Message> = {
        let mut ui = simulator(app);
        ui.click(target).unwrap_or_else(|e| panic!("nothing to click: {e:?}"));
        ui.into_messages().collect()
    };
    deliver(app, store, messages);
}

/// Presses the mouse exactly at `point` (a click on a selector aims at the
/// centre of the widget found, which is not what an empty slot needs).
fn click_at(app: &mut App, store: &mut Store, point: Point) {
    let messages: Vec<Message> = {
        let mut ui = simulator(app);
        ui.point_at(point);
        ui.simulate(iced_test::simulator::click());
        ui.into_messages().collect()
    };
    deliver(app, store, messages);
}

fn click_text(app: &mut App, store: &mut Store, label: &str) {
    click(app, store, label.to_string());
}

fn type_into(app: &mut App, store: &mut Store, field: &'static str, typed: &str) {
    let messages: Vec<Message> = {
        let mut ui = simulator(app);
        ui.click(selector::id(field)).expect("the field");
        ui.typewrite(typed);
        ui.into_messages().collect()
    };
    deliver(app, store, messages);
}

fn shows(app: &App, label: &str) -> bool {
    simulator(app).find(label.to_string()).is_ok()
}

/// The centre of the quarter hour `minute` in `staff`'s column, found from the
/// column header and the hour label as a person would find it.
fn slot_point(app: &App, staff: &str, hour: u32) -> Point {
    let mut ui = simulator(app);
    let column = ui.find(staff.to_string()).expect("staff column").bounds();
    let row = ui.find(format!("{hour:02}:00")).expect("hour label").bounds();
    Point::new(column.center_x(), row.y + 9.0)
}

/// A booked appointment of a customer with a card, long enough to show its name and state.
fn booked_linked(app: &App) -> salondesk::domain::Appointment {
    app.calendar
        .appointments
        .iter()
        .find(|a| a.state == AppointmentState::Booked && a.is_linked() && a.minutes() >= 30)
        .cloned()
        .expect("a booked appointment of a customer with a card")
}

fn key(app: &mut App, store: &mut Store, key: Key) {
    let event = keyboard::Event::KeyPressed {
        key: key.clone(),
        modified_key: key,
        physical_key: keyboard::key::Physical::Unidentified(keyboard::key::NativeCode::Unidentified),
        location: keyboard::Location::Standard,
        modifiers: keyboard::Modifiers::empty(),
        text: None,
        repeat: false,
    };
    send(app, store, Message::Key(event));
}

#[test]
fn book_by_clicking_a_free_slot_and_picking_a_suggested_customer() {
    let mut s = demo_salon(Language::En);
    let mut app = desk(&mut s.store, Language::En);
    // The first staff member with a free quarter hour today before 15:00
    // (what fits on screen without scrolling).
    let tz = s.store.salon().unwrap().time_zone;
    let morning = clock::local_to_utc(tz, today(), 9 * 60);
    let staff = app.data.as_ref().unwrap().staff.clone();
    let (member, free) = staff
        .iter()
        .find_map(|st| {
            let free = s.store.next_free_start(tz, st.id, 15, morning, None).unwrap()?;
            (clock::to_local(tz, free).date() == today() && clock::minute_of(tz, today(), free) < 15 * 60)
                .then_some((st, free))
        })
        .expect("a free slot today");
    let hour = (clock::minute_of(tz, today(), free) / 60) as u32;
    let mut point = slot_point(&app, &member.name, hour);
    point.y += (clock::minute_of(tz, today(), free) as f32 - hour as f32 * 60.0) * 1.2;
    click_at(&mut app, &mut s.store, point);
    let dialog = app.calendar.dialog.as_ref().expect("the dialog opened");
    assert_eq!(dialog.time, clock::to_local(tz, free).format("%H:%M").to_string());

    let wanted = s.store.search_customers("Alfie", salondesk::ui::screen::customers::SEARCH_LIMIT).unwrap().remove(0);
    type_into(&mut app, &mut s.store, CUSTOMER_ID, "Alfie");
    assert!(shows(&app, &wanted.name), "{} is suggested", wanted.name);
    click_text(&mut app, &mut s.store, &wanted.phone);
    assert!(shows(&app, "linked"));
    // Beard trim (15 minutes) is the first service; that fits.
    click_text(&mut app, &mut s.store, "Save");
    assert!(app.calendar.dialog.is_none(), "the dialog closed after saving");
    let booked = s.store.appointments_between(free, free + Duration::minutes(1)).unwrap();
    let mine = booked.iter().find(|a| a.staff_id == member.id).expect("booked in the store");
    assert_eq!(mine.customer_id, Some(wanted.id), "linked to the picked customer");
    assert!(shows(&app, "Appointment booked."));
    // The note fades after a while (the clock ticks each second meanwhile,
    // the first tick a second after it showed); the appointment stays.
    let shown = app.now + Duration::minutes(1);
    send(&mut app, &mut s.store, Message::Tick(shown));
    assert!(shows(&app, "Appointment booked."), "said when the desk's clock was a minute behind: still shown");
    send(&mut app, &mut s.store, Message::Tick(shown + Duration::seconds(5)));
    assert!(shows(&app, "Appointment booked."), "shown for 10 s");
    send(&mut app, &mut s.store, Message::Tick(shown + Duration::seconds(11)));
    assert!(!shows(&app, "Appointment booked."));
}

#[test]
fn an_overlap_is_refused_and_the_next_free_time_taken_in_one_click() {
    let mut s = demo_salon(Language::En);
    let mut app = desk(&mut s.store, Language::En);
    let taken = app
        .calendar
        .appointments
        .iter()
        .find(|a| a.state == AppointmentState::Booked && a.minutes() >= 30)
        .cloned()
        .expect("a booked appointment");
    let tz = s.store.salon().unwrap().time_zone;
    let local = clock::to_local(tz, taken.slot.start);
    let minute = clock::minute_of(tz, today(), taken.slot.start) as u32;
    send(
        &mut app,
        &mut s.store,
        Message::Calendar(salondesk::ui::screen::calendar::Message::SlotClicked {
            staff_id: taken.staff_id,
            date: local.date(),
            minute,
        }),
    );
    type_into(&mut app, &mut s.store, CUSTOMER_ID, "Walk-in Wendy");
    assert!(shows(&app, "not linked"));
    click_text(&mut app, &mut s.store, "Save");
    assert!(shows(&app, "This staff member already has an appointment at that time."));
    let offer = app.calendar.dialog.as_ref().and_then(|d| d.next_free).expect("a next free time is offered");
    assert!(offer >= taken.slot.start);
    let label = format!(
        "Next free time: {} {} — take it",
        salondesk::ui::i18n::date_short(Language::En, clock::to_local(tz, offer).date()),
        clock::to_local(tz, offer).format("%H:%M")
    );
    click_text(&mut app, &mut s.store, &label);
    assert!(app.calendar.dialog.is_none());
    let at = s.store.appointments_between(offer, offer + Duration::minutes(1)).unwrap();
    assert!(at.iter().any(|a| a.customer_name == "Walk-in Wendy" && a.customer_id.is_none()), "kept as a walk-in name");
}

#[test]
fn mark_a_no_show_with_a_reason_and_see_it_faded_with_its_reason() {
    let mut s = demo_salon(Language::En);
    let mut app = desk(&mut s.store, Language::En);
    let target = booked_linked(&app);
    let customer = target.customer_id.unwrap();
    let before = s.store.reliability(customer).unwrap();
    click_text(&mut app, &mut s.store, &target.customer_name);
    assert!(app.calendar.dialog.is_some());
    click_text(&mut app, &mut s.store, "No-show…");
    click_text(&mut app, &mut s.store, "Forgot");
    click_text(&mut app, &mut s.store, "Mark as no-show");
    let stored = s.store.appointment(target.id).unwrap();
    assert_eq!((stored.state, stored.reason.as_str()), (AppointmentState::NoShow, "Forgot"));
    assert!(shows(&app, "no-show: Forgot"), "the calendar shows the reason");
    assert!(shows(&app, &target.customer_name), "the no-show stays visible");
    // Its time can be booked again right away.
    let tz = s.store.salon().unwrap().time_zone;
    let free = s.store.next_free_start(tz, target.staff_id, 15, target.slot.start, None).unwrap();
    assert_eq!(free, Some(target.slot.start));
    // And with a click on the freed time, left of the faded block.
    let staff_name = app.data.as_ref().unwrap().staff.iter().find(|st| st.id == target.staff_id).unwrap().name.clone();
    let start = clock::minute_of(tz, today(), target.slot.start) as u32;
    let column = simulator(&app).find(staff_name.clone()).expect("staff column").bounds();
    let mut point = slot_point(&app, &staff_name, start / 60);
    point.x = column.x + column.width * 0.2;
    point.y += (start % 60) as f32 * 1.2;
    click_at(&mut app, &mut s.store, point);
    let dialog = app.calendar.dialog.as_ref().expect("the freed time opens a new booking");
    assert!(dialog.original.is_none(), "a new booking, not the no-show");
    assert_eq!(dialog.time, clock::to_local(tz, target.slot.start).format("%H:%M").to_string());
    send(&mut app, &mut s.store, Message::Calendar(salondesk::ui::screen::calendar::Message::CloseDialog));
    // The customer's reliability scale counts it.
    let after = s.store.reliability(customer).unwrap();
    assert_eq!((after.attended, after.no_shows), (before.attended, before.no_shows + 1));
    send(&mut app, &mut s.store, Message::Navigate(Screen::Customers));
    send(&mut app, &mut s.store, Message::Customers(salondesk::ui::screen::customers::Message::Open(customer)));
    assert!(shows(&app, &salondesk::ui::widget::reliability::counts(Language::En, after)));
    assert!(after.level() > before.level() || before.level() == Some(1.0), "more orange");
}

#[test]
fn search_a_customer_and_open_the_card_with_the_archive() {
    let mut s = demo_salon(Language::De);
    let mut app = desk(&mut s.store, Language::De);
    let regular = app.calendar.appointments.iter().filter_map(|a| a.customer_id).min().unwrap();
    let customer = s.store.customer(regular).unwrap();
    let history = s.store.customer_appointments(regular).unwrap();
    click_text(&mut app, &mut s.store, "Kunden");
    // Without accents and in lower case, as typed in a hurry.
    let typed = salondesk::domain::customer::fold(&customer.full_name());
    type_into(&mut app, &mut s.store, SEARCH_ID, &typed);
    assert!(shows(&app, &customer.full_name()), "found by {typed}");
    click_text(&mut app, &mut s.store, &customer.full_name());
    let card = app.customers.card.as_ref().expect("the card opened");
    assert_eq!(card.appointments.len(), history.len());
    assert!(card.appointments.iter().all(|a| !a.service_name.is_empty()), "every archive line names its service");
    assert!(shows(&app, &history[0].service_name));
    let count = |states: &[AppointmentState]| history.iter().filter(|a| states.contains(&a.state)).count();
    let revenue: i64 = history.iter().filter(|a| a.state == AppointmentState::Completed).map(|a| a.price_cents).sum();
    let summary = format!(
        "{} Termine · {} wahrgenommen · {} nicht erschienen · {} abgesagt · Umsatz {}",
        history.len(),
        count(&[AppointmentState::Completed, AppointmentState::Arrived]),
        count(&[AppointmentState::NoShow]),
        count(&[AppointmentState::Cancelled]),
        salondesk::domain::money::format(revenue, "EUR", Language::De),
    );
    assert!(shows(&app, &summary), "the summary counts every state: {summary}");
    assert!(shows(&app, "Termine"));
}

#[test]
fn a_customer_card_with_a_wrong_phone_is_refused_in_the_users_language() {
    let mut s = demo_salon(Language::Nl);
    let mut app = desk(&mut s.store, Language::Nl);
    let before = s.store.customer_count().unwrap();
    click_text(&mut app, &mut s.store, "Klanten");
    click_text(&mut app, &mut s.store, "Nieuwe klant");
    type_into(&mut app, &mut s.store, "customer-first-name", "Femke");
    type_into(&mut app, &mut s.store, "customer-phone", "bel me");
    click_text(&mut app, &mut s.store, "Opslaan");
    assert!(shows(&app, "\"bel me\" is geen telefoonnummer; gebruik cijfers, bijv. +31 6 12345678."));
    assert_eq!(s.store.customer_count().unwrap(), before, "nothing saved");
    // Corrected, it is saved and can be found.
    send(
        &mut app,
        &mut s.store,
        Message::Customers(salondesk::ui::screen::customers::Message::Phone("+31 6 12345678".into())),
    );
    click_text(&mut app, &mut s.store, "Opslaan");
    assert_eq!(s.store.customer_count().unwrap(), before + 1);
    assert_eq!(s.store.search_customers("0612345678", 5).unwrap()[0].name, "Femke");
}

#[test]
fn keys_move_between_days_and_the_language_switches_while_running() {
    let mut s = demo_salon(Language::En);
    let mut app = desk(&mut s.store, Language::En);
    key(&mut app, &mut s.store, Key::Named(Named::ArrowRight));
    assert_eq!(app.calendar.date, today() + Duration::days(1));
    assert!(shows(&app, "Tuesday 24 November 2026"));
    key(&mut app, &mut s.store, Key::Named(Named::ArrowLeft));
    key(&mut app, &mut s.store, Key::Named(Named::ArrowLeft));
    assert_eq!(app.calendar.date, today() - Duration::days(1));
    key(&mut app, &mut s.store, Key::Character("t".into()));
    assert_eq!(app.calendar.date, today());
    send(&mut app, &mut s.store, Message::SetLanguage(Language::Nb));
    assert!(shows(&app, "mandag 23. november 2026"));
    assert!(shows(&app, "Kalender") && shows(&app, "I dag"));
    // Esc closes a dialog without saving.
    let first = app.calendar.appointments[0].customer_name.clone();
    click_text(&mut app, &mut s.store, &first);
    assert!(app.calendar.dialog.is_some());
    key(&mut app, &mut s.store, Key::Named(Named::Escape));
    assert!(app.calendar.dialog.is_none());
}

#[test]
fn a_damaged_file_is_explained_in_the_users_language() {
    let err = salondesk::store::StoreError::Damaged("database disk image is malformed".into());
    let (app, commands) = App::new(Err(err), Some(Language::De), chrono::Utc::now());
    assert!(commands.is_none(), "nothing is done with a damaged file");
    assert!(shows(&app, "Das Terminbuch kann nicht geöffnet werden"));
    assert!(shows(&app, "Nichts wurde verändert oder gelöscht: Die Datei ist genau so, wie sie war."));
}

#[test]
fn a_change_by_another_process_shows_up_as_soon_as_the_watcher_sees_it() {
    let mut s = demo_salon(Language::En);
    let mut app = desk(&mut s.store, Language::En);
    // The desk's watcher, on a connection of its own.
    let mut watch = salondesk::store::FileWatch::open(&s.path()).unwrap();
    let target = app.calendar.appointments.iter().find(|a| a.state == AppointmentState::Booked).cloned().unwrap();
    // The kiosk (another connection to the same file) checks the customer in.
    let kiosk = rusqlite::Connection::open(s.path()).unwrap();
    kiosk
        .execute("UPDATE appointments SET state = 'arrived', changed_by = 'kiosk' WHERE id = ?1", [target.id])
        .unwrap();
    assert!(watch.changed().unwrap(), "the watcher notices the kiosk's write");
    send(&mut app, &mut s.store, Message::FileChanged);
    let shown = app.calendar.appointments.iter().find(|a| a.id == target.id).unwrap();
    assert_eq!(shown.state, AppointmentState::Arrived, "the desk shows the kiosk's check-in");
    assert_eq!(s.store.history(target.id).unwrap().last().unwrap().by, "kiosk");
}

#[test]
fn an_invalid_time_zone_is_refused_and_the_salon_keeps_its_own() {
    let mut s = demo_salon(Language::Nb);
    let mut app = desk(&mut s.store, Language::Nb);
    let before = s.store.salon().unwrap();
    click_text(&mut app, &mut s.store, "Innstillinger");
    let field = salondesk::ui::screen::settings::Field::TimeZone;
    send(
        &mut app,
        &mut s.store,
        Message::Settings(salondesk::ui::screen::settings::Message::Edit(field, "Europe/Bergen".into())),
    );
    click_text(&mut app, &mut s.store, "Lagre");
    assert!(shows(&app, "«Europe/Bergen» er ikke en tidssone; bruk et navn som Europe/Oslo."));
    assert_eq!(s.store.salon().unwrap(), before, "nothing saved");
    // A valid one is saved and used at once.
    send(
        &mut app,
        &mut s.store,
        Message::Settings(salondesk::ui::screen::settings::Message::Edit(field, "America/New_York".into())),
    );
    click_text(&mut app, &mut s.store, "Lagre");
    assert!(shows(&app, "Innstillingene er lagret."));
    assert_eq!(s.store.salon().unwrap().time_zone, chrono_tz::America::New_York);
    assert_eq!(app.data.as_ref().unwrap().salon.time_zone, chrono_tz::America::New_York);
}

#[test]
fn a_service_gets_its_name_in_the_other_languages_in_settings() {
    use salondesk::ui::screen::settings::{self, Field};
    let mut s = demo_salon(Language::De);
    let mut app = desk(&mut s.store, Language::De);
    click_text(&mut app, &mut s.store, "Einstellungen");
    send(&mut app, &mut s.store, Message::Settings(settings::Message::Tab(settings::Tab::Services)));
    let blow_dry = s.store.services().unwrap().into_iter().find(|x| x.name == "Föhnen").unwrap();
    assert_eq!(blow_dry.name_in(Language::En), "Blow-dry", "the demo menu speaks every language");
    send(&mut app, &mut s.store, Message::Settings(settings::Message::PickService(blow_dry.id)));
    assert!(shows(&app, "Name (English)") && shows(&app, "Name (Norsk bokmål)"));
    assert!(!shows(&app, "Name (Deutsch)"), "the salon's own language is the name itself");
    let english = Field::ServiceNameIn(0);
    send(&mut app, &mut s.store, Message::Settings(settings::Message::Edit(english, "Blow-dry & style".into())));
    click_text(&mut app, &mut s.store, "Speichern");
    let saved = s.store.services().unwrap().into_iter().find(|x| x.id == blow_dry.id).unwrap();
    assert_eq!(saved.name_in(Language::En), "Blow-dry & style");
    assert_eq!(saved.name_in(Language::Nb), "Føning", "the other names stay");
}

#[test]
fn the_demo_salon_is_marked_and_can_be_emptied() {
    let mut s = demo_salon(Language::En);
    let mut app = desk(&mut s.store, Language::En);
    assert!(shows(&app, "Demo salon: these customers and appointments are sample data to try Salondesk with."));
    click_text(&mut app, &mut s.store, "Start empty…");
    click_text(&mut app, &mut s.store, "Keep the demo");
    assert!(s.store.customer_count().unwrap() > 0, "keeping the demo keeps it");
    click_text(&mut app, &mut s.store, "Start empty…");
    click_text(&mut app, &mut s.store, "Yes, start empty");
    assert_eq!(s.store.customer_count().unwrap(), 0);
    assert!(s.store.staff().unwrap().is_empty());
    assert!(!shows(&app, "Demo salon: these customers and appointments are sample data to try Salondesk with."));
    assert!(shows(&app, "No staff yet. Add your staff members under Settings › Staff."));
}

#[test]
fn an_unknown_time_zone_in_the_file_is_said_and_can_be_fixed() {
    let mut s = demo_salon(Language::De);
    common::raw(&s.store).execute("UPDATE salon SET time_zone = 'Mars/Olympus_Mons'", []).unwrap();
    let mut app = desk(&mut s.store, Language::De);
    let warning = "Die Zeitzone des Salons „Mars/Olympus_Mons“ ist unbekannt, daher werden Zeiten in UTC angezeigt. Bitte wählen Sie unter Einstellungen › Salon die richtige.";
    assert!(shows(&app, warning));
    click_text(&mut app, &mut s.store, "Einstellungen");
    let field = salondesk::ui::screen::settings::Field::TimeZone;
    send(
        &mut app,
        &mut s.store,
        Message::Settings(salondesk::ui::screen::settings::Message::Edit(field, "Europe/Berlin".into())),
    );
    click_text(&mut app, &mut s.store, "Speichern");
    assert!(!shows(&app, warning));
    assert_eq!(s.store.salon().unwrap().time_zone, chrono_tz::Europe::Berlin);
}

#[test]
fn a_new_status_made_initial_is_given_to_the_next_new_customer() {
    use salondesk::ui::screen::settings::{self, statuses};
    let mut s = demo_salon(Language::En);
    let mut app = desk(&mut s.store, Language::En);
    click_text(&mut app, &mut s.store, "Settings");
    // "Customers" is also the navigation tab's name: choose the settings tab directly.
    send(&mut app, &mut s.store, Message::Settings(settings::Message::Tab(settings::Tab::Statuses)));
    click_text(&mut app, &mut s.store, "+ New customer status");
    let form = |m: statuses::Message| Message::Settings(settings::Message::Statuses(m));
    send(&mut app, &mut s.store, form(statuses::Message::Name("Student".into())));
    send(&mut app, &mut s.store, form(statuses::Message::Symbol("S".into())));
    click_text(&mut app, &mut s.store, "New customers get this status (initial)");
    click_text(&mut app, &mut s.store, "Save");
    let student = s.store.statuses().unwrap().into_iter().find(|x| x.name == "Student").expect("saved");
    assert!(student.is_initial, "the mark moved to the new status");
    assert!(shows(&app, "Student · initial"));
    let new = s
        .store
        .save_customer(&salondesk::domain::Customer { first_name: "Noor".into(), ..Default::default() })
        .unwrap();
    assert_eq!(s.store.customer(new).unwrap().status_id, Some(student.id));

    // Delete "Unreliable": its customers get the replacement picked.
    let unreliable = s.store.statuses().unwrap().into_iter().find(|x| x.name == "Unreliable").unwrap();
    let regular = s.store.statuses().unwrap().into_iter().find(|x| x.name == "Regular").unwrap();
    let had: i64 = s.store.status_in_use(unreliable.id).unwrap();
    let regular_before = s.store.status_in_use(regular.id).unwrap();
    assert!(had > 0, "the demo has unreliable customers");
    click_text(&mut app, &mut s.store, "Unreliable");
    click_text(&mut app, &mut s.store, "Delete status…");
    click_text(&mut app, &mut s.store, "Delete");
    assert!(shows(&app, "Its customers get is required."), "a replacement must be chosen");
    send(
        &mut app,
        &mut s.store,
        form(statuses::Message::Replacement(salondesk::ui::widget::choice::Choice {
            id: regular.id,
            label: regular.name.clone(),
        })),
    );
    click_text(&mut app, &mut s.store, "Delete");
    assert!(s.store.statuses().unwrap().iter().all(|x| x.id != unreliable.id));
    assert_eq!(s.store.status_in_use(regular.id).unwrap(), regular_before + had, "the customers moved over");
}

#[test]
fn moving_a_preferred_staff_customer_warns_and_saves_only_when_asked_again() {
    use salondesk::ui::screen::calendar::{self, appointment};
    let mut s = demo_salon(Language::En);
    // A linked appointment and another staff member free at its time.
    let (target, other) = {
        let app = desk(&mut s.store, Language::En);
        let day = &app.calendar.appointments;
        let staff = app.data.as_ref().unwrap().staff.clone();
        day.iter()
            .filter(|a| a.state == AppointmentState::Booked && a.is_linked())
            .find_map(|a| {
                let free = |st: &&salondesk::domain::schedule::Staff| {
                    st.id != a.staff_id
                        && st.active
                        && !day.iter().any(|b| b.staff_id == st.id && b.slot.overlaps(&a.slot))
                };
                staff.iter().find(free).map(|st| (a.clone(), st.clone()))
            })
            .expect("an appointment another staff member could take")
    };
    let customer = target.customer_id.unwrap();
    // VIPs are served by their own staff member in this salon.
    let mut vip = s.store.statuses().unwrap().into_iter().find(|x| x.name == "VIP").unwrap();
    vip.preferred_staff = true;
    s.store.save_status(&vip).unwrap();
    s.store.set_customer_status(customer, vip.id).unwrap();
    let mut app = desk(&mut s.store, Language::En);
    click_text(&mut app, &mut s.store, &target.customer_name);
    let choice = salondesk::ui::widget::choice::Choice { id: other.id, label: other.name.clone() };
    send(
        &mut app,
        &mut s.store,
        Message::Calendar(calendar::Message::Dialog(appointment::Message::StaffPicked(choice))),
    );
    click_text(&mut app, &mut s.store, "Save");
    let warning = format!(
        "{} is usually served by the same staff member; this moves the appointment to {}.",
        target.customer_name, other.name
    );
    assert!(shows(&app, &warning), "the desk warns");
    assert_eq!(s.store.appointment(target.id).unwrap().staff_id, target.staff_id, "not moved yet");
    click_text(&mut app, &mut s.store, "Save anyway");
    assert!(app.calendar.dialog.is_none(), "saved when asked again");
    assert_eq!(s.store.appointment(target.id).unwrap().staff_id, other.id);
}

#[test]
fn a_status_limit_per_period_warns_at_the_desk() {
    use salondesk::ui::screen::calendar;
    let mut s = demo_salon(Language::En);
    let tz = s.store.salon().unwrap().time_zone;
    // The demo's today, whatever the date of the run: next week is to come.
    s.store.set_now(Some(clock::local_to_utc(tz, today(), 12 * 60)));
    let kim = s
        .store
        .save_customer(&salondesk::domain::Customer {
            first_name: "Kim".into(),
            last_name: "Limit".into(),
            ..Default::default()
        })
        .unwrap();
    let mut regular = s.store.statuses().unwrap().into_iter().find(|x| x.name == "Regular").unwrap();
    regular.max_appointments = Some(1);
    regular.max_period_days = Some(7);
    s.store.save_status(&regular).unwrap();
    let lena = s.store.staff().unwrap()[0].id;
    let monday = today() + Duration::days(7);
    let first = clock::local_to_utc(tz, monday, 9 * 60);
    let new = salondesk::store::NewAppointment {
        staff_id: lena,
        service_id: 1,
        customer_id: Some(kim),
        walk_in_name: String::new(),
        start: s.store.next_free_start(tz, lena, 15, first, None).unwrap().unwrap(),
        minutes: 15,
        price_cents: 0,
        deposit_cents: 0,
        source: salondesk::domain::Source::Desk,
    };
    s.store.book(&new).unwrap();
    let warnings = s
        .store
        .desk_warnings(&salondesk::store::NewAppointment { start: new.start + Duration::days(2), ..new.clone() }, None)
        .unwrap();
    assert_eq!(warnings, [salondesk::domain::desk_rules::DeskWarning::Limit { max: 1, days: 7 }]);
    let later = s
        .store
        .desk_warnings(&salondesk::store::NewAppointment { start: new.start + Duration::days(8), ..new.clone() }, None)
        .unwrap();
    assert!(later.is_empty(), "a week later is fine");
    // In the dialog: the warning in words, then saved when asked again.
    let mut app = desk(&mut s.store, Language::En);
    send(&mut app, &mut s.store, Message::Calendar(calendar::Message::PickDate(monday + Duration::days(2))));
    let start = s
        .store
        .next_free_start(tz, lena, 15, clock::local_to_utc(tz, monday + Duration::days(2), 9 * 60), None)
        .unwrap()
        .unwrap();
    let minute = clock::minute_of(tz, monday + Duration::days(2), start) as u32;
    send(
        &mut app,
        &mut s.store,
        Message::Calendar(calendar::Message::SlotClicked { staff_id: lena, date: monday + Duration::days(2), minute }),
    );
    // Typed in part, so that the suggestion (not the field) is what says "Kim Limit".
    type_into(&mut app, &mut s.store, CUSTOMER_ID, "Kim Lim");
    click_text(&mut app, &mut s.store, "Kim Limit");
    click_text(&mut app, &mut s.store, "Save");
    assert!(shows(&app, "This customer's status allows at most 1 appointments in 7 days."));
    click_text(&mut app, &mut s.store, "Save anyway");
    assert!(app.calendar.dialog.is_none(), "booked after the second click");
}

#[test]
fn a_no_show_is_registered_as_not_reachable_and_its_fee_invoiced_and_paid() {
    let mut s = demo_salon(Language::En);
    let mut app = desk(&mut s.store, Language::En);
    let target = booked_linked(&app);
    click_text(&mut app, &mut s.store, &target.customer_name);
    click_text(&mut app, &mut s.store, "No-show…");
    click_text(&mut app, &mut s.store, "No reason given");
    click_text(&mut app, &mut s.store, "Could not reach them");
    click_text(&mut app, &mut s.store, "Mark as no-show");
    assert_eq!(s.store.appointment(target.id).unwrap().reached, Some(false), "registered as not reachable");

    send(&mut app, &mut s.store, Message::Navigate(Screen::Customers));
    send(
        &mut app,
        &mut s.store,
        Message::Customers(salondesk::ui::screen::customers::Message::Open(target.customer_id.unwrap())),
    );
    // The archive is long: below the fold a person scrolls; here the same messages are sent.
    use salondesk::ui::screen::customers::Message as Card;
    assert!(shows(&app, "Fee…"));
    send(&mut app, &mut s.store, Message::Customers(Card::AskFee(target.id)));
    let price = salondesk::domain::money::format(target.price_cents, &s.store.salon().unwrap().currency, Language::En);
    assert!(shows(&app, "Record fee"));
    assert!(
        shows(&app, "No terms accepted here: the customer has not agreed to a fee with Salondesk."),
        "the desk sees that no terms back this fee"
    );
    send(&mut app, &mut s.store, Message::Customers(Card::RecordFee));
    assert!(shows(&app, &format!("fee {price} open")), "the fee is on the card, open");
    let fee = s.store.fees(target.customer_id.unwrap()).unwrap()[0].id;
    send(&mut app, &mut s.store, Message::Customers(Card::FeePaid(fee, true)));
    assert!(shows(&app, &format!("fee {price} paid")));
    let fees = s.store.fees(target.customer_id.unwrap()).unwrap();
    assert_eq!((fees.len(), fees[0].amount_cents, fees[0].paid_at.is_some()), (1, target.price_cents, true));
}

#[test]
fn the_report_for_last_month_shows_the_right_totals_and_exports() {
    let mut s = demo_salon(Language::En);
    let mut app = desk(&mut s.store, Language::En);
    click_text(&mut app, &mut s.store, "Reports");
    // "Today" is 23 November 2026: last month is October.
    let tz = s.store.salon().unwrap().time_zone;
    let d = |m, day| chrono::NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    let expected = s.store.no_show_report(tz, d(10, 1), d(10, 31), chrono::Weekday::Mon).unwrap();
    let currency = s.store.salon().unwrap().currency;
    let money = |c| salondesk::domain::money::format(c, &currency, Language::En);
    assert!(shows(&app, "01/10/2026") && shows(&app, "31/10/2026"), "last month is chosen");
    assert!(shows(&app, &expected.totals.count.to_string()));
    assert!(shows(&app, &money(expected.totals.revenue_lost_cents)), "revenue lost");
    assert!(shows(&app, &money(expected.totals.net_loss_cents())), "net loss");
    assert!(shows(&app, &format!("{} first · {} repeated", expected.totals.first, expected.totals.repeated)));
    click_text(&mut app, &mut s.store, "Export CSV");
    let written = s.dir.path().join("exports").join("no-shows-2026-10-01-2026-10-31.csv");
    assert!(shows(&app, &format!("Exported to {}", written.display())));
    let rows = csv::Reader::from_path(&written).unwrap().records().count();
    assert_eq!(rows as u32, expected.totals.count);
    assert!(shows(&app, "Open folder"));
    // A period that ends before it starts is refused in words.
    send(&mut app, &mut s.store, Message::Reports(salondesk::ui::screen::reports::Message::To("01/09/2026".into())));
    click_text(&mut app, &mut s.store, "Show");
    assert!(shows(&app, "The end must be after the start."));
}

#[test]
fn upcoming_appointments_carry_their_no_show_risk_with_reasons() {
    let mut s = demo_salon(Language::En);
    // A regular booked later today, who then missed their two visits before it.
    let app = desk(&mut s.store, Language::En);
    let earlier_visits = |store: &salondesk::store::Store, a: &salondesk::domain::Appointment| -> Vec<i64> {
        let c = common::raw(store);
        let mut stmt = c
            .prepare("SELECT id FROM appointments WHERE customer_id = ?1 AND starts_at < ?2 AND state = 'completed' ORDER BY starts_at DESC LIMIT 2")
            .unwrap();
        stmt.query_map([a.customer_id.unwrap(), a.slot.start.timestamp()], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    let target = app
        .calendar
        .appointments
        .iter()
        .filter(|a| a.state == AppointmentState::Booked && a.is_linked() && a.slot.start > app.now)
        .find(|a| earlier_visits(&s.store, a).len() == 2 && !s.store.has_reminder(a).unwrap())
        .cloned()
        .expect("a regular booked later today");
    let earlier = earlier_visits(&s.store, &target);
    assert_eq!(earlier.len(), 2, "a regular with history");
    for id in &earlier {
        s.store.set_state(*id, AppointmentState::Arrived, "").unwrap();
        s.store.set_state(*id, AppointmentState::NoShow, "Forgot").unwrap();
    }
    let app = desk(&mut s.store, Language::En);
    let risk = app.calendar.risks.get(&target.id).expect("a risk for the upcoming appointment");
    assert_eq!(risk.level, salondesk::domain::risk::RiskLevel::High);
    let words = salondesk::ui::widget::time_grid::risk_reasons(Language::En, risk);
    assert!(words.starts_with("2 of last"), "{words}");
    assert!(words.ends_with("no reminder planned"), "{words}");
    assert!(shows(&app, "high risk"), "the calendar marks it");
    // A planned reminder counts in the appointment's favour.
    let reminded: Vec<_> = app
        .calendar
        .risks
        .iter()
        .filter(|(id, _)| {
            let a = app.calendar.appointments.iter().find(|a| a.id == **id).unwrap();
            s.store.has_reminder(a).unwrap()
        })
        .collect();
    assert!(!reminded.is_empty(), "the demo plans reminders");
    for (_, risk) in reminded {
        let words = salondesk::ui::widget::time_grid::risk_reasons(Language::En, risk);
        assert!(!words.contains("no reminder planned"), "{words}");
    }
    // Past and cancelled appointments carry no risk.
    assert!(
        app.calendar
            .appointments
            .iter()
            .filter(|a| a.slot.start < app.now)
            .all(|a| !app.calendar.risks.contains_key(&a.id))
    );
}

/// A program that records what the desk hands to the "operating system".
fn recording_opener(dir: &std::path::Path) -> (salondesk::ui::app::Opener, std::path::PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let log = dir.join("opened.txt");
    let script = dir.join("opener.sh");
    std::fs::write(&script, format!("#!/bin/sh\necho \"$1\" >> '{}'\n", log.display())).unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    (salondesk::ui::app::Opener::Program(script), log)
}

#[test]
fn the_call_list_calls_through_the_system_and_ticks_confirmations() {
    let mut s = demo_salon(Language::En);
    let (opener, log) = recording_opener(s.dir.path());
    let mut app = desk(&mut s.store, Language::En).with_opener(opener);
    click_text(&mut app, &mut s.store, "Call list");
    let list = app.calendar.call_list.clone().expect("the list opened");
    assert_eq!(list.date, today() + Duration::days(1), "tomorrow");
    assert!(!list.rows.is_empty(), "the demo has risky or new customers tomorrow");
    assert!(shows(&app, "Call to confirm: Tuesday 24 November 2026"));
    let first = list.rows.iter().find(|e| !e.appointment.customer_phone.is_empty()).cloned().unwrap().appointment;
    click_text(&mut app, &mut s.store, "Call");
    let opened = std::fs::read_to_string(&log).expect("a link was handed over");
    let expected = salondesk::domain::call::call_uri("tel:{number}", &list.rows[0].appointment.customer_phone);
    assert_eq!(opened.trim(), expected.unwrap_or_default(), "the first row's number, as a tel: link");
    assert!(opened.starts_with("tel:+"));
    send(&mut app, &mut s.store, Message::Calendar(salondesk::ui::screen::calendar::Message::Confirm(first.id, true)));
    assert!(s.store.confirmed(first.id).unwrap());
    let row = app.calendar.call_list.as_ref().unwrap().rows.iter().find(|e| e.appointment.id == first.id).cloned();
    assert!(row.unwrap().confirmed, "ticked in the list too");
    click_text(&mut app, &mut s.store, "Close");
    assert!(app.calendar.call_list.is_none());
}

#[test]
fn the_call_list_asks_a_customer_to_confirm_and_then_says_so_instead_of_offering_it_again() {
    let mut s = demo_salon(Language::De);
    let mut app = desk(&mut s.store, Language::De);
    click_text(&mut app, &mut s.store, "Anrufliste");
    let list = app.calendar.call_list.clone().expect("the list opened");
    // Where the first "ask" button is: on the first line not yet confirmed.
    let first_ask = |app: &App| simulator(app).find("Bestätigung anfragen".to_string()).ok().map(|b| b.bounds().y);
    let before = first_ask(&app).expect("offered");
    let first = list.rows.iter().find(|e| !e.confirmed).cloned().expect("someone to ask").appointment;

    click_text(&mut app, &mut s.store, "Bestätigung anfragen");
    let asked: Vec<_> = s
        .store
        .appointment_messages(first.id)
        .unwrap()
        .into_iter()
        .filter(|m| m.kind == Kind::ConfirmRequest)
        .collect();
    assert_eq!(asked.len(), 1, "one request, for the first line");
    assert!(asked[0].body.contains("bestätigen"), "in her language: {}", asked[0].body);
    assert!(shows(&app, "Bitte um Bestätigung geht raus"), "the notice says it is on its way");
    assert!(shows(&app, "Anfrage wartet auf Versand"), "the line says it waits (nothing is set up to send it)");
    assert!(first_ask(&app).is_none_or(|y| y > before), "not offered again on that line");
}

#[test]
fn a_sip_template_is_used_by_the_call_button_on_the_card() {
    let mut s = demo_salon(Language::Nl);
    let (opener, log) = recording_opener(s.dir.path());
    s.store.set_call_template("sip:{number}@pbx.salon.local").unwrap();
    let mut app = desk(&mut s.store, Language::Nl).with_opener(opener);
    let customer = app.calendar.appointments.iter().find(|a| !a.customer_phone.is_empty()).cloned().unwrap();
    send(&mut app, &mut s.store, Message::Navigate(Screen::Customers));
    send(
        &mut app,
        &mut s.store,
        Message::Customers(salondesk::ui::screen::customers::Message::Open(customer.customer_id.unwrap())),
    );
    click_text(&mut app, &mut s.store, "Bellen");
    let opened = std::fs::read_to_string(&log).unwrap();
    assert!(opened.starts_with("sip:+") && opened.trim().ends_with("@pbx.salon.local"), "{opened}");
    // A template without the number is refused in Settings, in Dutch.
    click_text(&mut app, &mut s.store, "Instellingen");
    let field = salondesk::ui::screen::settings::Field::CallTemplate;
    send(
        &mut app,
        &mut s.store,
        Message::Settings(salondesk::ui::screen::settings::Message::Edit(field, "bel mij".into())),
    );
    click_text(&mut app, &mut s.store, "Opslaan");
    assert!(shows(
        &app,
        "\"bel mij\" is geen bel-link; schrijf hem als tel:{number} of sip:{number}@uw-telefooncentrale."
    ));
    assert_eq!(s.store.call_template().unwrap(), "sip:{number}@pbx.salon.local");
}

#[test]
fn a_rule_set_in_settings_suggests_a_status_after_the_second_no_show() {
    use salondesk::ui::screen::settings::{self, statuses};
    use salondesk::ui::widget::choice::Choice;
    let mut s = demo_salon(Language::En);
    let mut app = desk(&mut s.store, Language::En);
    let unreliable = s.store.statuses().unwrap().into_iter().find(|x| x.name == "Unreliable").unwrap();
    click_text(&mut app, &mut s.store, "Settings");
    send(&mut app, &mut s.store, Message::Settings(settings::Message::Tab(settings::Tab::Statuses)));
    let rule = |m: statuses::Message| Message::Settings(settings::Message::Statuses(m));
    send(
        &mut app,
        &mut s.store,
        rule(statuses::Message::RuleStatus(Choice { id: unreliable.id, label: unreliable.name.clone() })),
    );
    click_text(&mut app, &mut s.store, "Add rule");
    assert!(shows(&app, "After 2 no-shows within 6 months: suggest \"Unreliable\""));

    // A regular who missed once recently misses again today.
    let last_visit = |store: &salondesk::store::Store, a: &salondesk::domain::Appointment| -> Option<i64> {
        common::raw(store)
            .query_row(
                "SELECT id FROM appointments WHERE customer_id = ?1 AND starts_at < ?2 AND state = 'completed' ORDER BY starts_at DESC LIMIT 1",
                [a.customer_id.unwrap(), a.slot.start.timestamp()],
                |r| r.get(0),
            )
            .ok()
    };
    let (target, earlier) = app
        .calendar
        .appointments
        .iter()
        .filter(|a| a.state == AppointmentState::Booked && a.is_linked())
        .filter(|a| s.store.customer(a.customer_id.unwrap()).unwrap().status_id != Some(unreliable.id))
        .find_map(|a| last_visit(&s.store, a).map(|e| (a.clone(), e)))
        .expect("a regular booked today");
    let customer = target.customer_id.unwrap();
    s.store.set_state(earlier, AppointmentState::Arrived, "").unwrap();
    s.store.set_state(earlier, AppointmentState::NoShow, "Forgot").unwrap();
    send(&mut app, &mut s.store, Message::Navigate(Screen::Calendar));
    click_text(&mut app, &mut s.store, &target.customer_name);
    click_text(&mut app, &mut s.store, "No-show…");
    click_text(&mut app, &mut s.store, "Forgot");
    click_text(&mut app, &mut s.store, "Mark as no-show");
    let question = format!("{}: 2 no-shows within 6 months. Give the status \"Unreliable\"?", target.customer_name);
    assert!(shows(&app, &question), "the desk is asked");
    assert_ne!(s.store.customer(customer).unwrap().status_id, Some(unreliable.id), "only suggested");
    click_text(&mut app, &mut s.store, "Give \"Unreliable\"");
    assert_eq!(s.store.customer(customer).unwrap().status_id, Some(unreliable.id));
    assert_eq!(s.store.status_history(customer).unwrap()[0].reason, "rule:2:6");
    assert!(!shows(&app, &question));
}

#[test]
fn a_document_dropped_on_the_card_is_kept_opened_and_removed() {
    use salondesk::ui::screen::customers::Message as Card;
    let mut s = demo_salon(Language::En);
    let (opener, log) = recording_opener(s.dir.path());
    let mut app = desk(&mut s.store, Language::En).with_opener(opener);
    let customer = app.calendar.appointments.iter().find_map(|a| a.customer_id).unwrap();
    // Dropped with no card open: said how to do it, nothing attached.
    let outside = tempfile::tempdir().unwrap();
    let photo = outside.path().join("colour chart.jpg");
    std::fs::write(&photo, vec![0u8; 3000]).unwrap();
    send(&mut app, &mut s.store, Message::FileDropped(photo.clone()));
    assert!(shows(&app, "Open a customer card first; a file dropped there is attached to it."));
    send(&mut app, &mut s.store, Message::Navigate(Screen::Customers));
    send(&mut app, &mut s.store, Message::Customers(Card::Open(customer)));
    send(&mut app, &mut s.store, Message::FileDropped(photo.clone()));
    assert!(shows(&app, "colour chart.jpg") && shows(&app, "2 KB"), "listed with its size");
    let doc = s.store.documents(customer).unwrap().remove(0);
    send(&mut app, &mut s.store, Message::Customers(Card::OpenDocument(doc.path.clone())));
    assert_eq!(
        std::fs::read_to_string(&log).unwrap().trim(),
        doc.path.display().to_string(),
        "the salon's copy is opened"
    );
    // The copy gone from the folder: said clearly, nothing opened.
    std::fs::remove_file(&doc.path).unwrap();
    send(&mut app, &mut s.store, Message::Customers(Card::OpenDocument(doc.path.clone())));
    assert!(shows(&app, &format!("The document is missing from the salon's folder: {}", doc.path.display())));
    send(&mut app, &mut s.store, Message::Customers(Card::RemoveDocument(doc.id)));
    assert!(s.store.documents(customer).unwrap().is_empty());
    assert!(shows(&app, "No documents."));
    // A file dialog answered with nothing (cancel, or no portal) attaches nothing.
    send(&mut app, &mut s.store, Message::Customers(Card::FilePicked(customer, None)));
    assert!(s.store.documents(customer).unwrap().is_empty());
}

#[test]
fn a_deposit_paid_is_kept_when_the_customer_does_not_come() {
    use salondesk::ui::screen::calendar::{self, appointment};
    let mut s = demo_salon(Language::En);
    let mut app = desk(&mut s.store, Language::En);
    let target = app
        .calendar
        .appointments
        .iter()
        .find(|a| a.state == AppointmentState::Booked && a.is_linked() && a.deposit_cents == 0 && a.minutes() >= 30)
        .cloned()
        .unwrap();
    click_text(&mut app, &mut s.store, &target.customer_name);
    let dialog = |m| Message::Calendar(calendar::Message::Dialog(m));
    send(&mut app, &mut s.store, dialog(appointment::Message::DepositTyped("ten".into())));
    click_text(&mut app, &mut s.store, "Save");
    assert!(shows(&app, "\"ten\" is not an amount; write it like 45.00."), "refused in words");
    send(&mut app, &mut s.store, dialog(appointment::Message::DepositTyped("10.00".into())));
    click_text(&mut app, &mut s.store, "Save");
    assert_eq!(s.store.appointment(target.id).unwrap().deposit_cents, 1000);
    click_text(&mut app, &mut s.store, &target.customer_name);
    click_text(&mut app, &mut s.store, "No-show…");
    click_text(&mut app, &mut s.store, "Forgot");
    click_text(&mut app, &mut s.store, "Mark as no-show");
    let tz = s.store.salon().unwrap().time_zone;
    let report = s.store.no_show_report(tz, today(), today(), chrono::Weekday::Mon).unwrap();
    let line = report.lines.iter().find(|l| l.appointment_id == target.id).unwrap();
    assert_eq!(line.deposit_cents, 1000, "the report counts it as kept");
    assert!(report.totals.deposits_kept_cents >= 1000);
}

#[test]
fn a_reminder_is_switched_on_from_the_overview_and_a_failed_message_retried() {
    let mut salon = demo_salon(Language::De);
    let store = &mut salon.store;
    let tz = store.salon().unwrap().time_zone;
    store.set_now(Some(clock::local_to_utc(tz, today(), 11 * 60 + 40)));
    let mut app = desk(store, Language::De);
    click_text(&mut app, store, "Nachrichten");
    let before = app.messages.loaded.next.clone();
    click_text(&mut app, store, "Nächste 7 Tage");
    assert!(shows(&app, "Ohne Erinnerung"));
    let first = before.without.iter().find(|a| a.customer_id.is_some() && a.slot.start > app.now).unwrap().clone();
    click_text(&mut app, store, "Erinnern");
    assert!(shows(&app, "Die Erinnerung ist unterwegs."), "the desk is told");
    assert!(store.has_reminder(&first).unwrap(), "a reminder is planned for {}", first.customer_name);
    assert_eq!(app.messages.loaded.next.with, before.with + 1);
    assert_eq!(app.messages.loaded.next.without.len(), before.without.len() - 1);

    // The mail server is down: the message fails, the badge counts it, Retry queues it again.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port().to_string();
    drop(closed);
    for (k, v) in [
        ("smtp.host", "127.0.0.1"),
        ("smtp.port", port.as_str()),
        ("smtp.security", "none"),
        ("smtp.from", "salon@example.de"),
    ] {
        store.set_config(k, v).unwrap();
    }
    let summary = salondesk::sending::scheduler::run_due(store, store.now()).unwrap();
    assert!(summary.failed >= 1, "{summary:?}");
    send(&mut app, store, Message::Navigate(Screen::Calendar));
    // The sender tells the desk what it did.
    send(&mut app, store, Message::Sent(summary.clone()));
    assert!(shows(&app, &summary.failed.to_string()), "the badge shows how many failed");
    click_text(&mut app, store, "Nachrichten");
    click_text(&mut app, store, "Postausgang");
    assert!(shows(&app, "fehlgeschlagen"));
    let failed = store.outbox(salondesk::store::OutboxView::Failed, 1000).unwrap();
    click_text(&mut app, store, "Erneut senden");
    assert!(shows(&app, "Wird gleich erneut gesendet."));
    assert_eq!(store.outbox(salondesk::store::OutboxView::Failed, 1000).unwrap().len(), failed.len() - 1);
}

fn key_with(app: &mut App, store: &mut Store, key: Key, modifiers: keyboard::Modifiers) {
    let event = keyboard::Event::KeyPressed {
        key: key.clone(),
        modified_key: key,
        physical_key: keyboard::key::Physical::Unidentified(keyboard::key::NativeCode::Unidentified),
        location: keyboard::Location::Standard,
        modifiers,
        text: None,
        repeat: false,
    };
    send(app, store, Message::Key(event));
}

/// A free slot of the first staff member this afternoon, opened as a new booking.
fn new_booking_on_a_free_slot(app: &mut App, store: &mut Store) {
    let tz = store.salon().unwrap().time_zone;
    let staff = app.data.as_ref().unwrap().staff[0].id;
    let free = store.next_free_start(tz, staff, 30, clock::local_to_utc(tz, today(), 14 * 60), None).unwrap().unwrap();
    let local = clock::to_local(tz, free);
    let minute = clock::minute_of(tz, local.date(), free) as u32;
    let slot = salondesk::ui::screen::calendar::Message::SlotClicked { staff_id: staff, date: local.date(), minute };
    send(app, store, Message::Calendar(slot));
}

#[test]
fn a_known_customers_phone_number_and_enter_books_on_her_card_never_as_a_name() {
    let mut s = demo_salon(Language::En);
    let mut app = desk(&mut s.store, Language::En);
    let known = s.store.search_customers("Alfie", 30).unwrap().into_iter().find(|h| !h.phone.is_empty()).unwrap();
    new_booking_on_a_free_slot(&mut app, &mut s.store);
    let draft = app.calendar.dialog.as_ref().unwrap().clone();
    type_into(&mut app, &mut s.store, CUSTOMER_ID, &known.phone);
    key(&mut app, &mut s.store, Key::Named(Named::Enter));
    assert!(app.calendar.dialog.is_none(), "saved");
    let tz = s.store.salon().unwrap().time_zone;
    let start =
        clock::local_to_utc(tz, clock::parse_date(&draft.date).unwrap(), clock::parse_time(&draft.time).unwrap());
    let booked = s.store.appointments_between(start, start + Duration::minutes(1)).unwrap();
    let mine = booked.iter().find(|a| a.staff_id == draft.staff.as_ref().unwrap().id).expect("booked");
    assert_eq!(mine.customer_id, Some(known.id), "on the card of the customer with that number");
    assert_ne!(mine.customer_name, known.phone, "a number is never a name");

    // A number nobody has: said so, nothing saved.
    new_booking_on_a_free_slot(&mut app, &mut s.store);
    let before = s.store.appointments_on_days(tz, today(), 1).unwrap().len();
    type_into(&mut app, &mut s.store, CUSTOMER_ID, "0170 9999999");
    key(&mut app, &mut s.store, Key::Named(Named::Enter));
    assert!(app.calendar.dialog.is_some(), "the dialog stays open");
    assert!(shows(
        &app,
        "No customer has \"0170 9999999\". Pick the customer from the list, type their name, or create their card."
    ));
    assert_eq!(s.store.appointments_on_days(tz, today(), 1).unwrap().len(), before, "nothing saved");
}

#[test]
fn keys_do_nothing_behind_what_is_open_and_esc_closes_it() {
    let mut s = demo_salon(Language::En);
    let mut app = desk(&mut s.store, Language::En);
    let day = app.calendar.date;
    click_text(&mut app, &mut s.store, "Call list");
    assert!(app.calendar.call_list.is_some());
    key(&mut app, &mut s.store, Key::Named(Named::ArrowRight));
    key(&mut app, &mut s.store, Key::Character("t".into()));
    assert_eq!(app.calendar.date, day, "the day behind the call list stays");
    key(&mut app, &mut s.store, Key::Named(Named::Escape));
    assert!(app.calendar.call_list.is_none(), "Esc closes the call list");
    key(&mut app, &mut s.store, Key::Named(Named::ArrowRight));
    assert_eq!(app.calendar.date, day + Duration::days(1), "with nothing open the arrows move the day");
}

#[test]
fn ctrl_f_starts_a_new_search_and_enter_opens_the_first_customer_found() {
    let mut s = demo_salon(Language::En);
    let mut app = desk(&mut s.store, Language::En);
    key_with(&mut app, &mut s.store, Key::Character("f".into()), keyboard::Modifiers::CTRL);
    type_into(&mut app, &mut s.store, SEARCH_ID, "hann");
    key(&mut app, &mut s.store, Key::Named(Named::Escape));
    key_with(&mut app, &mut s.store, Key::Character("f".into()), keyboard::Modifiers::CTRL);
    assert_eq!(app.customers.query, "", "the old text is gone");
    type_into(&mut app, &mut s.store, SEARCH_ID, "alfie");
    let first = app.customers.hits.first().cloned().expect("found");
    // Enter in the search field: the field itself submits it.
    let messages: Vec<Message> = {
        let mut ui = simulator(&app);
        ui.click(selector::id(SEARCH_ID)).expect("the field");
        ui.tap_key(Key::Named(Named::Enter));
        ui.into_messages().collect()
    };
    deliver(&mut app, &mut s.store, messages);
    assert_eq!(app.customers.open_id(), Some(first.id), "the first customer found is opened");
}

#[test]
fn a_notice_floats_over_the_calendar_and_moves_nothing() {
    let mut s = demo_salon(Language::En);
    let mut app = desk(&mut s.store, Language::En);
    let column_before = simulator(&app).find("Lena".to_string()).expect("a column").bounds();
    new_booking_on_a_free_slot(&mut app, &mut s.store);
    type_into(&mut app, &mut s.store, CUSTOMER_ID, "Walk-in Wendy");
    click_text(&mut app, &mut s.store, "Save");
    assert!(shows(&app, "Appointment booked."));
    let column_after = simulator(&app).find("Lena".to_string()).expect("a column").bounds();
    assert_eq!(column_before, column_after, "the calendar stays where the pointer is");
}

#[test]
fn an_absence_over_booked_appointments_warns_lists_them_and_marks_them_to_move() {
    use salondesk::ui::screen::settings::{self, Field};
    let mut s = demo_salon(Language::En);
    let mut app = desk(&mut s.store, Language::En);
    // Whoever has the most appointments today falls ill.
    let day = app.calendar.appointments.clone();
    let staff = app.data.as_ref().unwrap().staff.clone();
    let ill = staff
        .iter()
        .max_by_key(|st| day.iter().filter(|a| a.staff_id == st.id && a.state.blocks_time()).count())
        .unwrap()
        .clone();
    let booked = day.iter().filter(|a| a.staff_id == ill.id && a.state.blocks_time()).count();
    assert!(booked > 0);
    click_text(&mut app, &mut s.store, "Settings");
    send(&mut app, &mut s.store, Message::Settings(settings::Message::Tab(settings::Tab::Staff)));
    send(&mut app, &mut s.store, Message::Settings(settings::Message::PickStaff(ill.id)));
    let date = salondesk::ui::i18n::date_numeric(Language::En, today());
    let edit = |field, v: &str| Message::Settings(settings::Message::Edit(field, v.to_string()));
    send(&mut app, &mut s.store, edit(Field::AbsenceFrom, &date));
    send(&mut app, &mut s.store, edit(Field::AbsenceReason, "ill"));
    click_text(&mut app, &mut s.store, "Add absence");
    assert!(shows(&app, &format!("{} has {booked} appointments in this absence:", ill.name)), "warned with the count");
    let first = day.iter().find(|a| a.staff_id == ill.id && a.state.blocks_time()).unwrap();
    assert!(shows(&app, &first.customer_name), "and each appointment listed");
    let absences = |store: &Store| store.staff().unwrap().iter().find(|st| st.id == ill.id).unwrap().absences.len();
    let before = absences(&s.store);
    assert_eq!(before, ill.absences.len(), "not yet added");

    click_text(&mut app, &mut s.store, "Add the absence anyway");
    assert!(shows(&app, "Absence added. Appointments in it are marked in the calendar until they are moved."));
    assert_eq!(absences(&s.store), before + 1);
    assert!(shows(&app, "ill"), "the absence list stays, with the same staff member picked");
    click_text(&mut app, &mut s.store, "Calendar");
    assert!(shows(&app, "away — move"), "the appointments are marked in the calendar");
}

#[test]
fn booking_on_a_day_off_or_in_the_past_warns_before_saving() {
    use salondesk::ui::screen::calendar;
    let mut s = common::salon();
    let mut app = desk(&mut s.store, Language::En);
    // Sunday 22 November: Lena does not work on Sundays, and it has passed.
    let sunday = today() - Duration::days(1);
    send(
        &mut app,
        &mut s.store,
        Message::Calendar(calendar::Message::SlotClicked { staff_id: 1, date: sunday, minute: 600 }),
    );
    type_into(&mut app, &mut s.store, CUSTOMER_ID, "Walk-in Wendy");
    click_text(&mut app, &mut s.store, "Save");
    assert!(shows(&app, "Lena does not work on that day."));
    assert!(shows(&app, "This time has already passed."));
    let sunday_start = clock::local_to_utc(chrono_tz::Europe::Berlin, sunday, 600);
    assert!(s.store.appointments_between(sunday_start, sunday_start + Duration::hours(1)).unwrap().is_empty());
    click_text(&mut app, &mut s.store, "Save anyway");
    assert_eq!(s.store.appointments_between(sunday_start, sunday_start + Duration::hours(1)).unwrap().len(), 1);
}

#[test]
fn the_last_change_is_taken_back_from_its_notice() {
    let mut s = demo_salon(Language::En);
    let mut app = desk(&mut s.store, Language::En);
    // A no-show marked by mistake: Undo, and it is booked again.
    let target = booked_linked(&app);
    click_text(&mut app, &mut s.store, &target.customer_name);
    click_text(&mut app, &mut s.store, "No-show…");
    click_text(&mut app, &mut s.store, "Forgot");
    click_text(&mut app, &mut s.store, "Mark as no-show");
    assert_eq!(s.store.appointment(target.id).unwrap().state, AppointmentState::NoShow);
    click_text(&mut app, &mut s.store, "Undo");
    assert!(shows(&app, "Taken back."));
    assert_eq!(s.store.appointment(target.id).unwrap().state, AppointmentState::Booked);
    assert!(!shows(&app, "Undo"), "one change back, not two");

    // A move to another hour: Undo puts it back where it was.
    click_text(&mut app, &mut s.store, &target.customer_name);
    let tz = s.store.salon().unwrap().time_zone;
    let free = s
        .store
        .next_free_start(tz, target.staff_id, target.minutes() as u32, target.slot.start + Duration::days(7), None)
        .unwrap()
        .expect("a free time next week");
    let dialog = |m| Message::Calendar(salondesk::ui::screen::calendar::Message::Dialog(m));
    use salondesk::ui::screen::calendar::appointment::Message as Dialog;
    let later = clock::to_local(tz, free);
    let date = salondesk::ui::i18n::date_numeric(Language::En, later.date());
    send(&mut app, &mut s.store, dialog(Dialog::DateTyped(date)));
    send(&mut app, &mut s.store, dialog(Dialog::TimeTyped(later.format("%H:%M").to_string())));
    click_text(&mut app, &mut s.store, "Save");
    if shows(&app, "Save anyway") {
        click_text(&mut app, &mut s.store, "Save anyway");
    }
    let moved = s.store.appointment(target.id).unwrap();
    assert_ne!(moved.slot, target.slot, "moved a week on");
    click_text(&mut app, &mut s.store, "Undo");
    assert_eq!(s.store.appointment(target.id).unwrap().slot, target.slot, "back at its time");
}

#[test]
fn a_german_salons_export_opens_in_columns_with_umlauts_and_decimal_commas() {
    let mut s = demo_salon(Language::De);
    let mut app = desk(&mut s.store, Language::De);
    click_text(&mut app, &mut s.store, "Berichte");
    click_text(&mut app, &mut s.store, "CSV exportieren");
    let written = s.dir.path().join("exports").join("no-shows-2026-10-01-2026-10-31.csv");
    let bytes = std::fs::read(&written).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "a byte order mark: Excel reads UTF-8");
    let text = String::from_utf8(bytes).unwrap();
    let mut sheet =
        csv::ReaderBuilder::new().delimiter(b';').from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = sheet.headers().unwrap().clone();
    assert_eq!(&headers[0], "Datum");
    assert_eq!(&headers[11], "Anzahlung einbehalten", "twelve columns, split at ';'");
    let rows: Vec<csv::StringRecord> = sheet.records().map(|r| r.unwrap()).collect();
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(|r| r[5].contains(',') && !r[5].contains('.')),
        "prices with a decimal comma: {:?}",
        rows[0]
    );
    assert!(rows.iter().all(|r| r[0].contains('.') && r[0].len() == 10), "dates as 31.10.2026: {:?}", rows[0]);
    assert!(rows.iter().any(|r| r[4].chars().any(|c| "äöüÄÖÜß".contains(c))), "umlauts kept (Färben, Strähnen …)");
}

#[test]
fn an_unknown_placeholder_in_a_text_is_named_not_taken_for_a_call_link() {
    use salondesk::ui::screen::messages;
    let mut s = demo_salon(Language::En);
    let mut app = desk(&mut s.store, Language::En);
    click_text(&mut app, &mut s.store, "Messages");
    send(&mut app, &mut s.store, Message::Messages(messages::Message::Tab(messages::Tab::Texts)));
    let email = salondesk::message::defaults::Channel::Email;
    send(&mut app, &mut s.store, Message::Messages(messages::Message::Channel(email)));
    send(&mut app, &mut s.store, Message::Messages(messages::Message::Subject("See you, {firstname}".into())));
    send(&mut app, &mut s.store, Message::Messages(messages::Message::SaveText));
    assert!(
        shows(
            &app,
            "The text uses {firstname}, which Salondesk cannot fill in; use only the placeholders listed beside it."
        ),
        "the unknown placeholder is named"
    );
    assert!(!shows(&app, "is not a call link"));
}

#[test]
fn twelve_staff_fit_the_day_at_1366_with_their_names_and_marks_whole() {
    use salondesk::domain::schedule::{DaySpan, Staff, WorkDay};
    let mut s = common::salon();
    let day = Some(WorkDay { hours: DaySpan { start: 540, end: 1080 }, pause: None });
    let names = [
        "Charlotte",
        "Mohammed",
        "Friederike",
        "Annabel",
        "Jonathan",
        "Margarethe",
        "Sebastian",
        "Ingeborg",
        "Konstantin",
        "Valentina",
    ];
    for name in names {
        let staff = Staff { id: 0, name: name.into(), week: [day; 7], absences: vec![], active: true };
        s.store.save_staff(&staff).unwrap();
    }
    // A walk-in (not linked) with the last of them.
    let last = s.store.staff().unwrap().into_iter().find(|st| st.name == "Valentina").unwrap();
    let start = clock::local_to_utc(chrono_tz::Europe::Berlin, today(), 14 * 60);
    let walk_in = salondesk::store::NewAppointment {
        staff_id: last.id,
        customer_id: None,
        walk_in_name: "Walk-in Wendy".into(),
        ..common::cut_with_lena(0, start)
    };
    s.store.book(&walk_in).unwrap();
    let app = desk(&mut s.store, Language::De);
    let mut ui = simulator(&app);
    for name in names.iter().chain(&["Lena", "Marco"]) {
        let bounds = ui.find(name.to_string()).unwrap_or_else(|_| panic!("{name} is shown whole")).bounds();
        assert!(bounds.x + bounds.width <= SIZE.0, "{name} fits on the screen: {bounds:?}");
    }
    let sign = ui.find("?".to_string()).expect("the walk-in's mark is one sign");
    let seen = sign.visible_bounds().expect("on screen");
    assert!((seen.width - sign.bounds().width).abs() < 0.5, "and not clipped by its block: {seen:?}");
    assert!(ui.find("nicht verknüpft".to_string()).is_err(), "not a chip cut in half");
    if let Some(out) = std::env::var_os("SALONDESK_LOOK") {
        salondesk::ui::screenshots::shoot(&app, std::path::Path::new(&out), "twelve-staff", SIZE).unwrap();
    }
}

/// Raw pointer events on the desk as it is drawn now, then delivered.
fn pointer(app: &mut App, store: &mut Store, at: Point, event: iced::mouse::Event) {
    let messages: Vec<Message> = {
        let mut ui = simulator(app);
        ui.point_at(at);
        ui.simulate([iced::Event::Mouse(event)]);
        ui.into_messages().collect()
    };
    deliver(app, store, messages);
}

#[test]
fn an_appointment_dragged_to_another_staff_member_moves_there_and_a_taken_time_is_refused() {
    use iced::mouse::{Button, Event as Mouse};
    let mut s = demo_salon(Language::En);
    let mut app = desk(&mut s.store, Language::En);
    let day = app.calendar.appointments.clone();
    let staff = app.data.as_ref().unwrap().staff.clone();
    // A booked appointment, and another staff member free at its time.
    let (target, other) = day
        .iter()
        .filter(|a| a.state == AppointmentState::Booked && a.minutes() >= 30)
        .find_map(|a| {
            let free = |st: &&salondesk::domain::schedule::Staff| {
                st.id != a.staff_id && st.active && !day.iter().any(|b| b.staff_id == st.id && b.slot.overlaps(&a.slot))
            };
            staff.iter().find(free).map(|st| (a.clone(), st.clone()))
        })
        .expect("an appointment another staff member could take");
    let grab = simulator(&app).find(target.customer_name.clone()).unwrap().bounds().center();
    let column = simulator(&app).find(other.name.clone()).unwrap().bounds();
    let drop = Point::new(column.center_x(), grab.y);
    pointer(&mut app, &mut s.store, grab, Mouse::ButtonPressed(Button::Left));
    pointer(&mut app, &mut s.store, Point::new(grab.x, grab.y + 2.0), Mouse::CursorMoved { position: grab });
    pointer(&mut app, &mut s.store, drop, Mouse::CursorMoved { position: drop });
    pointer(&mut app, &mut s.store, drop, Mouse::ButtonReleased(Button::Left));
    if shows(&app, "Save anyway") {
        click_text(&mut app, &mut s.store, "Save anyway");
    }
    let moved = s.store.appointment(target.id).unwrap();
    assert_eq!((moved.staff_id, moved.slot), (other.id, target.slot), "same time, the other staff member");
    assert!(shows(&app, "Undo"), "and it can be taken back");

    // Dragged onto a time that is taken: refused as the dialog refuses it.
    let busy = day
        .iter()
        .find(|b| b.staff_id == target.staff_id && b.id != target.id && b.state.blocks_time() && b.minutes() >= 30)
        .expect("another appointment of the first staff member")
        .clone();
    let grab = simulator(&app).find(target.customer_name.clone()).unwrap().bounds().center();
    let onto = simulator(&app).find(busy.customer_name.clone()).unwrap().bounds().center();
    pointer(&mut app, &mut s.store, grab, Mouse::ButtonPressed(Button::Left));
    pointer(&mut app, &mut s.store, grab, Mouse::CursorMoved { position: Point::new(grab.x, grab.y + 1.0) });
    pointer(&mut app, &mut s.store, onto, Mouse::CursorMoved { position: onto });
    pointer(&mut app, &mut s.store, onto, Mouse::ButtonReleased(Button::Left));
    assert!(shows(&app, "This staff member already has an appointment at that time."));
    assert_eq!(s.store.appointment(target.id).unwrap().staff_id, other.id, "not moved onto it");
    send(&mut app, &mut s.store, Message::Calendar(salondesk::ui::screen::calendar::Message::CloseDialog));

    // Let go over the hours, outside every column: nothing moves, and a click opens it again.
    let before = s.store.appointment(target.id).unwrap();
    let grab = simulator(&app).find(target.customer_name.clone()).unwrap().bounds().center();
    let hours = Point::new(20.0, grab.y + 60.0);
    pointer(&mut app, &mut s.store, grab, Mouse::ButtonPressed(Button::Left));
    pointer(&mut app, &mut s.store, grab, Mouse::CursorMoved { position: Point::new(grab.x, grab.y + 1.0) });
    pointer(&mut app, &mut s.store, hours, Mouse::CursorMoved { position: hours });
    pointer(&mut app, &mut s.store, hours, Mouse::ButtonReleased(Button::Left));
    assert!(app.calendar.dialog.is_none(), "no move asked for");
    assert!(!app.calendar.is_dragging(), "the grab ended with the release");
    assert_eq!(s.store.appointment(target.id).unwrap().slot, before.slot);
    click_text(&mut app, &mut s.store, &target.customer_name);
    assert!(app.calendar.dialog.is_some(), "the grab ended: a click opens it");
}

#[test]
fn the_week_with_all_staff_shows_every_day_for_everyone_side_by_side() {
    use salondesk::ui::screen::calendar::{self, ALL_STAFF, Mode};
    let mut s = demo_salon(Language::En);
    let mut app = desk(&mut s.store, Language::En);
    send(&mut app, &mut s.store, Message::Calendar(calendar::Message::SetMode(Mode::Week)));
    click_text(&mut app, &mut s.store, "Week");
    let all = salondesk::ui::widget::choice::Choice::new(ALL_STAFF, "All staff".into());
    send(&mut app, &mut s.store, Message::Calendar(calendar::Message::PickWeekStaff(all)));
    let staff: Vec<String> =
        app.data.as_ref().unwrap().staff.iter().filter(|st| st.active).map(|st| st.name.clone()).collect();
    let tuesday = salondesk::ui::i18n::date_short(Language::En, today() + Duration::days(1));
    for name in &staff {
        assert!(shows(&app, &format!("{tuesday} · {name}")), "Tuesday's column of {name}");
    }
    // Someone's appointment later in the week is there without picking them.
    let later = app.calendar.appointments.iter().filter(|a| a.slot.start.date_naive() > today()).count();
    assert!(later > 0, "the whole week is loaded");
    if let Some(out) = std::env::var_os("SALONDESK_LOOK") {
        salondesk::ui::screenshots::shoot(&app, std::path::Path::new(&out), "week-all-staff", SIZE).unwrap();
    }
}

#[test]
fn settings_data_backs_up_now_lists_the_copies_and_asks_before_a_restore() {
    let mut s = demo_salon(Language::En);
    let mut app = desk(&mut s.store, Language::En);
    assert_eq!(s.store.backups().unwrap().len(), 1, "the desk's start made the day's copy");
    click_text(&mut app, &mut s.store, "Settings");
    click_text(&mut app, &mut s.store, "Data");
    assert!(shows(&app, "daily"), "the day's copy is listed");
    click_text(&mut app, &mut s.store, "Back up now");
    let copies = s.store.backups().unwrap();
    assert_eq!(copies.len(), 2);
    assert!(shows(&app, "made by hand"), "the new one is in the list");
    assert!(shows(&app, "Backed up."), "and the notice says so");
    salondesk::store::Store::check_file(&copies[0].path).expect("a whole copy");

    click_text(&mut app, &mut s.store, "Restore…");
    assert!(shows(&app, "Keep the current file"), "asked first, with what happens");
    assert!(shows(&app, "Restore and restart"));
    click_text(&mut app, &mut s.store, "Keep the current file");
    assert!(!shows(&app, "Restore and restart"), "nothing restored");
    assert_eq!(s.store.backups().unwrap().len(), 2);
}

#[test]
fn a_damaged_file_is_offered_its_newest_good_backup() {
    let mut s = demo_salon(Language::De);
    let good = s.store.back_up("").unwrap();
    // A newer copy that is itself damaged is passed over.
    let bad = good.path.with_file_name("salon-20991231-235959.sqlite3");
    std::fs::write(&bad, b"not a database at all").unwrap();
    let err = salondesk::store::StoreError::Damaged("database disk image is malformed".into());
    let (app, _) = App::new(Err(err), Some(Language::De), chrono::Utc::now());
    let (mut app, found) = app.on_file(s.path());
    drive(&mut app, &mut s.store, found);
    assert_eq!(app.good_backup.as_ref().map(|b| &b.path), Some(&good.path));
    assert!(shows(&app, "Wiederherstellen"), "one click to restore it");
}

#[test]
fn a_customer_list_dropped_on_settings_data_is_matched_previewed_checked_imported_and_reported() {
    let mut s = demo_salon(Language::En);
    let list = s.dir.path().join("fresha-clients.csv");
    std::fs::write(
        &list,
        "First Name,Last Name,Mobile Number,Email,Date of Birth,Accepts Marketing\n\
         Jürgen,Groß,0151 99887766,juergen@example.de,1980-03-04,yes\n\
         Zoë,Lind,,zoe@example.nl,31.02.1990,no\n\
         ,,0151 11111111,,,\n",
    )
    .unwrap();
    let before = s.store.customer_count().unwrap();
    let mut app = desk(&mut s.store, Language::En);
    click_text(&mut app, &mut s.store, "Settings");
    click_text(&mut app, &mut s.store, "Data");
    assert!(shows(&app, "Import customers from another program"));
    send(&mut app, &mut s.store, Message::FileDropped(list.clone()));
    assert!(shows(&app, "fresha-clients.csv: 3 rows"), "read, with its rows counted");
    assert!(shows(&app, "Mobile Number"), "each column by its header, with what it was taken for (a pick list)");
    assert!(shows(&app, "Jürgen Groß"), "the first rows as they will be saved");
    let salon = s.store.salon().unwrap();
    let country = salondesk::domain::phone::default_country(salon.time_zone.name(), salon.language);
    let number = salondesk::domain::phone::to_e164("0151 99887766", country).unwrap_or_default();
    let details = salondesk::ui::words::joined(&[number.as_str(), "juergen@example.de", "04/03/1980"]);
    assert!(shows(&app, &details), "number in the salon's country, address, birthday: {details}");
    assert!(shows(&app, "birthday \"31.02.1990\" is not a date: left out"), "said before the import");

    click_text(&mut app, &mut s.store, "Check without saving");
    assert!(shows(&app, "Checked, nothing saved: 2 would be imported, 0 merged, 1 skipped."));
    assert_eq!(s.store.customer_count().unwrap(), before, "a check saves nothing");
    click_text(&mut app, &mut s.store, "Import");
    assert!(shows(&app, "Imported 2 customers, merged 0, skipped 1."));
    assert_eq!(s.store.customer_count().unwrap(), before + 2);
    assert!(shows(&app, "no name: skipped"), "the skipped row and why");
    assert!(shows(&app, "birthday \"31.02.1990\" is not a date: left out"));
    click_text(&mut app, &mut s.store, "Save the report");
    let reports: Vec<_> = std::fs::read_dir(s.dir.path().join("exports")).unwrap().flatten().collect();
    assert_eq!(reports.len(), 1, "the report is in exports/");
    click_text(&mut app, &mut s.store, "Undo the import…");
    assert!(shows(&app, "Restore and restart"), "undoing is a restore of the copy from just before, asked first");
    click_text(&mut app, &mut s.store, "Keep the current file");
    assert_eq!(s.store.customer_count().unwrap(), before + 2);
}

#[test]
fn a_no_show_receipt_is_one_click_on_the_card_and_then_shows_its_number() {
    let mut s = demo_salon(Language::En);
    // A no-show the demo salon has not yet written a receipt for.
    let (customer, missed) = s
        .store
        .search_customers("a", 300)
        .unwrap()
        .into_iter()
        .find_map(|h| {
            let done = s.store.no_show_receipts_of(h.id).unwrap();
            let a = s
                .store
                .customer_appointments(h.id)
                .unwrap()
                .into_iter()
                .find(|a| a.state == AppointmentState::NoShow && !done.iter().any(|(id, _)| *id == a.id))?;
            Some((h.id, a.id))
        })
        .expect("a demo no-show without a receipt");
    let before = s.store.no_show_receipts_of(customer).unwrap().len();
    let mut app = desk(&mut s.store, Language::En);
    click_text(&mut app, &mut s.store, "Customers");
    use salondesk::ui::screen::customers::Message as Card;
    send(&mut app, &mut s.store, Message::Customers(Card::Open(customer)));
    assert!(shows(&app, "No-show receipt"), "offered beside the no-show in the card's archive");
    // The archive is long: the link is pressed where it is, below the fold.
    send(&mut app, &mut s.store, Message::Customers(Card::NoShowReceipt(missed)));
    let receipts = s.store.no_show_receipts_of(customer).unwrap();
    assert_eq!(receipts.len(), before + 1, "one more receipt");
    let (_, number) = receipts.iter().find(|(id, _)| *id == missed).copied().expect("for that no-show");
    assert!(shows(&app, &format!("Receipt no. {number}")), "the card shows its number");
    let record = s.store.checkouts_of(customer).unwrap().into_iter().find(|r| r.number == number).unwrap();
    assert_eq!(record.draft.lines[0].discount_reason, "no_show");
    assert_eq!(record.draft.lines[0].total(), 0, "the service given away in full");
}

#[test]
fn the_reports_show_the_discounts_with_the_demos_no_show_receipts() {
    let mut s = demo_salon(Language::En);
    let mut app = desk(&mut s.store, Language::En);
    click_text(&mut app, &mut s.store, "Reports");
    click_text(&mut app, &mut s.store, "Last 12 months");
    click_text(&mut app, &mut s.store, "Discounts");
    let d = app.reports.discounts.clone().expect("loaded with the period");
    assert!(d.no_show_first + d.no_show_repeated > 0, "the demo recorded no-show receipts");
    assert!(shows(&app, "Given away"));
    let total = salondesk::domain::money::format(d.total_cents, &s.store.salon().unwrap().currency, Language::En);
    assert!(shows(&app, &total), "the total given away: {total}");
    assert!(shows(&app, "No-show"), "per reason, in words");
    assert!(!shows(&app, "Export CSV"), "the no-show CSV is not offered for the discounts");
}

/// An appointment of today that has begun by the desk's 11:40 and is not
/// over in any state: the customer is in the chair.
fn in_the_chair(app: &App) -> salondesk::domain::Appointment {
    app.calendar
        .appointments
        .iter()
        .find(|a| {
            matches!(a.state, AppointmentState::Booked | AppointmentState::Arrived)
                && a.is_linked()
                && a.minutes() >= 30
                && a.slot.start <= app.now
                && a.deposit_cents == 0
        })
        .cloned()
        .expect("someone in the chair")
}

fn till(app: &App) -> &salondesk::ui::screen::calendar::till::Till {
    app.calendar.till.as_ref().expect("the till is open")
}

fn till_says(app: &mut App, store: &mut Store, m: salondesk::ui::screen::calendar::till::Message) {
    send(app, store, Message::Calendar(salondesk::ui::screen::calendar::Message::Till(m)));
}

/// A voucher of `cents` sold earlier: its code.
fn voucher_sold(store: &mut Store, cents: i64) -> String {
    use salondesk::domain::checkout::{Draft, Line, LineKind, Method, Payment};
    let record = store
        .record_checkout(&Draft {
            lines: vec![Line::new(LineKind::Voucher, "Voucher", cents, 0)],
            payments: vec![Payment::new(Method::Cash, cents)],
            ..Draft::default()
        })
        .unwrap();
    store.voucher(record.draft.lines[0].voucher_id.unwrap()).unwrap().code
}

#[test]
fn check_out_with_a_discount_a_voucher_part_paid_and_the_rest_by_card() {
    use salondesk::ui::screen::calendar::till::{Message as Till, ids};
    let mut s = demo_salon(Language::En);
    let code = voucher_sold(&mut s.store, 2_000);
    let (opener, log) = recording_opener(s.dir.path());
    let mut app = desk(&mut s.store, Language::En).with_opener(opener);
    let target = in_the_chair(&app);
    click_text(&mut app, &mut s.store, &target.customer_name);
    click_text(&mut app, &mut s.store, "Check out");
    assert!(app.calendar.dialog.is_none() && till(&app).draft.lines.len() == 1, "the till with the booked service");
    assert!(shows(&app, &target.service_name));

    click_text(&mut app, &mut s.store, "%");
    type_into(&mut app, &mut s.store, ids::DISCOUNT, "10 %");
    click_text(&mut app, &mut s.store, "Apply");
    assert!(shows(&app, "Choose why the discount is given."), "no discount without its reason");
    till_says(&mut app, &mut s.store, Till::DiscountReason("complaint".into()));
    click_text(&mut app, &mut s.store, "Apply");
    let price = target.price_cents;
    let off = salondesk::domain::checkout::percent_of(price, 10);
    assert_eq!(till(&app).total(), price - off);
    let currency = s.store.salon().unwrap().currency;
    let said = format!("− {} · Complaint", salondesk::domain::money::format(off, &currency, Language::En));
    assert!(shows(&app, &said), "the discount and its reason under the line: {said}");

    // The voucher as printed, typed in lower case.
    type_into(&mut app, &mut s.store, ids::CODE, &salondesk::domain::voucher::printed(&code).to_lowercase());
    click_text(&mut app, &mut s.store, "Redeem");
    assert_eq!(till(&app).open(), price - off - 2_000, "the voucher pays its 20.00");
    click_text(&mut app, &mut s.store, "Card");
    assert_eq!(till(&app).open(), 0);
    click_text(&mut app, &mut s.store, "Record");
    assert!(shows(&app, "Enter the receipt number of your till: it is kept with the record."), "own till: its number");
    type_into(&mut app, &mut s.store, ids::RECEIPT, "K-4711");
    click_text(&mut app, &mut s.store, "Record");

    let record = s.store.checkouts_of(target.customer_id.unwrap()).unwrap().into_iter().next().expect("on her card");
    assert!(shows(&app, &format!("Service summary no. {} recorded", record.number)));
    assert_eq!(record.draft.till_receipt, "K-4711");
    assert_eq!(
        (record.draft.lines[0].discount_cents, record.draft.lines[0].discount_reason.as_str()),
        (off, "complaint")
    );
    let methods: Vec<_> = record.draft.payments.iter().map(|p| (p.method.as_str(), p.cents)).collect();
    assert_eq!(methods, [("voucher", 2_000), ("card", price - off - 2_000)]);
    assert_eq!(s.store.appointment(target.id).unwrap().state, AppointmentState::Completed);
    assert_eq!(s.store.voucher_by_code(&code).unwrap().usable(today()), salondesk::domain::voucher::Usable::UsedUp);

    // Printed: the page handed to the system's viewer; e-mailed: to the card's address.
    click_text(&mut app, &mut s.store, "Print summary");
    let opened = std::fs::read_to_string(&log).expect("the page was handed over");
    assert!(opened.trim().ends_with(&format!("receipt-{}.pdf", record.number)), "{opened}");
    assert!(std::fs::read(opened.trim()).unwrap().starts_with(b"%PDF-"), "a PDF");
    let email = s.store.customer(target.customer_id.unwrap()).unwrap().email;
    click_text(&mut app, &mut s.store, "E-mail to the customer");
    if email.is_empty() {
        assert!(shows(&app, "No e-mail address on the card: print it instead."));
    } else {
        assert!(shows(&app, &format!("The summary goes to {email}.")));
    }
    click_text(&mut app, &mut s.store, "Close");
    assert!(app.calendar.till.is_none());
    click_text(&mut app, &mut s.store, &target.customer_name);
    click_text(&mut app, &mut s.store, "Check out");
    let again = format!("Already checked out as record no. {}. Another checkout adds a second record.", record.number);
    assert!(shows(&app, &again), "a second checkout of it is not made by mistake");
}

#[test]
fn sell_a_voucher_to_a_walk_in_and_redeem_it_in_two_visits() {
    use salondesk::ui::screen::calendar::till::{Message as Till, ids};
    let mut s = demo_salon(Language::De);
    s.store.set_config("checkout.till", "salondesk").unwrap();
    let mut app = desk(&mut s.store, Language::De);
    click_text(&mut app, &mut s.store, "Verkauf");
    // Worth one and a half of the first service: a whole visit, then part of the next.
    let price = app.data.as_ref().unwrap().services[0].price_cents;
    let (service, value) = (app.data.as_ref().unwrap().services[0].id, price * 3 / 2);
    type_into(&mut app, &mut s.store, ids::VOUCHER_VALUE, &salondesk::domain::money::format_plain(value, Language::De));
    click_text(&mut app, &mut s.store, "Gutschein verkaufen");
    click_text(&mut app, &mut s.store, "Bar");
    click_text(&mut app, &mut s.store, "Buchen");
    let (record, sold) = till(&app).recorded.clone().expect("recorded");
    let codes: Vec<String> = sold.into_iter().map(|v| v.code).collect();
    assert!(shows(&app, &format!("Beleg Nr. {} gebucht", record.number)), "Salondesk's own records: a receipt");
    let printed = salondesk::domain::voucher::printed(&codes[0]);
    assert!(shows(&app, &printed), "the code to write on the voucher");
    till_says(&mut app, &mut s.store, Till::Close);

    // Two visits, each paying with it: all of the first, what is left of the second.
    for (visit, left_after) in [(0, value - price), (1, 0)] {
        click_text(&mut app, &mut s.store, "Verkauf");
        till_says(&mut app, &mut s.store, Till::AddService(service));
        type_into(&mut app, &mut s.store, ids::CODE, &printed);
        click_text(&mut app, &mut s.store, "Einlösen");
        if visit == 1 {
            assert_eq!(till(&app).open(), price - (value - price), "only what was left pays");
            click_text(&mut app, &mut s.store, "Karte");
        }
        assert_eq!(till(&app).open(), 0, "visit {visit}");
        click_text(&mut app, &mut s.store, "Buchen");
        let v = s.store.voucher_by_code(&codes[0]).unwrap();
        assert_eq!(v.value_cents - v.used_cents, left_after, "visit {visit}");
        till_says(&mut app, &mut s.store, Till::Close);
    }
    click_text(&mut app, &mut s.store, "Verkauf");
    till_says(&mut app, &mut s.store, Till::AddService(service));
    type_into(&mut app, &mut s.store, ids::CODE, &printed);
    click_text(&mut app, &mut s.store, "Einlösen");
    assert!(shows(&app, "Auf diesem Gutschein ist nichts mehr übrig."), "used up, said in German");
}

#[test]
fn reach_the_bonus_threshold_and_redeem_the_reward_at_the_till() {
    let mut s = demo_salon(Language::En);
    s.store.set_config("bonus.enabled", "on").unwrap();
    s.store.set_config("bonus.threshold", "30").unwrap();
    s.store.set_config("checkout.till", "salondesk").unwrap();
    let mut app = desk(&mut s.store, Language::En);
    let target = in_the_chair(&app);
    let customer = target.customer_id.unwrap();
    let before = s.store.points_balance(customer).unwrap();
    click_text(&mut app, &mut s.store, &target.customer_name);
    click_text(&mut app, &mut s.store, "Check out");
    assert!(shows(&app, &format!("Bonus card: {before} points")));
    if before < 30 {
        assert!(!shows(&app, "Redeem reward: 10 % off"), "not before the threshold");
        click_text(&mut app, &mut s.store, "Card");
        click_text(&mut app, &mut s.store, "Record");
        let earned = s.store.points_balance(customer).unwrap() - before;
        assert_eq!(earned, target.price_cents / 100, "a point per 1.00 paid");
        click_text(&mut app, &mut s.store, "Close");
        // The next visit: a walk-in sale for her, a product-less service.
        click_text(&mut app, &mut s.store, "Sale");
        type_into(&mut app, &mut s.store, salondesk::ui::screen::calendar::till::CUSTOMER_ID, &target.customer_name);
        let hit =
            till(&app).customer.suggestions.iter().find(|h| h.id == customer).cloned().expect("found as she is typed");
        till_says(
            &mut app,
            &mut s.store,
            salondesk::ui::screen::calendar::till::Message::Customer(
                salondesk::ui::widget::customer_pick::Message::Pick(hit),
            ),
        );
        till_says(
            &mut app,
            &mut s.store,
            salondesk::ui::screen::calendar::till::Message::AddService(target.service_id),
        );
    }
    let balance = s.store.points_balance(customer).unwrap();
    assert!(balance >= 30, "{balance}");
    click_text(&mut app, &mut s.store, "Redeem reward: 10 % off");
    let total = till(&app).total();
    click_text(&mut app, &mut s.store, "Cash");
    click_text(&mut app, &mut s.store, "Record");
    let after = s.store.points_balance(customer).unwrap();
    assert_eq!(after, balance - 30 + total / 100, "30 redeemed, the discounted price earned");
    let record = s.store.checkouts_of(customer).unwrap().into_iter().next().unwrap();
    assert_eq!(record.draft.lines[0].discount_reason, "loyalty");
    assert_eq!(record.draft.reward_points, 30);
}

#[test]
fn a_new_customer_is_referred_by_one_found_as_typed_who_is_rewarded_after_her_first_paid_visit() {
    use salondesk::ui::screen::customers::{self, card};
    use salondesk::ui::widget::customer_pick::Message as Pick;
    let mut s = demo_salon(Language::En);
    for (k, v) in [("referral.enabled", "on"), ("referral.points", "50"), ("checkout.till", "salondesk")] {
        s.store.set_config(k, v).unwrap();
    }
    let mut app = desk(&mut s.store, Language::En);
    let referrer = app.calendar.appointments.iter().find(|a| a.is_linked()).cloned().unwrap();
    let referrer_id = referrer.customer_id.unwrap();
    let points_before = s.store.points_balance(referrer_id).unwrap();

    send(&mut app, &mut s.store, Message::Navigate(Screen::Customers));
    click_text(&mut app, &mut s.store, "New customer");
    type_into(&mut app, &mut s.store, card::FIRST_NAME_ID, "Rita");
    type_into(&mut app, &mut s.store, card::LAST_NAME_ID, "Referred");
    assert!(shows(&app, "Referred by"), "asked on the new card");
    type_into(&mut app, &mut s.store, card::REFERRER_ID, &referrer.customer_name);
    let hit = app.customers.card.as_ref().unwrap().referrer.suggestions.iter().find(|h| h.id == referrer_id).cloned();
    send(&mut app, &mut s.store, Message::Customers(customers::Message::Referrer(Pick::Pick(hit.expect("found")))));
    click_text(&mut app, &mut s.store, "Save");
    let rita = app.customers.open_id().expect("saved");
    assert_eq!(s.store.referred_by(rita).unwrap().map(|r| r.0), Some(referrer_id), "kept with the card");

    // Her first visit, paid: the one who sent her gets the points, once.
    let service = app.data.as_ref().unwrap().services[0].clone();
    for _ in 0..2 {
        s.store
            .record_checkout(&salondesk::domain::checkout::Draft {
                customer_id: Some(rita),
                lines: vec![salondesk::domain::checkout::Line::service(
                    service.id,
                    &service.name,
                    service.price_cents,
                    1_900,
                )],
                payments: vec![salondesk::domain::checkout::Payment::new(
                    salondesk::domain::checkout::Method::Card,
                    service.price_cents,
                )],
                ..Default::default()
            })
            .unwrap();
    }
    assert_eq!(s.store.points_balance(referrer_id).unwrap(), points_before + 50, "rewarded once, not per visit");
    let rows = s.store.referrals().unwrap();
    let row = rows.iter().find(|r| r.referred_id == rita).expect("in the list of referrals");
    assert_eq!((row.referrer_id, row.rewarded.map(|r| r.0)), (referrer_id, Some(50)));
}

#[test]
fn a_newsletter_in_german_to_vips_is_counted_sent_after_asking_and_reported() {
    use salondesk::ui::screen::messages::newsletter;
    let mut s = demo_salon(Language::De);
    let mut app = desk(&mut s.store, Language::De);
    let vip = s.store.statuses().unwrap().into_iter().find(|x| x.name == "VIP").expect("VIP");
    send(&mut app, &mut s.store, Message::Navigate(Screen::Messages));
    click_text(&mut app, &mut s.store, "Newsletter");
    assert!(shows(&app, "Empfänger"));
    // The salon's newsletter text to start from; the subject made its own.
    type_into(&mut app, &mut s.store, newsletter::SUBJECT_ID, " zum Fest");
    let everyone = app.messages.newsletter.reach.as_ref().expect("counted").count;
    click_text(&mut app, &mut s.store, "VIP");
    let reach = app.messages.newsletter.reach.clone().expect("counted again");
    let expected = s.store.newsletter_reach(&salondesk::store::newsletters::Audience {
        channel: Some(salondesk::domain::template::Channel::Email),
        statuses: vec![vip.id],
        visited_months: None,
    });
    assert_eq!(reach, expected.unwrap(), "what the screen counts is what the store finds");
    assert!(reach.count < everyone && reach.count > 0, "{} of {everyone}", reach.count);
    assert!(shows(&app, &format!("{} Kundinnen und Kunden erhalten ihn", reach.count)));

    click_text(&mut app, &mut s.store, "Senden…");
    let asked = format!("Diesen Newsletter an {} Kundinnen und Kunden senden?", reach.count);
    assert!(shows(&app, &asked), "asked before anything goes");
    assert!(s.store.newsletters().unwrap().is_empty());
    click_text(&mut app, &mut s.store, "Jetzt senden");
    let sent = s.store.newsletters().unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].waiting as usize, reach.count, "one message each in the outbox");
    assert!(sent[0].subject.ends_with("zum Fest"), "{}", sent[0].subject);
    let figures = format!(
        "0 gesendet · {} wartend · 0 fehlgeschlagen · 0 gestoppt · {} ausgelassen",
        reach.count,
        reach.left_out()
    );
    assert!(shows(&app, &figures), "the report under the form: {figures}");
}

#[test]
fn switching_a_newsletter_to_sms_writes_the_salons_sms_text_and_keeps_the_e_mail_as_written() {
    use salondesk::domain::template::{self, Channel, Kind};
    use salondesk::ui::screen::messages::{self, newsletter};
    let mut s = demo_salon(Language::En);
    let mut app = desk(&mut s.store, Language::En);
    send(&mut app, &mut s.store, Message::Navigate(Screen::Messages));
    click_text(&mut app, &mut s.store, "Newsletter");
    type_into(&mut app, &mut s.store, newsletter::SUBJECT_ID, " for the holidays");
    let channel = |c| Message::Messages(messages::Message::Newsletter(newsletter::Message::Channel(c)));
    send(&mut app, &mut s.store, channel(Channel::Sms));

    let salon = s.store.salon().unwrap();
    let values = std::collections::HashMap::from([
        ("customer", "Kari".to_string()),
        ("salon", salon.name.clone()),
        ("address", salon.address.clone()),
    ]);
    let sms = s.store.message_text(Language::En, Kind::Newsletter, Channel::Sms).unwrap();
    let email = s.store.message_text(Language::En, Kind::Newsletter, Channel::Email).unwrap();
    assert_ne!(sms.body, email.body, "the salon has a text of its own for SMS");
    let previewed = |body: &str| template::render(body, &values).unwrap().trim_end().to_string();
    assert!(shows(&app, &previewed(&sms.body)), "the SMS text in the preview");
    assert!(!shows(&app, &previewed(&email.body)), "not the e-mail's");
    assert!(shows(&app, "No more? Reply STOP."), "with the short notice SMS carries");
    assert!(simulator(&app).find(selector::id(newsletter::SUBJECT_ID)).is_err(), "an SMS has no subject");

    send(&mut app, &mut s.store, channel(Channel::Email));
    let subject = format!("{} for the holidays", email.subject.clone().unwrap_or_default());
    assert!(shows(&app, &template::render(&subject, &values).unwrap()), "the e-mail as it was written");
}

#[test]
fn a_customer_erased_from_the_card_after_typing_her_name_leaves_the_report_as_it_was() {
    use salondesk::ui::screen::customers;
    let mut s = demo_salon(Language::En);
    let mut app = desk(&mut s.store, Language::En);
    let tz = s.store.salon().unwrap().time_zone;
    let (from, to) = (today() - Duration::days(365), today());
    let report = |store: &Store| store.no_show_report(tz, from, to, chrono::Weekday::Mon).unwrap().totals;
    let before = report(&s.store);
    // A customer with a no-show in the period.
    let missed: i64 = s
        .store
        .appointments_on_days(tz, today() - Duration::days(60), 60)
        .unwrap()
        .into_iter()
        .find(|a| a.state == AppointmentState::NoShow && a.customer_id.is_some())
        .and_then(|a| a.customer_id)
        .expect("a customer who did not come");
    let name = s.store.customer(missed).unwrap().full_name();
    send(&mut app, &mut s.store, Message::Navigate(Screen::Customers));
    send(&mut app, &mut s.store, Message::Customers(customers::Message::Open(missed)));
    // At the foot of the card (scrolled to): asked, then the name typed.
    let say = |m: customers::Message| Message::Customers(m);
    assert!(shows(&app, "Erase customer…"));
    send(&mut app, &mut s.store, say(customers::Message::EraseAsk));
    assert!(shows(&app, &format!("To erase, type the name: {name}")));
    send(&mut app, &mut s.store, say(customers::Message::EraseTyped("someone else".into())));
    send(&mut app, &mut s.store, say(customers::Message::Erase));
    assert_eq!(s.store.customer(missed).unwrap().full_name(), name, "not with another name typed");
    send(&mut app, &mut s.store, say(customers::Message::EraseTyped(format!(" {} ", name.to_uppercase()))));
    send(&mut app, &mut s.store, say(customers::Message::Erase));
    assert!(app.customers.card.is_none(), "the card closes");
    assert!(shows(&app, "The customer is erased; the reports keep their numbers."));
    assert_eq!(s.store.customer(missed).unwrap().first_name, "—");
    assert_eq!(report(&s.store), before, "the no-show report as it was");
    assert!(s.store.search_customers(&name, 5).unwrap().iter().all(|h| h.id != missed), "search finds her no more");
}
