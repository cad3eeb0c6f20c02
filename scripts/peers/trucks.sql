-- The muck-truck rules in PostGIS, the per-point way city platforms run them: every GPS report is
-- checked against the spatial layers as it arrives, in batches of :batch reports per transaction
-- (ST_DWithin against the routes of the truck's valid permits within their corridor, ST_Contains
-- against restricted zones whose hours apply and against sites), in a metric SRID (EPSG:4549). The
-- episodes of the eight rules of docs/CONTRACTS.md are then found with window functions (gaps and islands).
--
--   psql -v data=/abs/dir/of/generated/set -v batch=10000 -f common.sql -f trucks.sql
--
-- Results stay in schema `tr`: `alerts`, `dead_letter`, `run_counts`. Approximations against Zhili's
-- engine, all of them rare in the data: a GPS jump is a spike (too fast both from the previous and to
-- the next report) instead of Zhili's jump filter with re-anchoring; a stop that drifts beyond 30 m
-- ends there instead of starting a new stop.
\set ON_ERROR_STOP on
\timing on
\set gps_file :data '/gps.jsonl'
\set routes_json :data '/routes.geojson'
\set sites_json :data '/sites.geojson'
\set zones_json :data '/zones.geojson'
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS tr CASCADE;
CREATE SCHEMA tr;
SET search_path = tr, peers, public;

\echo == reference layers
CREATE TABLE routes AS
SELECT f -> 'properties' ->> 'permit_id' AS permit_id,
       (f -> 'properties' ->> 'valid_from')::date - date '1970-01-01' AS valid_from_day,
       (f -> 'properties' ->> 'valid_to')::date - date '1970-01-01' AS valid_to_day,
       f -> 'properties' ->> 'hours' AS hours,
       coalesce((f -> 'properties' ->> 'corridor_m')::double precision, 100) AS corridor_m,
       f -> 'properties' -> 'truck_ids' AS truck_ids,
       ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(f ->> 'geometry'), 4326), 4549) AS geom
FROM jsonb_array_elements(pg_read_file(:'routes_json')::jsonb -> 'features') AS f;
ALTER TABLE routes ADD PRIMARY KEY (permit_id);
CREATE TABLE permit_trucks AS
SELECT r.permit_id, t.truck_id FROM routes r, jsonb_array_elements_text(r.truck_ids) AS t (truck_id);
CREATE INDEX ON permit_trucks (truck_id);
CREATE TABLE permit_hours AS SELECT r.permit_id, h.start_min, h.end_min FROM routes r, hours_ranges(r.hours) h;
CREATE INDEX ON permit_hours (permit_id);

CREATE TABLE zones AS
SELECT f -> 'properties' ->> 'zone_id' AS zone_id, f -> 'properties' ->> 'hours' AS hours,
       ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(f ->> 'geometry'), 4326), 4549) AS geom
FROM jsonb_array_elements(pg_read_file(:'zones_json')::jsonb -> 'features') AS f
WHERE f -> 'properties' ->> 'kind' = 'RESTRICTED';
CREATE INDEX ON zones USING gist (geom);
CREATE TABLE zone_hours AS SELECT z.zone_id, h.start_min, h.end_min FROM zones z, hours_ranges(z.hours) h;
CREATE INDEX ON zone_hours (zone_id);

CREATE TABLE sites AS
SELECT f -> 'properties' ->> 'site_id' AS site_id, f -> 'properties' ->> 'kind' AS kind,
       ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(f ->> 'geometry'), 4326), 4549) AS geom
FROM jsonb_array_elements(pg_read_file(:'sites_json')::jsonb -> 'features') AS f;
CREATE INDEX ON sites USING gist (geom);
ANALYZE routes; ANALYZE permit_trucks; ANALYZE permit_hours; ANALYZE zones; ANALYZE zone_hours; ANALYZE sites;

\echo == load and decode reports
-- One raw line per row: CSV mode with delimiter and quote bytes that never occur, so backslashes and
-- quotes of the JSON arrive untouched.
CREATE UNLOGGED TABLE gps_raw (line bigserial PRIMARY KEY, raw text);
COPY gps_raw (raw) FROM :'gps_file' (FORMAT csv, DELIMITER E'\x01', QUOTE E'\x02');

CREATE UNLOGGED TABLE gps_decoded AS
SELECT line, raw, j,
    CASE
        -- JSON has no NaN/Infinity; a sender that writes them wrote a number out of range, not broken JSON
        WHEN j IS NULL AND raw ~ ':\s*-?(NaN|Infinity)\s*[,}]'
             AND try_jsonb(regexp_replace(raw, ':\s*(-?(NaN|Infinity))\s*([,}])', ':"\1"\3', 'g')) IS NOT NULL THEN 'OUT_OF_RANGE'
        WHEN j IS NULL OR jsonb_typeof(j) <> 'object' THEN 'MALFORMED_JSON'
        WHEN jsonb_typeof(j -> 'truck_id') IS DISTINCT FROM 'string' AND j ? 'truck_id' THEN 'BAD_VALUE'
        WHEN btrim(coalesce(j ->> 'truck_id', '')) = '' THEN 'MISSING_FIELD'
        WHEN NOT j ? 'ts' THEN 'MISSING_FIELD'
        WHEN jsonb_typeof(j -> 'ts') = 'number' AND (j ->> 'ts') !~ '^[0-9]{1,15}$' THEN 'BAD_TIMESTAMP'
        WHEN jsonb_typeof(j -> 'ts') = 'string' AND coalesce(ts_ms(j ->> 'ts'), -1) = -1 THEN 'BAD_TIMESTAMP'
        WHEN jsonb_typeof(j -> 'ts') NOT IN ('number', 'string') THEN 'BAD_TIMESTAMP'
        WHEN NOT (j ? 'lon' AND j ? 'lat' AND j ? 'speed_kmh') THEN 'MISSING_FIELD'
        WHEN jsonb_typeof(j -> 'lon') <> 'number' OR jsonb_typeof(j -> 'lat') <> 'number'
          OR jsonb_typeof(j -> 'speed_kmh') <> 'number'
          OR coalesce(jsonb_typeof(j -> 'heading'), 'null') NOT IN ('number', 'null')
          OR coalesce(jsonb_typeof(j -> 'load_t'), 'null') NOT IN ('number', 'null') THEN 'BAD_VALUE'
        WHEN coalesce(jsonb_typeof(j -> 'lid'), 'null') NOT IN ('string', 'null')
          OR upper(coalesce(j ->> 'lid', 'UNKNOWN')) NOT IN ('CLOSED', 'OPEN', 'UNKNOWN') THEN 'BAD_VALUE'
        WHEN abs((j ->> 'lon')::double precision) > 180 OR abs((j ->> 'lat')::double precision) > 90
          OR ((j ->> 'lon')::double precision = 0 AND (j ->> 'lat')::double precision = 0)
          OR (j ->> 'speed_kmh')::double precision NOT BETWEEN 0 AND 250
          OR coalesce((j ->> 'heading')::double precision, 0) NOT BETWEEN 0 AND 360
          OR coalesce((j ->> 'load_t')::double precision, 0) NOT BETWEEN 0 AND 100 THEN 'OUT_OF_RANGE'
    END AS reason
-- OFFSET 0 keeps the subquery: pulled up, try_jsonb would run once per reference to j.
FROM (SELECT line, raw, try_jsonb(raw) AS j FROM gps_raw OFFSET 0) d;

CREATE TABLE dead_letter AS SELECT line, reason, raw FROM gps_decoded WHERE reason IS NOT NULL;

CREATE UNLOGGED TABLE reports AS
SELECT line, j ->> 'truck_id' AS truck_id, t.ts,
       (j ->> 'lon')::double precision AS lon, (j ->> 'lat')::double precision AS lat,
       (j ->> 'speed_kmh')::double precision AS speed, upper(coalesce(j ->> 'lid', 'UNKNOWN')) AS lid,
       (j ->> 'load_t')::double precision AS load_t,
       ST_Transform(ST_SetSRID(ST_MakePoint((j ->> 'lon')::double precision, (j ->> 'lat')::double precision), 4326), 4549) AS geom
FROM gps_decoded
CROSS JOIN LATERAL (SELECT CASE WHEN jsonb_typeof(j -> 'ts') = 'number' THEN (j ->> 'ts')::bigint ELSE ts_ms(j ->> 'ts') END AS ts) t
WHERE reason IS NULL AND t.ts >= 946684800000 AND t.ts < 4102444800000;
ALTER TABLE reports ADD PRIMARY KEY (line);
ANALYZE reports;

\echo == per-point checks, batched in arrival order
CREATE UNLOGGED TABLE point_facts (
    line bigint PRIMARY KEY, site_id text, zone_id text, valid_permits int, permit_id text,
    within_hours boolean, within_corridor boolean);

CREATE PROCEDURE check_reports(batch int) LANGUAGE plpgsql AS $$
DECLARE
    lo bigint;
    last bigint;
BEGIN
    SELECT min(line), max(line) INTO lo, last FROM reports;
    WHILE lo <= last LOOP
        INSERT INTO point_facts
        SELECT p.line, s.site_id, z.zone_id, coalesce(pm.valid_permits, 0), pm.permit_id,
               coalesce(pm.within_hours, false), coalesce(pm.within_corridor, false)
        FROM reports p
        LEFT JOIN LATERAL (SELECT site_id FROM sites WHERE ST_Contains(sites.geom, p.geom) LIMIT 1) s ON true
        LEFT JOIN LATERAL (
            SELECT zones.zone_id FROM zones
            WHERE ST_Contains(zones.geom, p.geom)
              AND EXISTS (SELECT 1 FROM zone_hours h WHERE h.zone_id = zones.zone_id
                          AND local_minute(p.ts) >= h.start_min AND local_minute(p.ts) < h.end_min)
            ORDER BY zones.zone_id LIMIT 1) z ON true
        LEFT JOIN LATERAL (
            SELECT count(*)::int AS valid_permits, min(r.permit_id) AS permit_id,
                   bool_or(EXISTS (SELECT 1 FROM permit_hours h WHERE h.permit_id = r.permit_id
                                   AND local_minute(p.ts) >= h.start_min AND local_minute(p.ts) < h.end_min)) AS within_hours,
                   bool_or(ST_DWithin(r.geom, p.geom, r.corridor_m)) AS within_corridor
            FROM permit_trucks pt JOIN routes r USING (permit_id)
            WHERE pt.truck_id = p.truck_id AND local_day(p.ts) BETWEEN r.valid_from_day AND r.valid_to_day) pm ON true
        WHERE p.line >= lo AND p.line < lo + batch;
        COMMIT;
        lo := lo + batch;
    END LOOP;
END $$;
CALL check_reports(:batch);
ANALYZE point_facts;

\echo == accepted reports: duplicates and GPS jumps out
CREATE UNLOGGED TABLE accepted AS
WITH firsts AS (
    SELECT DISTINCT ON (truck_id, ts) * FROM reports ORDER BY truck_id, ts, line
), around AS (
    SELECT f.*,
           ST_Distance(f.geom, lag(f.geom) OVER w) / 1000 / nullif((f.ts - lag(f.ts) OVER w) / 3600000.0, 0) AS kmh_in,
           ST_Distance(f.geom, lead(f.geom) OVER w) / 1000 / nullif((lead(f.ts) OVER w - f.ts) / 3600000.0, 0) AS kmh_out
    FROM firsts f
    WINDOW w AS (PARTITION BY truck_id ORDER BY ts)
)
SELECT line, truck_id, ts, lon, lat, speed, lid, load_t, geom FROM around
WHERE NOT (coalesce(kmh_in, 0) > 150 AND coalesce(kmh_out, kmh_in) > 150);
ANALYZE accepted;

\echo == rule states per report
CREATE UNLOGGED TABLE states AS
WITH facts AS (
    SELECT a.*, pf.site_id IS NOT NULL AS at_site, pf.zone_id, pf.valid_permits, pf.permit_id,
           pf.within_hours, pf.within_corridor,
           coalesce(a.load_t >= 3, false) AS loaded, a.speed >= 5 AS moving, a.speed < 2 AS stopped,
           a.ts - lag(a.ts) OVER w AS gap_ms,
           lag(a.load_t) OVER w AS prev_load, lag(a.speed) OVER w AS prev_speed,
           lag(pf.site_id IS NOT NULL) OVER w AS prev_at_site, lag(a.ts) OVER w AS prev_ts
    FROM accepted a JOIN point_facts pf USING (line)
    WINDOW w AS (PARTITION BY a.truck_id ORDER BY a.ts)
), st AS (
    SELECT f.*,
           f.gap_ms IS NULL OR f.gap_ms >= 120000 AS gap_break,
           CASE WHEN NOT (f.loaded AND NOT f.at_site AND f.valid_permits > 0 AND NOT f.within_corridor) THEN 'E'
                WHEN f.moving THEN 'H' ELSE 'P' END AS s_dev,
           CASE WHEN f.zone_id IS NOT NULL THEN 'H' ELSE 'E' END AS s_zone,
           CASE WHEN NOT f.loaded OR f.within_hours THEN 'E' WHEN f.moving THEN 'H' ELSE 'P' END AS s_hours,
           CASE WHEN f.lid <> 'OPEN' OR NOT f.loaded THEN 'E' WHEN f.moving THEN 'H' ELSE 'P' END AS s_lid,
           CASE WHEN f.gap_ms <= 120000 AND f.prev_load - f.load_t >= 1 AND f.prev_load - f.load_t >= 0.1 * f.prev_load
                     AND f.moving AND f.prev_speed >= 5 AND NOT f.at_site AND NOT f.prev_at_site THEN 'H' ELSE 'E' END AS s_spill,
           CASE WHEN f.speed > 60 THEN 'H' ELSE 'E' END AS s_speed
    FROM facts f
)
SELECT st.*,
       count(*) FILTER (WHERE gap_break OR s_dev = 'E') OVER w AS seg_dev,
       count(*) FILTER (WHERE gap_break OR s_zone = 'E') OVER w AS seg_zone,
       count(*) FILTER (WHERE gap_break OR s_hours = 'E') OVER w AS seg_hours,
       count(*) FILTER (WHERE gap_break OR s_lid = 'E') OVER w AS seg_lid,
       count(*) FILTER (WHERE gap_break OR s_spill = 'E') OVER w AS seg_spill,
       count(*) FILTER (WHERE gap_break OR s_speed = 'E') OVER w AS seg_speed,
       count(*) FILTER (WHERE gap_break OR NOT stopped OR NOT coalesce(prev_speed < 2, false)) OVER w AS seg_stop
FROM st
WINDOW w AS (PARTITION BY truck_id ORDER BY ts ROWS UNBOUNDED PRECEDING);
ANALYZE states;

\echo == episodes
CREATE TABLE alerts AS
SELECT truck_id, 'ROUTE_DEVIATION' AS rule, min(ts) AS start_ts, max(ts) AS end_ts, count(*) AS points,
       max(ST_Distance(geom, (SELECT ST_Collect(r.geom) FROM permit_trucks pt JOIN routes r USING (permit_id)
                              WHERE pt.truck_id = s.truck_id))) AS max_distance_m
FROM states s WHERE s_dev = 'H' GROUP BY truck_id, seg_dev
HAVING count(*) >= 2 AND max(ts) - min(ts) >= 30000
UNION ALL
SELECT truck_id, 'RESTRICTED_ZONE', min(ts), max(ts), count(*), NULL
FROM states WHERE s_zone = 'H' GROUP BY truck_id, seg_zone
UNION ALL
SELECT truck_id, 'OFF_HOURS', min(ts), max(ts), count(*), NULL
FROM states WHERE s_hours = 'H' GROUP BY truck_id, seg_hours
UNION ALL
SELECT truck_id, 'UNCOVERED_LOAD', min(ts), max(ts), count(*), NULL
FROM states WHERE s_lid = 'H' GROUP BY truck_id, seg_lid HAVING max(ts) - min(ts) >= 30000
UNION ALL
SELECT truck_id, 'SPILLAGE', min(prev_ts), max(ts), count(*) + 1, NULL
FROM states WHERE s_spill = 'H' GROUP BY truck_id, seg_spill
UNION ALL
SELECT truck_id, 'SPEEDING', min(ts), max(ts), count(*), NULL
FROM states WHERE s_speed = 'H' GROUP BY truck_id, seg_speed HAVING max(ts) - min(ts) >= 30000
UNION ALL
-- A stop: consecutive reports below 2 km/h within 30 m of where it began, 3 min or more, at no site,
-- loaded before (or at) its start and below 3 t at its end.
SELECT truck_id, 'ILLEGAL_DUMPING', min(ts), max(ts), count(*), NULL
FROM (SELECT s.*, ST_Distance(s.geom, first_value(s.geom) OVER (PARTITION BY truck_id, seg_stop ORDER BY ts)) AS drift_m,
             first_value(greatest(s.load_t, CASE WHEN NOT s.gap_break THEN s.prev_load END))
                 OVER (PARTITION BY truck_id, seg_stop ORDER BY ts) AS load_before
      FROM states s WHERE stopped) stop
WHERE drift_m <= 30
GROUP BY truck_id, seg_stop
HAVING max(ts) - min(ts) >= 180000 AND NOT bool_or(at_site) AND max(load_before) >= 3
   AND (array_agg(load_t ORDER BY ts DESC) FILTER (WHERE load_t IS NOT NULL))[1] < 3
UNION ALL
-- A silence of 10 min after a loaded, moving report: seen at the next report, or when event time
-- (the latest report of any truck, less the 2 min out-of-orderness bound) passes it.
SELECT truck_id, 'SIGNAL_LOSS', ts, coalesce(next_ts, horizon), 1 + (next_ts IS NOT NULL)::int, NULL
FROM (SELECT truck_id, ts, loaded, moving, lead(ts) OVER (PARTITION BY truck_id ORDER BY ts) AS next_ts,
             (SELECT max(ts) FROM accepted) - 120000 AS horizon
      FROM states) g
WHERE loaded AND moving AND coalesce(next_ts, horizon) - ts >= 600000;

\echo == counts
CREATE TABLE run_counts AS
SELECT 'gps.read' AS name, count(*) AS value FROM gps_raw
UNION ALL SELECT 'gps.dead_letters', count(*) FROM dead_letter
UNION ALL SELECT 'gps.dead_letters.' || reason, count(*) FROM dead_letter GROUP BY reason
UNION ALL SELECT 'points.checked', count(*) FROM point_facts
UNION ALL SELECT 'points.accepted', count(*) FROM accepted
UNION ALL SELECT 'alerts.total', count(*) FROM alerts
UNION ALL SELECT 'alerts.' || rule, count(*) FROM alerts GROUP BY rule;
\timing off
\pset format unaligned
\pset tuples_only on
\pset fieldsep '='
SELECT name, value FROM run_counts ORDER BY name;
