//! Property: whatever the desk does (book, move, cancel, no-show, undo), no
//! two active appointments of one staff member ever overlap, and the store
//! accepts exactly the changes that a model of the rule accepts.

mod common;

use chrono::Duration;
use common::{salon, today};
use proptest::prelude::*;
use salondesk::domain::{AppointmentState, Slot, Source, clock};
use salondesk::store::{NewAppointment, StoreError};

#[derive(Debug, Clone)]
enum Op {
    Book { staff: i64, start: u32, minutes: u32 },
    Move { pick: usize, staff: i64, start: u32 },
    Cancel { pick: usize },
    NoShow { pick: usize },
    Undo { pick: usize },
}

fn op() -> impl Strategy<Value = Op> {
    let staff = 1..=2i64;
    let start = (0u32..48).prop_map(|q| 8 * 60 + q * 15);
    let minutes = prop_oneof![Just(15u32), Just(30), Just(45), Just(90)];
    prop_oneof![
        4 => (staff.clone(), start.clone(), minutes).prop_map(|(staff, start, minutes)| Op::Book { staff, start, minutes }),
        2 => (any::<usize>(), staff, start).prop_map(|(pick, staff, start)| Op::Move { pick, staff, start }),
        1 => any::<usize>().prop_map(|pick| Op::Cancel { pick }),
        1 => any::<usize>().prop_map(|pick| Op::NoShow { pick }),
        1 => any::<usize>().prop_map(|pick| Op::Undo { pick }),
    ]
}

#[derive(Debug, Clone)]
struct Model {
    id: i64,
    staff: i64,
    slot: Slot,
    active: bool,
}

fn clashes(model: &[Model], staff: i64, slot: Slot, except: i64) -> bool {
    model.iter().any(|m| m.active && m.id != except && m.staff == staff && m.slot.overlaps(&slot))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn no_two_active_appointments_of_one_staff_member_overlap(ops in prop::collection::vec(op(), 1..40)) {
        let mut s = salon();
        let tz = chrono_tz::Europe::Berlin;
        let mut model: Vec<Model> = Vec::new();
        for op in ops {
            match op {
                Op::Book { staff, start, minutes } => {
                    let slot = Slot::new(clock::local_to_utc(tz, today(), start), minutes);
                    let new = NewAppointment { staff_id: staff, service_id: 1, customer_id: None, walk_in_name: "W".into(), start: slot.start, minutes, price_cents: 0, deposit_cents: 0, source: Source::Desk };
                    let result = s.store.book(&new);
                    if clashes(&model, staff, slot, 0) {
                        prop_assert_eq!(result, Err(StoreError::Overlap));
                    } else {
                        model.push(Model { id: result.unwrap(), staff, slot, active: true });
                    }
                }
                Op::Move { pick, staff, start } if !model.is_empty() => {
                    let m = model[pick % model.len()].clone();
                    let minutes = (m.slot.end - m.slot.start).num_minutes() as u32;
                    let slot = Slot::new(clock::local_to_utc(tz, today(), start), minutes);
                    let change = NewAppointment { staff_id: staff, service_id: 1, customer_id: None, walk_in_name: "W".into(), start: slot.start, minutes, price_cents: 0, deposit_cents: 0, source: Source::Desk };
                    let result = s.store.change_appointment(m.id, &change);
                    if m.active && clashes(&model, staff, slot, m.id) {
                        prop_assert_eq!(result, Err(StoreError::Overlap));
                    } else {
                        prop_assert_eq!(result, Ok(()));
                        let entry = model.iter_mut().find(|x| x.id == m.id).unwrap();
                        entry.staff = staff;
                        entry.slot = slot;
                    }
                }
                Op::Cancel { pick } | Op::NoShow { pick } if !model.is_empty() => {
                    let i = pick % model.len();
                    let state = if matches!(op, Op::Cancel { .. }) { AppointmentState::Cancelled } else { AppointmentState::NoShow };
                    let result = s.store.set_state(model[i].id, state, "reason");
                    prop_assert_eq!(result.is_ok(), model[i].active);
                    model[i].active = false;
                }
                Op::Undo { pick } if !model.is_empty() => {
                    let m = model[pick % model.len()].clone();
                    let result = s.store.set_state(m.id, AppointmentState::Booked, "");
                    if m.active {
                        prop_assert!(result.is_err(), "booked → booked is no change");
                    } else if clashes(&model, m.staff, m.slot, m.id) {
                        prop_assert_eq!(result, Err(StoreError::Overlap));
                    } else {
                        prop_assert_eq!(result, Ok(()));
                        model.iter_mut().find(|x| x.id == m.id).unwrap().active = true;
                    }
                }
                _ => {}
            }
        }
        // What the database holds: no overlap among active appointments.
        let all = s.store.appointments_on_days(tz, today() - Duration::days(1), 3).unwrap();
        let active: Vec<_> = all.iter().filter(|a| a.state.blocks_time()).collect();
        for a in &active {
            for b in &active {
                prop_assert!(a.id == b.id || a.staff_id != b.staff_id || !a.slot.overlaps(&b.slot), "{a:?} overlaps {b:?}");
            }
        }
        prop_assert_eq!(active.len(), model.iter().filter(|m| m.active).count());
    }
}
