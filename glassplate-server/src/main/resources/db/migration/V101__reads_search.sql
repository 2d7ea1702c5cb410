-- Feature reads, for audited searches (R-SRCH-3): wildcard and look-alike plate queries are
-- answered by a trigram index over the look-alike form of the plate (0/O/D/Q -> 0, 1/I -> 1,
-- 2/Z -> 2, 5/S -> 5, 8/B -> 8, 6/G -> 6), created on every day partition. Full plates keep using
-- (plate, captured_at); cameras and areas (camera_id, captured_at).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX plate_read_plate_alike_trgm ON plate_read
    USING gin (translate(plate, 'ODQIZSBG', '00012586') gin_trgm_ops);
