//! The kiosk's rules on a real SQLite file: check-in by phone number,
//! self-booking with every refusal, the SMS code, and two processes racing
//! for the last free time.

mod common;

use chrono::{Duration, NaiveDate};
use salondesk::domain::booking::Refusal;
use salondesk::domain::clock::{self, Instant};
use salondesk::domain::{AppointmentState, Customer, CustomerStatus, Language, Source};
use salondesk::message::defaults::Kind;
use salondesk::store::{KioskError, NewAppointment, OutboxView, SelfBooking, Store};

const BERLIN: chrono_tz::Tz = chrono_tz::Europe::Berlin;

fn local(d: u32, h: u32, m: u32) -> Instant {
    clock::local_to_utc(BERLIN, NaiveDate::from_ymd_opt(2026, 11, d).unwrap(), h * 60 + m)
}

fn now() -> Instant {
    local(23, 10, 0)
}

fn salon() -> common::TempSalon {
    let mut s = common::salon();
    s.store.set_now(Some(now()));
    s
}

fn booking(start: Instant, phone: &str, email: &str) -> SelfBooking {
    SelfBooking {
        service_id: 1,
        staff_id: Some(1),
        start,
        first_name: "Kari".into(),
        last_name: "Nordmann".into(),
        phone: phone.into(),
        email: email.into(),
        language: Language::De,
        terms_version: "AGB 2026-01".into(),
        terms_text: "Cancel at least 24 hours before.".into(),
        code: None,
    }
}

/// The booking as whoever holds the phone makes it: the SMS code sent to
/// the number and typed back (three codes an hour at most).
fn proven(s: &mut common::TempSalon, mut b: SelfBooking) -> SelfBooking {
    s.store.set_config("kiosk.tan", "on").unwrap();
    let later = s.store.now() + Duration::minutes(21);
    s.store.set_now(Some(later));
    s.store.send_code(&b.phone, Language::De).unwrap();
    let sms = s.store.outbox(OutboxView::Waiting, 50).unwrap().into_iter().rfind(|m| m.kind == Kind::Tan).unwrap();
    b.code = Some(sms.body.chars().filter(|c| c.is_ascii_digit()).collect());
    b
}

#[track_caller]
fn refused(result: Result<salondesk::store::Booked, KioskError>) -> Refusal {
    match result {
        Err(KioskError::Refused(r)) => r,
        other => panic!("a refusal expected, got {other:?}"),
    }
}

fn count(store: &mut Store, sql: &str) -> i64 {
    common::raw(store).query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_customer_checks_in_by_phone_around_the_start_and_sees_only_an_initial_and_the_time() {
    let mut s = salon();
    let (_, id) = common::kari_booked(&mut s.store, local(23, 10, 30));
    let found = s.store.check_ins("0151 23456789", now()).unwrap();
    assert_eq!(found.len(), 1, "the national form finds the international number");
    assert_eq!((found[0].initial.as_str(), found[0].start), ("K.", local(23, 10, 30)), "no name for a stranger");
    assert!(s.store.check_ins("0151 99999999", now()).unwrap().is_empty());
    assert!(s.store.check_ins("0151 23456789", local(23, 9, 30)).unwrap().is_empty(), "an hour ahead: not yet");
    assert!(s.store.check_ins("0151 23456789", local(23, 11, 0)).unwrap().is_empty(), "half an hour late: gone");
    assert!(s.store.check_ins("0151 23456789", now() + Duration::days(1)).unwrap().is_empty(), "not another day");
    // A list left on the screen: "I'm here" after the window is refused, the no-show stays possible.
    assert_eq!(
        s.store.check_in(found[0].appointment_id, local(23, 18, 31)),
        Err(KioskError::Refused(Refusal::CheckInClosed))
    );
    assert_eq!(s.store.appointment(id).unwrap().state, AppointmentState::Booked);
    s.store.check_in(found[0].appointment_id, now()).unwrap();
    assert_eq!(s.store.appointment(id).unwrap().state, AppointmentState::Arrived);
    assert!(s.store.check_ins("0151 23456789", now()).unwrap()[0].arrived);
}

#[test]
fn a_stranger_cannot_walk_through_phone_numbers() {
    let mut s = salon();
    common::kari_booked(&mut s.store, local(23, 10, 30));
    for n in 0..salondesk::domain::booking::LOOKUPS_PER_MINUTE {
        s.store.check_ins(&format!("0151 1000000{n}"), now()).unwrap();
    }
    assert_eq!(
        s.store.check_ins("0151 23456789", now()),
        Err(KioskError::Refused(Refusal::TooManyLookups)),
        "the next number in the minute is not looked up"
    );
    assert_eq!(s.store.check_ins("0151 23456789", now() + Duration::minutes(2)).unwrap().len(), 1, "later it is");
    assert_eq!(
        count(&mut s.store, "SELECT count(*) FROM kiosk_lookups"),
        salondesk::domain::booking::LOOKUPS_PER_MINUTE + 1
    );
}

#[test]
fn a_new_customer_books_gets_the_initial_status_and_a_known_one_is_linked_only_with_the_code() {
    let mut s = salon();
    let booked = s.store.self_book(&booking(local(24, 10, 0), "0151 23456789", "kari@example.de")).unwrap();
    let a = s.store.appointment(booked.appointment_id).unwrap();
    let customer = s.store.customer(a.customer_id.unwrap()).unwrap();
    assert_eq!(customer.phone, "+4915123456789");
    let initial = s.store.statuses().unwrap().into_iter().find(|st| st.is_initial).unwrap();
    assert_eq!(customer.status_id, Some(initial.id));
    assert_eq!(count(&mut s.store, "SELECT count(*) FROM terms_acceptances WHERE terms_version = 'AGB 2026-01'"), 1);
    let accepted = s.store.terms_accepted(customer.id).unwrap();
    assert_eq!(
        (accepted[0].version.as_str(), accepted[0].text.as_str()),
        ("AGB 2026-01", "Cancel at least 24 hours before."),
        "the exact text read, for the card"
    );
    let messages = s.store.appointment_messages(booked.appointment_id).unwrap();
    assert!(messages.iter().any(|m| m.kind == Kind::Confirmation), "a confirmation with the .ics is queued");
    // The same phone, typed differently, by someone who did not prove it
    // ("Mallory" with Kari's number): kept apart from Kari's card, no
    // message to her number, no second card.
    let mut mallory = booking(local(25, 10, 0), "+49 151 2345 6789", "");
    mallory.first_name = "Mallory".into();
    let apart = s.store.self_book(&mallory).unwrap();
    assert!(apart.kept_apart);
    let kept = s.store.appointment(apart.appointment_id).unwrap();
    assert_eq!(kept.customer_id, None, "not on Kari's card");
    assert!(kept.customer_name.contains("Mallory") && kept.customer_name.contains("+4915123456789"), "for the desk");
    assert!(s.store.appointment_messages(apart.appointment_id).unwrap().is_empty(), "nothing sent to that number");
    assert_eq!(count(&mut s.store, "SELECT count(*) FROM customers"), 1);
    assert_eq!(count(&mut s.store, "SELECT count(*) FROM kiosk_kept_apart"), 1, "what was typed, and the terms");
    // Proven with the SMS code: on the card.
    let again = proven(&mut s, booking(local(26, 10, 0), "+49 151 2345 6789", ""));
    let again = s.store.self_book(&again).unwrap();
    assert!(!again.kept_apart);
    assert_eq!(s.store.appointment(again.appointment_id).unwrap().customer_id, a.customer_id);
    assert_eq!(count(&mut s.store, "SELECT count(*) FROM customers"), 1);
    s.store.set_config("kiosk.tan", "off").unwrap();
    // "Anyone": the first staff member free at that time.
    let mut anyone = booking(local(24, 10, 0), "0160 1234567", "");
    anyone.staff_id = None;
    assert_eq!(s.store.self_book(&anyone).unwrap().staff_id, 2, "Lena has 10:00 taken; Marco is free");
}

#[test]
fn every_rule_refuses_kindly_and_the_salon_sees_the_attempts() {
    let mut s = salon();
    let phone = "0151 23456789";
    assert_eq!(refused(s.store.self_book(&booking(now() + Duration::minutes(30), phone, ""))), Refusal::TooShortNotice);
    assert_eq!(
        refused(s.store.self_book(&booking(local(23, 10, 0) + Duration::days(91), phone, ""))),
        Refusal::TooFarAhead
    );
    s.store.set_config("booking.max_days_ahead", "120").unwrap();
    let first = s.store.self_book(&booking(local(24, 10, 0) + Duration::days(91), phone, "")).unwrap();

    s.store.block("fake@example.com", "fake bookings").unwrap();
    s.store.block("0170 1111111", "").unwrap();
    assert_eq!(
        refused(s.store.self_book(&booking(local(24, 11, 0), "0160 2222222", "FAKE@example.com"))),
        Refusal::Blocklisted
    );
    assert_eq!(refused(s.store.self_book(&booking(local(24, 11, 0), "+49 170 1111111", ""))), Refusal::Blocklisted);

    // A known customer with the "Blocked" status (may not book themselves).
    let statuses = s.store.statuses().unwrap();
    let blocked = statuses.iter().find(|st| !st.may_self_book).expect("a default status that may not self-book");
    let id = s.store.appointment(first.appointment_id).unwrap().customer_id.unwrap();
    s.store.assign_status(id, blocked.id, "tests").unwrap();
    // Whoever types the number without proving it hears nothing of its card's status.
    assert_eq!(refused(s.store.self_book(&booking(local(24, 12, 0), phone, ""))), Refusal::NeedsDesk);
    let b = proven(&mut s, booking(local(24, 12, 0), phone, ""));
    assert_eq!(refused(s.store.self_book(&b)), Refusal::MayNotSelfBook);

    // A status with a limit and only one bookable service, and one needing a deposit.
    let limited = s
        .store
        .save_status(&CustomerStatus {
            name: "Limited".into(),
            colour: "#7a6f9b".into(),
            may_self_book: true,
            max_appointments: Some(1),
            max_period_days: Some(120),
            bookable_services: vec![1],
            ..Default::default()
        })
        .unwrap();
    s.store.assign_status(id, limited, "tests").unwrap();
    let b = proven(&mut s, booking(local(26, 12, 0), phone, ""));
    assert_eq!(refused(s.store.self_book(&b)), Refusal::LimitReached);
    let mut colour = booking(local(24, 12, 0) + Duration::days(60), phone, "");
    colour.service_id = 2;
    let colour = proven(&mut s, colour);
    assert_eq!(refused(s.store.self_book(&colour)), Refusal::ServiceNotBookable);
    let deposit = statuses.iter().find(|st| st.deposit_required).expect("a default status with a deposit");
    s.store.assign_status(id, deposit.id, "tests").unwrap();
    let b = proven(&mut s, booking(local(27, 12, 0), phone, ""));
    let waits = s.store.self_book(&b).unwrap();
    assert!(waits.awaiting_deposit, "the booking waits for the salon to confirm the deposit");
    s.store.set_config("kiosk.tan", "off").unwrap();

    // Marco takes no new customers; a known one may still book him.
    s.store.set_closed_to_new(2, true).unwrap();
    let mut new_one = booking(local(24, 15, 0), "0160 3333333", "");
    new_one.staff_id = Some(2);
    assert_eq!(refused(s.store.self_book(&new_one)), Refusal::StaffClosedToNew);

    let reasons: Vec<String> = s.store.kiosk_refusals(20).unwrap().into_iter().map(|r| r.1).collect();
    for code in [
        "too-short-notice",
        "too-far-ahead",
        "blocklisted",
        "may-not-self-book",
        "limit-reached",
        "service-not-bookable",
        "staff-closed",
    ] {
        assert!(reasons.iter().any(|r| r == code), "{code} recorded in {reasons:?}");
    }
}

#[test]
fn the_sms_code_must_match_expires_after_three_tries_and_is_not_resent_at_once() {
    let mut s = salon();
    s.store.set_config("kiosk.tan", "on").unwrap();
    let mut b = booking(local(24, 10, 0), "0151 23456789", "");
    assert_eq!(refused(s.store.self_book(&b)), Refusal::WrongCode, "no code asked for yet");
    s.store.send_code("0151 23456789", Language::De).unwrap();
    let sms = s.store.outbox(OutboxView::Waiting, 10).unwrap().into_iter().find(|m| m.kind == Kind::Tan).unwrap();
    assert_eq!(sms.recipient, "+4915123456789");
    let code: String = sms.body.chars().filter(|c| c.is_ascii_digit()).collect();
    assert_eq!(code.len(), 6, "{}", sms.body);
    assert!(matches!(s.store.send_code("0151 23456789", Language::De), Err(KioskError::Refused(Refusal::CodeTooSoon))));

    b.code = Some(code.clone());
    let booked = s.store.self_book(&b).unwrap();
    assert!(booked.appointment_id > 0);
    b.start = local(25, 10, 0);
    assert_eq!(refused(s.store.self_book(&b)), Refusal::CodeExpired, "a code is used once");

    s.store.set_now(Some(now() + Duration::minutes(2)));
    s.store.send_code("0151 23456789", Language::De).unwrap();
    b.code = Some("000000".into());
    for _ in 0..3 {
        assert_eq!(refused(s.store.self_book(&b)), Refusal::WrongCode);
    }
    let sms = s.store.outbox(OutboxView::Waiting, 10).unwrap().into_iter().rfind(|m| m.kind == Kind::Tan).unwrap();
    b.code = Some(sms.body.chars().filter(|c| c.is_ascii_digit()).collect());
    assert_eq!(refused(s.store.self_book(&b)), Refusal::CodeExpired, "three wrong tries end the code");
}

#[test]
fn proving_a_number_counts_wrong_codes_keeps_the_right_one_for_the_booking_and_stops_a_blocked_number() {
    let mut s = salon();
    s.store.set_config("kiosk.tan", "on").unwrap();
    s.store.send_code("0151 23456789", Language::De).unwrap();
    let sms = s.store.outbox(OutboxView::Waiting, 10).unwrap().into_iter().find(|m| m.kind == Kind::Tan).unwrap();
    let code: String = sms.body.chars().filter(|c| c.is_ascii_digit()).collect();
    assert!(matches!(s.store.prove_number("0151 23456789", "000000"), Err(KioskError::Refused(Refusal::WrongCode))));
    assert_eq!(s.store.prove_number("0151 23456789", &code), Ok(None), "right, and no card to fill in");
    let mut b = booking(local(24, 10, 0), "0151 23456789", "");
    b.code = Some(code.clone());
    assert!(s.store.self_book(&b).is_ok(), "proving did not use the code up");
    assert_eq!(count(&mut s.store, "SELECT tries FROM kiosk_codes"), 1, "the wrong one counted");

    s.store.set_now(Some(now() + Duration::minutes(2)));
    s.store.send_code("0151 23456789", Language::De).unwrap();
    let sms = s.store.outbox(OutboxView::Waiting, 10).unwrap().into_iter().rfind(|m| m.kind == Kind::Tan).unwrap();
    let code: String = sms.body.chars().filter(|c| c.is_ascii_digit()).collect();
    s.store.block("0151 23456789", "fake bookings").unwrap();
    assert!(
        matches!(s.store.prove_number("0151 23456789", &code), Err(KioskError::Refused(Refusal::Blocklisted))),
        "refused before any name is typed"
    );
    s.store.set_now(Some(now() + Duration::minutes(4)));
    assert!(
        matches!(s.store.send_code("0151 23456789", Language::De), Err(KioskError::Refused(Refusal::Blocklisted))),
        "no more codes to a blocked number"
    );
}

#[test]
fn two_processes_booking_the_last_free_time_give_one_booking_and_one_clear_refusal() {
    let s = salon();
    let path = s.path();
    // Eight half hours of one staff member's morning, each raced for.
    for round in 0..8u32 {
        let start = local(24, 9, 0) + Duration::minutes(30 * round as i64);
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
        let results: Vec<Result<salondesk::store::Booked, KioskError>> = (0..2)
            .map(|i| {
                let (path, barrier) = (path.clone(), barrier.clone());
                std::thread::spawn(move || {
                    let mut store = Store::open(&path, "kiosk").unwrap();
                    store.set_now(Some(now()));
                    let b = booking(start, &format!("0151 2345678{i}"), "");
                    barrier.wait();
                    store.self_book(&b)
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|h| h.join().unwrap())
            .collect();
        let ok = results.iter().filter(|r| r.is_ok()).count();
        let taken = results.iter().filter(|r| matches!(r, Err(KioskError::Refused(Refusal::SlotTaken)))).count();
        assert_eq!((ok, taken), (1, 1), "round {round}: {results:?}");
    }
}

#[test]
fn free_times_leave_out_taken_times_breaks_and_short_notice() {
    let mut s = salon();
    s.store.self_book(&booking(local(24, 9, 0), "0151 23456789", "")).unwrap();
    let slots = s.store.free_slots(30, Some(1), now(), 14).unwrap();
    assert!(slots.iter().all(|(staff, _)| *staff == 1));
    let starts: Vec<Instant> = slots.iter().map(|(_, t)| *t).collect();
    assert!(!starts.contains(&local(24, 9, 0)) && !starts.contains(&local(24, 9, 15)), "taken");
    assert!(starts.contains(&local(24, 9, 30)));
    assert!(!starts.contains(&local(24, 12, 45)) && !starts.contains(&local(24, 13, 0)), "lunch 13:00–13:30");
    assert!(starts.iter().all(|t| *t >= now() + Duration::minutes(60)), "an hour's notice");
    assert!(
        !starts.iter().any(|t| clock::today(BERLIN, *t) == NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()),
        "Sunday off"
    );
}

#[test]
fn blocking_a_customer_from_the_card_stops_fake_bookings_with_their_number_or_address() {
    let mut s = salon();
    let faker = s
        .store
        .save_customer(&Customer {
            first_name: "Fake".into(),
            phone: "0151 23456789".into(),
            email: "fake@example.com".into(),
            ..Default::default()
        })
        .unwrap();
    s.store.block_customer(faker).unwrap();
    assert_eq!(s.store.blocklist().unwrap().len(), 2, "the number (E.164) and the address");
    assert_eq!(refused(s.store.self_book(&booking(local(24, 10, 0), "+49 151 23456789", ""))), Refusal::Blocklisted);
    assert_eq!(
        refused(s.store.self_book(&booking(local(24, 10, 0), "0160 1234567", "Fake@Example.com"))),
        Refusal::Blocklisted
    );
    let (id, ..) = s.store.blocklist().unwrap()[0].clone();
    s.store.unblock(id).unwrap();
    assert_eq!(s.store.blocklist().unwrap().len(), 1);
}

#[test]
fn a_booking_waiting_for_its_deposit_is_confirmed_when_the_desk_enters_it() {
    let mut s = salon();
    let first = s.store.self_book(&booking(local(24, 10, 0), "0151 23456789", "")).unwrap();
    let customer = s.store.appointment(first.appointment_id).unwrap().customer_id.unwrap();
    let deposit = s.store.statuses().unwrap().into_iter().find(|st| st.deposit_required).unwrap();
    s.store.assign_status(customer, deposit.id, "tests").unwrap();
    let b = proven(&mut s, booking(local(25, 10, 0), "0151 23456789", ""));
    let waits = s.store.self_book(&b).unwrap();
    let a = s.store.appointment(waits.appointment_id).unwrap();
    assert!(a.awaiting_deposit, "the calendar marks it");
    let mut change = NewAppointment {
        staff_id: a.staff_id,
        service_id: a.service_id,
        customer_id: a.customer_id,
        walk_in_name: String::new(),
        start: a.slot.start,
        minutes: 30,
        price_cents: a.price_cents,
        deposit_cents: 0,
        source: Source::Kiosk,
    };
    s.store.change_appointment(a.id, &change).unwrap();
    assert!(s.store.appointment(a.id).unwrap().awaiting_deposit, "still waiting without a deposit");
    change.deposit_cents = 1000;
    s.store.change_appointment(a.id, &change).unwrap();
    let a = s.store.appointment(a.id).unwrap();
    assert!(!a.awaiting_deposit);
    assert_eq!(a.deposit_cents, 1000);
}

#[test]
fn a_service_that_asks_a_deposit_asks_it_of_a_new_customer_too_and_says_how_much() {
    let mut s = salon();
    s.store
        .set_service_till(&salondesk::store::ServiceTill { service_id: 1, deposit_percent: 25, ..Default::default() })
        .unwrap();
    let booked = s.store.self_book(&booking(local(24, 10, 0), "0151 23456789", "")).unwrap();
    assert!(booked.awaiting_deposit, "a new customer of a good status, yet the service asks it");
    assert_eq!(booked.deposit_cents, 800, "25 % of the 32.00 cut");
    assert!(s.store.appointment(booked.appointment_id).unwrap().awaiting_deposit, "marked in the calendar");
    let colour =
        SelfBooking { service_id: 2, start: local(24, 14, 0), ..booking(local(24, 14, 0), "0151 23456789", "") };
    let colour = proven(&mut s, colour);
    let plain = s.store.self_book(&colour).unwrap();
    assert!(!plain.awaiting_deposit && plain.deposit_cents == 0, "another service asks none");
}

/// Not a test on its own: the child process of the next test (it books when
/// told to by the environment, and says how it went).
#[test]
fn kiosk_process_books_when_told() {
    let (Ok(path), Ok(go), Ok(phone)) = (
        std::env::var("SALONDESK_CHILD_DB"),
        std::env::var("SALONDESK_CHILD_GO"),
        std::env::var("SALONDESK_CHILD_PHONE"),
    ) else {
        return;
    };
    let mut store = Store::open(std::path::Path::new(&path), "kiosk").unwrap();
    store.set_now(Some(now()));
    while !std::path::Path::new(&go).exists() {
        std::thread::yield_now();
    }
    match store.self_book(&booking(local(24, 9, 0), &phone, "")) {
        Ok(_) => println!("RESULT:booked"),
        Err(KioskError::Refused(r)) => println!("RESULT:{}", r.code()),
        Err(e) => println!("RESULT:error {e}"),
    }
}

#[test]
fn two_kiosk_processes_for_the_last_free_time_give_one_booking_and_one_refusal() {
    let s = salon();
    let go = s.dir.path().join("go");
    let children: Vec<std::process::Child> = ["0151 23456780", "0151 23456781"]
        .iter()
        .map(|phone| {
            std::process::Command::new(std::env::current_exe().unwrap())
                .args(["--exact", "kiosk_process_books_when_told", "--nocapture", "--test-threads=1"])
                .env("SALONDESK_CHILD_DB", s.path())
                .env("SALONDESK_CHILD_GO", &go)
                .env("SALONDESK_CHILD_PHONE", phone)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    // Both open the file and wait; then they are let go at the same moment.
    std::thread::sleep(std::time::Duration::from_millis(500));
    std::fs::write(&go, b"go").unwrap();
    let mut results: Vec<String> = children
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout).to_string();
            // libtest prints the test's name on the same line.
            let found = stdout.split("RESULT:").nth(1).and_then(|r| r.split_whitespace().next()).map(str::to_string);
            found.unwrap_or_else(|| format!("nothing: {stdout} {}", String::from_utf8_lossy(&out.stderr)))
        })
        .collect();
    results.sort();
    assert_eq!(results, ["booked", "slot-taken"]);
}

#[test]
fn a_number_gets_a_few_codes_an_hour_and_codes_go_out_before_waiting_mails() {
    let mut s = salon();
    s.store.set_config("kiosk.tan", "on").unwrap();
    // E-mails already due (confirmations of bookings at the desk).
    s.store.set_config("smtp.host", "127.0.0.1").unwrap();
    s.store.set_config("smtp.from", "salon@example.de").unwrap();
    for (n, email) in ["a@example.de", "b@example.de"].iter().enumerate() {
        let c = s
            .store
            .save_customer(&Customer { first_name: "Mail".into(), email: email.to_string(), ..Default::default() })
            .unwrap();
        s.store.book(&common::cut_with_lena(c, local(26, 10 + n as u32, 0))).unwrap();
    }
    for n in 0..salondesk::domain::booking::CODES_PER_HOUR {
        s.store.set_now(Some(now() + Duration::minutes(2 * n + 1)));
        s.store.send_code("0151 23456789", Language::De).unwrap();
    }
    s.store.set_now(Some(now() + Duration::minutes(30)));
    assert!(matches!(s.store.send_code("0151 23456789", Language::De), Err(KioskError::Refused(Refusal::CodeLimit))));
    s.store.set_now(Some(now() + Duration::minutes(90)));
    s.store.send_code("0151 23456789", Language::De).unwrap();
    let channels = [salondesk::message::defaults::Channel::Email, salondesk::message::defaults::Channel::Sms];
    let next = s.store.due_messages(s.store.now(), &channels, 1).unwrap();
    assert_eq!(next[0].kind, Kind::Tan, "the code goes before the e-mails that were due earlier");
}

#[test]
fn a_no_show_fee_rests_on_the_terms_the_customer_accepted_for_that_booking() {
    let mut s = salon();
    let first = s.store.self_book(&booking(local(24, 10, 0), "0151 23456789", "")).unwrap();
    let kari = s.store.appointment(first.appointment_id).unwrap().customer_id.unwrap();
    s.store.set_config("kiosk.terms_version", "AGB 2026-06").unwrap();
    let mut later = proven(&mut s, booking(local(26, 10, 0), "0151 23456789", ""));
    later.terms_version = "AGB 2026-06".into();
    let second = s.store.self_book(&later).unwrap();
    // A booking made at the desk rests on the newest terms accepted before it.
    let at_desk = s.store.book(&common::cut_with_lena(kari, local(27, 10, 0))).unwrap();

    s.store.set_now(Some(local(28, 10, 0)));
    for id in [first.appointment_id, second.appointment_id, at_desk] {
        s.store.set_state_with(id, AppointmentState::NoShow, "", Some(false)).unwrap();
        s.store.record_fee(id, 2500).unwrap();
    }
    let version = |id: i64| {
        let fees = s.store.fees(kari).unwrap();
        fees.into_iter().find(|f| f.appointment_id == id).unwrap().terms_version
    };
    assert_eq!(version(first.appointment_id), "AGB 2026-01", "the version accepted for it, not today's");
    assert_eq!(version(second.appointment_id), "AGB 2026-06");
    assert_eq!(version(at_desk), "AGB 2026-06");
}

#[test]
fn a_service_is_named_in_the_customers_language_at_the_kiosk_and_in_their_messages() {
    let mut s = salon();
    let mut cut = s.store.services().unwrap().into_iter().find(|x| x.name == "Cut").unwrap();
    cut.names = vec![(Language::De, "Haarschnitt".into()), (Language::Nl, "  ".into())];
    s.store.save_service(&cut).unwrap();
    let cut = s.store.services().unwrap().into_iter().find(|x| x.id == cut.id).unwrap();
    assert_eq!(cut.names, vec![(Language::De, "Haarschnitt".to_string())], "an empty name is no name");
    assert_eq!((cut.name_in(Language::De), cut.name_in(Language::Nl)), ("Haarschnitt", "Cut"), "else its own");

    let booked = s.store.self_book(&booking(local(24, 10, 0), "0151 23456789", "kari@example.com")).unwrap();
    let mail = s
        .store
        .outbox(OutboxView::Waiting, 10)
        .unwrap()
        .into_iter()
        .find(|m| m.appointment_id == Some(booked.appointment_id))
        .expect("a confirmation");
    assert!(mail.body.contains("Haarschnitt"), "a German customer reads German: {}", mail.body);
}
