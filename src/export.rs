//! Reports written for spreadsheets, one row per no-show, in two flavours:
//! `Plain` (the command line, scripts: comma-separated, ISO dates, amounts
//! with a decimal point, English headers that never change) and `Sheet` for
//! the salon's own spreadsheet program in its language — where the decimal
//! mark is a comma (German, Dutch, Norwegian), Excel splits columns at `;`
//! and reads umlauts right only after a UTF-8 byte order mark.

use crate::domain::Language;
use crate::domain::no_show_report::NoShowReport;
use chrono_tz::Tz;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    Plain,
    Sheet(Language),
}

/// Each column: its plain header and the key of its header in a language.
const COLUMNS: [(&str, &str); 12] = [
    ("date", "csv-date"),
    ("time", "csv-time"),
    ("customer", "csv-customer"),
    ("staff", "csv-staff"),
    ("service", "csv-service"),
    ("price", "csv-price"),
    ("first_or_repeated", "csv-first-or-repeated"),
    ("reached", "csv-reached"),
    ("reason", "csv-reason"),
    ("fee", "csv-fee"),
    ("fee_paid", "csv-fee-paid"),
    ("deposit_kept", "csv-deposit-kept"),
];

impl Flavour {
    fn decimal_comma(self) -> bool {
        matches!(self, Flavour::Sheet(Language::De | Language::Nl | Language::Nb))
    }

    fn delimiter(self) -> u8 {
        if self.decimal_comma() { b';' } else { b',' }
    }

    /// 1234.50 or 1234,50: no grouping, which spreadsheets would read as text.
    fn amount(self, cents: i64) -> String {
        let mark = if self.decimal_comma() { ',' } else { '.' };
        format!("{}{}{mark}{:02}", if cents < 0 { "-" } else { "" }, cents.abs() / 100, cents.abs() % 100)
    }

    /// A header or a fixed value ("yes", "first"): plain, or in the language.
    fn word(self, (plain, key): (&str, &str)) -> String {
        match self {
            Flavour::Plain => plain.to_string(),
            Flavour::Sheet(lang) => crate::ui::i18n::t(lang, key),
        }
    }

    fn date(self, date: chrono::NaiveDate) -> String {
        match self {
            Flavour::Plain => date.to_string(),
            Flavour::Sheet(lang) => crate::ui::i18n::date_numeric(lang, date),
        }
    }
}

pub fn no_shows_csv(report: &NoShowReport, tz: Tz, flavour: Flavour, mut out: impl Write) -> csv::Result<()> {
    if let Flavour::Sheet(_) = flavour {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut w = csv::WriterBuilder::new().delimiter(flavour.delimiter()).from_writer(out);
    w.write_record(COLUMNS.map(|c| flavour.word(c)))?;
    let yes = flavour.word(("yes", "csv-yes"));
    for l in &report.lines {
        let local = crate::domain::clock::to_local(tz, l.start);
        let reached = match l.reached {
            Some(true) => yes.clone(),
            Some(false) => flavour.word(("no", "csv-no")),
            None => String::new(),
        };
        w.write_record([
            flavour.date(local.date()),
            local.format("%H:%M").to_string(),
            l.customer.clone(),
            l.staff.clone(),
            l.service.clone(),
            flavour.amount(l.price_cents),
            flavour.word(if l.repeated { ("repeated", "csv-repeated") } else { ("first", "csv-first") }),
            reached,
            l.reason.clone(),
            l.fee_cents.map(|c| flavour.amount(c)).unwrap_or_default(),
            if l.fee_paid { yes.clone() } else { String::new() },
            flavour.amount(l.deposit_cents),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// The file name a report is offered under: "no-shows-2026-11-01-2026-11-30.csv".
pub fn no_shows_file_name(report: &NoShowReport) -> String {
    format!("no-shows-{}-{}.csv", report.from, report.to)
}

/// Writes the report for the salon's spreadsheet to `path`: to a temporary
/// name first, so that a full disk never leaves half a file under the name.
pub fn no_shows_to(
    path: &std::path::Path,
    tz: Tz,
    lang: Language,
    report: &NoShowReport,
) -> crate::store::Result<std::path::PathBuf> {
    use crate::store::StoreError;
    let failed = |cause: String| StoreError::CannotOpen { path: path.to_path_buf(), cause };
    let folder = path.parent().unwrap_or(std::path::Path::new("."));
    std::fs::create_dir_all(folder).map_err(|e| failed(e.to_string()))?;
    let temp = tempfile::NamedTempFile::new_in(folder).map_err(|e| failed(e.to_string()))?;
    let mut out = std::io::BufWriter::new(temp);
    no_shows_csv(report, tz, Flavour::Sheet(lang), &mut out).map_err(|e| failed(e.to_string()))?;
    let temp = out.into_inner().map_err(|e| failed(e.to_string()))?;
    temp.as_file().sync_all().map_err(|e| failed(e.to_string()))?;
    temp.persist(path).map_err(|e| failed(e.to_string()))?;
    Ok(path.to_path_buf())
}

/// The "exports" folder beside the salon's file `file`.
pub fn exports_folder(file: &std::path::Path) -> std::path::PathBuf {
    file.parent().unwrap_or(std::path::Path::new(".")).join("exports")
}

/// The import's report: every row skipped or changed, with its line in the
/// file and the reason, in the user's language (for a spreadsheet: `;` and a
/// byte order mark, as the salon's other exports).
pub fn import_report_csv(
    report: &crate::store::import::ImportReport,
    lang: Language,
    mut out: impl Write,
) -> csv::Result<()> {
    use crate::ui::i18n::t;
    use crate::ui::words::{import_outcome, import_reason};
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(out);
    w.write_record([t(lang, "import-col-line"), t(lang, "import-col-outcome"), t(lang, "import-col-reason")])?;
    for l in &report.lines {
        w.write_record([l.line.to_string(), import_outcome(lang, &l.outcome), import_reason(lang, &l.why)])?;
    }
    w.flush()?;
    Ok(())
}

/// The discount report's totals in a plain, stable CSV: group (reason,
/// staff, service, customer, week), name, amount (decimal point), lines.
pub fn discounts_csv(report: &crate::store::checkout::DiscountReport, out: impl Write) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["group", "name", "amount", "lines"])?;
    let amount = |c: i64| format!("{}{}.{:02}", if c < 0 { "-" } else { "" }, c.abs() / 100, c.abs() % 100);
    for (group, rows) in [
        ("reason", &report.by_reason),
        ("staff", &report.by_staff),
        ("service", &report.by_service),
        ("customer", &report.by_customer),
    ] {
        for (name, cents, lines) in rows {
            w.write_record([group.to_string(), name.clone(), amount(*cents), lines.to_string()])?;
        }
    }
    for (monday, cents) in &report.by_week {
        w.write_record(["week".to_string(), monday.to_string(), amount(*cents), String::new()])?;
    }
    w.flush()?;
    Ok(())
}

/// Every line and every payment of the records, one row each, for the
/// accountant: the record's number, kind, time (salon's), what it corrects,
/// the till's receipt number; then the line's or the payment's own figures.
/// Amounts in plain decimals; a reversal's are negative.
pub fn records_csv(records: &[crate::store::checkout::Record], tz: chrono_tz::Tz, out: impl Write) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "record",
        "kind",
        "time",
        "reverses",
        "till_receipt",
        "customer_id",
        "staff_id",
        "row",
        "position",
        "what",
        "description",
        "quantity",
        "unit_price",
        "discount",
        "discount_reason",
        "vat_rate",
        "vat",
        "amount",
        "voucher_id",
    ])?;
    let amount = |c: i64| format!("{}{}.{:02}", if c < 0 { "-" } else { "" }, c.abs() / 100, c.abs() % 100);
    let rate = |r: u32| format!("{}.{:02}", r / 100, r % 100);
    let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    let by_id: std::collections::HashMap<i64, i64> = records.iter().map(|r| (r.id, r.number)).collect();
    for r in records {
        let time = crate::domain::clock::to_local(tz, r.created_at).format("%Y-%m-%d %H:%M:%S").to_string();
        let kind = match r.kind {
            crate::store::checkout::RecordKind::Sale => "sale",
            crate::store::checkout::RecordKind::NoShow => "no_show",
            crate::store::checkout::RecordKind::Reversal => "reversal",
        };
        let reverses =
            r.reverses.map(|id| by_id.get(&id).map_or(format!("id {id}"), |n| n.to_string())).unwrap_or_default();
        let head = [
            r.number.to_string(),
            kind.to_string(),
            time,
            reverses,
            r.draft.till_receipt.clone(),
            opt(r.draft.customer_id),
            opt(r.draft.staff_id),
        ];
        for (i, l) in r.draft.lines.iter().enumerate() {
            let mut row = head.to_vec();
            row.extend([
                "line".to_string(),
                i.to_string(),
                l.kind.as_str().to_string(),
                l.description.clone(),
                l.quantity.to_string(),
                amount(l.unit_cents),
                amount(l.discount_cents),
                l.discount_reason.clone(),
                rate(l.rate),
                amount(l.vat()),
                amount(l.total()),
                opt(l.voucher_id),
            ]);
            w.write_record(&row)?;
        }
        for (i, p) in r.draft.payments.iter().enumerate() {
            let mut row = head.to_vec();
            row.extend([
                "payment".to_string(),
                i.to_string(),
                p.method.as_str().to_string(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                amount(p.cents),
                opt(p.voucher_id),
            ]);
            w.write_record(&row)?;
        }
    }
    w.flush()?;
    Ok(())
}
