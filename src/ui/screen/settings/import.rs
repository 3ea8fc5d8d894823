//! Settings › Data › Import customers: a list from another program, its
//! columns matched by their headers (and changed here), the first rows as
//! they will be saved, a check without saving, the import, and its report
//! (every row skipped or changed and why, saved as CSV; undo = the backup
//! made just before).

use crate::domain::import::{self, Column, DateOrder};
use crate::domain::phone;
use crate::import::{Encoding, Table};
use crate::store::import::{Duplicates, ImportOptions, ImportReport, Outcome};
use crate::store::{Store, StoreError};
use crate::ui::context::{Action, Ctx, Problem};
use crate::ui::i18n::{self, t, ta};
use crate::ui::runtime::{FileDialog, Job};
use crate::ui::theme;
use crate::ui::theme::font;
use crate::ui::widget::choice::{self, Choice};
use crate::ui::words::{import_outcome, import_reason, problem};
use iced::widget::{button, checkbox, column, container, row, space, text, text_input};
use iced::{Alignment, Element, Length};
use std::path::PathBuf;

/// How many rows the preview shows, and the report on screen.
const PREVIEW: usize = 5;
const REPORT_LINES: usize = 12;

#[derive(Debug, Clone)]
pub enum Message {
    Pick,
    Picked(Option<PathBuf>),
    Path(String),
    Read,
    /// The file as read, or why it could not be.
    Loaded(PathBuf, Result<Table, String>),
    Encoding(Encoding),
    Map(usize, Option<Column>),
    Dates(DateOrder),
    Merge(bool),
    Check,
    Import,
    Done(Result<ImportReport, StoreError>),
    SaveReport,
    ReportSaved(Result<PathBuf, String>),
    Undo,
    Close,
}

#[derive(Debug, Default)]
pub struct Form {
    path: String,
    file: Option<PathBuf>,
    table: Option<Table>,
    mapping: Vec<Option<Column>>,
    dates: Option<DateOrder>,
    /// The birthday column has slashed dates that read either way (worked
    /// out when the file or the columns change, not at every drawing).
    ambiguous_dates: bool,
    merge: bool,
    busy: bool,
    pub report: Option<ImportReport>,
    report_file: Option<PathBuf>,
    pub error: Option<Problem>,
}

/// What the import asks of the Data tab.
pub enum Asked {
    Nothing,
    Close,
    Restore(PathBuf),
}

fn read(file: PathBuf, encoding: Option<Encoding>) -> Action<Message> {
    Action::Run(Job::alone("read the list", move || {
        let table = crate::import::read(&file, encoding).map_err(|e| e.to_string());
        Message::Loaded(file, table)
    }))
}

impl Form {
    pub fn is_open(&self) -> bool {
        self.table.is_some()
    }

    /// A list dropped onto the window or picked: read it.
    pub fn open(&mut self, file: PathBuf) -> Action<Message> {
        self.path = file.display().to_string();
        read(file, None)
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> (Action<Message>, Asked) {
        let none = (Action::None, Asked::Nothing);
        match message {
            Message::Pick => (Action::PickFile(FileDialog::Open, Box::new(Message::Picked)), Asked::Nothing),
            Message::Picked(Some(file)) => (self.open(file), Asked::Nothing),
            Message::Picked(None) => none,
            Message::Path(p) => {
                self.path = p;
                none
            }
            Message::Read => (read(PathBuf::from(self.path.trim()), None), Asked::Nothing),
            Message::Loaded(file, Ok(table)) => {
                self.mapping = import::mapping(&table.headers);
                self.dates = None;
                self.file = Some(file);
                self.table = Some(table);
                self.read_birthdays();
                self.report = None;
                self.error = None;
                none
            }
            Message::Loaded(_, Err(e)) => {
                self.error = Some(Problem::System { key: "import-cannot-read", cause: e.into() });
                none
            }
            Message::Encoding(encoding) => match self.file.clone() {
                Some(file) => (read(file, Some(encoding)), Asked::Nothing),
                None => none,
            },
            Message::Map(i, column) => {
                // A meaning is given to one column only.
                for m in self.mapping.iter_mut().filter(|m| column.is_some() && **m == column) {
                    *m = None;
                }
                if let Some(slot) = self.mapping.get_mut(i) {
                    *slot = column;
                }
                self.read_birthdays();
                none
            }
            Message::Dates(order) => {
                self.dates = Some(order);
                none
            }
            Message::Merge(on) => {
                self.merge = on;
                none
            }
            Message::Check | Message::Import => {
                let Some(table) = self.table.clone() else { return none };
                let options = ImportOptions {
                    mapping: Some(self.mapping.clone()),
                    dates: self.dates,
                    duplicates: if self.merge { Duplicates::Merge } else { Duplicates::Skip },
                    dry_run: matches!(message, Message::Check),
                };
                self.busy = true;
                let job = Action::run("import customers", move |store: &mut Store| {
                    Message::Done(store.import_customers(&table, options))
                });
                (job, Asked::Nothing)
            }
            Message::Done(result) => {
                self.busy = false;
                match result {
                    Ok(report) => {
                        self.error = None;
                        self.report_file = None;
                        self.report = Some(report);
                    }
                    Err(e) => self.error = problem(e),
                }
                none
            }
            Message::SaveReport => {
                let Some(report) = self.report.clone() else { return none };
                let (lang, file) = (ctx.lang, ctx.data.file.clone());
                let save = Action::Run(Job::alone("save the import report", move || {
                    Message::ReportSaved(save_report(&file, &report, lang).map_err(|e| e.to_string()))
                }));
                (save, Asked::Nothing)
            }
            Message::ReportSaved(Ok(file)) => {
                self.report_file = Some(file);
                none
            }
            Message::ReportSaved(Err(e)) => {
                self.error = Some(Problem::System { key: "import-cannot-save", cause: e.into() });
                none
            }
            Message::Undo => match self.report.as_ref().and_then(|r| r.backup.clone()) {
                Some(backup) => (Action::None, Asked::Restore(backup)),
                None => none,
            },
            Message::Close => {
                *self = Form::default();
                (Action::None, Asked::Close)
            }
        }
    }

    /// How the birthday column's dates read: in the order the file's own
    /// dates decide, or whether the user must say it.
    fn read_birthdays(&mut self) {
        let Some(table) = &self.table else { return };
        let column = self.mapping.iter().position(|m| *m == Some(Column::Birthday));
        let values: Vec<&str> = column
            .map(|i| table.rows.iter().filter_map(|(_, r)| r.get(i).map(String::as_str)).collect())
            .unwrap_or_default();
        if let Ok(Some(order)) = import::date_order(values.iter().copied()) {
            self.dates = Some(order);
        }
        self.ambiguous_dates = import::slashed_and_ambiguous(values);
    }

    /// Whether the slashed birthdays need to be told how to be read.
    fn asks_dates(&self) -> bool {
        self.ambiguous_dates && self.dates.is_none()
    }

    /// The button that starts the reading, beside the backups.
    pub fn start<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        column![
            text(t(lang, "import-title")).size(font::LEAD),
            text(t(lang, "import-hint")).size(font::SMALL).color(theme::MUTED),
            row![
                button(text(t(lang, "import-pick")).size(font::BODY)).style(theme::secondary).on_press(Message::Pick),
                text_input(&t(lang, "import-path"), &self.path)
                    .on_input(Message::Path)
                    .on_submit(Message::Read)
                    .size(font::BODY)
                    .padding([5, 8])
                    .style(theme::input),
                button(text(t(lang, "import-read")).size(font::BODY)).style(theme::secondary).on_press(Message::Read),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        ]
        .spacing(8)
        .into()
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let Some(table) = &self.table else { return self.start(ctx) };
        if let Some(report) = &self.report {
            return self.report_view(ctx, report);
        }
        let name = self.file.as_ref().and_then(|f| f.file_name()).map(|n| n.to_string_lossy().to_string());
        let encoding = table.encoding.unwrap_or(Encoding::Utf8);
        let encodings = [
            Choice::new(Encoding::Utf8, "UTF-8".to_string()),
            Choice::new(Encoding::Windows1252, "Windows-1252 (ANSI)".to_string()),
        ];
        let head = row![
            text(ta(
                lang,
                "import-file",
                &[("file", name.unwrap_or_default()), ("rows", table.rows.len().to_string())]
            ))
            .size(font::LEAD)
            .width(Length::Fill),
            text(t(lang, "import-encoding")).size(font::LABEL).color(theme::MUTED),
            choice::pick(encodings.to_vec(), encoding, Message::Encoding),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        let mut columns = column![text(t(lang, "import-columns")).size(font::LABEL).color(theme::MUTED)].spacing(4);
        let choices: Vec<Choice<Option<Column>>> = std::iter::once(Choice::new(None, t(lang, "import-column-none")))
            .chain(Column::ALL.into_iter().map(|c| Choice::new(Some(c), t(lang, column_key(c)))))
            .collect();
        for (i, header) in table.headers.iter().enumerate() {
            let mapped = self.mapping.get(i).copied().flatten();
            let sample = table.rows.first().and_then(|(_, r)| r.get(i)).cloned().unwrap_or_default();
            columns = columns.push(
                row![
                    text(header.clone()).size(font::BODY).width(180),
                    choice::pick(choices.clone(), mapped, move |c| Message::Map(i, c)),
                    text(sample).size(font::SMALL).color(theme::MUTED).width(Length::Fill),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            );
        }
        let mut options = column![
            checkbox(self.merge)
                .label(t(lang, "import-merge"))
                .on_toggle(Message::Merge)
                .size(font::LEAD)
                .text_size(font::BODY)
        ]
        .spacing(8);
        if self.asks_dates() || self.dates.is_some() {
            let orders = [
                Choice::new(DateOrder::DayFirst, t(lang, "import-dates-dmy")),
                Choice::new(DateOrder::MonthFirst, t(lang, "import-dates-mdy")),
            ];
            options = options.push(
                row![
                    text(t(lang, "import-dates")).size(font::BODY),
                    choice::pick(orders.to_vec(), self.dates.unwrap_or(DateOrder::DayFirst), Message::Dates),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            );
        }
        let can_run = !self.busy && !self.asks_dates();
        let buttons = row![
            button(text(t(lang, "button-close")).size(font::BODY)).style(theme::secondary).on_press(Message::Close),
            space::horizontal(),
            button(text(t(lang, "import-check")).size(font::BODY))
                .style(theme::secondary)
                .on_press_maybe(can_run.then_some(Message::Check)),
            button(text(t(lang, if self.busy { "import-busy" } else { "import-run" })).size(font::BODY))
                .style(theme::primary)
                .on_press_maybe(can_run.then_some(Message::Import)),
        ]
        .spacing(8);
        column![
            head,
            row![columns.width(Length::FillPortion(1)), self.preview(ctx, table).width(Length::FillPortion(1))]
                .spacing(24),
            options,
            buttons
        ]
        .spacing(16)
        .into()
    }

    /// The first rows as they will be saved.
    fn preview<'a>(&self, ctx: &Ctx<'a>, table: &Table) -> iced::widget::Column<'a, Message> {
        let lang = ctx.lang;
        let country = phone::default_country(ctx.data.salon.time_zone.name(), ctx.data.salon.language);
        let mut shown = column![text(t(lang, "import-preview")).size(font::LABEL).color(theme::MUTED)].spacing(6);
        for (line, row) in table.rows.iter().take(PREVIEW) {
            let said = match import::draft(&self.mapping, row, self.dates, |p| phone::to_e164(p, country).ok()) {
                Ok(d) => {
                    let c = &d.customer;
                    let birthday = c.birthday.map(|b| i18n::date_numeric(lang, b)).unwrap_or_default();
                    let details = crate::ui::words::joined(&[c.phone.clone(), c.email.clone(), birthday]);
                    let mut said = column![
                        text(c.full_name()).size(font::BODY),
                        text(details).size(font::SMALL).color(theme::MUTED),
                    ];
                    // What is left out or changed, before it happens.
                    for change in d.changes {
                        let why = import_reason(lang, &crate::store::import::Why::Changed(change));
                        said = said.push(text(why).size(font::SMALL).color(theme::WARNING));
                    }
                    said
                }
                Err(skip) => column![
                    text(ta(lang, "import-line", &[("line", line.to_string())])).size(font::BODY),
                    text(import_reason(lang, &crate::store::import::Why::Skip(skip)))
                        .size(font::SMALL)
                        .color(theme::WARNING),
                ],
            };
            shown = shown.push(container(said).padding([4, 8]).width(Length::Fill).style(theme::card));
        }
        shown
    }

    fn report_view<'a>(&'a self, ctx: &Ctx<'a>, report: &'a ImportReport) -> Element<'a, Message> {
        let lang = ctx.lang;
        let counts = [("imported", report.imported), ("merged", report.merged), ("skipped", report.skipped)]
            .map(|(k, n)| (k, n.to_string()));
        let summary = ta(lang, if report.dry_run { "import-checked" } else { "import-done" }, &counts);
        let mut lines = column![].spacing(3);
        for l in report.lines.iter().take(REPORT_LINES) {
            let colour = if l.outcome == Outcome::Skipped { theme::WARNING } else { theme::MUTED };
            lines = lines.push(
                row![
                    text(ta(lang, "import-line", &[("line", l.line.to_string())])).size(font::LABEL).width(90),
                    text(import_outcome(lang, &l.outcome)).size(font::LABEL).color(colour).width(140),
                    text(import_reason(lang, &l.why)).size(font::LABEL).width(Length::Fill),
                ]
                .spacing(8),
            );
        }
        if report.lines.len() > REPORT_LINES {
            let more = ta(lang, "import-more", &[("count", (report.lines.len() - REPORT_LINES).to_string())]);
            lines = lines.push(text(more).size(font::LABEL).color(theme::MUTED));
        }
        let saved: Element<'a, Message> = match &self.report_file {
            Some(f) => {
                text(ta(lang, "import-report-saved", &[("file", f.display().to_string())])).size(font::SMALL).into()
            }
            None => space::horizontal().width(0).into(),
        };
        let mut buttons = row![
            button(text(t(lang, "button-close")).size(font::BODY)).style(theme::secondary).on_press(Message::Close),
            space::horizontal(),
            button(text(t(lang, "import-save-report")).size(font::BODY))
                .style(theme::secondary)
                .on_press(Message::SaveReport),
        ]
        .spacing(8);
        if report.dry_run {
            buttons = buttons.push(
                button(text(t(lang, "import-run")).size(font::BODY))
                    .style(theme::primary)
                    .on_press_maybe((!self.busy).then_some(Message::Import)),
            );
        } else if report.backup.is_some() {
            buttons = buttons.push(
                button(text(t(lang, "import-undo")).size(font::BODY)).style(theme::danger).on_press(Message::Undo),
            );
        }
        column![text(summary).size(font::LEAD), lines, saved, buttons].spacing(14).into()
    }
}

fn column_key(c: Column) -> &'static str {
    match c {
        Column::FirstName => "import-column-first-name",
        Column::LastName => "import-column-last-name",
        Column::FullName => "import-column-full-name",
        Column::Phone => "import-column-phone",
        Column::Email => "import-column-email",
        Column::Birthday => "import-column-birthday",
        Column::Notes => "import-column-notes",
        Column::Marketing => "import-column-marketing",
        Column::Blocked => "import-column-blocked",
    }
}

/// The report as CSV in `exports/` beside the salon's file.
fn save_report(db: &std::path::Path, report: &ImportReport, lang: crate::domain::Language) -> std::io::Result<PathBuf> {
    let folder = crate::export::exports_folder(db);
    std::fs::create_dir_all(&folder)?;
    let file = folder.join(format!("import-report-{}.csv", chrono::Local::now().format("%Y%m%d-%H%M%S")));
    let out = std::io::BufWriter::new(std::fs::File::create(&file)?);
    crate::export::import_report_csv(report, lang, out).map_err(std::io::Error::other)?;
    Ok(file)
}
