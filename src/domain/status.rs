//! Customer statuses (SPEC §3): named groups whose properties every customer
//! of that status inherits.

use super::InputError;
use super::schedule::parse_colour;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CustomerStatus {
    pub id: i64,
    pub name: String,
    /// A short mark on each of the customer's appointments ("VIP", "!").
    pub symbol: String,
    /// "#rrggbb", shown wherever the customer is picked.
    pub colour: String,
    pub is_initial: bool,
    pub may_self_book: bool,
    pub deposit_required: bool,
    /// Newsletters go to this status even without consent on the card —
    /// never to a customer who objected.
    pub marketing_by_status: bool,
    /// Moving such a customer's appointment to another staff member warns.
    pub preferred_staff: bool,
    /// At most this many appointments per `max_period_days`.
    pub max_appointments: Option<u32>,
    pub max_period_days: Option<u32>,
    /// Services this status may book itself; empty: all.
    pub bookable_services: Vec<i64>,
}

impl CustomerStatus {
    pub fn validated(mut self) -> Result<CustomerStatus, InputError> {
        self.name = self.name.trim().to_string();
        self.symbol = self.symbol.trim().to_string();
        if self.name.is_empty() {
            return Err(InputError::Required("name"));
        }
        if self.symbol.chars().count() > 4 {
            return Err(InputError::Symbol(self.symbol));
        }
        if parse_colour(&self.colour).is_none() {
            return Err(InputError::Colour(self.colour));
        }
        // A limit needs both its count and its period.
        if self.max_appointments.is_some() != self.max_period_days.is_some() {
            return Err(InputError::Required("limit"));
        }
        Ok(self)
    }

    /// Whether a customer of this status may book `service_id` themselves.
    pub fn may_book_service(&self, service_id: i64) -> bool {
        self.bookable_services.is_empty() || self.bookable_services.contains(&service_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status() -> CustomerStatus {
        CustomerStatus { name: " VIP ".into(), symbol: "VIP".into(), colour: "#b08a2e".into(), ..Default::default() }
    }

    #[test]
    fn a_status_needs_a_name_a_short_symbol_and_a_colour() {
        assert_eq!(status().validated().unwrap().name, "VIP");
        assert_eq!(CustomerStatus { name: " ".into(), ..status() }.validated(), Err(InputError::Required("name")));
        assert!(matches!(
            CustomerStatus { symbol: "VERYLONG".into(), ..status() }.validated(),
            Err(InputError::Symbol(_))
        ));
        assert!(matches!(CustomerStatus { colour: "gold".into(), ..status() }.validated(), Err(InputError::Colour(_))));
    }

    #[test]
    fn a_limit_needs_count_and_period() {
        let half = CustomerStatus { max_appointments: Some(2), ..status() };
        assert_eq!(half.validated(), Err(InputError::Required("limit")));
        let whole = CustomerStatus { max_appointments: Some(2), max_period_days: Some(7), ..status() };
        assert!(whole.validated().is_ok());
    }

    #[test]
    fn bookable_services_empty_means_all() {
        assert!(status().may_book_service(5));
        let some = CustomerStatus { bookable_services: vec![1, 2], ..status() };
        assert!(some.may_book_service(2) && !some.may_book_service(5));
    }
}
