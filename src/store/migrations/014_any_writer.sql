-- Schema 14: the appointment rules hold against any writer, also raw SQL
-- from another program.

-- A time stored as text would pass the overlap check (text sorts after
-- every number): times are whole seconds, nothing else.
CREATE TRIGGER appointments_times_are_seconds_insert BEFORE INSERT ON appointments
WHEN typeof(NEW.starts_at) <> 'integer' OR typeof(NEW.ends_at) <> 'integer'
BEGIN
    SELECT RAISE(ABORT, 'salondesk:appointment-time');
END;
CREATE TRIGGER appointments_times_are_seconds_update BEFORE UPDATE OF starts_at, ends_at ON appointments
WHEN typeof(NEW.starts_at) <> 'integer' OR typeof(NEW.ends_at) <> 'integer'
BEGIN
    SELECT RAISE(ABORT, 'salondesk:appointment-time');
END;

-- REPLACE INTO removes the old row without firing the delete trigger: an
-- insert over an existing appointment is refused as a delete.
CREATE TRIGGER appointments_never_replaced BEFORE INSERT ON appointments
WHEN EXISTS (SELECT 1 FROM appointments WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'salondesk:appointment-delete');
END;

-- Deleting is allowed only to a Salondesk connection emptying the demo
-- salon: a function only its connections have, which answers yes only
-- then. A flag in a table could be set by any writer; another program has
-- no such function, and its delete fails.
DROP TRIGGER appointments_never_deleted;
CREATE TRIGGER appointments_never_deleted BEFORE DELETE ON appointments
WHEN NOT salondesk_emptying()
BEGIN
    SELECT RAISE(ABORT, 'salondesk:appointment-delete');
END;
DROP TABLE store_flags;
