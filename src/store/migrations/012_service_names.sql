-- Schema 12: a service's name in the customer's language (the kiosk in
-- English, a reminder to a Norwegian customer); without one, its own name.

CREATE TABLE service_names (
    service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    language   TEXT NOT NULL CHECK (language IN ('en', 'de', 'nl', 'nb')),
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    PRIMARY KEY (service_id, language)
) STRICT, WITHOUT ROWID;
