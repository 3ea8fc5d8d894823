-- Schema 18: newsletters by status with consent honoured (SPEC §3, §7;
-- seed 001), the consent's history, and what the erasure of a customer
-- needs (SPEC §2). No table is rebuilt: columns are added.

-- A newsletter: its texts per language, whom it was for, how fast it goes.
CREATE TABLE newsletters (
    id            INTEGER PRIMARY KEY,
    channel       TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    -- The statuses chosen, as ",1,3," ('' : every status).
    statuses      TEXT NOT NULL DEFAULT '',
    -- Only customers whose last completed visit is at most this many months ago.
    visited_months INTEGER CHECK (visited_months IS NULL OR visited_months > 0),
    per_minute    INTEGER NOT NULL CHECK (per_minute > 0),
    state         TEXT NOT NULL DEFAULT 'sending' CHECK (state IN ('sending', 'paused', 'done')),
    created_at    INTEGER NOT NULL,
    created_by    TEXT NOT NULL DEFAULT ''
);
CREATE TABLE newsletter_texts (
    newsletter_id INTEGER NOT NULL REFERENCES newsletters(id),
    language      TEXT NOT NULL CHECK (language IN ('en', 'de', 'nl', 'nb')),
    subject       TEXT NOT NULL DEFAULT '',
    body          TEXT NOT NULL CHECK (trim(body) <> ''),
    PRIMARY KEY (newsletter_id, language)
) WITHOUT ROWID;
-- Who of the chosen statuses did not get it, and why (the report).
CREATE TABLE newsletter_skips (
    newsletter_id INTEGER NOT NULL REFERENCES newsletters(id),
    customer_id   INTEGER NOT NULL REFERENCES customers(id),
    reason        TEXT NOT NULL CHECK (reason IN ('erased', 'objected', 'no_consent', 'no_address')),
    PRIMARY KEY (newsletter_id, customer_id)
) WITHOUT ROWID;

-- One message per recipient and newsletter, never two.
ALTER TABLE outbox ADD COLUMN newsletter_id INTEGER REFERENCES newsletters(id);
CREATE UNIQUE INDEX outbox_newsletter ON outbox(newsletter_id, customer_id) WHERE newsletter_id IS NOT NULL;
CREATE INDEX outbox_by_customer ON outbox(customer_id) WHERE customer_id IS NOT NULL;

-- The card's consent, with its history: who, when, how.
CREATE TABLE consent_changes (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    at          INTEGER NOT NULL,
    before      TEXT NOT NULL CHECK (before IN ('granted', 'not_asked', 'objected')),
    after       TEXT NOT NULL CHECK (after IN ('granted', 'not_asked', 'objected')),
    how         TEXT NOT NULL CHECK (how IN ('desk', 'kiosk', 'import', 'reply', 'other')),
    by          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX consent_changes_by_customer ON consent_changes(customer_id, at);

-- An objection, however recorded (the desk, an import, a reply, another
-- program), stops every newsletter still waiting for that customer at once.
CREATE TRIGGER customers_objection_stops_newsletters AFTER UPDATE OF marketing ON customers
WHEN NEW.marketing = 'objected' AND OLD.marketing <> 'objected'
BEGIN
    UPDATE outbox SET state = 'cancelled', next_at = NULL, last_error = 'objected'
     WHERE customer_id = NEW.id AND kind = 'newsletter' AND state IN ('queued', 'failed');
END;

-- The customer's own token in a newsletter's List-Unsubscribe address: an
-- objection by reply is matched to the card without trusting a name.
ALTER TABLE customers ADD COLUMN unsubscribe_token TEXT;
UPDATE customers SET unsubscribe_token = lower(hex(randomblob(10)));
CREATE UNIQUE INDEX customers_by_token ON customers(unsubscribe_token) WHERE unsubscribe_token IS NOT NULL;
CREATE TRIGGER customers_token AFTER INSERT ON customers WHEN NEW.unsubscribe_token IS NULL
BEGIN
    UPDATE customers SET unsubscribe_token = lower(hex(randomblob(10))) WHERE id = NEW.id;
END;

-- Erasure (SPEC §2): the card stays as an anonymous row, so that
-- appointments, no-shows, revenue and records stay counted; the log holds
-- only the id and the time, and is applied again after a restore.
ALTER TABLE customers ADD COLUMN erased_at INTEGER;
CREATE TABLE erasures (
    customer_id INTEGER PRIMARY KEY,
    erased_at   INTEGER NOT NULL
);

-- Found by the benchmark on ten years of checkouts: a record's points and
-- the vouchers it sold were looked up by scanning (a card took 0.3 s).
CREATE INDEX points_by_checkout ON points(checkout_id) WHERE checkout_id IS NOT NULL;
CREATE INDEX vouchers_by_checkout ON vouchers(checkout_id);
CREATE INDEX customers_referred ON customers(referred_by) WHERE referred_by IS NOT NULL;
-- A customer's earlier no-show receipts (first or repeated, the discount report).
CREATE INDEX checkouts_no_shows ON checkouts(customer_id, number) WHERE kind = 'no_show';

-- Whom a newsletter reaches, counted as the salon ticks statuses: the
-- cards' few columns the rule needs, read without the cards themselves.
CREATE INDEX customers_for_newsletters ON customers(status_id, marketing, erased_at, language, email, phone);
