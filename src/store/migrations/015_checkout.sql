-- Schema 15: checkout records an accountant can trust (SPEC §7). Each is
-- numbered without gaps, written whole in one transaction (open while its
-- lines and payments go in, then closed), and never changed or deleted once
-- closed — a mistake is corrected by a reversal that points to it. The
-- database refuses it itself, also to raw SQL from another program.

-- VAT per service (basis points, 1900 = 19 %); NULL: the salon's standard rate.
ALTER TABLE services ADD COLUMN vat_rate INTEGER CHECK (vat_rate IS NULL OR vat_rate BETWEEN 0 AND 10000);

-- Why a discount was given; the salon keeps its own list.
CREATE TABLE discount_reasons (
    code   TEXT PRIMARY KEY,
    name   TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) WITHOUT ROWID;
INSERT INTO discount_reasons (code) VALUES ('no_show'), ('loyalty'), ('staff'), ('complaint'), ('referral');

CREATE TABLE checkouts (
    id             INTEGER PRIMARY KEY,
    number         INTEGER NOT NULL UNIQUE,
    kind           TEXT NOT NULL CHECK (kind IN ('sale', 'no_show', 'reversal')),
    appointment_id INTEGER REFERENCES appointments(id),
    customer_id    INTEGER REFERENCES customers(id),
    staff_id       INTEGER REFERENCES staff(id),
    -- The record this one corrects; a record is corrected at most once.
    reverses       INTEGER UNIQUE REFERENCES checkouts(id),
    total_cents    INTEGER NOT NULL,
    -- The salon's certified till's receipt number, where it keeps one.
    till_receipt   TEXT NOT NULL DEFAULT '',
    created_at     INTEGER NOT NULL,
    created_by     TEXT NOT NULL,
    closed         INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
    CHECK ((kind = 'reversal') = (reverses IS NOT NULL))
);
CREATE INDEX checkouts_by_time ON checkouts(created_at);
CREATE INDEX checkouts_by_customer ON checkouts(customer_id, created_at);
CREATE UNIQUE INDEX checkouts_no_show_once ON checkouts(appointment_id) WHERE kind = 'no_show';

CREATE TABLE checkout_lines (
    checkout_id     INTEGER NOT NULL REFERENCES checkouts(id),
    position        INTEGER NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('service', 'product', 'fee', 'deposit_kept')),
    service_id      INTEGER REFERENCES services(id),
    description     TEXT NOT NULL,
    quantity        INTEGER NOT NULL CHECK (quantity <> 0),
    unit_cents      INTEGER NOT NULL CHECK (unit_cents >= 0),
    discount_cents  INTEGER NOT NULL DEFAULT 0,
    discount_reason TEXT NOT NULL DEFAULT '',
    vat_rate        INTEGER NOT NULL,
    vat_cents       INTEGER NOT NULL,
    total_cents     INTEGER NOT NULL,
    PRIMARY KEY (checkout_id, position)
) WITHOUT ROWID;
CREATE INDEX checkout_lines_discounted ON checkout_lines(checkout_id) WHERE discount_cents <> 0;

CREATE TABLE checkout_payments (
    checkout_id  INTEGER NOT NULL REFERENCES checkouts(id),
    position     INTEGER NOT NULL,
    method       TEXT NOT NULL CHECK (method IN ('cash', 'card', 'other', 'deposit', 'invoice')),
    amount_cents INTEGER NOT NULL,
    PRIMARY KEY (checkout_id, position)
) WITHOUT ROWID;

-- Gapless: the next number, and only the next.
CREATE TRIGGER checkouts_numbered BEFORE INSERT ON checkouts
WHEN NEW.number IS NOT (SELECT ifnull(max(number), 0) + 1 FROM checkouts) OR NEW.closed <> 0
BEGIN
    SELECT RAISE(ABORT, 'salondesk:checkout-number');
END;
-- Closed once, with nothing else changed; never again after.
CREATE TRIGGER checkouts_never_changed BEFORE UPDATE ON checkouts
WHEN OLD.closed = 1 OR NEW.closed <> 1 OR NEW.id IS NOT OLD.id OR NEW.number IS NOT OLD.number
    OR NEW.kind IS NOT OLD.kind OR NEW.total_cents IS NOT OLD.total_cents OR NEW.reverses IS NOT OLD.reverses
    OR NEW.appointment_id IS NOT OLD.appointment_id OR NEW.customer_id IS NOT OLD.customer_id
    OR NEW.created_at IS NOT OLD.created_at OR NEW.till_receipt IS NOT OLD.till_receipt
BEGIN
    SELECT RAISE(ABORT, 'salondesk:checkout-closed');
END;
-- Closing checks that the lines add up to the total and the payments settle it.
CREATE TRIGGER checkouts_close_settled BEFORE UPDATE OF closed ON checkouts
WHEN NEW.closed = 1 AND (
    NEW.total_cents IS NOT (SELECT ifnull(sum(total_cents), 0) FROM checkout_lines WHERE checkout_id = NEW.id)
    OR NEW.total_cents IS NOT (SELECT ifnull(sum(amount_cents), 0) FROM checkout_payments WHERE checkout_id = NEW.id))
BEGIN
    SELECT RAISE(ABORT, 'salondesk:checkout-unsettled');
END;
CREATE TRIGGER checkouts_never_deleted BEFORE DELETE ON checkouts WHEN NOT salondesk_emptying()
BEGIN
    SELECT RAISE(ABORT, 'salondesk:checkout-closed');
END;
CREATE TRIGGER checkout_lines_only_while_open BEFORE INSERT ON checkout_lines
WHEN (SELECT closed FROM checkouts WHERE id = NEW.checkout_id) IS NOT 0
    OR NEW.total_cents <> NEW.unit_cents * NEW.quantity - NEW.discount_cents
BEGIN
    SELECT RAISE(ABORT, 'salondesk:checkout-closed');
END;
CREATE TRIGGER checkout_lines_never_changed BEFORE UPDATE ON checkout_lines
BEGIN
    SELECT RAISE(ABORT, 'salondesk:checkout-closed');
END;
CREATE TRIGGER checkout_lines_never_deleted BEFORE DELETE ON checkout_lines WHEN NOT salondesk_emptying()
BEGIN
    SELECT RAISE(ABORT, 'salondesk:checkout-closed');
END;
CREATE TRIGGER checkout_payments_only_while_open BEFORE INSERT ON checkout_payments
WHEN (SELECT closed FROM checkouts WHERE id = NEW.checkout_id) IS NOT 0
BEGIN
    SELECT RAISE(ABORT, 'salondesk:checkout-closed');
END;
CREATE TRIGGER checkout_payments_never_changed BEFORE UPDATE ON checkout_payments
BEGIN
    SELECT RAISE(ABORT, 'salondesk:checkout-closed');
END;
CREATE TRIGGER checkout_payments_never_deleted BEFORE DELETE ON checkout_payments WHEN NOT salondesk_emptying()
BEGIN
    SELECT RAISE(ABORT, 'salondesk:checkout-closed');
END;
