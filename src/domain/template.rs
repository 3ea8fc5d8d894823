//! Message texts with placeholders (SPEC §5): "{customer}", "{date}", …
//! Unknown placeholders are found when a text is saved and never sent; SMS
//! texts are measured the way the network bills them (GSM-7 or UCS-2).

use std::collections::HashMap;

/// Every placeholder a text may use. "{code}" is the TAN of a kiosk booking;
/// "{number}" and "{total}" are a checkout record's, for its summary.
pub const PLACEHOLDERS: [&str; 13] = [
    "customer",
    "date",
    "time",
    "service",
    "staff",
    "salon",
    "address",
    "terms_link",
    "cancel_by",
    "no_show_fee",
    "code",
    "number",
    "total",
];

/// What a message is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Confirmation,
    Reminder,
    Cancellation,
    Reschedule,
    Tan,
    Newsletter,
    /// "Please confirm that you are coming" — sent from the call list.
    ConfirmRequest,
    /// The checkout's summary, its PDF attached.
    Receipt,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Confirmation,
        Kind::Reminder,
        Kind::Cancellation,
        Kind::Reschedule,
        Kind::ConfirmRequest,
        Kind::Receipt,
        Kind::Tan,
        Kind::Newsletter,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Confirmation => "confirmation",
            Kind::Reminder => "reminder",
            Kind::Cancellation => "cancellation",
            Kind::Reschedule => "reschedule",
            Kind::Tan => "tan",
            Kind::Newsletter => "newsletter",
            Kind::ConfirmRequest => "confirm_request",
            Kind::Receipt => "receipt",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Channel {
    #[default]
    Email,
    Sms,
}

impl Channel {
    pub const ALL: [Channel; 2] = [Channel::Email, Channel::Sms];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
        }
    }

    pub fn parse(text: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("unknown placeholders: {0:?}")]
    Unknown(Vec<String>),
    #[error("a '{{' without its '}}'")]
    Unclosed,
}

impl TemplateError {
    /// What the salon is told: the unknown placeholders as written, or the lone "{".
    pub fn to_input_error(&self) -> super::InputError {
        let said = match self {
            TemplateError::Unknown(names) => names.iter().map(|n| format!("{{{n}}}")).collect::<Vec<_>>().join(", "),
            TemplateError::Unclosed => "{".to_string(),
        };
        super::InputError::Placeholder(said)
    }
}

/// The placeholders a text uses, in order of first use.
pub fn placeholders_in(text: &str) -> Result<Vec<String>, TemplateError> {
    let mut found: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or(TemplateError::Unclosed)?;
        let name = after[..close].trim().to_string();
        if !found.contains(&name) {
            found.push(name);
        }
        rest = &after[close + 1..];
    }
    Ok(found)
}

/// Refuses a text with a placeholder the salon's messages do not know.
pub fn check(text: &str) -> Result<(), TemplateError> {
    let unknown: Vec<String> =
        placeholders_in(text)?.into_iter().filter(|p| !PLACEHOLDERS.contains(&p.as_str())).collect();
    if unknown.is_empty() { Ok(()) } else { Err(TemplateError::Unknown(unknown)) }
}

/// Fills in the values; a placeholder without a value (or unknown) is an
/// error, so that a customer never receives "Dear {customer}". A part in
/// square brackets with a placeholder in it is said only when all of its
/// placeholders have something to say ("[Please cancel by {cancel_by}.]"
/// is left out when the time to cancel is over); brackets without one stay.
pub fn render(text: &str, values: &HashMap<&str, String>) -> Result<String, TemplateError> {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    let mut dropped = false;
    while let Some(open) = rest.find('[') {
        let Some(len) = rest[open..].find(']') else { break };
        let inner = &rest[open + 1..open + len];
        out.push_str(&fill(&rest[..open], values)?);
        let used = placeholders_in(inner)?;
        if used.is_empty() {
            out.push_str(&rest[open..=open + len]);
        } else if used.iter().all(|p| values.get(p.as_str()).is_some_and(|v| !v.trim().is_empty())) {
            out.push_str(&fill(inner, values)?);
        } else {
            check(inner)?;
            dropped = true;
        }
        rest = &rest[open + len + 1..];
    }
    out.push_str(&fill(rest, values)?);
    if !dropped {
        return Ok(out);
    }
    // A left-out part leaves no double space or space before a full stop.
    Ok(out.replace("  ", " ").replace(" .", ".").replace(" \n", "\n").trim_end_matches(' ').to_string())
}

fn fill(text: &str, values: &HashMap<&str, String>) -> Result<String, TemplateError> {
    check(text)?;
    let missing: Vec<String> =
        placeholders_in(text)?.into_iter().filter(|p| !values.contains_key(p.as_str())).collect();
    if !missing.is_empty() {
        return Err(TemplateError::Unknown(missing));
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or(TemplateError::Unclosed)?;
        out.push_str(&values[after[..close].trim()]);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmsEncoding {
    /// The GSM 03.38 alphabet: 160 characters in one SMS, 153 per part.
    Gsm7,
    /// Anything else (emoji, most non-Latin letters): 70, or 67 per part.
    Ucs2,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmsLength {
    pub encoding: SmsEncoding,
    /// Septets (GSM-7) or UTF-16 units (UCS-2) used.
    pub units: usize,
    pub segments: usize,
}

const GSM7_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/// Characters that take two septets (an escape and the character).
const GSM7_EXTENDED: &str = "^{}\\[~]|€\u{c}";

/// How long an SMS is, as the network counts it.
pub fn sms_length(text: &str) -> SmsLength {
    let gsm: Option<usize> = text
        .chars()
        .map(|c| {
            if GSM7_BASIC.contains(c) {
                Some(1)
            } else if GSM7_EXTENDED.contains(c) {
                Some(2)
            } else {
                None
            }
        })
        .sum();
    let (encoding, units, single, part) = match gsm {
        Some(septets) => (SmsEncoding::Gsm7, septets, 160, 153),
        None => (SmsEncoding::Ucs2, text.encode_utf16().count(), 70, 67),
    };
    let segments = match units {
        0 => 0,
        n if n <= single => 1,
        n => n.div_ceil(part),
    };
    SmsLength { encoding, units, segments }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> HashMap<&'static str, String> {
        HashMap::from([
            ("customer", "Anna".to_string()),
            ("time", "14:30".to_string()),
            ("salon", "Salon Lumen".to_string()),
        ])
    }

    #[test]
    fn a_part_in_brackets_is_left_out_when_it_has_nothing_to_say() {
        let mut v: HashMap<&str, String> =
            HashMap::from([("cancel_by", String::new()), ("no_show_fee", "€ 25".into())]);
        let text = "Can't come? [Please cancel by {cancel_by}.] [Missed ones cost {no_show_fee}.] [Salon]";
        assert_eq!(render(text, &v).unwrap(), "Can't come? Missed ones cost € 25. [Salon]");
        v.insert("cancel_by", "Mon 10:00".into());
        assert_eq!(render(text, &v).unwrap(), "Can't come? Please cancel by Mon 10:00. Missed ones cost € 25. [Salon]");
        assert!(render("[Hi {nobody}]", &v).is_err(), "an unknown one is refused even where it would be left out");
    }

    #[test]
    fn placeholders_are_filled_in() {
        let text = "Hello {customer}, tomorrow at {time} at {salon}. See you, {salon}";
        assert_eq!(
            render(text, &values()).unwrap(),
            "Hello Anna, tomorrow at 14:30 at Salon Lumen. See you, Salon Lumen"
        );
        assert_eq!(placeholders_in(text).unwrap(), ["customer", "time", "salon"]);
    }

    #[test]
    fn unknown_or_missing_placeholders_are_never_sent() {
        assert_eq!(check("Hi {custmer}"), Err(TemplateError::Unknown(vec!["custmer".into()])));
        assert_eq!(check("Hi {customer"), Err(TemplateError::Unclosed));
        assert_eq!(render("Fee: {no_show_fee}", &values()), Err(TemplateError::Unknown(vec!["no_show_fee".into()])));
        assert!(check("Your code is {code}").is_ok());
    }

    #[test]
    fn sms_length_counts_like_the_network() {
        let short = sms_length("Tomorrow 14:30 at Salon Lumen. Reply to cancel.");
        assert_eq!((short.encoding, short.segments), (SmsEncoding::Gsm7, 1));
        assert_eq!(sms_length(&"a".repeat(160)).segments, 1);
        assert_eq!(sms_length(&"a".repeat(161)).segments, 2, "153 per part once split");
        assert_eq!(sms_length(&"a".repeat(306)).segments, 2);
        assert_eq!(sms_length("€").units, 2, "the euro sign takes an escape");
        assert_eq!(sms_length("Vi sees på Ørsta, Åse!").encoding, SmsEncoding::Gsm7, "Norwegian letters are GSM-7");
        let emoji = sms_length("See you 💇");
        assert_eq!((emoji.encoding, emoji.units), (SmsEncoding::Ucs2, 10), "an emoji forces UCS-2 and takes two units");
        assert_eq!(sms_length(&"ł".repeat(71)).segments, 2, "70 in one UCS-2 SMS");
        assert_eq!(sms_length("").segments, 0);
    }
}
