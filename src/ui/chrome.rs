//! What frames every screen of the desk: the top bar with its tabs and
//! clock, the banners (demo salon, unknown zone, a rule's suggestion, the
//! notice), the screen for a file that cannot be used, and what the desk
//! listens to besides clicks.

use super::app::{App, Message, Screen};
use super::context::{Ctx, Note};
use super::i18n::{t, ta};
use super::theme::{self, Banner};
use super::widget::{banner, notice};
use super::words::{describe_error, note_text, rule_text};
use crate::domain::Language;
use crate::domain::clock;
use crate::store::StoreError;
use crate::ui::theme::font;
use iced::widget::{button, column, container, pick_list, row, space, text};
use iced::{Alignment, Element, Length, Subscription};

pub fn view(app: &App) -> Element<'_, Message> {
    if let Some(error) = &app.fatal {
        return fatal_view(app, error);
    }
    let Some(ctx) = app.ctx() else {
        return container(text(t(app.lang, "app-loading")).size(font::TITLE_SMALL)).center(Length::Fill).into();
    };
    let body: Element<'_, Message> = match app.screen {
        Screen::Calendar => app.calendar.view(&ctx).map(Message::Calendar),
        Screen::Customers => app.customers.view(&ctx).map(Message::Customers),
        Screen::Reports => app.reports.view(&ctx).map(Message::Reports),
        Screen::Messages => app.messages.view(&ctx).map(Message::Messages),
        Screen::Settings => app.settings.view(&ctx).map(Message::Settings),
    };
    let lang = app.lang;
    let mut page = column![top_bar(app, &ctx)];
    if ctx.data.salon.is_demo {
        page = page.push(container(demo_banner(app)).padding([6, 12]));
    }
    if let Some(problem) = &app.backup_problem {
        let message = ta(lang, "data-backup-failed", &[("error", describe_error(lang, problem))]);
        page = page.push(container(banner(Banner::Error, text(message).size(font::BODY))).padding([6, 12]));
    }
    if let Some(zone) = &ctx.data.salon.unknown_zone {
        let message = ta(lang, "error-unknown-zone", &[("zone", zone.clone())]);
        page = page.push(container(banner(Banner::Error, text(message).size(font::BODY))).padding([6, 12]));
    }
    // What comes and goes floats above the screen: nothing moves under the pointer.
    let mut toasts = column![].spacing(6).max_width(760);
    if let Some(outcome) = &app.suggestion {
        let content = row![
            text(rule_text(lang, outcome)).size(font::BODY).width(Length::Fill),
            button(text(ta(lang, "rule-give", &[("status", outcome.status.clone())])).size(font::BODY))
                .style(theme::primary)
                .on_press(Message::AcceptSuggestion),
            button(text(t(lang, "rule-not-now")).size(font::BODY))
                .style(theme::secondary)
                .on_press(Message::DismissSuggestion),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        toasts = toasts.push(banner(Banner::Demo, content));
    }
    if let Some(note) = &app.notice {
        let kind = if matches!(note, Note::Problem(_)) { Banner::Error } else { Banner::Info };
        let undo = app.undo.as_ref().map(|_| (t(lang, "button-undo"), Message::Undo));
        toasts = toasts.push(notice(kind, note_text(lang, note), undo, Message::DismissNotice));
    }
    let body = container(body).padding([8, 12]).height(Length::Fill);
    let floating = container(toasts).align_bottom(Length::Fill).center_x(Length::Fill).padding(16);
    page.push(iced::widget::stack![body, floating]).into()
}

fn top_bar<'a>(app: &'a App, ctx: &Ctx) -> Element<'a, Message> {
    let lang = app.lang;
    let tab = |label: &str, screen: Screen| {
        button(text(t(lang, label)).size(font::CONTROL))
            .padding([8, 16])
            .style(theme::tab(app.screen == screen))
            .on_press(Message::Navigate(screen))
    };
    let clock_text =
        clock::format_minute(clock::minute_of(ctx.data.salon.time_zone, ctx.today(), app.now).clamp(0, 1439) as u32);
    let bar = row![
        text("Salondesk").size(font::HEADING),
        text(ctx.data.salon.name.clone()).size(font::BODY).color(theme::mix(theme::PAPER, theme::TEAL, 0.25)),
        space::horizontal().width(24),
        tab("nav-calendar", Screen::Calendar),
        tab("nav-customers", Screen::Customers),
        tab("nav-reports", Screen::Reports),
        messages_tab(app, ctx),
        tab("nav-settings", Screen::Settings),
        space::horizontal(),
        pick_list(Language::ALL, Some(lang), Message::SetLanguage).text_size(font::BODY).padding([6, 10]),
        text(clock_text).size(font::TITLE_SMALL),
    ]
    .spacing(12)
    .align_y(Alignment::Center);
    container(bar).padding([8, 16]).width(Length::Fill).style(theme::top_bar).into()
}

/// "Messages", with the number that failed on a red badge.
fn messages_tab<'a>(app: &'a App, ctx: &Ctx) -> Element<'a, Message> {
    let mut label = row![text(t(app.lang, "nav-messages")).size(font::CONTROL)].spacing(6).align_y(Alignment::Center);
    if ctx.data.outbox_failed > 0 {
        let count = text(ctx.data.outbox_failed.to_string()).size(font::SMALL);
        label = label.push(container(count).padding([1, 7]).style(theme::badge));
    }
    button(label)
        .padding([8, 16])
        .style(theme::tab(app.screen == Screen::Messages))
        .on_press(Message::Navigate(Screen::Messages))
        .into()
}

fn demo_banner(app: &App) -> Element<'_, Message> {
    let lang = app.lang;
    let actions = if app.confirm_start_empty {
        row![
            text(t(lang, "demo-confirm")).size(font::BODY),
            button(text(t(lang, "demo-start-empty-yes")).size(font::BODY))
                .style(theme::danger)
                .on_press(Message::StartEmpty),
            button(text(t(lang, "demo-keep")).size(font::BODY))
                .style(theme::secondary)
                .on_press(Message::AskStartEmpty(false)),
        ]
    } else {
        row![
            button(text(t(lang, "demo-start-empty")).size(font::BODY))
                .style(theme::secondary)
                .on_press(Message::AskStartEmpty(true))
        ]
    };
    banner(
        Banner::Demo,
        row![
            text(t(lang, "demo-banner")).size(font::BODY).width(Length::Fill),
            actions.spacing(8).align_y(Alignment::Center)
        ],
    )
}

fn fatal_view<'a>(app: &'a App, error: &StoreError) -> Element<'a, Message> {
    let lang = app.lang;
    let mut content = column![
        text(t(lang, "fatal-title")).size(font::TITLE),
        text(describe_error(lang, error)).size(font::LEAD),
        text(t(lang, "fatal-safe")).size(font::CONTROL).color(theme::MUTED),
        text(t(lang, "fatal-what-now")).size(font::CONTROL).color(theme::MUTED),
    ]
    .spacing(14)
    .max_width(640);
    // A damaged file: the newest backup that passed its check, one click away.
    if let Some(good) = &app.good_backup {
        let local = good.taken.and_utc().with_timezone(&chrono::Local);
        let when = format!("{} {}", super::i18n::date_long(lang, local.date_naive()), local.format("%H:%M"));
        content = content.push(
            row![
                text(ta(lang, "fatal-backup", &[("when", when)])).size(font::CONTROL).width(Length::Fill),
                button(text(t(lang, "fatal-restore")).size(font::CONTROL))
                    .padding([8, 16])
                    .style(theme::primary)
                    .on_press(Message::RestoreBackup(good.path.clone())),
            ]
            .spacing(12)
            .align_y(Alignment::Center),
        );
    }
    container(container(content).padding(32).style(theme::card)).center(Length::Fill).into()
}

pub fn subscription(app: &App) -> Subscription<Message> {
    let mut all = vec![
        iced::keyboard::listen().map(Message::Key),
        iced::event::listen_with(|event, _, _| match event {
            iced::Event::Window(iced::window::Event::FileDropped(path)) => Some(Message::FileDropped(path)),
            _ => None,
        }),
        Subscription::run(super::workers::minutes).map(Message::Tick),
    ];
    if app.notice_fading() {
        all.push(iced::time::every(std::time::Duration::from_secs(1)).map(|_| Message::Tick(chrono::Utc::now())));
    }
    if let Some(data) = app.data.as_ref().filter(|_| app.fatal.is_none()) {
        all.push(
            Subscription::run_with(data.file.clone(), super::workers::file_changes).map(|()| Message::FileChanged),
        );
        all.push(Subscription::run_with(data.file.clone(), super::workers::raise_requests).map(|()| Message::Raise));
        all.push(Subscription::run_with(data.file.clone(), super::workers::sender).map(Message::Sent));
    }
    Subscription::batch(all)
}
