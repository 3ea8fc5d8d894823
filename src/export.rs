//! Reports written for spreadsheets: CSV with ISO dates and amounts with a
//! decimal point, one row per no-show, headers that stay the same in every
//! language so that a salon's own sheets keep working.

use crate::domain::no_show_report::NoShowReport;
use chrono_tz::Tz;
use std::io::Write;

fn amount(cents: i64) -> String {
    format!("{}{}.{:02}", if cents < 0 { "-" } else { "" }, cents.abs() / 100, cents.abs() % 100)
}

pub fn no_shows_csv(report: &NoShowReport, tz: Tz, out: impl Write) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "date",
        "time",
        "customer",
        "staff",
        "service",
        "price",
        "first_or_repeated",
        "reached",
        "reason",
        "fee",
        "fee_paid",
        "deposit_kept",
    ])?;
    for l in &report.lines {
        let local = crate::domain::clock::to_local(tz, l.start);
        let reached = match l.reached {
            Some(true) => "yes",
            Some(false) => "no",
            None => "",
        };
        w.write_record([
            local.date().to_string(),
            local.format("%H:%M").to_string(),
            l.customer.clone(),
            l.staff.clone(),
            l.service.clone(),
            amount(l.price_cents),
            if l.repeated { "repeated" } else { "first" }.to_string(),
            reached.to_string(),
            l.reason.clone(),
            l.fee_cents.map(amount).unwrap_or_default(),
            if l.fee_paid { "yes" } else { "" }.to_string(),
            amount(l.deposit_cents),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// Writes the report as CSV into the "exports" folder beside the salon's
/// file `file`, and says where.
pub fn no_shows_to_exports(
    file: &std::path::Path,
    tz: chrono_tz::Tz,
    report: &crate::domain::no_show_report::NoShowReport,
) -> crate::store::Result<std::path::PathBuf> {
    use crate::store::StoreError;
    let folder = file.parent().unwrap_or(std::path::Path::new(".")).join("exports");
    let io = |e: std::io::Error| StoreError::CannotOpen { path: folder.clone(), cause: e.to_string() };
    std::fs::create_dir_all(&folder).map_err(io)?;
    let path = folder.join(format!("no-shows-{}-{}.csv", report.from, report.to));
    let out = std::fs::File::create(&path).map_err(io)?;
    no_shows_csv(report, tz, std::io::BufWriter::new(out))
        .map_err(|e| StoreError::CannotOpen { path: path.clone(), cause: e.to_string() })?;
    Ok(path)
}
