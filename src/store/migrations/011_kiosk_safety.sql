-- Schema 11: the kiosk left alone at reception. Every PIN typed at the kiosk
-- (right or wrong: the wait after wrong ones survives a restart, and the
-- desk sees them), and every check-in lookup (rate-limited; no number kept).

CREATE TABLE kiosk_pin_tries (
    id    INTEGER PRIMARY KEY,
    at    INTEGER NOT NULL,
    correct INTEGER NOT NULL CHECK (correct IN (0, 1))
) STRICT;

CREATE TABLE kiosk_lookups (
    id    INTEGER PRIMARY KEY,
    at    INTEGER NOT NULL,
    found INTEGER NOT NULL
) STRICT;
CREATE INDEX kiosk_lookups_by_time ON kiosk_lookups(at);

-- A PIN stored in plain text by an earlier Salondesk is not a PIN any more:
-- the kiosk asks for a new one (stored as a slow hash).
DELETE FROM settings WHERE key = 'kiosk.pin' AND value NOT LIKE '$argon2%';

-- The exact text a customer accepted, not only its version.
ALTER TABLE terms_acceptances ADD COLUMN terms_text TEXT NOT NULL DEFAULT '';

-- A self-booking with a number (or address) that belongs to a card, by
-- someone who did not prove it: booked under the typed name, kept apart
-- from the card, with what was typed and the terms accepted, for the desk
-- to link after asking.
CREATE TABLE kiosk_kept_apart (
    appointment_id INTEGER PRIMARY KEY REFERENCES appointments(id),
    phone          TEXT NOT NULL,
    email          TEXT NOT NULL DEFAULT '',
    terms_version  TEXT NOT NULL,
    terms_text     TEXT NOT NULL DEFAULT '',
    accepted_at    INTEGER NOT NULL
) STRICT;
