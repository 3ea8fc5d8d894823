//! A pie of appointments with and without a reminder (the reminder overview).

use crate::ui::theme;
use iced::widget::canvas::{self, Frame, Geometry, Path, path::Arc};
use iced::{Color, Element, Length, Point, Radians, Rectangle, Renderer, Theme, mouse};

pub struct Pie {
    pub with: usize,
    pub without: usize,
}

impl<M> canvas::Program<M> for Pie {
    type State = ();

    fn draw(&self, _: &(), renderer: &Renderer, _: &Theme, bounds: Rectangle, _: mouse::Cursor) -> Vec<Geometry> {
        let mut frame = Frame::new(renderer, bounds.size());
        let center = frame.center();
        let radius = bounds.width.min(bounds.height) / 2.0 - 2.0;
        let total = (self.with + self.without).max(1) as f32;
        let share = self.with as f32 / total;
        let slice = |from: f32, to: f32, colour: Color, frame: &mut Frame| {
            let path = Path::new(|b| {
                b.move_to(center);
                b.arc(Arc {
                    center,
                    radius,
                    start_angle: Radians(-std::f32::consts::FRAC_PI_2 + from * std::f32::consts::TAU),
                    end_angle: Radians(-std::f32::consts::FRAC_PI_2 + to * std::f32::consts::TAU),
                });
                b.line_to(center);
            });
            frame.fill(&path, colour);
        };
        if self.with + self.without == 0 {
            frame.fill(&Path::circle(center, radius), theme::LINE);
        } else {
            slice(0.0, share, theme::SUCCESS, &mut frame);
            slice(share, 1.0, theme::WARNING, &mut frame);
        }
        frame.fill(&Path::circle(Point::new(center.x, center.y), radius * 0.45), theme::CARD);
        vec![frame.into_geometry()]
    }
}

pub fn pie<'a, M: 'a>(with: usize, without: usize, size: f32) -> Element<'a, M> {
    canvas::Canvas::new(Pie { with, without }).width(Length::Fixed(size)).height(Length::Fixed(size)).into()
}
