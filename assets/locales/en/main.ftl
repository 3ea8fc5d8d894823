app-loading = Opening the appointment book…
nav-calendar = Calendar
nav-customers = Customers
nav-settings = Settings

demo-banner = Demo salon: these customers and appointments are sample data to try Salondesk with.
demo-start-empty = Start empty…
demo-confirm = Delete all sample data?
demo-start-empty-yes = Yes, start empty
demo-keep = Keep the demo

fatal-title = The appointment book cannot be opened
fatal-safe = Nothing has been changed or deleted: the file is exactly as it was.
fatal-what-now = Restore the latest backup, or start Salondesk with another file (--db PATH). If you need help, send the log file from the "logs" folder beside the database.

calendar-today = Today
calendar-day = Day
calendar-week = Week
calendar-day-off = day off
calendar-absent = away: { $reason }
calendar-no-staff = No staff yet. Add your staff members under Settings › Staff.
calendar-next-free = Next free time: { $time } — take it
calendar-no-free = No free time in the next 14 days.

mark-new = new
mark-not-linked = not linked

state-booked = booked
state-arrived = arrived
state-completed = completed
state-cancelled = cancelled
state-no-show = no-show

action-arrived = Arrived
action-completed = Completed
action-no-show = No-show…
action-cancel = Cancel appointment…
action-undo = Undo: back to booked

source-desk = at the desk
source-kiosk = at the kiosk

dialog-new-title = New appointment
dialog-edit-title = Appointment
dialog-customer-placeholder = Name, phone or e-mail
dialog-customer-hint = Type a name, phone number or e-mail: known customers are suggested.
dialog-walk-in-hint = Saved with this name only; link it to a card later.
dialog-linked = linked
dialog-open-card = Open card
dialog-unlink = Unlink
dialog-no-show-reason = Why did the customer not come?
dialog-cancel-reason = Why is the appointment cancelled?
dialog-reason-placeholder = Reason (pick one or type)
dialog-reason-needed = Please give a reason.
dialog-confirm-no-show = Mark as no-show
dialog-confirm-cancel = Cancel appointment
dialog-created = Booked { $who } on { $when }

reason-forgot = Forgot
reason-ill = Ill
reason-not-reachable = Not reachable
reason-none-given = No reason given
reason-rescheduled = Rescheduled
reason-travel = Travelling
reason-salon = Salon cancelled

saved-booked = Appointment booked.
saved-changed = Appointment changed.
saved-no-show = Marked as no-show; the time is free to book again.
saved-cancelled = Appointment cancelled; the time is free to book again.
saved-arrived = Marked as arrived.
saved-completed = Marked as completed.
saved-undone = Back to booked.
saved-customer = Saved.
saved-settings = Settings saved.

button-save = Save
button-close = Close
button-back = Back
button-remove = Remove

customers-title = Customers
customers-new = New customer
customers-new-title = New customer
customers-search-placeholder = Search name, phone or e-mail (Ctrl+F)
customers-count = { $count } customers. Type to search.
customers-found = { $count } found
customers-pick-hint = Pick a customer on the left, or create a new one.

card-archive = Appointments
card-summary = { $total ->
    [one] 1 appointment
   *[other] { $total } appointments
} · { $attended } attended · { $noshows ->
    [one] 1 no-show
   *[other] { $noshows } no-shows
} · { $cancelled } cancelled
card-revenue = revenue { $amount }
card-no-appointments = No appointments yet.

consent-granted = Granted
consent-not-asked = Not asked
consent-objected = Objected

field-name = Name
field-first-name = First name
field-last-name = Last name
field-phone = Phone
field-email = E-mail
field-birthday = Birthday
field-language = Language
field-preferred-staff = Preferred staff member
field-none = none
field-marketing = Marketing consent
field-notes = Notes
field-staff = Staff member
field-service = Service
field-customer = Customer
field-date = Date
field-time = Time
field-minutes = Minutes
field-salon-name = Salon name
field-address = Address
field-time-zone = Time zone (e.g. Europe/Berlin)
field-currency = Currency (e.g. EUR)
field-from = From
field-to = To
field-reason = Reason
field-price = Price
field-colour = Colour (#rrggbb)

settings-title = Settings
settings-salon = Salon
settings-staff = Staff
settings-services = Services
settings-opening-hours = Opening hours
settings-working-hours = Working hours
settings-break = break
settings-closed = closed
settings-absences = Absences
settings-add-absence = Add absence
settings-add-staff = + Add staff member
settings-add-service = + Add service
settings-active = active
settings-inactive = inactive

error-cannot-open = The file { $path } cannot be opened: { $cause }
error-damaged = The database file is damaged ({ $detail }).
error-read-only = The file { $path } is read-only, so nothing could be saved. Check its permissions or choose another file.
error-newer-version = This database was written by a newer Salondesk (version { $found }; this program knows up to { $supported }). Please update Salondesk.
error-overlap = This staff member already has an appointment at that time.
error-delete-refused = Appointments are never deleted; cancel it instead.
error-not-found = It no longer exists; perhaps it was changed at the same time elsewhere.
error-disk-full = The disk is full: nothing was saved. Free some space and try again.
error-busy = The appointment book is busy in another window; please try again.
error-other = Something went wrong while saving: { $detail }
error-required = { $field } is required.
error-time-zone = "{ $value }" is not a time zone; use a name like Europe/Berlin or Europe/Oslo.
error-time = "{ $value }" is not a time; write it like 09:30.
error-date = "{ $value }" is not a date; write it like 23/11/2026.
error-email = "{ $value }" is not an e-mail address.
error-phone = "{ $value }" is not a phone number; use digits, e.g. +49 151 2345678.
error-amount = "{ $value }" is not an amount; write it like 45.00.
error-duration = "{ $value }" is not a duration; use minutes between 5 and 720.
error-end-before-start = The end must be after the start.
error-break-outside = The break must lie within the working hours.
error-save-staff-first = Save the staff member first.
error-colour = The colour must be written like #c98b9a.
error-unknown-zone = The salon's time zone "{ $zone }" is unknown, so times are shown in UTC. Please choose the right one under Settings › Salon.
error-status-in-use = This status is given to new customers or still in use: choose another status for its customers, or make another status the initial one first.
error-no-initial-status = One status must be given to new customers.
error-symbol = "{ $value }" is too long for a symbol; use at most four characters.
error-colour-value = "{ $value }" is not a colour; write it like #c98b9a.
field-limit = The limit (appointments and days)
reliability-none = no visits yet
reliability-counts = { $attended } attended · { $noshows ->
    [one] 1 no-show
   *[other] { $noshows } no-shows
} ({ $percent } %)
reliability-explained = Green: always came. The more appointments missed, the more orange; fully orange at one in two missed. Cancellations and future appointments do not count.
field-status = Status
settings-statuses = Customers
statuses-add = + New customer status
statuses-symbol = Symbol
statuses-initial = New customers get this status (initial)
statuses-initial-short = initial
statuses-self-book = May book themselves at the kiosk
statuses-deposit = Must always pay a deposit
statuses-marketing = Receives newsletters by status (never those who objected)
statuses-preferred-staff = Served by a preferred staff member: warn when an appointment moves to another
statuses-max = At most
statuses-per = appointments per
statuses-days = days (empty: no limit)
statuses-services = Services they may book themselves (none ticked: all)
statuses-delete = Delete status…
statuses-replacement = Its customers get
statuses-delete-confirm = Delete
warning-preferred-staff = { $customer } is usually served by { $preferred }, not { $staff }.
warning-staff-change = { $customer } is usually served by the same staff member; this moves the appointment to { $staff }.
warning-limit = This customer's status allows at most { $max } appointments in { $days } days.
button-book-anyway = Save anyway
dialog-reached = Was the customer reached?
reached-yes = Reached them
reached-no = Could not reach them
reached-not-tried = Did not try
fee-open = fee { $amount } open
fee-paid = fee { $amount } paid
fee-mark-paid = Mark paid
fee-invoice = Fee…
fee-deposit-kept = deposit { $amount } kept
fee-amount = No-show fee
fee-terms = Terms (version)
fee-record = Record fee
nav-reports = Reports
reports-no-shows = No-shows
reports-show = Show
reports-last-month = Last month
reports-this-month = This month
reports-last-12-months = Last 12 months
reports-export = Export CSV
reports-exported = Exported to { $path }
reports-count = No-shows
reports-first-repeated = { $first } first · { $repeated } repeated
reports-reached = Reached / not reached
reports-reached-detail = { $unknown } not called
reports-revenue-lost = Revenue lost
reports-recovered = Recovered
reports-recovered-detail = deposits { $deposits } · fees paid { $paid } of { $invoiced }
reports-net-loss = Net loss
reports-per-week = No-shows per week
reports-per-customer = Per customer
reports-per-staff = Per staff member
reports-per-service = Per service
risk-medium = risk
risk-high = high risk
risk-missed = { $missed } of last { $of } missed
risk-ahead = booked { $days } days ahead
risk-first-visit = first visit
risk-not-linked = not linked to a customer card
risk-no-reminder = no reminder planned
calllist-open = Call list
calllist-title = Call to confirm: { $date }
calllist-hint = Risky appointments and new customers of tomorrow. Call, then tick what was confirmed.
calllist-empty = Nobody to call: tomorrow looks reliable.
calllist-no-phone = no phone number
calllist-confirmed = Confirmed
button-call = Call
error-call = The call could not be started: { $cause }
error-no-number = There is no phone number to call.
error-template = "{ $value }" is not a call link; write it like tel:{"{"}number{"}"} or sip:{"{"}number{"}"}@your-phone-system.
field-call-template = Call link (tel:{"{"}number{"}"} or a sip: address)
