//! The calendar's time grid: one column per staff member (day view) or per
//! day (week view). Quarter hours are buttons (click to book), shaded by
//! opening hours, working hours, breaks and absences; appointments are
//! blocks laid over them, side by side where they overlap.

use crate::domain::clock::{self, Instant};
use crate::domain::risk::{Risk, RiskLevel, RiskReason};
use crate::domain::schedule::{DaySpan, OpeningHours, Staff};
use crate::domain::{Appointment, AppointmentState, CustomerStatus, Language};
use crate::ui::i18n::{t, ta};
use crate::ui::theme::font;
use crate::ui::theme::{self, SlotKind};
use crate::ui::widget::{pill, reliability};
use chrono::NaiveDate;
use chrono_tz::Tz;
use iced::widget::text::Wrapping;
use iced::widget::{Column, Stack, button, column, container, mouse_area, row, space, text};
use iced::{Alignment, Element, Length};
use std::collections::HashMap;

/// Pixels per minute: a quarter hour is 18 px, an hour 72 px.
pub const PX_PER_MINUTE: f32 = 1.2;
pub const SLOT_MINUTES: u32 = 15;
/// The width the grid leaves on its right for the scrollbar.
const SCROLLBAR: f32 = 14.0;

/// What happens on the grid, for the calendar to act on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum GridEvent {
    /// A free quarter hour clicked: book it.
    Slot { staff_id: i64, date: NaiveDate, minute: u32 },
    /// Pressed on an appointment: released where it was, it opens; dragged, it moves.
    Grab(i64),
    /// While something is grabbed: the pointer over column `column`, `y` px below its top.
    Pointer { column: usize, y: f32 },
    /// Let go over column `column` (where the last `Pointer` was);
    /// `usize::MAX`: outside every column.
    Drop { column: usize },
}

/// The minute of the day at `y` px below the top of a column.
pub fn minute_at(span: DaySpan, y: f32) -> i64 {
    span.start as i64 + (y / PX_PER_MINUTE).floor() as i64
}

pub struct GridColumn<'a> {
    pub title: String,
    pub date: NaiveDate,
    pub staff: &'a Staff,
    pub appointments: Vec<&'a Appointment>,
}

pub struct Grid<'a> {
    pub lang: Language,
    pub statuses: &'a [CustomerStatus],
    pub risks: &'a HashMap<i64, Risk>,
    pub tz: Tz,
    pub now: Instant,
    pub span: DaySpan,
    pub opening: &'a OpeningHours,
    /// Fixed column width when there are many columns (scroll sideways).
    pub column_width: Option<f32>,
    /// Narrow columns (many staff): marks as one sign each, the word on hover.
    pub compact: bool,
    /// An appointment is being dragged: the columns follow the pointer.
    pub dragging: bool,
}

fn px(minutes: i64) -> f32 {
    minutes as f32 * PX_PER_MINUTE
}

pub fn view<'a, M: Clone + 'a>(
    grid: &Grid<'a>,
    columns: Vec<GridColumn<'a>>,
    on_event: impl Fn(GridEvent) -> M + Copy + 'a,
) -> Element<'a, M> {
    let width = grid.column_width.map(Length::Fixed).unwrap_or(Length::Fill);
    let mut header = row![space().width(56)];
    let mut body = row![hour_labels(grid.span)];
    for (i, col) in columns.into_iter().enumerate() {
        header = header.push(column_header(grid, &col).width(width));
        let mut column = mouse_area(container(column_body(grid, col, i, on_event)).width(width));
        // Only while dragging: a pointer that merely passes costs no redraw.
        if grid.dragging {
            column = column
                .on_move(move |p| on_event(GridEvent::Pointer { column: i, y: p.y }))
                .on_release(on_event(GridEvent::Drop { column: i }))
                .interaction(iced::mouse::Interaction::Grabbing);
        }
        body = body.push(column);
    }
    // The scrollbar gets its own strip: it covers no block of the last column.
    let header = header.push(space().width(SCROLLBAR));
    let body = body.push(space().width(SCROLLBAR));
    let grid_view = column![header, iced::widget::scrollable(body).height(Length::Fill)];
    // Let go anywhere else on the grid (the hours, the headers): the drag
    // ends and nothing moves.
    let mut whole = mouse_area(grid_view);
    if grid.dragging {
        whole = whole.on_release(on_event(GridEvent::Drop { column: usize::MAX }));
    }
    whole.into()
}

fn column_header<'a, M: 'a>(grid: &Grid<'a>, col: &GridColumn<'a>) -> container::Container<'a, M> {
    let note = match col.staff.absence_on(col.date) {
        Some(a) => ta(grid.lang, "calendar-absent", &[("reason", a.reason.clone())]),
        None if col.staff.work_day(col.date).is_none() => t(grid.lang, "calendar-day-off"),
        None => String::new(),
    };
    let today = clock::today(grid.tz, grid.now) == col.date;
    let title = text(col.title.clone()).size(font::BODY);
    let title = if today { title.color(theme::TEAL) } else { title };
    container(column![title, text(note).size(font::PILL).color(theme::MUTED)].align_x(Alignment::Center))
        .padding([4, 2])
        .center_x(Length::Fill)
        .style(theme::column_header)
}

fn hour_labels<'a, M: 'a>(span: DaySpan) -> Element<'a, M> {
    let mut labels = column![].width(56);
    for hour in (span.start / 60)..(span.end.div_ceil(60)) {
        labels = labels.push(
            container(text(clock::format_minute(hour * 60)).size(font::SMALL).color(theme::MUTED))
                .height(px(60))
                .padding([0, 6]),
        );
    }
    labels.into()
}

fn slot_kind(grid: &Grid, col: &GridColumn, minute: u32) -> SlotKind {
    if col.staff.absence_on(col.date).is_some() {
        return SlotKind::Absent;
    }
    if !grid.opening.on(col.date).is_some_and(|o| o.contains(minute)) {
        return SlotKind::Closed;
    }
    if col.staff.windows_on(col.date).iter().any(|w| w.contains(minute)) { SlotKind::Free } else { SlotKind::OffDuty }
}

fn column_body<'a, M: Clone + 'a>(
    grid: &Grid<'a>,
    col: GridColumn<'a>,
    index: usize,
    on_event: impl Fn(GridEvent) -> M + Copy + 'a,
) -> Element<'a, M> {
    let mut slots = Column::new().width(Length::Fill);
    let mut minute = grid.span.start;
    while minute < grid.span.end {
        let kind = slot_kind(grid, &col, minute);
        slots = slots.push(
            button(space())
                .width(Length::Fill)
                .height(px(SLOT_MINUTES as i64))
                .padding(0)
                .style(theme::slot(kind, minute.is_multiple_of(60)))
                .on_press(on_event(GridEvent::Slot { staff_id: col.staff.id, date: col.date, minute })),
        );
        minute += SLOT_MINUTES;
    }
    let mut layers = Stack::new().width(Length::Fill).push(slots);
    let lanes = lanes(&col.appointments);
    for (a, (lane, of)) in col.appointments.iter().zip(lanes) {
        // A no-show or cancellation keeps one lane to its right: the time it
        // freed (seed 000: "wieder buchbar") takes a click on its left.
        let (lane, of) = if a.state.blocks_time() { (lane, of) } else { (lane + 1, of + 1) };
        let top = clock::minute_of(grid.tz, col.date, a.slot.start) - grid.span.start as i64;
        let bottom = clock::minute_of(grid.tz, col.date, a.slot.end) - grid.span.start as i64;
        let (top, bottom) = (top.max(0), bottom.min((grid.span.end - grid.span.start) as i64));
        if bottom <= top {
            continue;
        }
        // Booked while the staff member is away: marked until it is moved.
        let away = a.state.blocks_time() && col.staff.absence_on(col.date).is_some();
        // Let go on the block itself: a click (even within one frame) or a short move.
        let (grab, drop) = (on_event(GridEvent::Grab(a.id)), on_event(GridEvent::Drop { column: index }));
        let block = block(grid, a, px(bottom - top), away, grab, drop);
        let mut placed = row![].width(Length::Fill);
        if lane > 0 {
            placed = placed.push(space().width(Length::FillPortion(lane as u16)));
        }
        placed = placed.push(container(block).width(Length::FillPortion(1)).padding([0, 1]));
        if of > lane + 1 {
            placed = placed.push(space().width(Length::FillPortion((of - lane - 1) as u16)));
        }
        layers = layers.push(column![space().height(px(top)), placed].width(Length::Fill));
    }
    if clock::today(grid.tz, grid.now) == col.date {
        let minute = clock::minute_of(grid.tz, col.date, grid.now) - grid.span.start as i64;
        if minute >= 0 && minute < (grid.span.end - grid.span.start) as i64 {
            let line = container(space()).height(2).width(Length::Fill).style(theme::now_line);
            layers = layers.push(column![space().height(px(minute)), line].width(Length::Fill));
        }
    }
    layers.into()
}

/// Side-by-side placement: each appointment gets a lane, and the number of
/// lanes of the group of overlapping appointments it belongs to. Active ones
/// take the left lanes; a cancelled one beside them is drawn to the right.
fn lanes(appointments: &[&Appointment]) -> Vec<(usize, usize)> {
    let mut placed = vec![(0, 1); appointments.len()];
    let mut order: Vec<usize> = (0..appointments.len()).collect();
    order.sort_by_key(|&i| (appointments[i].slot.start, !appointments[i].state.blocks_time()));
    let mut group: Vec<usize> = Vec::new();
    let mut lane_ends: Vec<Instant> = Vec::new();
    let close = |placed: &mut Vec<(usize, usize)>, group: &mut Vec<usize>, lanes: usize| {
        for i in group.drain(..) {
            placed[i].1 = lanes;
        }
    };
    for i in order {
        let slot = appointments[i].slot;
        if lane_ends.iter().all(|&end| end <= slot.start) {
            close(&mut placed, &mut group, lane_ends.len().max(1));
            lane_ends.clear();
        }
        let lane = match lane_ends.iter().position(|&end| end <= slot.start) {
            Some(free) => free,
            None => {
                lane_ends.push(slot.end);
                lane_ends.len() - 1
            }
        };
        lane_ends[lane] = slot.end;
        placed[i].0 = lane;
        group.push(i);
    }
    close(&mut placed, &mut group, lane_ends.len().max(1));
    placed
}

fn block<'a, M: Clone + 'a>(
    grid: &Grid<'a>,
    a: &'a Appointment,
    height: f32,
    away: bool,
    on_grab: M,
    on_drop: M,
) -> Element<'a, M> {
    let lang = grid.lang;
    let start = clock::to_local(grid.tz, a.slot.start).format("%H:%M").to_string();
    // One line each, clipped by the block: a narrow column never wraps into a mess.
    let one_line = |content: String, size: f32| text(content).size(size).wrapping(Wrapping::None);
    let mut first = row![one_line(start, font::SMALL)].spacing(4).align_y(Alignment::Center);
    // The customer's status symbol, in its colour, before the name.
    let status = a.status_id.and_then(|id| grid.statuses.iter().find(|s| s.id == id));
    if let Some(s) = status.filter(|s| !s.symbol.is_empty()) {
        first = first.push(one_line(s.symbol.clone(), font::SMALL).color(reliability::status_colour(Some(s))));
    }
    let said = |key: &str, sign: &str, colour| mark(t(lang, key), sign, colour, grid.compact);
    let mut marks = Vec::new();
    if away {
        marks.push(said("mark-staff-away", "⇄", theme::DANGER));
    }
    if let Some(risk) = grid.risks.get(&a.id).filter(|r| r.level > RiskLevel::Low) {
        marks.push(risk_mark(lang, risk, grid.compact));
    }
    if a.awaiting_deposit && a.state.blocks_time() {
        marks.push(said("mark-awaiting-deposit", "€", theme::DANGER));
    }
    if !a.is_linked() {
        marks.push(said("mark-not-linked", "?", theme::WARNING));
    } else if a.first_visit && a.state.blocks_time() {
        marks.push(said("mark-new", "+", theme::TEAL));
    }
    let state = match a.state {
        AppointmentState::Booked => String::new(),
        AppointmentState::NoShow | AppointmentState::Cancelled if !a.reason.is_empty() => {
            format!("{}: {}", t(lang, state_key(a.state)), a.reason)
        }
        s => t(lang, state_key(s)),
    };
    let two_lines = height >= 30.0;
    let mut second = row![].spacing(6).align_y(Alignment::Center);
    let name = one_line(a.customer_name.clone(), font::SMALL);
    // Wide: the words follow the name. Narrow: the signs open the second
    // line (or, on one line, come before the name, which the block clips).
    match (grid.compact, two_lines) {
        (false, _) => first = marks.into_iter().fold(first.push(name), |r, m| r.push(m)),
        (true, true) => {
            first = first.push(name);
            second = marks.into_iter().fold(second, |r, m| r.push(m));
        }
        (true, false) => first = marks.into_iter().fold(first, |r, m| r.push(m)).push(name),
    }
    let second =
        second.push(one_line(a.service_name.clone(), font::PILL).color(theme::MUTED)).push(one_line(state, font::PILL));
    let content: Element<'a, M> = if two_lines { column![first, second].spacing(1).into() } else { first.into() };
    // A press grabs it (the calendar tells a click from a drag), so the block
    // is a button without a press of its own, inside an area that sees it.
    let face = button(content)
        .width(Length::Fill)
        .height(height - 1.0)
        .padding([1, 4])
        .clip(true)
        .style(theme::appointment(&a.service_colour, a.state));
    mouse_area(face).on_press(on_grab).on_release(on_drop).interaction(iced::mouse::Interaction::Pointer).into()
}

/// A mark on a block: its word, or in a narrow column one sign with the
/// word on hover (a chip cut to "nicht verknüp…" says nothing).
fn mark<'a, M: 'a>(word: String, sign: &str, colour: iced::Color, compact: bool) -> Element<'a, M> {
    if !compact {
        return pill(word, colour);
    }
    hover_text(pill(sign.to_string(), colour), word)
}

fn hover_text<'a, M: 'a>(content: Element<'a, M>, said: String) -> Element<'a, M> {
    iced::widget::tooltip(
        content,
        container(text(said).size(font::SMALL)).padding(6).max_width(320).style(theme::dialog),
        iced::widget::tooltip::Position::Bottom,
    )
    .into()
}

/// "risk" / "high risk" ("!" in a narrow column), with the reasons in words on hover.
pub fn risk_mark<'a, M: 'a>(lang: Language, risk: &Risk, compact: bool) -> Element<'a, M> {
    let (key, colour) = match risk.level {
        RiskLevel::High => ("risk-high", theme::DANGER),
        _ => ("risk-medium", theme::WARNING),
    };
    let label = if compact { "!".to_string() } else { t(lang, key) };
    let said =
        if compact { format!("{}: {}", t(lang, key), risk_reasons(lang, risk)) } else { risk_reasons(lang, risk) };
    hover_text(pill(label, colour), said)
}

/// "2 of last 5 missed; booked 40 days ahead; no reminder planned"
pub fn risk_reasons(lang: Language, risk: &Risk) -> String {
    risk.reasons
        .iter()
        .map(|r| match r {
            RiskReason::Missed { missed, of } => {
                ta(lang, "risk-missed", &[("missed", missed.to_string()), ("of", of.to_string())])
            }
            RiskReason::BookedAhead { days } => ta(lang, "risk-ahead", &[("days", days.to_string())]),
            RiskReason::FirstVisit => t(lang, "risk-first-visit"),
            RiskReason::NotLinked => t(lang, "risk-not-linked"),
            RiskReason::NoReminder => t(lang, "risk-no-reminder"),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn state_key(state: AppointmentState) -> &'static str {
    match state {
        AppointmentState::Booked => "state-booked",
        AppointmentState::Arrived => "state-arrived",
        AppointmentState::Completed => "state-completed",
        AppointmentState::Cancelled => "state-cancelled",
        AppointmentState::NoShow => "state-no-show",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::appointment::{AppointmentState, Slot, Source};
    use chrono::{TimeZone, Utc};

    fn appointment(start: u32, end: u32, state: AppointmentState) -> Appointment {
        let at = |m: u32| Utc.with_ymd_and_hms(2026, 11, 23, m / 60, m % 60, 0).unwrap();
        Appointment {
            id: 0,
            staff_id: 1,
            service_id: 1,
            customer_id: None,
            customer_name: String::new(),
            customer_phone: String::new(),
            service_name: String::new(),
            service_colour: String::new(),
            price_cents: 0,
            slot: Slot { start: at(start), end: at(end) },
            state,
            reason: String::new(),
            source: Source::Desk,
            created_by: String::new(),
            created_at: at(0),
            first_visit: false,
            status_id: None,
            reached: None,
            deposit_cents: 0,
            awaiting_deposit: false,
        }
    }

    #[test]
    fn overlapping_blocks_share_the_width_and_others_keep_it() {
        use AppointmentState::*;
        let a = appointment(600, 660, NoShow);
        let b = appointment(600, 630, Booked);
        let c = appointment(630, 660, Booked);
        let d = appointment(700, 730, Booked);
        let placed = lanes(&[&a, &b, &c, &d]);
        assert_eq!(placed[1], (0, 2), "the active one on the left");
        assert_eq!(placed[0], (1, 2), "the no-show beside it");
        assert_eq!(placed[2], (0, 2), "reuses the free left lane");
        assert_eq!(placed[3], (0, 1), "alone: the full width");
    }
}
