-- Schema 6: automatic status rules and the history of status changes.

-- "After `no_shows` no-shows within `months` months, suggest (or assign) this status."
CREATE TABLE status_rules (
    id        INTEGER PRIMARY KEY,
    no_shows  INTEGER NOT NULL CHECK (no_shows > 0),
    months    INTEGER NOT NULL CHECK (months > 0),
    status_id INTEGER NOT NULL REFERENCES customer_statuses(id),
    assign    INTEGER NOT NULL DEFAULT 0 CHECK (assign IN (0, 1))
);

-- Every change of a customer's status, with why and by whom. Names, not
-- ids: the history stays readable after a status is renamed or deleted.
CREATE TABLE customer_status_history (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    at          INTEGER NOT NULL,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    reason      TEXT NOT NULL,
    changed_by  TEXT NOT NULL
);
CREATE INDEX customer_status_history_by_customer ON customer_status_history(customer_id, at);
