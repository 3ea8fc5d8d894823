//! One kind of pick-list item for every list the desk picks from: what it
//! stands for (`id`) and what it says (`label`).

use crate::ui::context::Ctx;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice<T> {
    pub id: T,
    pub label: String,
}

impl<T> Choice<T> {
    pub fn new(id: T, label: String) -> Choice<T> {
        Choice { id, label }
    }
}

impl<T> std::fmt::Display for Choice<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

/// The staff members who work here now.
pub fn staff(ctx: &Ctx) -> Vec<Choice<i64>> {
    ctx.data.staff.iter().filter(|s| s.active).map(|s| Choice { id: s.id, label: s.name.clone() }).collect()
}

/// The services offered now, with their length: "Cut (30 min)".
pub fn services(ctx: &Ctx) -> Vec<Choice<i64>> {
    ctx.data
        .services
        .iter()
        .filter(|s| s.active)
        .map(|s| Choice { id: s.id, label: format!("{} ({} min)", s.name, s.minutes) })
        .collect()
}

/// Customer statuses, in their order.
pub fn statuses(list: &[crate::domain::CustomerStatus]) -> Vec<Choice<i64>> {
    list.iter().map(|s| Choice { id: s.id, label: s.name.clone() }).collect()
}

/// A pick list of `choices` with the one standing for `selected` picked;
/// `on_pick` is given what the picked one stands for.
pub fn pick<'a, T, M>(choices: Vec<Choice<T>>, selected: T, on_pick: impl Fn(T) -> M + 'a) -> iced::Element<'a, M>
where
    T: Clone + PartialEq + 'a,
    M: Clone + 'a,
{
    let picked = choices.iter().find(|c| c.id == selected).cloned();
    iced::widget::pick_list(choices, picked, move |c: Choice<T>| on_pick(c.id))
        .text_size(crate::ui::theme::font::BODY)
        .into()
}
