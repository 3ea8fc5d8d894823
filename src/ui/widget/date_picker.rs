//! A month of days to pick a date from, weeks starting on the language's
//! first weekday.

use crate::domain::Language;
use crate::ui::i18n;
use crate::ui::theme;
use crate::ui::theme::font;
use chrono::{Datelike, Duration, NaiveDate};
use iced::widget::{button, column, container, row, text};
use iced::{Alignment, Element, Length};

pub fn view<'a, M: Clone + 'a>(
    lang: Language,
    month: NaiveDate,
    selected: NaiveDate,
    today: NaiveDate,
    on_pick: impl Fn(NaiveDate) -> M + 'a,
    on_month: impl Fn(i32) -> M + 'a,
) -> Element<'a, M> {
    let first = month.with_day(1).unwrap_or(month);
    let first_weekday = lang.first_weekday();
    let lead = (first.weekday().num_days_from_monday() + 7 - first_weekday.num_days_from_monday()) % 7;
    let start = first - Duration::days(lead as i64);
    let header = row![
        button(text("‹").size(font::TITLE_SMALL)).style(theme::secondary).on_press(on_month(-1)),
        text(i18n::month_year(lang, first)).size(font::LEAD).width(Length::Fill).align_x(Alignment::Center),
        button(text("›").size(font::TITLE_SMALL)).style(theme::secondary).on_press(on_month(1)),
    ]
    .align_y(Alignment::Center)
    .spacing(8);
    let mut weekdays = row![].spacing(2);
    let mut day = first_weekday;
    for _ in 0..7 {
        weekdays = weekdays.push(
            text(i18n::weekday_short(lang, day))
                .size(font::SMALL)
                .color(theme::MUTED)
                .width(40)
                .align_x(Alignment::Center),
        );
        day = day.succ();
    }
    let mut weeks = column![header, weekdays].spacing(4);
    for w in 0..6 {
        let mut week = row![].spacing(2);
        for d in 0..7 {
            let date = start + Duration::days(w * 7 + d);
            let label = text(date.day().to_string()).size(font::BODY).width(Length::Fill).align_x(Alignment::Center);
            let label = if date.month() != first.month() { label.color(theme::MUTED) } else { label };
            let label = if date == today { label.color(theme::NOW) } else { label };
            week = week.push(
                button(label).width(40).padding([6, 0]).style(theme::toggle(date == selected)).on_press(on_pick(date)),
            );
        }
        weeks = weeks.push(week);
    }
    // As wide as its seven columns: a small month, not a band across the calendar.
    container(weeks).padding(12).width(7.0 * 42.0 + 24.0).style(theme::dialog).into()
}
