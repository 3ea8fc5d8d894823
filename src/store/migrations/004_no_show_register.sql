-- Schema 4: the no-show register (seed 003): whether the customer was
-- reached, deposits kept, and fees recorded on the customer.

-- NULL: not tried or not said; 1 reached; 0 could not be reached.
ALTER TABLE appointments ADD COLUMN reached INTEGER CHECK (reached IS NULL OR reached IN (0, 1));
-- A deposit paid for the appointment; kept when the customer does not come.
ALTER TABLE appointments ADD COLUMN deposit_cents INTEGER NOT NULL DEFAULT 0 CHECK (deposit_cents >= 0);

CREATE TABLE no_show_fees (
    id             INTEGER PRIMARY KEY,
    customer_id    INTEGER NOT NULL REFERENCES customers(id),
    appointment_id INTEGER NOT NULL REFERENCES appointments(id),
    amount_cents   INTEGER NOT NULL CHECK (amount_cents > 0),
    -- The salon's terms as the customer accepted them (text version).
    terms_version  TEXT NOT NULL DEFAULT '',
    created_at     INTEGER NOT NULL,
    paid_at        INTEGER,
    UNIQUE (appointment_id)
);
CREATE INDEX no_show_fees_by_customer ON no_show_fees(customer_id);

-- Appointments by state and time, for the report over a period.
CREATE INDEX appointments_no_shows_by_time ON appointments(starts_at) WHERE state = 'no_show';
