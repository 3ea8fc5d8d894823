//! Encrypted paths, sent for real: STARTTLS and TLS to an SMTP server on
//! 127.0.0.1 with login, and an HTTPS SMS gateway with the generic form
//! body. The servers hold a certificate from an authority made in the test;
//! the sender trusts it only because the test hands it over.

mod common;

use chrono::{Duration, NaiveDate};
use common::sinks::{HttpSink, SmtpOptions, SmtpSink, TlsMode};
use common::tls::TestCa;
use salondesk::domain::clock::{self, Instant};
use salondesk::domain::{Customer, Language};
use salondesk::sending::scheduler::{Lane, Summary, Transports, run_with};
use salondesk::store::{OutboxState, Store};

fn local(d: u32, h: u32) -> Instant {
    clock::local_to_utc(chrono_tz::Europe::Berlin, NaiveDate::from_ymd_opt(2026, 11, d).unwrap(), h * 60)
}

fn set(store: &mut Store, pairs: &[(&str, &str)]) {
    for (k, v) in pairs {
        store.set_config(k, v).unwrap_or_else(|e| panic!("{k} = {v}: {e}"));
    }
}

/// Three customers with e-mail, each booked: three confirmations due now.
fn three_bookings(store: &mut Store) -> Instant {
    let now = local(23, 10);
    store.set_now(Some(now));
    for (i, name) in ["Kari", "Mia", "Ola"].iter().enumerate() {
        let customer = store
            .save_customer(&Customer {
                first_name: name.to_string(),
                last_name: "Nordmann".into(),
                email: format!("{}@example.com", name.to_lowercase()),
                language: Language::En,
                ..Default::default()
            })
            .unwrap();
        store.book(&common::cut_with_lena(customer, local(26, 10 + i as u32))).unwrap();
    }
    now
}

fn mail_server(store: &mut Store, port: u16, security: &str, password: &str) {
    let port = port.to_string();
    set(
        store,
        &[
            ("smtp.host", "127.0.0.1"),
            ("smtp.port", &port),
            ("smtp.security", security),
            ("smtp.username", "salon"),
            ("smtp.password", password),
            ("smtp.from", "hello@salon.example"),
        ],
    );
}

/// A run of the real scheduler with the salon's settings, trusting `ca`.
fn send(store: &mut Store, now: Instant, ca: &TestCa) -> Summary {
    let mut transports = Transports::from_store(store).unwrap();
    if let Some(email) = transports.email.as_mut() {
        email.extra_roots.push(ca.pem.clone());
    }
    if let Some(sms) = transports.sms.as_mut() {
        sms.extra_roots.push(ca.pem.clone());
    }
    run_with(store, now, Lane::All, &transports).unwrap()
}

/// A mail server on 127.0.0.1 speaking TLS with `ca`'s certificate, which
/// takes mail only after the login "salon" / "s3cret pass".
fn mail_server_with_login(mode: TlsMode, ca: &TestCa) -> SmtpSink {
    let login = Some(("salon".into(), "s3cret pass".into()));
    SmtpSink::with(SmtpOptions { tls: Some((mode, ca.server.clone())), login, ..Default::default() })
}

#[test]
fn starttls_with_login_carries_a_whole_batch_over_one_encrypted_connection() {
    let mut s = common::salon();
    let ca = TestCa::new("Salondesk test CA");
    let sink = mail_server_with_login(TlsMode::StartTls, &ca);
    mail_server(&mut s.store, sink.port, "starttls", "s3cret pass");
    let now = three_bookings(&mut s.store);

    assert_eq!(send(&mut s.store, now, &ca).sent, 3);
    let mails = sink.wait_for(3);
    assert_eq!(mails.len(), 3);
    assert!(mails.iter().all(|m| m.encrypted), "every mail after STARTTLS");
    assert!(mails.iter().all(|m| m.login.as_deref() == Some("salon")), "every mail after login");
    assert_eq!(sink.connections(), 1, "one connection, one handshake and one login for the batch");
    let mut to: Vec<String> = mails.iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(to, ["kari@example.com", "mia@example.com", "ola@example.com"]);
}

#[test]
fn tls_from_the_first_byte_delivers_too() {
    let mut s = common::salon();
    let ca = TestCa::new("Salondesk test CA");
    let sink = mail_server_with_login(TlsMode::Implicit, &ca);
    mail_server(&mut s.store, sink.port, "tls", "s3cret pass");
    let now = three_bookings(&mut s.store);

    assert_eq!(send(&mut s.store, now, &ca).sent, 3);
    assert!(sink.wait_for(3).iter().all(|m| m.encrypted && m.subject().contains("Nov")));
}

#[test]
fn a_server_whose_certificate_nobody_vouches_for_gets_nothing_and_the_salon_sees_why() {
    let mut s = common::salon();
    let stranger = TestCa::new("Somebody else");
    let trusted = TestCa::new("Salondesk test CA");
    let sink = mail_server_with_login(TlsMode::StartTls, &stranger);
    mail_server(&mut s.store, sink.port, "starttls", "s3cret pass");
    let now = three_bookings(&mut s.store);

    let summary = send(&mut s.store, now, &trusted);
    assert_eq!((summary.sent, summary.failed), (0, 3));
    assert!(sink.mails().is_empty(), "no password and no mail to a server that may not be the salon's");
    let failed = s.store.outbox(salondesk::store::OutboxView::Failed, 10).unwrap();
    assert_eq!(failed.len(), 3);
    assert!(failed.iter().all(|m| m.last_error.to_lowercase().contains("certificate")), "{:?}", failed[0].last_error);
    assert!(failed.iter().all(|m| m.next_at.is_some()), "retried: the certificate may be renewed");
}

#[test]
fn a_wrong_password_is_refused_and_nothing_is_sent_or_retried_in_vain() {
    let mut s = common::salon();
    let ca = TestCa::new("Salondesk test CA");
    let sink = mail_server_with_login(TlsMode::StartTls, &ca);
    mail_server(&mut s.store, sink.port, "starttls", "wrong");
    let now = three_bookings(&mut s.store);

    assert_eq!(send(&mut s.store, now, &ca).failed, 3);
    assert!(sink.mails().is_empty());
    let failed = s.store.outbox(salondesk::store::OutboxView::Failed, 10).unwrap();
    assert!(
        failed.iter().all(|m| m.last_error.contains("535")),
        "the server's answer is shown: {}",
        failed[0].last_error
    );
    assert!(failed.iter().all(|m| m.state == OutboxState::Failed && m.next_at.is_none()), "a refusal is not retried");

    // Corrected, sent again from the outbox: each customer gets one mail.
    set(&mut s.store, &[("smtp.password", "s3cret pass")]);
    for m in &failed {
        s.store.retry_message(m.id).unwrap();
    }
    assert_eq!(send(&mut s.store, now + Duration::minutes(1), &ca).sent, 3);
    assert_eq!(sink.wait_for(3).len(), 3);
}

#[test]
fn an_https_gateway_gets_the_generic_form_and_its_key_header() {
    let mut s = common::salon();
    let ca = TestCa::new("Salondesk test CA");
    let gateway = HttpSink::tls(&[], ca.server.clone());
    let url = format!("https://127.0.0.1:{}/api/send", gateway.port);
    set(
        &mut s.store,
        &[
            ("sms.provider", "generic"),
            ("sms.url", &url),
            ("sms.format", "form"),
            ("sms.from", "Salon Nord"),
            ("sms.auth_header", "X-Api-Key: k3y-123"),
            ("messages.sms_confirmations", "on"),
        ],
    );
    let now = local(23, 10);
    s.store.set_now(Some(now));
    let kari = s
        .store
        .save_customer(&Customer {
            first_name: "Kari".into(),
            last_name: "Nordmann".into(),
            phone: "0151 23456789".into(),
            language: Language::De,
            ..Default::default()
        })
        .unwrap();
    s.store.book(&common::cut_with_lena(kari, local(26, 10))).unwrap();

    assert_eq!(send(&mut s.store, now, &ca).sent, 1);
    let sent = gateway.requests();
    assert_eq!(sent.len(), 1);
    let request = &sent[0];
    assert_eq!(request.line, "POST /api/send HTTP/1.1");
    assert_eq!(request.header("X-Api-Key"), Some("k3y-123"));
    assert_eq!(request.header("Content-Type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(request.form("to").as_deref(), Some("+4915123456789"));
    assert_eq!(request.form("from").as_deref(), Some("Salon Nord"));
    let text = request.form("text").unwrap();
    assert!(text.contains("26. November 2026 um 10:00"), "the German confirmation, decoded whole: {text}");
}

#[test]
fn an_https_gateway_with_a_certificate_nobody_vouches_for_gets_no_number_and_no_text() {
    let mut s = common::salon();
    let gateway = HttpSink::tls(&[], TestCa::new("Somebody else").server);
    let url = format!("https://127.0.0.1:{}/api/send", gateway.port);
    set(&mut s.store, &[("sms.provider", "generic"), ("sms.url", &url), ("messages.sms_confirmations", "on")]);
    let now = local(23, 10);
    s.store.set_now(Some(now));
    let kari = s
        .store
        .save_customer(&Customer { first_name: "Kari".into(), phone: "0151 23456789".into(), ..Default::default() })
        .unwrap();
    s.store.book(&common::cut_with_lena(kari, local(26, 10))).unwrap();

    let summary = send(&mut s.store, now, &TestCa::new("Salondesk test CA"));
    assert_eq!((summary.sent, summary.failed), (0, 1));
    assert!(gateway.requests().is_empty());
}
