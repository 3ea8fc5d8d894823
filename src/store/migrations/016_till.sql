-- Schema 16: what the checkout screen sells and takes (SPEC §7): retail
-- products, tips, vouchers sold and redeemed, bonus points and referrals,
-- and a deposit asked per service. The record tables are rebuilt for the new
-- kinds of line and payment (SQLite cannot change a CHECK in place); their
-- rows stay as they were and the rules that keep them closed come back.

CREATE TABLE products (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (trim(name) <> ''),
    price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
    -- Basis points; NULL: the salon's standard rate.
    vat_rate    INTEGER CHECK (vat_rate IS NULL OR vat_rate BETWEEN 0 AND 10000),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

-- A deposit the kiosk asks for this service (seed 000), an amount or a
-- share of its price; both 0: none.
ALTER TABLE services ADD COLUMN deposit_cents INTEGER NOT NULL DEFAULT 0 CHECK (deposit_cents >= 0);
ALTER TABLE services ADD COLUMN deposit_percent INTEGER NOT NULL DEFAULT 0 CHECK (deposit_percent BETWEEN 0 AND 100);

-- Who sent this customer (the referral bonus).
ALTER TABLE customers ADD COLUMN referred_by INTEGER REFERENCES customers(id) CHECK (referred_by IS NOT id);

-- A voucher (gift card) paid in advance; what is left of it is its value
-- less what paid with it. It is sold within a record and voided by that
-- record's reversal.
CREATE TABLE vouchers (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE CHECK (length(code) >= 10),
    value_cents INTEGER NOT NULL CHECK (value_cents > 0),
    checkout_id INTEGER NOT NULL REFERENCES checkouts(id),
    customer_id INTEGER REFERENCES customers(id),
    sold_on     TEXT NOT NULL,
    -- The last day it can pay (ISO date); the salon may change it.
    expires_on  TEXT NOT NULL,
    void        INTEGER NOT NULL DEFAULT 0 CHECK (void IN (0, 1))
);
CREATE TRIGGER vouchers_only_expiry_changes BEFORE UPDATE ON vouchers
WHEN NEW.id IS NOT OLD.id OR NEW.code IS NOT OLD.code OR NEW.value_cents IS NOT OLD.value_cents
    OR NEW.checkout_id IS NOT OLD.checkout_id OR NEW.sold_on IS NOT OLD.sold_on OR (OLD.void = 1 AND NEW.void = 0)
BEGIN
    SELECT RAISE(ABORT, 'salondesk:checkout-closed');
END;
CREATE TRIGGER vouchers_never_deleted BEFORE DELETE ON vouchers WHEN NOT salondesk_emptying()
BEGIN
    SELECT RAISE(ABORT, 'salondesk:checkout-closed');
END;

DROP TRIGGER checkouts_close_settled;

CREATE TABLE checkout_lines_new (
    checkout_id     INTEGER NOT NULL REFERENCES checkouts(id),
    position        INTEGER NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('service', 'product', 'fee', 'deposit_kept', 'tip', 'voucher')),
    service_id      INTEGER REFERENCES services(id),
    product_id      INTEGER REFERENCES products(id),
    -- The voucher this line sold.
    voucher_id      INTEGER REFERENCES vouchers(id),
    description     TEXT NOT NULL,
    quantity        INTEGER NOT NULL CHECK (quantity <> 0),
    unit_cents      INTEGER NOT NULL CHECK (unit_cents >= 0),
    discount_cents  INTEGER NOT NULL DEFAULT 0,
    discount_reason TEXT NOT NULL DEFAULT '',
    vat_rate        INTEGER NOT NULL,
    vat_cents       INTEGER NOT NULL,
    total_cents     INTEGER NOT NULL,
    PRIMARY KEY (checkout_id, position),
    CHECK ((kind = 'voucher') = (voucher_id IS NOT NULL))
) WITHOUT ROWID;
INSERT INTO checkout_lines_new (checkout_id, position, kind, service_id, description, quantity, unit_cents,
                                discount_cents, discount_reason, vat_rate, vat_cents, total_cents)
    SELECT checkout_id, position, kind, service_id, description, quantity, unit_cents,
           discount_cents, discount_reason, vat_rate, vat_cents, total_cents FROM checkout_lines;
DROP TABLE checkout_lines;
ALTER TABLE checkout_lines_new RENAME TO checkout_lines;
CREATE INDEX checkout_lines_discounted ON checkout_lines(checkout_id) WHERE discount_cents <> 0;

CREATE TABLE checkout_payments_new (
    checkout_id  INTEGER NOT NULL REFERENCES checkouts(id),
    position     INTEGER NOT NULL,
    method       TEXT NOT NULL CHECK (method IN ('cash', 'card', 'other', 'deposit', 'invoice', 'voucher')),
    amount_cents INTEGER NOT NULL,
    voucher_id   INTEGER REFERENCES vouchers(id),
    PRIMARY KEY (checkout_id, position),
    CHECK ((method = 'voucher') = (voucher_id IS NOT NULL))
) WITHOUT ROWID;
INSERT INTO checkout_payments_new (checkout_id, position, method, amount_cents)
    SELECT checkout_id, position, method, amount_cents FROM checkout_payments;
DROP TABLE checkout_payments;
ALTER TABLE checkout_payments_new RENAME TO checkout_payments;
CREATE INDEX checkout_payments_by_voucher ON checkout_payments(voucher_id) WHERE voucher_id IS NOT NULL;

CREATE TRIGGER checkouts_close_settled BEFORE UPDATE OF closed ON checkouts
WHEN NEW.closed = 1 AND (
    NEW.total_cents IS NOT (SELECT ifnull(sum(total_cents), 0) FROM checkout_lines WHERE checkout_id = NEW.id)
    OR NEW.total_cents IS NOT (SELECT ifnull(sum(amount_cents), 0) FROM checkout_payments WHERE checkout_id = NEW.id))
BEGIN
    SELECT RAISE(ABORT, 'salondesk:checkout-unsettled');
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
-- A voucher pays no more than is left on it, not when void, and never for a
-- voucher sold in the same record; a reversal (a negative amount) gives back.
CREATE TRIGGER checkout_payments_voucher_covered BEFORE INSERT ON checkout_payments
WHEN NEW.voucher_id IS NOT NULL AND NEW.amount_cents > 0 AND (
    (SELECT void FROM vouchers WHERE id = NEW.voucher_id) IS NOT 0
    OR NEW.amount_cents > (SELECT v.value_cents - ifnull((SELECT sum(p.amount_cents) FROM checkout_payments p
                                                          WHERE p.voucher_id = v.id), 0)
                           FROM vouchers v WHERE v.id = NEW.voucher_id)
    OR EXISTS (SELECT 1 FROM checkout_lines WHERE checkout_id = NEW.checkout_id AND kind = 'voucher'))
BEGIN
    SELECT RAISE(ABORT, 'salondesk:voucher-not-covered');
END;
CREATE TRIGGER checkout_payments_never_changed BEFORE UPDATE ON checkout_payments
BEGIN
    SELECT RAISE(ABORT, 'salondesk:checkout-closed');
END;
CREATE TRIGGER checkout_payments_never_deleted BEFORE DELETE ON checkout_payments WHEN NOT salondesk_emptying()
BEGIN
    SELECT RAISE(ABORT, 'salondesk:checkout-closed');
END;

-- The bonus card's ledger (seed 004): points earned on what was paid, a
-- reward redeemed, a referral rewarded, taken back by a reversal. Rows are
-- never changed; the balance is their sum and never goes below zero.
CREATE TABLE points (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    checkout_id INTEGER REFERENCES checkouts(id),
    points      INTEGER NOT NULL CHECK (points <> 0),
    why         TEXT NOT NULL CHECK (why IN ('earned', 'redeemed', 'referral', 'reversed')),
    created_at  INTEGER NOT NULL
);
CREATE INDEX points_by_customer ON points(customer_id, id);
CREATE TRIGGER points_never_negative BEFORE INSERT ON points
WHEN NEW.points < 0
    AND (SELECT ifnull(sum(points), 0) FROM points WHERE customer_id = NEW.customer_id) + NEW.points < 0
BEGIN
    SELECT RAISE(ABORT, 'salondesk:points-negative');
END;
CREATE TRIGGER points_never_changed BEFORE UPDATE ON points
BEGIN
    SELECT RAISE(ABORT, 'salondesk:checkout-closed');
END;
CREATE TRIGGER points_never_deleted BEFORE DELETE ON points WHEN NOT salondesk_emptying()
BEGIN
    SELECT RAISE(ABORT, 'salondesk:checkout-closed');
END;

-- A referrer is rewarded once per customer they sent (the primary key),
-- after that customer's first completed and paid visit.
CREATE TABLE referral_rewards (
    referred_id INTEGER PRIMARY KEY REFERENCES customers(id),
    referrer_id INTEGER NOT NULL REFERENCES customers(id),
    checkout_id INTEGER NOT NULL REFERENCES checkouts(id),
    points      INTEGER NOT NULL CHECK (points > 0),
    created_at  INTEGER NOT NULL
);
CREATE INDEX referral_rewards_by_time ON referral_rewards(referrer_id, created_at);

-- "Checked out already?" on the appointment dialog.
CREATE INDEX checkouts_by_appointment ON checkouts(appointment_id) WHERE appointment_id IS NOT NULL;
