//! The reliability scale and the status colour, as shown on the card and
//! wherever a customer is picked.

use crate::domain::schedule::parse_colour;
use crate::domain::{CustomerStatus, Language, Reliability};
use crate::ui::i18n::{t, ta};
use crate::ui::theme;
use crate::ui::theme::font;
use iced::widget::{column, container, row, space, text, tooltip};
use iced::{Alignment, Border, Color, Element, Length};

fn colour_of(rgb: Option<[u8; 3]>) -> Color {
    rgb.map(|[r, g, b]| Color::from_rgb8(r, g, b)).unwrap_or(theme::LINE)
}

/// "12 attended · 2 no-shows (14 %)", or "no visits yet".
pub fn counts(lang: Language, r: Reliability) -> String {
    if r.due() == 0 {
        return t(lang, "reliability-none");
    }
    ta(
        lang,
        "reliability-counts",
        &[
            ("attended", r.attended.to_string()),
            ("noshows", r.no_shows.to_string()),
            ("percent", r.missed_percent().to_string()),
        ],
    )
}

fn bar<'a, M: 'a>(r: Reliability, width: f32, height: f32) -> Element<'a, M> {
    let fill = colour_of(r.colour());
    container(space().width(width).height(height))
        .style(move |_| container::Style {
            background: Some(fill.into()),
            border: Border { radius: (height / 2.0).into(), ..Border::default() },
            ..Default::default()
        })
        .into()
}

fn explained<'a, M: 'a>(lang: Language, r: Reliability, content: Element<'a, M>) -> Element<'a, M> {
    let tip = container(
        column![text(counts(lang, r)).size(font::LABEL), text(t(lang, "reliability-explained")).size(font::SMALL)]
            .spacing(4),
    )
    .padding(8)
    .max_width(320)
    .style(theme::dialog);
    tooltip(content, tip, tooltip::Position::Bottom).into()
}

/// The full scale for the customer card: bar and counts, explained on hover.
pub fn scale<'a, M: 'a>(lang: Language, r: Reliability) -> Element<'a, M> {
    let content = row![bar(r, 160.0, 10.0), text(counts(lang, r)).size(font::LABEL).color(theme::MUTED)]
        .spacing(10)
        .align_y(Alignment::Center);
    explained(lang, r, content.into())
}

/// The small scale beside a name in a list or a suggestion.
pub fn mini<'a, M: 'a>(lang: Language, r: Reliability) -> Element<'a, M> {
    explained(lang, r, bar(r, 36.0, 6.0))
}

/// A dot in the status's colour, the status named on hover.
pub fn status_dot<'a, M: 'a>(status: Option<&CustomerStatus>) -> Element<'a, M> {
    let colour = colour_of(status.and_then(|s| parse_colour(&s.colour)));
    let dot = container(space().width(10).height(10)).style(move |_| container::Style {
        background: Some(colour.into()),
        border: Border { radius: 5.0.into(), ..Border::default() },
        ..Default::default()
    });
    match status {
        Some(s) => tooltip(
            dot,
            container(text(s.name.clone()).size(font::SMALL)).padding(4).style(theme::dialog),
            tooltip::Position::Right,
        )
        .into(),
        None => container(dot).width(Length::Shrink).into(),
    }
}

pub fn status_colour(status: Option<&CustomerStatus>) -> Color {
    colour_of(status.and_then(|s| parse_colour(&s.colour)))
}
