//! Newsletters (SPEC §3, §7; seed 001): whom one reaches — the statuses
//! chosen, the last visit, and the recipient rule of `domain::newsletter` —
//! queued through the outbox in one transaction (one row per recipient and
//! newsletter, spaced to the salon's rate), paused and resumed, and what
//! became of it. An objection, however recorded, stops what still waits.

use super::outbox::plan::sender_in;
use super::{Result, Store, StoreError, config, instant};
use crate::domain::clock::Instant;
use crate::domain::customer::check_email;
use crate::domain::newsletter::{self, Candidate, Skip};
use crate::domain::template::{self, Channel};
use crate::domain::{Consent, InputError, Language, phone};
use rusqlite::{Connection, params};
use std::collections::{HashMap, HashSet};

/// Whom a newsletter is for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Audience {
    pub channel: Option<Channel>,
    /// The statuses chosen (empty: every status).
    pub statuses: Vec<i64>,
    /// Only customers who came within so many months.
    pub visited_months: Option<u32>,
}

/// One who receives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub customer_id: i64,
    pub address: String,
    pub language: Language,
}

/// Whom a newsletter reaches, as the salon chooses: how many receive it,
/// how many are left out and why, and the first of them by name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reach {
    pub count: usize,
    /// (why, how many), in the order of `Skip::ALL`, only those with any.
    pub skipped: Vec<(Skip, usize)>,
    /// The first recipients in the order of their cards: (id, name, address).
    pub first: Vec<(i64, String, String)>,
}

impl Reach {
    pub fn skipped_for(&self, why: Skip) -> usize {
        self.skipped.iter().find(|(s, _)| *s == why).map_or(0, |(_, n)| *n)
    }

    pub fn left_out(&self) -> usize {
        self.skipped.iter().map(|(_, n)| n).sum()
    }
}

/// Everyone of the chosen statuses (and visits), one by one: who receives
/// it and who does not, and why — in the order of their cards.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Everyone {
    pub recipients: Vec<Recipient>,
    pub skipped: Vec<(i64, Skip)>,
}

/// So many recipients are listed by name.
pub const LISTED: usize = 200;

/// A newsletter to send: its texts per language (the salon's language is
/// the fallback for a customer whose language has none).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Draft {
    pub audience: Audience,
    /// (language, subject, body); SMS has no subject.
    pub texts: Vec<(Language, String, String)>,
}

/// One change of a card's marketing consent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentChange {
    pub at: Instant,
    pub before: Consent,
    pub after: Consent,
    /// "desk", "kiosk", "import", "reply", "other".
    pub how: String,
    pub by: String,
}

/// What became of a newsletter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    pub id: i64,
    pub channel: String,
    pub subject: String,
    pub created_at: Option<Instant>,
    pub paused: bool,
    pub waiting: u32,
    pub sent: u32,
    pub failed: u32,
    /// Stopped after it was queued (an objection, an erasure).
    pub stopped: u32,
    pub skipped: Vec<(Skip, u32)>,
}

/// Whether `address` can take a message on `channel`: a plausible e-mail
/// address, or a mobile number SMS can go to.
fn reachable(channel: Channel, email: &str, phone_text: &str, country: &str) -> Option<String> {
    match channel {
        Channel::Email => {
            check_email(email.trim()).ok().filter(|_| !email.trim().is_empty()).map(|_| email.trim().into())
        }
        Channel::Sms => phone::to_e164(phone_text, country).ok().filter(|_| !phone_text.trim().is_empty()),
    }
}

fn statuses_text(statuses: &[i64]) -> String {
    if statuses.is_empty() {
        return String::new();
    }
    let ids: Vec<String> = statuses.iter().map(i64::to_string).collect();
    format!(",{},", ids.join(","))
}

fn salon_country(conn: &Connection) -> Result<&'static str> {
    let (zone, lang): (String, String) =
        conn.query_row("SELECT time_zone, language FROM salon WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(phone::default_country(&zone, Language::parse(&lang).unwrap_or_default()))
}

/// The SQL that picks the audience's cards (?1: the statuses, ?2: the last
/// visit's earliest time). Chosen statuses are few cards, each looked up in
/// its visits; every status is many, and the recent visitors are found once.
fn chosen(audience: &Audience) -> &'static str {
    match (audience.statuses.is_empty(), audience.visited_months.is_some()) {
        (_, false) => "(?1 = '' OR instr(?1, ',' || status_id || ',') > 0) AND ?2 IS NULL",
        (false, true) => {
            "instr(?1, ',' || status_id || ',') > 0 AND EXISTS (SELECT 1 FROM appointments a
               WHERE a.customer_id = customers.id AND a.starts_at >= ?2 AND a.state = 'completed')"
        }
        (true, true) => {
            "?1 = '' AND id IN (SELECT customer_id FROM appointments WHERE starts_at >= ?2 AND state = 'completed')"
        }
    }
}

fn since(audience: &Audience, now: Instant) -> Option<i64> {
    audience.visited_months.map(|m| (now - chrono::Duration::days(30 * i64::from(m) + i64::from(m) / 2)).timestamp())
}

/// What the recipient rule needs besides the card: the channel, the
/// salon's country (for numbers written without theirs) and the statuses
/// with "marketing by status".
struct Rule {
    channel: Channel,
    country: &'static str,
    by_status: HashSet<i64>,
}

impl Rule {
    fn of(conn: &Connection, audience: &Audience) -> Result<Rule> {
        let by_status = conn
            .prepare_cached("SELECT id FROM customer_statuses WHERE marketing_by_status")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Rule { channel: audience.channel.unwrap_or(Channel::Email), country: salon_country(conn)?, by_status })
    }

    fn candidate(&self, status: Option<i64>, consent: Consent, erased: bool, reachable: bool) -> Candidate {
        Candidate { consent, by_status: status.is_some_and(|s| self.by_status.contains(&s)), reachable, erased }
    }
}

/// The `reach` column's bits: a usable e-mail address, a number SMS can go to.
const BY_EMAIL: i64 = 1;
const BY_SMS: i64 = 2;

fn bit(channel: Channel) -> i64 {
    match channel {
        Channel::Email => BY_EMAIL,
        Channel::Sms => BY_SMS,
    }
}

/// Whom a card can be written to, as the `reach` column keeps it.
fn reach_bits(email: &str, phone_text: &str, country: &str) -> i64 {
    let email = reachable(Channel::Email, email, "", country).is_some();
    let sms = reachable(Channel::Sms, "", phone_text, country).is_some();
    (if email { BY_EMAIL } else { 0 }) | (if sms { BY_SMS } else { 0 })
}

/// Judges the cards not judged yet — `only` one, or every one that another
/// program, an older Salondesk or a change of the salon's country left so.
pub(crate) fn judge_reach(conn: &Connection, only: Option<i64>) -> Result<usize> {
    let country = salon_country(conn)?;
    let mut unjudged = conn.prepare_cached(
        "SELECT id, email, phone FROM customers INDEXED BY customers_unjudged
         WHERE reach IS NULL AND (?1 IS NULL OR id = ?1)",
    )?;
    let found: Vec<(i64, String, String)> =
        unjudged.query_map([only], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut judged = conn.prepare_cached("UPDATE customers SET reach = ?2 WHERE id = ?1")?;
    for (id, email, phone_text) in &found {
        judged.execute(params![id, reach_bits(email, phone_text, country)])?;
    }
    Ok(found.len())
}

/// How many `audience` reaches and who is left out, counted as the salon
/// ticks statuses: grouped over the index's small columns (each card's
/// addresses were judged when it was written); a card not judged yet is
/// judged here, in place.
fn reach_in(conn: &Connection, audience: &Audience, now: Instant) -> Result<Reach> {
    let rule = Rule::of(conn, audience)?;
    let args = params![statuses_text(&audience.statuses), since(audience, now)];
    let mut kinds: HashMap<(Option<i64>, Consent, bool, bool), usize> = HashMap::new();
    let grouped = format!(
        "SELECT status_id, marketing, erased_at IS NOT NULL, reach, count(*)
         FROM customers INDEXED BY customers_for_newsletters WHERE reach IS NOT NULL AND {}
         GROUP BY status_id, marketing, erased_at, reach",
        chosen(audience)
    );
    let mut stmt = conn.prepare_cached(&grouped)?;
    let mut rows = stmt.query(args)?;
    while let Some(r) = rows.next()? {
        let reach: i64 = r.get(3)?;
        let n: i64 = r.get(4)?;
        let kind = (r.get(0)?, Consent::parse(&r.get::<_, String>(1)?), r.get(2)?, reach & bit(rule.channel) != 0);
        *kinds.entry(kind).or_default() += n as usize;
    }
    let unjudged = format!(
        "SELECT status_id, marketing, erased_at IS NOT NULL, email, phone
         FROM customers INDEXED BY customers_unjudged WHERE reach IS NULL AND {}",
        chosen(audience)
    );
    let mut stmt = conn.prepare_cached(&unjudged)?;
    let mut rows = stmt.query(args)?;
    while let Some(r) = rows.next()? {
        let bits = reach_bits(&r.get::<_, String>(3)?, &r.get::<_, String>(4)?, rule.country);
        let kind = (r.get(0)?, Consent::parse(&r.get::<_, String>(1)?), r.get(2)?, bits & bit(rule.channel) != 0);
        *kinds.entry(kind).or_default() += 1;
    }
    let mut reach = Reach::default();
    let mut skipped: HashMap<Skip, usize> = HashMap::new();
    for ((status, consent, erased, reachable), n) in kinds {
        match newsletter::decide(&rule.candidate(status, consent, erased, reachable)) {
            Ok(()) => reach.count += n,
            Err(why) => *skipped.entry(why).or_default() += n,
        }
    }
    reach.skipped = Skip::ALL.into_iter().filter_map(|s| skipped.get(&s).map(|n| (s, *n))).collect();
    let first = everyone_in(conn, &rule, audience, now, Some(LISTED))?;
    let mut name = conn.prepare_cached("SELECT trim(first_name || ' ' || last_name) FROM customers WHERE id = ?1")?;
    for r in first.recipients {
        let shown: String = name.query_row([r.customer_id], |row| row.get(0))?;
        reach.first.push((r.customer_id, shown, r.address));
    }
    Ok(reach)
}

/// Everyone `audience` picks, one by one in the order of their cards, with
/// the rule's verdict; stops after `limit` recipients when given.
fn everyone_in(
    conn: &Connection,
    rule: &Rule,
    audience: &Audience,
    now: Instant,
    limit: Option<usize>,
) -> Result<Everyone> {
    let sql = format!(
        "SELECT id, status_id, marketing, erased_at IS NOT NULL, language, email, phone FROM customers
         WHERE {} ORDER BY id",
        chosen(audience)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params![statuses_text(&audience.statuses), since(audience, now)])?;
    let mut all = Everyone::default();
    while let Some(r) = rows.next()? {
        if limit.is_some_and(|l| all.recipients.len() >= l) {
            break;
        }
        let id: i64 = r.get(0)?;
        let status: Option<i64> = r.get(1)?;
        let text = |i: usize| -> rusqlite::Result<&str> { Ok(r.get_ref(i)?.as_str_or_null()?.unwrap_or("")) };
        let address = reachable(rule.channel, text(5)?, text(6)?, rule.country);
        let candidate = rule.candidate(status, Consent::parse(text(2)?), r.get(3)?, address.is_some());
        match (newsletter::decide(&candidate), address) {
            (Ok(()), Some(address)) => all.recipients.push(Recipient {
                customer_id: id,
                address,
                language: Language::parse(text(4)?).unwrap_or_default(),
            }),
            (Err(why), _) => all.skipped.push((id, why)),
            (Ok(()), None) => all.skipped.push((id, Skip::NoAddress)),
        }
    }
    Ok(all)
}

/// The objection notice every newsletter carries (Germany: §7(3) UWG), in
/// the recipient's language, after the salon's text.
fn with_notice(body: &str, lang: Language, channel: Channel, salon: &str) -> String {
    let key = if channel == Channel::Sms { "newsletter-notice-sms" } else { "newsletter-notice" };
    let notice = crate::ui::i18n::ta(lang, key, &[("salon", salon.to_string())]);
    let gap = if channel == Channel::Sms { " " } else { "\n\n-- \n" };
    format!("{}{gap}{notice}", body.trim_end())
}

impl Store {
    /// Who a newsletter to `audience` reaches now (reads only): counted as
    /// the salon chooses, and listed before it is sent.
    pub fn newsletter_reach(&self, audience: &Audience) -> Result<Reach> {
        reach_in(&self.conn, audience, self.now())
    }

    /// Judges whom every card not judged yet can be written to (cards
    /// written by another program or an older Salondesk; all of them after
    /// the salon's country changed), in one transaction.
    pub fn judge_reach(&mut self) -> Result<usize> {
        let any: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM customers INDEXED BY customers_unjudged WHERE reach IS NULL)",
            [],
            |r| r.get(0),
        )?;
        if !any {
            return Ok(0);
        }
        self.atomically(|s| judge_reach(&s.conn, None))
    }

    /// Everyone `audience` picks, each with the rule's verdict (what
    /// sending goes by; reads only).
    pub fn newsletter_audience(&self, audience: &Audience) -> Result<Everyone> {
        everyone_in(&self.conn, &Rule::of(&self.conn, audience)?, audience, self.now(), None)
    }

    /// Queues `draft` for everyone it reaches, in one transaction: one
    /// outbox row per recipient, spaced to `newsletter.per_minute`, in the
    /// recipient's language (the salon's where theirs has no text), with the
    /// objection notice; who is left out is kept with the reason. Its id.
    pub fn send_newsletter(&mut self, draft: &Draft) -> Result<i64> {
        let now = self.now();
        let salon_lang = self.salon()?.language;
        for (_, subject, body) in &draft.texts {
            template::check(subject).and_then(|()| template::check(body)).map_err(|e| e.to_input_error())?;
        }
        let text_of = |lang: Language| {
            draft.texts.iter().find(|t| t.0 == lang).or_else(|| draft.texts.iter().find(|t| t.0 == salon_lang))
        };
        if text_of(salon_lang).is_none() && draft.texts.is_empty() {
            return Err(InputError::Choice("text", "a subject and a text".into()).into());
        }
        let channel = draft.audience.channel.unwrap_or(Channel::Email);
        self.atomically(|s| {
            let conn = &s.conn;
            let per_minute: u32 = config::read(conn, "newsletter.per_minute")?.parse().unwrap_or(60);
            let reach = everyone_in(conn, &Rule::of(conn, &draft.audience)?, &draft.audience, now, None)?;
            let sender = sender_in(conn)?;
            conn.execute(
                "INSERT INTO newsletters (channel, statuses, visited_months, per_minute, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    channel.as_str(),
                    statuses_text(&draft.audience.statuses),
                    draft.audience.visited_months,
                    per_minute,
                    now.timestamp(),
                    s.actor()
                ],
            )?;
            let id = conn.last_insert_rowid();
            for (lang, subject, body) in &draft.texts {
                conn.execute(
                    "INSERT INTO newsletter_texts (newsletter_id, language, subject, body) VALUES (?1, ?2, ?3, ?4)",
                    params![id, lang.code(), subject, body],
                )?;
            }
            let mut queue = conn.prepare_cached(
                "INSERT INTO outbox (customer_id, kind, channel, rule, recipient, subject, body, message_id, due_at,
                                     state, next_at, created_at, newsletter_id)
                 VALUES (?1, 'newsletter', ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'queued', ?8, ?9, ?10)",
            )?;
            let mut first_name = conn.prepare_cached("SELECT first_name FROM customers WHERE id = ?1")?;
            for (i, r) in reach.recipients.iter().enumerate() {
                let Some((_, subject, body)) = text_of(r.language) else { continue };
                let first: String = first_name.query_row([r.customer_id], |row| row.get(0))?;
                let values = HashMap::from([
                    ("customer", first),
                    ("salon", sender.salon.clone()),
                    ("address", sender.address.clone()),
                ]);
                let subject = template::render(subject, &values).map_err(|e| e.to_input_error())?;
                let body = template::render(body, &values).map_err(|e| e.to_input_error())?;
                let due = newsletter::due_at(now, i, per_minute);
                queue.execute(params![
                    r.customer_id,
                    channel.as_str(),
                    format!("newsletter{id}"),
                    r.address,
                    subject,
                    with_notice(&body, r.language, channel, &sender.salon),
                    crate::message::compose::message_id(&sender.domain),
                    due.timestamp(),
                    now.timestamp(),
                    id,
                ])?;
            }
            let mut skip = conn.prepare_cached(
                "INSERT INTO newsletter_skips (newsletter_id, customer_id, reason) VALUES (?1, ?2, ?3)",
            )?;
            for (customer, why) in &reach.skipped {
                skip.execute(params![id, customer, why.as_str()])?;
            }
            Ok(id)
        })
    }

    /// Holds what of newsletter `id` still waits (it stays in the outbox).
    pub fn pause_newsletter(&mut self, id: i64) -> Result<()> {
        self.atomically(|s| {
            s.conn.execute("UPDATE newsletters SET state = 'paused' WHERE id = ?1 AND state = 'sending'", [id])?;
            s.conn.execute(
                "UPDATE outbox SET state = 'cancelled', next_at = NULL, last_error = 'paused'
                 WHERE newsletter_id = ?1 AND state IN ('queued', 'failed')",
                [id],
            )?;
            Ok(())
        })
    }

    /// Goes on with a paused newsletter from now, at its rate — except for
    /// whoever objected or was erased meanwhile.
    pub fn resume_newsletter(&mut self, id: i64) -> Result<()> {
        let now = self.now();
        self.atomically(|s| {
            let per_minute: u32 = s
                .conn
                .query_row("SELECT per_minute FROM newsletters WHERE id = ?1 AND state = 'paused'", [id], |r| r.get(0))
                .map_err(|_| StoreError::NotFound)?;
            let held: Vec<i64> = s
                .conn
                .prepare(
                    "SELECT o.id FROM outbox o JOIN customers c ON c.id = o.customer_id
                     WHERE o.newsletter_id = ?1 AND o.state = 'cancelled' AND o.last_error = 'paused'
                       AND c.marketing <> 'objected' AND c.erased_at IS NULL ORDER BY o.id",
                )?
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for (i, row) in held.into_iter().enumerate() {
                let due = newsletter::due_at(now, i, per_minute).timestamp();
                s.conn.execute(
                    "UPDATE outbox SET state = 'queued', next_at = ?2, due_at = ?2, last_error = '' WHERE id = ?1",
                    params![row, due],
                )?;
            }
            s.conn.execute("UPDATE newsletters SET state = 'sending' WHERE id = ?1", [id])?;
            Ok(())
        })
    }

    /// What became of newsletter `id`.
    pub fn newsletter_report(&self, id: i64) -> Result<Report> {
        let (channel, state, created_at): (String, String, i64) = self
            .conn
            .query_row("SELECT channel, state, created_at FROM newsletters WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .map_err(|_| StoreError::NotFound)?;
        let subject: String = self
            .conn
            .query_row(
                "SELECT t.subject FROM newsletter_texts t WHERE t.newsletter_id = ?1
                 ORDER BY t.language = (SELECT language FROM salon WHERE id = 1) DESC LIMIT 1",
                [id],
                |r| r.get(0),
            )
            .unwrap_or_default();
        let mut report = Report {
            id,
            channel,
            subject,
            created_at: Some(instant(created_at)),
            paused: state == "paused",
            ..Report::default()
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT state, last_error, count(*) FROM outbox WHERE newsletter_id = ?1 GROUP BY state, last_error",
        )?;
        let mut rows = stmt.query([id])?;
        while let Some(r) = rows.next()? {
            let (state, error, n): (String, String, u32) = (r.get(0)?, r.get(1)?, r.get(2)?);
            match state.as_str() {
                "sent" => report.sent += n,
                "failed" if error.is_empty() => report.waiting += n,
                "failed" => report.failed += n,
                "cancelled" if error == "paused" => report.waiting += n,
                "cancelled" => report.stopped += n,
                _ => report.waiting += n,
            }
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT reason, count(*) FROM newsletter_skips WHERE newsletter_id = ?1 GROUP BY reason")?;
        let skipped = stmt.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))?;
        for row in skipped {
            let (reason, n) = row?;
            if let Some(why) = Skip::ALL.into_iter().find(|s| s.as_str() == reason) {
                report.skipped.push((why, n));
            }
        }
        Ok(report)
    }

    /// The token a customer's newsletters carry in their unsubscribe address.
    pub fn unsubscribe_token(&self, customer_id: i64) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT unsubscribe_token FROM customers WHERE id = ?1", [customer_id], |r| r.get(0))?)
    }

    /// An objection that came by e-mail (a reply, or the unsubscribe address
    /// a mail program wrote to): found by the token in it, else by the
    /// sender's address. The card then says *objected*, kept in its history
    /// as a reply; every newsletter still waiting for them stops. The
    /// customer's id, or `None` when nobody matches.
    pub fn object_by_reply(&mut self, said: &str) -> Result<Option<i64>> {
        let words: Vec<String> = said
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '@' && c != '.' && c != '-' && c != '_' && c != '+')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let mut found = None;
        for w in &words {
            let by_token = self
                .conn
                .query_row("SELECT id FROM customers WHERE unsubscribe_token = ?1 AND erased_at IS NULL", [w], |r| {
                    r.get::<_, i64>(0)
                })
                .ok();
            let by_address = || {
                self.conn
                    .query_row(
                        "SELECT id FROM customers WHERE lower(trim(email)) = ?1 AND erased_at IS NULL ORDER BY id LIMIT 1",
                        [w],
                        |r| r.get::<_, i64>(0),
                    )
                    .ok()
            };
            found = by_token.or_else(|| w.contains('@').then(by_address).flatten());
            if found.is_some() {
                break;
            }
        }
        let Some(id) = found else { return Ok(None) };
        let mut card = self.customer(id)?;
        if card.marketing != Consent::Objected {
            card.marketing = Consent::Objected;
            self.save_customer_from(&card, "reply")?;
        }
        Ok(Some(id))
    }

    /// The card's consent over time, newest first: (when, before, after, how, by).
    pub fn consent_history(&self, customer_id: i64) -> Result<Vec<ConsentChange>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, before, after, how, by FROM consent_changes WHERE customer_id = ?1 ORDER BY at DESC, id DESC",
        )?;
        let rows = stmt.query_map([customer_id], |r| {
            Ok(ConsentChange {
                at: instant(r.get(0)?),
                before: Consent::parse(&r.get::<_, String>(1)?),
                after: Consent::parse(&r.get::<_, String>(2)?),
                how: r.get(3)?,
                by: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every newsletter, newest first.
    pub fn newsletters(&self) -> Result<Vec<Report>> {
        let ids: Vec<i64> = self
            .conn
            .prepare_cached("SELECT id FROM newsletters ORDER BY id DESC")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| self.newsletter_report(id)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_usable_only_if_it_can_take_the_message() {
        assert_eq!(reachable(Channel::Email, " anna@example.de ", "", "DE").as_deref(), Some("anna@example.de"));
        assert_eq!(reachable(Channel::Email, "anna@", "", "DE"), None);
        assert_eq!(reachable(Channel::Email, "", "0151 23456789", "DE"), None);
        assert_eq!(reachable(Channel::Sms, "", "0151 23456789", "DE").as_deref(), Some("+4915123456789"));
        assert_eq!(reachable(Channel::Sms, "anna@example.de", "", "DE"), None);
    }

    #[test]
    fn the_notice_follows_the_text_in_the_customers_language() {
        let mail = with_notice("Frohe Feiertage!\n", Language::De, Channel::Email, "Salon Lumen");
        assert!(mail.starts_with("Frohe Feiertage!\n\n-- \n"), "{mail}");
        assert!(mail.contains("widersprechen"), "{mail}");
    }
}
