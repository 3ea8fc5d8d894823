//! Messages › Newsletter: the text per language (the salon's newsletter
//! text to start from, a live preview with the objection notice), whom it
//! goes to (statuses, last visit) with the count as it is chosen and the
//! list to look at, sending after a confirmation, the newsletters sent with
//! what became of them (pause, resume), and an objection that came by
//! e-mail recorded on the card.

use crate::domain::newsletter::Skip;
use crate::domain::template::{self, Channel, Kind};
use crate::domain::{Language, clock};
use crate::store::StoreError;
use crate::store::newsletters::{Audience, Draft, Reach, Report};
use crate::ui::context::{Action, Ctx, Note, Problem, Request};
use crate::ui::i18n::{self, t, ta};
use crate::ui::theme::{self, font};
use crate::ui::widget::choice::Choice;
use crate::ui::words::{channel_key, problem};
use iced::widget::{
    button, checkbox, column, container, pick_list, row, rule, scrollable, space, text, text_editor, text_input,
};
use iced::{Alignment, Element, Length};

/// The text of one language being written, for e-mail or for SMS (each
/// channel keeps its own: switching does not send an e-mail's text by SMS).
#[derive(Debug)]
struct Text {
    channel: Channel,
    language: Language,
    subject: String,
    body: text_editor::Content,
}

/// A text as the store gives it: (channel, language, subject, body).
type Written = (Channel, Language, String, String);

/// The months "last visit" can be limited to (`None`: any time).
const VISITED: [Option<u32>; 5] = [None, Some(3), Some(6), Some(12), Some(24)];

pub const SUBJECT_ID: &str = "newsletter_subject";
/// The channel's list (e-mail or SMS).
pub const CHANNEL_ID: &str = "newsletter_channel";
pub const REPLY_ID: &str = "newsletter_reply";

#[derive(Debug, Default)]
pub struct Compose {
    texts: Vec<Text>,
    /// The language being edited (the salon's until another is picked).
    editing: Option<Language>,
    /// The channel being written for and sent by.
    pub channel: Channel,
    /// The statuses chosen; none chosen is every status.
    pub statuses: Vec<i64>,
    pub visited_months: Option<u32>,
    pub reach: Option<Reach>,
    show_list: bool,
    /// "Send to 42 customers?" is asked before anything goes.
    confirming: bool,
    pub sent: Vec<Report>,
    reply: String,
    said: Option<String>,
    error: Option<Problem>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Opened(Result<(Vec<Report>, Vec<Written>), StoreError>),
    Language(Language),
    Channel(Channel),
    Subject(String),
    Body(text_editor::Action),
    Status(i64, bool),
    Visited(Choice<Option<u32>>),
    Counted(Result<Reach, StoreError>),
    ToggleList,
    Send,
    Confirm,
    Back,
    Sent(Result<i64, StoreError>),
    Pause(i64),
    Resume(i64),
    Changed(Result<(), StoreError>),
    Reply(String),
    Object,
    Objected(Result<Option<i64>, StoreError>),
}

impl Compose {
    fn lang(&self, ctx: &Ctx) -> Language {
        self.editing.unwrap_or(ctx.data.salon.language)
    }

    fn audience(&self) -> Audience {
        Audience { channel: Some(self.channel), statuses: self.statuses.clone(), visited_months: self.visited_months }
    }

    fn count(&self) -> Action<Message> {
        let audience = self.audience();
        Action::run("newsletter reach", move |store| Message::Counted(store.newsletter_reach(&audience)))
    }

    /// Opening the tab: the newsletters sent, and the salon's newsletter
    /// texts in every language and channel to start from (where nothing is
    /// written yet).
    pub fn open(&self) -> Action<Message> {
        let read = Action::run("open newsletter", move |store| {
            let texts = || -> Result<Vec<Written>, StoreError> {
                let mut all = Vec::new();
                for channel in [Channel::Email, Channel::Sms] {
                    for l in Language::ALL {
                        let text = store.message_text(l, Kind::Newsletter, channel)?;
                        all.push((channel, l, text.subject.unwrap_or_default(), text.body));
                    }
                }
                Ok(all)
            };
            Message::Opened(store.newsletters().and_then(|sent| Ok((sent, texts()?))))
        });
        read.and(self.count())
    }

    /// The text of `lang` for the channel chosen.
    fn text_of(&self, lang: Language) -> Option<&Text> {
        self.texts.iter().find(|t| t.channel == self.channel && t.language == lang)
    }

    fn text_mut(&mut self, lang: Language) -> &mut Text {
        let channel = self.channel;
        if let Some(i) = self.texts.iter().position(|t| t.channel == channel && t.language == lang) {
            return &mut self.texts[i];
        }
        let body = text_editor::Content::new();
        self.texts.push(Text { channel, language: lang, subject: String::new(), body });
        let last = self.texts.len() - 1;
        &mut self.texts[last]
    }

    /// The texts written, for sending: those with a body.
    fn draft(&self) -> Draft {
        let texts = self
            .texts
            .iter()
            .filter(|t| t.channel == self.channel && !t.body.text().trim().is_empty())
            .map(|t| (t.language, t.subject.trim().to_string(), t.body.text().trim_end().to_string()))
            .collect();
        Draft { audience: self.audience(), texts }
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> Action<Message> {
        if !matches!(message, Message::Counted(_) | Message::Opened(_)) {
            self.error = None;
        }
        match message {
            Message::Opened(Ok((sent, texts))) => {
                self.sent = sent;
                if self.texts.is_empty() {
                    for (channel, language, subject, body) in texts {
                        let body = text_editor::Content::with_text(&body);
                        self.texts.push(Text { channel, language, subject, body });
                    }
                }
            }
            Message::Opened(Err(e)) | Message::Counted(Err(e)) | Message::Changed(Err(e)) => self.error = problem(e),
            Message::Language(l) => self.editing = Some(l),
            Message::Channel(c) => {
                self.channel = c;
                return self.count();
            }
            Message::Subject(s) => {
                let lang = self.lang(ctx);
                self.text_mut(lang).subject = s;
            }
            Message::Body(action) => {
                let lang = self.lang(ctx);
                self.text_mut(lang).body.perform(action);
            }
            Message::Status(id, on) => {
                self.statuses.retain(|s| *s != id);
                if on {
                    self.statuses.push(id);
                }
                self.confirming = false;
                return self.count();
            }
            Message::Visited(c) => {
                self.visited_months = c.id;
                self.confirming = false;
                return self.count();
            }
            Message::Counted(Ok(reach)) => self.reach = Some(reach),
            Message::ToggleList => self.show_list = !self.show_list,
            Message::Send => match self.check() {
                Ok(()) => self.confirming = true,
                Err(p) => self.error = Some(p),
            },
            Message::Back => self.confirming = false,
            Message::Confirm => {
                self.confirming = false;
                let draft = self.draft();
                return Action::run("send newsletter", move |store| Message::Sent(store.send_newsletter(&draft)));
            }
            Message::Sent(Ok(_)) => {
                let note = Request::Notice(Note::Done("newsletter-queued"));
                return self.open().and(Action::Request(note));
            }
            Message::Sent(Err(e)) => self.error = problem(e),
            Message::Pause(id) => {
                return Action::run("pause newsletter", move |s| Message::Changed(s.pause_newsletter(id)));
            }
            Message::Resume(id) => {
                return Action::run("resume newsletter", move |s| Message::Changed(s.resume_newsletter(id)));
            }
            Message::Changed(Ok(())) => return self.open(),
            Message::Reply(v) => self.reply = v,
            Message::Object => {
                let said = self.reply.clone();
                return Action::run("objection by reply", move |s| Message::Objected(s.object_by_reply(&said)));
            }
            Message::Objected(Ok(found)) => {
                self.said =
                    Some(t(ctx.lang, if found.is_some() { "newsletter-objected" } else { "newsletter-no-match" }));
                if found.is_some() {
                    self.reply.clear();
                    return self.count().and(self.open());
                }
            }
            Message::Objected(Err(e)) => self.error = problem(e),
        }
        Action::None
    }

    /// Before it goes: someone to send to, and texts without unknown placeholders.
    fn check(&self) -> Result<(), Problem> {
        if self.reach.as_ref().is_none_or(|r| r.count == 0) {
            return Err(Problem::Refusal("newsletter-nobody"));
        }
        let draft = self.draft();
        if draft.texts.is_empty() {
            return Err(Problem::Refusal("newsletter-no-text"));
        }
        for (_, subject, body) in &draft.texts {
            template::check(subject).and_then(|()| template::check(body)).map_err(|e| e.to_input_error())?;
        }
        Ok(())
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let left = self.text_view(ctx);
        let right = self.recipients_view(ctx);
        column![
            row![container(left).width(Length::FillPortion(3)), container(right).width(Length::FillPortion(2))]
                .spacing(20),
            rule::horizontal(1),
            self.sent_view(ctx),
        ]
        .spacing(14)
        .into()
    }

    fn text_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let editing = self.lang(ctx);
        let label = |key: &str| text(t(lang, key)).size(font::LABEL).color(theme::MUTED);
        let channels = [Channel::Email, Channel::Sms].map(|c| Choice::new(c, t(lang, channel_key(c))));
        let chosen = channels.iter().find(|c| c.id == self.channel).cloned();
        let top = row![
            container(pick_list(channels, chosen, |c| Message::Channel(c.id)).text_size(font::BODY)).id(CHANNEL_ID),
            pick_list(Language::ALL, Some(editing), Message::Language).text_size(font::BODY),
        ]
        .spacing(8);
        let mut col = column![top].spacing(6);
        let current = self.text_of(editing);
        if self.channel == Channel::Email {
            let subject = current.map_or("", |t| t.subject.as_str());
            col = col.push(label("field-subject")).push(
                text_input("", subject)
                    .id(SUBJECT_ID)
                    .on_input(Message::Subject)
                    .padding([6, 8])
                    .size(font::BODY)
                    .style(theme::input),
            );
        }
        col = col.push(label("field-text"));
        if let Some(current) = current {
            col = col.push(text_editor(&current.body).on_action(Message::Body).height(160).size(font::BODY));
        }
        col = col.push(text(t(lang, "newsletter-placeholders")).size(font::SMALL).color(theme::MUTED));
        col.push(self.preview(ctx, editing)).into()
    }

    /// The text as a customer in `editing` reads it: filled in, with the notice.
    fn preview<'a>(&'a self, ctx: &Ctx<'a>, editing: Language) -> Element<'a, Message> {
        let lang = ctx.lang;
        let Some(current) = self.text_of(editing) else { return space().into() };
        let values = std::collections::HashMap::from([
            ("customer", "Kari".to_string()),
            ("salon", ctx.data.salon.name.clone()),
            ("address", ctx.data.salon.address.clone()),
        ]);
        let rendered = template::render(&current.subject, &values)
            .and_then(|s| Ok((s, template::render(&current.body.text(), &values)?)));
        let shown: Element<'a, Message> = match rendered {
            Ok((subject, body)) => {
                let notice_key =
                    if self.channel == Channel::Sms { "newsletter-notice-sms" } else { "newsletter-notice" };
                let notice = ta(editing, notice_key, &[("salon", ctx.data.salon.name.clone())]);
                let mut p = column![].spacing(4);
                if self.channel == Channel::Email {
                    p = p.push(text(subject).size(font::CONTROL));
                }
                p.push(text(body.trim_end().to_string()).size(font::BODY))
                    .push(text(notice).size(font::SMALL).color(theme::MUTED))
                    .into()
            }
            Err(e) => text(crate::ui::words::input_error_text(lang, &e.to_input_error()))
                .size(font::BODY)
                .color(theme::DANGER)
                .into(),
        };
        column![
            text(t(lang, "texts-preview")).size(font::LABEL).color(theme::MUTED),
            container(shown).padding(10).width(Length::Fill).style(theme::card)
        ]
        .spacing(4)
        .into()
    }

    fn recipients_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let mut col = column![text(t(lang, "newsletter-to")).size(font::SECTION)].spacing(6);
        for s in &ctx.data.statuses {
            let on = self.statuses.contains(&s.id);
            col = col.push(checkbox(on).label(s.name.clone()).on_toggle(move |v| Message::Status(s.id, v)).size(18));
        }
        col = col.push(text(t(lang, "newsletter-all-hint")).size(font::SMALL).color(theme::MUTED));
        let visited: Vec<Choice<Option<u32>>> = VISITED
            .iter()
            .map(|m| match m {
                None => Choice::new(None, t(lang, "newsletter-visited-any")),
                Some(n) => Choice::new(Some(*n), ta(lang, "newsletter-visited-within", &[("months", n.to_string())])),
            })
            .collect();
        let chosen = visited.iter().find(|c| c.id == self.visited_months).cloned();
        col = col.push(
            row![
                text(t(lang, "newsletter-last-visit")).size(font::BODY),
                pick_list(visited, chosen, Message::Visited).text_size(font::BODY)
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        );
        if let Some(reach) = &self.reach {
            let count = ta(lang, "newsletter-count", &[("count", reach.count.to_string())]);
            col = col.push(text(count).size(font::LEAD));
            let skipped: Vec<String> = Skip::ALL
                .into_iter()
                .filter(|s| reach.skipped_for(*s) > 0)
                .map(|s| ta(lang, skip_key(s), &[("count", reach.skipped_for(s).to_string())]))
                .collect();
            if !skipped.is_empty() {
                col = col.push(text(skipped.join(" · ")).size(font::LABEL).color(theme::MUTED));
            }
            let list_key = if self.show_list { "newsletter-hide-list" } else { "newsletter-show-list" };
            col = col.push(
                button(text(t(lang, list_key)).size(font::BODY)).style(theme::secondary).on_press(Message::ToggleList),
            );
            if self.show_list {
                let mut list = column![].spacing(2);
                for (_, name, address) in &reach.first {
                    list = list.push(text(format!("{name} · {address}")).size(font::LABEL));
                }
                if reach.count > reach.first.len() {
                    let more = (reach.count - reach.first.len()).to_string();
                    list = list.push(text(ta(lang, "reports-more-rows", &[("count", more)])).size(font::LABEL));
                }
                col =
                    col.push(container(scrollable(list).height(160)).padding(8).width(Length::Fill).style(theme::card));
            }
        }
        col = col.push(space().height(6));
        if self.confirming {
            let n = self.reach.as_ref().map_or(0, |r| r.count);
            col = col.push(text(ta(lang, "newsletter-confirm", &[("count", n.to_string())])).size(font::CONTROL)).push(
                row![
                    button(text(t(lang, "newsletter-send-now")).size(font::CONTROL))
                        .padding([8, 16])
                        .style(theme::primary)
                        .on_press(Message::Confirm),
                    button(text(t(lang, "button-back")).size(font::CONTROL))
                        .padding([8, 16])
                        .style(theme::secondary)
                        .on_press(Message::Back),
                ]
                .spacing(8),
            );
        } else {
            col = col.push(
                button(text(t(lang, "newsletter-send")).size(font::CONTROL))
                    .padding([8, 16])
                    .style(theme::primary)
                    .on_press(Message::Send),
            );
        }
        col.push(crate::ui::widget::error_line(lang, &self.error)).into()
    }

    fn sent_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let mut col = column![text(t(lang, "newsletter-sent-title")).size(font::SECTION)].spacing(6);
        for r in self.sent.iter().take(10) {
            let when = r.created_at.map(|at| {
                let local = clock::to_local(ctx.data.salon.time_zone, at);
                format!("{} {}", i18n::date_numeric(lang, local.date()), local.format("%H:%M"))
            });
            let skipped: u32 = r.skipped.iter().map(|(_, n)| n).sum();
            let figures = ta(
                lang,
                "newsletter-figures",
                &[
                    ("sent", r.sent.to_string()),
                    ("waiting", r.waiting.to_string()),
                    ("failed", r.failed.to_string()),
                    ("stopped", r.stopped.to_string()),
                    ("skipped", skipped.to_string()),
                ],
            );
            let mut line = row![
                text(when.unwrap_or_default()).size(font::BODY).width(140),
                text(r.subject.clone()).size(font::BODY).width(Length::Fill),
                text(figures).size(font::BODY),
            ]
            .spacing(10)
            .align_y(Alignment::Center);
            if r.paused {
                line = line.push(action(t(lang, "newsletter-resume"), Message::Resume(r.id)));
            } else if r.waiting > 0 {
                line = line.push(action(t(lang, "newsletter-pause"), Message::Pause(r.id)));
            }
            col = col.push(line);
        }
        if self.sent.is_empty() {
            col = col.push(text(t(lang, "newsletter-none-sent")).size(font::BODY).color(theme::MUTED));
        }
        let reply = row![
            text_input(&t(lang, "newsletter-reply-placeholder"), &self.reply)
                .id(REPLY_ID)
                .on_input(Message::Reply)
                .on_submit(Message::Object)
                .padding([6, 8])
                .size(font::BODY)
                .style(theme::input),
            action(t(lang, "newsletter-record-objection"), Message::Object),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        col = col.push(space().height(4)).push(text(t(lang, "newsletter-reply-title")).size(font::CONTROL)).push(reply);
        if let Some(said) = &self.said {
            col = col.push(text(said.clone()).size(font::BODY));
        }
        col.into()
    }
}

fn action<'a>(label: String, on: Message) -> iced::widget::Button<'a, Message> {
    button(text(label).size(font::BODY)).padding([4, 10]).style(theme::secondary).on_press(on)
}

fn skip_key(s: Skip) -> &'static str {
    match s {
        Skip::Erased => "newsletter-skip-erased",
        Skip::Objected => "newsletter-skip-objected",
        Skip::NoConsent => "newsletter-skip-no_consent",
        Skip::NoAddress => "newsletter-skip-no_address",
    }
}
