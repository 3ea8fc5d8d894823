//! Work for the store, described as data so that `update` stays free of I/O:
//! the desk runs a job on a blocking thread, tests run it in place. Each job
//! answers with the message that carries its result.

use super::app::{Message, SalonData};
use super::screen::{calendar, customers, kiosk_settings, messages, reports, settings};
use crate::domain::clock::Instant;
use crate::domain::reminder::ReminderRule;
use crate::domain::schedule::{Absence, Service, Staff};
use crate::domain::status_rules::StatusRule;
use crate::domain::{AppointmentState, Customer, CustomerStatus, Language};
use crate::messaging::defaults::{Channel, Kind, Text};
use crate::store::{NewAppointment, OutboxView, Salon, Store};
use chrono::NaiveDate;
use chrono_tz::Tz;

/// Who asked for a customer search: the customer list or the appointment dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchFor {
    List,
    Appointment,
}

#[derive(Debug, Clone)]
pub enum Job {
    LoadSalon,
    /// The Messages screen: overview, a page of the outbox, settings, a text.
    LoadMessages {
        tz: Tz,
        today: NaiveDate,
        view: OutboxView,
        text: (Language, Kind, Channel),
    },
    Remind(i64),
    RetryMessage(i64),
    SaveText {
        key: (Language, Kind, Channel),
        text: Text,
    },
    ResetText((Language, Kind, Channel)),
    SaveConfig(Vec<(String, String)>),
    SaveReminderRule(ReminderRule),
    LoadKioskSettings,
    SaveKioskConfig(Vec<(String, String)>),
    SetClosedToNew(i64, bool),
    Block {
        value: String,
        reason: String,
    },
    Unblock(i64),
    BlockCustomer(i64),
    /// The kiosk in its own window (a second process on the same file).
    OpenKiosk,
    DeleteReminderRule(i64),
    LoadCalendar {
        tz: Tz,
        first: NaiveDate,
        days: u32,
        now: Instant,
    },
    SearchCustomers {
        typed: String,
        purpose: SearchFor,
    },
    OpenCustomer(i64),
    /// Saves the card; the reminder opt-out re-plans the upcoming messages
    /// (also for a changed address or number).
    SaveCustomer {
        customer: Customer,
        reminders_off: bool,
    },
    /// Unconfirmed, the desk's warnings are checked first and, if any, sent
    /// back instead of saving; confirmed ("save anyway"), it is saved.
    Book {
        new: NewAppointment,
        confirmed: bool,
    },
    Change {
        id: i64,
        change: NewAppointment,
        confirmed: bool,
    },
    SetState {
        id: i64,
        state: AppointmentState,
        reason: String,
        reached: Option<bool>,
        /// For the status rules checked after a no-show.
        now: Instant,
    },
    AssignStatus {
        customer_id: i64,
        status_id: i64,
        reason: String,
    },
    SaveStatusRule(StatusRule),
    DeleteStatusRule(i64),
    RecordFee {
        customer_id: i64,
        appointment_id: i64,
        amount_cents: i64,
        terms: String,
    },
    FeePaid {
        customer_id: i64,
        fee_id: i64,
        paid: bool,
    },
    NextFree {
        tz: Tz,
        staff_id: i64,
        minutes: u32,
        from: Instant,
        ignore: Option<i64>,
    },
    SaveSalon(Salon),
    SaveStaff(Staff),
    AddAbsence(Absence),
    RemoveAbsence(i64),
    SaveService(Service),
    SaveStatus(CustomerStatus),
    MoveStatus {
        id: i64,
        delta: i32,
    },
    DeleteStatus {
        id: i64,
        replacement: i64,
    },
    NoShowReport {
        tz: Tz,
        from: NaiveDate,
        to: NaiveDate,
        first_weekday: chrono::Weekday,
    },
    /// Writes the report as CSV into the "exports" folder beside the file.
    ExportNoShows {
        tz: Tz,
        report: Box<crate::domain::no_show_report::NoShowReport>,
    },
    CallList {
        tz: Tz,
        date: NaiveDate,
        now: Instant,
    },
    /// Ticks an appointment of the call list, then reloads the list.
    Confirm {
        id: i64,
        confirmed: bool,
        tz: Tz,
        date: NaiveDate,
        now: Instant,
    },
    /// Hands a tel:/sip: link or a file to the operating system (or the given opener).
    Open {
        target: String,
        opener: Opener,
    },
    AttachDocument {
        customer_id: i64,
        source: std::path::PathBuf,
    },
    RemoveDocument {
        customer_id: i64,
        id: i64,
    },
    SaveCallTemplate(String),
    CheckIntegrity,
    StartEmpty,
    /// Has another process changed the file since we last looked?
    Watch,
}

/// Who opens links for the desk: the operating system, or (tests, kiosks with
/// their own telephony) a program given the link as its one argument.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Opener {
    #[default]
    System,
    Program(std::path::PathBuf),
}

impl Opener {
    pub fn open(&self, uri: &str) -> Result<(), String> {
        match self {
            Opener::System => open::that_detached(uri).map_err(|e| e.to_string()),
            Opener::Program(program) => match std::process::Command::new(program).arg(uri).status() {
                Ok(s) if s.success() => Ok(()),
                Ok(s) => Err(format!("{} exited with {s}", program.display())),
                Err(e) => Err(format!("{}: {e}", program.display())),
            },
        }
    }
}

/// How many hits the search shows; enough to pick from, few enough to be instant.
pub const SEARCH_LIMIT: usize = 30;

impl Job {
    pub fn run(self, store: &mut Store) -> Message {
        match self {
            Job::LoadSalon => Message::SalonLoaded(load_salon(store)),
            Job::LoadMessages { tz, today, view, text } => {
                Message::Messages(messages::Message::Loaded(load_messages(store, tz, today, view, text)))
            }
            Job::Remind(id) => {
                done(store.remind(id).map(|on| if on { "overview-reminded" } else { "overview-cannot-remind" }))
            }
            Job::RetryMessage(id) => done(store.retry_message(id).map(|_| "outbox-retrying")),
            Job::SaveText { key: (l, k, c), text } => {
                done(store.set_message_text(l, k, c, &text).map(|_| "texts-saved"))
            }
            Job::ResetText((l, k, c)) => done(store.reset_message_text(l, k, c).map(|_| "texts-was-reset")),
            Job::SaveConfig(pairs) => done(save_config(store, &pairs).map(|_| "sending-saved")),
            Job::SaveReminderRule(rule) => done(store.save_reminder_rule(&rule).map(|_| "")),
            Job::DeleteReminderRule(id) => done(store.delete_reminder_rule(id).map(|_| "")),
            Job::LoadKioskSettings => kiosk_done_with(load_kiosk_settings(store)),
            Job::SaveKioskConfig(pairs) => kiosk_done(save_config(store, &pairs).map(|_| "saved-settings")),
            Job::SetClosedToNew(id, closed) => kiosk_done(store.set_closed_to_new(id, closed).map(|_| "")),
            Job::Block { value, reason } => kiosk_done(store.block(&value, &reason).map(|_| "kiosk-blocked")),
            Job::Unblock(id) => kiosk_done(store.unblock(id).map(|_| "")),
            Job::BlockCustomer(id) => Message::Customers(customers::Message::Blocked(store.block_customer(id))),
            Job::OpenKiosk => kiosk_done(open_kiosk(store).map(|_| "")),
            Job::LoadCalendar { tz, first, days, now } => Message::Calendar(calendar::Message::Loaded {
                first,
                days,
                result: store.appointments_on_days(tz, first, days).and_then(|appointments| {
                    let risks = store.risks(&appointments, now)?;
                    Ok(calendar::Loaded { appointments, risks })
                }),
            }),
            Job::SearchCustomers { typed, purpose } => {
                let result = store.search_customers(&typed, SEARCH_LIMIT);
                match purpose {
                    SearchFor::List => Message::Customers(customers::Message::Found { typed, result }),
                    SearchFor::Appointment => Message::Calendar(calendar::Message::Suggestions { typed, result }),
                }
            }
            Job::OpenCustomer(id) => {
                Message::Customers(customers::Message::CardLoaded(store.customer(id).and_then(|customer| {
                    Ok(customers::CardData {
                        customer,
                        appointments: store.customer_appointments(id)?,
                        fees: store.fees(id)?,
                        history: store.status_history(id)?,
                        documents: store.documents(id)?,
                        reminders_off: store.reminders_off(id)?,
                    })
                })))
            }
            Job::SaveCustomer { customer, reminders_off } => Message::Customers(customers::Message::Saved(
                store.save_customer(&customer).and_then(|id| store.set_reminders_off(id, reminders_off).map(|_| id)),
            )),
            Job::Book { new, confirmed } => match warned(store, &new, None, confirmed) {
                Some(m) => m,
                None => Message::Calendar(calendar::Message::Saved(store.book(&new))),
            },
            Job::Change { id, change, confirmed } => match warned(store, &change, Some(id), confirmed) {
                Some(m) => m,
                None => Message::Calendar(calendar::Message::Saved(store.change_appointment(id, &change).map(|_| id))),
            },
            Job::SetState { id, state, reason, reached, now } => {
                let saved = store.set_state_with(id, state, &reason, reached).map(|_| id);
                // A no-show may bring a customer under an automatic status rule.
                let customer = store.appointment(id).ok().and_then(|a| a.customer_id);
                let rule = match (&saved, state, customer) {
                    // The no-show is saved either way; a failed check is logged, not shown as a failed save.
                    (Ok(_), AppointmentState::NoShow, Some(c)) => store
                        .check_status_rules(c, now)
                        .inspect_err(|e| tracing::warn!(error = %e, "status rules not checked"))
                        .ok()
                        .flatten(),
                    _ => None,
                };
                let saved = Message::Calendar(calendar::Message::Saved(saved));
                match rule {
                    Some(outcome) => Message::Many(vec![saved, Message::StatusRule(outcome)]),
                    None => saved,
                }
            }
            Job::AssignStatus { customer_id, status_id, reason } => {
                Message::StatusAssigned(store.assign_status(customer_id, status_id, &reason).map(|_| customer_id))
            }
            Job::SaveStatusRule(rule) => {
                Message::Settings(settings::Message::RulesSaved(store.save_status_rule(&rule).map(|_| ())))
            }
            Job::DeleteStatusRule(id) => Message::Settings(settings::Message::RulesSaved(store.delete_status_rule(id))),
            Job::RecordFee { customer_id, appointment_id, amount_cents, terms } => {
                Message::Customers(customers::Message::FeeSaved(
                    store.record_fee(appointment_id, amount_cents, &terms).map(|_| customer_id),
                ))
            }
            Job::FeePaid { customer_id, fee_id, paid } => {
                Message::Customers(customers::Message::FeeSaved(store.mark_fee_paid(fee_id, paid).map(|_| customer_id)))
            }
            Job::NextFree { tz, staff_id, minutes, from, ignore } => Message::Calendar(calendar::Message::NextFree(
                store.next_free_start(tz, staff_id, minutes, from, ignore),
            )),
            Job::SaveSalon(salon) => Message::Settings(settings::Message::Saved(store.save_salon(&salon).map(|_| 1))),
            Job::SaveStaff(staff) => Message::Settings(settings::Message::Saved(store.save_staff(&staff))),
            Job::AddAbsence(a) => Message::Settings(settings::Message::Saved(store.add_absence(&a))),
            Job::RemoveAbsence(id) => Message::Settings(settings::Message::Saved(store.remove_absence(id).map(|_| id))),
            Job::SaveService(s) => Message::Settings(settings::Message::Saved(store.save_service(&s))),
            Job::SaveStatus(s) => Message::Settings(settings::Message::Saved(store.save_status(&s))),
            Job::MoveStatus { id, delta } => {
                Message::Settings(settings::Message::Saved(store.move_status(id, delta).map(|_| id)))
            }
            Job::DeleteStatus { id, replacement } => {
                Message::Settings(settings::Message::Saved(store.delete_status(id, replacement).map(|_| replacement)))
            }
            Job::NoShowReport { tz, from, to, first_weekday } => {
                Message::Reports(reports::Message::Loaded(store.no_show_report(tz, from, to, first_weekday)))
            }
            Job::ExportNoShows { tz, report } => {
                Message::Reports(reports::Message::Exported(export_no_shows(store, tz, &report)))
            }
            Job::CallList { tz, date, now } => {
                Message::Calendar(calendar::Message::CallList(store.call_list(tz, date, now)))
            }
            Job::Confirm { id, confirmed, tz, date, now } => Message::Calendar(calendar::Message::CallList(
                store.confirm(id, confirmed).and_then(|_| store.call_list(tz, date, now)),
            )),
            Job::Open { target, opener } => Message::Called(opener.open(&target)),
            Job::AttachDocument { customer_id, source } => Message::Customers(customers::Message::DocumentsChanged(
                store.attach_document(customer_id, &source).map(|_| customer_id),
            )),
            Job::RemoveDocument { customer_id, id } => {
                Message::Customers(customers::Message::DocumentsChanged(store.remove_document(id).map(|_| customer_id)))
            }
            Job::SaveCallTemplate(template) => {
                Message::Settings(settings::Message::Saved(store.set_call_template(&template).map(|_| 0)))
            }
            Job::CheckIntegrity => Message::IntegrityChecked(store.check_integrity()),
            Job::StartEmpty => Message::StartedEmpty(store.start_empty()),
            Job::Watch => Message::Watched(store.data_version()),
        }
    }
}

fn export_no_shows(
    store: &Store,
    tz: Tz,
    report: &crate::domain::no_show_report::NoShowReport,
) -> crate::store::Result<std::path::PathBuf> {
    let folder = store.path().parent().unwrap_or(std::path::Path::new(".")).join("exports");
    let io = |e: std::io::Error| crate::store::StoreError::CannotOpen { path: folder.clone(), cause: e.to_string() };
    std::fs::create_dir_all(&folder).map_err(io)?;
    let path = folder.join(format!("no-shows-{}-{}.csv", report.from, report.to));
    let file = std::fs::File::create(&path).map_err(io)?;
    crate::export::no_shows_csv(report, tz, std::io::BufWriter::new(file))
        .map_err(|e| crate::store::StoreError::CannotOpen { path: path.clone(), cause: e.to_string() })?;
    Ok(path)
}

/// The warnings to show instead of saving, if any.
fn warned(store: &Store, new: &NewAppointment, original: Option<i64>, confirmed: bool) -> Option<Message> {
    if confirmed {
        return None;
    }
    match store.desk_warnings(new, original) {
        Ok(warnings) if warnings.is_empty() => None,
        Ok(warnings) => Some(Message::Calendar(calendar::Message::Warned(warnings))),
        Err(e) => Some(Message::Calendar(calendar::Message::Saved(Err(e)))),
    }
}

fn kiosk_done(result: crate::store::Result<&'static str>) -> Message {
    Message::Settings(settings::Message::Kiosk(kiosk_settings::Message::Done(result)))
}

fn kiosk_done_with(result: crate::store::Result<kiosk_settings::Loaded>) -> Message {
    Message::Settings(settings::Message::Kiosk(kiosk_settings::Message::Loaded(result)))
}

fn load_kiosk_settings(store: &Store) -> crate::store::Result<kiosk_settings::Loaded> {
    let mut staff = Vec::new();
    for s in store.staff()?.into_iter().filter(|s| s.active) {
        staff.push((s.id, s.name.clone(), store.closed_to_new(s.id)?));
    }
    Ok(kiosk_settings::Loaded {
        config: store.config_values()?,
        staff,
        blocklist: store.blocklist()?,
        refusals: store.kiosk_refusals(30)?,
    })
}

/// Starts `salondesk kiosk` on the same file; the window manager places it
/// (full screen on the screen it opens on).
fn open_kiosk(store: &Store) -> crate::store::Result<()> {
    let program = std::env::current_exe().map_err(|e| crate::store::StoreError::Sql(e.to_string()))?;
    std::process::Command::new(program)
        .arg("--db")
        .arg(store.path())
        .arg("kiosk")
        .spawn()
        .map(|_| ())
        .map_err(|e| crate::store::StoreError::Sql(e.to_string()))
}

fn done(result: crate::store::Result<&'static str>) -> Message {
    Message::Messages(messages::Message::Done(result))
}

fn load_messages(
    store: &Store,
    tz: Tz,
    today: NaiveDate,
    view: OutboxView,
    (lang, kind, channel): (Language, Kind, Channel),
) -> crate::store::Result<messages::Loaded> {
    Ok(messages::Loaded {
        past: store.reminder_overview(tz, today - chrono::Duration::days(7), 7)?,
        next: store.reminder_overview(tz, today, 7)?,
        outbox: store.outbox(view, 200)?,
        config: store.config_values()?,
        rules: store.reminder_rules()?,
        text: Some(store.message_text(lang, kind, channel)?),
        not_set_up: crate::messaging::scheduler::Transports::from_store(store)?.missing(),
    })
}

/// Saves only what changed; the first refusal stops and says which key.
fn save_config(store: &mut Store, pairs: &[(String, String)]) -> crate::store::Result<()> {
    for (key, value) in pairs {
        if store.config(key)? != value.trim() {
            store.set_config(key, value)?;
        }
    }
    Ok(())
}

fn load_salon(store: &Store) -> crate::store::Result<SalonData> {
    Ok(SalonData {
        salon: store.salon()?,
        staff: store.staff()?,
        services: store.services()?,
        statuses: store.statuses()?,
        status_rules: store.status_rules()?,
        call_template: store.call_template()?,
        customers: store.customer_count()?,
        outbox_failed: store.outbox_counts(store.now())?.0,
    })
}
