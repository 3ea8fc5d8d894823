-- Salondesk schema 1: the salon, staff, services, customers, appointments.
-- Instants are INTEGER seconds since 1970 UTC; times of day are minutes after
-- local midnight in the salon's time zone; money is integer minor units.

CREATE TABLE salon (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL CHECK (trim(name) <> ''),
    address     TEXT NOT NULL DEFAULT '',
    time_zone   TEXT NOT NULL,
    currency    TEXT NOT NULL CHECK (length(currency) = 3),
    language    TEXT NOT NULL CHECK (language IN ('en', 'de', 'nl', 'nb')),
    is_demo     INTEGER NOT NULL DEFAULT 0
);

-- weekday 0 = Monday; a missing row means closed.
CREATE TABLE opening_hours (
    weekday INTEGER PRIMARY KEY CHECK (weekday BETWEEN 0 AND 6),
    opens   INTEGER NOT NULL,
    closes  INTEGER NOT NULL CHECK (opens < closes AND closes <= 1440)
);

CREATE TABLE staff (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL CHECK (trim(name) <> ''),
    position INTEGER NOT NULL DEFAULT 0,
    active   INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE staff_hours (
    staff_id    INTEGER NOT NULL REFERENCES staff(id),
    weekday     INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    starts      INTEGER NOT NULL,
    ends        INTEGER NOT NULL CHECK (starts < ends AND ends <= 1440),
    pause_starts INTEGER,
    pause_ends   INTEGER,
    PRIMARY KEY (staff_id, weekday),
    CHECK ((pause_starts IS NULL) = (pause_ends IS NULL)),
    CHECK (pause_starts IS NULL OR (starts <= pause_starts AND pause_starts < pause_ends AND pause_ends <= ends))
) WITHOUT ROWID;

CREATE TABLE absences (
    id        INTEGER PRIMARY KEY,
    staff_id  INTEGER NOT NULL REFERENCES staff(id),
    first_day TEXT NOT NULL,
    last_day  TEXT NOT NULL CHECK (first_day <= last_day),
    reason    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX absences_by_staff ON absences(staff_id, last_day);

CREATE TABLE services (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (trim(name) <> ''),
    minutes     INTEGER NOT NULL CHECK (minutes BETWEEN 5 AND 720),
    price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
    colour      TEXT NOT NULL DEFAULT '#7a8ca3',
    active      INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE customers (
    id           INTEGER PRIMARY KEY,
    first_name   TEXT NOT NULL DEFAULT '',
    last_name    TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    language     TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'de', 'nl', 'nb')),
    birthday     TEXT,
    notes        TEXT NOT NULL DEFAULT '',
    marketing    TEXT NOT NULL DEFAULT 'not_asked' CHECK (marketing IN ('granted', 'not_asked', 'objected')),
    preferred_staff_id INTEGER REFERENCES staff(id),
    -- Folded (accent- and case-free) name and e-mail, and the phone's digit forms,
    -- written by the program for the search index.
    search_name  TEXT NOT NULL DEFAULT '',
    search_phone TEXT NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL,
    CHECK (trim(first_name) <> '' OR trim(last_name) <> '')
);

-- Search as you type over 100 000 customers: an FTS5 index with prefix indexes
-- kept in step with the table by triggers (external content).
CREATE VIRTUAL TABLE customer_search USING fts5(
    search_name, search_phone,
    content = 'customers', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
CREATE TRIGGER customers_search_insert AFTER INSERT ON customers BEGIN
    INSERT INTO customer_search(rowid, search_name, search_phone) VALUES (NEW.id, NEW.search_name, NEW.search_phone);
END;
CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN
    INSERT INTO customer_search(customer_search, rowid, search_name, search_phone) VALUES ('delete', OLD.id, OLD.search_name, OLD.search_phone);
END;
CREATE TRIGGER customers_search_update AFTER UPDATE OF search_name, search_phone ON customers BEGIN
    INSERT INTO customer_search(customer_search, rowid, search_name, search_phone) VALUES ('delete', OLD.id, OLD.search_name, OLD.search_phone);
    INSERT INTO customer_search(rowid, search_name, search_phone) VALUES (NEW.id, NEW.search_name, NEW.search_phone);
END;

CREATE TABLE appointments (
    id           INTEGER PRIMARY KEY,
    staff_id     INTEGER NOT NULL REFERENCES staff(id),
    service_id   INTEGER NOT NULL REFERENCES services(id),
    customer_id  INTEGER REFERENCES customers(id),
    walk_in_name TEXT NOT NULL DEFAULT '',
    starts_at    INTEGER NOT NULL,
    -- At most 12 hours: this bound lets the overlap check use the index.
    ends_at      INTEGER NOT NULL CHECK (ends_at > starts_at AND ends_at - starts_at <= 43200),
    state        TEXT NOT NULL DEFAULT 'booked'
                 CHECK (state IN ('booked', 'arrived', 'completed', 'cancelled', 'no_show')),
    reason       TEXT NOT NULL DEFAULT '',
    price_cents  INTEGER NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
    source       TEXT NOT NULL DEFAULT 'desk' CHECK (source IN ('desk', 'kiosk')),
    created_by   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    -- Who made the latest change; the history triggers record it.
    changed_by   TEXT NOT NULL,
    CHECK (customer_id IS NOT NULL OR trim(walk_in_name) <> '')
);
CREATE INDEX appointments_by_time ON appointments(starts_at);
CREATE INDEX appointments_by_staff ON appointments(staff_id, starts_at);
CREATE INDEX appointments_by_customer ON appointments(customer_id, starts_at);

-- Two active appointments of one staff member never overlap. The database
-- refuses it itself, so that a second process (the kiosk) cannot break it.
-- Cancelled and no-show appointments do not block their time.
CREATE TRIGGER appointments_no_overlap_insert BEFORE INSERT ON appointments
WHEN NEW.state IN ('booked', 'arrived', 'completed')
BEGIN
    SELECT RAISE(ABORT, 'salondesk:overlap')
    WHERE EXISTS (
        SELECT 1 FROM appointments a
        WHERE a.staff_id = NEW.staff_id
          AND a.state IN ('booked', 'arrived', 'completed')
          AND a.starts_at > NEW.starts_at - 43200
          AND a.starts_at < NEW.ends_at
          AND a.ends_at > NEW.starts_at);
END;
CREATE TRIGGER appointments_no_overlap_update BEFORE UPDATE OF staff_id, starts_at, ends_at, state ON appointments
WHEN NEW.state IN ('booked', 'arrived', 'completed')
BEGIN
    SELECT RAISE(ABORT, 'salondesk:overlap')
    WHERE EXISTS (
        SELECT 1 FROM appointments a
        WHERE a.staff_id = NEW.staff_id
          AND a.id <> NEW.id
          AND a.state IN ('booked', 'arrived', 'completed')
          AND a.starts_at > NEW.starts_at - 43200
          AND a.starts_at < NEW.ends_at
          AND a.ends_at > NEW.starts_at);
END;

-- Appointments are never deleted: cancel and no-show are states, and the
-- archive and the statistics need every one.
CREATE TRIGGER appointments_never_deleted BEFORE DELETE ON appointments
WHEN (SELECT value FROM store_flags WHERE name = 'allow_reset') IS NOT 1
BEGIN
    SELECT RAISE(ABORT, 'salondesk:appointment-delete');
END;
CREATE TABLE store_flags (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;

-- The history of every change, written by the database for every writer.
CREATE TABLE appointment_history (
    id             INTEGER PRIMARY KEY,
    appointment_id INTEGER NOT NULL REFERENCES appointments(id),
    changed_at     INTEGER NOT NULL,
    changed_by     TEXT NOT NULL,
    what           TEXT NOT NULL,
    old_value      TEXT,
    new_value      TEXT
);
CREATE INDEX appointment_history_by_appointment ON appointment_history(appointment_id);

CREATE TRIGGER appointments_history_insert AFTER INSERT ON appointments BEGIN
    INSERT INTO appointment_history(appointment_id, changed_at, changed_by, what, new_value)
    VALUES (NEW.id, NEW.created_at, NEW.created_by, 'created', NEW.state);
END;
CREATE TRIGGER appointments_history_state AFTER UPDATE OF state ON appointments
WHEN OLD.state IS NOT NEW.state BEGIN
    INSERT INTO appointment_history(appointment_id, changed_at, changed_by, what, old_value, new_value)
    VALUES (NEW.id, unixepoch(), NEW.changed_by, 'state', OLD.state, NEW.state || CASE WHEN NEW.reason <> '' THEN ': ' || NEW.reason ELSE '' END);
END;
CREATE TRIGGER appointments_history_time AFTER UPDATE OF starts_at, ends_at, staff_id ON appointments
WHEN OLD.starts_at IS NOT NEW.starts_at OR OLD.ends_at IS NOT NEW.ends_at OR OLD.staff_id IS NOT NEW.staff_id BEGIN
    INSERT INTO appointment_history(appointment_id, changed_at, changed_by, what, old_value, new_value)
    VALUES (NEW.id, unixepoch(), NEW.changed_by, 'moved',
            OLD.staff_id || '@' || OLD.starts_at || '-' || OLD.ends_at,
            NEW.staff_id || '@' || NEW.starts_at || '-' || NEW.ends_at);
END;
CREATE TRIGGER appointments_history_details AFTER UPDATE OF service_id, customer_id, walk_in_name ON appointments
WHEN OLD.service_id IS NOT NEW.service_id OR OLD.customer_id IS NOT NEW.customer_id OR OLD.walk_in_name IS NOT NEW.walk_in_name BEGIN
    INSERT INTO appointment_history(appointment_id, changed_at, changed_by, what, old_value, new_value)
    VALUES (NEW.id, unixepoch(), NEW.changed_by, 'details',
            OLD.service_id || '/' || ifnull(OLD.customer_id, '') || '/' || OLD.walk_in_name,
            NEW.service_id || '/' || ifnull(NEW.customer_id, '') || '/' || NEW.walk_in_name);
END;
