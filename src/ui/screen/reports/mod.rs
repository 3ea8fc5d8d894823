//! Reports › No-shows: what no-shows cost over a period — totals, a chart
//! per week, per customer, staff member and service — and the CSV export;
//! › Discounts, what was given away; › Vouchers and › Referrals (`till`).

mod till;
pub use till::TillLists;

use crate::domain::InputError;
use crate::domain::Language;
use crate::domain::clock;
use crate::domain::no_show_report::{Group, NoShowReport};
use crate::export;
use crate::store::StoreError;
use crate::store::checkout::DiscountReport;
use crate::ui::context::{Action, Ctx, Problem, Request};
use crate::ui::i18n::{self, t, ta};
use crate::ui::runtime::FileDialog;
use crate::ui::theme::font;
use crate::ui::theme::{self, Banner};
use crate::ui::widget::{banner, error_line};
use crate::ui::words::problem;
use chrono::{Datelike, Duration, Months, NaiveDate};
use iced::keyboard::{Key, key::Named};
use iced::widget::{button, column, container, row, scrollable, space, text, text_input};
use iced::{Alignment, Element, Length};
use std::path::PathBuf;

#[derive(Debug, Default)]
pub struct State {
    from: String,
    to: String,
    pub report: Option<NoShowReport>,
    /// What was given away in the same period (the checkout records).
    pub discounts: Option<DiscountReport>,
    /// Vouchers and referrals as they stand (where the salon uses them).
    pub till: Option<TillLists>,
    /// Which report the screen shows.
    pub showing: Showing,
    error: Option<Problem>,
    exported: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Showing {
    #[default]
    NoShows,
    Discounts,
    Vouchers,
    Referrals,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    LastMonth,
    ThisMonth,
    Last12Months,
}

#[derive(Debug, Clone)]
pub enum Message {
    From(String),
    To(String),
    Period(Period),
    Show,
    Loaded(Result<NoShowReport, StoreError>),
    DiscountsLoaded(Result<DiscountReport, StoreError>),
    TillLoaded(Result<Box<TillLists>, StoreError>),
    ShowReport(Showing),
    /// Into the "exports" folder beside the salon's file.
    Export,
    /// "Save as…": where the system's dialog says (`None`: cancelled).
    SaveAs,
    SaveTo(Option<PathBuf>),
    Exported(Result<PathBuf, StoreError>),
    OpenFolder(PathBuf),
}

/// The first and last day of a preset period, seen from `today`.
pub fn period(p: Period, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first_of_month = today.with_day(1).unwrap_or(today);
    match p {
        Period::LastMonth => {
            let start = first_of_month.checked_sub_months(Months::new(1)).unwrap_or(first_of_month);
            (start, first_of_month - Duration::days(1))
        }
        Period::ThisMonth => (first_of_month, today),
        Period::Last12Months => (today - Duration::days(364), today),
    }
}

impl State {
    /// Opening the screen: last month unless a period was chosen before.
    pub fn open(&mut self, ctx: &Ctx) -> Action<Message> {
        if self.from.is_empty() {
            return self.update(Message::Period(Period::LastMonth), ctx);
        }
        self.update(Message::Show, ctx)
    }

    fn dates(&self) -> Result<(NaiveDate, NaiveDate), InputError> {
        let from = clock::parse_date(&self.from)?;
        let to = clock::parse_date(&self.to)?;
        if to < from {
            return Err(InputError::EndBeforeStart);
        }
        Ok((from, to))
    }

    /// Enter shows the report for the dates typed.
    pub fn shortcut(key: &Key) -> Option<Message> {
        matches!(key, Key::Named(Named::Enter)).then_some(Message::Show)
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> Action<Message> {
        let lang = ctx.lang;
        match message {
            Message::From(v) => self.from = v,
            Message::To(v) => self.to = v,
            Message::Period(p) => {
                let (from, to) = period(p, ctx.today());
                self.from = i18n::date_numeric(lang, from);
                self.to = i18n::date_numeric(lang, to);
                return self.update(Message::Show, ctx);
            }
            Message::Show => match self.dates() {
                Ok((from, to)) => {
                    self.error = None;
                    self.exported = None;
                    let (tz, first_weekday) = (ctx.data.salon.time_zone, lang.first_weekday());
                    let no_shows = Action::run("no-show report", move |store| {
                        Message::Loaded(store.no_show_report(tz, from, to, first_weekday))
                    });
                    let discounts = Action::run("discount report", move |store| {
                        Message::DiscountsLoaded(store.discount_report(tz, from, to))
                    });
                    let features = &ctx.data.features;
                    if !(features.vouchers || features.referral) {
                        return no_shows.and(discounts);
                    }
                    let today = ctx.today();
                    let till = Action::run("vouchers and referrals", move |store| {
                        Message::TillLoaded(TillLists::read(store, today).map(Box::new))
                    });
                    return no_shows.and(discounts).and(till);
                }
                Err(e) => self.error = Some(e.into()),
            },
            Message::Loaded(Ok(report)) => self.report = Some(report),
            Message::DiscountsLoaded(Ok(report)) => self.discounts = Some(report),
            Message::ShowReport(which) => self.showing = which,
            Message::TillLoaded(Ok(lists)) => self.till = Some(*lists),
            Message::DiscountsLoaded(Err(e)) | Message::TillLoaded(Err(e)) => self.error = problem(e),
            Message::Export => {
                if let Some(report) = &self.report {
                    let path = crate::export::exports_folder(&ctx.data.file).join(export::no_shows_file_name(report));
                    return self.export_to(path, ctx);
                }
            }
            Message::SaveAs => {
                if let Some(report) = &self.report {
                    let suggested = export::no_shows_file_name(report);
                    return Action::PickFile(FileDialog::Save { suggested }, Box::new(Message::SaveTo));
                }
            }
            Message::SaveTo(Some(path)) => return self.export_to(path, ctx),
            Message::SaveTo(None) => {}
            Message::OpenFolder(folder) => return Action::Request(Request::OpenFile(folder)),
            Message::Exported(Ok(path)) => self.exported = Some(path),
            Message::Loaded(Err(e)) | Message::Exported(Err(e)) => self.error = problem(e),
        }
        Action::None
    }

    /// The report as the salon's spreadsheet in its language reads it.
    fn export_to(&self, path: PathBuf, ctx: &Ctx) -> Action<Message> {
        let Some(report) = self.report.clone() else { return Action::None };
        let (tz, lang) = (ctx.data.salon.time_zone, ctx.lang);
        Action::run("export no-shows", move |_| Message::Exported(export::no_shows_to(&path, tz, lang, &report)))
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let field = |value: &'a str, on: fn(String) -> Message| {
            text_input("", value).on_input(on).on_submit(Message::Show).width(120).padding([6, 8]).style(theme::input)
        };
        let preset = |key: &str, p: Period| {
            button(text(t(lang, key)).size(font::BODY)).style(theme::secondary).on_press(Message::Period(p))
        };
        let which = |key: &str, w: Showing| {
            button(text(t(lang, key)).size(font::CONTROL))
                .padding([8, 16])
                .style(theme::toggle(self.showing == w))
                .on_press(Message::ShowReport(w))
        };
        let mut reports =
            row![which("reports-no-shows", Showing::NoShows), which("reports-discounts", Showing::Discounts)]
                .spacing(8)
                .align_y(Alignment::Center);
        if ctx.data.features.vouchers {
            reports = reports.push(which("reports-vouchers", Showing::Vouchers));
        }
        if ctx.data.features.referral {
            reports = reports.push(which("reports-referrals", Showing::Referrals));
        }
        // The period on a line of its own: four reports and the dates do not fit one at 1366 px.
        let mut toolbar = row![
            text(t(lang, "field-from")).size(font::BODY),
            field(&self.from, Message::From),
            text(t(lang, "field-to")).size(font::BODY),
            field(&self.to, Message::To),
            button(text(t(lang, "reports-show")).size(font::BODY)).style(theme::primary).on_press(Message::Show),
            preset("reports-last-month", Period::LastMonth),
            preset("reports-this-month", Period::ThisMonth),
            preset("reports-last-12-months", Period::Last12Months),
            space::horizontal(),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        // The CSV is the no-show report's (the discounts': `salondesk report discounts`).
        if self.report.is_some() && self.showing == Showing::NoShows {
            toolbar = toolbar.push(
                button(text(t(lang, "reports-save-as")).size(font::BODY))
                    .style(theme::secondary)
                    .on_press(Message::SaveAs),
            );
            toolbar = toolbar.push(
                button(text(t(lang, "reports-export")).size(font::BODY))
                    .style(theme::secondary)
                    .on_press(Message::Export),
            );
        }
        let dated = !matches!(self.showing, Showing::Vouchers | Showing::Referrals);
        let mut page = column![reports].spacing(10);
        if dated {
            page = page.push(toolbar);
        }
        page = page.push(error_line(ctx.lang, &self.error));
        if let Some(path) = &self.exported {
            let folder = path.parent().map(PathBuf::from).unwrap_or_default();
            let said = row![
                text(ta(lang, "reports-exported", &[("path", path.display().to_string())]))
                    .size(font::BODY)
                    .width(Length::Fill),
                button(text(t(lang, "reports-open-folder")).size(font::BODY))
                    .style(theme::secondary)
                    .on_press(Message::OpenFolder(folder)),
            ]
            .spacing(8)
            .align_y(Alignment::Center);
            page = page.push(banner(Banner::Info, said));
        }
        let lists = self.till.as_ref();
        let till_body = match self.showing {
            Showing::Vouchers if ctx.data.features.vouchers => lists.map(|l| till::vouchers(ctx, l)),
            Showing::Referrals if ctx.data.features.referral => lists.map(|l| till::referrals(ctx, l)),
            _ => None,
        };
        if let Some(body) = till_body {
            let body = column![body].padding(iced::Padding { right: 18.0, ..iced::Padding::ZERO });
            return page.push(scrollable(body).height(Length::Fill)).into();
        }
        if self.showing == Showing::Discounts {
            let body = column![discounts(ctx, self.discounts.as_ref())]
                .padding(iced::Padding { right: 18.0, ..iced::Padding::ZERO });
            return page.push(scrollable(body).height(Length::Fill)).into();
        }
        if let Some(r) = &self.report {
            page = page.push(
                // Room on the right for the scrollbar: it covers no figure.
                scrollable(
                    column![totals(ctx, r), chart(ctx, r), tables(ctx, r)]
                        .spacing(14)
                        .padding(iced::Padding { right: 18.0, ..iced::Padding::ZERO }),
                )
                .height(Length::Fill),
            );
        }
        page.into()
    }
}

fn card<'a>(title: String, value: String, detail: String) -> Element<'a, Message> {
    container(
        column![
            text(title).size(font::LABEL).color(theme::MUTED),
            text(value).size(font::FIGURE),
            text(detail).size(font::SMALL).color(theme::MUTED)
        ]
        .spacing(2),
    )
    .padding(12)
    .width(Length::Fill)
    .style(theme::card)
    .into()
}

fn totals<'a>(ctx: &Ctx<'a>, r: &NoShowReport) -> Element<'a, Message> {
    let lang = ctx.lang;
    let t_ = &r.totals;
    let n = |v: u32| v.to_string();
    row![
        card(
            t(lang, "reports-count"),
            n(t_.count),
            ta(lang, "reports-first-repeated", &[("first", n(t_.first)), ("repeated", n(t_.repeated))])
        ),
        card(
            t(lang, "reports-reached"),
            format!("{} / {}", t_.reached, t_.not_reached),
            ta(lang, "reports-reached-detail", &[("unknown", n(t_.count - t_.reached - t_.not_reached))])
        ),
        card(t(lang, "reports-revenue-lost"), ctx.money(t_.revenue_lost_cents), String::new()),
        card(
            t(lang, "reports-recovered"),
            ctx.money(t_.deposits_kept_cents + t_.fees_paid_cents),
            ta(
                lang,
                "reports-recovered-detail",
                &[
                    ("deposits", ctx.money(t_.deposits_kept_cents)),
                    ("paid", ctx.money(t_.fees_paid_cents)),
                    ("invoiced", ctx.money(t_.fees_invoiced_cents)),
                ]
            )
        ),
        card(t(lang, "reports-net-loss"), ctx.money(t_.net_loss_cents()), String::new()),
    ]
    .spacing(10)
    .into()
}

/// Bars per week, drawn with plain containers (no canvas text needed).
fn chart<'a>(ctx: &Ctx<'a>, r: &NoShowReport) -> Element<'a, Message> {
    let lang = ctx.lang;
    let most = r.per_week.iter().map(|w| w.1).max().unwrap_or(0).max(1);
    let label_every = (r.per_week.len() / 12).max(1);
    let mut bars = row![].spacing(3).align_y(Alignment::End).height(150);
    let mut labels = row![].spacing(3);
    for (i, (week, count)) in r.per_week.iter().enumerate() {
        let h = 130.0 * *count as f32 / most as f32;
        let bar = column![
            text(if *count > 0 { count.to_string() } else { String::new() }).size(font::AXIS).color(theme::MUTED),
            container(space().width(Length::Fill).height(h.max(1.0)))
                .style(|_| container::Style { background: Some(theme::DANGER.into()), ..Default::default() }),
        ]
        .align_x(Alignment::Center)
        .width(Length::Fill);
        bars = bars.push(bar);
        let label = if i % label_every == 0 { i18n::date_short(lang, *week) } else { String::new() };
        labels = labels.push(container(text(label).size(font::AXIS).color(theme::MUTED)).width(Length::Fill));
    }
    container(column![text(t(lang, "reports-per-week")).size(font::CONTROL), bars, labels].spacing(6))
        .padding(12)
        .style(theme::card)
        .into()
}

fn table<'a>(ctx: &Ctx<'a>, title: String, groups: &[Group]) -> Element<'a, Message> {
    let mut rows = column![text(title).size(font::CONTROL)].spacing(4);
    for g in groups.iter().take(12) {
        rows = rows.push(
            row![
                text(g.name.clone()).size(font::LABEL).width(Length::Fill),
                text(g.totals.count.to_string()).size(font::LABEL).width(30).align_x(Alignment::End),
                text(ctx.money(g.totals.revenue_lost_cents)).size(font::LABEL).width(100).align_x(Alignment::End),
            ]
            .spacing(8),
        );
    }
    container(rows).padding(12).width(Length::Fill).style(theme::card).into()
}

/// What the checkout records gave away (seed 003: the no-show receipts'
/// 100 % discount makes the no-shows visible here).
fn discounts<'a>(ctx: &Ctx<'a>, report: Option<&DiscountReport>) -> Element<'a, Message> {
    let lang = ctx.lang;
    let Some(d) = report else { return space().height(0).into() };
    let list = |title: String, rows: &[(String, i64, u32)], words: fn(Language, &str) -> String| {
        let mut shown = column![text(title).size(font::CONTROL)].spacing(4);
        for (name, cents, lines) in rows.iter().take(8) {
            shown = shown.push(
                row![
                    text(words(lang, name)).size(font::LABEL).width(Length::Fill),
                    text(lines.to_string()).size(font::LABEL).width(30).align_x(Alignment::End),
                    text(ctx.money(*cents)).size(font::LABEL).width(100).align_x(Alignment::End),
                ]
                .spacing(8),
            );
        }
        container(shown).padding(12).width(Length::Fill).style(theme::card)
    };
    let as_is = |_: Language, name: &str| name.to_string();
    let n = |v: u32| v.to_string();
    column![
        row![
            card(t(lang, "reports-given-away"), ctx.money(d.total_cents), String::new()),
            card(
                t(lang, "reports-no-show-receipts"),
                n(d.no_show_first + d.no_show_repeated),
                ta(
                    lang,
                    "reports-first-repeated",
                    &[("first", n(d.no_show_first)), ("repeated", n(d.no_show_repeated))]
                )
            ),
        ]
        .spacing(10),
        row![
            list(t(lang, "reports-per-reason"), &d.by_reason, crate::ui::words::discount_reason),
            list(t(lang, "reports-per-staff"), &d.by_staff, as_is),
            list(t(lang, "reports-per-customer"), &d.by_customer, as_is),
        ]
        .spacing(10),
        week_bars(ctx, t(lang, "reports-given-away-per-week"), &d.by_week),
    ]
    .spacing(10)
    .into()
}

/// What was given away per week, as bars of containers.
fn week_bars<'a>(ctx: &Ctx<'a>, title: String, weeks: &[(NaiveDate, i64)]) -> Element<'a, Message> {
    let most = weeks.iter().map(|w| w.1).max().unwrap_or(0).max(1);
    let label_every = (weeks.len() / 12).max(1);
    let (mut bars, mut labels) = (row![].spacing(3).align_y(Alignment::End).height(150), row![].spacing(3));
    for (i, (week, cents)) in weeks.iter().enumerate() {
        let h = 130.0 * (*cents).max(0) as f32 / most as f32;
        bars = bars.push(
            container(space().width(Length::Fill).height(h.max(1.0)))
                .style(|_| container::Style { background: Some(theme::TEAL.into()), ..Default::default() })
                .width(Length::Fill),
        );
        let label = if i % label_every == 0 { i18n::date_short(ctx.lang, *week) } else { String::new() };
        labels = labels.push(container(text(label).size(font::AXIS).color(theme::MUTED)).width(Length::Fill));
    }
    container(column![text(title).size(font::CONTROL), bars, labels].spacing(6)).padding(12).style(theme::card).into()
}

fn tables<'a>(ctx: &Ctx<'a>, r: &NoShowReport) -> Element<'a, Message> {
    let lang = ctx.lang;
    row![
        table(ctx, t(lang, "reports-per-customer"), &r.per_customer),
        table(ctx, t(lang, "reports-per-staff"), &r.per_staff),
        table(ctx, t(lang, "reports-per-service"), &r.per_service),
    ]
    .spacing(10)
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preset_periods_are_whole_months() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 15).unwrap();
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        assert_eq!(period(Period::LastMonth, today), (d(2, 1), d(2, 28)));
        assert_eq!(period(Period::ThisMonth, today), (d(3, 1), today));
        let january = NaiveDate::from_ymd_opt(2026, 1, 10).unwrap();
        assert_eq!(period(Period::LastMonth, january).0, NaiveDate::from_ymd_opt(2025, 12, 1).unwrap());
    }
}
