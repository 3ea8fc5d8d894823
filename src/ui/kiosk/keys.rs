//! The kiosk's on-screen keys: a keypad for numbers and codes, a keyboard
//! with the letters of the customer's language, and its big buttons.

use super::{Message, TARGET};
use crate::domain::Language;
use crate::ui::i18n::t;
use crate::ui::theme;
use crate::ui::theme::font;
use iced::widget::{button, column, container, row, text};
use iced::{Alignment, Element, Length};

pub(super) fn big_button<'a>(label: String, message: Message, primary: bool) -> Element<'a, Message> {
    button(text(label).size(font::TITLE))
        .padding([16, 32])
        .height(TARGET + 8.0)
        .style(if primary { theme::primary } else { theme::secondary })
        .on_press(message)
        .into()
}

pub(super) fn huge_button<'a>(title: String, hint: String, message: Message) -> Element<'a, Message> {
    let label = column![text(title).size(font::KIOSK_DISPLAY), text(hint).size(font::DIALOG)]
        .spacing(10)
        .align_x(Alignment::Center);
    button(container(label).center(Length::Fill))
        .padding(24)
        .width(460)
        .height(220)
        .style(theme::primary)
        .on_press(message)
        .into()
}

fn key_button<'a>(label: String, key: char, width: f32, height: f32) -> Element<'a, Message> {
    button(container(text(label).size(font::KIOSK_CHOICE)).center(Length::Fill))
        .width(width)
        .height(height)
        .style(theme::secondary)
        .on_press(Message::Key(key))
        .into()
}

/// Digits for phone numbers, codes and the PIN.
pub(super) fn keypad<'a>(lang: Language) -> Element<'a, Message> {
    let mut pad = column![].spacing(12);
    for keys in ["123", "456", "789"] {
        pad = pad.push(
            keys.chars().fold(row![].spacing(12), |r, k| r.push(key_button(k.to_string(), k, 110.0, TARGET + 8.0))),
        );
    }
    pad = pad.push(
        row![
            key_button(t(lang, "kiosk-delete"), '\u{8}', 110.0, TARGET + 8.0),
            key_button("0".into(), '0', 110.0, TARGET + 8.0),
            key_button("+".into(), '+', 110.0, TARGET + 8.0),
        ]
        .spacing(12),
    );
    pad = pad.push(
        button(container(text(t(lang, "kiosk-next")).size(font::KIOSK_CHOICE)).center(Length::Fill))
            .width(354)
            .height(TARGET + 8.0)
            .style(theme::primary)
            .on_press(Message::Next),
    );
    pad.into()
}

/// Letters for names and e-mail addresses (keys of the smallest touch
/// target, so that the step's "Next" fits on a 768-pixel screen): the language's own layout (a
/// German one has its "y" where German keyboards have it), and behind
/// "àé" the accented letters of names from all over Europe.
pub(super) fn keyboard<'a>(lang: Language, accents: bool, flip_case: bool) -> Element<'a, Message> {
    let rows: [&str; 4] = if accents {
        ["1234567890", "áàâãåæçéèêë", "íìîïñóòôõöøœ", "úùûüýÿšžčł"]
    } else {
        match lang {
            Language::De => ["1234567890", "qwertzuiopü", "asdfghjkläöß", "yxcvbnm-.'"],
            Language::Nb => ["1234567890", "qwertyuiopå", "asdfghjklæø", "zxcvbnm-.'"],
            Language::Nl => ["1234567890", "qwertyuiop", "asdfghjkléë", "zxcvbnm-.'"],
            Language::En => ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm-.'"],
        }
    };
    let mut board = column![].spacing(10).align_x(Alignment::Center);
    for keys in rows {
        board = board.push(
            keys.chars().fold(row![].spacing(8), |r, k| r.push(key_button(k.to_string(), k, TARGET + 8.0, TARGET))),
        );
    }
    let toggle = |label: &str, on: bool, message: Message| {
        button(container(text(label.to_string()).size(font::KIOSK_CHOICE)).center(Length::Fill))
            .width(TARGET + 40.0)
            .height(TARGET)
            .style(theme::toggle(on))
            .on_press(message)
    };
    board = board.push(
        row![
            toggle("Aa", flip_case, Message::FlipCase),
            toggle("àé", accents, Message::Accents),
            key_button("@".into(), '@', TARGET + 8.0, TARGET),
            key_button("_".into(), '_', TARGET + 8.0, TARGET),
            key_button(t(lang, "kiosk-space"), ' ', 300.0, TARGET),
            key_button(t(lang, "kiosk-delete"), '\u{8}', 180.0, TARGET),
        ]
        .spacing(8),
    );
    container(board).center_x(Length::Fill).into()
}
