//! The till: check out an appointment (or sell to someone who walks in) —
//! the booked service at its price, more services and products, discounts
//! on a line or on the whole with the salon's reason, the deposit already
//! paid, a voucher or the bonus reward redeemed, a tip, a voucher sold, and
//! one or more payments. Recording it completes the appointment.

use crate::domain::checkout::{self, Discount, Draft, Line, LineKind, Method, Payment};
use crate::domain::voucher::Usable;
use crate::domain::{Appointment, AppointmentState, InputError, money};
use crate::store::checkout::Record;
use crate::store::{StoreError, Voucher};
use crate::ui::context::{Action, Ctx, Note, Problem, Request};
use crate::ui::widget::customer_pick::{self, Change, CustomerPick};
use crate::ui::words::problem;

mod view;
pub use view::method_key;

pub const CUSTOMER_ID: &str = "till_customer";

/// The till's fields, for the keyboard's focus and the tests.
pub mod ids {
    pub const DISCOUNT: &str = "till_discount";
    pub const TIP: &str = "till_tip";
    pub const VOUCHER_VALUE: &str = "till_voucher_value";
    pub const CODE: &str = "till_code";
    pub const AMOUNT: &str = "till_amount";
    pub const RECEIPT: &str = "till_receipt";
    /// The pick lists' containers (found by the real-window test).
    pub const ADD_SERVICE: &str = "till_add_service";
    pub const ADD_PRODUCT: &str = "till_add_product";
}

/// A discount being typed: on one line, or (`None`) on the whole.
#[derive(Debug, Clone, Default)]
pub struct DiscountForm {
    pub line: Option<usize>,
    pub typed: String,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct Till {
    pub appointment: Option<Appointment>,
    /// Who pays (optional for a walk-in); the draft carries the id.
    pub customer: CustomerPick,
    /// What is being checked out, as it will be recorded.
    pub draft: Draft,
    /// The codes of the vouchers that pay, for the payment lines.
    pub voucher_codes: Vec<(i64, String)>,
    pub discount: Option<DiscountForm>,
    pub tip: String,
    pub voucher_value: String,
    pub code: String,
    /// What the next payment takes ("" is what is still open).
    pub amount: String,
    /// The customer's bonus balance (`None`: no bonus card, or no customer).
    pub points: Option<i64>,
    /// The appointment was checked out already: that record's number.
    pub already: Option<i64>,
    pub error: Option<Problem>,
    /// Asked to e-mail the summary: to this address (`None`: the card has none).
    pub mailed: Option<Option<String>>,
    /// Recorded: the record and the vouchers it sold.
    pub recorded: Option<(Record, Vec<Voucher>)>,
    /// Cash handed over beyond what was open: the change to give back.
    pub change: i64,
}

/// What the till reads when it opens.
#[derive(Debug, Clone)]
pub struct Opening {
    pub points: Option<i64>,
    pub already: Option<i64>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Opened(Result<Opening, StoreError>),
    Customer(customer_pick::Message),
    AddService(i64),
    AddProduct(i64),
    Remove(usize),
    DiscountOn(Option<usize>),
    DiscountTyped(String),
    DiscountReason(String),
    ApplyDiscount,
    CancelDiscount,
    TipTyped(String),
    AddTip,
    VoucherValueTyped(String),
    SellVoucher,
    CodeTyped(String),
    Redeem,
    VoucherFound(Result<Voucher, StoreError>),
    RedeemReward,
    AmountTyped(String),
    Pay(Method),
    RemovePayment(usize),
    TillReceiptTyped(String),
    Record,
    Recorded(Result<(Record, Vec<Voucher>), StoreError>),
    /// "Print receipt" / "Print voucher" on the recorded record.
    Print(crate::pdf::Printable),
    Printed(Result<std::path::PathBuf, Problem>),
    /// "E-mail to the customer": queued to this address, or none on the card.
    MailSummary,
    Mailed(Result<Option<String>, StoreError>),
    Close,
}

impl Till {
    fn empty(ctx: &Ctx) -> Till {
        Till {
            appointment: None,
            customer: CustomerPick::default(),
            draft: Draft { staff_id: ctx.data.staff.iter().find(|s| s.active).map(|s| s.id), ..Draft::default() },
            voucher_codes: Vec::new(),
            discount: None,
            tip: String::new(),
            voucher_value: String::new(),
            code: String::new(),
            amount: String::new(),
            points: None,
            already: None,
            error: None,
            mailed: None,
            recorded: None,
            change: 0,
        }
    }

    /// A sale to someone who walks in (a product, a voucher): no appointment.
    pub fn walk_in(ctx: &Ctx) -> (Till, Action<Message>) {
        (Till::empty(ctx), Action::Focus(crate::ui::runtime::Focus::Id(CUSTOMER_ID)))
    }

    /// The checkout of `a`: its service at its booked price, and its deposit
    /// (paid in advance) already among the payments.
    pub fn of_appointment(ctx: &Ctx, a: Appointment) -> (Till, Action<Message>) {
        let mut till = Till::empty(ctx);
        till.draft.lines.push(Line::service(
            a.service_id,
            a.service_name.clone(),
            a.price_cents,
            ctx.service_rate(a.service_id),
        ));
        if a.deposit_cents > 0 && !a.awaiting_deposit {
            till.draft.payments.push(Payment::new(Method::Deposit, a.deposit_cents.min(a.price_cents)));
        }
        till.draft.staff_id = Some(a.staff_id);
        till.draft.appointment_id = Some(a.id);
        till.draft.customer_id = a.customer_id;
        till.customer = CustomerPick::with(a.customer_id.map(|id| (id, a.customer_name.clone())));
        let (appointment, customer) = (a.id, a.customer_id);
        till.appointment = Some(a);
        (till, opening(ctx, Some(appointment), customer))
    }

    pub fn total(&self) -> i64 {
        self.draft.total()
    }

    pub fn open(&self) -> i64 {
        self.draft.open()
    }

    /// Whether the reward can be redeemed now: enough points, not yet taken.
    pub fn reward_ready(&self, ctx: &Ctx) -> Option<Discount> {
        let rules = ctx.data.features.bonus.filter(|r| r.per_unit > 0)?;
        (self.draft.reward_points == 0 && self.points? >= rules.threshold && self.draft.goods() > 0)
            .then_some(rules.reward)
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> Action<Message> {
        if !matches!(message, Message::Opened(_) | Message::Customer(_) | Message::VoucherFound(_)) {
            self.error = None;
        }
        match message {
            Message::Opened(Ok(o)) => (self.points, self.already) = (o.points, o.already),
            Message::Opened(Err(e)) => self.error = problem(e),
            Message::Customer(m) => {
                let (action, change) = self.customer.update(m);
                self.draft.customer_id = self.customer.id();
                match change {
                    Change::Picked(id) => return opening(ctx, None, Some(id)),
                    Change::Unpicked => self.points = None,
                    Change::Failed(e) => self.error = problem(e),
                    Change::None => {}
                }
                return action.map(Message::Customer);
            }
            Message::AddService(id) => {
                if let Some(s) = ctx.data.services.iter().find(|s| s.id == id) {
                    self.draft.lines.push(Line::service(s.id, s.name.clone(), s.price_cents, ctx.service_rate(s.id)));
                }
            }
            Message::AddProduct(id) => self.add_product(ctx, id),
            Message::Remove(i) if i < self.draft.lines.len() => {
                self.draft.lines.remove(i);
                self.after_lines_changed();
            }
            Message::Remove(_) => {}
            Message::DiscountOn(line) => {
                // The reason is chosen each time: a default would fill the report with it.
                self.discount = Some(DiscountForm { line, ..DiscountForm::default() });
                return Action::Focus(crate::ui::runtime::Focus::Id(ids::DISCOUNT));
            }
            Message::DiscountTyped(v) => self.discount.iter_mut().for_each(|d| d.typed = v.clone()),
            Message::DiscountReason(r) => self.discount.iter_mut().for_each(|d| d.reason = r.clone()),
            Message::CancelDiscount => self.discount = None,
            Message::ApplyDiscount => {
                if let Err(e) = self.apply_discount() {
                    self.error = Some(e);
                }
            }
            Message::TipTyped(v) => self.tip = v,
            Message::AddTip => match money::parse(&self.tip) {
                Ok(cents) if cents > 0 => {
                    self.draft.lines.push(Line::new(LineKind::Tip, crate::ui::i18n::t(ctx.lang, "till-tip"), cents, 0));
                    self.tip.clear();
                }
                _ => self.error = Some(InputError::Amount(self.tip.clone()).into()),
            },
            Message::VoucherValueTyped(v) => self.voucher_value = v,
            Message::SellVoucher => self.sell_voucher(ctx),
            Message::CodeTyped(v) => self.code = v,
            Message::Redeem => {
                let code = self.code.clone();
                return Action::run("find voucher", move |store| Message::VoucherFound(store.voucher_by_code(&code)));
            }
            Message::VoucherFound(found) => self.redeem(ctx, found),
            Message::RedeemReward => self.redeem_reward(ctx),
            Message::AmountTyped(v) => self.amount = v,
            Message::Pay(method) => self.pay(method),
            Message::RemovePayment(i) if i < self.draft.payments.len() => {
                self.draft.payments.remove(i);
                self.change = 0;
            }
            Message::RemovePayment(_) => {}
            Message::TillReceiptTyped(v) => self.draft.till_receipt = v,
            Message::Record => return self.record(ctx),
            Message::Recorded(Ok(done)) => {
                self.recorded = Some(done);
                let note = Note::Done("saved-checked-out");
                return Action::Request(Request::AppointmentsChanged(note, None));
            }
            Message::Recorded(Err(e)) => self.error = problem(e),
            Message::Print(what) => {
                return Action::run("print", move |store| {
                    let written = crate::pdf::for_printing(store, what);
                    Message::Printed(
                        written.map_err(|e| Problem::System { key: "error-print", cause: e.to_string().into() }),
                    )
                });
            }
            Message::Printed(Ok(file)) => return Action::Request(Request::OpenFile(file)),
            Message::Printed(Err(p)) => self.error = problem(p),
            Message::MailSummary => {
                let Some((record, _)) = &self.recorded else { return Action::None };
                let id = record.id;
                return Action::run("mail summary", move |store| Message::Mailed(store.mail_summary(id)));
            }
            Message::Mailed(Ok(to)) => self.mailed = Some(to),
            Message::Mailed(Err(e)) => self.error = problem(e),
            // The calendar closes the till before it gets here.
            Message::Close => {}
        }
        Action::None
    }

    fn add_product(&mut self, ctx: &Ctx, id: i64) {
        let Some(p) = ctx.data.products.iter().find(|p| p.id == id) else { return };
        // The same product again is one more of it on its line.
        match self.draft.lines.iter_mut().find(|l| l.product_id == Some(id) && l.discount_cents == 0) {
            Some(line) => line.quantity += 1,
            None => self.draft.lines.push(Line::product(
                p.id,
                p.name.clone(),
                p.price_cents,
                p.vat_rate.unwrap_or(ctx.data.standard_rate),
            )),
        }
    }

    /// A removed line may have carried the reward: without it, no points go.
    fn after_lines_changed(&mut self) {
        if !self.draft.lines.iter().any(|l| l.discount_reason == "loyalty") {
            self.draft.reward_points = 0;
        }
        self.change = 0;
    }

    fn apply_discount(&mut self) -> Result<(), Problem> {
        let Some(form) = self.discount.clone() else { return Ok(()) };
        if form.reason.trim().is_empty() {
            return Err(Problem::Refusal("till-reason-needed"));
        }
        let off = Discount::parse(&form.typed)?;
        self.give(form.line, off, &form.reason)?;
        self.discount = None;
        Ok(())
    }

    /// Takes `off` off line `line`, or off the whole (spread over the goods
    /// that have no other reason), with `reason`.
    fn give(&mut self, line: Option<usize>, off: Discount, reason: &str) -> Result<(), Problem> {
        let fits = |l: &Line| l.kind.is_goods() && (l.discount_cents == 0 || l.discount_reason == reason);
        let targets: Vec<usize> = match line {
            Some(i) => vec![i],
            None => (0..self.draft.lines.len()).filter(|&i| fits(&self.draft.lines[i])).collect(),
        };
        let chosen: Vec<Line> = targets.iter().filter_map(|&i| self.draft.lines.get(i).cloned()).collect();
        let base: i64 = chosen.iter().filter(|l| l.kind.is_goods()).map(Line::total).sum();
        let parts = checkout::spread(&chosen, off.of(base)).ok_or(Problem::Refusal("till-discount-too-much"))?;
        if parts.iter().all(|p| *p == 0) {
            return Err(Problem::Refusal("till-discount-too-much"));
        }
        for (i, part) in targets.into_iter().zip(parts) {
            if part > 0 {
                let l = &mut self.draft.lines[i];
                l.discount_cents += part;
                l.discount_reason = reason.to_string();
            }
        }
        self.change = 0;
        Ok(())
    }

    fn sell_voucher(&mut self, ctx: &Ctx) {
        match money::parse(&self.voucher_value) {
            Ok(cents) if cents > 0 && !self.draft.payments.iter().any(|p| p.method == Method::Voucher) => {
                self.draft.lines.push(Line::new(
                    LineKind::Voucher,
                    crate::ui::i18n::t(ctx.lang, "till-voucher"),
                    cents,
                    0,
                ));
                self.voucher_value.clear();
            }
            Ok(cents) if cents > 0 => self.error = Some(Problem::Refusal("till-voucher-for-voucher")),
            _ => self.error = Some(InputError::Amount(self.voucher_value.clone()).into()),
        }
    }

    fn redeem(&mut self, ctx: &Ctx, found: Result<Voucher, StoreError>) {
        let v = match found {
            Ok(v) => v,
            Err(StoreError::NotFound) => return self.error = Some(Problem::Refusal("till-voucher-unknown")),
            Err(e) => return self.error = problem(e),
        };
        if self.draft.lines.iter().any(|l| l.kind == LineKind::Voucher) {
            return self.error = Some(Problem::Refusal("till-voucher-for-voucher"));
        }
        let used_here: i64 = self.draft.payments.iter().filter(|p| p.voucher_id == Some(v.id)).map(|p| p.cents).sum();
        match v.usable(ctx.today()) {
            Usable::Yes(left) if left > used_here && self.open() > 0 => {
                self.draft.payments.push(Payment::voucher(v.id, (left - used_here).min(self.open())));
                self.voucher_codes.push((v.id, v.code));
                self.code.clear();
            }
            Usable::Yes(_) if self.open() <= 0 => self.error = Some(Problem::Refusal("till-nothing-open")),
            Usable::Expired => self.error = Some(Problem::Refusal("till-voucher-expired")),
            Usable::Void => self.error = Some(Problem::Refusal("till-voucher-void")),
            Usable::Yes(_) | Usable::UsedUp => self.error = Some(Problem::Refusal("till-voucher-used-up")),
        }
    }

    fn redeem_reward(&mut self, ctx: &Ctx) {
        let (Some(reward), Some(rules)) = (self.reward_ready(ctx), ctx.data.features.bonus) else { return };
        match self.give(None, reward, "loyalty") {
            Ok(()) => self.draft.reward_points = rules.threshold,
            Err(e) => self.error = Some(e),
        }
    }

    /// A payment of the typed amount (or of all that is open). Cash beyond
    /// what is open is change, given back and not recorded.
    fn pay(&mut self, method: Method) {
        let open = self.open();
        let typed = match self.amount.trim() {
            "" => Ok(open),
            t => money::parse(t),
        };
        match typed {
            Ok(cents) if cents > 0 && open > 0 => {
                let taken = if method == Method::Cash { cents.min(open) } else { cents };
                if taken > open {
                    return self.error = Some(Problem::Refusal("till-paid-too-much"));
                }
                self.change = if method == Method::Cash { cents - taken } else { 0 };
                self.draft.payments.push(Payment::new(method, taken));
                self.amount.clear();
            }
            Ok(_) if open <= 0 => self.error = Some(Problem::Refusal("till-nothing-open")),
            _ => self.error = Some(InputError::Amount(self.amount.clone()).into()),
        }
    }

    fn record(&mut self, ctx: &Ctx) -> Action<Message> {
        if self.draft.lines.is_empty() {
            self.error = Some(Problem::Refusal("till-no-lines"));
            return Action::None;
        }
        if self.open() != 0 {
            self.error = Some(Problem::Refusal("till-not-settled"));
            return Action::None;
        }
        if ctx.data.features.own_till && self.draft.till_receipt.trim().is_empty() && self.draft.paid() != 0 {
            self.error = Some(Problem::Refusal("till-receipt-needed"));
            return Action::None;
        }
        let draft = self.draft.clone();
        Action::run("record checkout", move |store| {
            Message::Recorded(store.record_checkout(&draft).and_then(|record| {
                let sold = record.draft.lines.iter().filter_map(|l| l.voucher_id).map(|id| store.voucher(id));
                let sold = sold.collect::<Result<Vec<_>, _>>()?;
                Ok((record, sold))
            }))
        })
    }

    /// Whether this appointment can be checked out: the customer came (or
    /// is in the chair: it has begun).
    pub fn can_check_out(a: &Appointment, now: crate::domain::clock::Instant) -> bool {
        match a.state {
            AppointmentState::Arrived | AppointmentState::Completed => true,
            AppointmentState::Booked => a.slot.start <= now,
            AppointmentState::NoShow | AppointmentState::Cancelled => false,
        }
    }
}

/// Reads the customer's bonus balance and whether the appointment was checked out already.
fn opening(ctx: &Ctx, appointment: Option<i64>, customer: Option<i64>) -> Action<Message> {
    let bonus = ctx.data.features.bonus.is_some_and(|r| r.per_unit > 0);
    Action::run("open till", move |store| {
        let read = || -> Result<Opening, StoreError> {
            Ok(Opening {
                points: match customer {
                    Some(c) if bonus => Some(store.points_balance(c)?),
                    _ => None,
                },
                already: match appointment {
                    Some(a) => store.sale_of(a)?,
                    None => None,
                },
            })
        };
        Message::Opened(read())
    })
}
