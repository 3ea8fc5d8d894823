//! A customer found by typing: two letters of a name or a few digits of a
//! number, up to five suggestions under the field, one picked. The till's
//! customer and a card's "referred by" use it (the appointment dialog has
//! its own, which also links a typed phone number or e-mail address).

use crate::store::{CustomerHit, StoreError};
use crate::ui::context::Action;
use crate::ui::theme::{self, font};
use crate::ui::widget::pill;
use iced::widget::{button, column, row, text, text_input};
use iced::{Element, Length};

const SHOWN: usize = 5;

#[derive(Debug, Clone, Default)]
pub struct CustomerPick {
    pub query: String,
    pub suggestions: Vec<CustomerHit>,
    /// The customer picked: (id, name).
    pub picked: Option<(i64, String)>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Typed(String),
    Found { typed: String, result: Result<Vec<CustomerHit>, StoreError> },
    Pick(CustomerHit),
}

/// What changed for the screen that holds the field.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    None,
    Picked(i64),
    /// The picked name was typed over: nobody is picked any more.
    Unpicked,
    Failed(StoreError),
}

impl CustomerPick {
    /// Starts with `who` picked (an appointment's customer, a card's referrer).
    pub fn with(who: Option<(i64, String)>) -> CustomerPick {
        CustomerPick {
            query: who.as_ref().map(|w| w.1.clone()).unwrap_or_default(),
            suggestions: Vec::new(),
            picked: who,
        }
    }

    pub fn id(&self) -> Option<i64> {
        self.picked.as_ref().map(|p| p.0)
    }

    pub fn update(&mut self, message: Message) -> (Action<Message>, Change) {
        match message {
            Message::Typed(typed) => {
                let change = match &self.picked {
                    Some((_, name)) if *name != typed => {
                        self.picked = None;
                        Change::Unpicked
                    }
                    _ => Change::None,
                };
                self.query = typed.clone();
                if typed.trim().chars().count() < 2 {
                    self.suggestions.clear();
                    return (Action::None, change);
                }
                let search = Action::run("search customers", move |store| {
                    let result = store.search_customers(&typed, SHOWN);
                    Message::Found { typed, result }
                });
                (search, change)
            }
            // An answer to an older query is left alone: the newest one counts.
            Message::Found { typed, result: Ok(hits) } => {
                if typed == self.query && self.picked.is_none() {
                    self.suggestions = hits.into_iter().take(SHOWN).collect();
                }
                (Action::None, Change::None)
            }
            Message::Found { result: Err(e), .. } => (Action::None, Change::Failed(e)),
            Message::Pick(hit) => {
                self.query = hit.name.clone();
                self.suggestions.clear();
                let id = hit.id;
                self.picked = Some((hit.id, hit.name));
                (Action::None, Change::Picked(id))
            }
        }
    }

    /// The field (with `id` and `placeholder`), the picked one, the suggestions.
    pub fn view<'a>(
        &'a self,
        id: &'static str,
        placeholder: String,
        linked: String,
        excluded: Option<i64>,
    ) -> Element<'a, Message> {
        let field = text_input(&placeholder, &self.query)
            .id(id)
            .on_input(Message::Typed)
            .padding([5, 8])
            .size(font::BODY)
            .style(theme::input);
        let mut col = column![field].spacing(3);
        if let Some((_, name)) = &self.picked {
            col = col.push(row![pill(linked, theme::SUCCESS), text(name.clone()).size(font::LABEL)].spacing(6));
        }
        for hit in self.suggestions.iter().filter(|h| Some(h.id) != excluded) {
            col = col.push(
                button(text(crate::ui::words::joined(&[&hit.name, &hit.phone])).size(font::BODY))
                    .width(Length::Fill)
                    .padding([3, 8])
                    .style(theme::list_row(false))
                    .on_press(Message::Pick(hit.clone())),
            );
        }
        col.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(id: i64, name: &str) -> CustomerHit {
        CustomerHit { id, name: name.into(), ..Default::default() }
    }

    #[test]
    fn typing_over_a_picked_name_unpicks_it_and_an_old_answer_shows_nothing() {
        let mut pick = CustomerPick::with(Some((7, "Anna Berg".into())));
        assert_eq!(pick.update(Message::Typed("Anna Berg".into())).1, Change::None, "the same name: still her");
        assert_eq!(pick.update(Message::Typed("Anna B".into())).1, Change::Unpicked);
        pick.update(Message::Typed("Ann".into()));
        pick.update(Message::Found { typed: "Anna B".into(), result: Ok(vec![hit(1, "Anna Bolt")]) });
        assert!(pick.suggestions.is_empty(), "the answer to what was typed before is not shown");
        pick.update(Message::Found { typed: "Ann".into(), result: Ok((1..9).map(|i| hit(i, "Ann")).collect()) });
        assert_eq!(pick.suggestions.len(), SHOWN);
        assert_eq!(pick.update(Message::Pick(hit(3, "Ann Lee"))).1, Change::Picked(3));
        assert_eq!((pick.id(), pick.query.as_str(), pick.suggestions.len()), (Some(3), "Ann Lee", 0));
    }

    #[test]
    fn one_letter_searches_nothing() {
        let mut pick = CustomerPick::default();
        let (action, _) = pick.update(Message::Typed("A".into()));
        assert!(action.is_none());
    }
}
