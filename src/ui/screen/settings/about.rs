//! Settings › About: which Salondesk this is, where the salon's file, its
//! logs and its backups are (each with "Open folder"), the newest backup,
//! and the licences of the crates and the font it is built from — the list
//! generated from Cargo's metadata (`tests/licences.rs`); the full texts
//! come with the program (`salondesk licences`).

use crate::store::backup::Backup;
use crate::store::{Store, StoreError};
use crate::ui::context::{Action, Ctx, Problem, Request};
use crate::ui::i18n::{t, ta};
use crate::ui::theme::{self, font};
use crate::ui::words::problem;
use iced::widget::{button, column, container, row, text};
use iced::{Alignment, Element, Length};
use std::path::PathBuf;

/// The crates built in: name, version, licence (tab-separated lines).
pub const CRATES: &str = include_str!("../../../../assets/licences/crates.tsv");
/// Every licence text in full, each once with what it belongs to.
pub const LICENCES: &str = include_str!("../../../../assets/licences/licences.txt");

#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub file: PathBuf,
    pub logs: PathBuf,
    pub backups: PathBuf,
    pub newest: Option<Backup>,
}

impl Facts {
    fn read(store: &Store) -> Result<Facts, StoreError> {
        let file = store.path().to_path_buf();
        let folder = file.parent().map(PathBuf::from).unwrap_or_default();
        let chosen = store.config("backup.folder")?;
        Ok(Facts {
            logs: folder.join("logs"),
            backups: crate::store::backup::folder(&file, &chosen),
            newest: store.backups()?.into_iter().next(),
            file,
        })
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Facts, StoreError>),
    Open(PathBuf),
}

#[derive(Debug, Default)]
pub struct About {
    facts: Facts,
    pub error: Option<Problem>,
}

impl About {
    pub fn load() -> Action<Message> {
        Action::run("about", |store| Message::Loaded(Facts::read(store)))
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(Ok(facts)) => self.facts = facts,
            Message::Loaded(Err(e)) => self.error = problem(e),
            Message::Open(folder) => return Action::Request(Request::OpenFile(folder)),
        }
        Action::None
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let folder_of = |p: &PathBuf| p.parent().map(PathBuf::from).unwrap_or_default();
        let place = |key: &str, shown: &PathBuf, opened: PathBuf| {
            row![
                text(t(lang, key)).size(font::LABEL).color(theme::MUTED).width(150),
                text(shown.display().to_string()).size(font::BODY).width(Length::Fill),
                button(text(t(lang, "data-open-folder")).size(font::BODY))
                    .style(theme::secondary)
                    .on_press(Message::Open(opened)),
            ]
            .spacing(12)
            .align_y(Alignment::Center)
        };
        let newest = match &self.facts.newest {
            Some(b) => {
                ta(lang, "data-newest", &[("when", super::data::when(ctx, b)), ("size", super::data::size(b.bytes))])
            }
            None => t(lang, "data-none"),
        };
        let crates: Vec<(&str, &str, &str)> = CRATES
            .lines()
            .filter_map(|l| {
                let mut cells = l.split('\t');
                Some((cells.next()?, cells.next()?, cells.next()?))
            })
            .collect();
        let mut list = column![].spacing(1);
        for (name, version, licence) in &crates {
            list = list.push(
                row![
                    text(format!("{name} {version}")).size(font::SMALL).width(Length::FillPortion(2)),
                    text(licence.to_string()).size(font::SMALL).color(theme::MUTED).width(Length::FillPortion(3)),
                ]
                .spacing(12),
            );
        }
        column![
            text(ta(lang, "about-version", &[("version", env!("CARGO_PKG_VERSION").to_string())])).size(font::SECTION),
            place("about-file", &self.facts.file, folder_of(&self.facts.file)),
            place("about-logs", &self.facts.logs, self.facts.logs.clone()),
            place("about-backups", &self.facts.backups, self.facts.backups.clone()),
            text(newest).size(font::BODY),
            text(t(lang, "about-licences")).size(font::SECTION),
            text(ta(lang, "about-licences-hint", &[("count", crates.len().to_string())]))
                .size(font::BODY)
                .color(theme::MUTED),
            container(list).padding(10).width(Length::Fill).style(theme::card),
        ]
        .spacing(10)
        .into()
    }
}
