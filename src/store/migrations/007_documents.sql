-- Schema 7: documents on the customer card, copied into the salon's folder.
CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    name        TEXT NOT NULL CHECK (trim(name) <> ''),
    -- Where the copy lies, relative to the folder of the salon's file.
    stored_as   TEXT NOT NULL UNIQUE,
    size        INTEGER NOT NULL CHECK (size >= 0),
    added_at    INTEGER NOT NULL
);
CREATE INDEX documents_by_customer ON documents(customer_id);
