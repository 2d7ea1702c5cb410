-- Feature reads: cameras and the read store, partitioned by UTC capture day.
CREATE TABLE camera (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text             NOT NULL,
    lat         double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon         double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    heading     integer CHECK (heading BETWEEN 0 AND 359),
    active      boolean          NOT NULL DEFAULT true,
    token_hash  bytea            NOT NULL UNIQUE,
    created_at  timestamptz      NOT NULL DEFAULT now()
);

CREATE SEQUENCE plate_read_id_seq CACHE 1000;

CREATE TABLE plate_read (
    id            bigint           NOT NULL DEFAULT nextval('plate_read_id_seq'),
    camera_id     bigint           NOT NULL,
    plate         text             NOT NULL,
    state         char(2)          NOT NULL,
    captured_at   timestamptz      NOT NULL,
    lat           double precision,
    lon           double precision,
    confidence    double precision,
    vehicle_make  text,
    vehicle_color text,
    vehicle_type  text,
    received_at   timestamptz      NOT NULL
) PARTITION BY RANGE (captured_at);

CREATE INDEX plate_read_plate_time ON plate_read (plate, captured_at);
CREATE INDEX plate_read_camera_time ON plate_read (camera_id, captured_at);
