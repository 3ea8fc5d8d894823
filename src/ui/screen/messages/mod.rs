//! Messages: the reminder overview (with and without a reminder, last and
//! next 7 days, reminders switched on by hand), the outbox (failed ones with
//! their error and a retry button), the texts with a live preview, and the
//! sending set-up (mail server, SMS gateway, quiet hours, reminder rules).

pub mod newsletter;
mod outbox;
mod overview;
mod sending;
mod texts;

use crate::domain::Language;
use crate::domain::reminder::{ReminderRule, When};
use crate::message::config::KEYS;
use crate::message::defaults::{Channel, Kind, Text};
use crate::store::{OutboxMessage, OutboxView, ReminderOverview, Store, StoreError};
use crate::ui::context::{Action, Ctx, Note, Problem, Request};
use crate::ui::i18n::{t, ta};
use crate::ui::theme::font;
use crate::ui::theme::{self, Banner};
use crate::ui::widget::error_line;
use crate::ui::words::{channel_key, problem};
use chrono::Duration;
use iced::Element;
use iced::widget::{button, column, row, scrollable, text, text_editor};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Overview,
    Outbox,
    Texts,
    Newsletter,
    Sending,
}

/// Everything the screen shows, read in one job.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub past: ReminderOverview,
    pub next: ReminderOverview,
    pub outbox: Vec<OutboxMessage>,
    /// Every sending setting in the order of `KEYS`, unmasked (the form edits them).
    pub config: Vec<String>,
    pub rules: Vec<ReminderRule>,
    pub text: Option<Text>,
    /// Channels not set up yet (their messages wait in the outbox).
    pub not_set_up: Vec<Channel>,
}

impl Loaded {
    fn read(
        store: &Store,
        tz: chrono_tz::Tz,
        today: chrono::NaiveDate,
        view: OutboxView,
        text: TextKey,
    ) -> Result<Loaded, StoreError> {
        let (lang, kind, channel) = text;
        Ok(Loaded {
            past: store.reminder_overview(tz, today - Duration::days(7), 7)?,
            next: store.reminder_overview(tz, today, 7)?,
            outbox: store.outbox(view, 200)?,
            config: store.config_values()?,
            rules: store.reminder_rules()?,
            text: Some(store.message_text(lang, kind, channel)?),
            not_set_up: crate::sending::scheduler::Transports::from_store(store)?.missing(),
        })
    }
}

/// Which text: its language, kind and channel.
type TextKey = (Language, Kind, Channel);

/// A change to store; the answer says it with the text key `done` ("" says nothing).
fn change(
    name: &'static str,
    done: &'static str,
    work: impl FnOnce(&mut Store) -> Result<(), StoreError> + Send + 'static,
) -> Action<Message> {
    crate::ui::context::change(name, done, work, Message::Done)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Week {
    Past,
    Next,
}

#[derive(Debug, Clone)]
pub enum Message {
    Tab(Tab),
    Loaded(Result<Loaded, StoreError>),
    Without(Option<Week>),
    Remind(i64),
    View(OutboxView),
    Retry(i64),
    /// A change was stored (or refused); the text says which.
    Done(Result<&'static str, StoreError>),
    Kind(Kind),
    Channel(Channel),
    Language(Language),
    Subject(String),
    Body(text_editor::Action),
    SaveText,
    ResetText,
    Config(usize, String),
    SaveConfig,
    ToggleRule(ReminderRule),
    DeleteRule(i64),
    NewRuleChannel(Channel),
    NewRuleWhen(String),
    AddRule,
    Newsletter(newsletter::Message),
}

pub struct State {
    pub tab: Tab,
    pub loaded: Loaded,
    without: Option<Week>,
    view: OutboxView,
    kind: Kind,
    channel: Channel,
    language: Option<Language>,
    subject: String,
    body: text_editor::Content,
    /// The form's values, in the order of `KEYS`.
    config: Vec<String>,
    rule_channel: Channel,
    rule_when: String,
    pub newsletter: newsletter::Compose,
    error: Option<Problem>,
}

impl Default for State {
    fn default() -> Self {
        State {
            tab: Tab::Overview,
            loaded: Loaded::default(),
            without: None,
            view: OutboxView::Failed,
            kind: Kind::Reminder,
            channel: Channel::Sms,
            language: None,
            subject: String::new(),
            body: text_editor::Content::new(),
            config: Vec::new(),
            rule_channel: Channel::Sms,
            rule_when: "3h".into(),
            newsletter: newsletter::Compose::default(),
            error: None,
        }
    }
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("messages::State").field("tab", &self.tab).finish_non_exhaustive()
    }
}

fn save_rule(rule: ReminderRule) -> Action<Message> {
    change("save reminder rule", "", move |store| store.save_reminder_rule(&rule).map(|_| ()))
}

impl State {
    fn language(&self, ctx: &Ctx) -> Language {
        self.language.unwrap_or(ctx.data.salon.language)
    }

    fn text_key(&self, ctx: &Ctx) -> TextKey {
        (self.language(ctx), self.kind, self.channel)
    }

    pub fn load(&self, ctx: &Ctx) -> Action<Message> {
        let (tz, today, view, text) = (ctx.data.salon.time_zone, ctx.today(), self.view, self.text_key(ctx));
        Action::run("load messages", move |store| Message::Loaded(Loaded::read(store, tz, today, view, text)))
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> Action<Message> {
        match message {
            Message::Tab(tab) => {
                self.tab = tab;
                self.error = None;
                if tab == Tab::Newsletter {
                    return self.load(ctx).and(self.newsletter.open().map(Message::Newsletter));
                }
                return self.load(ctx);
            }
            Message::Newsletter(m) => return self.newsletter.update(m, ctx).map(Message::Newsletter),
            Message::Loaded(Ok(loaded)) => {
                if let Some(text) = &loaded.text {
                    self.subject = text.subject.clone().unwrap_or_default();
                    self.body = text_editor::Content::with_text(&text.body);
                }
                self.config = loaded.config.clone();
                self.loaded = loaded;
            }
            Message::Loaded(Err(e)) | Message::Done(Err(e)) => self.error = problem(e),
            Message::Done(Ok(key)) => {
                self.error = None;
                // The badge counts what failed: the salon's data is read again too.
                let note = (!key.is_empty()).then_some(Note::Done(key));
                return self.load(ctx).and(Action::Request(Request::ReloadSalon(note)));
            }
            Message::Without(week) => self.without = week,
            Message::Remind(id) => {
                return Action::run("remind", move |store| {
                    Message::Done(
                        store.remind(id).map(|on| if on { "overview-reminded" } else { "overview-cannot-remind" }),
                    )
                });
            }
            Message::View(view) => {
                self.view = view;
                return self.load(ctx);
            }
            Message::Retry(id) => {
                return change("retry message", "outbox-retrying", move |store| store.retry_message(id));
            }
            Message::Kind(kind) => {
                self.kind = kind;
                return self.load(ctx);
            }
            Message::Channel(channel) => {
                self.channel = channel;
                return self.load(ctx);
            }
            Message::Language(l) => {
                self.language = Some(l);
                return self.load(ctx);
            }
            Message::Subject(s) => self.subject = s,
            Message::Body(action) => self.body.perform(action),
            Message::SaveText => {
                let text = self.draft();
                if let Err(e) = text.check() {
                    self.error = Some(e.to_input_error().into());
                    return Action::None;
                }
                let (l, k, c) = self.text_key(ctx);
                return change("save text", "texts-saved", move |store| store.set_message_text(l, k, c, &text));
            }
            Message::ResetText => {
                let (l, k, c) = self.text_key(ctx);
                return change("reset text", "texts-was-reset", move |store| store.reset_message_text(l, k, c));
            }
            Message::Config(i, v) => {
                if let Some(slot) = self.config.get_mut(i) {
                    *slot = v;
                }
            }
            Message::SaveConfig => {
                let pairs: Vec<_> =
                    KEYS.iter().zip(&self.config).map(|(k, v)| (k.name.to_string(), v.clone())).collect();
                return change("save sending settings", "sending-saved", move |store| store.set_config_changed(&pairs));
            }
            Message::ToggleRule(rule) => return save_rule(rule),
            Message::DeleteRule(id) => {
                return change("delete reminder rule", "", move |store| store.delete_reminder_rule(id));
            }
            Message::NewRuleChannel(c) => self.rule_channel = c,
            Message::NewRuleWhen(w) => self.rule_when = w,
            Message::AddRule => match When::parse(&self.rule_when) {
                Ok(when) => {
                    let rule = ReminderRule { id: 0, channel: self.rule_channel, when, active: true };
                    return save_rule(rule);
                }
                Err(e) => self.error = Some(e.into()),
            },
        }
        Action::None
    }

    fn draft(&self) -> Text {
        let body = self.body.text().trim_end().to_string();
        Text { subject: (self.channel == Channel::Email).then(|| self.subject.trim().to_string()), body }
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let tab = |label: &str, tab: Tab| {
            button(text(t(lang, label)).size(font::BODY))
                .padding([6, 14])
                .style(theme::toggle(self.tab == tab))
                .on_press(Message::Tab(tab))
        };
        let tabs = row![
            tab("messages-overview", Tab::Overview),
            tab("messages-outbox", Tab::Outbox),
            tab("messages-texts", Tab::Texts),
            tab("messages-newsletter", Tab::Newsletter),
            tab("messages-sending", Tab::Sending),
        ]
        .spacing(6);
        let body = match self.tab {
            Tab::Overview => self.overview_view(ctx),
            Tab::Outbox => self.outbox_view(ctx),
            Tab::Texts => self.texts_view(ctx),
            Tab::Newsletter => {
                scrollable(self.newsletter.view(ctx).map(Message::Newsletter)).height(iced::Length::Fill).into()
            }
            Tab::Sending => self.sending_view(ctx),
        };
        let mut page = column![tabs].spacing(10);
        if !self.loaded.not_set_up.is_empty() {
            let channels: Vec<String> = self.loaded.not_set_up.iter().map(|c| t(lang, channel_key(*c))).collect();
            let hint = ta(lang, "sending-not-set-up", &[("channels", channels.join(", "))]);
            page = page.push(crate::ui::widget::banner(Banner::Demo, text(hint).size(font::BODY)));
        }
        page.push(error_line(lang, &self.error)).push(body).into()
    }
}
