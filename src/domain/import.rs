//! Importing customers from another salon program: which column is which
//! (by its header, in four languages and as Fresha, Square, Google Contacts
//! and Outlook name them), dates in the usual spellings, yes/no in four
//! languages, and one row turned into a card — or the reason it is not.

use super::customer::{Consent, Customer};
use chrono::NaiveDate;

/// What a column of the file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    FirstName,
    LastName,
    /// "Name": first and last in one.
    FullName,
    Phone,
    Email,
    Birthday,
    Notes,
    /// Marketing consent (yes: granted, no: objected).
    Marketing,
    Blocked,
}

impl Column {
    pub const ALL: [Column; 9] = [
        Column::FirstName,
        Column::LastName,
        Column::FullName,
        Column::Phone,
        Column::Email,
        Column::Birthday,
        Column::Notes,
        Column::Marketing,
        Column::Blocked,
    ];
}

/// Headers as programs and people write them, folded (lower case, letters
/// and digits only): "E-mail 1 - Value" → "email1value".
const HEADERS: &[(Column, &[&str])] = &[
    (Column::FirstName, &["firstname", "givenname", "first", "forename", "vorname", "voornaam", "fornavn", "roepnaam"]),
    (
        Column::LastName,
        &["lastname", "surname", "familyname", "last", "nachname", "familienname", "achternaam", "etternavn"],
    ),
    (
        Column::FullName,
        &["name", "fullname", "customer", "client", "clientname", "kunde", "klant", "navn", "naam", "displayname"],
    ),
    (
        Column::Phone,
        &[
            "phone",
            "mobile",
            "mobilenumber",
            "mobilephone",
            "phonenumber",
            "cellphone",
            "telephone",
            "tel",
            "phone1value",
            "primaryphone",
            "homephone",
            "businessphone",
            "telefon",
            "handy",
            "mobil",
            "mobiltelefon",
            "telefonnummer",
            "handynummer",
            "telefoon",
            "mobiel",
            "telefoonnummer",
            "mobielnummer",
            "mobilnummer",
            "telefonnr",
        ],
    ),
    (
        Column::Email,
        &["email", "emailaddress", "email1value", "mail", "emailadresse", "emailadres", "epost", "epostadresse"],
    ),
    (
        Column::Birthday,
        &[
            "birthday",
            "dateofbirth",
            "birthdate",
            "dob",
            "geburtstag",
            "geburtsdatum",
            "geboortedatum",
            "verjaardag",
            "fodselsdato",
            "bursdag",
            "fodselsdag",
        ],
    ),
    (
        Column::Notes,
        &[
            "notes",
            "note",
            "memo",
            "comments",
            "comment",
            "notiz",
            "notizen",
            "bemerkung",
            "bemerkungen",
            "notities",
            "opmerkingen",
            "notater",
            "merknad",
            "merknader",
        ],
    ),
    (
        Column::Marketing,
        &[
            "acceptsmarketing",
            "marketing",
            "marketingconsent",
            "marketingnotifications",
            "emailsubscriptionstatus",
            "newsletter",
            "werbung",
            "marketingfreigabe",
            "werbeeinwilligung",
            "nieuwsbrief",
            "nyhetsbrev",
            "markedsforing",
            "emailmarketing",
            "smsmarketing",
        ],
    ),
    (Column::Blocked, &["blocked", "isblocked", "banned", "gesperrt", "geblokkeerd", "blokkert", "sperre"]),
];

fn folded(header: &str) -> String {
    super::customer::fold(header).chars().filter(|c| c.is_ascii_alphanumeric()).collect()
}

/// The column a header names, if it is one Salondesk knows.
pub fn recognise(header: &str) -> Option<Column> {
    let key = folded(header);
    HEADERS.iter().find(|(_, names)| names.contains(&key.as_str())).map(|(column, _)| *column)
}

/// Each header's column; a column named twice is taken the first time
/// ("Phone 1 - Value" before "Phone 2 - Value").
pub fn mapping(headers: &[String]) -> Vec<Option<Column>> {
    let mut taken = Vec::new();
    headers
        .iter()
        .map(|h| {
            let column = recognise(h).filter(|c| !taken.contains(c))?;
            taken.push(column);
            Some(column)
        })
        .collect()
}

/// The separator of a CSV file from its first line: comma, semicolon or
/// tab, whichever occurs most outside quotes.
pub fn separator(first_line: &str) -> u8 {
    let mut counts = [(b',', 0), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for c in first_line.bytes() {
        if c == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (sep, n) in counts.iter_mut() {
                if *sep == c {
                    *n += 1;
                }
            }
        }
    }
    counts.iter().max_by_key(|(_, n)| *n).filter(|(_, n)| *n > 0).map_or(b',', |(sep, _)| *sep)
}

/// How "03/04/1990" is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// 03/04/1990 is 3 April (UK, and most of Europe).
    DayFirst,
    /// 03/04/1990 is March 4 (US exports).
    MonthFirst,
}

/// Some dates of a column can only be day-first, others only month-first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MixedOrders;

/// The order the slashed dates of a column must be read in: `None` when
/// every one reads the same either way or there are none.
pub fn date_order<'a>(values: impl IntoIterator<Item = &'a str>) -> Result<Option<DateOrder>, MixedOrders> {
    let (mut day_first, mut month_first) = (false, false);
    for v in values {
        let parts: Vec<u32> = v.trim().split('/').filter_map(|p| p.parse().ok()).collect();
        if let [a, b, _] = parts[..] {
            day_first |= a > 12 && b <= 12;
            month_first |= b > 12 && a <= 12;
        }
    }
    match (day_first, month_first) {
        (true, true) => Err(MixedOrders),
        (true, false) => Ok(Some(DateOrder::DayFirst)),
        (false, true) => Ok(Some(DateOrder::MonthFirst)),
        (false, false) => Ok(None),
    }
}

/// Whether a column's slashed dates need the user to say how to read them.
pub fn slashed_and_ambiguous<'a>(values: impl IntoIterator<Item = &'a str>) -> bool {
    let values: Vec<&str> = values.into_iter().collect();
    let any_slashed = values.iter().any(|v| v.matches('/').count() == 2);
    any_slashed && date_order(values.iter().copied()) == Ok(None)
}

/// A date as other programs write it: 1990-04-03, 03.04.1990, 03-04-1990,
/// and 03/04/1990 in the order given.
pub fn parse_date(text: &str, order: Option<DateOrder>) -> Option<NaiveDate> {
    let t = text.trim();
    let t = t.split(['T', ' ']).next().unwrap_or(t);
    let (day_month, pattern) = if t.contains('/') {
        (
            true,
            match order? {
                DateOrder::DayFirst => "%d/%m/%Y",
                DateOrder::MonthFirst => "%m/%d/%Y",
            },
        )
    } else if t.len() >= 8 && t.as_bytes().get(4) == Some(&b'-') {
        (false, "%Y-%m-%d")
    } else if t.contains('.') {
        (true, "%d.%m.%Y")
    } else {
        (true, "%d-%m-%Y")
    };
    let date = NaiveDate::parse_from_str(t, pattern).ok()?;
    // Two-digit years ("03.04.90") are not guessed at.
    (!day_month || t.rsplit(['/', '.', '-']).next().is_some_and(|y| y.len() == 4)).then_some(date)
}

/// Yes or no as exports and people write it; `None` for empty or unknown.
pub fn yes_no(text: &str) -> Option<bool> {
    match folded(text).as_str() {
        "yes" | "y" | "true" | "1" | "x" | "ja" | "j" | "subscribed" | "optedin" | "granted" | "wahr" | "waar"
        | "sant" => Some(true),
        "no" | "n" | "false" | "0" | "nein" | "nee" | "nei" | "unsubscribed" | "optedout" | "objected" | "falsch"
        | "onwaar" | "usann" => Some(false),
        _ => None,
    }
}

/// A row of the file as a card, and what was changed on the way in.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub customer: Customer,
    pub blocked: bool,
    /// What was left out or changed, said in the report.
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    BadDate(String),
    BadEmail(String),
    BadPhone(String),
    /// Longer than a field holds: cut to this many characters.
    Cut(Column, usize),
    UnknownConsent(String),
}

/// Why a row is not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    NoName,
    /// Neither a number nor an address nor a name told apart (an empty row).
    Empty,
}

/// Longest a name, address or number is kept; notes may be longer.
const FIELD_MAX: usize = 200;
const NOTES_MAX: usize = 5_000;

/// One row as a card. `phone` normalises a number (to E.164 with the
/// salon's country) or says it is none; `order` reads slashed dates.
pub fn draft(
    mapping: &[Option<Column>],
    row: &[String],
    order: Option<DateOrder>,
    phone: impl Fn(&str) -> Option<String>,
) -> Result<Draft, Skip> {
    let mut changes = Vec::new();
    let mut field = |column: Column| -> String {
        let value = mapping
            .iter()
            .zip(row)
            .find(|(c, _)| **c == Some(column))
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default();
        let max = if column == Column::Notes { NOTES_MAX } else { FIELD_MAX };
        if value.chars().count() > max {
            changes.push(Change::Cut(column, max));
            value.chars().take(max).collect()
        } else {
            value
        }
    };
    let (mut first, mut last) = (field(Column::FirstName), field(Column::LastName));
    let full = field(Column::FullName);
    if first.is_empty() && last.is_empty() && !full.is_empty() {
        match full.rsplit_once(' ') {
            Some((f, l)) => (first, last) = (f.trim().to_string(), l.trim().to_string()),
            None => first = full,
        }
    }
    let (typed_phone, email, birthday) = (field(Column::Phone), field(Column::Email), field(Column::Birthday));
    let (notes, marketing, blocked) = (field(Column::Notes), field(Column::Marketing), field(Column::Blocked));
    if row.iter().all(|v| v.trim().is_empty()) {
        return Err(Skip::Empty);
    }
    if first.is_empty() && last.is_empty() {
        return Err(Skip::NoName);
    }
    let mut customer = Customer { first_name: first, last_name: last, notes, ..Default::default() };
    if !typed_phone.is_empty() {
        match phone(&typed_phone) {
            Some(number) => customer.phone = number,
            None => changes.push(Change::BadPhone(typed_phone)),
        }
    }
    if !email.is_empty() {
        if super::customer::check_email(&email).is_ok() {
            customer.email = email;
        } else {
            changes.push(Change::BadEmail(email));
        }
    }
    if !birthday.is_empty() {
        match parse_date(&birthday, order) {
            Some(d) => customer.birthday = Some(d),
            None => changes.push(Change::BadDate(birthday)),
        }
    }
    customer.marketing = match yes_no(&marketing) {
        Some(true) => Consent::Granted,
        Some(false) => Consent::Objected,
        None if marketing.is_empty() => Consent::NotAsked,
        None => {
            changes.push(Change::UnknownConsent(marketing));
            Consent::NotAsked
        }
    };
    Ok(Draft { customer, blocked: yes_no(&blocked) == Some(true), changes })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(values: &[&str]) -> Vec<String> {
        values.iter().map(|v| v.to_string()).collect()
    }

    #[test]
    fn headers_of_other_programs_and_four_languages_are_recognised() {
        let fresha = cells(&[
            "First Name",
            "Last Name",
            "Mobile Number",
            "Email",
            "Date of Birth",
            "Accepts Marketing",
            "Blocked",
        ]);
        let google =
            cells(&["Given Name", "Family Name", "E-mail 1 - Value", "Phone 1 - Value", "Phone 2 - Value", "Birthday"]);
        let outlook = cells(&["First Name", "Last Name", "E-mail Address", "Mobile Phone", "Notes"]);
        let german =
            cells(&["Vorname", "Nachname", "Handy", "E-Mail", "Geburtsdatum", "Bemerkung", "Newsletter", "Gesperrt"]);
        let norwegian = cells(&["Fornavn", "Etternavn", "Mobil", "E-post", "Fødselsdato"]);
        use Column::*;
        assert_eq!(
            mapping(&fresha),
            [Some(FirstName), Some(LastName), Some(Phone), Some(Email), Some(Birthday), Some(Marketing), Some(Blocked)]
        );
        assert_eq!(mapping(&google), [Some(FirstName), Some(LastName), Some(Email), Some(Phone), None, Some(Birthday)]);
        assert_eq!(mapping(&outlook), [Some(FirstName), Some(LastName), Some(Email), Some(Phone), Some(Notes)]);
        assert_eq!(
            mapping(&german),
            [
                Some(FirstName),
                Some(LastName),
                Some(Phone),
                Some(Email),
                Some(Birthday),
                Some(Notes),
                Some(Marketing),
                Some(Blocked)
            ]
        );
        assert_eq!(mapping(&norwegian), [Some(FirstName), Some(LastName), Some(Phone), Some(Email), Some(Birthday)]);
        assert_eq!(recognise("Lieblingsfarbe"), None);
    }

    #[test]
    fn separators_are_found_outside_quotes() {
        assert_eq!(separator("Vorname;Nachname;Telefon"), b';');
        assert_eq!(separator("\"Name, full\"\tPhone\tEmail"), b'\t');
        assert_eq!(separator("a,b;c,d"), b',');
        assert_eq!(separator("Name"), b',');
    }

    #[test]
    fn dates_in_the_usual_spellings_and_slashes_only_when_the_order_is_known() {
        let d = NaiveDate::from_ymd_opt(1990, 4, 3).unwrap();
        assert_eq!(parse_date("1990-04-03", None), Some(d));
        assert_eq!(parse_date("1990-04-03T00:00:00", None), Some(d));
        assert_eq!(parse_date("03.04.1990", None), Some(d));
        assert_eq!(parse_date("03-04-1990", None), Some(d));
        assert_eq!(parse_date("03/04/1990", Some(DateOrder::DayFirst)), Some(d));
        assert_eq!(parse_date("04/03/1990", Some(DateOrder::MonthFirst)), Some(d));
        assert_eq!(parse_date("03/04/1990", None), None, "not guessed");
        assert_eq!(parse_date("03.04.90", None), None, "two-digit years are not guessed");
        assert_eq!(parse_date("31.02.1990", None), None);
        assert_eq!(parse_date("soon", None), None);
        assert_eq!(date_order(["03/04/1990", "25/12/1985"]), Ok(Some(DateOrder::DayFirst)));
        assert_eq!(date_order(["12/25/1985", "03/04/1990"]), Ok(Some(DateOrder::MonthFirst)));
        assert_eq!(date_order(["12/25/1985", "25/12/1985"]), Err(MixedOrders));
        assert!(slashed_and_ambiguous(["03/04/1990", "01/02/2000"]));
        assert!(!slashed_and_ambiguous(["1990-04-03"]));
    }

    #[test]
    fn a_row_becomes_a_card_with_what_was_left_out_said() {
        let map = mapping(&cells(&["Name", "Phone", "E-mail", "Birthday", "Newsletter", "Blocked"]));
        let phone = |p: &str| (p.chars().filter(char::is_ascii_digit).count() >= 8).then(|| format!("+49{p}"));
        let row = cells(&["Kari Nordmann", "15123456789", "kari@example", "31.02.1990", "vielleicht", "ja"]);
        let d = draft(&map, &row, None, phone).unwrap();
        assert_eq!((d.customer.first_name.as_str(), d.customer.last_name.as_str()), ("Kari", "Nordmann"));
        assert_eq!(d.customer.phone, "+4915123456789");
        assert_eq!(d.customer.email, "", "not an address");
        assert_eq!(d.customer.birthday, None);
        assert!(d.blocked, "a blocked customer comes in blocked");
        assert_eq!(
            d.changes,
            [
                Change::BadEmail("kari@example".into()),
                Change::BadDate("31.02.1990".into()),
                Change::UnknownConsent("vielleicht".into())
            ]
        );
        let no_name = cells(&["", "15123456789", "", "", "", ""]);
        assert_eq!(draft(&map, &no_name, None, phone), Err(Skip::NoName));
        assert_eq!(draft(&map, &cells(&["", "", ""]), None, phone), Err(Skip::Empty));
        let objected = draft(&map, &cells(&["Ola", "", "", "", "nein", ""]), None, phone).unwrap();
        assert_eq!(objected.customer.marketing, Consent::Objected, "an objection is kept");
        let long = "x".repeat(300);
        let cut = draft(&map, &cells(&[&long, "", "", "", "", ""]), None, phone).unwrap();
        assert_eq!(cut.customer.first_name.chars().count(), 200);
        assert_eq!(cut.changes, [Change::Cut(Column::FullName, 200)]);
    }
}
