-- Schema 17: the checkout's summary e-mailed to the customer, its PDF
-- attached (SPEC §7). A message of its own kind with its own texts, naming
-- the record it carries (the PDF is made from the record when it is sent:
-- records never change, so it is the same page whenever it goes). SQLite
-- cannot change a CHECK in place: both tables are rebuilt with the same
-- rows (ids, states and leases kept), then their indexes made again.

CREATE TABLE message_texts_new (
    language TEXT NOT NULL CHECK (language IN ('en', 'de', 'nl', 'nb')),
    kind     TEXT NOT NULL CHECK (kind IN ('confirmation', 'reminder', 'cancellation', 'reschedule', 'tan', 'newsletter',
                                           'confirm_request', 'receipt')),
    channel  TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    subject  TEXT NOT NULL DEFAULT '',
    body     TEXT NOT NULL CHECK (trim(body) <> ''),
    PRIMARY KEY (language, kind, channel)
) WITHOUT ROWID;
INSERT INTO message_texts_new (language, kind, channel, subject, body)
    SELECT language, kind, channel, subject, body FROM message_texts;
DROP TABLE message_texts;
ALTER TABLE message_texts_new RENAME TO message_texts;

CREATE TABLE outbox_new (
    id             INTEGER PRIMARY KEY,
    appointment_id INTEGER REFERENCES appointments(id),
    customer_id    INTEGER REFERENCES customers(id),
    kind           TEXT NOT NULL CHECK (kind IN ('confirmation', 'reminder', 'cancellation', 'reschedule', 'tan', 'newsletter',
                                                 'confirm_request', 'receipt')),
    channel        TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    rule           TEXT NOT NULL DEFAULT '',
    recipient      TEXT NOT NULL CHECK (trim(recipient) <> ''),
    subject        TEXT NOT NULL DEFAULT '',
    body           TEXT NOT NULL,
    ics            TEXT,
    message_id     TEXT NOT NULL UNIQUE,
    due_at         INTEGER NOT NULL,
    state          TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
    next_at        INTEGER,
    attempts       INTEGER NOT NULL DEFAULT 0,
    last_error     TEXT NOT NULL DEFAULT '',
    sent_at        INTEGER,
    created_at     INTEGER NOT NULL,
    about          TEXT NOT NULL DEFAULT '',
    -- The record whose summary goes along as a PDF (kind 'receipt').
    checkout_id    INTEGER REFERENCES checkouts(id),
    CHECK (state NOT IN ('queued', 'sending') OR next_at IS NOT NULL),
    CHECK (state NOT IN ('sent', 'cancelled') OR next_at IS NULL),
    CHECK ((kind = 'receipt') = (checkout_id IS NOT NULL))
);
INSERT INTO outbox_new (id, appointment_id, customer_id, kind, channel, rule, recipient, subject, body, ics,
                        message_id, due_at, state, next_at, attempts, last_error, sent_at, created_at, about)
    SELECT id, appointment_id, customer_id, kind, channel, rule, recipient, subject, body, ics,
           message_id, due_at, state, next_at, attempts, last_error, sent_at, created_at, about FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE UNIQUE INDEX outbox_key ON outbox(appointment_id, kind, channel, rule) WHERE appointment_id IS NOT NULL;
CREATE INDEX outbox_due ON outbox(next_at) WHERE next_at IS NOT NULL;
CREATE INDEX outbox_by_due_at ON outbox(due_at);
CREATE INDEX outbox_failed ON outbox(due_at) WHERE state = 'failed';
-- A record's summary goes to one address once (asked again: the same row).
CREATE UNIQUE INDEX outbox_receipt ON outbox(checkout_id, recipient) WHERE checkout_id IS NOT NULL;
