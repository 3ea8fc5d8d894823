-- Whom a newsletter can reach, judged once per card instead of on every
-- count: bit 1 a usable e-mail address, bit 2 a number SMS can go to (as
-- `newsletters::reach_bits` judges them). NULL: not judged yet — a card
-- written by another program, or by an older Salondesk; such cards are
-- judged as they are counted, and stored the next time the desk opens.
ALTER TABLE customers ADD COLUMN reach INTEGER CHECK (reach BETWEEN 0 AND 3);

-- An address changed without its judgement (by any writer) is judged again.
CREATE TRIGGER customers_reach_stale AFTER UPDATE OF email, phone ON customers
WHEN (NEW.email IS NOT OLD.email OR NEW.phone IS NOT OLD.phone) AND NEW.reach IS OLD.reach
BEGIN
    UPDATE customers SET reach = NULL WHERE id = NEW.id;
END;

-- A number without its country is read with the salon's, which follows
-- the salon's time zone and language: a change there judges SMS again.
CREATE TRIGGER salon_country_reach_stale AFTER UPDATE OF time_zone, language ON salon
WHEN NEW.time_zone IS NOT OLD.time_zone OR NEW.language IS NOT OLD.language
BEGIN
    UPDATE customers SET reach = NULL;
END;

-- The count groups over small integers in the index's own order (no sort,
-- no text read): status, consent, erased, reach.
DROP INDEX customers_for_newsletters;
CREATE INDEX customers_for_newsletters ON customers(status_id, marketing, erased_at, reach);

-- The cards still to judge, found without reading the others.
CREATE INDEX customers_unjudged ON customers(id) WHERE reach IS NULL;
