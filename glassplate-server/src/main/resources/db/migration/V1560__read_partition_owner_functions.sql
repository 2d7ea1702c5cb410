-- Feature reads: the application may connect as a role that owns no table (README, "An external
-- PostgreSQL"; the embedded database always does), so that it cannot disable or drop the audit log's
-- triggers: only a table's owner can. Creating or dropping a day partition of plate_read, and cleaning
-- the GIN pending lists of its plate index, need plate_read's owner, so these functions do just that
-- as the owner (SECURITY DEFINER), for one day's partition and nothing else. The migrations' role
-- grants EXECUTE on them to the application's role after every migration (ApplicationRoleGrants).
CREATE FUNCTION plate_read_create_day(p_day date) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF plate_read FOR VALUES FROM (%L) TO (%L)',
        'plate_read_p' || to_char(p_day, 'YYYYMMDD'),
        to_char(p_day, 'YYYY-MM-DD') || ' 00:00:00+00', to_char(p_day + 1, 'YYYY-MM-DD') || ' 00:00:00+00');
END
$$;

CREATE FUNCTION plate_read_drop_day(p_day date) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    EXECUTE format('DROP TABLE IF EXISTS %I', 'plate_read_p' || to_char(p_day, 'YYYYMMDD'));
END
$$;

CREATE FUNCTION plate_read_clean_pending_lists(p_days date[]) RETURNS bigint
    LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce(sum(gin_clean_pending_list(x.indexrelid)), 0)::bigint
    FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_am am ON am.oid = c.relam
    WHERE am.amname = 'gin'
      AND x.indrelid IN (SELECT to_regclass('plate_read_p' || to_char(d, 'YYYYMMDD')) FROM unnest(p_days) AS d)
$$;

REVOKE EXECUTE ON FUNCTION plate_read_create_day(date), plate_read_drop_day(date),
    plate_read_clean_pending_lists(date[]) FROM PUBLIC;
