//! Printable pages: the summary of a checkout record and a gift voucher, as
//! PDF in the customer's language. Only the standard fonts every PDF reader
//! carries (Helvetica for words, Courier for amounts, which line up on the
//! right without font metrics): nothing is embedded, a page is a few
//! kilobytes. Their text is WinAnsi (Windows-1252), which has every letter
//! of German, Norwegian, Dutch and English; what it lacks becomes its
//! nearest sign (a typographic minus a hyphen) or "?".

use crate::domain::Language;
use crate::domain::checkout::{LineKind, Method};
use crate::domain::{clock, money, voucher};
use crate::store::Salon;
use crate::store::checkout::{Record, RecordKind};
use crate::store::{Store, Voucher};
use crate::ui::i18n::{self, t, ta};
use pdf_writer::{Content, Name, Pdf, Rect, Ref, Str, TextStr};

/// A4 in points.
const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const LEFT: f32 = 56.0;
const RIGHT: f32 = WIDTH - 56.0;
/// Below this a page is full and the next one begins.
const BOTTOM: f32 = 64.0;

#[derive(Clone, Copy)]
enum Face {
    Regular,
    Bold,
    Mono,
}

impl Face {
    fn name(self) -> Name<'static> {
        match self {
            Face::Regular => Name(b"F1"),
            Face::Bold => Name(b"F2"),
            Face::Mono => Name(b"F3"),
        }
    }
}

/// Pages being written from the top down: the full ones and this one.
struct Writer {
    full: Vec<Content>,
    page: Content,
    y: f32,
}

impl Writer {
    fn new() -> Writer {
        Writer { full: Vec::new(), page: Content::new(), y: HEIGHT - 56.0 }
    }

    fn page(&mut self) -> &mut Content {
        &mut self.page
    }

    /// Moves down by `by` points, onto a new page where this one is full.
    fn down(&mut self, by: f32) {
        self.y -= by;
        if self.y < BOTTOM {
            self.full.push(std::mem::replace(&mut self.page, Content::new()));
            self.y = HEIGHT - 56.0;
        }
    }

    fn text_at(&mut self, face: Face, size: f32, x: f32, said: &str) {
        let y = self.y;
        let page = self.page();
        page.begin_text();
        page.set_font(face.name(), size);
        page.next_line(x, y);
        page.show(Str(&win_ansi(said)));
        page.end_text();
    }

    /// One line of `said` at `x`: down by its height (the baseline), drawn,
    /// then down by the gap to the next line.
    fn line_at(&mut self, x: f32, face: Face, size: f32, said: &str) {
        self.down(size);
        self.text_at(face, size, x, said);
        self.y -= size * 0.45;
    }

    fn line(&mut self, face: Face, size: f32, said: &str) {
        self.line_at(LEFT, face, size, said);
    }

    /// Words on the left and an amount ending at the right margin, on one line.
    fn row(&mut self, size: f32, words: &str, amount: &str, face: Face) {
        self.down(size);
        self.text_at(face, size, LEFT, words);
        self.text_at(Face::Mono, size, RIGHT - mono_width(amount, size), amount);
        self.y -= size * 0.45;
    }

    /// A frame from `top` down to where the writing is now.
    fn frame(&mut self, top: f32) {
        let bottom = self.y - 18.0;
        let page = self.page();
        page.set_line_width(1.2);
        page.rect(LEFT - 20.0, bottom, RIGHT - LEFT + 40.0, top - bottom);
        page.stroke();
        self.y = bottom - 10.0;
    }

    fn rule(&mut self) {
        self.down(4.0);
        let y = self.y;
        let page = self.page();
        page.set_line_width(0.6);
        page.move_to(LEFT, y);
        page.line_to(RIGHT, y);
        page.stroke();
        self.down(10.0);
    }

    fn finish(mut self, title: &str) -> Vec<u8> {
        self.full.push(self.page);
        let pages = self.full;
        let mut pdf = Pdf::new();
        let catalog = Ref::new(1);
        let tree = Ref::new(2);
        let info = Ref::new(3);
        let fonts = [(Face::Regular, "Helvetica", 4), (Face::Bold, "Helvetica-Bold", 5), (Face::Mono, "Courier", 6)];
        pdf.catalog(catalog).pages(tree);
        pdf.document_info(info).title(TextStr(title)).creator(TextStr("Salondesk"));
        for (_, base, id) in fonts {
            pdf.type1_font(Ref::new(id)).base_font(Name(base.as_bytes())).encoding_predefined(Name(b"WinAnsiEncoding"));
        }
        let ids: Vec<(Ref, Ref)> =
            (0..pages.len() as i32).map(|i| (Ref::new(10 + 2 * i), Ref::new(11 + 2 * i))).collect();
        pdf.pages(tree).kids(ids.iter().map(|(page, _)| *page)).count(ids.len() as i32);
        for (content, (page_id, content_id)) in pages.into_iter().zip(&ids) {
            let mut page = pdf.page(*page_id);
            page.media_box(Rect::new(0.0, 0.0, WIDTH, HEIGHT)).parent(tree).contents(*content_id);
            let mut resources = page.resources();
            let mut used = resources.fonts();
            for (face, _, id) in fonts {
                used.pair(face.name(), Ref::new(id));
            }
            drop(used);
            drop(resources);
            drop(page);
            pdf.stream(*content_id, &content.finish());
        }
        pdf.finish()
    }
}

/// `said` in Windows-1252, the standard fonts' encoding here.
fn win_ansi(said: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(said.len());
    let mut one = [0u8; 4];
    for c in said.chars() {
        let c = match c {
            '\u{2212}' | '\u{2010}' | '\u{2011}' => '-',
            '\u{202F}' | '\u{2009}' | '\u{2007}' => '\u{A0}',
            c => c,
        };
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut one));
        if unmappable { out.push(b'?') } else { out.extend_from_slice(&bytes) }
    }
    out
}

/// Courier's every glyph is 600/1000 of the size wide.
fn mono_width(said: &str, size: f32) -> f32 {
    said.chars().count() as f32 * 0.6 * size
}

/// What the summary shows of its surroundings: the names behind the ids.
pub struct Summary<'a> {
    pub salon: &'a Salon,
    pub record: &'a Record,
    /// The record this one reverses, by its number.
    pub reverses: Option<i64>,
    pub customer: Option<&'a str>,
    pub staff: Option<&'a str>,
    /// The salon takes payments on its own certified till: this is a service summary, not a receipt.
    pub own_till: bool,
    /// The vouchers it sold, for their codes.
    pub vouchers: &'a [Voucher],
}

/// The summary of a checkout record, in `lang`.
pub fn summary(s: &Summary, lang: Language) -> Vec<u8> {
    let money = |cents: i64| money::format(cents, &s.salon.currency, lang);
    let record = s.record;
    let number = record.number.to_string();
    let title = ta(lang, if s.own_till { "pdf-summary" } else { "pdf-receipt" }, &[("number", number)]);
    let mut w = Writer::new();
    heading(&mut w, s.salon);
    w.line(Face::Bold, 14.0, &title);
    if let (RecordKind::Reversal, Some(original)) = (record.kind, s.reverses) {
        w.line(Face::Regular, 10.0, &ta(lang, "pdf-reverses", &[("number", original.to_string())]));
    }
    let local = clock::to_local(s.salon.time_zone, record.created_at);
    let when = format!("{} {}", i18n::date_numeric(lang, local.date()), local.format("%H:%M"));
    w.line(Face::Regular, 10.0, &when);
    if let Some(name) = s.customer {
        w.line(Face::Regular, 10.0, &ta(lang, "pdf-customer", &[("name", name.to_string())]));
    }
    if let Some(name) = s.staff {
        w.line(Face::Regular, 10.0, &ta(lang, "pdf-staff", &[("name", name.to_string())]));
    }
    w.down(8.0);
    for l in &record.draft.lines {
        let what = if l.quantity != 1 { format!("{} × {}", l.quantity, l.description) } else { l.description.clone() };
        w.row(11.0, &what, &money(l.quantity * l.unit_cents), Face::Regular);
        if l.discount_cents != 0 {
            let why = crate::ui::words::discount_reason(lang, &l.discount_reason);
            w.row(9.5, &format!("    {why}"), &money(-l.discount_cents), Face::Regular);
        }
    }
    w.rule();
    w.row(12.0, &t(lang, "till-total"), &money(record.draft.total()), Face::Bold);
    for (rate, vat) in record.draft.vat_by_rate().into_iter().filter(|(r, _)| *r > 0) {
        w.row(9.5, &ta(lang, "till-vat", &[("rate", i18n::percent(lang, rate))]), &money(vat), Face::Regular);
    }
    w.down(6.0);
    for p in &record.draft.payments {
        let method = t(lang, crate::ui::screen::calendar::till::method_key(p.method));
        let code = p.voucher_id.and_then(|id| s.vouchers.iter().find(|v| v.id == id));
        let said = match (p.method, code) {
            (Method::Voucher, Some(v)) => format!("{method} {}", voucher::printed(&v.code)),
            _ => method,
        };
        w.row(10.0, &said, &money(p.cents), Face::Regular);
    }
    for l in record.draft.lines.iter().filter(|l| l.kind == LineKind::Voucher) {
        if let Some(v) = l.voucher_id.and_then(|id| s.vouchers.iter().find(|v| v.id == id)) {
            w.down(4.0);
            let until = i18n::date_numeric(lang, v.expires_on);
            w.line(
                Face::Regular,
                10.0,
                &ta(lang, "pdf-voucher-line", &[("value", money(v.value_cents)), ("date", until)]),
            );
            w.line(Face::Mono, 12.0, &voucher::printed(&v.code));
        }
    }
    if s.own_till {
        w.down(10.0);
        if !record.draft.till_receipt.is_empty() {
            w.line(Face::Regular, 9.5, &ta(lang, "pdf-till-receipt", &[("number", record.draft.till_receipt.clone())]));
        }
        w.line(Face::Regular, 9.5, &t(lang, "pdf-not-a-receipt"));
    }
    w.finish(&title)
}

/// The summary of record `id` as the file has it, in its customer's
/// language (the salon's without a customer).
pub fn summary_of(store: &Store, id: i64) -> crate::store::Result<Vec<u8>> {
    let record = store.checkout(id)?;
    let salon = store.salon()?;
    let reverses = record.reverses.map(|original| store.checkout(original).map(|r| r.number)).transpose()?;
    let customer = record.draft.customer_id.map(|c| store.customer(c)).transpose()?;
    let lang = customer.as_ref().map_or(salon.language, |c| c.language);
    let customer = customer.map(|c| c.full_name());
    let staff = match record.draft.staff_id {
        Some(id) => store.staff()?.into_iter().find(|s| s.id == id).map(|s| s.name),
        None => None,
    };
    let line_vouchers = record.draft.lines.iter().filter_map(|l| l.voucher_id);
    let paid_with = record.draft.payments.iter().filter_map(|p| p.voucher_id);
    let vouchers =
        line_vouchers.chain(paid_with).map(|v| store.voucher(v)).collect::<crate::store::Result<Vec<_>>>()?;
    let own_till = store.features()?.own_till;
    let summary = Summary {
        salon: &salon,
        record: &record,
        reverses,
        customer: customer.as_deref(),
        staff: staff.as_deref(),
        own_till,
        vouchers: &vouchers,
    };
    Ok(self::summary(&summary, lang))
}

/// What the desk prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Printable {
    /// A checkout record, by its id.
    Record(i64),
    Voucher(i64),
}

/// Writes the page into `prints/` beside the salon's file, for the system's
/// viewer to print. Named by record number or voucher id, never by a
/// voucher's code (a file name shows in every folder list).
pub fn for_printing(store: &Store, what: Printable) -> std::io::Result<std::path::PathBuf> {
    let (name, pdf) = match what {
        Printable::Record(id) => {
            let number = store.checkout(id).map_err(std::io::Error::other)?.number;
            (format!("receipt-{number}.pdf"), summary_of(store, id))
        }
        Printable::Voucher(id) => (format!("voucher-{id}.pdf"), voucher_of(store, id)),
    };
    let pdf = pdf.map_err(std::io::Error::other)?;
    let folder = store.path().parent().unwrap_or(std::path::Path::new(".")).join("prints");
    std::fs::create_dir_all(&folder)?;
    let file = folder.join(name);
    // Whole or not at all: a viewer never opens half a page.
    let part = file.with_extension("pdf.part");
    std::fs::write(&part, pdf)?;
    std::fs::rename(&part, &file)?;
    Ok(file)
}

/// Voucher `id` as the file has it, in the language of whoever bought it
/// (the salon's for a walk-in).
pub fn voucher_of(store: &Store, id: i64) -> crate::store::Result<Vec<u8>> {
    let v = store.voucher(id)?;
    let salon = store.salon()?;
    let lang = match v.customer_id {
        Some(c) => store.customer(c)?.language,
        None => salon.language,
    };
    Ok(voucher_page(&salon, &v, lang))
}

/// A gift voucher to hand over: its worth, its code large, its last day.
pub fn voucher_page(salon: &Salon, v: &Voucher, lang: Language) -> Vec<u8> {
    let title = t(lang, "pdf-voucher-title");
    let money = money::format(v.value_cents, &salon.currency, lang);
    let mut w = Writer::new();
    heading(&mut w, salon);
    w.down(30.0);
    let top = w.y;
    w.down(20.0);
    w.line(Face::Bold, 30.0, &title);
    w.line(Face::Regular, 16.0, &ta(lang, "pdf-voucher-worth", &[("value", money)]));
    w.down(24.0);
    w.line(Face::Regular, 10.0, &t(lang, "pdf-voucher-code"));
    w.down(4.0);
    w.line(Face::Mono, 26.0, &voucher::printed(&v.code));
    w.down(12.0);
    w.line(Face::Regular, 11.0, &ta(lang, "till-voucher-until", &[("date", i18n::date_numeric(lang, v.expires_on))]));
    w.line(Face::Regular, 10.0, &t(lang, "pdf-voucher-how"));
    w.frame(top);
    w.finish(&title)
}

fn heading(w: &mut Writer, salon: &Salon) {
    w.line(Face::Bold, 16.0, &salon.name);
    for part in salon.address.lines().filter(|l| !l.trim().is_empty()) {
        w.line(Face::Regular, 10.0, part.trim());
    }
    w.down(14.0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_of_the_four_languages_are_in_win_ansi_and_the_rest_has_a_stand_in() {
        assert_eq!(win_ansi("Grüße, Søren: 12,50 €"), b"Gr\xfc\xdfe, S\xf8ren: 12,50 \x80".to_vec());
        assert_eq!(win_ansi("\u{2212}5\u{202F}%"), b"-5\xa0%".to_vec());
        assert_eq!(win_ansi("日"), b"?".to_vec());
    }
}
