//! Messages: the reminder overview (with and without a reminder, last and
//! next 7 days, reminders switched on by hand), the outbox (failed ones with
//! their error and a retry button), the texts with a live preview, and the
//! sending set-up (mail server, SMS gateway, quiet hours, reminder rules).

use crate::domain::InputError;
use crate::domain::reminder::{ReminderRule, When};
use crate::domain::template::{self, SmsEncoding};
use crate::domain::{Appointment, Language, clock};
use crate::message::compose::{self, About, Sender};
use crate::message::config::KEYS;
use crate::message::defaults::{Channel, Kind, Text};
use crate::store::{OutboxMessage, OutboxState, OutboxView, ReminderOverview, Store, StoreError};
use crate::ui::context::{Action, Ctx, Note, Problem, Request};
use crate::ui::i18n::{self, t, ta};
use crate::ui::theme::{self, Banner};
use crate::ui::widget::choice::Choice;
use crate::ui::widget::{error_line, heading, pie::pie, pill};
use crate::ui::words::{channel_key, input_error_text, kind_key, outbox_state_key, problem};
use chrono::Duration;
use iced::widget::{
    button, checkbox, column, container, pick_list, row, scrollable, space, text, text_editor, text_input,
};
use iced::{Alignment, Element, Length};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Overview,
    Outbox,
    Texts,
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
    Action::run(name, move |store| Message::Done(work(store).map(|_| done)))
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
                return self.load(ctx);
            }
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
                    self.error = Some(InputError::Template(e.to_string()).into());
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
            button(text(t(lang, label)).size(14))
                .padding([6, 14])
                .style(theme::tab(self.tab == tab))
                .on_press(Message::Tab(tab))
        };
        let tabs = row![
            tab("messages-overview", Tab::Overview),
            tab("messages-outbox", Tab::Outbox),
            tab("messages-texts", Tab::Texts),
            tab("messages-sending", Tab::Sending),
        ]
        .spacing(6);
        let body = match self.tab {
            Tab::Overview => self.overview_view(ctx),
            Tab::Outbox => self.outbox_view(ctx),
            Tab::Texts => self.texts_view(ctx),
            Tab::Sending => self.sending_view(ctx),
        };
        let mut page = column![tabs].spacing(10);
        if !self.loaded.not_set_up.is_empty() {
            let channels: Vec<String> = self.loaded.not_set_up.iter().map(|c| t(lang, channel_key(*c))).collect();
            let hint = ta(lang, "sending-not-set-up", &[("channels", channels.join(", "))]);
            page = page.push(crate::ui::widget::banner(Banner::Demo, text(hint).size(14)));
        }
        page.push(error_line(lang, &self.error)).push(body).into()
    }

    fn overview_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let week = |label: &str, o: &ReminderOverview, which: Week| {
            let without = o.without.len();
            let card = column![
                text(t(lang, label)).size(16),
                pie(o.with, without, 150.0),
                text(ta(lang, "overview-with", &[("count", o.with.to_string())])).size(14).color(theme::SUCCESS),
                text(ta(lang, "overview-without", &[("count", without.to_string())])).size(14).color(theme::WARNING),
            ]
            .spacing(8)
            .align_x(Alignment::Center);
            button(container(card).padding(16).style(theme::card))
                .style(theme::link)
                .on_press(Message::Without(Some(which)))
        };
        let pies = row![
            week("overview-last-7", &self.loaded.past, Week::Past),
            week("overview-next-7", &self.loaded.next, Week::Next)
        ]
        .spacing(16);
        let mut page =
            column![heading(t(lang, "overview-title")), text(t(lang, "overview-hint")).size(14), pies].spacing(12);
        if let Some(which) = self.without {
            let (list, upcoming) = match which {
                Week::Past => (&self.loaded.past.without, false),
                Week::Next => (&self.loaded.next.without, true),
            };
            page = page.push(self.without_list(ctx, list, upcoming));
        }
        scrollable(page).into()
    }

    fn without_list<'a>(&'a self, ctx: &Ctx<'a>, list: &'a [Appointment], upcoming: bool) -> Element<'a, Message> {
        let lang = ctx.lang;
        let tz = ctx.data.salon.time_zone;
        let mut rows = column![text(t(lang, "overview-without-title")).size(16)].spacing(4);
        for a in list {
            let local = clock::to_local(tz, a.slot.start);
            let when = format!("{} {}", i18n::date_short(lang, local.date()), local.format("%H:%M"));
            let remind: Element<'a, Message> = if upcoming && a.customer_id.is_some() && a.slot.start > ctx.now {
                checkbox(false)
                    .label(t(lang, "overview-remind"))
                    .on_toggle(move |_| Message::Remind(a.id))
                    .size(16)
                    .into()
            } else if a.customer_id.is_none() {
                text(t(lang, "overview-not-linked")).size(13).color(theme::MUTED).into()
            } else {
                space::horizontal().width(0).into()
            };
            rows = rows.push(
                row![
                    text(when).size(14).width(130),
                    text(a.customer_name.clone()).size(14).width(220),
                    text(a.service_name.clone()).size(14).width(Length::Fill),
                    remind,
                ]
                .spacing(10)
                .align_y(Alignment::Center),
            );
        }
        if list.is_empty() {
            rows = rows.push(text(t(lang, "overview-all-reminded")).size(14).color(theme::MUTED));
        }
        container(rows).padding([12, 28]).style(theme::card).width(Length::Fill).into()
    }

    fn outbox_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let tz = ctx.data.salon.time_zone;
        let choice = |label: &str, view: OutboxView| {
            button(text(t(lang, label)).size(14)).style(theme::toggle(self.view == view)).on_press(Message::View(view))
        };
        let choices = row![
            choice("outbox-failed", OutboxView::Failed),
            choice("outbox-waiting", OutboxView::Waiting),
            choice("outbox-sent", OutboxView::Sent),
        ]
        .spacing(6);
        let mut rows = column![].spacing(6);
        for m in &self.loaded.outbox {
            let local = clock::to_local(tz, m.due_at);
            let state_colour = match m.state {
                OutboxState::Failed => theme::DANGER,
                OutboxState::Sent => theme::SUCCESS,
                _ => theme::TEAL,
            };
            let what = format!("{} · {}", t(lang, kind_key(m.kind)), t(lang, channel_key(m.channel)));
            let mut line = row![
                text(format!("{} {}", i18n::date_short(lang, local.date()), local.format("%H:%M"))).size(14).width(120),
                pill(t(lang, outbox_state_key(m.state)), state_colour),
                text(what).size(14).width(220),
                text(m.recipient.clone()).size(14).width(Length::Fill),
            ]
            .spacing(10)
            .align_y(Alignment::Center);
            if m.state == OutboxState::Failed {
                line = line.push(
                    button(text(t(lang, "outbox-retry")).size(14)).style(theme::primary).on_press(Message::Retry(m.id)),
                );
            }
            let mut entry = column![line].spacing(2);
            if m.state == OutboxState::Failed {
                let next = match m.next_at {
                    Some(at) => {
                        let l = clock::to_local(tz, at);
                        ta(lang, "outbox-retry-at", &[("time", l.format("%H:%M").to_string())])
                    }
                    None => t(lang, "outbox-gave-up"),
                };
                entry = entry.push(text(format!("{} — {}", m.last_error, next)).size(13).color(theme::DANGER));
            }
            rows = rows.push(container(entry).padding([6, 10]).style(theme::card).width(Length::Fill));
        }
        if self.loaded.outbox.is_empty() {
            rows = rows.push(text(t(lang, "outbox-empty")).size(14).color(theme::MUTED));
        }
        column![heading(t(lang, "outbox-title")), choices, scrollable(rows).height(Length::Fill)].spacing(10).into()
    }

    fn texts_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let pickers = row![
            pick_list(
                Kind::ALL.map(|k| Choice::new(k, t(lang, kind_key(k)))),
                Some(Choice::new(self.kind, t(lang, kind_key(self.kind)))),
                |c| Message::Kind(c.id)
            )
            .text_size(14),
            pick_list(
                Channel::ALL.map(|c| Choice::new(c, t(lang, channel_key(c)))),
                Some(Choice::new(self.channel, t(lang, channel_key(self.channel)))),
                |c| Message::Channel(c.id)
            )
            .text_size(14),
            pick_list(Language::ALL, Some(self.language(ctx)), Message::Language).text_size(14),
        ]
        .spacing(8);
        let mut editor = column![pickers].spacing(8);
        if self.channel == Channel::Email {
            editor = editor.push(text(t(lang, "texts-subject")).size(13).color(theme::MUTED));
            editor = editor.push(
                text_input("", &self.subject).on_input(Message::Subject).size(15).padding([6, 8]).style(theme::input),
            );
        }
        editor = editor
            .push(text(t(lang, "texts-body")).size(13).color(theme::MUTED))
            .push(text_editor(&self.body).on_action(Message::Body).height(260).size(15))
            .push(
                text(ta(
                    lang,
                    "texts-placeholders",
                    &[("list", template::PLACEHOLDERS.map(|p| format!("{{{p}}}")).join(" "))],
                ))
                .size(12)
                .color(theme::MUTED),
            )
            .push(
                row![
                    button(text(t(lang, "button-save")).size(14)).style(theme::primary).on_press(Message::SaveText),
                    button(text(t(lang, "texts-reset")).size(14)).style(theme::secondary).on_press(Message::ResetText),
                ]
                .spacing(8),
            );
        let draft = self.draft();
        let preview: Element<'a, Message> = match compose::compose(&draft, &sample_values(ctx, self.language(ctx))) {
            Ok(m) => {
                let mut p = column![text(t(lang, "texts-preview")).size(16)].spacing(6);
                if self.channel == Channel::Email {
                    p = p.push(text(m.subject).size(15));
                }
                p = p.push(container(text(m.body.clone()).size(14)).padding(10).style(theme::card).width(Length::Fill));
                if self.channel == Channel::Sms {
                    let length = template::sms_length(&m.body);
                    let key = match length.encoding {
                        SmsEncoding::Gsm7 => "texts-sms-gsm",
                        SmsEncoding::Ucs2 => "texts-sms-ucs2",
                    };
                    let colour = if length.segments > 1 { theme::WARNING } else { theme::MUTED };
                    p = p.push(
                        text(ta(
                            lang,
                            key,
                            &[("chars", length.units.to_string()), ("segments", length.segments.to_string())],
                        ))
                        .size(14)
                        .color(colour),
                    );
                }
                p.into()
            }
            Err(e) => text(input_error_text(lang, &crate::domain::InputError::Template(e.to_string())))
                .size(14)
                .color(theme::DANGER)
                .into(),
        };
        row![editor.width(Length::FillPortion(1)), preview_column(preview)].spacing(20).into()
    }

    fn sending_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let mut form = column![heading(t(lang, "sending-title"))].spacing(6);
        let mut fields = row![].spacing(12);
        let mut count = 0;
        let mut group = "smtp";
        let sending = |name: &str| ["smtp.", "sms.", "messages."].iter().any(|p| name.starts_with(p));
        for (i, (key, value)) in KEYS.iter().zip(&self.config).enumerate().filter(|(_, (k, _))| sending(k.name)) {
            // A row per kind of setting: mail server, SMS gateway, message details.
            let prefix = key.name.split('.').next().unwrap_or_default();
            if prefix != group && count % 4 != 0 {
                form = form.push(fields);
                fields = row![].spacing(12);
                count = 0;
            }
            group = prefix;
            let mut input = text_input(key.default, value)
                .on_input(move |v| Message::Config(i, v))
                .size(14)
                .padding([5, 8])
                .style(theme::input);
            if key.secret {
                input = input.secure(true);
            }
            fields = fields
                .push(column![text(t(lang, key.label)).size(12).color(theme::MUTED), input].spacing(2).width(230));
            count += 1;
            if count % 4 == 0 {
                form = form.push(fields);
                fields = row![].spacing(12);
            }
        }
        form = form.push(fields);
        form = form
            .push(button(text(t(lang, "button-save")).size(14)).style(theme::primary).on_press(Message::SaveConfig));
        let mut rules = column![heading(t(lang, "reminder-rules-title"))].spacing(6);
        for rule in &self.loaded.rules {
            let r = *rule;
            rules = rules.push(
                row![
                    checkbox(rule.active)
                        .label(rule_label(lang, rule))
                        .on_toggle(move |on| Message::ToggleRule(ReminderRule { active: on, ..r }))
                        .size(16)
                        .text_size(14),
                    space::horizontal(),
                    button(text(t(lang, "action-delete")).size(13))
                        .style(theme::secondary)
                        .on_press(Message::DeleteRule(rule.id)),
                ]
                .spacing(10)
                .align_y(Alignment::Center)
                .width(520),
            );
        }
        rules = rules.push(
            row![
                pick_list(
                    Channel::ALL.map(|c| Choice::new(c, t(lang, channel_key(c)))),
                    Some(Choice::new(self.rule_channel, t(lang, channel_key(self.rule_channel)))),
                    |c| Message::NewRuleChannel(c.id)
                )
                .text_size(14),
                text_input("1d@07:00 / 2h", &self.rule_when)
                    .on_input(Message::NewRuleWhen)
                    .size(14)
                    .padding([5, 8])
                    .width(140)
                    .style(theme::input),
                button(text(t(lang, "reminder-rules-add")).size(14)).style(theme::secondary).on_press(Message::AddRule),
                text(t(lang, "reminder-rules-hint")).size(12).color(theme::MUTED),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        );
        scrollable(column![form, rules].spacing(20)).into()
    }
}

fn preview_column(preview: Element<'_, Message>) -> Element<'_, Message> {
    container(preview).width(Length::FillPortion(1)).into()
}

/// "E-mail · 1 day before at 07:00", "SMS · 2 h before"
pub fn rule_label(lang: Language, rule: &ReminderRule) -> String {
    let when = match rule.when {
        When::DaysBefore { days, at_minute } => {
            ta(lang, "rule-days-before", &[("days", days.to_string()), ("time", clock::format_minute(at_minute))])
        }
        When::MinutesBefore(m) if m % 60 == 0 => ta(lang, "rule-hours-before", &[("hours", (m / 60).to_string())]),
        When::MinutesBefore(m) => ta(lang, "rule-minutes-before", &[("minutes", m.to_string())]),
    };
    format!("{} · {when}", t(lang, channel_key(rule.channel)))
}

/// Realistic values for the preview: tomorrow 14:30, the salon's first
/// service and staff member.
fn sample_values(ctx: &Ctx, lang: Language) -> std::collections::HashMap<&'static str, String> {
    let tz = ctx.data.salon.time_zone;
    let start = clock::local_to_utc(tz, ctx.today() + Duration::days(1), 14 * 60 + 30);
    let sender = Sender {
        salon: ctx.data.salon.name.clone(),
        address: ctx.data.salon.address.clone(),
        tz,
        currency: ctx.data.salon.currency.clone(),
        terms_link: "https://…".into(),
        cancel_hours: 24,
        no_show_fee_cents: Some(2500),
        from: String::new(),
        domain: String::new(),
    };
    let about = About {
        appointment_id: 0,
        start,
        end: start + Duration::minutes(45),
        service: ctx.data.services.first().map(|s| s.name.clone()).unwrap_or_default(),
        staff: ctx.data.staff.first().map(|s| s.name.clone()).unwrap_or_default(),
        customer: "Kari".into(),
        language: lang,
    };
    let mut values = compose::values(&sender, &about);
    values.insert("code", "482913".into());
    values
}
