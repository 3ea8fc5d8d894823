//! The kiosk driven as a customer would: taps on the on-screen keypad and
//! keyboard in the iced_test simulator, on a real SQLite file.

mod common;

use chrono::NaiveDate;
use salondesk::domain::clock::{self, Instant};
use salondesk::domain::{AppointmentState, Language, Source};
use salondesk::store::Store;
use salondesk::ui::FONT;
use salondesk::ui::kiosk::{Kiosk, Message, Step};

const SIZE: (f32, f32) = (1280.0, 800.0);

fn local(d: u32, h: u32, m: u32) -> Instant {
    clock::local_to_utc(chrono_tz::Europe::Berlin, NaiveDate::from_ymd_opt(2026, 11, d).unwrap(), h * 60 + m)
}

fn tap(kiosk: &mut Kiosk, store: &mut Store, label: &str) {
    let messages: Vec<Message> = {
        let settings = iced::Settings { default_font: FONT, ..Default::default() };
        let mut ui = iced_test::Simulator::with_size(settings, SIZE, kiosk.view());
        ui.click(label.to_string()).unwrap_or_else(|e| panic!("nothing to tap labelled {label:?}: {e:?}"));
        ui.into_messages().collect()
    };
    for m in messages {
        salondesk::ui::kiosk::send(kiosk, store, m);
    }
}

fn type_on_keys(kiosk: &mut Kiosk, store: &mut Store, typed: &str) {
    for c in typed.chars() {
        tap(kiosk, store, &c.to_string());
    }
}

fn shows(kiosk: &Kiosk, label: &str) -> bool {
    let settings = iced::Settings { default_font: FONT, ..Default::default() };
    iced_test::Simulator::with_size(settings, SIZE, kiosk.view()).find(label.to_string()).is_ok()
}

fn kiosk_at(store: &mut Store, lang: Language) -> Kiosk {
    store.set_now(Some(local(23, 10, 0)));
    Kiosk::new(store, Some(lang), local(23, 10, 0)).unwrap()
}

#[test]
fn a_customer_checks_in_on_the_keypad_and_the_appointment_is_arrived() {
    let mut s = common::salon();
    s.store.set_now(Some(local(23, 10, 0)));
    let (_, id) = common::kari_booked(&mut s.store, local(23, 10, 30));
    let mut kiosk = kiosk_at(&mut s.store, Language::En);
    tap(&mut kiosk, &mut s.store, "Deutsch");
    tap(&mut kiosk, &mut s.store, "Ich bin da");
    assert_eq!(kiosk.step, Step::CheckInPhone);
    type_on_keys(&mut kiosk, &mut s.store, "015123456789");
    tap(&mut kiosk, &mut s.store, "Weiter");
    assert!(shows(&kiosk, "K., 10:30 Uhr: Cut"), "an initial and the time only");
    assert!(!shows(&kiosk, "Kari Nordmann"), "no last name on the screen");
    tap(&mut kiosk, &mut s.store, "Ich bin da");
    assert!(shows(&kiosk, "Danke! Wir wissen, dass Sie da sind. Bitte nehmen Sie Platz."));
    assert_eq!(s.store.appointment(id).unwrap().state, AppointmentState::Arrived, "the desk sees it");

    // Left alone, the kiosk forgets the number and greets the next customer.
    salondesk::ui::kiosk::send(&mut kiosk, &mut s.store, Message::Tick(local(23, 10, 2)));
    assert_eq!(kiosk.step, Step::Welcome);
    assert!(kiosk.phone.is_empty());
    assert_eq!(kiosk.lang, Language::En, "the next customer starts in the kiosk's own language");
}

#[test]
fn a_new_customer_books_on_the_touch_keys_and_a_blocked_number_is_refused_kindly() {
    let mut s = common::salon();
    let mut kiosk = kiosk_at(&mut s.store, Language::En);
    tap(&mut kiosk, &mut s.store, "Book an appointment");
    tap(&mut kiosk, &mut s.store, "Cut");
    tap(&mut kiosk, &mut s.store, "Anyone");
    assert!(!shows(&kiosk, "10:30"), "an hour's notice: 10:30 is too soon");
    tap(&mut kiosk, &mut s.store, "11:00");
    type_on_keys(&mut kiosk, &mut s.store, "015123456789");
    tap(&mut kiosk, &mut s.store, "Next");
    type_on_keys(&mut kiosk, &mut s.store, "kari");
    tap(&mut kiosk, &mut s.store, "Next");
    assert!(shows(&kiosk, "Cut on Monday 23 November 2026 at 11:00"));
    tap(&mut kiosk, &mut s.store, "I accept the terms — book");
    assert!(shows(&kiosk, "Booked!"), "{:?}", kiosk.message);
    let booked = kiosk.booked.clone().unwrap();
    let a = s.store.appointment(booked.appointment_id).unwrap();
    assert_eq!((a.slot.start, a.customer_name.as_str(), a.source), (local(23, 11, 0), "Kari", Source::Kiosk));
    tap(&mut kiosk, &mut s.store, "Done");

    s.store.block("0160 1234567", "fake bookings").unwrap();
    tap(&mut kiosk, &mut s.store, "Book an appointment");
    tap(&mut kiosk, &mut s.store, "Colour");
    tap(&mut kiosk, &mut s.store, "Anyone");
    tap(&mut kiosk, &mut s.store, "14:00");
    type_on_keys(&mut kiosk, &mut s.store, "01601234567");
    tap(&mut kiosk, &mut s.store, "Next");
    type_on_keys(&mut kiosk, &mut s.store, "max");
    tap(&mut kiosk, &mut s.store, "Next");
    tap(&mut kiosk, &mut s.store, "I accept the terms — book");
    assert!(shows(&kiosk, "This booking cannot be made here. Please ask at the desk."));
    assert_eq!(s.store.kiosk_refusals(5).unwrap()[0].1, "blocklisted", "the salon sees the attempt");
}

#[test]
fn staff_leave_only_with_the_pin_and_wrong_pins_are_slowed_down() {
    let mut s = common::salon();
    assert!(s.store.set_config("kiosk.pin", "2468").is_err(), "four digits are guessed in an afternoon");
    s.store.set_config("kiosk.pin", "246810").unwrap();
    assert!(
        !common::raw(&s.store)
            .query_row("SELECT value FROM settings WHERE key = 'kiosk.pin'", [], |r| r.get::<_, String>(0))
            .unwrap()
            .contains("246810"),
        "the PIN is not stored as typed"
    );
    let mut kiosk = kiosk_at(&mut s.store, Language::En);
    tap(&mut kiosk, &mut s.store, "Staff");
    type_on_keys(&mut kiosk, &mut s.store, "111111");
    tap(&mut kiosk, &mut s.store, "Next");
    assert!(shows(&kiosk, "That PIN is not right."));
    type_on_keys(&mut kiosk, &mut s.store, "246810");
    salondesk::ui::kiosk::send(&mut kiosk, &mut s.store, Message::Next);
    assert!(!kiosk.leaving, "too soon after a wrong PIN");
    // A kiosk started again remembers the wrong try: the wait is in the file.
    let mut again = kiosk_at(&mut s.store, Language::En);
    tap(&mut again, &mut s.store, "Staff");
    type_on_keys(&mut again, &mut s.store, "246810");
    salondesk::ui::kiosk::send(&mut again, &mut s.store, Message::Next);
    assert!(!again.leaving, "a restart does not end the wait");
    assert_eq!(s.store.kiosk_pin_tries().unwrap().wrong_in_a_row, 1, "the desk sees the wrong try");
    salondesk::ui::kiosk::send(
        &mut kiosk,
        &mut s.store,
        Message::Tick(local(23, 10, 0) + chrono::Duration::seconds(6)),
    );
    type_on_keys(&mut kiosk, &mut s.store, "246810");
    salondesk::ui::kiosk::send(&mut kiosk, &mut s.store, Message::Next);
    assert!(kiosk.leaving, "the right PIN closes the kiosk");
    assert_eq!(s.store.kiosk_pin_tries().unwrap().wrong_in_a_row, 0);
}

#[test]
fn a_close_request_asks_for_the_pin_instead_of_closing() {
    let mut s = common::salon();
    s.store.set_config("kiosk.pin", "246810").unwrap();
    let mut kiosk = kiosk_at(&mut s.store, Language::En);
    tap(&mut kiosk, &mut s.store, "Book an appointment");
    salondesk::ui::kiosk::send(&mut kiosk, &mut s.store, Message::CloseRequested);
    assert_eq!(kiosk.step, Step::Pin);
    assert!(!kiosk.leaving);
}

/// The code of the latest SMS to a number, read from the outbox.
fn code_sent_to(store: &Store, number: &str) -> String {
    let sms = store
        .outbox(salondesk::store::OutboxView::Waiting, 10)
        .unwrap()
        .into_iter()
        .filter(|m| m.recipient == number)
        .max_by_key(|m| m.id)
        .expect("a code on its way");
    sms.body.chars().filter(char::is_ascii_digit).collect()
}

#[test]
fn with_the_sms_code_on_the_number_is_proven_before_the_names_and_a_wrong_code_books_nothing() {
    let mut s = common::salon();
    s.store.set_config("kiosk.tan", "on").unwrap();
    let mut kiosk = kiosk_at(&mut s.store, Language::Nl);
    tap(&mut kiosk, &mut s.store, "Afspraak maken");
    tap(&mut kiosk, &mut s.store, "Cut");
    tap(&mut kiosk, &mut s.store, "Lena");
    tap(&mut kiosk, &mut s.store, "11:00");
    type_on_keys(&mut kiosk, &mut s.store, "015123456789");
    tap(&mut kiosk, &mut s.store, "Verder");
    assert!(shows(&kiosk, "De code uit onze sms"), "asks for the code before any name");
    type_on_keys(&mut kiosk, &mut s.store, "000000");
    tap(&mut kiosk, &mut s.store, "Verder");
    assert!(shows(&kiosk, "De code klopt niet. Kijk nog eens in de sms."));
    assert_eq!(kiosk.step, Step::Code, "no names without the right code");
    for _ in 0..6 {
        tap(&mut kiosk, &mut s.store, "Wissen");
    }
    let code = code_sent_to(&s.store, "+4915123456789");
    type_on_keys(&mut kiosk, &mut s.store, &code);
    tap(&mut kiosk, &mut s.store, "Verder");
    assert_eq!(kiosk.step, Step::Details);
    assert!(kiosk.first_name.is_empty(), "a new number: nothing to fill in");
    type_on_keys(&mut kiosk, &mut s.store, "an");
    tap(&mut kiosk, &mut s.store, "Verder");
    assert!(shows(&kiosk, "Cut bij Lena op maandag 23 november 2026 om 11:00"));
    assert!(kiosk.booked.is_none(), "nothing booked before the terms");
    tap(&mut kiosk, &mut s.store, "Ik ga akkoord — boeken");
    assert!(shows(&kiosk, "Geboekt!"), "{:?}", kiosk.message);
}

#[test]
fn a_proven_number_fills_in_its_card_and_a_family_member_on_it_gets_a_card_of_her_own() {
    let mut s = common::salon();
    s.store.set_config("kiosk.tan", "on").unwrap();
    let (kari, _) = common::kari_booked(&mut s.store, local(30, 10, 0));
    let mut kiosk = kiosk_at(&mut s.store, Language::De);
    let to_the_code = |kiosk: &mut Kiosk, store: &mut Store, time: &str| {
        tap(kiosk, store, "Termin buchen");
        tap(kiosk, store, "Cut");
        tap(kiosk, store, "Egal");
        tap(kiosk, store, time);
        type_on_keys(kiosk, store, "015123456789");
        tap(kiosk, store, "Weiter");
        let code = code_sent_to(store, "+4915123456789");
        type_on_keys(kiosk, store, &code);
        tap(kiosk, store, "Weiter");
    };
    to_the_code(&mut kiosk, &mut s.store, "11:00");
    assert_eq!((kiosk.first_name.as_str(), kiosk.last_name.as_str()), ("Kari", "Nordmann"), "typed for her");
    tap(&mut kiosk, &mut s.store, "Weiter");
    tap(&mut kiosk, &mut s.store, "Ich akzeptiere die Bedingungen — buchen");
    let booked = kiosk.booked.clone().expect("booked");
    assert_eq!(s.store.appointment(booked.appointment_id).unwrap().customer_id, Some(kari), "on her card");

    // Her daughter, on the same phone, changes the name: a card of her own.
    tap(&mut kiosk, &mut s.store, "Fertig");
    s.store.set_now(Some(local(23, 10, 2)));
    salondesk::ui::kiosk::send(&mut kiosk, &mut s.store, Message::Tick(local(23, 10, 2)));
    to_the_code(&mut kiosk, &mut s.store, "12:00");
    for _ in 0..4 {
        tap(&mut kiosk, &mut s.store, "Löschen");
    }
    type_on_keys(&mut kiosk, &mut s.store, "ida");
    tap(&mut kiosk, &mut s.store, "Weiter");
    tap(&mut kiosk, &mut s.store, "Ich akzeptiere die Bedingungen — buchen");
    let booked = kiosk.booked.clone().expect("booked");
    let ida = s.store.appointment(booked.appointment_id).unwrap().customer_id.expect("a card");
    assert_ne!(ida, kari, "never on her mother's card");
    assert_eq!(s.store.customer(ida).unwrap().first_name, "Ida");
}

#[test]
fn with_whom_lists_only_staff_with_a_free_time_in_the_booking_window() {
    let mut s = common::salon();
    s.store.set_config("booking.max_days_ahead", "30").unwrap();
    let today = local(23, 10, 0).date_naive();
    let away = salondesk::domain::schedule::Absence {
        id: 0,
        staff_id: 2,
        first_day: today,
        last_day: today + chrono::Duration::days(40),
        reason: "Elternzeit".into(),
    };
    s.store.add_absence(&away).unwrap();
    let mut kiosk = kiosk_at(&mut s.store, Language::De);
    tap(&mut kiosk, &mut s.store, "Termin buchen");
    tap(&mut kiosk, &mut s.store, "Cut");
    assert_eq!(kiosk.step, Step::Staff);
    assert!(shows(&kiosk, "Lena"));
    assert!(!shows(&kiosk, "Marco"), "away the whole window: not offered");
    tap(&mut kiosk, &mut s.store, "Egal");
    assert!(kiosk.offered().all(|(staff, _)| *staff == 1), "anyone means Lena now");
}

/// A cut with anyone at 11:00, a German mobile number: on to the names.
fn to_the_names_in_german(kiosk: &mut Kiosk, store: &mut Store) {
    tap(kiosk, store, "Termin buchen");
    tap(kiosk, store, "Cut");
    tap(kiosk, store, "Egal");
    tap(kiosk, store, "11:00");
    type_on_keys(kiosk, store, "015123456789");
    tap(kiosk, store, "Weiter");
    assert_eq!(kiosk.step, Step::Details);
}

#[test]
fn the_german_keyboard_types_meyer_joerg_and_accents_reach_every_name() {
    let mut s = common::salon();
    let mut kiosk = kiosk_at(&mut s.store, Language::De);
    to_the_names_in_german(&mut kiosk, &mut s.store);
    // First name "Søren" (ø behind "àé"), last name "Meyer-Jörg", on the German keys.
    type_on_keys(&mut kiosk, &mut s.store, "s");
    tap(&mut kiosk, &mut s.store, "àé");
    tap(&mut kiosk, &mut s.store, "ø");
    type_on_keys(&mut kiosk, &mut s.store, "ren");
    assert_eq!(kiosk.first_name, "Søren", "back to the letters after one accent");
    salondesk::ui::kiosk::send(&mut kiosk, &mut s.store, Message::Focus(salondesk::ui::kiosk::Field::LastName));
    type_on_keys(&mut kiosk, &mut s.store, "meyer-jörg");
    assert_eq!(kiosk.last_name, "Meyer-Jörg");
    // "Aa" for the one letter that a name writes the other way.
    salondesk::ui::kiosk::send(&mut kiosk, &mut s.store, Message::Focus(salondesk::ui::kiosk::Field::FirstName));
    for _ in 0..5 {
        tap(&mut kiosk, &mut s.store, "Löschen");
    }
    tap(&mut kiosk, &mut s.store, "Aa");
    type_on_keys(&mut kiosk, &mut s.store, "van");
    assert_eq!(kiosk.first_name, "van");
}

#[test]
fn the_terms_say_what_the_salon_set_and_the_card_keeps_what_was_accepted() {
    let mut s = common::salon();
    s.store.set_config("messages.no_show_fee", "25.00").unwrap();
    s.store.set_config("messages.terms_link", "https://salon.example/agb").unwrap();
    let mut kiosk = kiosk_at(&mut s.store, Language::De);
    to_the_names_in_german(&mut kiosk, &mut s.store);
    type_on_keys(&mut kiosk, &mut s.store, "kari");
    tap(&mut kiosk, &mut s.store, "Weiter");
    let terms = kiosk.terms_text();
    assert!(terms.contains("25,00"), "the no-show fee: {terms}");
    assert!(terms.contains("https://salon.example/agb"), "the link: {terms}");
    assert!(shows(&kiosk, &terms));
    tap(&mut kiosk, &mut s.store, "Ich akzeptiere die Bedingungen — buchen");
    let booked = kiosk.booked.clone().expect("booked");
    let customer = s.store.appointment(booked.appointment_id).unwrap().customer_id.unwrap();
    assert_eq!(s.store.terms_accepted(customer).unwrap()[0].text, terms, "exactly what was on the screen");
}

#[test]
fn the_time_step_offers_the_whole_booking_window_a_week_at_a_time() {
    let mut s = common::salon();
    s.store.set_config("booking.max_days_ahead", "60").unwrap();
    let mut kiosk = kiosk_at(&mut s.store, Language::En);
    tap(&mut kiosk, &mut s.store, "Book an appointment");
    tap(&mut kiosk, &mut s.store, "Cut");
    tap(&mut kiosk, &mut s.store, "Lena");
    let days = kiosk.free_days();
    let last = *days.last().expect("free days");
    assert!(last >= local(23, 10, 0).date_naive() + chrono::Duration::days(50), "not only 14 days: {last}");
    assert!(last <= local(23, 10, 0).date_naive() + chrono::Duration::days(60), "not beyond the rule: {last}");
    assert_eq!(kiosk.first_day, 0);
    for _ in 0..days.len() {
        tap(&mut kiosk, &mut s.store, "›");
    }
    assert!(kiosk.first_day + salondesk::ui::kiosk::DAYS_SHOWN >= days.len(), "paged to the last week");
    let label = salondesk::ui::i18n::date_short(Language::En, last);
    tap(&mut kiosk, &mut s.store, &label);
    assert!(shows(&kiosk, "11:00") || shows(&kiosk, "09:00"), "that day's times are offered");
}

#[test]
fn the_kiosk_names_services_in_the_language_the_customer_tapped() {
    let mut s = common::salon();
    let mut cut = s.store.services().unwrap().into_iter().find(|x| x.name == "Cut").unwrap();
    cut.names = vec![(Language::De, "Haarschnitt".into())];
    s.store.save_service(&cut).unwrap();
    s.store.set_now(Some(local(23, 10, 0)));
    common::kari_booked(&mut s.store, local(23, 10, 30));
    let mut kiosk = kiosk_at(&mut s.store, Language::En);
    tap(&mut kiosk, &mut s.store, "Book an appointment");
    assert!(shows(&kiosk, "Cut") && !shows(&kiosk, "Haarschnitt"));
    tap(&mut kiosk, &mut s.store, "Start over");
    tap(&mut kiosk, &mut s.store, "Deutsch");
    tap(&mut kiosk, &mut s.store, "Termin buchen");
    assert!(shows(&kiosk, "Haarschnitt"), "the menu in German");
    tap(&mut kiosk, &mut s.store, "Neu beginnen");
    tap(&mut kiosk, &mut s.store, "Deutsch");
    tap(&mut kiosk, &mut s.store, "Ich bin da");
    type_on_keys(&mut kiosk, &mut s.store, "015123456789");
    tap(&mut kiosk, &mut s.store, "Weiter");
    assert!(shows(&kiosk, "K., 10:30 Uhr: Haarschnitt"), "and at check-in");
}
