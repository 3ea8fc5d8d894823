//! Moving an appointment by drag and drop: pressed on a block, the pointer
//! followed over the columns, let go on another time or staff member. A
//! press let go where it was is a click (the dialog opens). The move itself
//! is the dialog's save, with its overlap refusal and warnings.

use super::{Message, Mode, State, appointment};
use crate::domain::clock;
use crate::domain::schedule::DaySpan;
use crate::ui::context::{Action, Ctx};
use crate::ui::widget::time_grid::{self, GridEvent};
use chrono::{Duration, NaiveDate};

/// An appointment held by the pointer: where it was grabbed and where the
/// pointer is now (column, px below its top), once it has moved.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Drag {
    pub id: i64,
    grab: Option<(usize, f32)>,
    at: Option<(usize, f32)>,
}

/// Less than this many px of movement is a click, not a drag.
const CLICK: f32 = 6.0;

/// The start minute of the moved appointment: where the pointer is, less
/// how far into the block it was grabbed, to the quarter hour.
pub fn moved_minute(span: DaySpan, start_minute: i64, grab_y: f32, at_y: f32) -> u32 {
    let offset = time_grid::minute_at(span, grab_y) - start_minute;
    let minute = time_grid::minute_at(span, at_y) - offset;
    let quarter = (minute as f32 / 15.0).round() as i64 * 15;
    quarter.clamp(span.start as i64, span.end as i64 - 15) as u32
}

impl State {
    /// Whether an appointment is held by the pointer.
    pub fn is_dragging(&self) -> bool {
        self.drag.is_some()
    }

    /// The grid's columns in order: whose and which day each one is.
    pub(super) fn column_keys(&self, ctx: &Ctx) -> Vec<(i64, NaiveDate)> {
        let (first, days) = self.range(ctx);
        match self.mode {
            Mode::Day => ctx.data.staff.iter().filter(|s| s.active).map(|s| (s.id, first)).collect(),
            Mode::Week => {
                let dates = (0..days as i64).map(move |d| first + Duration::days(d));
                match self.week_staff {
                    Some(super::ALL_STAFF) => {
                        let active: Vec<i64> = ctx.data.staff.iter().filter(|s| s.active).map(|s| s.id).collect();
                        dates.flat_map(|date| active.iter().map(move |&id| (id, date))).collect()
                    }
                    Some(staff) => dates.map(|date| (staff, date)).collect(),
                    None => Vec::new(),
                }
            }
        }
    }

    pub(super) fn grid_event(&mut self, event: GridEvent, ctx: &Ctx) -> Action<Message> {
        match event {
            GridEvent::Slot { staff_id, date, minute } => {
                self.drag = None;
                self.update(Message::SlotClicked { staff_id, date, minute }, ctx)
            }
            GridEvent::Grab(id) => {
                self.drag = Some(Drag { id, grab: None, at: None });
                Action::None
            }
            GridEvent::Pointer { column, y } => {
                if let Some(d) = self.drag.as_mut() {
                    d.grab = d.grab.or(Some((column, y)));
                    d.at = Some((column, y));
                }
                Action::None
            }
            GridEvent::Drop { column } => match self.drag.take() {
                Some(drag) => self.dropped(drag, column, ctx),
                None => Action::None,
            },
        }
    }

    fn dropped(&mut self, drag: Drag, column: usize, ctx: &Ctx) -> Action<Message> {
        let (Some((grab_column, grab_y)), Some((_, y))) = (drag.grab, drag.at) else {
            return self.update(Message::Open(drag.id), ctx);
        };
        if grab_column == column && (y - grab_y).abs() < CLICK {
            return self.update(Message::Open(drag.id), ctx);
        }
        let keys = self.column_keys(ctx);
        let (Some(a), Some(&(staff_id, date))) =
            (self.appointments.iter().find(|a| a.id == drag.id).cloned(), keys.get(column))
        else {
            return Action::None;
        };
        let tz = ctx.data.salon.time_zone;
        let span = ctx.data.salon.opening.grid_span();
        let from = clock::to_local(tz, a.slot.start).date();
        let minute = moved_minute(span, clock::minute_of(tz, from, a.slot.start), grab_y, y);
        if staff_id == a.staff_id && clock::local_to_utc(tz, date, minute) == a.slot.start {
            return Action::None;
        }
        self.dialog = Some(appointment::Dialog::moved(ctx, a, staff_id, date, minute));
        self.update(Message::Dialog(appointment::Message::Save), ctx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_grabbed_in_its_middle_lands_with_its_start_on_a_quarter_hour() {
        let span = DaySpan { start: 9 * 60, end: 18 * 60 };
        let px = |minute: i64| (minute - 9 * 60) as f32 * time_grid::PX_PER_MINUTE;
        // A 10:00 block grabbed at 10:20, let go at 11:52: it starts at 11:30.
        assert_eq!(moved_minute(span, 600, px(620), px(712)), 690);
        // Let go near the end of the day: it still starts inside the grid.
        assert_eq!(moved_minute(span, 600, px(600), px(17 * 60 + 58)), 17 * 60 + 45);
        assert_eq!(moved_minute(span, 600, px(630), px(540)), 540, "not before the grid");
    }
}
