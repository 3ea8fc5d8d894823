//! The command line: the desk (default), or a headless command — one
//! parser for both programs (`salondesk`, and `salondesk-desk` on Windows).

use crate::demo::{self, DemoPlan};
use crate::domain::Language;
use crate::store::{self, Store};
use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::time::Instant;

#[derive(Parser)]
#[command(name = "salondesk", version, about = "The appointment book of a hair or beauty salon")]
struct Cli {
    /// The salon's database file (default: salon.sqlite3 in your data folder).
    #[arg(long, global = true)]
    db: Option<PathBuf>,
    /// Language of the desk: en, de, nl or nb (default: the salon's setting).
    #[arg(long, global = true)]
    lang: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Open the desk window (the default).
    Desk,
    /// Create a demo salon in a new database file.
    Demo {
        #[arg(long, default_value_t = 100_000)]
        customers: usize,
        #[arg(long, default_value_t = 10)]
        years: u32,
        #[arg(long, default_value_t = 12)]
        staff: usize,
        /// The demo's "today" (YYYY-MM-DD); default: today.
        #[arg(long)]
        today: Option<String>,
    },
    /// Render every screen of the desk to PNG files (no display needed).
    Screenshots {
        #[arg(long)]
        out: PathBuf,
        /// Window width and height in logical pixels.
        #[arg(long, default_value = "1366x768")]
        size: String,
    },
    /// Check the database file for damage.
    Check,
    /// Reports, printed and exported as CSV.
    Report {
        #[command(subcommand)]
        report: Report,
    },
    /// The touch kiosk for check-in and self-booking, full screen.
    Kiosk,
    /// The licences of everything Salondesk is built from, in full.
    Licences,
    /// Send confirmations and reminders from the outbox without a window.
    Send {
        /// Send what is due now and exit with a summary (else: keep running).
        #[arg(long)]
        once: bool,
        /// Evaluate as if it were this instant (RFC 3339, e.g. 2026-11-24T06:00:00Z).
        #[arg(long)]
        now: Option<String>,
    },
    /// Sending settings and reminder rules: list, get KEY, set KEY VALUE.
    Config {
        #[command(subcommand)]
        action: Config,
    },
    /// Import customers from another program's CSV list.
    Import {
        #[command(subcommand)]
        what: Import,
    },
    /// A customer's rights: everything about them exported.
    Customer {
        #[command(subcommand)]
        action: CustomerAction,
    },
    /// A printable PDF: a checkout record's summary or a voucher.
    Print {
        #[command(subcommand)]
        what: Print,
    },
    /// Back the salon's file up now (into its backup folder, or to --to FILE).
    Backup {
        #[arg(long)]
        to: Option<PathBuf>,
    },
    /// Put a backup in the place of the salon's file (the file as it is now
    /// is kept as a copy). Close the desk and the kiosk first.
    Restore {
        file: PathBuf,
        /// Wait for the desk that asked for the restore to close, then open it again.
        #[arg(long, hide = true)]
        then_desk: bool,
    },
}

#[derive(Subcommand)]
enum Config {
    /// Every setting with its value (passwords hidden).
    List,
    /// One setting's value.
    Get { key: String },
    /// Changes a setting; a wrong value is refused with the reason.
    Set { key: String, value: String },
}

#[derive(Subcommand)]
enum Import {
    /// Customers: names, phone, e-mail, birthday, notes, marketing consent, blocked.
    Customers {
        file: PathBuf,
        /// Check and count everything, keep nothing.
        #[arg(long)]
        dry_run: bool,
        /// A row whose phone or e-mail a card has fills in what that card lacks (else: skipped).
        #[arg(long)]
        merge: bool,
        /// How dates like 03/04/1990 are read: dmy (3 April) or mdy (March 4).
        #[arg(long)]
        dates: Option<String>,
        /// The file's encoding, when it is not found out right: utf-8 or windows-1252.
        #[arg(long)]
        encoding: Option<String>,
        /// Where the report of skipped and changed rows goes (default: exports/ beside the file).
        #[arg(long)]
        report: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum CustomerAction {
    /// Erases customer ID (GDPR): name, phone, e-mail, birthday, notes,
    /// documents and message texts go; appointments, no-shows, revenue and
    /// the checkout records stay, anonymous. Cannot be undone.
    Erase {
        id: i64,
        /// Says that this is meant: nothing is erased without it.
        #[arg(long)]
        yes: bool,
    },
    /// Everything the file holds about customer ID as JSON (format 1, see the
    /// README), their documents in a zip beside it; reads the salon's file only.
    Export {
        id: i64,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum Print {
    /// The summary of the checkout record with this number, in its customer's language.
    Receipt {
        number: i64,
        #[arg(long)]
        out: PathBuf,
    },
    /// The voucher with this code (as printed, dashes or not), in its buyer's language.
    Voucher {
        code: String,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum Report {
    /// No-shows of a period: totals, and every no-show as a CSV row.
    NoShows {
        /// First day (YYYY-MM-DD).
        #[arg(long)]
        from: String,
        /// Last day, included (YYYY-MM-DD).
        #[arg(long)]
        to: String,
        /// Where to write the CSV file.
        #[arg(long)]
        csv: PathBuf,
    },
    /// What was given away in a period: per reason, staff member, service and
    /// customer, no-show receipts first and repeated.
    Discounts {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        /// Where to write the totals as CSV (group, name, amount, lines).
        #[arg(long)]
        csv: Option<PathBuf>,
    },
    /// The checkout records of a period for the accountant: every line and
    /// every payment as a CSV row.
    Records {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        csv: PathBuf,
    },
}

fn language(cli: &Cli) -> anyhow::Result<Option<Language>> {
    match &cli.lang {
        None => Ok(None),
        Some(code) => match Language::parse(code) {
            Some(l) => Ok(Some(l)),
            None => bail!("unknown language {code:?}: use en, de, nl or nb"),
        },
    }
}

pub fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let path = cli.db.clone().unwrap_or_else(store::default_path);
    // The log file goes beside a salon's file: never for commands that only
    // read, never beside a file that is not a salon's (nor where there is
    // none, except for the two commands that make one).
    let only_reads = matches!(
        cli.command,
        Some(
            Command::Check
                | Command::Licences
                | Command::Report { .. }
                | Command::Print { .. }
                | Command::Customer { action: CustomerAction::Export { .. } }
                | Command::Config { action: Config::List | Config::Get { .. } }
        )
    );
    let makes_one = matches!(cli.command, None | Some(Command::Desk | Command::Demo { .. })) && !path.exists();
    let log_beside = !only_reads && (makes_one || Store::is_salondesk(&path));
    let _log = crate::logging::init(if log_beside { path.parent() } else { None });
    let lang = language(&cli)?;
    match &cli.command {
        None | Some(Command::Desk) => {
            // One desk per file; nothing is written beside a file that is not a salon's.
            let _desk = if makes_one || Store::is_salondesk(&path) {
                match crate::instance::claim(&path).context("cannot open the desk")? {
                    crate::instance::Claim::Ours(lock) => Some(lock),
                    crate::instance::Claim::AlreadyOpen => {
                        let lang = lang.or_else(crate::ui::system_language).unwrap_or_default();
                        println!("{}", crate::ui::i18n::t(lang, "desk-already-open"));
                        return Ok(());
                    }
                }
            } else {
                None
            };
            crate::ui::run(path, lang).context("the desk stopped with an error")
        }
        Some(Command::Demo { customers, years, staff, today }) => {
            if path.exists() {
                bail!(
                    "{} already exists; the demo salon is only written to a new file (choose another --db)",
                    path.display()
                );
            }
            let today = match today {
                Some(t) => crate::domain::clock::parse_date(t)?,
                None => chrono::Local::now().date_naive(),
            };
            let plan = DemoPlan {
                customers: *customers,
                years: *years,
                staff: *staff,
                language: lang.unwrap_or_default(),
                today,
                now: None,
                seed: 7,
            };
            let started = Instant::now();
            let summary = demo::write_new(&path, &plan)?;
            println!(
                "Demo salon written to {} in {:.1} s: {} customers, {} appointments ({} no-shows, {} cancelled, {} walk-ins), {} checkout records",
                path.display(),
                started.elapsed().as_secs_f64(),
                summary.customers,
                summary.appointments,
                summary.no_shows,
                summary.cancelled,
                summary.walk_ins,
                summary.checkouts
            );
            Ok(())
        }
        Some(Command::Screenshots { out, size }) => {
            let (w, h) = size
                .split_once('x')
                .and_then(|(w, h)| Some((w.parse::<f32>().ok()?, h.parse::<f32>().ok()?)))
                .context("--size must look like 1366x768")?;
            let written = crate::ui::screenshots::render_all(cli.db.as_deref(), out, lang, (w, h))?;
            for file in written {
                println!("{}", file.display());
            }
            Ok(())
        }
        Some(Command::Customer { action: CustomerAction::Erase { id, yes } }) => {
            if !yes {
                bail!("erasing customer {id} cannot be undone: run it again with --yes");
            }
            let mut store = Store::open(&path, "desk")?;
            let done = store.erase_customer(*id).with_context(|| format!("customer {id}"))?;
            println!(
                "customer {id} erased: {} documents deleted, {} messages blanked; appointments and records kept anonymous",
                done.documents_deleted, done.messages_blanked
            );
            Ok(())
        }
        Some(Command::Customer { action: CustomerAction::Export { id, out } }) => {
            let store = Store::open_read_only(&path, "export")?;
            let done = store.export_customer(*id, out).with_context(|| format!("customer {id}"))?;
            println!("{}", done.json.display());
            if let Some(zip) = done.zip {
                println!("{} ({} documents)", zip.display(), done.documents);
            }
            Ok(())
        }
        Some(Command::Print { what }) => {
            let store = Store::open_read_only(&path, "print")?;
            let (pdf, out) = match what {
                Print::Receipt { number, out } => {
                    let record = store.checkout_numbered(*number).with_context(|| format!("no record no. {number}"))?;
                    (crate::pdf::summary_of(&store, record.id)?, out)
                }
                Print::Voucher { code, out } => {
                    let v = store.voucher_by_code(code).with_context(|| format!("no voucher {code}"))?;
                    (crate::pdf::voucher_of(&store, v.id)?, out)
                }
            };
            std::fs::write(out, pdf).with_context(|| format!("cannot write {}", out.display()))?;
            println!("{}", out.display());
            Ok(())
        }
        Some(Command::Report { report: Report::Discounts { from, to, csv } }) => {
            let (from, to) = period(from, to)?;
            let store = Store::open_read_only(&path, "report")?;
            let salon = store.salon()?;
            let lang = lang.unwrap_or(salon.language);
            let report = store.discount_report(salon.time_zone, from, to)?;
            let money = |c: i64| crate::domain::money::format(c, &salon.currency, lang);
            let date = |d| crate::ui::i18n::date_numeric(lang, d);
            let said = crate::ui::i18n::ta(
                lang,
                "cli-discounts-summary",
                &[
                    ("from", date(from)),
                    ("to", date(to)),
                    ("total", money(report.total_cents)),
                    ("first", report.no_show_first.to_string()),
                    ("repeated", report.no_show_repeated.to_string()),
                ],
            );
            println!("{said}");
            for (reason, cents, lines) in &report.by_reason {
                println!("  {}: {} ({lines})", crate::ui::words::discount_reason(lang, reason), money(*cents));
            }
            if let Some(csv) = csv {
                let file = std::fs::File::create(csv).with_context(|| format!("cannot write {}", csv.display()))?;
                crate::export::discounts_csv(&report, std::io::BufWriter::new(file))?;
            }
            Ok(())
        }
        Some(Command::Report { report: Report::Records { from, to, csv } }) => {
            let (from, to) = period(from, to)?;
            let store = Store::open_read_only(&path, "report")?;
            let salon = store.salon()?;
            let lang = lang.unwrap_or(salon.language);
            let records = store.records_between(salon.time_zone, from, to)?;
            let file = std::fs::File::create(csv).with_context(|| format!("cannot write {}", csv.display()))?;
            crate::export::records_csv(&records, salon.time_zone, std::io::BufWriter::new(file))?;
            let total: i64 = records.iter().map(|r| r.draft.total()).sum();
            let said = crate::ui::i18n::ta(
                lang,
                "cli-records-summary",
                &[
                    ("count", records.len().to_string()),
                    ("total", crate::domain::money::format(total, &salon.currency, lang)),
                    ("file", csv.display().to_string()),
                ],
            );
            println!("{said}");
            Ok(())
        }
        Some(Command::Report { report: Report::NoShows { from, to, csv } }) => {
            let (from, to) = period(from, to)?;
            let store = Store::open_read_only(&path, "report")?;
            let salon = store.salon()?;
            let lang = lang.unwrap_or(salon.language);
            let report = store.no_show_report(salon.time_zone, from, to, lang.first_weekday())?;
            let file = std::fs::File::create(csv).with_context(|| format!("cannot write {}", csv.display()))?;
            let plain = crate::export::Flavour::Plain;
            crate::export::no_shows_csv(&report, salon.time_zone, plain, std::io::BufWriter::new(file))?;
            let money = |c: i64| crate::domain::money::format(c, &salon.currency, lang);
            let t = &report.totals;
            // Said in the salon's language (or --lang), numbers and words alike.
            let date = |d| crate::ui::i18n::date_numeric(lang, d);
            let said = crate::ui::i18n::ta(
                lang,
                "cli-report-summary",
                &[
                    ("from", date(from)),
                    ("to", date(to)),
                    ("count", t.count.to_string()),
                    ("first", t.first.to_string()),
                    ("repeated", t.repeated.to_string()),
                    ("reached", t.reached.to_string()),
                    ("not_reached", t.not_reached.to_string()),
                    ("lost", money(t.revenue_lost_cents)),
                    ("deposits", money(t.deposits_kept_cents)),
                    ("fees", money(t.fees_invoiced_cents)),
                    ("paid", money(t.fees_paid_cents)),
                    ("net", money(t.net_loss_cents())),
                    ("file", csv.display().to_string()),
                ],
            );
            println!("{said}");
            Ok(())
        }
        Some(Command::Kiosk) => crate::ui::kiosk::run(path, lang).context("the kiosk stopped with an error"),
        Some(Command::Licences) => {
            use std::io::Write;
            // Read through `head` or a pager that quits early: not an error.
            match std::io::stdout().write_all(crate::ui::screen::settings::about::LICENCES.as_bytes()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
                _ => Ok(()),
            }
        }
        Some(Command::Send { once, now }) => {
            let mut store = Store::open(&path, "send")?;
            if let Some(now) = now {
                let parsed = chrono::DateTime::parse_from_rfc3339(now)
                    .with_context(|| format!("--now {now:?} is not an RFC 3339 instant like 2026-11-24T06:00:00Z"))?;
                store.set_now(Some(parsed.with_timezone(&chrono::Utc)));
            }
            if !once {
                println!("Sending from {} (Ctrl+C stops)", path.display());
                crate::sending::scheduler::run_forever(store, crate::sending::scheduler::Lane::All, |s| {
                    println!("sent {}, failed {}, dropped {}, waiting {}", s.sent, s.failed, s.dropped, s.waiting);
                    true
                });
                return Ok(());
            }
            let now = store.now();
            let s = crate::sending::scheduler::run_due(&mut store, now)?;
            println!(
                "sent {}, failed {} (retried later or shown in the outbox), dropped {} (no longer wanted), \
                 waiting for e-mail/SMS set-up {}",
                s.sent, s.failed, s.dropped, s.waiting
            );
            Ok(())
        }
        Some(Command::Config { action }) => {
            match action {
                Config::List => {
                    for (key, value) in Store::open_read_only(&path, "config")?.config_list()? {
                        println!("{key} = {value}");
                    }
                }
                // A secret is written, never printed back (nor a gateway URL's key).
                Config::Get { key } => {
                    println!("{}", shown(key, &Store::open_read_only(&path, "config")?.config(key)?))
                }
                Config::Set { key, value } => {
                    let mut store = Store::open(&path, "config")?;
                    store.set_config(key, value)?;
                    let now = store.config(key).map(|v| shown(key, &v)).unwrap_or_else(|_| "(deleted)".into());
                    println!("{key} = {now}");
                }
            }
            Ok(())
        }
        Some(Command::Import { what: Import::Customers { file, dry_run, merge, dates, encoding, report } }) => {
            use crate::store::import::{Duplicates, ImportOptions};
            let dates = match dates.as_deref() {
                None => None,
                Some("dmy") => Some(crate::domain::import::DateOrder::DayFirst),
                Some("mdy") => Some(crate::domain::import::DateOrder::MonthFirst),
                Some(other) => bail!("--dates {other:?}: use dmy (3 April for 03/04) or mdy (March 4)"),
            };
            let encoding = match encoding.as_deref() {
                None => None,
                Some("utf-8" | "utf8") => Some(crate::import::Encoding::Utf8),
                Some("windows-1252" | "cp1252" | "ansi") => Some(crate::import::Encoding::Windows1252),
                Some(other) => bail!("--encoding {other:?}: use utf-8 or windows-1252"),
            };
            let table = crate::import::read(file, encoding)?;
            let mut store = Store::open(&path, "import")?;
            let lang = lang.unwrap_or(store.salon()?.language);
            let duplicates = if *merge { Duplicates::Merge } else { Duplicates::Skip };
            let options = ImportOptions { duplicates, dry_run: *dry_run, dates, mapping: None };
            let done = store.import_customers(&table, options)?;
            let report_file = match report {
                Some(f) => f.clone(),
                None => {
                    let folder = crate::export::exports_folder(&path);
                    std::fs::create_dir_all(&folder)?;
                    folder.join(format!("import-report-{}.csv", chrono::Local::now().format("%Y%m%d-%H%M%S")))
                }
            };
            let out = std::fs::File::create(&report_file)
                .with_context(|| format!("cannot write {}", report_file.display()))?;
            crate::export::import_report_csv(&done, lang, std::io::BufWriter::new(out))?;
            let said = crate::ui::i18n::ta(
                lang,
                if *dry_run { "cli-import-dry-run" } else { "cli-import-summary" },
                &[
                    ("imported", done.imported.to_string()),
                    ("merged", done.merged.to_string()),
                    ("skipped", done.skipped.to_string()),
                    ("report", report_file.display().to_string()),
                ],
            );
            println!("{said}");
            if let Some(backup) = &done.backup {
                let undo = crate::ui::i18n::ta(lang, "cli-import-undo", &[("backup", backup.display().to_string())]);
                println!("{undo}");
            }
            Ok(())
        }
        Some(Command::Backup { to }) => {
            let store = Store::open(&path, "backup")?;
            match to {
                Some(file) => {
                    let bytes = store.back_up_to(file)?;
                    println!("{}: {} KB", file.display(), bytes / 1024);
                }
                None => {
                    let made = store.back_up("manual")?;
                    println!("{}: {} KB", made.path.display(), made.bytes / 1024);
                }
            }
            Ok(())
        }
        Some(Command::Restore { file, then_desk }) => {
            let kept = restore(&path, file, *then_desk)?;
            match kept {
                Some(copy) => println!("restored {}; the file as it was is kept as {}", file.display(), copy.display()),
                None => println!("restored {}", file.display()),
            }
            // Customers erased after the backup was made are erased again.
            let applied = Store::open(&path, "restore")?.apply_erasure_log()?;
            if applied > 0 {
                println!("{applied} customers erased since that backup were erased again");
            }
            if *then_desk {
                // The old desk lets go of the file before it has ended: wait for it to end.
                crate::instance::wait_until_free(&path, std::time::Duration::from_secs(20))?;
                std::process::Command::new(std::env::current_exe()?).arg("--db").arg(&path).spawn()?;
            }
            Ok(())
        }
        Some(Command::Check) => {
            Store::check_file(&path)?;
            println!("{}: ok", path.display());
            Ok(())
        }
    }
}

/// A report's first and last day, as typed (YYYY-MM-DD), in order.
fn period(from: &str, to: &str) -> anyhow::Result<(chrono::NaiveDate, chrono::NaiveDate)> {
    let (from, to) = (crate::domain::clock::parse_date(from)?, crate::domain::clock::parse_date(to)?);
    if to < from {
        bail!("--to ({to}) is before --from ({from})");
    }
    Ok((from, to))
}

/// The restore; asked for by the desk, it first waits (up to 20 s) for
/// that desk to let go of the file.
fn restore(path: &std::path::Path, file: &std::path::Path, wait: bool) -> anyhow::Result<Option<PathBuf>> {
    let started = std::time::Instant::now();
    loop {
        match crate::store::backup::restore(path, file) {
            Err(crate::store::StoreError::InUse(_)) if wait && started.elapsed().as_secs() < 20 => {
                std::thread::sleep(std::time::Duration::from_millis(250));
            }
            other => return Ok(other?),
        }
    }
}

/// A setting's value as the command line may print it.
fn shown(key: &str, value: &str) -> String {
    match crate::message::config::key(key) {
        Some(k) => k.shown(value),
        None => value.to_string(),
    }
}
