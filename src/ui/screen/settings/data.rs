//! Settings › Data: the salon's backups — the newest good one, the list,
//! "Back up now", where they go (a USB disk, a NAS) — and restoring one,
//! which restarts the desk on the restored file.

use crate::domain::clock;
use crate::store::backup::Backup;
use crate::store::{Store, StoreError};
use crate::ui::context::{Action, Ctx, Note, Problem, Request};
use crate::ui::i18n::{self, t, ta};
use crate::ui::runtime::Job;
use crate::ui::theme;
use crate::ui::theme::font;
use crate::ui::words::problem;
use iced::widget::{button, column, container, row, space, text, text_input};
use iced::{Alignment, Element, Length};
use std::path::PathBuf;

/// What the tab shows, read in one job.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub backups: Vec<Backup>,
    /// The chosen folder ("" for `backups/` beside the file), and where that is.
    pub chosen: String,
    pub folder: PathBuf,
}

impl Loaded {
    fn read(store: &Store) -> Result<Loaded, StoreError> {
        let chosen = store.config("backup.folder")?;
        Ok(Loaded { backups: store.backups()?, folder: crate::store::backup::folder(store.path(), &chosen), chosen })
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Loaded, StoreError>),
    Folder(String),
    BackUpNow,
    BackedUp(Result<Backup, StoreError>),
    OpenFolder,
    /// "Restore…": asks first.
    AskRestore(Backup),
    KeepCurrent,
    Restore(PathBuf),
    Saved(Result<(), StoreError>),
    Import(super::import::Message),
}

#[derive(Debug, Default)]
pub struct Form {
    loaded: Loaded,
    folder: String,
    busy: bool,
    /// The backup the user is asked about restoring.
    pub asking: Option<Backup>,
    pub error: Option<Problem>,
    /// Importing customers from another program.
    pub import: super::import::Form,
}

impl Form {
    pub fn load() -> Action<Message> {
        Action::run("load backups", |store| Message::Loaded(Loaded::read(store)))
    }

    pub fn save(&self) -> Action<Message> {
        let folder = self.folder.clone();
        Action::run("save backup folder", move |store| {
            Message::Saved(store.set_config_changed(&[("backup.folder".to_string(), folder)]))
        })
    }

    /// A list dropped onto the window while this tab is open.
    pub fn import_file(&mut self, file: PathBuf) -> Action<Message> {
        self.import.open(file).map(Message::Import)
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> Action<Message> {
        match message {
            Message::Loaded(Ok(loaded)) => {
                self.folder = loaded.chosen.clone();
                self.loaded = loaded;
            }
            Message::Loaded(Err(e)) | Message::Saved(Err(e)) => self.error = problem(e),
            Message::Folder(v) => self.folder = v,
            // On a connection of its own: the desk keeps working while a large file is copied.
            Message::BackUpNow => {
                self.busy = true;
                let file = ctx.data.file.clone();
                return Action::Run(Job::alone("back up now", move || {
                    Message::BackedUp(Store::open(&file, "backup").and_then(|s| s.back_up("manual")))
                }));
            }
            Message::BackedUp(result) => {
                self.busy = false;
                match result {
                    Ok(_) => {
                        self.error = None;
                        return Action::Request(Request::BackedUp).and(Form::load());
                    }
                    Err(e) => self.error = problem(e),
                }
            }
            Message::OpenFolder => return Action::Request(Request::OpenFile(self.loaded.folder.clone())),
            Message::AskRestore(backup) => self.asking = Some(backup),
            Message::KeepCurrent => self.asking = None,
            Message::Restore(path) => {
                self.asking = None;
                return Action::Request(Request::Restore(path));
            }
            Message::Import(m) => {
                let (action, asked) = self.import.update(m, ctx);
                match asked {
                    // Asked first, as any restore.
                    super::import::Asked::Restore(path) => {
                        let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
                        if let Some((taken, tag)) = crate::store::backup::parse(&ctx.data.file, &name) {
                            let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
                            self.asking = Some(Backup { path, taken, tag, bytes });
                        }
                        return Action::None;
                    }
                    super::import::Asked::Close => return Form::load(),
                    super::import::Asked::Nothing => {}
                }
                return action.map(Message::Import);
            }
            Message::Saved(Ok(())) => {
                self.error = None;
                return Action::Request(Request::Notice(Note::Done("saved-settings"))).and(Form::load());
            }
        }
        Action::None
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        if self.import.is_open() {
            return self.import.view(ctx).map(Message::Import);
        }
        let lang = ctx.lang;
        let label = |key: &str| text(t(lang, key)).size(font::LABEL).color(theme::MUTED);
        let newest = match self.loaded.backups.first() {
            Some(b) => ta(lang, "data-newest", &[("when", when(ctx, b)), ("size", size(b.bytes))]),
            None => t(lang, "data-none"),
        };
        let back_up =
            button(text(t(lang, if self.busy { "data-backing-up" } else { "data-back-up-now" })).size(font::BODY))
                .style(theme::primary)
                .on_press_maybe((!self.busy).then_some(Message::BackUpNow));
        let folder = column![
            label("config-backup-folder"),
            row![
                // Where they go when no folder is chosen ("Open folder" shows the whole path).
                text_input("backups", &self.folder)
                    .on_input(Message::Folder)
                    .size(font::BODY)
                    .padding([5, 8])
                    .style(theme::input),
                button(text(t(lang, "data-open-folder")).size(font::BODY))
                    .style(theme::secondary)
                    .on_press(Message::OpenFolder),
            ]
            .spacing(8),
            text(t(lang, "data-folder-hint")).size(font::SMALL).color(theme::MUTED),
        ]
        .spacing(6);
        let left = column![
            text(newest).size(font::LEAD),
            back_up,
            folder,
            text(t(lang, "data-restore-hint")).size(font::SMALL).color(theme::MUTED),
            self.import.start(ctx).map(Message::Import),
        ]
        .spacing(16)
        .width(Length::FillPortion(1));
        let list = self.loaded.backups.iter().fold(column![label("data-list")].spacing(4), |c, b| {
            let kind = match b.tag.as_str() {
                "" => t(lang, "data-kind-daily"),
                "manual" => t(lang, "data-kind-manual"),
                "before-restore" => t(lang, "data-kind-before-restore"),
                _ => t(lang, "data-kind-before-upgrade"),
            };
            c.push(
                row![
                    text(when(ctx, b)).size(font::BODY).width(190),
                    text(kind).size(font::LABEL).color(theme::MUTED).width(Length::Fill),
                    text(size(b.bytes)).size(font::LABEL).color(theme::MUTED).width(80),
                    button(text(t(lang, "data-restore")).size(font::LABEL))
                        .style(theme::secondary)
                        .on_press(Message::AskRestore(b.clone())),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            )
        });
        let right = list.width(Length::FillPortion(1));
        container(row![left, right].spacing(28)).into()
    }

    /// "Restore the backup of …?": what happens, said before it does.
    pub fn question<'a>(&'a self, ctx: &Ctx<'a>) -> Option<Element<'a, Message>> {
        let lang = ctx.lang;
        let b = self.asking.as_ref()?;
        let body = column![
            text(ta(lang, "data-restore-title", &[("when", when(ctx, b))])).size(font::HEADING),
            text(t(lang, "data-restore-explained")).size(font::BODY),
            row![
                space::horizontal(),
                button(text(t(lang, "data-keep-current")).size(font::CONTROL))
                    .padding([8, 16])
                    .style(theme::secondary)
                    .on_press(Message::KeepCurrent),
                button(text(t(lang, "data-restore-now")).size(font::CONTROL))
                    .padding([8, 16])
                    .style(theme::danger)
                    .on_press(Message::Restore(b.path.clone())),
            ]
            .spacing(8),
        ]
        .spacing(14);
        Some(container(body).padding(24).width(560).style(theme::dialog).into())
    }
}

/// When a backup was taken, in the salon's time.
pub fn when(ctx: &Ctx, b: &Backup) -> String {
    let local = clock::to_local(ctx.data.salon.time_zone, b.taken.and_utc());
    format!("{} {}", i18n::date_short(ctx.lang, local.date()), local.format("%H:%M"))
}

pub fn size(bytes: u64) -> String {
    if bytes >= 10 * 1024 * 1024 {
        format!("{} MB", bytes / (1024 * 1024))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}
