//! One calm palette and every style in one place; widgets never pick colours.

use crate::domain::AppointmentState;
use crate::domain::schedule::parse_colour;
use iced::widget::{button, container, text_input};
use iced::{Background, Border, Color, Shadow, Theme, color};

pub const PAPER: Color = color!(0xf6f3ef);
pub const INK: Color = color!(0x2d2a32);
pub const MUTED: Color = color!(0x6f6a73);
pub const TEAL: Color = color!(0x2f5d62);
pub const TEAL_DARK: Color = color!(0x23474b);
pub const LINE: Color = color!(0xe2ddd6);
pub const CARD: Color = color!(0xffffff);
pub const CLOSED: Color = color!(0xebe7e1);
pub const OFF_DUTY: Color = color!(0xf0ede8);
pub const ABSENT: Color = color!(0xf3e3de);
pub const NOW: Color = color!(0xd0543f);
pub const SUCCESS: Color = color!(0x3f7d58);
pub const WARNING: Color = color!(0xb7791f);
pub const DANGER: Color = color!(0xb0413e);

/// The type scale: every text size the program uses, named by what it is
/// for. The desk reads at a desk's distance; the kiosk at arm's length.
pub mod font {
    /// Axis labels of the report's chart.
    pub const AXIS: f32 = 10.0;
    /// Pills ("new", "not linked") and notes under a column title.
    pub const PILL: f32 = 11.0;
    /// A second line under a name: phone, service, staff.
    pub const SMALL: f32 = 12.0;
    /// Field labels and hints.
    pub const LABEL: f32 = 13.0;
    /// The desk's running text, lists and banners.
    pub const BODY: f32 = 14.0;
    /// Buttons, tabs and typed text.
    pub const CONTROL: f32 = 15.0;
    /// A line that stands out: an explanation, a loading screen.
    pub const LEAD: f32 = 16.0;
    /// A section's heading inside a card.
    pub const SECTION: f32 = 17.0;
    /// The clock, the calendar's date, an arrow button.
    pub const TITLE_SMALL: f32 = 18.0;
    /// A screen's heading.
    pub const HEADING: f32 = 20.0;
    /// A dialog's title; the kiosk's hints and languages.
    pub const DIALOG: f32 = 22.0;
    /// A report's figures; the kiosk's notices.
    pub const FIGURE: f32 = 24.0;
    /// The screen for a file that cannot be used; the kiosk's buttons.
    pub const TITLE: f32 = 26.0;
    /// The kiosk's choices (services, staff, what was typed).
    pub const KIOSK_CHOICE: f32 = 28.0;
    /// A kiosk sentence on its own.
    pub const KIOSK_NOTE: f32 = 30.0;
    /// A kiosk step's question.
    pub const KIOSK_TITLE: f32 = 34.0;
    /// The check-in card.
    pub const KIOSK_CARD: f32 = 36.0;
    /// The number being typed; the big choices on the welcome screen.
    pub const KIOSK_DISPLAY: f32 = 40.0;
    /// "You are booked".
    pub const KIOSK_DONE: f32 = 44.0;
    /// The welcome.
    pub const KIOSK_WELCOME: f32 = 48.0;
}

pub fn theme() -> Theme {
    Theme::custom(
        "Salondesk",
        iced::theme::Palette {
            background: PAPER,
            text: INK,
            primary: TEAL,
            success: SUCCESS,
            warning: WARNING,
            danger: DANGER,
        },
    )
}

fn rounded(radius: f32) -> Border {
    Border { radius: radius.into(), ..Border::default() }
}

pub fn top_bar(theme: &Theme) -> container::Style {
    let p = theme.palette();
    container::Style { background: Some(p.primary.into()), text_color: Some(Color::WHITE), ..Default::default() }
}

// No shadows anywhere: iced 0.14's software renderer damages only a quad's
// own bounds, so a shadow outside them is blended again on every partial
// redraw (ghosts, panels that darken; iced #2712, #3359). A border does it.
pub fn card(_: &Theme) -> container::Style {
    container::Style {
        background: Some(CARD.into()),
        border: Border { color: LINE, width: 1.0, radius: 8.0.into() },
        ..Default::default()
    }
}

pub fn dialog(_: &Theme) -> container::Style {
    container::Style {
        background: Some(CARD.into()),
        border: Border { color: mix(LINE, INK, 0.35), width: 1.0, radius: 10.0.into() },
        ..Default::default()
    }
}

pub fn backdrop(theme: &Theme) -> container::Style {
    let p = theme.palette();
    container::Style { background: Some(Color { a: 0.35, ..p.text }.into()), ..Default::default() }
}

pub fn banner(kind: Banner) -> impl Fn(&Theme) -> container::Style {
    move |theme: &Theme| {
        let p = theme.palette();
        let (bg, fg) = match kind {
            Banner::Info => (color!(0xe4eeee), TEAL_DARK),
            Banner::Demo => (color!(0xfbefd5), color!(0x6b4a12)),
            Banner::Error => (color!(0xf8e1df), p.danger),
        };
        container::Style {
            background: Some(bg.into()),
            text_color: Some(fg),
            border: Border { color: Color { a: 0.3, ..fg }, width: 1.0, radius: 6.0.into() },
            ..Default::default()
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Banner {
    Info,
    Demo,
    Error,
}

/// A small coloured label ("new", "not linked", "no-show").
pub fn pill(colour: Color) -> impl Fn(&Theme) -> container::Style {
    move |_| container::Style {
        background: Some(Color { a: 0.14, ..colour }.into()),
        text_color: Some(colour),
        border: Border { color: Color { a: 0.45, ..colour }, width: 1.0, radius: 9.0.into() },
        ..Default::default()
    }
}

/// A count that needs attention: white on red.
pub fn badge(theme: &Theme) -> container::Style {
    let p = theme.palette();
    container::Style {
        background: Some(p.danger.into()),
        text_color: Some(Color::WHITE),
        border: Border { radius: 9.0.into(), ..Default::default() },
        ..Default::default()
    }
}

fn button_colours(bg: Color, fg: Color, status: button::Status) -> button::Style {
    let bg = match status {
        button::Status::Hovered => mix(bg, Color::BLACK, 0.08),
        button::Status::Pressed => mix(bg, Color::BLACK, 0.16),
        button::Status::Disabled => mix(bg, PAPER, 0.55),
        button::Status::Active => bg,
    };
    button::Style {
        background: Some(bg.into()),
        text_color: fg,
        border: rounded(6.0),
        shadow: Shadow::default(),
        snap: true,
    }
}

pub fn primary(theme: &Theme, status: button::Status) -> button::Style {
    let p = theme.palette();
    button_colours(p.primary, Color::WHITE, status)
}

pub fn danger(theme: &Theme, status: button::Status) -> button::Style {
    let p = theme.palette();
    button_colours(p.danger, Color::WHITE, status)
}

pub fn secondary(theme: &Theme, status: button::Status) -> button::Style {
    let p = theme.palette();
    let mut s = button_colours(CARD, p.text, status);
    s.border = Border { color: LINE, width: 1.0, radius: 6.0.into() };
    s
}

/// Navigation tabs in the top bar; the open one is marked.
pub fn tab(selected: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme: &Theme, status| {
        let p = theme.palette();
        let bg = if selected { TEAL_DARK } else { p.primary };
        let mut s = button_colours(bg, Color::WHITE, status);
        s.border = rounded(6.0);
        s
    }
}

/// A choice among several (view mode, weekday, preset reason).
pub fn toggle(selected: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme, status| if selected { primary(theme, status) } else { secondary(theme, status) }
}

pub fn link(theme: &Theme, status: button::Status) -> button::Style {
    let p = theme.palette();
    let fg = if matches!(status, button::Status::Hovered) { TEAL_DARK } else { p.primary };
    button::Style { background: None, text_color: fg, border: Border::default(), shadow: Shadow::default(), snap: true }
}

/// A row of a list (search results, suggestions) that highlights under the mouse.
pub fn list_row(selected: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme: &Theme, status| {
        let p = theme.palette();
        let bg = match (selected, status) {
            (true, _) => color!(0xdfeaea),
            (false, button::Status::Hovered) => color!(0xf1eee9),
            _ => CARD,
        };
        button::Style {
            background: Some(bg.into()),
            text_color: p.text,
            border: rounded(4.0),
            shadow: Shadow::default(),
            snap: true,
        }
    }
}

/// What a quarter hour of a staff member's column is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotKind {
    Free,
    OffDuty,
    Closed,
    Absent,
}

pub fn slot(kind: SlotKind, full_hour: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme: &Theme, status| {
        let p = theme.palette();
        let base = match kind {
            SlotKind::Free => CARD,
            SlotKind::OffDuty => OFF_DUTY,
            SlotKind::Closed => CLOSED,
            SlotKind::Absent => ABSENT,
        };
        let bg = if matches!(status, button::Status::Hovered) { mix(base, p.primary, 0.12) } else { base };
        let line = if full_hour { LINE } else { Color { a: 0.45, ..LINE } };
        button::Style {
            background: Some(bg.into()),
            text_color: MUTED,
            border: Border { color: line, width: 0.5, radius: 0.0.into() },
            shadow: Shadow::default(),
            snap: true,
        }
    }
}

/// An appointment block: the service's colour; faded when it no longer
/// holds its time (cancelled, no-show).
/// A colour to pick for a service, as its blocks will look; ringed when chosen.
pub fn swatch(colour: &str, chosen: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    let base = parse_colour(colour).map(|[r, g, b]| Color::from_rgb8(r, g, b)).unwrap_or(TEAL);
    move |_, status| button::Style {
        background: Some(base.into()),
        border: Border {
            color: if chosen || matches!(status, button::Status::Hovered) { INK } else { LINE },
            width: if chosen { 3.0 } else { 1.0 },
            radius: 4.0.into(),
        },
        ..button::Style::default()
    }
}

pub fn appointment(colour: &str, state: AppointmentState) -> impl Fn(&Theme, button::Status) -> button::Style {
    let base = parse_colour(colour).map(|[r, g, b]| Color::from_rgb8(r, g, b)).unwrap_or(TEAL);
    move |_, status| {
        let faded = !state.blocks_time();
        let fill = match state {
            _ if faded => mix(base, CARD, 0.82),
            AppointmentState::Completed => mix(base, CARD, 0.55),
            _ => mix(base, CARD, 0.35),
        };
        let fill = if matches!(status, button::Status::Hovered) { mix(fill, INK, 0.06) } else { fill };
        let edge = match state {
            AppointmentState::NoShow => DANGER,
            AppointmentState::Arrived => SUCCESS,
            _ => base,
        };
        button::Style {
            background: Some(Background::Color(fill)),
            text_color: if faded { MUTED } else { INK },
            border: Border { color: edge, width: if faded { 1.0 } else { 1.5 }, radius: 5.0.into() },
            shadow: Shadow::default(),
            snap: true,
        }
    }
}

pub fn now_line(_: &Theme) -> container::Style {
    container::Style { background: Some(NOW.into()), ..Default::default() }
}

pub fn column_header(_: &Theme) -> container::Style {
    container::Style {
        background: Some(CARD.into()),
        border: Border { color: LINE, width: 1.0, radius: 0.0.into() },
        ..Default::default()
    }
}

pub fn input(theme: &Theme, status: text_input::Status) -> text_input::Style {
    let mut s = text_input::default(theme, status);
    s.border.radius = 5.0.into();
    s
}

pub fn mix(a: Color, b: Color, t: f32) -> Color {
    Color { r: a.r + (b.r - a.r) * t, g: a.g + (b.g - a.g) * t, b: a.b + (b.b - a.b) * t, a: a.a + (b.a - a.a) * t }
}
