//! Customer cards and the search as you type.

use super::{NewAppointment, Result, Store, StoreError, now_unix};
use crate::domain::customer::{digits, fold, phone_search_forms};
use crate::domain::{Consent, Customer, InputError, Language, Reliability, clock};
use rusqlite::{OptionalExtension, Row, params};

/// A customer as the search list and the suggestions show them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CustomerHit {
    pub id: i64,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub status_id: Option<i64>,
    pub reliability: Reliability,
}

const CUSTOMER_COLUMNS: &str =
    "id, first_name, last_name, phone, email, language, birthday, notes, marketing, preferred_staff_id, status_id";

/// The columns of a search hit, reliability counts from the partial indexes.
const HIT_COLUMNS: &str = "c.id, trim(c.first_name || ' ' || c.last_name), c.phone, c.email, c.status_id,
    (SELECT count(*) FROM appointments a WHERE a.customer_id = c.id AND a.state IN ('arrived', 'completed')),
    (SELECT count(*) FROM appointments a WHERE a.customer_id = c.id AND a.state = 'no_show')";

fn hit_from_row(r: &Row) -> rusqlite::Result<CustomerHit> {
    Ok(CustomerHit {
        id: r.get(0)?,
        name: r.get(1)?,
        phone: r.get(2)?,
        email: r.get(3)?,
        status_id: r.get(4)?,
        reliability: Reliability { attended: r.get(5)?, no_shows: r.get(6)? },
    })
}

fn customer_from_row(r: &Row) -> rusqlite::Result<Customer> {
    Ok(Customer {
        id: r.get(0)?,
        first_name: r.get(1)?,
        last_name: r.get(2)?,
        phone: r.get(3)?,
        email: r.get(4)?,
        language: Language::parse(&r.get::<_, String>(5)?).unwrap_or_default(),
        birthday: r.get::<_, Option<String>>(6)?.and_then(|d| clock::parse_date(&d).ok()),
        notes: r.get(7)?,
        marketing: Consent::parse(&r.get::<_, String>(8)?),
        preferred_staff_id: r.get(9)?,
        status_id: r.get(10)?,
    })
}

/// What was typed, if it is the start of a phone number: its digits.
fn phone_prefix(typed: &str) -> Option<String> {
    let compact: String = typed.chars().filter(|c| !" +-/().".contains(*c)).collect();
    (compact.len() >= 2 && compact.chars().all(|c| c.is_ascii_digit())).then(|| digits(&compact))
}

/// Turns what was typed into an FTS5 query: every word must match the start
/// of a word of the name or e-mail.
fn match_expression(typed: &str) -> Option<String> {
    let words: Vec<String> =
        fold(typed).split_whitespace().map(|w| format!("\"{}\"*", w.replace('"', "\"\""))).collect();
    if words.is_empty() { None } else { Some(format!("search_name : ({})", words.join(" AND "))) }
}

impl Store {
    /// Customers whose name, e-mail or phone starts with what was typed,
    /// accent- and case-insensitive, sorted by name, at most `limit`.
    pub fn search_customers(&self, typed: &str, limit: usize) -> Result<Vec<CustomerHit>> {
        let mut hits: Vec<CustomerHit> = if let Some(prefix) = phone_prefix(typed) {
            // Digits sort before ':', so [prefix, prefix + ':') is every key starting with it.
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT {HIT_COLUMNS} FROM customers c WHERE c.id IN (
                     SELECT DISTINCT customer_id FROM customer_phone_keys
                     WHERE key >= ?1 AND key < ?1 || ':' LIMIT ?2)"
            ))?;
            stmt.query_map(params![prefix, limit as i64], hit_from_row)?.collect::<rusqlite::Result<_>>()?
        } else {
            let Some(expr) = match_expression(typed) else { return Ok(Vec::new()) };
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT {HIT_COLUMNS} FROM customer_search s JOIN customers c ON c.id = s.rowid
                 WHERE customer_search MATCH ?1 LIMIT ?2"
            ))?;
            stmt.query_map(params![expr, limit as i64], hit_from_row)?.collect::<rusqlite::Result<_>>()?
        };
        hits.sort_by_cached_key(|h| fold(&h.name));
        Ok(hits)
    }

    /// The one customer that what was typed names exactly — a phone number
    /// (in any of its usual forms), an e-mail address, or the full name —
    /// or `None` when no one or several do.
    pub fn customer_named_exactly(&self, typed: &str) -> Result<Option<i64>> {
        let typed = typed.trim();
        let ids: Vec<i64> = if let Some(number) = phone_prefix(typed) {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT DISTINCT customer_id FROM customer_phone_keys WHERE key = ?1 LIMIT 2")?;
            stmt.query_map([number], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
        } else if typed.contains('@') {
            let mut stmt =
                self.conn.prepare_cached("SELECT id FROM customers WHERE email = ?1 COLLATE NOCASE LIMIT 2")?;
            stmt.query_map([typed], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
        } else {
            let wanted = fold(typed);
            let found = self.search_customers(typed, 50)?;
            found.into_iter().filter(|h| fold(&h.name) == wanted).map(|h| h.id).take(2).collect()
        };
        Ok(match ids.as_slice() {
            [one] => Some(*one),
            _ => None,
        })
    }

    /// A walk-in name that names a known customer exactly is that customer;
    /// a number or an address that no one customer has is refused.
    pub(crate) fn with_known_customer(&self, new: &NewAppointment) -> Result<NewAppointment> {
        let name = new.walk_in_name.trim();
        if new.customer_id.is_some() || name.is_empty() {
            return Ok(new.clone());
        }
        match self.customer_named_exactly(name)? {
            Some(id) => Ok(NewAppointment { customer_id: Some(id), walk_in_name: String::new(), ..new.clone() }),
            None if phone_prefix(name).is_some() || name.contains('@') => {
                Err(InputError::NotAName(name.to_string()).into())
            }
            None => Ok(new.clone()),
        }
    }

    pub fn customer(&self, id: i64) -> Result<Customer> {
        let sql = format!("SELECT {CUSTOMER_COLUMNS} FROM customers WHERE id = ?1");
        Ok(self.conn.query_row(&sql, [id], customer_from_row)?)
    }

    /// Attended versus no-show appointments of a customer.
    pub fn reliability(&self, customer_id: i64) -> Result<Reliability> {
        Ok(self.conn.query_row(
            "SELECT (SELECT count(*) FROM appointments a WHERE a.customer_id = ?1 AND a.state IN ('arrived', 'completed')),
                    (SELECT count(*) FROM appointments a WHERE a.customer_id = ?1 AND a.state = 'no_show')",
            [customer_id],
            |r| Ok(Reliability { attended: r.get(0)?, no_shows: r.get(1)? }),
        )?)
    }

    pub fn customer_count(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?)
    }

    /// Creates (id 0) or updates a customer card after checking it; a
    /// changed consent is kept in its history as given at the desk or the
    /// kiosk (whichever this program is).
    pub fn save_customer(&mut self, customer: &Customer) -> Result<i64> {
        let how = if self.actor() == "kiosk" { "kiosk" } else { "desk" };
        self.save_customer_from(customer, how)
    }

    /// The same, the consent given `how` ("desk", "kiosk", "import", "reply").
    pub(crate) fn save_customer_from(&mut self, customer: &Customer, how: &str) -> Result<i64> {
        let c = customer.clone().validated()?;
        let by = self.actor().to_string();
        let tx = super::begin(&mut self.conn)?;
        let id = write_customer(&tx, &c, how, &by)?;
        tx.commit()?;
        // A status changed on an existing card is recorded with its reason.
        if let (false, Some(status)) = (c.id == 0, c.status_id) {
            self.assign_status(id, status, "desk")?;
        }
        Ok(id)
    }
}

/// Writes a checked card (and its phone search keys) inside the caller's
/// transaction; an import calls it for each row of one transaction without
/// a savepoint per row (which made the search index flush 10 000 times).
pub(crate) fn write_customer(conn: &rusqlite::Connection, c: &Customer, how: &str, by: &str) -> Result<i64> {
    let before: Option<String> = if c.id == 0 {
        None
    } else {
        conn.prepare_cached("SELECT marketing FROM customers WHERE id = ?1")?
            .query_row([c.id], |r| r.get(0))
            .optional()?
    };
    let search_name = fold(&format!("{} {} {}", c.first_name, c.last_name, c.email));
    let search_phone = phone_search_forms(&c.phone);
    // The card's fields, ?1 to ?11; the status is set apart (with its history).
    let fields = params![
        c.first_name,
        c.last_name,
        c.phone,
        c.email,
        c.language.code(),
        c.birthday.map(|d| d.to_string()),
        c.notes,
        c.marketing.as_str(),
        c.preferred_staff_id,
        search_name,
        search_phone,
    ];
    let now = now_unix();
    let id = if c.id == 0 {
        let extra: [&dyn rusqlite::ToSql; 2] = [&c.status_id, &now];
        conn.prepare_cached(
            "INSERT INTO customers (first_name, last_name, phone, email, language, birthday, notes,
                 marketing, preferred_staff_id, search_name, search_phone, status_id, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?
        .execute(rusqlite::params_from_iter(fields.iter().copied().chain(extra)))?;
        conn.last_insert_rowid()
    } else {
        let n = conn
            .prepare_cached(
                "UPDATE customers SET first_name = ?1, last_name = ?2, phone = ?3, email = ?4, language = ?5,
                     birthday = ?6, notes = ?7, marketing = ?8, preferred_staff_id = ?9,
                     search_name = ?10, search_phone = ?11
                 WHERE id = ?12",
            )?
            .execute(rusqlite::params_from_iter(fields.iter().copied().chain([&c.id as &dyn rusqlite::ToSql])))?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        c.id
    };
    write_phone_keys(conn, id, &search_phone)?;
    super::newsletters::judge_reach(conn, Some(id))?;
    let before = before.unwrap_or_else(|| Consent::NotAsked.as_str().to_string());
    if before != c.marketing.as_str() {
        conn.prepare_cached(
            "INSERT INTO consent_changes (customer_id, at, before, after, how, by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![id, now, before, c.marketing.as_str(), how, by])?;
    }
    Ok(id)
}

/// Replaces a customer's phone search keys (one per written form).
pub(crate) fn write_phone_keys(conn: &rusqlite::Connection, customer_id: i64, forms: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM customer_phone_keys WHERE customer_id = ?1")?.execute([customer_id])?;
    let mut insert =
        conn.prepare_cached("INSERT OR IGNORE INTO customer_phone_keys (key, customer_id) VALUES (?1, ?2)")?;
    for key in forms.split_whitespace() {
        insert.execute(params![key, customer_id])?;
    }
    Ok(())
}

impl Store {
    /// Saves the card and its reminder opt-out together; the opt-out (and a
    /// changed address or number) re-plans the customer's upcoming messages.
    pub fn save_card(&mut self, customer: &Customer, reminders_off: bool) -> Result<i64> {
        self.atomically(|s| {
            let id = s.save_customer(customer)?;
            s.set_reminders_off(id, reminders_off)?;
            Ok(id)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{match_expression, phone_prefix};

    #[test]
    fn numbers_search_phones_and_words_search_names() {
        assert_eq!(phone_prefix("+47 912"), Some("47912".into()));
        assert_eq!(phone_prefix("anna"), None);
        assert_eq!(phone_prefix("7"), None, "one digit is too little to search by");
        assert_eq!(match_expression("Søren Ø"), Some("search_name : (\"soren\"* AND \"o\"*)".into()));
        assert_eq!(match_expression("a\"b"), Some("search_name : (\"a\"\"b\"*)".into()));
        assert_eq!(match_expression("   "), None);
    }
}
