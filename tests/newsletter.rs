//! Newsletters on real files, sent over SMTP to a listener on 127.0.0.1:
//! exactly the right customers of the chosen status receive one each, with
//! the objection notice and a List-Unsubscribe address carrying their own
//! token; an objection however recorded — also while it is going out —
//! stops the rest for that customer; pausing holds it, resuming goes on;
//! the consent's history says who changed it, when and how.

mod common;

use chrono::Duration;
use common::sinks::SmtpSink;
use salondesk::domain::newsletter::Skip;
use salondesk::domain::template::Channel;
use salondesk::domain::{Consent, Customer, Language};
use salondesk::sending::scheduler::run_due;
use salondesk::store::Store;
use salondesk::store::newsletters::{Audience, Draft};
use std::process::Command;

fn mail_to(store: &mut Store, sink: &SmtpSink) {
    mail_to_port(store, sink.port);
}

fn mail_to_port(store: &mut Store, port: u16) {
    for (k, v) in [
        ("smtp.host", "127.0.0.1".to_string()),
        ("smtp.port", port.to_string()),
        ("smtp.security", "none".to_string()),
        ("smtp.from", "hello@salon.example".to_string()),
    ] {
        store.set_config(k, &v).unwrap();
    }
}

fn customer(store: &mut Store, first: &str, email: &str, consent: Consent, status: i64, lang: Language) -> i64 {
    let id = store
        .save_customer(&Customer {
            first_name: first.into(),
            last_name: "Kunde".into(),
            email: email.into(),
            marketing: consent,
            language: lang,
            ..Default::default()
        })
        .unwrap();
    store.assign_status(id, status, "test").unwrap();
    id
}

fn christmas(statuses: Vec<i64>) -> Draft {
    Draft {
        audience: Audience { channel: Some(Channel::Email), statuses, visited_months: None },
        texts: vec![
            (
                Language::De,
                "Frohe Feiertage, {customer}!".into(),
                "Liebe/r {customer}, danke für Ihre Treue. {salon}".into(),
            ),
            (Language::En, "Happy holidays, {customer}!".into(), "Dear {customer}, thank you. {salon}".into()),
        ],
    }
}

/// The statuses of a new salon: (VIP with marketing by status, Regular).
fn vip_and_regular(store: &mut Store) -> (i64, i64) {
    let statuses = store.statuses().unwrap();
    let mut vip = statuses.iter().find(|s| s.name == "VIP").cloned().expect("VIP");
    vip.marketing_by_status = true;
    store.save_status(&vip).unwrap();
    let regular = statuses.iter().find(|s| s.name != "VIP").map(|s| s.id).unwrap();
    (vip.id, regular)
}

#[test]
fn a_newsletter_to_vips_reaches_exactly_those_it_may_once_each_with_the_notice_and_their_token() {
    let mut s = common::salon();
    let sink = SmtpSink::start();
    mail_to(&mut s.store, &sink);
    let (vip, regular) = vip_and_regular(&mut s.store);
    let anna = customer(&mut s.store, "Anna", "anna@example.de", Consent::Granted, vip, Language::De);
    let ben = customer(&mut s.store, "Ben", "ben@example.com", Consent::NotAsked, vip, Language::En);
    let cleo = customer(&mut s.store, "Cleo", "cleo@example.de", Consent::Objected, vip, Language::De);
    let dora = customer(&mut s.store, "Dora", "", Consent::Granted, vip, Language::De);
    customer(&mut s.store, "Emil", "emil@example.de", Consent::Granted, regular, Language::De);

    let everyone = s.store.newsletter_audience(&christmas(vec![vip]).audience).unwrap();
    let who: Vec<i64> = everyone.recipients.iter().map(|r| r.customer_id).collect();
    assert_eq!(who, vec![anna, ben], "granted, and not asked in a status that sends by status");
    assert_eq!(everyone.skipped, vec![(cleo, Skip::Objected), (dora, Skip::NoAddress)]);
    // Counted as the screen counts them, the same.
    let reach = s.store.newsletter_reach(&christmas(vec![vip]).audience).unwrap();
    assert_eq!((reach.count, reach.skipped.clone()), (2, vec![(Skip::Objected, 1), (Skip::NoAddress, 1)]));
    assert_eq!(reach.first.iter().map(|f| f.0).collect::<Vec<_>>(), who);

    let id = s.store.send_newsletter(&christmas(vec![vip])).unwrap();
    let sent = run_due(&mut s.store, chrono::Utc::now() + Duration::minutes(1)).unwrap();
    assert_eq!(sent.sent, 2);
    let mails = sink.wait_for(2);
    let to_anna = mails.iter().find(|m| m.to == ["anna@example.de"]).expect("Anna's");
    assert_eq!(to_anna.subject(), "Frohe Feiertage, Anna!", "in her language, her name filled in");
    assert!(to_anna.body().contains("Sie können der Verwendung Ihrer Adresse für Werbung jederzeit widersprechen"));
    let token = s.store.unsubscribe_token(anna).unwrap().expect("a token");
    assert_eq!(
        to_anna.header("List-Unsubscribe"),
        format!("<mailto:hello@salon.example?subject=unsubscribe%20{token}>"),
        "her own token, to the salon's own address"
    );
    let to_ben = mails.iter().find(|m| m.to == ["ben@example.com"]).expect("Ben's");
    assert_eq!(to_ben.subject(), "Happy holidays, Ben!");
    assert!(to_ben.body().contains("You can object to it at any time"));

    assert_eq!(run_due(&mut s.store, chrono::Utc::now() + Duration::hours(1)).unwrap().sent, 0, "nothing twice");
    let report = s.store.newsletter_report(id).unwrap();
    assert_eq!((report.sent, report.waiting, report.failed), (2, 0, 0));
    assert_eq!(report.skipped, vec![(Skip::NoAddress, 1), (Skip::Objected, 1)]);

    // One row per recipient and newsletter, also against another program.
    let raw = common::raw(&s.store);
    let again = raw.execute(
        "INSERT INTO outbox (customer_id, kind, channel, recipient, body, message_id, due_at, state, next_at, created_at, newsletter_id)
         VALUES (?1, 'newsletter', 'email', 'anna@example.de', 'again', '<x@y>', 0, 'queued', 0, 0, ?2)",
        rusqlite::params![anna, id],
    );
    assert!(again.is_err(), "a second row for Anna is refused");
}

#[test]
fn an_objection_while_it_goes_out_stops_the_rest_for_her_and_a_pause_holds_the_others() {
    let mut s = common::salon();
    let sink = SmtpSink::start();
    mail_to(&mut s.store, &sink);
    s.store.set_config("newsletter.per_minute", "1").unwrap();
    let (vip, _) = vip_and_regular(&mut s.store);
    let ids: Vec<i64> = ["Ada", "Bea", "Cai", "Dag", "Eli"]
        .iter()
        .map(|n| {
            customer(&mut s.store, n, &format!("{}@example.de", n.to_lowercase()), Consent::Granted, vip, Language::De)
        })
        .collect();
    let now = chrono::Utc::now();
    s.store.set_now(Some(now));
    let id = s.store.send_newsletter(&christmas(vec![vip])).unwrap();
    assert_eq!(run_due(&mut s.store, now).unwrap().sent, 1, "one a minute: the first only");

    // Cai objects at the desk meanwhile; then the salon pauses.
    let mut cai = s.store.customer(ids[2]).unwrap();
    cai.marketing = Consent::Objected;
    s.store.save_customer(&cai).unwrap();
    assert_eq!(run_due(&mut s.store, now + Duration::seconds(61)).unwrap().sent, 1, "Bea's, a minute later");
    s.store.pause_newsletter(id).unwrap();
    assert_eq!(run_due(&mut s.store, now + Duration::minutes(10)).unwrap().sent, 0, "paused: nothing goes");
    assert!(s.store.newsletter_report(id).unwrap().paused);

    s.store.set_now(Some(now + Duration::minutes(10)));
    s.store.resume_newsletter(id).unwrap();
    let later = run_due(&mut s.store, now + Duration::minutes(20)).unwrap();
    assert_eq!(later.sent, 2, "Dag and Eli, not Cai");
    let mails = sink.wait_for(4);
    let mut to: Vec<String> = mails.iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(to, ["ada@example.de", "bea@example.de", "dag@example.de", "eli@example.de"]);
    let report = s.store.newsletter_report(id).unwrap();
    assert_eq!((report.sent, report.stopped, report.waiting), (4, 1, 0));

    // The card's consent has its history: who, when and how.
    let history = s.store.consent_history(ids[2]).unwrap();
    assert_eq!(history[0].after, Consent::Objected);
    assert_eq!((history[0].how.as_str(), history[0].before), ("desk", Consent::Granted));
}

#[test]
fn an_objection_by_reply_is_matched_by_her_token_or_address_and_stops_what_waits() {
    let mut s = common::salon();
    let sink = SmtpSink::start();
    mail_to(&mut s.store, &sink);
    let (vip, _) = vip_and_regular(&mut s.store);
    let anna = customer(&mut s.store, "Anna", "Anna@Example.de", Consent::Granted, vip, Language::De);
    let ben = customer(&mut s.store, "Ben", "ben@example.de", Consent::Granted, vip, Language::De);
    let now = chrono::Utc::now();
    s.store.set_now(Some(now + Duration::days(1)));
    let id = s.store.send_newsletter(&christmas(vec![vip])).unwrap();

    let token = s.store.unsubscribe_token(anna).unwrap().unwrap();
    assert_eq!(s.store.object_by_reply(&format!("Subject: unsubscribe {token}")).unwrap(), Some(anna));
    assert_eq!(s.store.object_by_reply("From: <BEN@example.de>\nAbmelden bitte").unwrap(), Some(ben));
    assert_eq!(s.store.object_by_reply("stop it, whoever you are").unwrap(), None, "nobody matched, nobody changed");
    for c in [anna, ben] {
        assert_eq!(s.store.customer(c).unwrap().marketing, Consent::Objected);
        assert_eq!(s.store.consent_history(c).unwrap()[0].how, "reply");
    }
    assert_eq!(run_due(&mut s.store, now + Duration::days(2)).unwrap().sent, 0, "both stopped before it went");
    assert!(sink.mails().is_empty());
    assert_eq!(s.store.newsletter_report(id).unwrap().stopped, 2);

    // Another program marking the objection stops it just as well (the trigger).
    let cleo = customer(&mut s.store, "Cleo", "cleo@example.de", Consent::Granted, vip, Language::De);
    let second = s.store.send_newsletter(&christmas(vec![vip])).unwrap();
    common::raw(&s.store).execute("UPDATE customers SET marketing = 'objected' WHERE id = ?1", [cleo]).unwrap();
    assert_eq!(run_due(&mut s.store, now + Duration::days(3)).unwrap().sent, 0);
    assert_eq!(s.store.newsletter_report(second).unwrap().stopped, 1);
}

#[test]
fn a_sender_killed_in_the_middle_of_a_newsletter_repeats_nothing_and_loses_nobody() {
    let mut s = common::salon();
    // A mail server that accepts the connection and never answers.
    let hanging = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    mail_to_port(&mut s.store, hanging.local_addr().unwrap().port());
    let (vip, _) = vip_and_regular(&mut s.store);
    for n in ["Ada", "Bea", "Cai"] {
        customer(&mut s.store, n, &format!("{}@example.de", n.to_lowercase()), Consent::Granted, vip, Language::De);
    }
    let t0 = chrono::Utc::now();
    s.store.set_now(Some(t0));
    let id = s.store.send_newsletter(&christmas(vec![vip])).unwrap();
    let path = s.path();
    let rfc = |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339();
    let send_once = |at| {
        Command::new(env!("CARGO_BIN_EXE_salondesk"))
            .arg("--db")
            .arg(&path)
            .args(["send", "--once", "--now", &rfc(at)])
            .output()
            .unwrap()
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_salondesk"))
        .arg("--db")
        .arg(&path)
        .args(["send", "--once", "--now", &rfc(t0 + Duration::seconds(5))])
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let sending = || -> i64 {
        common::raw(&s.store)
            .query_row("SELECT count(*) FROM outbox WHERE newsletter_id = ?1 AND state = 'sending'", [id], |r| r.get(0))
            .unwrap()
    };
    while sending() == 0 {
        assert!(started.elapsed().as_secs() < 20, "the sender never started");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    drop(hanging);

    let sink = SmtpSink::start();
    s.store.set_config("smtp.port", &sink.port.to_string()).unwrap();
    assert!(send_once(t0 + Duration::seconds(200)).status.success());
    assert!(send_once(t0 + Duration::seconds(300)).status.success());
    let mails = sink.wait_for(3);
    let mut to: Vec<String> = mails.iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(to, ["ada@example.de", "bea@example.de", "cai@example.de"], "each once, nobody lost");
    let report = s.store.newsletter_report(id).unwrap();
    assert_eq!((report.sent, report.waiting, report.failed), (3, 0, 0));
}

/// The count the screen shows and the list sending goes by, for both
/// channels and for every status as for one: they must say the same.
fn count_is_the_list(store: &Store, statuses: Vec<i64>) -> [usize; 2] {
    [Channel::Email, Channel::Sms].map(|channel| {
        let audience = Audience { channel: Some(channel), statuses: statuses.clone(), visited_months: None };
        let reach = store.newsletter_reach(&audience).unwrap();
        let all = store.newsletter_audience(&audience).unwrap();
        assert_eq!(reach.count, all.recipients.len(), "{channel:?}: the count is the list");
        assert_eq!(reach.left_out(), all.skipped.len(), "{channel:?}: those left out too");
        reach.count
    })
}

#[test]
fn the_count_follows_addresses_changed_by_another_program_and_a_move_of_the_salons_country() {
    let mut s = common::salon();
    let (vip, regular) = vip_and_regular(&mut s.store);
    let anna = customer(&mut s.store, "Anna", "anna@example.de", Consent::Granted, vip, Language::De);
    customer(&mut s.store, "Ben", "ben@example.com", Consent::NotAsked, vip, Language::En);
    customer(&mut s.store, "Emil", "emil@example.de", Consent::Granted, regular, Language::De);
    assert_eq!(count_is_the_list(&s.store, vec![]), [3, 0], "by e-mail: Anna, Ben, Emil; nobody has a mobile");

    // Another program (a sqlite shell) breaks Anna's address, gives her a
    // German mobile written without its country, and adds a card of its own.
    let other = rusqlite::Connection::open(s.path()).unwrap();
    other
        .execute("UPDATE customers SET email = 'anna-at-example', phone = '01512 3456789' WHERE id = ?1", [anna])
        .unwrap();
    other
        .execute(
            "INSERT INTO customers (first_name, last_name, phone, email, marketing, status_id, created_at)
             VALUES ('Fritz', 'Fremd', '', 'fritz@example.de', 'granted', ?1, 0)",
            [regular],
        )
        .unwrap();
    assert_eq!(count_is_the_list(&s.store, vec![]), [3, 1], "Ben, Emil, Fritz by e-mail; Anna by SMS");
    assert_eq!(count_is_the_list(&s.store, vec![vip]), [1, 1]);

    // The salon moves to Oslo: a number without its country is Norwegian now.
    let mut salon = s.store.salon().unwrap();
    salon.time_zone = chrono_tz::Europe::Oslo;
    s.store.save_salon(&salon).unwrap();
    assert_eq!(count_is_the_list(&s.store, vec![]), [3, 0], "01512 3456789 is no Norwegian mobile");

    // Opening the file for work judges and keeps what the others left.
    let path = s.path();
    drop(s.store);
    let store = Store::open(&path, "desk").unwrap();
    let unjudged: i64 =
        other.query_row("SELECT count(*) FROM customers WHERE reach IS NULL", [], |r| r.get(0)).unwrap();
    assert_eq!(unjudged, 0, "every card judged once opened");
    assert_eq!(count_is_the_list(&store, vec![]), [3, 0]);
}
