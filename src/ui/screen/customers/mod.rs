//! Customers: search as you type (name, phone, e-mail), and the customer
//! card (`customer_card`) of the one picked or created.

use crate::domain::{Consent, Language};
use crate::store::{CustomerHit, Store, StoreError};
use crate::ui::context::{Action, Ctx, Note, Problem, Request};
use crate::ui::i18n::{t, ta};
use crate::ui::runtime::Focus;
use crate::ui::theme;
use crate::ui::widget::choice::Choice;
use crate::ui::widget::{error_line, heading, reliability};
use crate::ui::words::problem;
use iced::keyboard::{Key, key::Named};
use iced::widget::{button, column, container, row, scrollable, space, text, text_editor, text_input};

pub mod card;

use crate::ui::theme::font;
pub use card::{Card, CardData, FeeForm};
use iced::{Alignment, Element, Length};

pub const SEARCH_ID: &str = "customer-search";

/// How many hits the search shows; enough to pick from, few enough to be instant.
pub const SEARCH_LIMIT: usize = 30;

#[derive(Debug, Default)]
pub struct State {
    pub query: String,
    pub hits: Vec<CustomerHit>,
    /// More customers match than are shown: "more than 30 found".
    more: bool,
    pub card: Option<Card>,
    /// The card being loaded (shown as selected in the list meanwhile).
    opening: Option<i64>,
    error: Option<Problem>,
}

#[derive(Debug, Clone)]
pub enum Message {
    SearchTyped(String),
    /// Enter in the search: the first customer found.
    OpenFirst,
    Found {
        typed: String,
        result: Result<Vec<CustomerHit>, StoreError>,
    },
    Open(i64),
    CardLoaded(Result<Box<CardData>, StoreError>),
    New,
    CloseCard,
    FirstName(String),
    LastName(String),
    Phone(String),
    Email(String),
    Birthday(String),
    Language(Language),
    Marketing(Consent),
    RemindersOff(bool),
    PreferredStaff(Choice<i64>),
    NoPreferredStaff,
    Status(Choice<i64>),
    Call,
    Notes(text_editor::Action),
    AskFee(i64),
    /// The one-click no-show receipt for this appointment.
    NoShowReceipt(i64),
    FeeAmount(String),
    RecordFee,
    CancelFee,
    FeePaid(i64, bool),
    PickFile,
    FilePicked(i64, Option<std::path::PathBuf>),
    OpenDocument(std::path::PathBuf),
    RemoveDocument(i64),
    /// A document was attached or removed (for the customer with this id).
    DocumentsChanged(Result<i64, StoreError>),
    /// A fee was recorded or paid (for the customer with this id).
    FeeSaved(Result<i64, StoreError>),
    /// Blocks the card's phone number and e-mail address for the kiosk.
    Block,
    Blocked(Result<(), StoreError>),
    /// "Erase customer…": asked by typing the name, then done for good.
    EraseAsk,
    EraseTyped(String),
    EraseCancel,
    Erase,
    Erased(Result<crate::store::Erased, StoreError>),
    /// "Export data…": everything about the customer into `exports/`.
    ExportData,
    Exported(Result<crate::store::Exported, StoreError>),
    /// The folder the export was written to, in the system's file manager.
    OpenExport,
    /// The card's "referred by" field.
    Referrer(crate::ui::widget::customer_pick::Message),
    Save,
    Saved(Result<i64, StoreError>),
}

impl CardData {
    fn read(store: &Store, id: i64) -> Result<CardData, StoreError> {
        Ok(CardData {
            customer: store.customer(id)?,
            appointments: store.customer_appointments(id)?,
            fees: store.fees(id)?,
            history: store.status_history(id)?,
            terms: store.terms_accepted(id)?,
            documents: store.documents(id)?,
            reminders_off: store.reminders_off(id)?,
            receipts: store.no_show_receipts_of(id)?,
            points: store.points_ledger(id)?,
            referred_by: store.referred_by(id)?,
        })
    }
}

fn search(typed: String) -> Action<Message> {
    Action::run("search customers", move |store| {
        // One more than shown: whether there are more is then known, not guessed.
        let result = store.search_customers(&typed, SEARCH_LIMIT + 1);
        Message::Found { typed, result }
    })
}

impl State {
    /// Opens (or reloads) the card of customer `id`; shown as selected meanwhile.
    pub fn open(&mut self, id: i64) -> Action<Message> {
        self.opening = Some(id);
        Action::run("open card", move |store| Message::CardLoaded(CardData::read(store, id).map(Box::new)))
    }

    /// Attaches a file (picked or dropped on the window) to customer `customer_id`.
    pub fn attach(&mut self, customer_id: i64, source: std::path::PathBuf) -> Action<Message> {
        Action::run("attach document", move |store| {
            Message::DocumentsChanged(store.attach_document(customer_id, &source).map(|_| customer_id))
        })
    }

    /// Ctrl+F: a new search, the old text gone.
    pub fn search_again(&mut self) -> Action<Message> {
        self.query.clear();
        self.hits.clear();
        Action::Focus(Focus::Id(SEARCH_ID))
    }

    /// Esc closes the card, Enter saves it.
    pub fn shortcut(key: &Key) -> Option<Message> {
        match key.as_ref() {
            Key::Named(Named::Escape) => Some(Message::CloseCard),
            Key::Named(Named::Enter) => Some(Message::Save),
            _ => None,
        }
    }

    pub fn open_id(&self) -> Option<i64> {
        self.card.as_ref().map(|c| c.id).filter(|&id| id != 0)
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> Action<Message> {
        match message {
            Message::SearchTyped(typed) => {
                self.query = typed.clone();
                if typed.trim().is_empty() {
                    self.hits.clear();
                    return Action::None;
                }
                return search(typed);
            }
            Message::Found { typed, result } => {
                if typed == self.query {
                    match result {
                        Ok(mut hits) => {
                            self.more = hits.len() > SEARCH_LIMIT;
                            hits.truncate(SEARCH_LIMIT);
                            self.hits = hits;
                            self.error = None;
                        }
                        Err(e) => self.error = problem(e),
                    }
                }
            }
            Message::Open(id) => return self.open(id),
            Message::OpenFirst => {
                if let Some(first) = self.hits.first() {
                    return self.open(first.id);
                }
            }
            Message::CardLoaded(Ok(data)) => {
                // A reload after a save keeps what is being typed in another card.
                if self.opening == Some(data.customer.id) || self.open_id() == Some(data.customer.id) {
                    let saved = self.card.as_mut().and_then(|c| c.saved.take());
                    self.card = Some(Card { saved, ..Card::from_data(*data, ctx) });
                    self.opening = None;
                }
            }
            Message::CardLoaded(Err(e)) => self.error = problem(e),
            Message::New => {
                let mut card = Card { language: ctx.data.salon.language, ..Card::default() };
                // What was searched for is most likely the new customer's name or number.
                let q = self.query.trim();
                if q.chars().any(|c| c.is_ascii_digit()) {
                    card.phone = q.to_string();
                } else if q.contains('@') {
                    card.email = q.to_string();
                } else {
                    let mut words = q.splitn(2, ' ');
                    card.first_name = words.next().unwrap_or_default().to_string();
                    card.last_name = words.next().unwrap_or_default().to_string();
                }
                self.card = Some(card);
                return Action::Focus(Focus::Id(card::FIRST_NAME_ID));
            }
            Message::CloseCard => self.card = None,
            Message::Block => {
                if let Some(card) = self.card.as_ref() {
                    let id = card.id;
                    return Action::run("block customer", move |store| Message::Blocked(store.block_customer(id)));
                }
            }
            Message::Blocked(Ok(())) => return Action::Request(Request::Notice(Note::Done("kiosk-blocked"))),
            Message::EraseAsk => {
                if let Some(card) = self.card.as_mut() {
                    card.erasing = Some(String::new());
                    // The panel opens below the button, at the card's end: shown, and the name typed at once.
                    return Action::Focus(Focus::PageEnd(card::PAGE_ID)).and(Action::Focus(Focus::Id(card::ERASE_ID)));
                }
            }
            Message::EraseTyped(v) => {
                if let Some(card) = self.card.as_mut() {
                    card.erasing = Some(v);
                }
            }
            Message::EraseCancel => {
                if let Some(card) = self.card.as_mut() {
                    card.erasing = None;
                }
            }
            Message::Erase => {
                let Some(card) = self.card.as_ref() else { return Action::None };
                if !card.erase_confirmed() {
                    return Action::None;
                }
                let id = card.id;
                return Action::run("erase customer", move |store| Message::Erased(store.erase_customer(id)));
            }
            Message::Erased(Ok(_)) => {
                self.card = None;
                self.hits.clear();
                let note = Request::AppointmentsChanged(Note::Done("customer-erased"), None);
                if self.query.trim().is_empty() {
                    return Action::Request(note);
                }
                return Action::Request(note).and(search(self.query.clone()));
            }
            Message::ExportData => {
                let Some(id) = self.open_id() else { return Action::None };
                let day = ctx.today();
                let out = crate::export::exports_folder(&ctx.data.file).join(format!("customer-{id}-{day}.json"));
                return Action::run("export customer", move |store| {
                    let folder = out.parent().map(std::path::Path::to_path_buf).unwrap_or_default();
                    let made = std::fs::create_dir_all(&folder)
                        .map_err(|e| StoreError::CannotOpen { path: folder.clone(), cause: e.to_string() });
                    Message::Exported(made.and_then(|()| store.export_customer(id, &out)))
                });
            }
            Message::Exported(Ok(done)) => {
                // Said on the card with its place; the folder opens only when
                // asked (a reception computer may have no file manager).
                if let Some(card) = self.card.as_mut() {
                    card.exported = Some(done.json.clone());
                }
            }
            Message::OpenExport => {
                let folder = self.card.as_ref().and_then(|c| c.exported.as_ref()).and_then(|p| p.parent());
                if let Some(folder) = folder {
                    return Action::Request(Request::OpenFile(folder.to_path_buf()));
                }
            }
            Message::Call => {
                if let Some(card) = self.card.as_ref() {
                    return Action::Request(Request::Call(card.phone.clone()));
                }
            }
            Message::RecordFee => {
                let Some(card) = self.card.as_mut() else { return Action::None };
                let Some(form) = card.fee_form.clone() else { return Action::None };
                match crate::domain::money::parse(&form.amount) {
                    Ok(amount_cents) if amount_cents > 0 => {
                        let customer_id = card.id;
                        return Action::run("record fee", move |store| {
                            let recorded = store.record_fee(form.appointment_id, amount_cents);
                            Message::FeeSaved(recorded.map(|_| customer_id))
                        });
                    }
                    _ => card.error = Some(crate::domain::InputError::Amount(form.amount).into()),
                }
            }
            Message::NoShowReceipt(appointment_id) => {
                let Some(card) = self.card.as_ref() else { return Action::None };
                let customer_id = card.id;
                return Action::run("no-show receipt", move |store| {
                    Message::FeeSaved(store.no_show_receipt(appointment_id).map(|_| customer_id))
                });
            }
            Message::FeePaid(fee_id, paid) => {
                let Some(card) = self.card.as_ref() else { return Action::None };
                let customer_id = card.id;
                return Action::run("fee paid", move |store| {
                    Message::FeeSaved(store.mark_fee_paid(fee_id, paid).map(|_| customer_id))
                });
            }
            Message::PickFile => {
                if let Some(id) = self.open_id() {
                    let picked = Box::new(move |picked| Message::FilePicked(id, picked));
                    return Action::PickFile(crate::ui::runtime::FileDialog::Open, picked);
                }
            }
            Message::FilePicked(customer_id, Some(source)) => return self.attach(customer_id, source),
            Message::FilePicked(_, None) => {}
            Message::OpenDocument(path) => return Action::Request(Request::OpenFile(path)),
            Message::RemoveDocument(id) => {
                if let Some(customer_id) = self.open_id() {
                    return Action::run("remove document", move |store| {
                        Message::DocumentsChanged(store.remove_document(id).map(|_| customer_id))
                    });
                }
            }
            Message::DocumentsChanged(Ok(customer_id)) => return self.open(customer_id),
            Message::FeeSaved(Ok(customer_id)) => {
                if let Some(card) = self.card.as_mut() {
                    card.fee_form = None;
                }
                return self.open(customer_id);
            }
            Message::Referrer(m) => {
                let Some(card) = self.card.as_mut() else { return Action::None };
                card.saved = None;
                let (action, change) = card.referrer.update(m);
                if let crate::ui::widget::customer_pick::Change::Failed(e) = change {
                    card.error = problem(e);
                }
                return action.map(Message::Referrer);
            }
            Message::Save => {
                let Some(card) = self.card.as_mut() else { return Action::None };
                match card.to_customer() {
                    Ok(customer) => {
                        let reminders_off = card.reminders_off;
                        let referral = card.referral_change();
                        return Action::run("save customer", move |store| {
                            let saved = store.save_card(&customer, reminders_off).and_then(|id| match referral {
                                Some(referrer) => store.set_referred_by(id, referrer).map(|()| id),
                                None => Ok(id),
                            });
                            Message::Saved(saved)
                        });
                    }
                    Err(e) => card.error = Some(e.into()),
                }
            }
            Message::Saved(Ok(id)) => {
                if let Some(card) = self.card.as_mut() {
                    card.id = id;
                    card.error = None;
                    card.saved = Some("saved-customer");
                }
                let reload = self.open(id);
                if self.query.trim().is_empty() {
                    return reload;
                }
                return reload.and(search(self.query.clone()));
            }
            Message::Blocked(Err(e))
            | Message::Erased(Err(e))
            | Message::Exported(Err(e))
            | Message::DocumentsChanged(Err(e))
            | Message::FeeSaved(Err(e))
            | Message::Saved(Err(e)) => {
                if let Some(card) = self.card.as_mut() {
                    card.error = problem(e);
                }
            }
            edit => {
                if let Some(card) = self.card.as_mut() {
                    card.edit(edit);
                }
            }
        }
        Action::None
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let search = text_input(&t(lang, "customers-search-placeholder"), &self.query)
            .id(SEARCH_ID)
            .on_input(Message::SearchTyped)
            .on_submit(Message::OpenFirst)
            .padding([8, 10])
            .size(font::LEAD)
            .style(theme::input);
        let count = if self.query.trim().is_empty() {
            ta(lang, "customers-count", &[("count", ctx.data.customers.to_string())])
        } else {
            let key = if self.more { "customers-found-more" } else { "customers-found" };
            ta(lang, key, &[("count", self.hits.len().to_string())])
        };
        let mut list = column![].spacing(2);
        for hit in &self.hits {
            let selected = self.open_id() == Some(hit.id) || self.opening == Some(hit.id);
            let line = row![
                reliability::status_dot(ctx.status(hit.status_id)),
                column![
                    text(hit.name.clone()).size(font::CONTROL),
                    text(crate::ui::words::joined(&[&hit.phone, &hit.email])).size(font::SMALL).color(theme::MUTED),
                ]
                .width(Length::Fill),
                reliability::mini(lang, hit.reliability),
            ]
            .spacing(8)
            .align_y(Alignment::Center);
            list = list.push(
                button(line)
                    .width(Length::Fill)
                    .padding([6, 10])
                    .style(theme::list_row(selected))
                    .on_press(Message::Open(hit.id)),
            );
        }
        let left = column![
            row![
                heading(t(lang, "customers-title")),
                space::horizontal(),
                button(text(t(lang, "customers-new")).size(font::BODY)).style(theme::primary).on_press(Message::New)
            ]
            .align_y(Alignment::Center),
            search,
            text(count).size(font::LABEL).color(theme::MUTED),
            error_line(lang, &self.error),
            // Room on the right: the scrollbar never covers the reliability bars.
            scrollable(list.padding(iced::Padding { right: 14.0, ..iced::Padding::ZERO })).height(Length::Fill),
        ]
        .spacing(10)
        .width(380);
        let right: Element<'a, Message> = match &self.card {
            Some(card) => card.view(ctx),
            None => container(text(t(lang, "customers-pick-hint")).size(font::CONTROL).color(theme::MUTED))
                .center(Length::Fill)
                .into(),
        };
        row![
            container(left).padding(12).style(theme::card),
            container(right).padding(16).width(Length::Fill).height(Length::Fill).style(theme::card)
        ]
        .spacing(12)
        .into()
    }
}
