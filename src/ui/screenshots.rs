//! `salondesk screenshots`: every screen of the desk rendered to PNG with
//! iced_test, no display needed.

use super::UiError;
use super::app::{App, Message};
use super::screen::calendar::{self, appointment};
use super::screen::{customers, messages, settings};
use super::{FONT, drive, send, theme};
use crate::demo::{self, DemoPlan};
use crate::domain::{AppointmentState, Language, clock};
use crate::store::{Store, StoreError};
use std::path::{Path, PathBuf};

/// The demo salon's fixed "now" when no database is given: pictures stay
/// comparable from run to run.
fn demo_now(store: &Store, today: chrono::NaiveDate) -> clock::Instant {
    let tz = store.salon().map(|s| s.time_zone).unwrap_or(chrono_tz::Europe::Berlin);
    clock::local_to_utc(tz, today, 11 * 60 + 40)
}

pub fn render_all(
    db: Option<&Path>,
    out: &Path,
    lang: Option<Language>,
    size: (f32, f32),
) -> Result<Vec<PathBuf>, UiError> {
    std::fs::create_dir_all(out).map_err(|source| UiError::File { path: out.to_path_buf(), source })?;
    let languages = match lang {
        Some(l) => vec![l],
        None => Language::ALL.to_vec(),
    };
    let mut written = Vec::new();
    for lang in languages {
        let temp = tempfile::tempdir().map_err(|source| UiError::File { path: std::env::temp_dir(), source })?;
        let (mut store, now) = match db {
            Some(path) => (Store::open(path, "screenshots")?, chrono::Utc::now()),
            None => {
                let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
                let mut store = Store::create(&temp.path().join("demo.sqlite3"), "desk")?;
                demo::generate(&mut store, &DemoPlan::small(today, lang))?;
                let now = demo_now(&store, today);
                // One message the mail server refused, as the outbox shows it.
                if let Some(m) = store.outbox(crate::store::OutboxView::Waiting, 1)?.first() {
                    store.claim_message(m, m.due_at)?;
                    store.message_failed(m.id, now, "Connection refused (os error 111)", false)?;
                }
                // Yesterday's daily copy, for Settings › Data and the damaged-file screen.
                store.set_now(Some(now - chrono::Duration::hours(20)));
                store.back_up("")?;
                // What the desk records meanwhile (the till) is dated at the demo's now.
                store.set_now(Some(now));
                (store, now)
            }
        };
        written.extend(render_language(&mut store, out, lang, now, size)?);
        // The kiosk books and blocks as a customer would: only in the throw-away demo.
        if db.is_none() {
            written.extend(render_kiosk(&mut store, out, lang, now, size)?);
            written.push(render_absence_clash(&mut store, out, lang, now, size)?);
        }
        // A damaged file, offered its newest good backup.
        let damaged = App::new(Err(StoreError::Damaged("database disk image is malformed".into())), Some(lang), now).0;
        let (mut damaged, found) = damaged.on_file(store.path().to_path_buf());
        drive(&mut damaged, &mut store, found);
        written.push(shoot(&damaged, out, &format!("{}-error-damaged", lang.code()), size)?);
    }
    Ok(written)
}

fn render_language(
    store: &mut Store,
    out: &Path,
    lang: Language,
    now: clock::Instant,
    size: (f32, f32),
) -> Result<Vec<PathBuf>, UiError> {
    let (mut app, commands) = App::new(Ok(()), Some(lang), now);
    drive(&mut app, store, commands);
    let name = |screen: &str| format!("{}-{screen}", lang.code());
    let mut files = vec![shoot(&app, out, &name("calendar-day"), size)?];

    send(&mut app, store, Message::Calendar(calendar::Message::TogglePicker));
    files.push(shoot(&app, out, &name("calendar-date-picker"), size)?);
    send(&mut app, store, Message::Calendar(calendar::Message::TogglePicker));

    send(&mut app, store, Message::Calendar(calendar::Message::OpenCallList));
    files.push(shoot(&app, out, &name("call-list"), size)?);
    send(&mut app, store, Message::Calendar(calendar::Message::CloseCallList));

    send(&mut app, store, Message::Calendar(calendar::Message::SetMode(calendar::Mode::Week)));
    files.push(shoot(&app, out, &name("calendar-week"), size)?);
    send(&mut app, store, Message::Calendar(calendar::Message::SetMode(calendar::Mode::Day)));

    // A new appointment on a free afternoon slot, with customers suggested.
    let staff_id = app.data.as_ref().and_then(|d| d.staff.first()).map(|s| s.id).unwrap_or(1);
    let date = app.calendar.date;
    send(&mut app, store, Message::Calendar(calendar::Message::SlotClicked { staff_id, date, minute: 17 * 60 }));
    let typed = store
        .search_customers("a", 1)?
        .first()
        .map(|h| h.name.chars().take(3).collect())
        .unwrap_or_else(|| "An".to_string());
    send(&mut app, store, Message::Calendar(calendar::Message::Dialog(appointment::Message::CustomerTyped(typed))));
    files.push(shoot(&app, out, &name("appointment-new"), size)?);
    send(&mut app, store, Message::Calendar(calendar::Message::CloseDialog));

    // An existing appointment, then the no-show reason panel.
    let booked =
        app.calendar.appointments.iter().find(|a| a.state == AppointmentState::Booked && a.is_linked()).map(|a| a.id);
    if let Some(id) = booked {
        send(&mut app, store, Message::Calendar(calendar::Message::Open(id)));
        files.push(shoot(&app, out, &name("appointment-edit"), size)?);
        send(
            &mut app,
            store,
            Message::Calendar(calendar::Message::Dialog(appointment::Message::Mark(AppointmentState::NoShow))),
        );
        send(
            &mut app,
            store,
            Message::Calendar(calendar::Message::Dialog(appointment::Message::ReasonPreset("reason-forgot"))),
        );
        files.push(shoot(&app, out, &name("appointment-no-show"), size)?);
        send(&mut app, store, Message::Calendar(calendar::Message::CloseDialog));
    }

    render_till(&mut app, store, out, &name, size, &mut files)?;

    send(&mut app, store, Message::Navigate(super::app::Screen::Customers));
    send(&mut app, store, Message::Customers(customers::Message::SearchTyped("be".into())));
    files.push(shoot(&app, out, &name("customers-search"), size)?);
    // The card of a regular, so that the archive has a history to show.
    let regular = app.calendar.appointments.iter().filter_map(|a| a.customer_id).min();
    if let Some(id) = regular.or_else(|| app.customers.hits.first().map(|h| h.id)) {
        send(&mut app, store, Message::Customers(customers::Message::Open(id)));
        files.push(shoot(&app, out, &name("customer-card"), size)?);
    }

    send(&mut app, store, Message::Navigate(super::app::Screen::Reports));
    files.push(shoot(&app, out, &name("reports-no-shows"), size)?);
    // The discounts of the last twelve months (the no-show receipts among them).
    send(
        &mut app,
        store,
        Message::Reports(super::screen::reports::Message::Period(super::screen::reports::Period::Last12Months)),
    );
    send(
        &mut app,
        store,
        Message::Reports(super::screen::reports::Message::ShowReport(super::screen::reports::Showing::Discounts)),
    );
    files.push(shoot(&app, out, &name("reports-discounts"), size)?);
    for (which, screen) in [
        (super::screen::reports::Showing::Vouchers, "reports-vouchers"),
        (super::screen::reports::Showing::Referrals, "reports-referrals"),
    ] {
        send(&mut app, store, Message::Reports(super::screen::reports::Message::ShowReport(which)));
        // Codes are random: the picture shows made-up ones, the same each time.
        if let Some(lists) = app.reports.till.as_mut() {
            lists.vouchers.iter_mut().for_each(|v| v.code = format!("DEMO{:08}", v.id * 7919 % 100_000_000));
        }
        files.push(shoot(&app, out, &name(screen), size)?);
    }

    send(&mut app, store, Message::Navigate(super::app::Screen::Messages));
    send(&mut app, store, Message::Messages(messages::Message::Without(Some(messages::Week::Next))));
    files.push(shoot(&app, out, &name("messages-overview"), size)?);
    for (tab, screen) in [
        (messages::Tab::Outbox, "messages-outbox"),
        (messages::Tab::Texts, "messages-texts"),
        (messages::Tab::Newsletter, "messages-newsletter"),
        (messages::Tab::Sending, "messages-sending"),
    ] {
        send(&mut app, store, Message::Messages(messages::Message::Tab(tab)));
        if tab == messages::Tab::Newsletter {
            // The VIPs chosen, and who they are.
            let newsletter = |m| Message::Messages(messages::Message::Newsletter(m));
            if let Some(vip) = app.data.as_ref().and_then(|d| d.statuses.get(1)).map(|s| s.id) {
                send(&mut app, store, newsletter(messages::newsletter::Message::Status(vip, true)));
            }
            send(&mut app, store, newsletter(messages::newsletter::Message::ToggleList));
        }
        files.push(shoot(&app, out, &name(screen), size)?);
    }

    send(&mut app, store, Message::Navigate(super::app::Screen::Settings));
    for (tab, screen) in [
        (settings::Tab::Salon, "settings-salon"),
        (settings::Tab::Staff, "settings-staff"),
        (settings::Tab::Services, "settings-services"),
        (settings::Tab::Statuses, "settings-statuses"),
        (settings::Tab::Kiosk, "settings-kiosk"),
        (settings::Tab::Till, "settings-till"),
        // About before Data: the import below goes on from the Data tab.
        (settings::Tab::About, "settings-about"),
        (settings::Tab::Data, "settings-data"),
    ] {
        send(&mut app, store, Message::Settings(settings::Message::Tab(tab)));
        if tab == settings::Tab::Staff {
            let first = app.data.as_ref().and_then(|d| d.staff.first()).map(|s| s.id).unwrap_or(0);
            send(&mut app, store, Message::Settings(settings::Message::PickStaff(first)));
        }
        if tab == settings::Tab::Services {
            let first = app.data.as_ref().and_then(|d| d.services.first()).map(|s| s.id).unwrap_or(0);
            send(&mut app, store, Message::Settings(settings::Message::PickService(first)));
        }
        if tab == settings::Tab::Statuses {
            let unreliable = app.data.as_ref().and_then(|d| d.statuses.get(2)).map(|s| s.id).unwrap_or(0);
            let pick = crate::ui::screen::settings::statuses::Message::Pick(unreliable);
            send(&mut app, store, Message::Settings(settings::Message::Statuses(pick)));
        }
        if tab == settings::Tab::About {
            // Where a reception PC keeps them: the throw-away folder's random
            // name would make every picture differ.
            use crate::ui::screen::settings::about;
            let home = std::path::Path::new("/home/reception/.local/share/salondesk");
            let facts = about::Facts {
                file: home.join("salon.sqlite3"),
                logs: home.join("logs"),
                backups: home.join("backups"),
                newest: store.backups()?.into_iter().next(),
            };
            send(&mut app, store, Message::Settings(settings::Message::About(about::Message::Loaded(Ok(facts)))));
        }
        files.push(shoot(&app, out, &name(screen), size)?);
    }
    // Settings › Data › Import: a list dropped on the tab, then checked.
    let list = std::env::temp_dir().join(format!("salondesk-shot-{}-clients.csv", lang.code()));
    if std::fs::write(&list, SAMPLE_LIST).is_ok() {
        send(&mut app, store, Message::FileDropped(list.clone()));
        files.push(shoot(&app, out, &name("settings-import"), size)?);
        let check = app.settings.import_check();
        send(&mut app, store, check);
        files.push(shoot(&app, out, &name("settings-import-checked"), size)?);
        let _ = std::fs::remove_file(&list);
    }
    Ok(files)
}

/// The till of someone in the chair: the service, a product, a discount
/// with its reason, part paid; then a voucher sold to a walk-in, recorded.
fn render_till(
    app: &mut App,
    store: &mut Store,
    out: &Path,
    name: &dyn Fn(&str) -> String,
    size: (f32, f32),
    files: &mut Vec<PathBuf>,
) -> Result<(), UiError> {
    use super::screen::calendar::till::Message as Till;
    let till = |m: Till| Message::Calendar(calendar::Message::Till(m));
    let arrived = app.calendar.appointments.iter().find(|a| a.state == AppointmentState::Arrived && a.is_linked());
    let Some(id) = arrived.map(|a| a.id) else { return Ok(()) };
    send(app, store, Message::Calendar(calendar::Message::Open(id)));
    send(app, store, Message::Calendar(calendar::Message::Dialog(appointment::Message::CheckOut)));
    if let Some(product) = app.data.as_ref().and_then(|d| d.products.first()).map(|p| p.id) {
        send(app, store, till(Till::AddProduct(product)));
    }
    for m in [Till::DiscountOn(Some(0)), Till::DiscountTyped("10 %".into()), Till::DiscountReason("staff".into())] {
        send(app, store, till(m));
    }
    send(app, store, till(Till::ApplyDiscount));
    send(app, store, till(Till::AmountTyped("20".into())));
    send(app, store, till(Till::Pay(crate::domain::checkout::Method::Cash)));
    files.push(shoot(app, out, &name("till"), size)?);
    send(app, store, till(Till::Close));

    send(app, store, Message::Calendar(calendar::Message::OpenSale));
    send(app, store, till(Till::VoucherValueTyped("50".into())));
    send(app, store, till(Till::SellVoucher));
    send(app, store, till(Till::Pay(crate::domain::checkout::Method::Card)));
    send(app, store, till(Till::TillReceiptTyped("4711".into())));
    send(app, store, till(Till::Record));
    // The code is random; the picture shows a fixed one, so that it compares.
    if let Some((_, sold)) = app.calendar.till.as_mut().and_then(|t| t.recorded.as_mut()) {
        sold.iter_mut().for_each(|v| v.code = "HAPPYBDAY234".into());
    }
    files.push(shoot(app, out, &name("till-voucher-sold"), size)?);
    send(app, store, till(Till::Close));
    Ok(())
}

/// A customer list as another salon program exports it, for the pictures.
const SAMPLE_LIST: &str = "First Name,Last Name,Mobile Number,Email,Date of Birth,Notes,Accepts Marketing\n\
    Jürgen,Groß,0151 99887766,juergen@example.de,1980-03-04,likes it short,yes\n\
    Zoë,Lind,,zoe@example.nl,31.02.1990,,no\n\
    ,,0151 11111111,,,,\n\
    Marta,Kowalska,0170 1234567,marta@example.pl,12.09.1975,,\n";

/// Settings › Staff asking before an absence goes over today's appointments
/// of the first staff member (who has some in the demo).
fn render_absence_clash(
    store: &mut Store,
    out: &Path,
    lang: Language,
    now: clock::Instant,
    size: (f32, f32),
) -> Result<PathBuf, UiError> {
    let (mut app, commands) = App::new(Ok(()), Some(lang), now);
    drive(&mut app, store, commands);
    send(&mut app, store, Message::Navigate(super::app::Screen::Settings));
    send(&mut app, store, Message::Settings(settings::Message::Tab(settings::Tab::Staff)));
    let today = crate::ui::i18n::date_numeric(lang, clock::today(store.salon()?.time_zone, now));
    let edit = |field, value: String| Message::Settings(settings::Message::Edit(field, value));
    send(&mut app, store, edit(settings::Field::AbsenceFrom, today));
    send(&mut app, store, edit(settings::Field::AbsenceReason, "—".into()));
    send(&mut app, store, Message::Settings(settings::Message::AddAbsence));
    shoot(&app, out, &format!("{}-settings-absence-clash", lang.code()), size)
}

/// Renders the desk as it is now into `out/name.png`.
pub fn shoot(app: &App, out: &Path, name: &str, size: (f32, f32)) -> Result<PathBuf, UiError> {
    shoot_view(app.view(), out, name, size)
}

/// Walks the kiosk through check-in and a self-booking, one PNG per step.
pub fn render_kiosk(
    store: &mut Store,
    out: &Path,
    lang: Language,
    now: clock::Instant,
    size: (f32, f32),
) -> Result<Vec<PathBuf>, UiError> {
    use super::kiosk::{Kiosk, Message as K};
    store.set_now(Some(now));
    let mut kiosk = Kiosk::new(store, Some(lang), now)?;
    let name = |step: &str| format!("{}-kiosk-{step}-{}x{}", lang.code(), size.0, size.1);
    let mut files = vec![shoot_view(kiosk.view(), out, &name("1-welcome"), size)?];
    // A new customer's mobile number, written the way people there write it.
    let new_phone = match lang {
        Language::En => "07400 123456",
        Language::De => "0151 2345 6789",
        Language::Nl => "06 12345678",
        Language::Nb => "912 34 567",
    };
    let press = super::kiosk::send;
    let tz = store.salon()?.time_zone;
    let today = store.appointments_on_days(tz, clock::today(tz, now), 1)?;
    let phone = today
        .iter()
        // One that may be checked in now: starting within the next 45 minutes.
        .find(|a| {
            a.state == AppointmentState::Booked
                && a.slot.start > now
                && a.slot.start <= now + chrono::Duration::minutes(45)
                && !a.customer_phone.is_empty()
        })
        .map(|a| a.customer_phone.clone())
        .unwrap_or_default();
    press(&mut kiosk, store, K::CheckInStart);
    for c in phone.chars().filter(|c| c.is_ascii_digit() || *c == '+') {
        press(&mut kiosk, store, K::Key(c));
    }
    files.push(shoot_view(kiosk.view(), out, &name("2-check-in-phone"), size)?);
    press(&mut kiosk, store, K::Next);
    files.push(shoot_view(kiosk.view(), out, &name("3-check-in"), size)?);
    press(&mut kiosk, store, K::Home);
    press(&mut kiosk, store, K::BookStart);
    files.push(shoot_view(kiosk.view(), out, &name("4-service"), size)?);
    let service = store.services()?.first().map(|s| s.id).unwrap_or(1);
    press(&mut kiosk, store, K::Service(service));
    files.push(shoot_view(kiosk.view(), out, &name("5-staff"), size)?);
    press(&mut kiosk, store, K::Staff(None));
    files.push(shoot_view(kiosk.view(), out, &name("6-time"), size)?);
    let slot = store.free_slots(30, None, now, 14)?.get(3).copied();
    if let Some((_, at)) = slot {
        press(&mut kiosk, store, K::Time(None, at));
    }
    for c in new_phone.chars() {
        press(&mut kiosk, store, K::Key(c));
    }
    files.push(shoot_view(kiosk.view(), out, &name("7-phone"), size)?);
    press(&mut kiosk, store, K::Next);
    for c in "kari".chars() {
        press(&mut kiosk, store, K::Key(c));
    }
    press(&mut kiosk, store, K::Focus(super::kiosk::Field::LastName));
    for c in "nordmann".chars() {
        press(&mut kiosk, store, K::Key(c));
    }
    files.push(shoot_view(kiosk.view(), out, &name("8-details"), size)?);
    press(&mut kiosk, store, K::Next);
    files.push(shoot_view(kiosk.view(), out, &name("9-terms"), size)?);
    press(&mut kiosk, store, K::AcceptTerms);
    files.push(shoot_view(kiosk.view(), out, &name("10-done"), size)?);
    // A refusal: the same customer again, this time blocklisted.
    store.block(new_phone, "screenshot")?;
    press(&mut kiosk, store, K::Home);
    press(&mut kiosk, store, K::BookStart);
    press(&mut kiosk, store, K::Service(service));
    press(&mut kiosk, store, K::Staff(None));
    if let Some((_, at)) = store.free_slots(30, None, now, 14)?.get(5).copied() {
        press(&mut kiosk, store, K::Time(None, at));
    }
    for c in new_phone.chars() {
        press(&mut kiosk, store, K::Key(c));
    }
    press(&mut kiosk, store, K::Next);
    for c in "kari".chars() {
        press(&mut kiosk, store, K::Key(c));
    }
    press(&mut kiosk, store, K::Next);
    press(&mut kiosk, store, K::AcceptTerms);
    files.push(shoot_view(kiosk.view(), out, &name("11-refused"), size)?);
    press(&mut kiosk, store, K::Home);
    press(&mut kiosk, store, K::StaffExit);
    files.push(shoot_view(kiosk.view(), out, &name("12-pin"), size)?);
    store.set_now(None);
    Ok(files)
}

/// Renders any view into `out/name.png`.
pub fn shoot_view<M>(view: iced::Element<'_, M>, out: &Path, name: &str, size: (f32, f32)) -> Result<PathBuf, UiError> {
    let settings = iced::Settings { default_font: FONT, ..iced::Settings::default() };
    let mut ui = iced_test::Simulator::with_size(settings, size, view);
    let failed = |e: iced_test::Error| UiError::Render { name: name.to_string(), detail: format!("{e:?}") };
    let snapshot = ui.snapshot(&theme::theme()).map_err(failed)?;
    // iced_test writes "<name>-<renderer>.png" when no such file exists yet.
    let target = out.join(format!("{name}.png"));
    let written = out.join(format!("{name}-tiny-skia.png"));
    let _ = std::fs::remove_file(&written);
    snapshot.matches_image(out.join(name)).map_err(failed)?;
    std::fs::rename(&written, &target).map_err(|source| UiError::File { path: target.clone(), source })?;
    Ok(target)
}
