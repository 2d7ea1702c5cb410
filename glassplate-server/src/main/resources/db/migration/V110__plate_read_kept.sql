-- Feature reads: reads kept past their capture day (a hot-list hit, a legal hold, an extension).
-- A retention purge drops a whole day partition; the reads it must keep are moved first into
-- this DEFAULT partition, so that every query of plate_read still sees them. Ingest must never
-- land here (a missing day must stay an error that makes ingest create the partition), so a
-- guard lets rows in only inside ReadPartitions.dropDay, which sets glassplate.keeping_reads.
CREATE TABLE plate_read_kept PARTITION OF plate_read DEFAULT;

CREATE FUNCTION plate_read_kept_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('glassplate.keeping_reads', true), '') <> 'on' THEN
        RAISE EXCEPTION 'no partition of relation "plate_read" found for row (its capture day has no partition)'
            USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER plate_read_kept_guard BEFORE INSERT OR UPDATE ON plate_read_kept
    FOR EACH ROW EXECUTE FUNCTION plate_read_kept_guard();

-- The record of dropped days (if a day's partition is ever created again, its kept reads move back into it).
CREATE TABLE plate_read_dropped_day (
    day          date        PRIMARY KEY,
    dropped_at   timestamptz NOT NULL,
    rows_dropped bigint      NOT NULL,
    rows_kept    bigint      NOT NULL
);

-- Reads are looked up by id (legal holds name reads by id; search results link to reads). Ids
-- grow with time, so this index only ever appends at its right edge.
CREATE INDEX plate_read_id ON plate_read (id);
