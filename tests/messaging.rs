//! Confirmations and reminders really go out: e-mail over SMTP to a listener
//! on 127.0.0.1, SMS to an HTTP gateway on 127.0.0.1; what arrived is read
//! back (subject, body in the customer's language, the `.ics` parsed).

mod common;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use common::sinks::{HttpSink, SmtpSink};
use icalendar::{Calendar, CalendarDateTime, Component, DatePerhapsTime};
use salondesk::domain::clock::{self, Instant};
use salondesk::domain::{AppointmentState, Customer, Language};
use salondesk::message::defaults::{Channel, Kind};
use salondesk::sending::scheduler::run_due;
use salondesk::store::{NewAppointment, OutboxState, Store};
use std::process::Command;

const BERLIN: chrono_tz::Tz = chrono_tz::Europe::Berlin;

fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> Instant {
    clock::local_to_utc(BERLIN, NaiveDate::from_ymd_opt(y, m, d).unwrap(), h * 60 + min)
}

fn set(store: &mut Store, pairs: &[(&str, &str)]) {
    for (k, v) in pairs {
        store.set_config(k, v).unwrap_or_else(|e| panic!("{k} = {v}: {e}"));
    }
}

fn email_to(store: &mut Store, port: u16) {
    let port = port.to_string();
    set(
        store,
        &[
            ("smtp.host", "127.0.0.1"),
            ("smtp.port", &port),
            ("smtp.security", "none"),
            ("smtp.from", "hello@salon.example"),
        ],
    );
}

fn sms_to(store: &mut Store, port: u16) {
    let url = format!("http://127.0.0.1:{port}/send");
    set(
        store,
        &[
            ("sms.provider", "generic"),
            ("sms.url", &url),
            ("sms.format", "json"),
            ("sms.body", "{\"to\":\"{to}\",\"text\":\"{text}\"}"),
            ("sms.auth_header", "Authorization: Bearer t0k3n"),
        ],
    );
}

fn customer(store: &mut Store, lang: Language, email: &str, phone: &str) -> i64 {
    store
        .save_customer(&Customer {
            first_name: "Kari".into(),
            last_name: "Nordmann".into(),
            email: email.into(),
            phone: phone.into(),
            language: lang,
            ..Default::default()
        })
        .unwrap()
}

fn booking(customer: i64, start: Instant) -> NewAppointment {
    common::cut_with_lena(customer, start)
}

fn calendar(ics: &str) -> (String, String, u32, CalendarDateTime) {
    let calendar: Calendar = ics.parse().expect("a calendar program reads it");
    let method = calendar.property_value("METHOD").unwrap_or_default().to_string();
    let event = calendar.events().next().cloned().expect("one event");
    let Some(DatePerhapsTime::DateTime(start)) = event.get_start() else { panic!("a start time") };
    (method, event.get_uid().unwrap().to_string(), event.get_sequence().unwrap(), start)
}

fn starts_at_local(start: &CalendarDateTime) -> (String, String) {
    match start {
        CalendarDateTime::WithTimezone { date_time, tzid } => {
            (tzid.clone(), date_time.format("%Y-%m-%d %H:%M").to_string())
        }
        other => panic!("the invitation's time must carry the salon's zone: {other:?}"),
    }
}

#[test]
fn a_booking_is_confirmed_with_an_invitation_and_a_move_and_a_cancellation_update_it() {
    let mut s = common::salon();
    let sink = SmtpSink::start();
    email_to(&mut s.store, sink.port);
    let now = local(2026, 11, 23, 10, 0);
    s.store.set_now(Some(now));
    let kari = customer(&mut s.store, Language::Nb, "kari@example.no", "");
    let id = s.store.book(&booking(kari, local(2026, 11, 26, 14, 30))).unwrap();

    assert_eq!(run_due(&mut s.store, now).unwrap().sent, 1);
    let mails = sink.wait_for(1);
    let first = &mails[0];
    assert_eq!(first.to, ["kari@example.no"]);
    assert!(first.subject().starts_with("Timen din hos My salon torsdag 26. november 2026"), "{}", first.subject());
    assert!(first.body().contains("Hei Kari"), "Norwegian, by first name: {}", first.body());
    assert!(first.body().contains("14:30"));
    let row = &s.store.appointment_messages(id).unwrap()[0];
    assert_eq!(first.header("Message-ID"), row.message_id, "the outbox's Message-ID is the one sent");
    let (method, uid, seq, start) = calendar(&first.calendar().expect("an .ics attached"));
    assert_eq!((method.as_str(), seq), ("REQUEST", 0));
    // iMIP: the invitation beside the text, as Outlook and Gmail look for it, and the file too.
    assert_eq!(
        first.structure(),
        ["multipart/mixed", "multipart/alternative", "text/plain", "text/calendar; method=REQUEST", "application/ics"],
    );
    assert_eq!(first.ics_file(), first.calendar(), "the attached file says the same");
    assert!(uid.starts_with(&format!("appointment-{id}@")), "{uid}");
    assert_eq!(starts_at_local(&start), ("Europe/Berlin".into(), "2026-11-26 14:30".into()));

    let mut moved = booking(kari, local(2026, 11, 26, 16, 0));
    moved.staff_id = 2;
    s.store.change_appointment(id, &moved).unwrap();
    run_due(&mut s.store, now).unwrap();
    s.store.set_state(id, AppointmentState::Cancelled, "ill").unwrap();
    run_due(&mut s.store, now).unwrap();
    let mails = sink.wait_for(3);
    assert_eq!(mails.len(), 3);
    let (method, uid2, seq, start) = calendar(&mails[1].calendar().unwrap());
    assert_eq!((method.as_str(), uid2.as_str(), seq), ("REQUEST", uid.as_str(), 1), "the update replaces the event");
    assert_eq!(starts_at_local(&start).1, "2026-11-26 16:00");
    let (method, uid3, seq, _) = calendar(&mails[2].calendar().unwrap());
    assert_eq!((method.as_str(), uid3.as_str(), seq), ("CANCEL", uid.as_str(), 2));

    assert_eq!(run_due(&mut s.store, now + Duration::days(10)).unwrap().sent, 0, "nothing twice, no reminder");
    assert_eq!(sink.mails().len(), 3);
}

#[test]
fn reminders_go_out_at_local_time_across_the_spring_change_and_respect_quiet_hours() {
    let mut s = common::salon();
    let sink = SmtpSink::start();
    let gateway = HttpSink::start(&[]);
    email_to(&mut s.store, sink.port);
    sms_to(&mut s.store, gateway.port);
    let booked_at = local(2026, 3, 20, 12, 0);
    s.store.set_now(Some(booked_at));
    let kari = customer(&mut s.store, Language::De, "kari@example.de", "0151 23456789");
    // Monday 30 March 2026 09:00, the day after the clocks went forward.
    let id = s.store.book(&booking(kari, local(2026, 3, 30, 9, 0))).unwrap();
    run_due(&mut s.store, booked_at).unwrap();
    assert_eq!(sink.wait_for(1).len(), 1, "the confirmation");

    // Sunday 07:00 summer time is 05:00 UTC.
    let seven = Utc.with_ymd_and_hms(2026, 3, 29, 5, 0, 0).unwrap();
    assert_eq!(run_due(&mut s.store, seven - Duration::minutes(1)).unwrap().sent, 0);
    assert_eq!(run_due(&mut s.store, seven).unwrap().sent, 1);
    let mails = sink.wait_for(2);
    assert!(
        mails[1].subject().starts_with("Erinnerung: Cut bei My salon am Montag, 30. März 2026"),
        "{}",
        mails[1].subject()
    );

    // 2 hours before is 07:00, inside the quiet hours (21–08): the SMS waits for 08:00.
    assert_eq!(run_due(&mut s.store, local(2026, 3, 30, 7, 30)).unwrap().sent, 0);
    assert!(gateway.requests().is_empty());
    assert_eq!(run_due(&mut s.store, local(2026, 3, 30, 8, 0)).unwrap().sent, 1);
    let sms = &gateway.requests()[0];
    assert_eq!(sms.header("Authorization"), Some("Bearer t0k3n"));
    let body: serde_json::Value = serde_json::from_str(&sms.body).expect("valid JSON");
    assert_eq!(body["to"], "+4915123456789", "the number in E.164");
    let text = body["text"].as_str().unwrap();
    assert!(text.contains("um 09:00 Uhr"), "{text}");
    assert_eq!(run_due(&mut s.store, local(2026, 3, 30, 8, 30)).unwrap().sent, 0, "once only");
    let kinds: Vec<(Kind, Channel, OutboxState)> =
        s.store.appointment_messages(id).unwrap().iter().map(|m| (m.kind, m.channel, m.state)).collect();
    assert_eq!(
        kinds,
        [
            (Kind::Confirmation, Channel::Email, OutboxState::Sent),
            (Kind::Reminder, Channel::Email, OutboxState::Sent),
            (Kind::Reminder, Channel::Sms, OutboxState::Sent),
        ]
    );
}

#[test]
fn a_moved_appointment_is_reminded_at_its_new_time_and_opted_out_customers_not_at_all() {
    let mut s = common::salon();
    let now = local(2026, 11, 23, 10, 0);
    s.store.set_now(Some(now));
    let kari = customer(&mut s.store, Language::En, "kari@example.com", "0151 23456789");
    let id = s.store.book(&booking(kari, local(2026, 11, 26, 14, 30))).unwrap();
    let due = |store: &Store| -> Vec<Instant> {
        let mut d: Vec<Instant> = store
            .appointment_messages(id)
            .unwrap()
            .iter()
            .filter(|m| m.kind == Kind::Reminder && m.state == OutboxState::Queued)
            .map(|m| m.due_at)
            .collect();
        d.sort();
        d
    };
    assert_eq!(due(&s.store), [local(2026, 11, 25, 7, 0), local(2026, 11, 26, 12, 30)]);
    s.store.change_appointment(id, &booking(kari, local(2026, 11, 28, 10, 0))).unwrap();
    assert_eq!(
        due(&s.store),
        [local(2026, 11, 27, 7, 0), local(2026, 11, 28, 8, 0)],
        "re-planned; SMS after quiet hours"
    );
    s.store.set_reminders_off(kari, true).unwrap();
    assert!(due(&s.store).is_empty());
    let other = customer(&mut s.store, Language::En, "", "");
    let walk = s.store.book(&booking(other, local(2026, 11, 26, 9, 0))).unwrap();
    assert!(s.store.appointment_messages(walk).unwrap().is_empty(), "no address, no message");
}

#[test]
fn a_server_that_is_down_is_retried_and_the_message_arrives_once() {
    let mut s = common::salon();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    email_to(&mut s.store, port);
    let now = local(2026, 11, 23, 10, 0);
    s.store.set_now(Some(now));
    let kari = customer(&mut s.store, Language::En, "kari@example.com", "");
    let id = s.store.book(&booking(kari, local(2026, 11, 26, 14, 30))).unwrap();

    let first = run_due(&mut s.store, now).unwrap();
    assert_eq!((first.sent, first.failed), (0, 1));
    let row = s.store.appointment_messages(id).unwrap().remove(0);
    assert_eq!(row.state, OutboxState::Failed);
    assert!(!row.last_error.is_empty(), "the salon sees why");
    assert_eq!(row.next_at, Some(now + Duration::minutes(1)));
    assert_eq!(s.store.outbox_counts(now).unwrap().0, 1, "the badge counts it");

    let sink = SmtpSink::on(std::net::TcpListener::bind(("127.0.0.1", port)).expect("the port again"));
    assert_eq!(run_due(&mut s.store, now + Duration::seconds(30)).unwrap().sent, 0, "waits for its retry time");
    assert_eq!(run_due(&mut s.store, now + Duration::minutes(1)).unwrap().sent, 1);
    assert_eq!(run_due(&mut s.store, now + Duration::minutes(2)).unwrap().sent, 0);
    assert_eq!(sink.wait_for(1).len(), 1);
    assert_eq!(s.store.outbox_counts(now).unwrap().0, 0);

    // An SMS gateway answering 503 twice: the same message (one Idempotency-Key) three times.
    let gateway = HttpSink::start(&[503, 503]);
    sms_to(&mut s.store, gateway.port);
    let sms_customer = customer(&mut s.store, Language::En, "", "+49 151 23456789");
    let later = s.store.book(&booking(sms_customer, local(2026, 11, 23, 15, 0))).unwrap();
    assert!(s.store.remind(later).unwrap(), "a reminder switched on by hand");
    for (after, sent) in [(0, 0), (1, 0), (6, 1)] {
        assert_eq!(run_due(&mut s.store, now + Duration::minutes(after)).unwrap().sent, sent, "+{after} min");
    }
    let keys: Vec<String> =
        gateway.requests().iter().map(|r| r.header("Idempotency-Key").unwrap_or_default().to_string()).collect();
    assert_eq!(keys.len(), 3);
    assert!(keys.iter().all(|k| k == &keys[0] && k.starts_with('<')));
}

fn cli(path: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_salondesk")).arg("--db").arg(path).args(args).output().expect("runs")
}

#[test]
fn a_sender_killed_mid_send_is_repeated_with_the_same_message_id_and_nothing_is_lost() {
    let mut s = common::salon();
    // A mail server that accepts the connection and never answers.
    let hanging = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    email_to(&mut s.store, hanging.local_addr().unwrap().port());
    let t0 = local(2026, 11, 23, 10, 0);
    s.store.set_now(Some(t0));
    let kari = customer(&mut s.store, Language::En, "kari@example.com", "");
    let id = s.store.book(&booking(kari, local(2026, 11, 26, 14, 30))).unwrap();
    let path = s.path();
    let rfc = |t: Instant| t.to_rfc3339();

    let mut child = Command::new(env!("CARGO_BIN_EXE_salondesk"))
        .arg("--db")
        .arg(&path)
        .args(["send", "--once", "--now", &rfc(t0)])
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while s.store.appointment_messages(id).unwrap()[0].state != OutboxState::Sending {
        assert!(started.elapsed().as_secs() < 20, "the sender never started");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    drop(hanging);

    let sink = SmtpSink::start();
    email_to(&mut s.store, sink.port);
    let out = cli(&path, &["send", "--once", "--now", &rfc(t0 + Duration::seconds(60))]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("sent 0"), "held by the first sender's lease");
    let out = cli(&path, &["send", "--once", "--now", &rfc(t0 + Duration::seconds(121))]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("sent 1,"), "{}", String::from_utf8_lossy(&out.stdout));
    let out = cli(&path, &["send", "--once", "--now", &rfc(t0 + Duration::seconds(122))]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("sent 0,"), "a second run sends nothing");

    let mails = sink.wait_for(1);
    assert_eq!(mails.len(), 1);
    let row = s.store.appointment_messages(id).unwrap().remove(0);
    assert_eq!((row.state, row.attempts), (OutboxState::Sent, 2));
    assert_eq!(mails[0].header("Message-ID"), row.message_id, "the repeat is recognisably the same message");
}

#[test]
fn settings_from_the_command_line_are_checked_and_listed() {
    let s = common::salon();
    let path = s.path();
    let bad = cli(&path, &["config", "set", "smtp.security", "ssl3"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("choose one of none, starttls, tls"));
    let bad = cli(&path, &["config", "set", "sms.quiet_hours", "late"]);
    assert!(!bad.status.success());
    assert!(cli(&path, &["config", "set", "smtp.port", "2525"]).status.success());
    let set = cli(&path, &["config", "set", "smtp.password", "geheim"]);
    assert!(set.status.success());
    assert!(!String::from_utf8_lossy(&set.stdout).contains("geheim"), "a secret is not echoed");
    let url = cli(&path, &["config", "set", "sms.url", "https://gw.example/send?api_key=s3cret"]);
    assert!(!String::from_utf8_lossy(&url.stdout).contains("s3cret"), "nor a gateway's key in its URL");
    let got = cli(&path, &["config", "get", "smtp.password"]);
    assert_eq!(String::from_utf8_lossy(&got.stdout).trim(), "••••");
    assert!(cli(&path, &["config", "set", "reminder.2", "sms 3h off"]).status.success());
    assert!(cli(&path, &["config", "set", "reminder.new", "email 2d@18:00 on"]).status.success());
    assert_eq!(String::from_utf8_lossy(&cli(&path, &["config", "get", "smtp.port"]).stdout).trim(), "2525");
    let list = String::from_utf8_lossy(&cli(&path, &["config", "list"]).stdout).to_string();
    for line in [
        "smtp.port = 2525",
        "smtp.password = ••••",
        "reminder.1 = email 1d@07:00 on",
        "reminder.2 = sms 3h off",
        "reminder.3 = email 2d@18:00 on",
    ] {
        assert!(list.contains(line), "{line} in\n{list}");
    }
    assert!(!list.contains("geheim"), "passwords are not printed");
    let bad = cli(&path, &["config", "set", "reminder.2", "sms 1m on"]);
    assert!(!bad.status.success(), "1 minute before is refused");
}

#[test]
fn twilio_gets_the_account_login_and_the_form_it_expects() {
    let mut s = common::salon();
    let gateway = HttpSink::start(&[]);
    let url = format!("http://127.0.0.1:{}/2010-04-01/Accounts/{{username}}/Messages.json", gateway.port);
    set(
        &mut s.store,
        &[
            ("sms.provider", "twilio"),
            ("sms.url", &url),
            ("sms.username", "AC123"),
            ("sms.token", "secret"),
            ("sms.from", "+4930123456"),
        ],
    );
    let now = local(2026, 11, 23, 10, 0);
    s.store.set_now(Some(now));
    let kari = customer(&mut s.store, Language::En, "", "0151 23456789");
    let id = s.store.book(&booking(kari, local(2026, 11, 23, 16, 0))).unwrap();
    assert!(s.store.remind(id).unwrap());
    assert_eq!(run_due(&mut s.store, now).unwrap().sent, 1);
    let request = &gateway.requests()[0];
    assert_eq!(request.line, "POST /2010-04-01/Accounts/AC123/Messages.json HTTP/1.1");
    // "AC123:secret" in base64.
    assert_eq!(request.header("Authorization"), Some("Basic QUMxMjM6c2VjcmV0"));
    assert_eq!(request.form("To").as_deref(), Some("+4915123456789"));
    assert_eq!(request.form("From").as_deref(), Some("+4930123456"));
    assert!(request.form("Body").unwrap().starts_with("Reminder: Cut at My salon, Monday 23 November 2026 at 16:00."));
}

fn kinds(store: &Store, id: i64) -> Vec<(Kind, String, OutboxState)> {
    store
        .appointment_messages(id)
        .unwrap()
        .into_iter()
        .filter(|m| m.channel == Channel::Email)
        .map(|m| (m.kind, m.rule, m.state))
        .filter(|(k, _, _)| *k != Kind::Reminder)
        .collect()
}

fn send_all(store: &mut Store, now: Instant) {
    for m in store.due_messages(now, &[Channel::Email, Channel::Sms], 100).unwrap() {
        assert!(store.claim_message(&m, now).unwrap());
        store.message_sent(m.id, now).unwrap();
    }
}

#[test]
fn changes_before_and_after_sending_give_one_message_each_never_a_lost_update() {
    let mut s = common::salon();
    let now = local(2026, 11, 23, 10, 0);
    s.store.set_now(Some(now));
    let kari = customer(&mut s.store, Language::En, "kari@example.com", "");
    let id = s.store.book(&booking(kari, local(2026, 11, 26, 14, 30))).unwrap();
    // Corrected before anything went out: still one confirmation.
    s.store.change_appointment(id, &booking(kari, local(2026, 11, 26, 15, 0))).unwrap();
    assert_eq!(
        kinds(&s.store, id),
        [
            (Kind::Confirmation, "v0".into(), OutboxState::Cancelled),
            (Kind::Confirmation, "v1".into(), OutboxState::Queued),
        ]
    );
    send_all(&mut s.store, now);
    s.store.change_appointment(id, &booking(kari, local(2026, 11, 27, 9, 0))).unwrap();
    s.store.change_appointment(id, &booking(kari, local(2026, 11, 27, 10, 0))).unwrap();
    s.store.set_state(id, AppointmentState::Cancelled, "ill").unwrap();
    assert_eq!(
        kinds(&s.store, id),
        [
            (Kind::Confirmation, "v0".into(), OutboxState::Cancelled),
            (Kind::Confirmation, "v1".into(), OutboxState::Sent),
            (Kind::Reschedule, "v2".into(), OutboxState::Cancelled),
            (Kind::Reschedule, "v3".into(), OutboxState::Cancelled),
            (Kind::Cancellation, "v4".into(), OutboxState::Queued),
        ],
        "the customer knew of it: the cancellation goes out, the unsent updates do not"
    );
    s.store.set_state(id, AppointmentState::Booked, "").unwrap();
    let last = kinds(&s.store, id).pop().unwrap();
    assert_eq!((last.0, last.1.as_str()), (Kind::Reschedule, "v5"), "undone: the invitation is sent again");
}

#[test]
fn switching_a_rule_off_drops_its_planned_reminders_and_on_again_plans_them() {
    let mut s = common::salon();
    let now = local(2026, 11, 23, 10, 0);
    s.store.set_now(Some(now));
    let kari = customer(&mut s.store, Language::En, "kari@example.com", "");
    let id = s.store.book(&booking(kari, local(2026, 11, 26, 14, 30))).unwrap();
    let planned = |store: &Store| {
        store
            .appointment_messages(id)
            .unwrap()
            .iter()
            .filter(|m| m.kind == Kind::Reminder && m.state == OutboxState::Queued)
            .count()
    };
    assert_eq!(planned(&s.store), 1, "the e-mail the day before (no mobile number for SMS)");
    let mut rule = s.store.reminder_rules().unwrap()[0];
    rule.active = false;
    s.store.save_reminder_rule(&rule).unwrap();
    assert_eq!(planned(&s.store), 0);
    rule.active = true;
    rule.when = salondesk::domain::reminder::When::parse("2d@18:00").unwrap();
    s.store.save_reminder_rule(&rule).unwrap();
    let due: Vec<Instant> = s
        .store
        .appointment_messages(id)
        .unwrap()
        .iter()
        .filter(|m| m.kind == Kind::Reminder && m.state == OutboxState::Queued)
        .map(|m| m.due_at)
        .collect();
    assert_eq!(due, [local(2026, 11, 24, 18, 0)]);
}

#[test]
fn the_sender_wakes_when_another_program_books_and_not_before() {
    let mut s = common::salon();
    let sink = SmtpSink::start();
    email_to(&mut s.store, sink.port);
    let kari = customer(&mut s.store, Language::En, "kari@example.no", "");
    // The desk's sender, on its own connection, asleep: nothing is due.
    let sender = Store::open(&s.path(), "scheduler").unwrap();
    let rounds = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
    let counted = rounds.clone();
    std::thread::spawn(move || {
        salondesk::sending::scheduler::run_forever(sender, salondesk::sending::scheduler::Lane::All, move |_| {
            counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            true
        })
    });
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert_eq!(sink.mails().len(), 0);
    // The desk (another connection) books: the confirmation goes out at once.
    let start = chrono::Utc::now() + Duration::days(3);
    s.store.book(&booking(kari, start)).unwrap();
    let mails = sink.wait_for(1);
    assert_eq!(mails.len(), 1, "sent without waiting for a poll");
    assert_eq!(mails[0].to, ["kari@example.no"]);
    // The round that sent it is reported (just after the mail server has it).
    let until = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while rounds.load(std::sync::atomic::Ordering::SeqCst) == 0 && std::time::Instant::now() < until {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(500));
    let after_booking = rounds.load(std::sync::atomic::Ordering::SeqCst);
    assert!(after_booking >= 1, "the round that sent is reported");
    // Then quiet: no round reported while nothing happens.
    std::thread::sleep(std::time::Duration::from_millis(2500));
    assert_eq!(rounds.load(std::sync::atomic::Ordering::SeqCst), after_booking, "an idle sender reports nothing");
}

/// What Python's `icalendar` (another program, another parser) makes of an
/// invitation: each event's start in UTC, resolved with the file's own
/// VTIMEZONE (not the reader's zone database), or "MISSING <tzid>".
fn python_reads(ics: &str) -> Option<Vec<String>> {
    let python = ["/usr/bin/python3", "python3"].into_iter().find(|p| {
        std::process::Command::new(p).args(["-c", "import icalendar"]).output().is_ok_and(|o| o.status.success())
    });
    let Some(python) = python else {
        assert!(std::env::var_os("CI").is_none(), "CI must install python3-icalendar");
        eprintln!("python3-icalendar is not installed: the second parser is skipped");
        return None;
    };
    let script = r#"
import sys, datetime, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.read())
zones = {str(z['TZID']): z.to_tz() for z in cal.walk('VTIMEZONE')}
for event in cal.walk('VEVENT'):
    start = event['DTSTART']
    tzid = str(start.params.get('TZID'))
    if tzid not in zones:
        print('MISSING', tzid)
        continue
    naive = datetime.datetime.strptime(start.to_ical().decode(), '%Y%m%dT%H%M%S')
    zone = zones[tzid]
    aware = zone.localize(naive) if hasattr(zone, 'localize') else naive.replace(tzinfo=zone)
    print(aware.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'))
"#;
    use std::io::Write;
    let mut child = std::process::Command::new(python)
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(ics.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "python's icalendar refused it: {}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8_lossy(&out.stdout).lines().map(str::to_string).collect())
}

#[test]
fn another_calendar_program_puts_the_appointment_at_the_booked_hour_in_winter_and_summer() {
    let mut s = common::salon();
    let sink = SmtpSink::start();
    email_to(&mut s.store, sink.port);
    let now = local(2026, 11, 23, 10, 0);
    s.store.set_now(Some(now));
    let kari = customer(&mut s.store, Language::De, "kari@example.de", "");
    let winter = local(2026, 12, 7, 10, 0);
    let id = s.store.book(&booking(kari, winter)).unwrap();
    run_due(&mut s.store, now).unwrap();
    // Moved into summer time: the same 10:00 on the wall is an hour earlier in UTC.
    let summer = local(2027, 6, 7, 10, 0);
    s.store.change_appointment(id, &booking(kari, summer)).unwrap();
    run_due(&mut s.store, now).unwrap();
    let mails = sink.wait_for(2);
    for (mail, booked) in mails.iter().zip([winter, summer]) {
        let ics = mail.calendar().expect("an .ics");
        assert!(ics.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin"), "a VTIMEZONE for its TZID: {ics}");
        let (_, _, _, start) = calendar(&ics);
        assert_eq!(starts_at_local(&start).1, clock::to_local(BERLIN, booked).format("%Y-%m-%d %H:%M").to_string());
        if let Some(read) = python_reads(&ics) {
            assert_eq!(read, [booked.format("%Y-%m-%dT%H:%M:%SZ").to_string()], "{ics}");
        }
    }
}

#[test]
fn an_invitation_queued_before_the_salon_had_an_address_is_organised_by_it_when_sent() {
    let mut s = common::salon();
    let now = local(2026, 11, 23, 10, 0);
    s.store.set_now(Some(now));
    let kari = customer(&mut s.store, Language::En, "kari@example.com", "");
    // Booked on the first day, before anyone set up the mail server.
    s.store.book(&booking(kari, local(2026, 11, 30, 10, 0))).unwrap();
    let sink = SmtpSink::start();
    email_to(&mut s.store, sink.port);
    run_due(&mut s.store, now).unwrap();
    let ics = sink.wait_for(1)[0].calendar().expect("an invitation");
    assert!(ics.contains("ORGANIZER:mailto:hello@salon.example\r\n"), "{ics}");
    assert!(!ics.contains("ORGANIZER:mailto:\r\n"));
}

#[test]
fn a_failing_gateway_leaves_no_number_or_text_in_the_log() {
    let mut s = common::salon();
    let gateway = HttpSink::start(&[400, 400, 400]);
    sms_to(&mut s.store, gateway.port);
    let now = local(2026, 11, 23, 10, 0);
    s.store.set_now(Some(now));
    s.store.send_code("0151 23456789", Language::De).unwrap();
    let sms = s.store.outbox(salondesk::store::OutboxView::Waiting, 5).unwrap().remove(0);
    let path = s.path();
    drop(s.store);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_salondesk"))
        .arg("--db")
        .arg(&path)
        .args(["send", "--once", "--now", &now.to_rfc3339()])
        .env("RUST_LOG", "debug")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(gateway.requests().len(), 1, "the gateway was asked and refused");
    let mut logged = String::from_utf8_lossy(&out.stderr).to_string();
    if let Ok(files) = std::fs::read_dir(s.dir.path().join("logs")) {
        for f in files.flatten() {
            logged.push_str(&std::fs::read_to_string(f.path()).unwrap_or_default());
        }
    }
    assert!(logged.contains("message not sent"), "the failure is logged: {logged}");
    let code: String = sms.body.chars().filter(char::is_ascii_digit).collect();
    for secret in ["15123456789", "0151 23456789", code.as_str(), sms.body.as_str()] {
        assert!(!logged.contains(secret), "{secret:?} is in the log: {logged}");
    }
}

#[test]
fn a_busy_file_right_after_a_delivered_mail_sends_nothing_twice() {
    let mut s = common::salon();
    // A little slow, so that another program takes the file between the claim and the record.
    let sink = SmtpSink::slow(std::time::Duration::from_millis(800));
    email_to(&mut s.store, sink.port);
    let now = local(2026, 11, 23, 10, 0);
    s.store.set_now(Some(now));
    let kari = customer(&mut s.store, Language::En, "kari@example.com", "");
    s.store.book(&booking(kari, local(2026, 11, 30, 10, 0))).unwrap();
    let other = common::raw(&s.store);
    let holder = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        other.execute_batch("BEGIN IMMEDIATE").unwrap();
        // Longer than the store's busy timeout (5 s).
        std::thread::sleep(std::time::Duration::from_secs(8));
        other.execute_batch("COMMIT").unwrap();
    });
    let first = run_due(&mut s.store, now).expect("the outcome is recorded once the file is free");
    holder.join().unwrap();
    assert_eq!(first.sent, 1);
    // After the lease a sender would repeat what was left "sending": nothing is.
    let later = run_due(&mut s.store, now + Duration::minutes(5)).unwrap();
    assert_eq!(later.sent, 0);
    assert_eq!(sink.mails().len(), 1, "delivered once");
}

#[test]
fn a_server_that_takes_its_time_to_accept_gets_each_mail_once() {
    let mut s = common::salon();
    // A minute: twice the 30 s this sender used to wait (RFC 5321 allows 10).
    let sink = SmtpSink::slow(std::time::Duration::from_secs(60));
    email_to(&mut s.store, sink.port);
    let now = local(2026, 11, 23, 10, 0);
    s.store.set_now(Some(now));
    let kari = customer(&mut s.store, Language::En, "kari@example.com", "");
    s.store.book(&booking(kari, local(2026, 11, 30, 10, 0))).unwrap();
    assert_eq!(run_due(&mut s.store, now).unwrap().sent, 1, "waited for the server's answer");
    assert_eq!(run_due(&mut s.store, now + Duration::hours(1)).unwrap().sent, 0);
    assert_eq!(sink.mails().len(), 1);
}

#[test]
fn a_code_goes_out_while_the_mail_server_hangs_on_two_mails() {
    use salondesk::sending::scheduler::{Lane, run_forever};
    let mut s = common::salon();
    let sink = SmtpSink::slow(std::time::Duration::from_secs(20));
    let gateway = HttpSink::start(&[]);
    email_to(&mut s.store, sink.port);
    sms_to(&mut s.store, gateway.port);
    let now = local(2026, 11, 23, 10, 0);
    s.store.set_now(Some(now));
    for (i, name) in ["ada@example.com", "bo@example.com"].into_iter().enumerate() {
        let c = customer(&mut s.store, Language::En, name, "");
        s.store.book(&booking(c, local(2026, 11, 30, 10 + i as u32, 0))).unwrap();
    }
    let path = s.path();
    let started = std::time::Instant::now();
    for lane in [Lane::All, Lane::Codes] {
        let mut store = Store::open(&path, "sender").unwrap();
        store.set_now(Some(now));
        std::thread::spawn(move || run_forever(store, lane, |_| true));
    }
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(sink.mails().len() <= 1, "the first mail hangs");
    s.store.send_code("0151 23456789", Language::En).unwrap();
    let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while gateway.requests().is_empty() && std::time::Instant::now() < until {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(gateway.requests().len(), 1, "the code went out");
    assert!(started.elapsed() < std::time::Duration::from_secs(15), "without waiting for the mails");
}

#[test]
fn a_text_change_that_fails_halfway_through_the_replanning_leaves_everything_as_it_was() {
    let mut s = common::salon();
    let now = local(2026, 11, 23, 10, 0);
    s.store.set_now(Some(now));
    for (i, email) in ["a@example.com", "b@example.com", "c@example.com", "d@example.com"].into_iter().enumerate() {
        let c = customer(&mut s.store, Language::En, email, "");
        s.store.book(&booking(c, local(2026, 11, 26 + i as u32, 10, 0))).unwrap();
    }
    let reminders = |store: &Store| {
        store
            .outbox(salondesk::store::OutboxView::Waiting, 100)
            .unwrap()
            .into_iter()
            .filter(|m| m.kind == Kind::Reminder && m.channel == Channel::Email)
            .map(|m| m.body)
            .collect::<Vec<_>>()
    };
    assert_eq!(reminders(&s.store).len(), 4);
    // A full disk, as it were, on the third re-planned reminder.
    let raw = common::raw(&s.store);
    raw.execute_batch(
        "CREATE TRIGGER disk_full BEFORE UPDATE OF body ON outbox
         WHEN (SELECT count(*) FROM outbox WHERE body LIKE 'NEW %') >= 2
         BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;",
    )
    .unwrap();
    let new =
        salondesk::message::defaults::Text { subject: Some("See you {date}".into()), body: "NEW {customer}".into() };
    assert!(s.store.set_message_text(Language::En, Kind::Reminder, Channel::Email, &new).is_err());
    assert!(reminders(&s.store).iter().all(|b| !b.starts_with("NEW ")), "no reminder half-changed");
    assert_ne!(
        s.store.message_text(Language::En, Kind::Reminder, Channel::Email).unwrap().body,
        new.body,
        "the text neither"
    );
    raw.execute_batch("DROP TRIGGER disk_full").unwrap();
    s.store.set_message_text(Language::En, Kind::Reminder, Channel::Email, &new).unwrap();
    assert!(reminders(&s.store).iter().all(|b| b.starts_with("NEW ")), "saved again, all of them follow");
}

#[test]
fn with_sms_switched_on_booking_moving_and_cancelling_are_also_said_by_sms() {
    let mut s = common::salon();
    let gateway = HttpSink::start(&[]);
    sms_to(&mut s.store, gateway.port);
    let now = local(2026, 11, 23, 10, 0);
    s.store.set_now(Some(now));
    let kari = customer(&mut s.store, Language::De, "", "0151 23456789");
    // Off by default: an SMS costs money.
    let quiet = s.store.book(&booking(kari, local(2026, 11, 30, 10, 0))).unwrap();
    assert_eq!(run_due(&mut s.store, now).unwrap().sent, 0, "nothing by SMS unless switched on");
    s.store.set_state(quiet, AppointmentState::Cancelled, "test").unwrap();

    set(&mut s.store, &[("messages.sms_confirmations", "on")]);
    let id = s.store.book(&booking(kari, local(2026, 12, 1, 14, 0))).unwrap();
    assert_eq!(run_due(&mut s.store, now).unwrap().sent, 1);
    s.store.change_appointment(id, &booking(kari, local(2026, 12, 2, 15, 0))).unwrap();
    run_due(&mut s.store, now).unwrap();
    s.store.set_state(id, AppointmentState::Cancelled, "krank").unwrap();
    run_due(&mut s.store, now).unwrap();
    let kinds: Vec<Kind> =
        s.store.appointment_messages(id).unwrap().iter().map(|m| m.kind).filter(|k| *k != Kind::Reminder).collect();
    assert_eq!(kinds, [Kind::Confirmation, Kind::Reschedule, Kind::Cancellation]);
    let sent = gateway.requests();
    assert_eq!(sent.len(), 3, "booked, moved, cancelled");
    assert!(sent[1].body.contains("15%3A00") || sent[1].body.contains("15:00"), "the new time: {}", sent[1].body);
    assert!(sent.iter().all(|r| r.body.contains("4915123456789")), "to her number");
}

#[test]
fn a_confirmation_request_goes_out_once_in_her_language_and_not_after_she_confirmed() {
    let mut s = common::salon();
    let gateway = HttpSink::start(&[]);
    sms_to(&mut s.store, gateway.port);
    let now = local(2026, 11, 23, 10, 0);
    s.store.set_now(Some(now));
    let kari = customer(&mut s.store, Language::De, "kari@example.com", "0151 23456789");
    let id = s.store.book(&booking(kari, local(2026, 11, 24, 14, 0))).unwrap();

    assert!(s.store.ask_to_confirm(id).unwrap(), "queued");
    assert!(!s.store.ask_to_confirm(id).unwrap(), "a second click asks nothing more");
    assert_eq!(
        run_due(&mut s.store, now).unwrap().sent,
        1,
        "the request; her confirmation e-mail waits for a mail server"
    );
    let asked: Vec<_> = gateway.requests().into_iter().filter(|r| r.body.contains("JA")).collect();
    assert_eq!(asked.len(), 1, "one request by SMS");
    assert!(asked[0].body.contains("Bitte best") && asked[0].body.contains("14:00"), "{}", asked[0].body);
    assert!(asked[0].body.contains("4915123456789"), "to her mobile number");

    // Moved: she may be asked about the new time; ticked as confirmed
    // before it goes out, it stays at home.
    s.store.change_appointment(id, &booking(kari, local(2026, 11, 24, 16, 0))).unwrap();
    assert!(s.store.ask_to_confirm(id).unwrap());
    s.store.confirm(id, true).unwrap();
    let before = gateway.requests().len();
    run_due(&mut s.store, now).unwrap();
    let after: Vec<_> = gateway.requests().into_iter().skip(before).filter(|r| r.body.contains("JA")).collect();
    assert!(after.is_empty(), "no request to someone who confirmed: {after:?}");

    // Nobody to ask without a number or an address.
    let walk_in = customer(&mut s.store, Language::De, "", "");
    let other = s.store.book(&booking(walk_in, local(2026, 11, 24, 10, 0))).unwrap();
    assert!(!s.store.ask_to_confirm(other).unwrap());
}
