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
error-choice = { $field }: choose one of { $value }.
error-number = "{ $value }" is not a valid number here.
error-url = "{ $value }" is not a web address (it starts with https:// or http://).
field-call-template = Call link (tel:{"{"}number{"}"} or a sip: address)
rule-assigned = { $customer }: { $noshows } no-shows within { $months } months, now "{ $status }".
rule-suggested = { $customer }: { $noshows } no-shows within { $months } months. Give the status "{ $status }"?
rule-give = Give "{ $status }"
rule-not-now = Not now
history-title = Status history
history-none = No status changes yet.
history-rule = automatic: { $noshows } no-shows within { $months } months
history-desk = changed at the desk
rules-title = Automatic rules
rules-hint = After repeated no-shows, a status is suggested to the desk, or given directly. Every change is recorded on the customer.
rules-line-suggest = After { $noshows } no-shows within { $months } months: suggest "{ $status }"
rules-line-assign = After { $noshows } no-shows within { $months } months: give "{ $status }"
rules-after = After
rules-within = no-shows within
rules-months = months
rules-assign = give directly (not only suggest)
rules-add = Add rule
field-rule = The rule (no-shows, months and status)
documents-title = Documents
documents-attach = Attach file…
documents-drop-hint = or drop a file onto this window
documents-open = Open
documents-none = No documents.
documents-drop-on-card = Open a customer card first; a file dropped there is attached to it.
error-document-missing = The document is missing from the salon's folder: { $path }
field-deposit = Deposit paid

## Messages
nav-messages = Messages
messages-overview = Reminder overview
messages-outbox = Outbox
messages-texts = Texts
messages-sending = Sending
overview-title = Reminders
overview-hint = Appointments with and without a reminder. Click a chart for the list of those without.
overview-last-7 = Last 7 days
overview-next-7 = Next 7 days
overview-with = { $count } with a reminder
overview-without = { $count } without
overview-without-title = Without a reminder
overview-remind = Remind
overview-not-linked = not linked to a customer
overview-all-reminded = Every appointment has a reminder.
overview-reminded = The reminder is on its way.
overview-cannot-remind = No reminder possible: no e-mail or mobile number, the customer declined reminders, or it is too late.
outbox-title = Outbox
outbox-failed = Failed
outbox-waiting = Waiting
outbox-sent = Sent
outbox-retry = Retry
outbox-retrying = Sent again shortly.
outbox-retry-at = next try at { $time }
outbox-gave-up = not retried any more: check the address or the settings, then retry
outbox-empty = Nothing here.
outbox-state-queued = waiting
outbox-state-sending = sending
outbox-state-sent = sent
outbox-state-failed = failed
outbox-state-cancelled = dropped
kind-confirmation = Confirmation
kind-reminder = Reminder
kind-cancellation = Cancellation
kind-reschedule = New time
kind-tan = Code (TAN)
kind-newsletter = Newsletter
channel-email = E-mail
channel-sms = SMS
texts-subject = Subject
texts-body = Text
texts-placeholders = Placeholders: { $list }
texts-reset = Back to the default
texts-preview = Preview
texts-sms-gsm = { $chars } characters · { $segments ->
    [one] 1 SMS
   *[other] { $segments } SMS
} (standard characters)
texts-sms-ucs2 = { $chars } characters · { $segments ->
    [one] 1 SMS
   *[other] { $segments } SMS
} (special characters: 70 per SMS)
texts-saved = The text is saved.
texts-was-reset = The default text is back.
sending-title = Mail server and SMS gateway
sending-saved = The sending settings are saved.
reminder-rules-title = Reminder rules
reminder-rules-add = Add rule
reminder-rules-hint = "1d@07:00" = the day before at 07:00; "2h" = 2 hours before
rule-days-before = { $days ->
    [one] the day before
   *[other] { $days } days before
} at { $time }
rule-hours-before = { $hours } h before
rule-minutes-before = { $minutes } min before
action-delete = Delete
config-smtp-host = Mail server
config-smtp-port = Port
config-smtp-security = Encryption (none, starttls, tls)
config-smtp-username = User name
config-smtp-password = Password
config-smtp-from = Sender address
config-sms-provider = SMS provider (none, twilio, generic)
config-sms-url = Gateway URL
config-sms-format = Body format (form, json)
config-sms-body = Body template
config-sms-auth_header = Auth header (Name: value)
config-sms-from = SMS sender
config-sms-username = Account / user
config-sms-token = Token
config-sms-quiet_hours = No SMS between (21:00-08:00)
config-messages-confirmations = Confirmation e-mails (on, off)
config-messages-cancel_hours = Free cancellation up to (hours before)
config-messages-no_show_fee = No-show fee
config-messages-terms_link = Link to the terms
customer-reminders-off = No reminders (the customer declined)
sending-not-set-up = Not set up yet: { $channels }. Those messages wait in the outbox and go out once the mail server or SMS gateway is entered under Sending.
