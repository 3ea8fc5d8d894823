-- Schema 10: the kiosk (SPEC §6): staff closed to new customers, bookings
-- that wait for a deposit, the blocklist against fake bookings, accepted
-- terms, the kiosk's refusals (for the salon to see), and SMS codes (TAN).

ALTER TABLE staff ADD COLUMN closed_to_new INTEGER NOT NULL DEFAULT 0 CHECK (closed_to_new IN (0, 1));

-- A self-booking by a status that needs a deposit: in the calendar, marked,
-- until the salon confirms the deposit.
ALTER TABLE appointments ADD COLUMN awaiting_deposit INTEGER NOT NULL DEFAULT 0 CHECK (awaiting_deposit IN (0, 1));

-- E-mail addresses (lower case) and phone numbers (E.164) that may not book.
CREATE TABLE blocklist (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('email', 'phone')),
    value      TEXT NOT NULL CHECK (trim(value) <> ''),
    reason     TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    UNIQUE (kind, value)
);

-- Which version of the salon's terms a customer accepted, and when.
CREATE TABLE terms_acceptances (
    id             INTEGER PRIMARY KEY,
    customer_id    INTEGER NOT NULL REFERENCES customers(id),
    appointment_id INTEGER REFERENCES appointments(id),
    terms_version  TEXT NOT NULL,
    accepted_at    INTEGER NOT NULL
);

-- Every booking the kiosk refused, with the reason: the salon sees attempts.
CREATE TABLE kiosk_refusals (
    id     INTEGER PRIMARY KEY,
    at     INTEGER NOT NULL,
    reason TEXT NOT NULL,
    phone  TEXT NOT NULL DEFAULT '',
    email  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX kiosk_refusals_by_time ON kiosk_refusals(at);

-- SMS codes: valid for minutes, a few tries, resent only after a pause.
CREATE TABLE kiosk_codes (
    id         INTEGER PRIMARY KEY,
    phone      TEXT NOT NULL,
    code       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    tries      INTEGER NOT NULL DEFAULT 0,
    used       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX kiosk_codes_by_phone ON kiosk_codes(phone, created_at);
