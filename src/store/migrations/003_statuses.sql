-- Schema 3: customer statuses (SPEC §3) and reliability counts.

CREATE TABLE customer_statuses (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL CHECK (trim(name) <> ''),
    -- A short mark shown on each of the customer's appointments ("VIP", "!").
    symbol              TEXT NOT NULL DEFAULT '' CHECK (length(symbol) <= 4),
    colour              TEXT NOT NULL DEFAULT '#7a8ca3',
    position            INTEGER NOT NULL DEFAULT 0,
    may_self_book       INTEGER NOT NULL DEFAULT 1,
    deposit_required    INTEGER NOT NULL DEFAULT 0,
    marketing_by_status INTEGER NOT NULL DEFAULT 0,
    preferred_staff     INTEGER NOT NULL DEFAULT 0,
    max_appointments    INTEGER CHECK (max_appointments IS NULL OR max_appointments > 0),
    max_period_days     INTEGER CHECK (max_period_days IS NULL OR max_period_days > 0)
);
-- Exactly one status is initial: the one this single row points at.
CREATE TABLE initial_status (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    status_id INTEGER NOT NULL REFERENCES customer_statuses(id)
);
CREATE TRIGGER initial_status_kept BEFORE DELETE ON initial_status BEGIN
    SELECT RAISE(ABORT, 'salondesk:no-initial-status');
END;

-- The services a status may book itself; none listed means all.
CREATE TABLE customer_status_services (
    status_id  INTEGER NOT NULL REFERENCES customer_statuses(id),
    service_id INTEGER NOT NULL REFERENCES services(id),
    PRIMARY KEY (status_id, service_id)
) WITHOUT ROWID;

INSERT INTO customer_statuses (id, name, symbol, colour, position, may_self_book, deposit_required) VALUES
    (1, 'Regular', '', '#5b8a72', 1, 1, 0),
    (2, 'VIP', 'VIP', '#b08a2e', 2, 1, 0),
    (3, 'Unreliable', '!', '#d0782a', 3, 1, 1),
    (4, 'Blocked', '×', '#b0413e', 4, 0, 0);
INSERT INTO initial_status (id, status_id) VALUES (1, 1);

ALTER TABLE customers ADD COLUMN status_id INTEGER REFERENCES customer_statuses(id);
UPDATE customers SET status_id = 1;

-- Every new customer gets the initial status, whoever enters them (desk or kiosk).
CREATE TRIGGER customers_initial_status AFTER INSERT ON customers
WHEN NEW.status_id IS NULL BEGIN
    UPDATE customers SET status_id = (SELECT status_id FROM initial_status) WHERE id = NEW.id;
END;

-- A status in use is never deleted (customers are moved to another first),
-- and the initial one never (another is made initial first).
CREATE TRIGGER customer_statuses_delete BEFORE DELETE ON customer_statuses BEGIN
    SELECT RAISE(ABORT, 'salondesk:status-in-use')
    WHERE EXISTS (SELECT 1 FROM customers WHERE status_id = OLD.id)
       OR OLD.id = (SELECT status_id FROM initial_status);
END;

-- Reliability counts for search results and cards, from indexes alone.
CREATE INDEX appointments_no_show_by_customer ON appointments(customer_id) WHERE state = 'no_show';
