//! What the kiosk reads of the salon between customers, and the terms it
//! shows from it.

use crate::domain::Language;
use crate::domain::schedule::{Service, Staff};
use crate::store::{Store, StoreError};
use chrono::Duration;

/// What the kiosk reads of the salon: read at start and again between
/// customers (the desk may have changed services, staff or settings).
#[derive(Debug, Clone)]
pub struct Setup {
    pub(super) salon: String,
    pub(super) tz: chrono_tz::Tz,
    /// Phone numbers without a country code are of this country.
    pub(super) country: &'static str,
    pub(super) currency: String,
    pub(super) language: Language,
    pub(super) services: Vec<Service>,
    pub(super) staff: Vec<Staff>,
    pub(super) terms: String,
    pub(super) terms_version: String,
    /// What the default terms say: cancel-by hours, the no-show fee, the link.
    pub(super) cancel_hours: String,
    pub(super) no_show_fee_cents: Option<i64>,
    pub(super) terms_link: String,
    pub(super) tan: bool,
    pub(super) idle: Duration,
    /// How far ahead customers may book themselves (the salon's booking rule).
    pub(super) days_ahead: u32,
}

impl Setup {
    pub fn read(store: &Store) -> Result<Setup, StoreError> {
        let salon = store.salon()?;
        let setting = |k: &str| store.config(k).unwrap_or_default();
        Ok(Setup {
            salon: salon.name.clone(),
            tz: salon.time_zone,
            country: crate::domain::phone::default_country(salon.time_zone.name(), salon.language),
            currency: salon.currency.clone(),
            language: salon.language,
            services: store.services()?.into_iter().filter(|s| s.active).collect(),
            staff: store.staff()?.into_iter().filter(|s| s.active).collect(),
            terms: setting("kiosk.terms"),
            terms_version: setting("kiosk.terms_version"),
            cancel_hours: setting("messages.cancel_hours"),
            no_show_fee_cents: crate::domain::money::parse(&setting("messages.no_show_fee")).ok().filter(|c| *c > 0),
            terms_link: setting("messages.terms_link"),
            tan: setting("kiosk.tan") == "on",
            idle: Duration::seconds(setting("kiosk.idle_seconds").parse().unwrap_or(60)),
            days_ahead: setting("booking.max_days_ahead").parse::<u32>().unwrap_or(90).clamp(1, 360),
        })
    }

    /// The salon's terms as the customer reads them: its own text, or what
    /// its settings say (cancel in time, the no-show fee, where the terms are).
    pub fn terms_text(&self, lang: Language) -> String {
        let s = self;
        if !s.terms.trim().is_empty() {
            return s.terms.clone();
        }
        let mut parts = vec![crate::ui::i18n::ta(lang, "kiosk-terms-cancel", &[("hours", s.cancel_hours.clone())])];
        if let Some(fee) = s.no_show_fee_cents {
            let fee = crate::domain::money::format(fee, &s.currency, lang);
            parts.push(crate::ui::i18n::ta(lang, "kiosk-terms-fee", &[("fee", fee)]));
        }
        if !s.terms_link.trim().is_empty() {
            parts.push(crate::ui::i18n::ta(lang, "kiosk-terms-link", &[("link", s.terms_link.clone())]));
        }
        parts.join("\n\n")
    }
}
