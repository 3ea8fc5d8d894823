//! The printable summary and voucher, read back as another program reads
//! them: `salondesk print` writes the PDF, poppler's `pdftotext` takes its
//! text out and `pdftoppm` draws the page (kept in `target/pdf/` to be
//! looked at). Without poppler the test says so and passes, except in CI.

mod common;

use salondesk::domain::checkout::{Discount, Draft, Line, LineKind, Method, Payment};
use salondesk::domain::{Customer, Language, voucher};
use std::path::{Path, PathBuf};
use std::process::Command;

fn poppler() -> bool {
    let there = ["pdftotext", "pdftoppm"]
        .iter()
        .all(|t| Command::new(t).arg("-v").output().is_ok_and(|o| o.status.success() || !o.stderr.is_empty()));
    assert!(there || std::env::var_os("CI").is_none(), "CI must install poppler-utils");
    if !there {
        eprintln!("PDF test skipped: pdftotext/pdftoppm (poppler-utils) not installed");
    }
    there
}

fn print(db: &Path, args: &[&str], out: &Path) {
    let run = Command::new(env!("CARGO_BIN_EXE_salondesk"))
        .arg("--db")
        .arg(db)
        .arg("print")
        .args(args)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
}

/// The words on the page, one run of blanks between them.
fn text_of(pdf: &Path) -> String {
    let out = Command::new("pdftotext").args(["-layout", "-enc", "UTF-8"]).arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext reads {}", pdf.display());
    let text = String::from_utf8(out.stdout).unwrap();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The page drawn as a picture; how much of it is ink (not white).
fn drawn(pdf: &Path, name: &str) -> f64 {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/pdf");
    std::fs::create_dir_all(&folder).unwrap();
    let stem = folder.join(name);
    let ok = Command::new("pdftoppm").args(["-r", "50", "-png", "-singlefile"]).arg(pdf).arg(&stem).status().unwrap();
    assert!(ok.success(), "pdftoppm draws {}", pdf.display());
    let png = stem.with_extension("png");
    let out =
        Command::new("convert").arg(&png).args(["-colorspace", "gray", "-format", "%[fx:1-mean]", "info:"]).output();
    match out {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).trim().parse().unwrap_or(0.0),
        // Without ImageMagick the picture is still there to look at.
        _ => 0.01,
    }
}

#[test]
fn the_summary_of_a_sale_says_what_was_bought_paid_and_owed_in_the_customers_language() {
    if !poppler() {
        return;
    }
    let mut s = common::salon();
    s.store.set_config("checkout.till", "salondesk").unwrap();
    let ingrid = s
        .store
        .save_customer(&Customer {
            first_name: "Ingrid".into(),
            last_name: "Bjørnstad".into(),
            language: Language::Nb,
            ..Default::default()
        })
        .unwrap();
    let bought = s
        .store
        .record_checkout(&Draft {
            customer_id: Some(ingrid),
            lines: vec![Line::new(LineKind::Voucher, "Gavekort", 5_000, 0)],
            payments: vec![Payment::new(Method::Cash, 5_000)],
            ..Draft::default()
        })
        .unwrap();
    let v = s.store.voucher(bought.draft.lines[0].voucher_id.unwrap()).unwrap();
    let mut cut = Line::service(1, "Klipp", 3_200, 1_900);
    cut.discount_cents = Discount::Percent(10).of(cut.total());
    cut.discount_reason = "complaint".into();
    let shampoo = Line { quantity: 2, ..Line::new(LineKind::Product, "Sjampo", 1_450, 700) };
    let total = cut.total() + shampoo.total();
    let record = s
        .store
        .record_checkout(&Draft {
            customer_id: Some(ingrid),
            staff_id: Some(1),
            lines: vec![cut, shampoo],
            payments: vec![Payment::voucher(v.id, 2_000), Payment::new(Method::Card, total - 2_000)],
            ..Draft::default()
        })
        .unwrap();
    let before = std::fs::read(s.path()).unwrap();

    let out = s.dir.path().join("summary.pdf");
    print(&s.path(), &["receipt", &record.number.to_string()], &out);
    let text = text_of(&out);
    let money = |c: i64| salondesk::domain::money::format(c, "EUR", Language::Nb);
    for said in [
        format!("Kvittering nr. {}", record.number),
        "Kunde: Ingrid Bjørnstad".to_string(),
        "Betjent av Lena".to_string(),
        format!("Klipp {}", money(3_200)),
        format!("2 × Sjampo {}", money(2_900)),
        format!("Totalt {}", money(total)),
        format!("Gavekort {} {}", voucher::printed(&v.code), money(2_000)),
        format!("Kort {}", money(total - 2_000)),
    ] {
        assert!(text.contains(&said.split_whitespace().collect::<Vec<_>>().join(" ")), "{said:?} in {text:?}");
    }
    // The discount with its reason, VAT per rate (prices include it).
    assert!(text.contains("-3,20"), "the 10 % off the cut: {text}");
    let record = s.store.checkout(record.id).unwrap();
    for (rate, vat) in record.draft.vat_by_rate() {
        let said = format!("{} {}", salondesk::ui::i18n::percent(Language::Nb, rate), money(vat));
        assert!(text.contains(&said.split_whitespace().collect::<Vec<_>>().join(" ")), "{said:?} in {text:?}");
    }
    assert!(!text.contains("kassen vår"), "Salondesk's records are the books here: a receipt, not a summary");
    assert!(drawn(&out, "summary-nb") > 0.005, "the page has ink on it");
    assert_eq!(std::fs::read(s.path()).unwrap(), before, "printing changed nothing in the file");
    assert!(!s.dir.path().join("logs").exists(), "nor wrote a log beside it");
}

#[test]
fn with_the_own_till_the_page_is_a_service_summary_with_the_tills_number() {
    if !poppler() {
        return;
    }
    let mut s = common::salon();
    let record = s
        .store
        .record_checkout(&Draft {
            lines: vec![Line::service(1, "Cut", 3_200, 1_900)],
            payments: vec![Payment::new(Method::Card, 3_200)],
            till_receipt: "T-4711".into(),
            ..Draft::default()
        })
        .unwrap();
    let out = s.dir.path().join("summary.pdf");
    print(&s.path(), &["receipt", &record.number.to_string()], &out);
    let text = text_of(&out);
    assert!(text.contains(&format!("Service summary no. {}", record.number)), "{text}");
    assert!(text.contains("Receipt of the till: no. T-4711"), "{text}");
    assert!(text.contains("not a receipt"), "{text}");

    // A reversal says which record it takes back.
    let back = s.store.reverse_checkout(record.id).unwrap();
    print(&s.path(), &["receipt", &back.number.to_string()], &out);
    assert!(text_of(&out).contains(&format!("Reverses no. {}", record.number)));
}

#[test]
fn a_voucher_prints_its_worth_its_code_and_its_last_day_in_the_buyers_language() {
    if !poppler() {
        return;
    }
    let mut s = common::salon();
    let grete = s
        .store
        .save_customer(&Customer {
            first_name: "Grete".into(),
            last_name: "Groß".into(),
            language: Language::De,
            ..Default::default()
        })
        .unwrap();
    let sold = s
        .store
        .record_checkout(&Draft {
            customer_id: Some(grete),
            lines: vec![Line::new(LineKind::Voucher, "Gutschein", 7_500, 0)],
            payments: vec![Payment::new(Method::Card, 7_500)],
            ..Draft::default()
        })
        .unwrap();
    let v = s.store.voucher(sold.draft.lines[0].voucher_id.unwrap()).unwrap();
    let out = s.dir.path().join("voucher.pdf");
    // Typed as a person copies it from the screen: lower case, with its dashes.
    print(&s.path(), &["voucher", &voucher::printed(&v.code).to_lowercase()], &out);
    let text = text_of(&out);
    assert!(text.contains("Gutschein"), "{text}");
    assert!(text.contains("im Wert von 75,00 €"), "{text}");
    assert!(text.contains(&voucher::printed(&v.code)), "the code as printed: {text}");
    assert!(text.contains(&format!("gültig bis {}", v.expires_on.format("%d.%m.%Y"))), "{text}");
    assert!(!text.contains("Grete"), "the voucher is a gift: no buyer's name on it");
    assert!(drawn(&out, "voucher-de") > 0.005);

    let missing = Command::new(env!("CARGO_BIN_EXE_salondesk"))
        .arg("--db")
        .arg(s.path())
        .args(["print", "voucher", "NOSUCHCODE22", "--out"])
        .arg(s.dir.path().join("none.pdf"))
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no voucher NOSUCHCODE22"));
    assert!(!s.dir.path().join("none.pdf").exists(), "nothing written for a code that is not there");
}

#[test]
fn the_summary_goes_to_the_customer_by_e_mail_once_with_its_pdf_in_her_language() {
    use salondesk::sending::scheduler::run_due;
    if !poppler() {
        return;
    }
    let mut s = common::salon();
    let sink = common::sinks::SmtpSink::start();
    for (k, v) in [
        ("smtp.host", "127.0.0.1".to_string()),
        ("smtp.port", sink.port.to_string()),
        ("smtp.security", "none".to_string()),
        ("smtp.from", "hello@salon.example".to_string()),
        ("checkout.till", "salondesk".to_string()),
    ] {
        s.store.set_config(k, &v).unwrap();
    }
    let grete = s
        .store
        .save_customer(&Customer {
            first_name: "Grete".into(),
            last_name: "Groß".into(),
            email: "grete@example.de".into(),
            language: Language::De,
            ..Default::default()
        })
        .unwrap();
    let record = s
        .store
        .record_checkout(&Draft {
            customer_id: Some(grete),
            staff_id: Some(1),
            lines: vec![Line::service(1, "Schnitt", 3_200, 1_900)],
            payments: vec![Payment::new(Method::Card, 3_200)],
            ..Draft::default()
        })
        .unwrap();
    assert_eq!(s.store.mail_summary(record.id).unwrap().as_deref(), Some("grete@example.de"));
    assert_eq!(s.store.mail_summary(record.id).unwrap().as_deref(), Some("grete@example.de"), "asked twice");

    let sent = run_due(&mut s.store, chrono::Utc::now()).unwrap();
    assert_eq!(sent.sent, 1, "one e-mail, however often it was asked for");
    let mail = sink.wait_for(1).remove(0);
    assert_eq!(mail.to, vec!["grete@example.de".to_string()]);
    assert_eq!(mail.subject(), format!("Ihr Besuch bei My salon: Nr. {}", record.number));
    assert!(mail.body().contains("Liebe/r Grete"), "{}", mail.body());
    let (name, pdf) = mail.pdf_file().expect("the summary attached");
    assert_eq!(name, format!("{}.pdf", record.number));
    let file = s.dir.path().join("attached.pdf");
    std::fs::write(&file, pdf).unwrap();
    let text = text_of(&file);
    assert!(text.contains(&format!("Beleg Nr. {}", record.number)), "{text}");
    assert!(text.contains("Schnitt 32,00 €"), "{text}");
    assert!(run_due(&mut s.store, chrono::Utc::now()).unwrap().sent == 0, "nothing goes twice");

    // Without an address on the card there is nothing to send, and the desk says so.
    let walk_in = s
        .store
        .record_checkout(&Draft {
            lines: vec![Line::service(1, "Schnitt", 3_200, 1_900)],
            payments: vec![Payment::new(Method::Cash, 3_200)],
            ..Draft::default()
        })
        .unwrap();
    assert_eq!(s.store.mail_summary(walk_in.id).unwrap(), None);
}

#[test]
fn a_long_record_goes_on_over_a_second_page_and_nothing_is_cut_off() {
    if !poppler() {
        return;
    }
    let mut s = common::salon();
    let lines: Vec<Line> =
        (1..=70).map(|i| Line::new(LineKind::Product, format!("Product {i:02}"), 100 * i, 1_900)).collect();
    let total: i64 = lines.iter().map(Line::total).sum();
    let record = s
        .store
        .record_checkout(&Draft { lines, payments: vec![Payment::new(Method::Card, total)], ..Draft::default() })
        .unwrap();
    let out = s.dir.path().join("long.pdf");
    print(&s.path(), &["receipt", &record.number.to_string()], &out);
    let text = text_of(&out);
    for i in [1, 35, 70] {
        assert!(text.contains(&format!("Product {i:02}")), "line {i}: {text}");
    }
    let money = salondesk::domain::money::format(total, "EUR", Language::En);
    assert!(text.contains(&format!("Total {money}")), "the total after the last line: {text}");
    let info = Command::new("pdfinfo").arg(&out).output().unwrap();
    let pages = String::from_utf8_lossy(&info.stdout).lines().find(|l| l.starts_with("Pages:")).map(str::to_string);
    assert_eq!(pages.as_deref().map(|p| p.split_whitespace().last().unwrap_or_default()), Some("2"));
}
