//! Saving an imported customer list: one transaction (all or nothing), a
//! backup just before (the way to undo it as a whole), duplicates by phone
//! number or e-mail address merged into the existing card or skipped, a
//! blocked customer imported blocked, and a line in the report for every
//! row that was skipped or changed.

use super::{Result, Store, StoreError};
use crate::domain::customer::{Consent, Customer};
use crate::domain::import::{self, Change, Column, DateOrder, Draft, Skip};
use crate::domain::{InputError, Language, phone};
use crate::import::Table;
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Duplicates {
    /// A row whose number or address a card already has is left out.
    #[default]
    Skip,
    /// It fills in what that card lacks (nothing the card has is overwritten).
    Merge,
}

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Each column's meaning as chosen on screen; `None`: by the headers.
    pub mapping: Option<Vec<Option<Column>>>,
    pub duplicates: Duplicates,
    /// Everything checked and counted, nothing kept.
    pub dry_run: bool,
    /// How slashed dates are read, when the file does not tell.
    pub dates: Option<DateOrder>,
}

/// What became of one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Imported,
    Merged,
    Skipped,
}

/// A row that was skipped or changed, and why (in the report).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportLine {
    /// The line of the file the row starts on.
    pub line: usize,
    pub outcome: Outcome,
    pub why: Why,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    Skip(Skip),
    /// A card has this number or address already (its id).
    Duplicate(i64),
    /// An earlier row of the file has it.
    RepeatedInFile(usize),
    Changed(Change),
    Blocked,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    pub dry_run: bool,
    pub imported: usize,
    pub merged: usize,
    pub skipped: usize,
    pub lines: Vec<ReportLine>,
    /// The copy made just before: restoring it undoes the import.
    pub backup: Option<PathBuf>,
    pub mapping: Vec<Option<Column>>,
}

impl Store {
    /// Imports the customers of `table` (see the module).
    pub fn import_customers(&mut self, table: &Table, options: ImportOptions) -> Result<ImportReport> {
        let mapping = options.mapping.clone().unwrap_or_else(|| import::mapping(&table.headers));
        let has = |c: Column| mapping.contains(&Some(c));
        if !has(Column::FirstName) && !has(Column::LastName) && !has(Column::FullName) {
            return Err(InputError::Required("name column").into());
        }
        let dates = match options.dates {
            Some(order) => Some(order),
            None => date_order(&mapping, table)?,
        };
        let backup = if options.dry_run { None } else { Some(self.back_up("before-import")?.path) };
        let (zone, lang): (String, String) =
            self.conn
                .query_row("SELECT time_zone, language FROM salon WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let country = phone::default_country(&zone, Language::parse(&lang).unwrap_or_default());
        let normalise = |typed: &str| phone::to_e164(typed, country).ok();
        let mut known = self.known_contacts()?;
        let mut report =
            ImportReport { backup, mapping: mapping.clone(), dry_run: options.dry_run, ..Default::default() };
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        let imported = (|| -> Result<()> {
            for (line, row) in &table.rows {
                let draft = match import::draft(&mapping, row, dates, normalise) {
                    Ok(draft) => draft,
                    Err(skip) => {
                        report.skipped += 1;
                        report.lines.push(ReportLine { line: *line, outcome: Outcome::Skipped, why: Why::Skip(skip) });
                        continue;
                    }
                };
                // A number a card already has (looked up in the file as it is now).
                let number = &draft.customer.phone;
                if !number.is_empty()
                    && !known.phones.contains_key(number)
                    && let Some(id) = self.card_with_number(number, &normalise)?
                {
                    known.phones.insert(number.clone(), (0, id));
                }
                self.import_one(*line, draft, options.duplicates, &mut known, &mut report)?;
            }
            Ok(())
        })();
        let end = if imported.is_ok() && !options.dry_run { "COMMIT" } else { "ROLLBACK" };
        let ended = self.conn.execute_batch(end);
        if ended.is_err() && end == "COMMIT" {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        imported?;
        ended?;
        Ok(report)
    }

    fn import_one(
        &mut self,
        line: usize,
        draft: Draft,
        duplicates: Duplicates,
        known: &mut Known,
        report: &mut ImportReport,
    ) -> Result<()> {
        let Draft { customer, blocked, changes } = draft;
        let outcome = match known.find(&customer) {
            Some(Found::File(first)) => {
                report.skipped += 1;
                report.lines.push(ReportLine { line, outcome: Outcome::Skipped, why: Why::RepeatedInFile(first) });
                return Ok(());
            }
            Some(Found::Card(id)) if duplicates == Duplicates::Skip => {
                report.skipped += 1;
                report.lines.push(ReportLine { line, outcome: Outcome::Skipped, why: Why::Duplicate(id) });
                return Ok(());
            }
            Some(Found::Card(id)) => {
                let card = fill_in(self.customer(id)?, &customer);
                self.save_customer_from(&card, "import")?;
                report.merged += 1;
                report.lines.push(ReportLine { line, outcome: Outcome::Merged, why: Why::Duplicate(id) });
                Outcome::Merged
            }
            None => {
                // Inside the import's one transaction, without a savepoint per row.
                let by = self.actor().to_string();
                let id = super::customers::write_customer(&self.conn, &customer.clone().validated()?, "import", &by)?;
                known.add(&customer, line, id);
                report.imported += 1;
                Outcome::Imported
            }
        };
        for change in changes {
            report.lines.push(ReportLine { line, outcome: outcome.clone(), why: Why::Changed(change) });
        }
        if blocked {
            for value in [&customer.phone, &customer.email].into_iter().filter(|v| !v.is_empty()) {
                self.block(value, "imported as blocked")?;
            }
            report.lines.push(ReportLine { line, outcome, why: Why::Blocked });
        }
        Ok(())
    }

    /// Every card's address (lower case), to find duplicates; numbers are
    /// looked up one by one in the phone search's keys (normalising the
    /// numbers of 100 000 cards first took seconds).
    fn known_contacts(&self) -> Result<Known> {
        let mut known = Known::default();
        let mut stmt = self.conn.prepare("SELECT id, lower(email) FROM customers WHERE email <> ''")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (id, email) = row?;
            known.emails.insert(email, (0, id));
        }
        Ok(known)
    }

    /// The card that has this number (E.164), if one has: found by its
    /// national digits in the phone search's keys, then compared whole.
    fn card_with_number(&self, e164: &str, normalise: &impl Fn(&str) -> Option<String>) -> Result<Option<i64>> {
        let Some(national) = phone::national_number(e164) else { return Ok(None) };
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.phone FROM customer_phone_keys k JOIN customers c ON c.id = k.customer_id
             WHERE k.key = ?1 LIMIT 20",
        )?;
        let candidates: Vec<(i64, String)> =
            stmt.query_map([national], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        Ok(candidates.into_iter().find(|(_, typed)| normalise(typed).as_deref() == Some(e164)).map(|(id, _)| id))
    }
}

/// The slashed dates' order, or why the user must say it.
fn date_order(mapping: &[Option<Column>], table: &Table) -> Result<Option<DateOrder>> {
    let Some(i) = mapping.iter().position(|c| *c == Some(Column::Birthday)) else { return Ok(None) };
    let values = || table.rows.iter().filter_map(|(_, r)| r.get(i).map(String::as_str));
    let ask = || StoreError::Invalid(InputError::Choice("dates", "dmy, mdy".into()));
    let order = import::date_order(values()).map_err(|_| ask())?;
    if order.is_none() && import::slashed_and_ambiguous(values()) {
        return Err(ask());
    }
    Ok(order)
}

/// Numbers and addresses seen: (line in the file, 0 for a card already there; card id).
#[derive(Default)]
struct Known {
    phones: HashMap<String, (usize, i64)>,
    emails: HashMap<String, (usize, i64)>,
}

enum Found {
    Card(i64),
    File(usize),
}

impl Known {
    fn find(&self, c: &Customer) -> Option<Found> {
        let by_phone = self.phones.get(&c.phone).filter(|_| !c.phone.is_empty());
        let by_email = self.emails.get(&c.email.to_lowercase()).filter(|_| !c.email.is_empty());
        by_phone.or(by_email).map(|&(line, id)| if line == 0 { Found::Card(id) } else { Found::File(line) })
    }

    fn add(&mut self, c: &Customer, line: usize, id: i64) {
        if !c.phone.is_empty() {
            self.phones.insert(c.phone.clone(), (line, id));
        }
        if !c.email.is_empty() {
            self.emails.insert(c.email.to_lowercase(), (line, id));
        }
    }
}

/// The card with what it lacks filled in from the row; nothing it has is
/// overwritten, and an objection to marketing always stays.
fn fill_in(mut card: Customer, row: &Customer) -> Customer {
    let fill = |have: &mut String, new: &String| {
        if have.trim().is_empty() {
            *have = new.clone();
        }
    };
    fill(&mut card.phone, &row.phone);
    fill(&mut card.email, &row.email);
    fill(&mut card.last_name, &row.last_name);
    card.birthday = card.birthday.or(row.birthday);
    if !row.notes.is_empty() && !card.notes.contains(&row.notes) {
        card.notes = if card.notes.is_empty() { row.notes.clone() } else { format!("{}\n{}", card.notes, row.notes) };
    }
    if card.marketing == Consent::NotAsked {
        card.marketing = row.marketing;
    }
    card
}
