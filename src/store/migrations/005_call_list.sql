-- Schema 5: the call-to-confirm list and the call link.

-- When the desk confirmed the appointment by phone (NULL: not yet).
ALTER TABLE appointments ADD COLUMN confirmed_at INTEGER;

-- The salon's settings beyond the salon row: key, value.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO settings (key, value) VALUES ('call.template', 'tel:{number}');
