-- Schema 8: a customer's appointments by time, with their state in the index:
-- the risk's "last five due" and the report's "repeated" read no table rows.
DROP INDEX appointments_by_customer;
CREATE INDEX appointments_by_customer ON appointments(customer_id, starts_at, state);
