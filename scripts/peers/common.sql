-- Helpers shared by hotspots.sql and trucks.sql: the PostGIS side of `scripts/bench.sh peers`.
-- Plain SQL where possible (inlined by the planner); PL/pgSQL only where a loop or an exception
-- handler is needed. Everything lives in schema `peers`.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE SCHEMA IF NOT EXISTS peers;

-- Epoch milliseconds of a contract timestamp (ISO-8601 with offset or Z, or epoch ms); NULL when empty,
-- -1 when unreadable. Validated by pattern and calendar before casting, so a bad value never raises.
CREATE OR REPLACE FUNCTION peers.ts_ms(t text) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT CASE
    WHEN t IS NULL OR btrim(t) = '' THEN NULL
    WHEN t ~ '^[0-9]{1,15}$' THEN t::bigint
    WHEN t ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[T ]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})$'
        THEN CASE  -- nested, not AND: the calendar check may only run on a string of the right shape
            WHEN substr(t, 9, 2)::int <= extract(day FROM make_date(substr(t, 1, 4)::int, substr(t, 6, 2)::int, 1)
                                                 + interval '1 month' - interval '1 day')
            THEN (extract(epoch FROM t::timestamptz) * 1000)::bigint
            ELSE -1 END
    ELSE -1
END $$;

-- A coordinate as Java's Double.parseDouble would read it, NaN/Infinity refused (NULL).
CREATE OR REPLACE FUNCTION peers.coord(t text) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT CASE WHEN t ~ '^\s*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$' THEN t::double precision END $$;

-- Why a lon/lat pair is unusable (the reason text), or NULL.
CREATE OR REPLACE FUNCTION peers.coordinate_problem(lon double precision, lat double precision) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT CASE
    WHEN lon IS NULL OR lat IS NULL THEN 'lon/lat are not numbers'
    WHEN lon < -180 OR lon > 180 OR lat < -90 OR lat > 90 THEN 'lon/lat out of range'
    WHEN lon = 0 AND lat = 0 THEN 'lon/lat 0,0 (null island)'
END $$;

-- GCJ-02 offset (the published "China encryption" polynomial) at a WGS-84 position: {dlon, dlat} degrees.
CREATE OR REPLACE FUNCTION peers.gcj02_offset(lon double precision, lat double precision) RETURNS double precision[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    a CONSTANT double precision := 6378245.0;
    ee CONSTANT double precision := 0.00669342162296594323;
    x double precision := lon - 105.0;
    y double precision := lat - 35.0;
    dlat double precision;
    dlon double precision;
    rad double precision := radians(lat);
    magic double precision;
    sq double precision;
BEGIN
    dlat := -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt(abs(x))
          + (20.0 * sin(6.0 * x * pi()) + 20.0 * sin(2.0 * x * pi())) * 2.0 / 3.0
          + (20.0 * sin(y * pi()) + 40.0 * sin(y / 3.0 * pi())) * 2.0 / 3.0
          + (160.0 * sin(y / 12.0 * pi()) + 320 * sin(y * pi() / 30.0)) * 2.0 / 3.0;
    dlon := 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt(abs(x))
          + (20.0 * sin(6.0 * x * pi()) + 20.0 * sin(2.0 * x * pi())) * 2.0 / 3.0
          + (20.0 * sin(x * pi()) + 40.0 * sin(x / 3.0 * pi())) * 2.0 / 3.0
          + (150.0 * sin(x / 12.0 * pi()) + 300.0 * sin(x / 30.0 * pi())) * 2.0 / 3.0;
    magic := 1 - ee * sin(rad) * sin(rad);
    sq := sqrt(magic);
    RETURN ARRAY[(dlon * 180.0) / (a / sq * cos(rad) * pi()),
                 (dlat * 180.0) / ((a * (1 - ee)) / (magic * sq) * pi())];
END $$;

-- GCJ-02 to WGS-84 by fixed-point iteration to 1e-9 degrees (outside China: unchanged).
CREATE OR REPLACE FUNCTION peers.gcj02_to_wgs84(lon double precision, lat double precision) RETURNS double precision[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    wlon double precision := lon;
    wlat double precision := lat;
    d double precision[];
    elon double precision;
    elat double precision;
BEGIN
    IF NOT (lon BETWEEN 72.004 AND 137.8347 AND lat BETWEEN 0.8293 AND 55.8271) THEN
        RETURN ARRAY[lon, lat];
    END IF;
    FOR i IN 1..30 LOOP
        d := peers.gcj02_offset(wlon, wlat);
        elon := wlon + d[1] - lon;
        elat := wlat + d[2] - lat;
        wlon := wlon - elon;
        wlat := wlat - elat;
        EXIT WHEN abs(elon) < 1e-9 AND abs(elat) < 1e-9;
    END LOOP;
    RETURN ARRAY[wlon, wlat];
END $$;

-- Two-sided p of a standard normal z: erfc(|z|/sqrt 2) with the Abramowitz-Stegun 7.1.26 rational
-- approximation (absolute error below 1.5e-7, ample for the 0.01/0.05/0.10 classes).
CREATE OR REPLACE FUNCTION peers.two_sided_p(z double precision) RETURNS double precision
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    x double precision := abs(z) / sqrt(2.0);
    t double precision := 1.0 / (1.0 + 0.3275911 * x);
BEGIN
    IF z = 0 THEN
        RETURN 1.0;
    ELSIF x > 26.5 THEN  -- erfc underflows a double here; exp() would raise instead of returning 0
        RETURN 0.0;
    END IF;
    RETURN least(1.0, t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                      * exp(-x * x));
END $$;

-- ArcGIS's hot/cold classes from z and p.
CREATE OR REPLACE FUNCTION peers.hot_class(z double precision, p double precision) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT CASE
    WHEN z = 0 OR p > 0.10 THEN 'NOT_SIGNIFICANT'
    WHEN p <= 0.01 THEN CASE WHEN z > 0 THEN 'HOT_99' ELSE 'COLD_99' END
    WHEN p <= 0.05 THEN CASE WHEN z > 0 THEN 'HOT_95' ELSE 'COLD_95' END
    ELSE CASE WHEN z > 0 THEN 'HOT_90' ELSE 'COLD_90' END
END $$;

-- Minutes of the local (Asia/Shanghai, UTC+8 without DST since 1991) day of an epoch-ms instant.
CREATE OR REPLACE FUNCTION peers.local_minute(ms bigint) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (((ms / 60000 + 480) % 1440 + 1440) % 1440)::int $$;

-- Local epoch day of an epoch-ms instant.
CREATE OR REPLACE FUNCTION peers.local_day(ms bigint) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT floor((ms + 28800000) / 86400000.0)::int $$;

-- A jsonb value, or NULL when the text is not JSON (the PostgreSQL 15 idiom: no pg_input_is_valid yet).
-- The exception block is a subtransaction, which parallel workers cannot start: PARALLEL UNSAFE.
CREATE OR REPLACE FUNCTION peers.try_jsonb(t text) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE PARALLEL UNSAFE AS $$
BEGIN
    RETURN t::jsonb;
EXCEPTION WHEN others THEN
    RETURN NULL;
END $$;

-- "HH:MM-HH:MM[,HH:MM-HH:MM...]" as [start, end) minute ranges; a window that wraps midnight is two ranges.
CREATE OR REPLACE FUNCTION peers.hours_ranges(hours text) RETURNS TABLE (start_min int, end_min int)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
WITH w AS (
    SELECT split_part(btrim(part), '-', 1) AS a, split_part(btrim(part), '-', 2) AS b
    FROM unnest(string_to_array(hours, ',')) AS part
), m AS (
    SELECT split_part(a, ':', 1)::int * 60 + split_part(a, ':', 2)::int AS s,
           split_part(b, ':', 1)::int * 60 + split_part(b, ':', 2)::int AS e
    FROM w
)
SELECT s, e FROM m WHERE s < e
UNION ALL SELECT s, 1440 FROM m WHERE s > e
UNION ALL SELECT 0, e FROM m WHERE s > e AND e > 0
$$;
