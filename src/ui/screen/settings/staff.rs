//! Settings › Staff: each staff member's name, working week with breaks,
//! and absences.

use super::{Field, Message, State, Toggle, day_row, input, read_span, span_form};
use crate::domain::clock;
use crate::domain::schedule::{Absence, Staff, WorkDay};
use crate::domain::{Appointment, InputError};
use crate::ui::context::{Ctx, Problem};
use crate::ui::i18n::{self, t, ta};
use crate::ui::theme;
use crate::ui::theme::font;
use iced::widget::{button, checkbox, column, container, row, text};
use iced::{Alignment, Element, Length};

impl State {
    pub(super) fn pick_staff(&mut self, id: i64) {
        let staff = self.staff_list.iter().find(|s| s.id == id).cloned();
        self.staff_id = staff.as_ref().map_or(0, |s| s.id);
        self.staff_name = staff.as_ref().map(|s| s.name.clone()).unwrap_or_default();
        self.staff_active = staff.as_ref().is_none_or(|s| s.active);
        self.week = std::array::from_fn(|d| {
            let work = staff.as_ref().and_then(|s| s.week[d]);
            let mut form = span_form(work.map(|w| w.hours));
            if staff.is_none() && d < 5 {
                form.on = true;
            }
            if let Some(p) = work.and_then(|w| w.pause) {
                form.pause_from = clock::format_minute(p.start);
                form.pause_to = clock::format_minute(p.end);
            }
            form
        });
    }

    pub(super) fn staff_draft(&self) -> Result<Staff, Problem> {
        if self.staff_name.trim().is_empty() {
            return Err(InputError::Required("name").into());
        }
        let mut week = [None; 7];
        for (d, day) in self.week.iter().enumerate() {
            if !day.on {
                continue;
            }
            let hours = read_span(&day.from, &day.to)?;
            let pause = if day.pause_from.trim().is_empty() && day.pause_to.trim().is_empty() {
                None
            } else {
                let p = read_span(&day.pause_from, &day.pause_to)?;
                if p.start < hours.start || p.end > hours.end {
                    return Err(Problem::Refusal("error-break-outside"));
                }
                Some(p)
            };
            week[d] = Some(WorkDay { hours, pause });
        }
        Ok(Staff {
            id: self.staff_id,
            name: self.staff_name.clone(),
            week,
            absences: Vec::new(),
            active: self.staff_active,
        })
    }

    pub(super) fn absence_draft(&self) -> Result<Absence, Problem> {
        if self.staff_id == 0 {
            return Err(Problem::Refusal("error-save-staff-first"));
        }
        let first_day = clock::parse_date(&self.absence[0])?;
        let last_day = match self.absence[1].trim() {
            "" => first_day,
            typed => clock::parse_date(typed)?,
        };
        if last_day < first_day {
            return Err(InputError::EndBeforeStart.into());
        }
        Ok(Absence { id: 0, staff_id: self.staff_id, first_day, last_day, reason: self.absence[2].trim().to_string() })
    }

    pub(super) fn staff_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let mut list = column![].spacing(2).width(200);
        for s in &self.staff_list {
            let label =
                if s.active { s.name.clone() } else { format!("{} ({})", s.name, t(lang, "settings-inactive")) };
            list = list.push(
                button(text(label).size(font::BODY))
                    .width(Length::Fill)
                    .style(theme::list_row(s.id == self.staff_id))
                    .on_press(Message::PickStaff(s.id)),
            );
        }
        list = list.push(
            button(text(t(lang, "settings-add-staff")).size(font::BODY))
                .style(theme::link)
                .on_press(Message::PickStaff(0)),
        );
        let mut week = column![text(t(lang, "settings-working-hours")).size(font::SECTION)].spacing(6);
        for (d, day) in self.week.iter().enumerate() {
            let pause = Some((Field::PauseStarts(d), Field::PauseEnds(d)));
            week = week.push(day_row(lang, d, day, Toggle::Works(d), Field::Starts(d), Field::Ends(d), pause));
        }
        let mut absences = column![text(t(lang, "settings-absences")).size(font::SECTION)].spacing(6);
        if let Some(staff) = self.staff_list.iter().find(|s| s.id == self.staff_id) {
            for a in &staff.absences {
                let range =
                    format!("{} – {}", i18n::date_numeric(lang, a.first_day), i18n::date_numeric(lang, a.last_day));
                absences = absences.push(
                    row![
                        text(range).size(font::BODY).width(220),
                        text(a.reason.clone()).size(font::BODY).width(Length::Fill),
                        button(text(t(lang, "button-remove")).size(font::LABEL))
                            .style(theme::secondary)
                            .on_press(Message::RemoveAbsence(a.id)),
                    ]
                    .align_y(Alignment::Center),
                );
            }
        }
        absences = absences.push(
            row![
                input(lang, "field-from", &self.absence[0], Field::AbsenceFrom),
                input(lang, "field-to", &self.absence[1], Field::AbsenceTo),
                input(lang, "field-reason", &self.absence[2], Field::AbsenceReason),
                button(text(t(lang, "settings-add-absence")).size(font::BODY))
                    .style(theme::secondary)
                    .on_press(Message::AddAbsence),
            ]
            .spacing(8)
            .align_y(Alignment::End),
        );
        let form = column![
            row![
                input(lang, "field-name", &self.staff_name, Field::StaffName),
                checkbox(self.staff_active)
                    .label(t(lang, "settings-active"))
                    .on_toggle(|on| Message::Toggle(Toggle::StaffActive, on)),
            ]
            .spacing(12)
            .align_y(Alignment::End),
            week,
            absences,
        ]
        .spacing(14);
        row![list, form].spacing(20).into()
    }
}

/// "Lena has 3 appointments in this absence:", each of them, and whether to
/// add it anyway (they are then marked in the calendar until moved).
pub(super) fn absence_clash<'a>(ctx: &Ctx<'a>, staff: &str, clashes: &'a [Appointment]) -> Element<'a, Message> {
    let lang = ctx.lang;
    let tz = ctx.data.salon.time_zone;
    let count = ta(lang, "absence-clash", &[("staff", staff.to_string()), ("count", clashes.len().to_string())]);
    let mut list = column![text(count).size(font::BODY).color(theme::WARNING)].spacing(2);
    for a in clashes.iter().take(12) {
        let local = clock::to_local(tz, a.slot.start);
        let when = format!("{} {}", i18n::date_short(lang, local.date()), local.format("%H:%M"));
        list = list.push(
            row![
                text(when).size(font::LABEL).width(110),
                text(a.customer_name.clone()).size(font::LABEL).width(Length::Fill),
                text(a.service_name.clone()).size(font::LABEL).color(theme::MUTED),
            ]
            .spacing(8),
        );
    }
    if clashes.len() > 12 {
        list = list.push(
            text(ta(lang, "absence-clash-more", &[("count", (clashes.len() - 12).to_string())])).size(font::LABEL),
        );
    }
    list = list.push(
        row![
            button(text(t(lang, "absence-add-anyway")).size(font::LABEL))
                .style(theme::primary)
                .on_press(Message::AddAbsenceAnyway),
            button(text(t(lang, "button-back")).size(font::LABEL))
                .style(theme::secondary)
                .on_press(Message::KeepAbsence),
        ]
        .spacing(8),
    );
    container(list).padding(20).max_width(560).style(theme::dialog).into()
}
