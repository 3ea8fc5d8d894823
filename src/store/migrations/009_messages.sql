-- Schema 9: messages to customers (SPEC §5): the salon's own texts, reminder
-- rules, a per-customer opt-out, and the outbox every message passes through.

-- The salon's edited texts; a missing row means the shipped default.
CREATE TABLE message_texts (
    language TEXT NOT NULL CHECK (language IN ('en', 'de', 'nl', 'nb')),
    kind     TEXT NOT NULL CHECK (kind IN ('confirmation', 'reminder', 'cancellation', 'reschedule', 'tan', 'newsletter')),
    channel  TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    subject  TEXT NOT NULL DEFAULT '',
    body     TEXT NOT NULL CHECK (trim(body) <> ''),
    PRIMARY KEY (language, kind, channel)
) WITHOUT ROWID;

-- "E-mail the day before at 07:00" (days_before + at_minute, local time) or
-- "SMS 2 hours before" (minutes_before).
CREATE TABLE reminder_rules (
    id             INTEGER PRIMARY KEY,
    channel        TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    days_before    INTEGER CHECK (days_before BETWEEN 1 AND 14),
    at_minute      INTEGER CHECK (at_minute BETWEEN 0 AND 1439),
    minutes_before INTEGER CHECK (minutes_before BETWEEN 5 AND 10080),
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    CHECK ((days_before IS NOT NULL AND at_minute IS NOT NULL AND minutes_before IS NULL)
        OR (days_before IS NULL AND at_minute IS NULL AND minutes_before IS NOT NULL))
);
INSERT INTO reminder_rules (channel, days_before, at_minute, minutes_before) VALUES ('email', 1, 420, NULL);
INSERT INTO reminder_rules (channel, days_before, at_minute, minutes_before) VALUES ('sms', NULL, NULL, 120);

ALTER TABLE customers ADD COLUMN reminders_off INTEGER NOT NULL DEFAULT 0 CHECK (reminders_off IN (0, 1));

-- The calendar invitations' UIDs end in this salon's own name, made once.
INSERT OR IGNORE INTO settings (key, value) VALUES ('messages.domain', lower(hex(randomblob(6))) || '.salondesk');

-- Every message is written here first. `rule` completes the key: the reminder
-- rule and the appointment's start ("r2@1795000000"), or the invitation's
-- sequence ("v1"), so a message can never be queued twice for one purpose.
-- `next_at` is when a scheduler should look at the row: the due time
-- (queued), the retry time (failed), the end of a sender's lease (sending);
-- NULL once sent, cancelled or given up. Only those rows are in the index the
-- scheduler scans, however many millions were sent before.
CREATE TABLE outbox (
    id             INTEGER PRIMARY KEY,
    appointment_id INTEGER REFERENCES appointments(id),
    customer_id    INTEGER REFERENCES customers(id),
    kind           TEXT NOT NULL CHECK (kind IN ('confirmation', 'reminder', 'cancellation', 'reschedule', 'tan', 'newsletter')),
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
    -- What the message described ("start/staff/service"): a change to it is news.
    about          TEXT NOT NULL DEFAULT '',
    CHECK (state NOT IN ('queued', 'sending') OR next_at IS NOT NULL),
    CHECK (state NOT IN ('sent', 'cancelled') OR next_at IS NULL)
);
CREATE UNIQUE INDEX outbox_key ON outbox(appointment_id, kind, channel, rule) WHERE appointment_id IS NOT NULL;
CREATE INDEX outbox_due ON outbox(next_at) WHERE next_at IS NOT NULL;
CREATE INDEX outbox_by_due_at ON outbox(due_at);
-- The failed ones the salon is shown (badge, outbox screen).
CREATE INDEX outbox_failed ON outbox(due_at) WHERE state = 'failed';
