//! Calendar invitations (`.ics`, RFC 5545/5546) that calendar programs apply:
//! a booking and a move send METHOD:REQUEST with a stable UID per appointment
//! and a higher SEQUENCE each time; a cancellation sends METHOD:CANCEL.
//! Times carry the salon's IANA zone (TZID) with its VTIMEZONE, so 10:00
//! stays 10:00 across DST in every calendar program.

use crate::domain::clock::{self, Instant};
use chrono_tz::Tz;
use icalendar::{Calendar, CalendarDateTime, Component, EventLike, EventStatus};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Request,
    Cancel,
}

#[derive(Debug, Clone)]
pub struct Invitation {
    pub appointment_id: i64,
    /// Makes the UID unique beyond this salon (e.g. the salon's own id).
    pub uid_domain: String,
    /// 0 at booking, one more for every change the customer is told about.
    pub sequence: u32,
    pub start: Instant,
    pub end: Instant,
    pub tz: Tz,
    pub summary: String,
    pub location: String,
    pub description: String,
    /// The salon's address (mailto), required by calendar programs for METHOD.
    pub organizer: String,
    pub attendee: String,
    /// When the message is made (DTSTAMP).
    pub stamp: Instant,
}

/// The UID of an appointment: the same in every invitation about it.
pub fn uid(appointment_id: i64, uid_domain: &str) -> String {
    format!("appointment-{appointment_id}@{uid_domain}")
}

pub fn invitation(inv: &Invitation, method: Method) -> String {
    let local = |t: Instant| CalendarDateTime::WithTimezone {
        date_time: clock::to_local(inv.tz, t),
        tzid: inv.tz.name().to_string(),
    };
    let mut event = icalendar::Event::new();
    event
        .uid(&uid(inv.appointment_id, &inv.uid_domain))
        .sequence(inv.sequence)
        .timestamp(inv.stamp)
        .starts(local(inv.start))
        .ends(local(inv.end))
        .summary(&inv.summary)
        .location(&inv.location)
        .description(&inv.description)
        .add_property("ORGANIZER", format!("mailto:{}", inv.organizer))
        .add_property("ATTENDEE", format!("mailto:{}", inv.attendee));
    if method == Method::Cancel {
        event.status(EventStatus::Cancelled);
    }
    let method = match method {
        Method::Request => "REQUEST",
        Method::Cancel => "CANCEL",
    };
    let mut calendar = Calendar::new();
    calendar.append_property(icalendar::Property::new("METHOD", method));
    calendar.push(event.done());
    // The icalendar crate writes no VTIMEZONE: it goes in before the event.
    let text = calendar.done().to_string();
    let zone = super::vtimezone::vtimezone(inv.tz, inv.start, inv.end);
    match text.find("BEGIN:VEVENT") {
        Some(at) => format!("{}{zone}\r\n{}", &text[..at], &text[at..]),
        None => text,
    }
}

/// The invitation with `from` as its organiser where it has none (it was
/// made before the salon's address was set).
pub fn with_organizer(ics: &str, from: &str) -> String {
    ics.replace("ORGANIZER:mailto:\r\n", &format!("ORGANIZER:mailto:{from}\r\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, NaiveTime};
    use icalendar::DatePerhapsTime;

    fn sample(sequence: u32, date: NaiveDate) -> Invitation {
        let tz = chrono_tz::Europe::Oslo;
        let start = clock::local_to_utc(tz, date, 600);
        Invitation {
            appointment_id: 42,
            uid_domain: "salong-lumen.example".into(),
            sequence,
            start,
            end: start + chrono::Duration::minutes(45),
            tz,
            summary: "Dameklipp – Salong Lumen".into(),
            location: "Thorvald Meyers gate 12, 0555 Oslo".into(),
            description: "Avbestill innen 24 timer.".into(),
            organizer: "post@salong-lumen.example".into(),
            attendee: "kari@example.no".into(),
            stamp: start - chrono::Duration::days(3),
        }
    }

    fn parse(text: &str) -> (Calendar, icalendar::Event) {
        let calendar: Calendar = text.parse().expect("a valid calendar");
        let event = calendar.events().next().cloned().expect("an event");
        (calendar, event)
    }

    #[test]
    fn a_booking_is_a_request_at_ten_local_time_with_a_stable_uid() {
        // The day after the spring change: 10:00 in Oslo is 08:00 UTC.
        let date = NaiveDate::from_ymd_opt(2026, 3, 30).unwrap();
        let (calendar, event) = parse(&invitation(&sample(0, date), Method::Request));
        assert_eq!(calendar.property_value("METHOD"), Some("REQUEST"));
        assert_eq!(event.get_uid(), Some("appointment-42@salong-lumen.example"));
        assert_eq!(event.get_sequence(), Some(0));
        match event.get_start() {
            Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid })) => {
                assert_eq!(tzid, "Europe/Oslo");
                assert_eq!(date_time, date.and_time(NaiveTime::from_hms_opt(10, 0, 0).unwrap()));
            }
            other => panic!("start with a time zone expected, got {other:?}"),
        }
        assert_eq!(event.get_summary(), Some("Dameklipp – Salong Lumen"));
    }

    #[test]
    fn a_move_raises_the_sequence_and_a_cancellation_cancels_the_same_uid() {
        let date = NaiveDate::from_ymd_opt(2026, 10, 26).unwrap();
        let (_, moved) = parse(&invitation(&sample(1, date), Method::Request));
        let (calendar, cancelled) = parse(&invitation(&sample(2, date), Method::Cancel));
        assert_eq!(moved.get_uid(), cancelled.get_uid(), "calendar programs match on the UID");
        assert_eq!((moved.get_sequence(), cancelled.get_sequence()), (Some(1), Some(2)));
        assert_eq!(calendar.property_value("METHOD"), Some("CANCEL"));
        assert_eq!(cancelled.property_value("STATUS"), Some("CANCELLED"));
    }
}
