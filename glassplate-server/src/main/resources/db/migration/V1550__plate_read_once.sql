-- Feature reads: a read is stored once (R-ING-1, R-ING-2). A camera that re-sends a batch, or an
-- operator who re-sends a CSV import after an interrupted upload, must not store the same read
-- twice (nor raise its hot-list alert twice). The same read is the same camera, plate, state and
-- capture time (to the microsecond PostgreSQL keeps): two real passes of one car in front of one
-- camera are never in the same microsecond. Ingest inserts with ON CONFLICT DO NOTHING on this key.
--
-- A unique index of a partitioned table must hold the partition key (captured_at): it does. It
-- leads with (plate, captured_at), so it also answers every query plate_read_plate_time answered,
-- which it replaces (one b-tree per insert, not two).
--
-- Reads stored before this migration may hold such copies (a re-sent batch): the later copies
-- (higher id) of the same read are removed first, keeping the first one stored, so the index can
-- be built. Nothing but a copy of a read still stored is removed.
DELETE FROM plate_read p
USING (
    SELECT id, row_number() OVER (PARTITION BY camera_id, plate, state, captured_at ORDER BY id) AS copy
    FROM plate_read
) d
WHERE p.id = d.id AND d.copy > 1;

CREATE UNIQUE INDEX plate_read_once ON plate_read (plate, captured_at, camera_id, state);

DROP INDEX plate_read_plate_time;
