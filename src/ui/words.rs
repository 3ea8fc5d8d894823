//! What the desk says in the user's language about errors and about what
//! rules did: one place, so that every screen says it the same way.

use super::context::{Note, Problem};
use super::i18n::{t, ta};
use crate::domain::Language;
use crate::message::defaults::{Channel, Kind};
use crate::store::OutboxState;
use crate::store::{RuleOutcome, StoreError};

/// "Anna Berg: 2 no-shows within 6 months — now Unreliable." / "— give Unreliable?"
/// "0151 234 · Cut · Lena", leaving out what is empty: no dangling "·".
pub fn joined<S: AsRef<str>>(parts: &[S]) -> String {
    let kept: Vec<&str> = parts.iter().map(|p| p.as_ref().trim()).filter(|p| !p.is_empty()).collect();
    kept.join(" · ")
}

/// The words for a setting's choice ("starttls" → "STARTTLS (port 587)").
pub fn choice_key(value: &str) -> &'static str {
    match value {
        "none" => "choice-none",
        "starttls" => "choice-starttls",
        "tls" => "choice-tls",
        "twilio" => "choice-twilio",
        "generic" => "choice-generic",
        "form" => "choice-form",
        "json" => "choice-json",
        "own" => "choice-own-till",
        "salondesk" => "choice-salondesk-till",
        _ => "choice-other",
    }
}

pub fn rule_text(lang: Language, o: &RuleOutcome) -> String {
    let key = if o.assigned { "rule-assigned" } else { "rule-suggested" };
    ta(
        lang,
        key,
        &[
            ("customer", o.customer.clone()),
            ("noshows", o.no_shows.to_string()),
            ("months", o.months.to_string()),
            ("status", o.status.clone()),
        ],
    )
}

/// A history reason in words: "rule:2:6" → "2 no-shows within 6 months".
pub fn reason_text(lang: Language, reason: &str) -> String {
    let mut parts = reason.split(':');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("rule"), Some(n), Some(m)) => {
            ta(lang, "history-rule", &[("noshows", n.to_string()), ("months", m.to_string())])
        }
        (Some("desk"), _, _) => t(lang, "history-desk"),
        _ => reason.to_string(),
    }
}

/// A problem to keep in a screen's state until it is said in `view`; the
/// cause goes to the log once, here.
pub fn problem(e: impl Into<Problem>) -> Option<Problem> {
    let p = e.into();
    tracing::warn!(problem = %p.for_log(), "shown to the user");
    Some(p)
}

/// A store error in the user's language (no logging: called by views).
pub fn describe_error(lang: Language, e: &StoreError) -> String {
    match e {
        StoreError::CannotOpen { path, cause } => {
            ta(lang, "error-cannot-open", &[("path", path.display().to_string()), ("cause", cause.clone())])
        }
        StoreError::Damaged(detail) => ta(lang, "error-damaged", &[("detail", detail.clone())]),
        StoreError::ReadOnly(path) => ta(lang, "error-read-only", &[("path", path.display().to_string())]),
        StoreError::NewerVersion { found, supported } => {
            ta(lang, "error-newer-version", &[("found", found.to_string()), ("supported", supported.to_string())])
        }
        StoreError::OlderVersion { found, supported } => {
            ta(lang, "error-older-version", &[("found", found.to_string()), ("supported", supported.to_string())])
        }
        StoreError::Missing(path) => ta(lang, "error-missing", &[("path", path.display().to_string())]),
        StoreError::NotSalondesk(path) => ta(lang, "error-not-salondesk", &[("path", path.display().to_string())]),
        StoreError::AlreadyExists(path) => ta(lang, "error-exists", &[("path", path.display().to_string())]),
        StoreError::InUse(path) => ta(lang, "error-in-use", &[("path", path.display().to_string())]),
        StoreError::BackupFolderMissing(path) => {
            ta(lang, "error-backup-folder-missing", &[("path", path.display().to_string())])
        }
        StoreError::Overlap => t(lang, "error-overlap"),
        StoreError::DeleteRefused => t(lang, "error-delete-refused"),
        StoreError::RecordClosed => t(lang, "error-record-closed"),
        StoreError::VoucherNotCovered => t(lang, "error-voucher-not-covered"),
        StoreError::PointsShort => t(lang, "error-points-short"),
        StoreError::StatusInUse => t(lang, "error-status-in-use"),
        StoreError::NoInitialStatus => t(lang, "error-no-initial-status"),
        StoreError::NotFound => t(lang, "error-not-found"),
        StoreError::Invalid(input) => input_error_text(lang, input),
        StoreError::DiskFull => t(lang, "error-disk-full"),
        StoreError::WriteFailed => t(lang, "error-write-failed"),
        StoreError::Busy => t(lang, "error-busy"),
        StoreError::Sql(detail) => ta(lang, "error-other", &[("detail", detail.clone())]),
    }
}

pub fn input_error_text(lang: Language, e: &crate::domain::InputError) -> String {
    use crate::domain::InputError as E;
    let (key, value) = match e {
        E::Required(field) => return ta(lang, "error-required", &[("field", t(lang, field_key(field)))]),
        E::TimeZone(v) => ("error-time-zone", v),
        E::Time(v) => ("error-time", v),
        E::Date(v) => ("error-date", v),
        E::Email(v) => ("error-email", v),
        E::Phone(v) => ("error-phone", v),
        E::Amount(v) => ("error-amount", v),
        E::Duration(v) => ("error-duration", v),
        E::EndBeforeStart => return t(lang, "error-end-before-start"),
        E::Pin => return t(lang, "error-pin"),
        E::Symbol(v) => ("error-symbol", v),
        E::Colour(v) => ("error-colour-value", v),
        E::CallLink(v) => ("error-template", v),
        E::Placeholder(v) => ("error-placeholder", v),
        E::Choice(what, allowed) => {
            return ta(lang, "error-choice", &[("field", what.to_string()), ("value", allowed.clone())]);
        }
        E::Number(v) => ("error-number", v),
        E::Url(v) => ("error-url", v),
        E::Folder(v) => ("error-folder", v),
        E::NotAName(v) => ("error-not-a-name", v),
    };
    ta(lang, key, &[("value", value.clone())])
}

/// A problem in the user's language (no logging: called by views).
pub fn problem_text(lang: Language, p: &Problem) -> String {
    match p {
        Problem::Store(e) => describe_error(lang, e),
        Problem::Input(e) => input_error_text(lang, e),
        Problem::Refusal(key) => t(lang, key),
        Problem::System { key, cause } => ta(lang, key, &[("cause", cause.to_string())]),
    }
}

pub fn note_text(lang: Language, note: &Note) -> String {
    match note {
        Note::Done(key) => t(lang, key),
        Note::Rule(outcome) => rule_text(lang, outcome),
        Note::Problem(p) => problem_text(lang, p),
    }
}

/// The kind words a customer reads when the kiosk refuses.
pub fn refusal_key(r: crate::domain::booking::Refusal) -> &'static str {
    use crate::domain::booking::Refusal as R;
    match r {
        R::TooShortNotice => "kiosk-refused-too-short-notice",
        R::TooFarAhead => "kiosk-refused-too-far-ahead",
        R::MayNotSelfBook => "kiosk-refused-may-not-self-book",
        R::Blocklisted => "kiosk-refused-blocklisted",
        R::LimitReached => "kiosk-refused-limit-reached",
        R::ServiceNotBookable => "kiosk-refused-service-not-bookable",
        R::StaffClosedToNew => "kiosk-refused-staff-closed",
        R::SlotTaken => "kiosk-refused-slot-taken",
        R::WrongCode => "kiosk-refused-wrong-code",
        R::CodeExpired => "kiosk-refused-code-expired",
        R::CodeTooSoon => "kiosk-refused-code-too-soon",
        R::CheckInClosed => "kiosk-refused-check-in-closed",
        R::TooManyLookups => "kiosk-refused-too-many-lookups",
        R::NeedsDesk => "kiosk-refused-needs-desk",
        R::CodeLimit => "kiosk-refused-code-limit",
    }
}

/// The words for a kind of message ("Reminder").
pub fn kind_key(kind: Kind) -> &'static str {
    match kind {
        Kind::Confirmation => "kind-confirmation",
        Kind::Reminder => "kind-reminder",
        Kind::Cancellation => "kind-cancellation",
        Kind::Reschedule => "kind-reschedule",
        Kind::Tan => "kind-tan",
        Kind::Newsletter => "kind-newsletter",
        Kind::ConfirmRequest => "kind-confirm_request",
        Kind::Receipt => "kind-receipt",
    }
}

pub fn channel_key(channel: Channel) -> &'static str {
    match channel {
        Channel::Email => "channel-email",
        Channel::Sms => "channel-sms",
    }
}

pub fn outbox_state_key(state: OutboxState) -> &'static str {
    match state {
        OutboxState::Queued => "outbox-state-queued",
        OutboxState::Sending => "outbox-state-sending",
        OutboxState::Sent => "outbox-state-sent",
        OutboxState::Failed => "outbox-state-failed",
        OutboxState::Cancelled => "outbox-state-cancelled",
    }
}

/// The label of a field that must be filled in (`InputError::Required`).
fn field_key(field: &str) -> &'static str {
    match field {
        "staff" => "field-staff",
        "service" => "field-service",
        "customer" => "field-customer",
        "first-name" => "field-first-name",
        "rule" => "field-rule",
        "limit" => "field-limit",
        "replacement" => "field-replacement",
        "currency" => "field-currency",
        "text" => "field-text",
        _ => "field-name",
    }
}

/// Why an imported row was skipped or changed, in the user's language.
pub fn import_reason(lang: Language, why: &crate::store::import::Why) -> String {
    use crate::domain::import::{Change, Skip};
    use crate::store::import::Why;
    let value = |key: &str, v: &str| ta(lang, key, &[("value", v.to_string())]);
    match why {
        Why::Skip(Skip::NoName) => t(lang, "import-no-name"),
        Why::Skip(Skip::Empty) => t(lang, "import-empty"),
        Why::Duplicate(id) => value("import-duplicate", &id.to_string()),
        Why::RepeatedInFile(line) => value("import-repeated", &line.to_string()),
        Why::Changed(Change::BadDate(v)) => value("import-bad-date", v),
        Why::Changed(Change::BadEmail(v)) => value("import-bad-email", v),
        Why::Changed(Change::BadPhone(v)) => value("import-bad-phone", v),
        Why::Changed(Change::Cut(_, max)) => value("import-cut", &max.to_string()),
        Why::Changed(Change::UnknownConsent(v)) => value("import-unknown-consent", v),
        Why::Blocked => t(lang, "import-blocked"),
    }
}

/// What became of a row: "imported", "merged", "skipped".
pub fn import_outcome(lang: Language, outcome: &crate::store::import::Outcome) -> String {
    use crate::store::import::Outcome;
    t(
        lang,
        match outcome {
            Outcome::Imported => "import-imported",
            Outcome::Merged => "import-merged",
            Outcome::Skipped => "import-skipped",
        },
    )
}

/// A discount reason of the salon's list in the user's language; one the
/// salon added itself is shown as it named it.
pub fn discount_reason(lang: Language, code: &str) -> String {
    let key = match code {
        "no_show" => "discount-no-show",
        "loyalty" => "discount-loyalty",
        "staff" => "discount-staff",
        "complaint" => "discount-complaint",
        "referral" => "discount-referral",
        _ => return code.to_string(),
    };
    t(lang, key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_of_a_setting_is_said_in_words() {
        for key in crate::message::config::KEYS.iter().filter(|k| !k.choices.is_empty() && k.choices != ["on", "off"]) {
            for c in key.choices {
                assert_ne!(choice_key(c), "choice-other", "{}: {c}", key.name);
            }
            assert!(key.choices.contains(&key.default), "{}: its default is one of its choices", key.name);
        }
    }

    #[test]
    fn an_empty_part_leaves_no_dangling_separator() {
        assert_eq!(joined(&["", "Cut", " ", "Lena"]), "Cut · Lena");
        assert_eq!(joined(&["0151 234"]), "0151 234");
        assert_eq!(joined::<&str>(&[]), "");
    }
}
