//! A deterministic, realistic demo salon: staff, services, customers with
//! names of the four languages, years of history and the coming weeks, with
//! about 4 % no-shows, some cancellations and walk-ins.

use crate::domain::clock::Instant;
use crate::domain::customer::{fold, phone_search_forms};
use crate::domain::schedule::{Absence, DaySpan, Service, Staff, WorkDay};
use crate::domain::{AppointmentState, Language, clock};
use crate::store::{Result, Salon, Store};
use chrono::{Datelike, Duration, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rusqlite::params;

#[derive(Debug, Clone)]
pub struct DemoPlan {
    pub customers: usize,
    pub years: u32,
    pub staff: usize,
    pub language: Language,
    /// The day the demo's "now" falls on; history before, bookings after.
    pub today: NaiveDate,
    /// The moment that splits done from booked; 11:00 on `today` when not given.
    pub now: Option<clock::Instant>,
    pub seed: u64,
}

impl DemoPlan {
    /// The small salon the desk creates on its first start.
    pub fn small(today: NaiveDate, language: Language) -> DemoPlan {
        DemoPlan { customers: 1500, years: 1, staff: 5, language, today, now: None, seed: 7 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DemoSummary {
    pub customers: usize,
    pub appointments: usize,
    pub no_shows: usize,
    pub cancelled: usize,
    pub walk_ins: usize,
    /// Checkout records: the visits paid, sales, the no-show receipts.
    pub checkouts: usize,
}

const STAFF_NAMES: [&str; 12] =
    ["Lena", "Marco", "Sanne", "Ingrid", "Aylin", "Tom", "Julia", "Øyvind", "Chloé", "Daan", "Mira", "Jonas"];

fn names(list: &'static str, lang: Language) -> Vec<&'static str> {
    let prefix = format!("{}:", lang.code());
    let line = list.lines().find(|l| l.starts_with(&prefix)).unwrap_or("");
    let words: Vec<&str> = line[prefix.len().min(line.len())..].split_whitespace().collect();
    // Dutch surnames with a particle ("de Jong", "van den Berg") are joined back.
    let mut out = Vec::new();
    let mut particle = String::new();
    for w in words {
        if matches!(w, "de" | "van" | "den" | "der") {
            particle.push_str(w);
            particle.push(' ');
        } else if particle.is_empty() {
            out.push(w);
        } else {
            out.push(Box::leak(format!("{particle}{w}").into_boxed_str()) as &'static str);
            particle.clear();
        }
    }
    out
}

/// The chance that an appointment is missed, shaped like real salons' data so
/// that the risk model has something to find: most customers nearly always
/// come, some now and then miss, a few often do; bookings far ahead and
/// first visits are missed more often; walk-in names without a card too.
fn no_show_chance(customer: Option<usize>, lead_days: i64, first_visit: bool) -> f64 {
    let base = match customer {
        None => 0.05,
        // A fixed spread over the customers (deterministic, no extra random draws).
        Some(i) => match (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 57 {
            0..=3 => 0.30,
            4..=18 => 0.08,
            _ => 0.015,
        },
    };
    let lead: f64 = if lead_days > 21 { 1.6 } else { 1.0 };
    let first = if first_visit { 1.5 } else { 1.0 };
    (base * lead * first).min(0.9)
}

/// No-show and cancellation reasons as the salon's staff would write them.
fn reasons(lang: Language) -> ([&'static str; 5], [&'static str; 4]) {
    match lang {
        Language::En => (
            ["Forgot", "Ill", "No reason given", "Not reachable", "Overslept"],
            ["Rescheduled by phone", "Ill", "Travelling", "Child ill"],
        ),
        Language::De => (
            ["Vergessen", "Krank", "Kein Grund genannt", "Nicht erreichbar", "Verschlafen"],
            ["Telefonisch verschoben", "Krank", "Verreist", "Kind krank"],
        ),
        Language::Nl => (
            ["Vergeten", "Ziek", "Geen reden opgegeven", "Niet bereikbaar", "Verslapen"],
            ["Telefonisch verzet", "Ziek", "Op reis", "Kind ziek"],
        ),
        Language::Nb => (
            ["Glemte det", "Syk", "Ingen grunn oppgitt", "Ikke å nå", "Forsov seg"],
            ["Flyttet på telefon", "Syk", "På reise", "Sykt barn"],
        ),
    }
}

fn holiday(lang: Language) -> &'static str {
    ["Holiday", "Urlaub", "Vakantie", "Ferie"][lang as usize]
}

fn training(lang: Language) -> &'static str {
    ["Training", "Fortbildung", "Cursus", "Kurs"][lang as usize]
}

fn services(lang: Language) -> Vec<Service> {
    // (en, de, nl, nb, minutes, price in the salon's currency units, colour)
    let table: [(&str, &str, &str, &str, u32, i64, &str); 9] = [
        ("Women's cut", "Damenhaarschnitt", "Knippen dames", "Dameklipp", 45, 52, "#c98b9a"),
        ("Men's cut", "Herrenhaarschnitt", "Knippen heren", "Herreklipp", 30, 32, "#7c9cb4"),
        ("Children's cut", "Kinderhaarschnitt", "Knippen kinderen", "Barneklipp", 30, 20, "#9fb98a"),
        ("Colour", "Färben", "Kleuren", "Farge", 90, 85, "#b48ac9"),
        ("Highlights", "Strähnen", "Highlights", "Striper", 120, 110, "#d1a65a"),
        ("Blow-dry", "Föhnen", "Föhnen", "Føning", 30, 28, "#8fbcbb"),
        ("Beard trim", "Bartpflege", "Baard trimmen", "Skjeggstell", 15, 15, "#a3a380"),
        ("Manicure", "Maniküre", "Manicure", "Manikyr", 45, 38, "#e0a38c"),
        ("Facial", "Gesichtsbehandlung", "Gezichtsbehandeling", "Ansiktsbehandling", 60, 65, "#88a8d8"),
    ];
    // In minor units; Norwegian prices are about tenfold (38 → kr 380 = 38 000 øre).
    let scale = if lang == Language::Nb { 1000 } else { 100 };
    table
        .iter()
        .map(|&(en, de, nl, nb, minutes, price, colour)| Service {
            id: 0,
            name: match lang {
                Language::En => en,
                Language::De => de,
                Language::Nl => nl,
                Language::Nb => nb,
            }
            .to_string(),
            minutes,
            price_cents: price * scale,
            colour: colour.to_string(),
            active: true,
            // Every customer reads the menu in their own language.
            names: [(Language::En, en), (Language::De, de), (Language::Nl, nl), (Language::Nb, nb)]
                .into_iter()
                .filter(|(l, _)| *l != lang)
                .map(|(l, n)| (l, n.to_string()))
                .collect(),
        })
        .collect()
}

/// What the salon sells over the counter: (en, de, nl, nb, price in units, VAT rate or none).
fn products(lang: Language) -> Vec<crate::store::Product> {
    let table: [(&str, &str, &str, &str, i64); 4] = [
        ("Shampoo 250 ml", "Shampoo 250 ml", "Shampoo 250 ml", "Sjampo 250 ml", 18),
        ("Hair oil", "Haaröl", "Haarolie", "Hårolje", 24),
        ("Styling wax", "Stylingwachs", "Stylingwax", "Stylingvoks", 15),
        ("Hand cream", "Handcreme", "Handcrème", "Håndkrem", 9),
    ];
    let scale = if lang == Language::Nb { 1000 } else { 100 };
    table
        .iter()
        .map(|&(en, de, nl, nb, price)| crate::store::Product {
            id: 0,
            name: [en, de, nl, nb][lang as usize].to_string(),
            price_cents: price * scale - if lang == Language::Nb { 0 } else { 10 },
            vat_rate: None,
            active: true,
        })
        .collect()
}

fn salon(lang: Language) -> Salon {
    let mut s = Salon { language: lang, is_demo: true, ..Salon::default() };
    let (name, address, zone, currency) = match lang {
        Language::En => ("Salon Lumen", "12 Market Street, Bath BA1 1AA", chrono_tz::Europe::London, "GBP"),
        Language::De => ("Salon Lumen", "Bergmannstraße 12, 10961 Berlin", chrono_tz::Europe::Berlin, "EUR"),
        Language::Nl => ("Salon Lumen", "Oudegracht 120, 3511 AX Utrecht", chrono_tz::Europe::Amsterdam, "EUR"),
        Language::Nb => ("Salong Lumen", "Thorvald Meyers gate 12, 0555 Oslo", chrono_tz::Europe::Oslo, "NOK"),
    };
    s.name = name.into();
    s.address = address.into();
    s.time_zone = zone;
    s.currency = currency.into();
    s.opening.0[5] = Some(DaySpan { start: 9 * 60, end: 16 * 60 }); // Saturdays short
    s
}

fn staff_week(i: usize) -> [Option<WorkDay>; 7] {
    let day = |start: u32, end: u32, pause: Option<(u32, u32)>| {
        Some(WorkDay {
            hours: DaySpan { start: start * 60, end: end * 60 },
            pause: pause.map(|(a, b)| DaySpan { start: a, end: b }),
        })
    };
    let lunch = Some((13 * 60, 13 * 60 + 30));
    let mut week = [None; 7];
    match i % 4 {
        0 => (0..5).for_each(|d| week[d] = day(9, 18, lunch)),
        1 => (1..6)
            .for_each(|d| week[d] = if d == 5 { day(9, 16, None) } else { day(10, 18, Some((14 * 60, 14 * 60 + 30))) }),
        2 => [0, 1, 3, 4].into_iter().for_each(|d| week[d] = day(9, 17, lunch)),
        _ => [2, 3, 4, 5].into_iter().for_each(|d| week[d] = if d == 5 { day(9, 16, None) } else { day(9, 18, lunch) }),
    }
    week
}

fn phone(rng: &mut StdRng, lang: Language) -> String {
    let n = |rng: &mut StdRng, k: u32| (0..k).map(|_| char::from(b'0' + rng.random_range(0..10u8))).collect::<String>();
    match lang {
        // Real mobile ranges, so that the numbers pass the E.164 check for SMS
        // (as many random draws as before: the rest of the demo stays the same).
        Language::En => {
            let digits = n(rng, 3);
            let first = ["4", "5", "8", "9"][(digits.as_bytes()[0] - b'0') as usize % 4];
            format!("+44 7{first}{} {}", &digits[1..], n(rng, 6))
        }
        Language::De => {
            let range = rng.random_range(1..8usize);
            let prefix = ["151", "160", "170", "171", "175", "176", "177"][range - 1];
            format!("+49 {prefix} {}{range}", n(rng, 7))
        }
        Language::Nl => {
            let digits = n(rng, 8);
            let first = ["1", "2", "3", "4", "5"][(digits.as_bytes()[0] - b'0') as usize % 5];
            format!("+31 6 {first}{}", &digits[1..])
        }
        Language::Nb => format!("+47 {}{} {} {}", ["4", "9"][rng.random_range(0..2)], n(rng, 2), n(rng, 2), n(rng, 3)),
    }
}

fn ascii_mail_part(name: &str) -> String {
    fold(name).chars().filter(|c| c.is_ascii_alphanumeric()).collect()
}

/// Writes a demo salon to a new file at `path`: made under a hidden name
/// beside it and renamed only when whole, so that a `demo` killed halfway
/// leaves no salon that looks complete (and can simply be run again).
pub fn write_new(path: &std::path::Path, plan: &DemoPlan) -> Result<DemoSummary> {
    if path.exists() {
        return Err(crate::store::StoreError::AlreadyExists(path.to_path_buf()));
    }
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let partial = path.with_file_name(format!(".{name}.partial"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", partial.display()));
    }
    let mut store = Store::create(&partial, "demo")?;
    let summary = generate(&mut store, plan)?;
    // The last connection closes: its log is merged into the file.
    drop(store);
    std::fs::rename(&partial, path).map_err(|e| crate::store::StoreError::io(path, e))?;
    Ok(summary)
}

/// Writes the demo salon into an empty store.
pub fn generate(store: &mut Store, plan: &DemoPlan) -> Result<DemoSummary> {
    let mut rng = StdRng::seed_from_u64(plan.seed);
    let salon = salon(plan.language);
    store.save_salon(&salon)?;
    for s in services(plan.language) {
        store.save_service(&s)?;
    }
    for p in products(plan.language) {
        store.save_product(&p)?;
    }
    let services = store.services()?;
    for (i, name) in STAFF_NAMES.iter().cycle().take(plan.staff.max(1)).enumerate() {
        let id = store.save_staff(&Staff {
            id: 0,
            name: name.to_string(),
            week: staff_week(i),
            absences: vec![],
            active: true,
        })?;
        // A summer holiday every year, and one staff member away this week.
        for year in 0..=plan.years as i32 {
            let first =
                NaiveDate::from_ymd_opt(plan.today.year() - year, 7, 1 + (i as u32 * 3) % 20).unwrap_or(plan.today);
            store.add_absence(&Absence {
                id: 0,
                staff_id: id,
                first_day: first,
                last_day: first + Duration::days(13),
                reason: holiday(plan.language).into(),
            })?;
        }
        if i == 2 {
            let monday = plan.today - Duration::days(plan.today.weekday().num_days_from_monday() as i64);
            store.add_absence(&Absence {
                id: 0,
                staff_id: id,
                first_day: monday + Duration::days(3),
                last_day: monday + Duration::days(4),
                reason: training(plan.language).into(),
            })?;
        }
    }
    let staff = store.staff()?;
    let tz = salon.time_zone;
    let start_day = plan.today - Duration::days(365 * plan.years as i64);
    let end_day = plan.today + Duration::days(28);
    let now = plan.now.unwrap_or_else(|| clock::local_to_utc(tz, plan.today, 11 * 60));
    let total_days = (end_day - start_day).num_days().max(1) as f64;

    let langs = [Language::En, Language::De, Language::Nl, Language::Nb];
    let first_lists: Vec<Vec<&str>> =
        langs.iter().map(|&l| names(include_str!("../data/demo/first_names.txt"), l)).collect();
    let last_lists: Vec<Vec<&str>> =
        langs.iter().map(|&l| names(include_str!("../data/demo/last_names.txt"), l)).collect();
    let mail_hosts = ["example.com", "example.de", "example.nl", "example.no"];
    let mut summary = DemoSummary { customers: plan.customers, ..Default::default() };

    let tx = store.connection().transaction()?;
    {
        let mut insert_customer = tx.prepare(
            "INSERT INTO customers (first_name, last_name, phone, email, language, birthday, notes, marketing,
                 search_name, search_phone, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        for i in 0..plan.customers {
            // Most customers speak the salon's language; the rest are a mix.
            let lang = if rng.random_bool(0.7) { plan.language } else { langs[rng.random_range(0..4)] };
            let li = langs.iter().position(|&l| l == lang).unwrap_or(0);
            let first = first_lists[li][rng.random_range(0..first_lists[li].len())];
            let last = last_lists[li][rng.random_range(0..last_lists[li].len())];
            let phone = if rng.random_bool(0.95) { phone(&mut rng, lang) } else { String::new() };
            let email = if rng.random_bool(0.8) {
                format!("{}.{}{}@{}", ascii_mail_part(first), ascii_mail_part(last), i % 97, mail_hosts[li])
            } else {
                String::new()
            };
            let birthday = rng.random_bool(0.4).then(|| {
                NaiveDate::from_ymd_opt(rng.random_range(1950..2008), rng.random_range(1..13), rng.random_range(1..29))
                    .map(|d| d.to_string())
            });
            let notes = if rng.random_bool(0.05) { "Sensitive scalp; prefers quiet appointments." } else { "" };
            let marketing = ["granted", "granted", "not_asked", "objected"][rng.random_range(0..4)];
            let created =
                start_day + Duration::days((i as f64 / plan.customers.max(1) as f64 * total_days * 0.9) as i64);
            let forms = phone_search_forms(&phone);
            insert_customer.execute(params![
                first,
                last,
                phone,
                email,
                lang.code(),
                birthday.flatten(),
                notes,
                marketing,
                fold(&format!("{first} {last} {email}")),
                forms,
                clock::local_to_utc(tz, created, 9 * 60).timestamp(),
            ])?;
            crate::store::write_phone_keys(&tx, tx.last_insert_rowid(), &forms)?;
        }
        let first_id: i64 = tx.query_row("SELECT ifnull(min(id), 1) FROM customers", [], |r| r.get(0))?;

        let mut insert = tx.prepare(
            "INSERT INTO appointments (staff_id, service_id, customer_id, walk_in_name, starts_at, ends_at, state,
                 reason, price_cents, source, created_by, created_at, changed_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?11)",
        )?;
        let (no_show_reasons, cancel_reasons) = reasons(plan.language);
        // Popular services come up more often.
        let weights = [24, 14, 6, 12, 8, 10, 8, 10, 8];
        let weight_sum: u32 = weights.iter().sum();
        // Whether each customer has attended yet: their next visit is then not a first one.
        let mut attended = vec![false; plan.customers];
        let mut date = start_day;
        while date <= end_day {
            let ahead = (date - plan.today).num_days();
            let density = if ahead > 0 { 0.92 * (1.0 - ahead as f64 / 35.0).max(0.1) } else { 0.92 };
            let seen = ((date - start_day).num_days() as f64 / total_days * 0.9 + 0.1).min(1.0);
            let pool = ((plan.customers as f64 * seen) as usize).max(1);
            for member in &staff {
                for window in member.windows_on(date) {
                    let mut minute = window.start;
                    while minute + 15 <= window.end {
                        if !rng.random_bool(density) {
                            minute += 15;
                            continue;
                        }
                        let mut pick = rng.random_range(0..weight_sum);
                        let si = weights
                            .iter()
                            .position(|&w| {
                                if pick < w {
                                    true
                                } else {
                                    pick -= w;
                                    false
                                }
                            })
                            .unwrap_or(0);
                        let service = &services[si.min(services.len() - 1)];
                        if minute + service.minutes > window.end {
                            break;
                        }
                        let start = clock::local_to_utc(tz, date, minute);
                        let end = start + Duration::minutes(service.minutes as i64);
                        minute += service.minutes;
                        let walk_in = plan.customers == 0 || rng.random_bool(0.06);
                        let customer = (!walk_in).then(|| {
                            // Regulars (the oldest quarter of the customers) come
                            // about every month; the others now and then.
                            let idx = if rng.random_bool(0.55) {
                                rng.random_range(0..(pool / 4).max(1))
                            } else {
                                rng.random_range(0..pool)
                            };
                            first_id + idx as i64
                        });
                        let walk_in_name = if walk_in {
                            let li = rng.random_range(0..4);
                            first_lists[li][rng.random_range(0..first_lists[li].len())].to_string()
                        } else {
                            String::new()
                        };
                        let lead_days = if walk_in { 0 } else { rng.random_range(0..35) };
                        let idx = customer.map(|c| (c - first_id) as usize);
                        let first_visit = idx.is_some_and(|i| !attended[i]);
                        let p_no_show = no_show_chance(idx, lead_days, first_visit);
                        let roll: f64 = rng.random();
                        let (state, reason) = if end <= now {
                            if roll < p_no_show {
                                ("no_show", no_show_reasons[rng.random_range(0..no_show_reasons.len())])
                            } else if roll < p_no_show + 0.06 {
                                ("cancelled", cancel_reasons[rng.random_range(0..cancel_reasons.len())])
                            } else {
                                ("completed", "")
                            }
                        } else if start <= now {
                            ("arrived", "")
                        } else if roll < 0.03 {
                            ("cancelled", cancel_reasons[rng.random_range(0..cancel_reasons.len())])
                        } else {
                            ("booked", "")
                        };
                        match state {
                            "no_show" => summary.no_shows += 1,
                            "cancelled" => summary.cancelled += 1,
                            _ => {}
                        }
                        summary.walk_ins += walk_in as usize;
                        if let (Some(i), "completed" | "arrived") = (idx, state) {
                            attended[i] = true;
                        }
                        let kiosk = !walk_in && rng.random_bool(0.15);
                        let created = start - Duration::days(lead_days) - Duration::hours(rng.random_range(1..9));
                        insert.execute(params![
                            member.id,
                            service.id,
                            customer,
                            walk_in_name,
                            start.timestamp(),
                            end.timestamp(),
                            state,
                            reason,
                            service.price_cents,
                            if kiosk { "kiosk" } else { "desk" },
                            if kiosk { "kiosk" } else { "desk" },
                            created.timestamp(),
                        ])?;
                        summary.appointments += 1;
                    }
                }
            }
            date += Duration::days(1);
        }
    }
    // Statuses as a salon would have given them: unreliable after repeated
    // no-shows, blocked after many, VIP for the most loyal.
    tx.execute_batch(
        "UPDATE customers SET status_id = 3 WHERE id IN (
             SELECT customer_id FROM appointments WHERE state = 'no_show' GROUP BY customer_id HAVING count(*) >= 2);
         UPDATE customers SET status_id = 4 WHERE id IN (
             SELECT customer_id FROM appointments WHERE state = 'no_show' GROUP BY customer_id HAVING count(*) >= 4);
         UPDATE customers SET status_id = 2 WHERE status_id = 1 AND id IN (
             SELECT customer_id FROM appointments WHERE state = 'completed'
             GROUP BY customer_id ORDER BY count(*) DESC LIMIT (SELECT count(*) / 50 FROM customers));
         -- The register, filled as a desk would (derived from the id: deterministic):
         -- most were called, about a third could not be reached; some paid a fee.
         UPDATE appointments SET reached = CASE id % 10 WHEN 0 THEN NULL WHEN 1 THEN NULL
                                            WHEN 2 THEN 0 WHEN 3 THEN 0 WHEN 4 THEN 0 ELSE 1 END
         WHERE state = 'no_show';
         INSERT INTO no_show_fees (customer_id, appointment_id, amount_cents, terms_version, created_at, paid_at)
         SELECT customer_id, id, price_cents / 2, 'AGB 2025-01', ends_at + 86400,
                CASE WHEN id % 3 = 0 THEN NULL ELSE ends_at + 8 * 86400 END
         FROM appointments WHERE state = 'no_show' AND customer_id IS NOT NULL AND id % 5 = 0;
         -- Unreliable customers pay a deposit; a no-show keeps it.
         UPDATE appointments SET deposit_cents = price_cents / 5
         WHERE customer_id IN (SELECT id FROM customers WHERE status_id = 3) AND state IN ('no_show', 'booked', 'completed');",
    )?;
    tx.commit()?;
    messages(store, tz, plan, now)?;
    no_show_receipts(store)?;
    checkouts(store, plan)?;
    let records: i64 = store.connection().query_row("SELECT count(*) FROM checkouts", [], |r| r.get(0))?;
    summary.checkouts = records as usize;
    store.judge_reach()?;
    Ok(summary)
}

/// Every visit that was completed was paid at the till, the day it was:
/// the booked service, now and then a product, a discount, a tip; a voucher
/// sold and spent at the buyer's next visits; the deposit counted; the
/// bonus card and referrals (switched on in the demo) earning and paying
/// out. One transaction: ten years take seconds, not hours.
fn checkouts(store: &mut Store, plan: &DemoPlan) -> Result<()> {
    use crate::domain::checkout::{Discount, Draft, Line, LineKind, Method, Payment};
    for (key, value) in [("bonus.enabled", "on"), ("referral.enabled", "on")] {
        store.set_setting(key, value)?;
    }
    // About one customer in thirty was sent by an earlier one.
    store
        .connection()
        .execute("UPDATE customers SET referred_by = id - 1 - (id % 97) WHERE id % 30 = 0 AND id > 100", [])?;
    let visits: Vec<Visit> = store
        .connection()
        .prepare(
            "SELECT a.id, a.customer_id, a.staff_id, a.service_id, s.name, a.price_cents, a.deposit_cents, a.ends_at
             FROM appointments a JOIN services s ON s.id = a.service_id
             WHERE a.state = 'completed' ORDER BY a.ends_at, a.id",
        )?
        .query_map([], |r| {
            Ok(Visit {
                id: r.get(0)?,
                customer: r.get(1)?,
                staff: r.get(2)?,
                service: r.get(3)?,
                name: r.get(4)?,
                price: r.get(5)?,
                deposit: r.get(6)?,
                at: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let features = store.features()?;
    let rules = features.bonus;
    let rates: std::collections::HashMap<i64, Option<u32>> =
        store.service_tills()?.into_iter().map(|t| (t.service_id, t.vat_rate)).collect();
    let standard = store.standard_rate()?;
    let rate_of = |service: i64| rates.get(&service).copied().flatten().unwrap_or(standard);
    let products = store.products()?;
    let words = |key: &str| crate::ui::i18n::t(plan.language, key);
    let (tip, voucher_word) = (words("till-tip"), words("till-voucher"));
    let mut rng = StdRng::seed_from_u64(plan.seed + 15);
    // What the demo knows of each card: points (earned, as the till counts
    // them) and a voucher bought and not yet spent (id, what is left).
    let mut points: std::collections::HashMap<i64, i64> = Default::default();
    let mut vouchers: std::collections::HashMap<i64, (i64, i64)> = Default::default();
    store.atomically(|s| {
        for (n, Visit { id, customer, staff, service, name, price, deposit, at }) in visits.into_iter().enumerate() {
            let mut lines = vec![Line::service(service, name, price, rate_of(service))];
            if rng.random_ratio(1, 6) && !products.is_empty() {
                let p = &products[rng.random_range(0..products.len())];
                lines.push(Line::product(p.id, p.name.clone(), p.price_cents, p.vat_rate.unwrap_or(standard)));
            }
            let mut reward_points = 0;
            let balance = customer.and_then(|c| points.get(&c).copied()).unwrap_or(0);
            if let Some(r) = rules.filter(|r| balance >= r.threshold && rng.random_ratio(1, 2)) {
                give(&mut lines, r.reward, "loyalty");
                reward_points = r.threshold;
            } else if rng.random_ratio(1, 25) {
                let why = if rng.random_bool(0.5) { "staff" } else { "complaint" };
                give(&mut lines, Discount::Percent(10), why);
            }
            if rng.random_ratio(1, 8) {
                lines.push(Line::new(LineKind::Tip, tip.clone(), rng.random_range(2..=5) * 100, 0));
            }
            let sells = customer.is_some() && rng.random_ratio(1, 60);
            if sells {
                lines.push(Line::new(LineKind::Voucher, voucher_word.clone(), [5_000, 7_500][n % 2], 0));
            }
            let mut draft = Draft {
                appointment_id: Some(id),
                customer_id: customer,
                staff_id: Some(staff),
                lines,
                reward_points,
                till_receipt: format!("{:06}", n + 1),
                ..Draft::default()
            };
            let mut open = draft.total();
            if deposit > 0 {
                let kept = deposit.min(price);
                draft.payments.push(Payment::new(Method::Deposit, kept));
                open -= kept;
            }
            if let Some((voucher, left)) = customer.and_then(|c| vouchers.get(&c).copied()).filter(|_| !sells) {
                let used = left.min(open);
                if used > 0 {
                    draft.payments.push(Payment::voucher(voucher, used));
                    open -= used;
                    let c = customer.unwrap_or_default();
                    if left > used {
                        vouchers.insert(c, (voucher, left - used))
                    } else {
                        vouchers.remove(&c)
                    };
                }
            }
            if open > 0 {
                let method = if rng.random_ratio(2, 3) { Method::Card } else { Method::Cash };
                draft.payments.push(Payment::new(method, open));
            }
            let record = s.record_checkout_at(&draft, at, &features)?;
            if let (Some(c), Some(r)) = (customer, rules) {
                let earned = crate::domain::bonus::earned(&draft, &r);
                *points.entry(c).or_default() += earned - reward_points;
            }
            if sells && let Some(c) = customer {
                let (voucher, value): (i64, i64) = s.connection().query_row(
                    "SELECT id, value_cents FROM vouchers WHERE checkout_id = ?1",
                    [record],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?;
                vouchers.insert(c, (voucher, value));
            }
        }
        Ok(())
    })
}

/// A completed appointment, as the till sees it.
struct Visit {
    id: i64,
    customer: Option<i64>,
    staff: i64,
    service: i64,
    name: String,
    price: i64,
    deposit: i64,
    at: i64,
}

/// `off` taken off the goods of `lines`, spread by what each costs.
fn give(lines: &mut [crate::domain::checkout::Line], off: crate::domain::checkout::Discount, why: &str) {
    let base: i64 = lines.iter().filter(|l| l.kind.is_goods()).map(|l| l.total()).sum();
    if let Some(parts) = crate::domain::checkout::spread(lines, off.of(base)) {
        for (l, part) in lines.iter_mut().zip(parts).filter(|(_, p)| *p > 0) {
            l.discount_cents += part;
            l.discount_reason = why.to_string();
        }
    }
}

/// The salon recorded a no-show receipt (seed 003) for most of its
/// customers' no-shows, the day after: the discount report has a history.
fn no_show_receipts(store: &mut Store) -> Result<()> {
    let missed: Vec<(i64, i64)> = store
        .connection()
        .prepare("SELECT id, ends_at + 86400 FROM appointments WHERE state = 'no_show' AND customer_id IS NOT NULL AND id % 4 <> 0 ORDER BY ends_at")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, at) in missed {
        store.no_show_receipt_at(id, at)?;
    }
    Ok(())
}

/// The messages of the last week and the next two, as if the salon had sent
/// them all along: confirmations and what fell due are sent, later reminders
/// wait. The terms and the fee the texts mention are filled in.
fn messages(store: &mut Store, tz: chrono_tz::Tz, plan: &DemoPlan, now: Instant) -> Result<()> {
    // Stored directly: the messages are planned below, as of their booking.
    store.set_setting("messages.terms_link", "https://salon.example/terms")?;
    store.set_setting("messages.no_show_fee", "25.00")?;
    let around = store.appointments_on_days(tz, plan.today - Duration::days(7), 21)?;
    for a in around.iter().filter(|a| a.customer_id.is_some() && a.id % 7 != 0) {
        if a.state != AppointmentState::Cancelled {
            store.plan_messages_as_booked(a.id, a.created_at.max(a.slot.start - Duration::days(14)))?;
        }
    }
    store.connection().execute(
        "UPDATE outbox SET state = 'sent', next_at = NULL, sent_at = due_at, attempts = 1
         WHERE due_at <= ?1 OR kind = 'confirmation'",
        [now.timestamp()],
    )?;
    Ok(())
}

#[cfg(test)]
mod phone_tests {
    use super::*;

    #[test]
    fn demo_phone_numbers_are_real_mobile_numbers() {
        let mut rng = StdRng::seed_from_u64(3);
        for lang in Language::ALL {
            for _ in 0..200 {
                let number = phone(&mut rng, lang);
                let country = crate::domain::phone::default_country("", lang);
                assert!(crate::domain::phone::to_e164(&number, country).is_ok(), "{lang:?}: {number}");
            }
        }
    }
}
