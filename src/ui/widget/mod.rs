//! Small building blocks shared by the screens.

pub mod choice;
pub mod customer_pick;
pub mod date_picker;
pub mod pie;
pub mod reliability;
pub mod time_grid;

use super::theme::{self, Banner};
use crate::ui::theme::font;
use iced::widget::{button, column, container, row, text, text_input};
use iced::{Alignment, Element, Length};

pub fn banner<'a, M: 'a>(kind: Banner, content: impl Into<Element<'a, M>>) -> Element<'a, M> {
    container(content).padding([8, 12]).width(Length::Fill).style(theme::banner(kind)).into()
}

/// A banner with a close button.
/// A notice with its × and, if given, one action ("Undo") before it.
pub fn notice<'a, M: Clone + 'a>(
    kind: Banner,
    message: String,
    action: Option<(String, M)>,
    dismiss: M,
) -> Element<'a, M> {
    let mut line = row![text(message).size(font::BODY).width(Length::Fill)].spacing(8).align_y(Alignment::Center);
    if let Some((label, on_press)) = action {
        line = line.push(button(text(label).size(font::BODY)).style(theme::secondary).on_press(on_press));
    }
    banner(kind, line.push(button(text("×").size(font::LEAD)).style(theme::link).on_press(dismiss)))
}

/// A labelled text field; `id` makes it reachable for focus and tests.
pub fn field<'a, M: Clone + 'a>(
    label: String,
    value: &str,
    on_input: impl Fn(String) -> M + 'a,
    id: &'static str,
) -> Element<'a, M> {
    column![
        text(label).size(font::LABEL).color(theme::MUTED),
        text_input("", value).id(id).on_input(on_input).padding([6, 8]).size(font::CONTROL).style(theme::input),
    ]
    .spacing(3)
    .into()
}

/// A small coloured label: "new", "not linked", "no-show".
pub fn pill<'a, M: 'a>(label: String, colour: iced::Color) -> Element<'a, M> {
    container(text(label).size(font::PILL).wrapping(iced::widget::text::Wrapping::None))
        .padding([1, 6])
        .style(theme::pill(colour))
        .into()
}

/// What went wrong, in the language shown now.
pub fn error_line<'a, M: 'a>(
    lang: crate::domain::Language,
    problem: &Option<crate::ui::context::Problem>,
) -> Element<'a, M> {
    match problem {
        Some(p) => text(crate::ui::words::problem_text(lang, p)).size(font::BODY).color(theme::DANGER).into(),
        None => column![].into(),
    }
}

pub fn heading<'a, M: 'a>(label: String) -> Element<'a, M> {
    text(label).size(font::HEADING).into()
}

/// A setting's field: its default as the placeholder, a secret one hidden.
/// A setting's field as its kind asks: a switch for on/off, a pick list
/// for a choice (its values in words), else a text field (a secret hidden).
pub fn setting_input<'a, M: Clone + 'a>(
    lang: crate::domain::Language,
    key: &crate::message::config::Key,
    value: &str,
    on_input: impl Fn(String) -> M + 'a,
) -> Element<'a, M> {
    // A choice never set shows its default (what the sender uses then).
    let chosen = if value.trim().is_empty() { key.default } else { value.trim() };
    match key.choices {
        [] => text_input(key.default, value)
            .on_input(on_input)
            .size(font::BODY)
            .padding([5, 8])
            .style(theme::input)
            .secure(key.secret)
            .into(),
        ["on", "off"] => iced::widget::toggler(chosen == "on")
            .on_toggle(move |on| on_input(if on { "on" } else { "off" }.to_string()))
            .size(22)
            .into(),
        choices => {
            let items: Vec<choice::Choice<&'static str>> = choices
                .iter()
                .map(|c| choice::Choice::new(*c, crate::ui::i18n::t(lang, crate::ui::words::choice_key(c))))
                .collect();
            let selected = items.iter().find(|c| c.id == chosen).cloned();
            iced::widget::pick_list(items, selected, move |c: choice::Choice<&'static str>| on_input(c.id.to_string()))
                .text_size(font::BODY)
                .padding([5, 8])
                .into()
        }
    }
}
