//! The customer card: contact data, status and reliability, consent,
//! preferred staff, notes, the archive of every appointment with its fees,
//! documents, and the status history. Part of the customers screen: its
//! messages are the screen's.

use super::Message;
use crate::domain::{Appointment, AppointmentState, Consent, Customer, Language, clock};
use crate::store::{Document, NoShowFee, StatusChange};
use crate::ui::context::Ctx;
use crate::ui::i18n::{self, t, ta};
use crate::ui::theme;
use crate::ui::theme::font;
use crate::ui::widget::choice::{self, Choice};
use crate::ui::widget::customer_pick::CustomerPick;
use crate::ui::widget::time_grid::state_key;
use crate::ui::widget::{error_line, field, heading, pill, reliability};
use iced::widget::{
    button, checkbox, column, container, pick_list, row, scrollable, space, text, text_editor, text_input,
};
use iced::{Alignment, Element, Length};

/// What a card shows, loaded in one job.
#[derive(Debug, Clone)]
pub struct CardData {
    pub customer: Customer,
    pub appointments: Vec<Appointment>,
    pub fees: Vec<NoShowFee>,
    pub history: Vec<StatusChange>,
    pub documents: Vec<Document>,
    /// The customer declined reminders.
    pub reminders_off: bool,
    /// The salon's terms as accepted at the kiosk.
    pub terms: Vec<crate::store::TermsAccepted>,
    /// No-show receipts: (appointment, record number).
    pub receipts: Vec<(i64, i64)>,
    /// The bonus card's ledger, newest first, and who sent this customer.
    pub points: Vec<crate::store::PointsEntry>,
    pub referred_by: Option<(i64, String)>,
}

/// A fee being invoiced for one no-show.
#[derive(Debug, Clone, Default)]
pub struct FeeForm {
    pub appointment_id: i64,
    pub amount: String,
    /// What the fee rests on: the terms the customer accepted, if any.
    pub terms: Option<crate::store::TermsAccepted>,
}

#[derive(Debug, Default)]
pub struct Card {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub phone: String,
    pub email: String,
    pub language: Language,
    pub birthday: String,
    pub notes: text_editor::Content,
    pub marketing: Consent,
    pub reminders_off: bool,
    pub preferred_staff: Option<Choice<i64>>,
    /// `None` until saved: the database gives new customers the initial status.
    pub status_id: Option<i64>,
    pub appointments: Vec<Appointment>,
    pub fees: Vec<NoShowFee>,
    pub receipts: Vec<(i64, i64)>,
    pub points: Vec<crate::store::PointsEntry>,
    /// Who sent this customer (the referral bonus), as typed and picked …
    pub referrer: CustomerPick,
    /// … and as the file has it: a change is saved with the card.
    pub referred_by: Option<i64>,
    pub history: Vec<StatusChange>,
    pub documents: Vec<Document>,
    pub terms: Vec<crate::store::TermsAccepted>,
    pub fee_form: Option<FeeForm>,
    pub error: Option<crate::ui::context::Problem>,
    /// "Saved" after a successful save, until the next edit.
    pub saved: Option<&'static str>,
    /// Where "Export data…" wrote the customer's data.
    pub exported: Option<std::path::PathBuf>,
    /// "Erase customer…" asked: the name as typed to confirm it.
    pub erasing: Option<String>,
}

/// "512 B", "48 KB", "2.3 MB"
/// The card's fields, reachable for focus and tests.
pub const FIRST_NAME_ID: &str = "customer-first-name";
pub const LAST_NAME_ID: &str = "customer-last-name";
pub const PHONE_ID: &str = "customer-phone";
pub const EMAIL_ID: &str = "customer-email";
pub const BIRTHDAY_ID: &str = "customer-birthday";
pub const REFERRER_ID: &str = "customer-referrer";
pub const ERASE_ID: &str = "customer-erase-name";
/// The card's scrolling page.
pub const PAGE_ID: &str = "customer-card-page";

fn file_size(bytes: u64) -> String {
    match bytes {
        0..1024 => format!("{bytes} B"),
        1024..1_048_576 => format!("{} KB", bytes / 1024),
        _ => format!("{:.1} MB", bytes as f64 / 1_048_576.0),
    }
}

fn fee_form<'a>(ctx: &Ctx<'a>, form: &'a FeeForm) -> Element<'a, Message> {
    let lang = ctx.lang;
    let input = |value: &'a str, on: fn(String) -> Message, width: f32| {
        text_input("", value)
            .on_input(on)
            .on_submit(Message::RecordFee)
            .width(width)
            .padding([4, 6])
            .style(theme::input)
    };
    container(
        row![
            text(t(lang, "fee-amount")).size(font::LABEL),
            input(&form.amount, Message::FeeAmount, 90.0),
            terms_behind(ctx, form.terms.as_ref()),
            button(text(t(lang, "fee-record")).size(font::LABEL)).style(theme::primary).on_press(Message::RecordFee),
            button(text(t(lang, "button-back")).size(font::LABEL)).style(theme::secondary).on_press(Message::CancelFee),
        ]
        .spacing(8)
        .align_y(Alignment::Center),
    )
    .padding([4, 0])
    .into()
}

/// "Terms 2 of 03.11.2026", or a warning that the customer accepted none.
fn terms_behind<'a>(ctx: &Ctx<'a>, terms: Option<&crate::store::TermsAccepted>) -> Element<'a, Message> {
    let lang = ctx.lang;
    match terms {
        Some(accepted) => {
            let date = clock::to_local(ctx.data.salon.time_zone, accepted.at).date();
            let version = accepted.version.clone();
            text(ta(lang, "fee-terms", &[("version", version), ("date", i18n::date_numeric(lang, date))]))
                .size(font::LABEL)
                .into()
        }
        None => text(t(lang, "fee-terms-none")).size(font::LABEL).color(theme::WARNING).into(),
    }
}

impl Card {
    /// "Referred by" (the referral bonus), saved with the card; asked on a
    /// new card too, when it is known. Nothing where the salon has no referral bonus.
    fn referral_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        if !ctx.data.features.referral {
            return space().height(0).into();
        }
        let own = (self.id != 0).then_some(self.id);
        let pick = self.referrer.view(REFERRER_ID, t(lang, "card-referred-placeholder"), t(lang, "dialog-linked"), own);
        column![text(t(lang, "field-referred-by")).size(font::LABEL).color(theme::MUTED), pick.map(Message::Referrer)]
            .spacing(3)
            .into()
    }

    /// The bonus card's balance and its last lines, where the salon uses it.
    fn till_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let mut col = column![].spacing(4);
        if ctx.data.features.bonus.is_some_and(|r| r.per_unit > 0) || !self.points.is_empty() {
            let balance: i64 = self.points.iter().map(|p| p.points).sum();
            col = col.push(text(ta(lang, "till-points", &[("points", balance.to_string())])).size(font::SECTION));
            for p in self.points.iter().take(5) {
                let local = crate::domain::clock::to_local(ctx.data.salon.time_zone, p.at);
                let why = t(
                    lang,
                    match p.why.as_str() {
                        "earned" => "points-earned",
                        "redeemed" => "points-redeemed",
                        "referral" => "points-referral",
                        _ => "points-reversed",
                    },
                );
                let number = p.record_number.map(|n| format!(" {n}")).unwrap_or_default();
                col = col.push(
                    text(format!("{} · {why}{number} · {:+}", i18n::date_short(lang, local.date()), p.points))
                        .size(font::LABEL)
                        .color(theme::MUTED),
                );
            }
        }
        col.into()
    }

    pub(super) fn from_data(data: CardData, ctx: &Ctx) -> Card {
        let CardData {
            customer: c,
            appointments,
            fees,
            history,
            documents,
            reminders_off,
            terms,
            receipts,
            points,
            referred_by,
        } = data;
        Card {
            id: c.id,
            first_name: c.first_name,
            last_name: c.last_name,
            phone: c.phone,
            email: c.email,
            language: c.language,
            birthday: c.birthday.map(|d| i18n::date_numeric(ctx.lang, d)).unwrap_or_default(),
            notes: text_editor::Content::with_text(&c.notes),
            marketing: c.marketing,
            reminders_off,
            preferred_staff: c.preferred_staff_id.and_then(|id| choice::staff(ctx).into_iter().find(|s| s.id == id)),
            status_id: c.status_id,
            appointments,
            fees,
            receipts,
            points,
            referrer: CustomerPick::with(referred_by.clone()),
            referred_by: referred_by.map(|r| r.0),
            history,
            documents,
            terms,
            fee_form: None,
            error: None,
            saved: None,
            exported: None,
            erasing: None,
        }
    }

    /// The full name as the card shows it: what is typed to confirm an erasure.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name.trim(), self.last_name.trim()).trim().to_string()
    }

    /// The name typed to erase matches the card's (case and spaces aside).
    pub fn erase_confirmed(&self) -> bool {
        let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        self.erasing.as_deref().is_some_and(|typed| !typed.trim().is_empty() && fold(typed) == fold(&self.full_name()))
    }

    /// "Erase customer…" and, once asked, what it does and the name to type.
    fn erase_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let Some(typed) = &self.erasing else {
            return button(text(t(lang, "customer-erase")).size(font::BODY))
                .style(theme::secondary)
                .on_press(Message::EraseAsk)
                .into();
        };
        let name = self.full_name();
        container(
            column![
                text(t(lang, "customer-erase-what")).size(font::BODY),
                text(ta(lang, "customer-erase-type", &[("name", name)])).size(font::BODY),
                row![
                    text_input("", typed)
                        .id(ERASE_ID)
                        .on_input(Message::EraseTyped)
                        .on_submit(Message::Erase)
                        .padding([6, 8])
                        .size(font::BODY)
                        .style(theme::input),
                    button(text(t(lang, "customer-erase-now")).size(font::BODY))
                        .style(theme::danger)
                        .on_press_maybe(self.erase_confirmed().then_some(Message::Erase)),
                    button(text(t(lang, "button-back")).size(font::BODY))
                        .style(theme::secondary)
                        .on_press(Message::EraseCancel),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            ]
            .spacing(6),
        )
        .padding(12)
        .style(theme::card)
        .into()
    }

    /// The referrer to save with the card, where it changed: `Some(None)` takes it away.
    pub(super) fn referral_change(&self) -> Option<Option<i64>> {
        let now = self.referrer.id();
        (now != self.referred_by).then_some(now)
    }

    pub(super) fn to_customer(&self) -> Result<Customer, crate::domain::InputError> {
        let birthday = match self.birthday.trim() {
            "" => None,
            typed => Some(clock::parse_date(typed)?),
        };
        Customer {
            id: self.id,
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            language: self.language,
            birthday,
            notes: self.notes.text().trim_end().to_string(),
            marketing: self.marketing,
            preferred_staff_id: self.preferred_staff.as_ref().map(|s| s.id),
            status_id: self.status_id,
        }
        .validated()
    }

    pub(super) fn edit(&mut self, message: Message) {
        self.saved = None;
        match message {
            Message::FirstName(v) => self.first_name = v,
            Message::LastName(v) => self.last_name = v,
            Message::Phone(v) => self.phone = v,
            Message::Email(v) => self.email = v,
            Message::Birthday(v) => self.birthday = v,
            Message::Language(l) => self.language = l,
            Message::Marketing(c) => self.marketing = c,
            Message::RemindersOff(off) => self.reminders_off = off,
            Message::PreferredStaff(s) => self.preferred_staff = Some(s),
            Message::NoPreferredStaff => self.preferred_staff = None,
            Message::Status(s) => self.status_id = Some(s.id),
            Message::AskFee(appointment_id) => {
                let price = self.appointments.iter().find(|a| a.id == appointment_id).map_or(0, |a| a.price_cents);
                let start = self.appointments.iter().find(|a| a.id == appointment_id).map(|a| a.slot.start);
                let terms = start.and_then(|s| crate::store::TermsAccepted::behind_fee(&self.terms, appointment_id, s));
                self.fee_form = Some(FeeForm {
                    appointment_id,
                    amount: crate::domain::money::format_plain(price, self.language),
                    terms: terms.cloned(),
                });
            }
            Message::FeeAmount(v) => {
                if let Some(f) = self.fee_form.as_mut() {
                    f.amount = v;
                }
            }
            Message::CancelFee => self.fee_form = None,
            Message::Notes(action) => self.notes.perform(action),
            _ => {}
        }
    }

    pub(super) fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let name = format!("{} {}", self.first_name, self.last_name);
        let title = if self.id == 0 { t(lang, "customers-new-title") } else { name };
        let consent = Consent::ALL.into_iter().fold(row![].spacing(4), |r, c| {
            let key = match c {
                Consent::Granted => "consent-granted",
                Consent::NotAsked => "consent-not-asked",
                Consent::Objected => "consent-objected",
            };
            r.push(
                button(text(t(lang, key)).size(font::LABEL))
                    .style(theme::toggle(self.marketing == c))
                    .on_press(Message::Marketing(c)),
            )
        });
        let label = |key: &str| text(t(lang, key)).size(font::LABEL).color(theme::MUTED);
        let form = column![
            row![
                field(t(lang, "field-first-name"), &self.first_name, Message::FirstName, FIRST_NAME_ID),
                field(t(lang, "field-last-name"), &self.last_name, Message::LastName, LAST_NAME_ID),
            ]
            .spacing(12),
            row![
                field(t(lang, "field-phone"), &self.phone, Message::Phone, PHONE_ID),
                field(t(lang, "field-email"), &self.email, Message::Email, EMAIL_ID),
            ]
            .spacing(12),
            row![
                field(t(lang, "field-birthday"), &self.birthday, Message::Birthday, BIRTHDAY_ID),
                column![
                    label("field-language"),
                    pick_list(Language::ALL, Some(self.language), Message::Language).width(Length::Fill)
                ]
                .spacing(3),
                column![
                    label("field-preferred-staff"),
                    row![
                        pick_list(choice::staff(ctx), self.preferred_staff.clone(), Message::PreferredStaff)
                            .placeholder(t(lang, "field-none"))
                            .width(Length::Fill),
                        button(text("×").size(font::BODY)).style(theme::secondary).on_press(Message::NoPreferredStaff),
                    ]
                    .spacing(4),
                ]
                .spacing(3),
            ]
            .spacing(12),
            column![label("field-marketing"), consent].spacing(3),
            checkbox(self.reminders_off)
                .label(t(lang, "customer-reminders-off"))
                .on_toggle(Message::RemindersOff)
                .size(font::LEAD)
                .text_size(font::BODY),
            column![
                label("field-notes"),
                text_editor(&self.notes).on_action(Message::Notes).height(70).size(font::BODY)
            ]
            .spacing(3),
            self.referral_view(ctx),
            error_line(ctx.lang, &self.error),
            row![
                text(self.saved.map(|key| t(ctx.lang, key)).unwrap_or_default()).size(font::BODY).color(theme::SUCCESS),
                space::horizontal(),
                button(text(t(lang, "button-close")).size(font::CONTROL))
                    .padding([8, 16])
                    .style(theme::secondary)
                    .on_press(Message::CloseCard),
                button(text(t(lang, "button-save")).size(font::CONTROL))
                    .padding([8, 16])
                    .style(theme::primary)
                    .on_press(Message::Save),
            ]
            .spacing(10),
        ]
        .spacing(10);
        let status = choice::statuses(&ctx.data.statuses).into_iter().find(|s| Some(s.id) == self.status_id);
        let picked = ctx.status(self.status_id);
        let attended = self
            .appointments
            .iter()
            .filter(|a| matches!(a.state, AppointmentState::Arrived | AppointmentState::Completed))
            .count() as u32;
        let no_shows = self.appointments.iter().filter(|a| a.state == AppointmentState::NoShow).count() as u32;
        let record = crate::domain::Reliability { attended, no_shows };
        let status_line = row![
            reliability::status_dot(picked),
            pick_list(choice::statuses(&ctx.data.statuses), status, Message::Status)
                .placeholder(t(lang, "field-status"))
                .text_size(font::BODY)
                .padding([4, 8]),
            space::horizontal().width(16),
            reliability::scale(lang, record),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        // The actions beside the name: the status line keeps its room at 1366 px.
        let title_line = row![
            heading(title),
            space::horizontal(),
            button(text(t(lang, "customer-export")).size(font::BODY))
                .style(theme::secondary)
                .on_press_maybe((self.id != 0).then_some(Message::ExportData)),
            // Against fake bookings: the kiosk refuses this number and address.
            button(text(t(lang, "block-customer")).size(font::BODY)).style(theme::secondary).on_press_maybe(
                (self.id != 0 && !(self.phone.trim().is_empty() && self.email.trim().is_empty()))
                    .then_some(Message::Block)
            ),
            button(text(t(lang, "button-call")).size(font::BODY))
                .style(theme::primary)
                .on_press_maybe((!self.phone.trim().is_empty()).then_some(Message::Call)),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        let mut page = column![title_line, status_line].spacing(12);
        if let Some(path) = &self.exported {
            let said = ta(lang, "customer-exported", &[("path", path.display().to_string())]);
            let open = button(text(t(lang, "reports-open-folder")).size(font::BODY))
                .style(theme::secondary)
                .on_press(Message::OpenExport);
            page = page.push(
                row![text(said).size(font::BODY).color(theme::SUCCESS).width(Length::Fill), open]
                    .spacing(12)
                    .align_y(Alignment::Center),
            );
        }
        page = page.push(form);
        if self.id != 0 {
            page = page.push(self.till_view(ctx));
            page = page.push(self.archive(ctx));
            page = page.push(self.documents_view(ctx));
            page = page.push(self.status_history(ctx));
            page = page.push(self.terms_view(ctx));
            page = page.push(self.erase_view(ctx));
        }
        // Room on the right: the scrollbar never covers a button or a price.
        scrollable(page.padding(iced::Padding { left: 8.0, right: 22.0, ..iced::Padding::ZERO })).id(PAGE_ID).into()
    }

    /// For a no-show: its fee (open or paid, with the action) or "Fee…".
    fn fee_cell<'a>(&'a self, ctx: &Ctx<'a>, a: &Appointment) -> Element<'a, Message> {
        let lang = ctx.lang;
        let cell = container(row![].spacing(4).align_y(Alignment::Center)).width(190);
        if a.state != AppointmentState::NoShow {
            return cell.into();
        }
        let mut line = row![].spacing(6).align_y(Alignment::Center);
        match self.fees.iter().find(|f| f.appointment_id == a.id) {
            Some(fee) => {
                let paid = fee.paid_at.is_some();
                let label =
                    ta(lang, if paid { "fee-paid" } else { "fee-open" }, &[("amount", ctx.money(fee.amount_cents))]);
                line = line.push(pill(label, if paid { theme::SUCCESS } else { theme::WARNING }));
                if !paid {
                    line = line.push(
                        button(text(t(lang, "fee-mark-paid")).size(font::SMALL))
                            .style(theme::link)
                            .on_press(Message::FeePaid(fee.id, true)),
                    );
                }
            }
            None if a.customer_id.is_some() => {
                line = line.push(
                    button(text(t(lang, "fee-invoice")).size(font::SMALL))
                        .style(theme::link)
                        .on_press(Message::AskFee(a.id)),
                );
            }
            None => {}
        }
        if a.deposit_cents > 0 {
            line =
                line.push(pill(ta(lang, "fee-deposit-kept", &[("amount", ctx.money(a.deposit_cents))]), theme::TEAL));
        }
        // Seed 003: a receipt with a 100 % no-show discount, for the discount report.
        let receipt: Element<'a, Message> = match self.receipts.iter().find(|(id, _)| *id == a.id) {
            Some((_, number)) => pill(ta(lang, "receipt-number", &[("number", number.to_string())]), theme::MUTED),
            None => button(text(t(lang, "receipt-no-show")).size(font::SMALL))
                .style(theme::link)
                .on_press(Message::NoShowReceipt(a.id))
                .into(),
        };
        container(column![line, receipt].spacing(2)).width(190).into()
    }

    fn documents_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let mut rows = column![
            row![
                text(t(lang, "documents-title")).size(font::SECTION),
                space::horizontal(),
                text(t(lang, "documents-drop-hint")).size(font::SMALL).color(theme::MUTED),
                button(text(t(lang, "documents-attach")).size(font::LABEL))
                    .style(theme::secondary)
                    .on_press(Message::PickFile),
            ]
            .spacing(8)
            .align_y(Alignment::Center)
        ]
        .spacing(4);
        for d in &self.documents {
            let local = clock::to_local(ctx.data.salon.time_zone, d.added_at);
            rows = rows.push(
                row![
                    text(d.name.clone()).size(font::LABEL).width(Length::Fill),
                    text(file_size(d.size)).size(font::LABEL).color(theme::MUTED).width(80),
                    text(i18n::date_numeric(lang, local.date())).size(font::LABEL).color(theme::MUTED).width(100),
                    button(text(t(lang, "documents-open")).size(font::LABEL))
                        .style(theme::link)
                        .on_press(Message::OpenDocument(d.path.clone())),
                    button(text(t(lang, "button-remove")).size(font::LABEL))
                        .style(theme::link)
                        .on_press(Message::RemoveDocument(d.id)),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            );
        }
        if self.documents.is_empty() {
            rows = rows.push(text(t(lang, "documents-none")).size(font::LABEL).color(theme::MUTED));
        }
        rows.into()
    }

    /// Every status change, when, by whom and why.
    fn status_history<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let rows = self.history.iter().map(|h| {
            let local = clock::to_local(ctx.data.salon.time_zone, h.at);
            row![
                text(i18n::date_numeric(lang, local.date())).size(font::LABEL).width(130),
                text(format!("{} → {}", h.from, h.to)).size(font::LABEL).width(Length::FillPortion(2)),
                text(crate::ui::app::reason_text(lang, &h.reason))
                    .size(font::LABEL)
                    .color(theme::MUTED)
                    .width(Length::FillPortion(3)),
            ]
            .spacing(8)
            .into()
        });
        section(lang, "history-title", rows, "history-none")
    }

    /// Which terms the customer accepted at the kiosk, and what they said.
    fn terms_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let rows = self.terms.iter().map(|accepted| {
            let local = clock::to_local(ctx.data.salon.time_zone, accepted.at);
            row![
                text(format!("{} {}", i18n::date_numeric(lang, local.date()), local.format("%H:%M")))
                    .size(font::LABEL)
                    .width(130),
                text(accepted.version.clone()).size(font::LABEL).width(Length::FillPortion(1)),
                text(accepted.text.clone()).size(font::LABEL).color(theme::MUTED).width(Length::FillPortion(4)),
            ]
            .spacing(8)
            .into()
        });
        section(lang, "card-terms-title", rows, "card-terms-none")
    }

    fn archive<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let count = |s: AppointmentState| self.appointments.iter().filter(|a| a.state == s).count();
        let summary = ta(
            lang,
            "card-summary",
            &[
                ("total", self.appointments.len().to_string()),
                ("attended", (count(AppointmentState::Completed) + count(AppointmentState::Arrived)).to_string()),
                ("noshows", count(AppointmentState::NoShow).to_string()),
                ("cancelled", count(AppointmentState::Cancelled).to_string()),
            ],
        );
        let revenue: i64 =
            self.appointments.iter().filter(|a| a.state == AppointmentState::Completed).map(|a| a.price_cents).sum();
        let mut rows = column![
            text(t(lang, "card-archive")).size(font::SECTION),
            text(format!("{summary} · {}", ta(lang, "card-revenue", &[("amount", ctx.money(revenue))])))
                .size(font::LABEL)
                .color(theme::MUTED),
        ]
        .spacing(4);
        let tz = ctx.data.salon.time_zone;
        for a in &self.appointments {
            let local = clock::to_local(tz, a.slot.start);
            let colour = match a.state {
                AppointmentState::NoShow => theme::DANGER,
                AppointmentState::Cancelled => theme::MUTED,
                AppointmentState::Booked => theme::TEAL,
                _ => theme::SUCCESS,
            };
            let line = row![
                text(format!("{} {}", i18n::date_numeric(lang, local.date()), local.format("%H:%M")))
                    .size(font::LABEL)
                    .width(130),
                text(a.service_name.clone()).size(font::LABEL).width(Length::FillPortion(3)),
                text(ctx.staff_name(a.staff_id)).size(font::LABEL).width(Length::FillPortion(2)),
                container(pill(t(lang, state_key(a.state)), colour)).width(Length::FillPortion(2)),
                text(a.reason.clone()).size(font::SMALL).color(theme::MUTED).width(Length::FillPortion(3)),
                self.fee_cell(ctx, a),
                text(ctx.money(a.price_cents)).size(font::LABEL).width(80).align_x(Alignment::End),
            ]
            .spacing(8)
            .align_y(Alignment::Center);
            rows = rows.push(container(line).padding([3, 0]));
            if let Some(form) = self.fee_form.as_ref().filter(|f| f.appointment_id == a.id) {
                rows = rows.push(fee_form(ctx, form));
            }
        }
        if self.appointments.is_empty() {
            rows = rows.push(text(t(lang, "card-no-appointments")).size(font::LABEL).color(theme::MUTED));
        }
        rows.into()
    }
}

/// A section of the card: its heading, a line each, or what says there is none.
fn section<'a>(
    lang: Language,
    title: &'static str,
    rows: impl Iterator<Item = Element<'a, Message>>,
    none: &'static str,
) -> Element<'a, Message> {
    let mut list = column![text(t(lang, title)).size(font::SECTION)].spacing(4);
    let mut empty = true;
    for line in rows {
        list = list.push(line);
        empty = false;
    }
    if empty {
        list = list.push(text(t(lang, none)).size(font::LABEL).color(theme::MUTED));
    }
    list.into()
}
