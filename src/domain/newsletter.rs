//! Who receives a newsletter, and when (SPEC §3, seed 001: "Kunden, welche
//! dem Erhalt explizit widersprechen, werden nicht mehr angeschrieben").
//! A customer receives it with marketing consent *granted*, or *not asked*
//! in a status with "marketing by status"; never one who objected, never one
//! without a usable address, never an erased one. A salon's mail server is
//! not flooded: the messages are spaced to a rate per minute.

use super::Consent;
use super::clock::Instant;

/// What the recipient rule looks at for one customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub consent: Consent,
    /// Their status sends newsletters without consent on the card.
    pub by_status: bool,
    /// An address for the channel (an e-mail address, a mobile number).
    pub reachable: bool,
    pub erased: bool,
}

/// Why a customer of the chosen statuses does not receive it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Skip {
    Erased,
    Objected,
    NoConsent,
    NoAddress,
}

impl Skip {
    pub const ALL: [Skip; 4] = [Skip::Erased, Skip::Objected, Skip::NoConsent, Skip::NoAddress];

    pub fn as_str(self) -> &'static str {
        match self {
            Skip::Erased => "erased",
            Skip::Objected => "objected",
            Skip::NoConsent => "no_consent",
            Skip::NoAddress => "no_address",
        }
    }
}

/// Whether `c` receives the newsletter, or why not. An objection outweighs
/// everything but erasure; consent is asked before the address, so that
/// the report says "no consent" rather than "no address" for one who would
/// not have received it anyway.
pub fn decide(c: &Candidate) -> Result<(), Skip> {
    if c.erased {
        return Err(Skip::Erased);
    }
    match c.consent {
        Consent::Objected => Err(Skip::Objected),
        Consent::NotAsked if !c.by_status => Err(Skip::NoConsent),
        _ if !c.reachable => Err(Skip::NoAddress),
        Consent::Granted | Consent::NotAsked => Ok(()),
    }
}

/// When the `index`-th message (from 0) of a newsletter started at `start`
/// is due, at `per_minute` messages a minute (0 counts as 1).
pub fn due_at(start: Instant, index: usize, per_minute: u32) -> Instant {
    let per_minute = per_minute.max(1) as i64;
    let index = index as i64;
    start + chrono::Duration::seconds(index / per_minute * 60 + index % per_minute * 60 / per_minute)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn every_combination_of_consent_status_address_and_erasure() {
        for consent in Consent::ALL {
            for by_status in [false, true] {
                for reachable in [false, true] {
                    for erased in [false, true] {
                        let c = Candidate { consent, by_status, reachable, erased };
                        let expected = if erased {
                            Err(Skip::Erased)
                        } else if consent == Consent::Objected {
                            Err(Skip::Objected)
                        } else if consent == Consent::NotAsked && !by_status {
                            Err(Skip::NoConsent)
                        } else if !reachable {
                            Err(Skip::NoAddress)
                        } else {
                            Ok(())
                        };
                        assert_eq!(decide(&c), expected, "{c:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn an_objection_is_never_outweighed_by_the_status() {
        let c = Candidate { consent: Consent::Objected, by_status: true, reachable: true, erased: false };
        assert_eq!(decide(&c), Err(Skip::Objected));
    }

    #[test]
    fn never_more_than_the_rate_in_any_minute() {
        let start = Utc.with_ymd_and_hms(2026, 12, 24, 9, 0, 0).unwrap();
        for per_minute in [1, 7, 60, 61, 1000] {
            let times: Vec<Instant> = (0..500).map(|i| due_at(start, i, per_minute)).collect();
            assert!(times.windows(2).all(|w| w[0] <= w[1]), "in order");
            for (i, t) in times.iter().enumerate() {
                let within = times[i..].iter().take_while(|u| **u < *t + chrono::Duration::minutes(1)).count();
                assert!(within as u32 <= per_minute.max(1), "{per_minute}/min: {within} from {t}");
            }
        }
        assert_eq!(due_at(start, 60, 60), start + chrono::Duration::minutes(1));
        assert_eq!(due_at(start, 0, 0), start);
    }
}
