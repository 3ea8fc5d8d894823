//! Settings › Kiosk: booking rules (how far ahead, how shortly before), the
//! staff PIN, the SMS code, idle time and terms; staff closed to new
//! customers; the blocklist against fake bookings; what the kiosk refused;
//! and a button that opens the kiosk in its own window.

use crate::domain::booking::Refusal;
use crate::domain::clock;
use crate::message::config::KEYS;
use crate::store::{PinTries, Store, StoreError};
use crate::ui::context::{Action, Ctx, Note, Problem, Request};
use crate::ui::i18n::{self, t, ta};
use crate::ui::theme;
use crate::ui::theme::font;
use crate::ui::widget::setting_input;
use crate::ui::words::{problem, refusal_key};
use iced::widget::{button, checkbox, column, container, row, space, text, text_input};
use iced::{Alignment, Element, Length};

/// What the tab shows, read in one job.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// Every setting in the order of `KEYS`.
    pub config: Vec<String>,
    /// (staff id, name, closed to new customers)
    pub staff: Vec<(i64, String, bool)>,
    /// (id, kind, value, reason)
    pub blocklist: Vec<(i64, String, String, String)>,
    /// (when, reason code, phone, e-mail)
    pub refusals: Vec<(clock::Instant, String, String, String)>,
    pub pin_set: bool,
    pub pin_tries: PinTries,
}

impl Loaded {
    fn read(store: &Store) -> Result<Loaded, StoreError> {
        let mut staff = Vec::new();
        for s in store.staff()?.into_iter().filter(|s| s.active) {
            staff.push((s.id, s.name.clone(), store.closed_to_new(s.id)?));
        }
        Ok(Loaded {
            config: store.config_values()?,
            staff,
            blocklist: store.blocklist()?,
            refusals: store.kiosk_refusals(30)?,
            pin_set: store.kiosk_pin_set()?,
            pin_tries: store.kiosk_pin_tries()?,
        })
    }
}

/// A change to store; the answer says it with the text key `done` ("" says nothing).
fn change(
    name: &'static str,
    done: &'static str,
    work: impl FnOnce(&mut Store) -> Result<(), StoreError> + Send + 'static,
) -> Action<Message> {
    crate::ui::context::change(name, done, work, Message::Done)
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Loaded, StoreError>),
    Config(usize, String),
    ClosedToNew(i64, bool),
    BlockValue(String),
    BlockReason(String),
    Block,
    Unblock(i64),
    OpenKiosk,
    Done(Result<&'static str, StoreError>),
    KioskOpened(Result<(), Problem>),
}

#[derive(Debug, Default)]
pub struct Form {
    loaded: Loaded,
    /// The values of the kiosk's settings, in the order of `KEYS`.
    config: Vec<String>,
    block_value: String,
    block_reason: String,
    pub error: Option<Problem>,
}

const PIN: &str = "kiosk.pin";

fn kiosk_key(name: &str) -> bool {
    name.starts_with("booking.") || name.starts_with("kiosk.")
}

impl Form {
    pub fn load() -> Action<Message> {
        Action::run("load kiosk settings", |store| Message::Loaded(Loaded::read(store)))
    }

    /// The settings to store when the tab's Save is pressed.
    pub fn save(&self) -> Action<Message> {
        let pairs: Vec<_> = KEYS
            .iter()
            .zip(&self.config)
            .filter(|(k, _)| kiosk_key(k.name))
            // The PIN field starts empty (only its hash is stored): left empty, the PIN stays.
            .filter(|(k, v)| !(k.name == PIN && v.is_empty()))
            .map(|(k, v)| (k.name.to_string(), v.clone()))
            .collect();
        change("save kiosk settings", "saved-settings", move |store| store.set_config_changed(&pairs))
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(Ok(loaded)) => {
                self.config = loaded.config.clone();
                if let Some(i) = KEYS.iter().position(|k| k.name == PIN) {
                    self.config[i].clear();
                }
                self.loaded = loaded;
            }
            Message::Loaded(Err(e)) | Message::Done(Err(e)) => self.error = problem(e),
            Message::KioskOpened(Ok(())) => {}
            Message::KioskOpened(Err(p)) => self.error = Some(p),
            Message::Config(i, v) => {
                if let Some(slot) = self.config.get_mut(i) {
                    *slot = v;
                }
            }
            Message::ClosedToNew(id, closed) => {
                return change("closed to new customers", "", move |store| store.set_closed_to_new(id, closed));
            }
            Message::BlockValue(v) => self.block_value = v,
            Message::BlockReason(v) => self.block_reason = v,
            Message::Block => {
                let (value, reason) = (self.block_value.clone(), self.block_reason.clone());
                return change("block", "kiosk-blocked", move |store| store.block(&value, &reason));
            }
            Message::Unblock(id) => return change("unblock", "", move |store| store.unblock(id)),
            // A kiosk without a PIN would be a public computer anyone can leave.
            Message::OpenKiosk => {
                return Action::run("open kiosk", |store| {
                    Message::KioskOpened(match store.kiosk_pin_set() {
                        Ok(true) => crate::ui::system::open_kiosk(store.path()),
                        Ok(false) => Err(Problem::Refusal("kiosk-needs-pin")),
                        Err(e) => Err(e.into()),
                    })
                });
            }
            Message::Done(Ok(key)) => {
                self.error = None;
                if key == "kiosk-blocked" {
                    self.block_value.clear();
                    self.block_reason.clear();
                }
                let reload = Form::load();
                return if key.is_empty() {
                    reload
                } else {
                    Action::Request(Request::Notice(Note::Done(key))).and(reload)
                };
            }
        }
        Action::None
    }

    /// Whether a PIN is set, and the wrong tries at the kiosk since the last right one.
    fn pin_state<'a>(&self, ctx: &Ctx) -> Element<'a, Message> {
        let lang = ctx.lang;
        let loaded = &self.loaded;
        let mut said = column![if loaded.pin_set {
            text(t(lang, "kiosk-settings-pin-set")).size(font::LABEL).color(theme::MUTED)
        } else {
            text(t(lang, "kiosk-settings-pin-missing")).size(font::LABEL).color(theme::DANGER)
        }];
        if let (n, Some(last)) = (loaded.pin_tries.wrong_in_a_row, loaded.pin_tries.last_wrong) {
            let local = clock::to_local(ctx.data.salon.time_zone, last);
            let when = format!("{} {}", i18n::date_short(lang, local.date()), local.format("%H:%M"));
            let tries = ta(lang, "kiosk-settings-pin-tries", &[("count", n.to_string()), ("when", when)]);
            said = said.push(text(tries).size(font::LABEL).color(theme::WARNING));
        }
        row![space::horizontal().width(310), said].into()
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let label = |key: &str| text(t(lang, key)).size(font::LABEL).color(theme::MUTED);
        let mut fields = column![].spacing(8);
        for (i, (key, value)) in KEYS.iter().zip(&self.config).enumerate().filter(|(_, (k, _))| kiosk_key(k.name)) {
            let input = setting_input(lang, key, value, move |v| Message::Config(i, v));
            fields = fields.push(
                row![label(key.label).width(300), container(input).width(Length::Fill)]
                    .spacing(10)
                    .align_y(Alignment::Center),
            );
            if key.name == PIN {
                fields = fields.push(self.pin_state(ctx));
            }
        }
        let staff = self.loaded.staff.iter().fold(
            column![label("kiosk-settings-closed")].spacing(6),
            |c, (id, name, closed)| {
                let id = *id;
                c.push(
                    checkbox(*closed)
                        .label(name.clone())
                        .on_toggle(move |on| Message::ClosedToNew(id, on))
                        .size(font::LEAD)
                        .text_size(font::BODY),
                )
            },
        );
        let mut blocklist = column![
            label("kiosk-settings-blocklist"),
            row![
                text_input(&t(lang, "kiosk-settings-block-hint"), &self.block_value)
                    .on_input(Message::BlockValue)
                    .size(font::BODY)
                    .padding([5, 8])
                    .style(theme::input),
                text_input(&t(lang, "kiosk-settings-reason"), &self.block_reason)
                    .on_input(Message::BlockReason)
                    .size(font::BODY)
                    .padding([5, 8])
                    .style(theme::input),
                button(text(t(lang, "kiosk-settings-block")).size(font::BODY))
                    .style(theme::danger)
                    .on_press(Message::Block),
            ]
            .spacing(8),
        ]
        .spacing(6);
        for (id, _, value, reason) in &self.loaded.blocklist {
            blocklist = blocklist.push(
                row![
                    text(value.clone()).size(font::BODY).width(260),
                    text(reason.clone()).size(font::BODY).color(theme::MUTED).width(Length::Fill),
                    button(text(t(lang, "kiosk-settings-unblock")).size(font::LABEL))
                        .style(theme::secondary)
                        .on_press(Message::Unblock(*id)),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            );
        }
        let tz = ctx.data.salon.time_zone;
        let refusals = self.loaded.refusals.iter().fold(
            column![label("kiosk-settings-refusals")].spacing(4),
            |c, (at, code, phone, email)| {
                let local = clock::to_local(tz, *at);
                let when = format!("{} {}", i18n::date_short(lang, local.date()), local.format("%H:%M"));
                c.push(
                    row![
                        text(when).size(font::LABEL).width(120),
                        text(t(lang, Refusal::parse(code).map_or("kiosk-refused-blocklisted", refusal_key)))
                            .size(font::LABEL)
                            .width(Length::Fill),
                        text(format!("{phone} {email}")).size(font::LABEL).color(theme::MUTED),
                    ]
                    .spacing(8),
                )
            },
        );
        let left = column![
            fields,
            button(text(t(lang, "kiosk-settings-open")).size(font::BODY))
                .style(theme::secondary)
                .on_press(Message::OpenKiosk),
            staff
        ]
        .spacing(18)
        .width(Length::FillPortion(1));
        let right = column![blocklist, refusals].spacing(18).width(Length::FillPortion(1));
        container(row![left, right].spacing(28)).into()
    }
}
