-- The hotspot job in PostGIS, written the way a PostGIS user would: COPY, validate in SQL, GiST
-- indexes, join by id and KNN (<->) to the nearest same-class component within 30 m in a metric SRID
-- (EPSG:4549, CGCS2000 / 3-degree Gauss-Kruger CM 120E), ST_HexagonGrid cells of the same areas as H3
-- resolutions 9, 8 and 7, counts per cell, month and category, Gi* by a neighbour self-join with the
-- docs/CONTRACTS.md formula, time profiles, area summaries with percentiles, recurring components.
--
--   psql -v data=/abs/dir/of/generated/set -v classes=/abs/path/classes.csv -f common.sql -f hotspots.sql
--
-- Results stay in schema `hs` (PostGIS users query tables); `hs.run_counts` holds the counts that
-- `scripts/bench.sh peers` compares with Zhili's run.json. Not covered here (Zhili does them): emerging
-- hot-spot patterns with Mann-Kendall, and writing GeoParquet files. Each statement is timed (\timing).
\set ON_ERROR_STOP on
\timing on
\set components_csv :data '/components.csv'
\set cases_csv :data '/cases.csv'
\set areas_json :data '/areas.geojson'
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS hs CASCADE;
CREATE SCHEMA hs;
SET search_path = hs, peers, public;

\echo == load
CREATE TABLE classes (code text, kind text, name_zh text, name_en text, source text, PRIMARY KEY (code, kind));
COPY classes FROM :'classes' (FORMAT csv, HEADER true);

CREATE UNLOGGED TABLE components_raw (
    row_no bigserial, component_id text, major_class text, minor_class text, lon text, lat text,
    district_code text, status text);
COPY components_raw (component_id, major_class, minor_class, lon, lat, district_code, status)
    FROM :'components_csv' (FORMAT csv, HEADER true);

CREATE UNLOGGED TABLE cases_raw (
    row_no bigserial, case_id text, source text, kind text, major_class text, minor_class text,
    component_id text, lon text, lat text, crs text, reported_at text, verified_at text,
    dispatched_at text, disposed_at text, closed_at text, district_code text);
COPY cases_raw (case_id, source, kind, major_class, minor_class, component_id, lon, lat, crs,
                reported_at, verified_at, dispatched_at, disposed_at, closed_at, district_code)
    FROM :'cases_csv' (FORMAT csv, HEADER true);

CREATE TABLE areas AS
SELECT f -> 'properties' ->> 'area_id' AS area_id, f -> 'properties' ->> 'level' AS level,
       ST_SetSRID(ST_GeomFromGeoJSON(f ->> 'geometry'), 4326) AS geom
FROM jsonb_array_elements(pg_read_file(:'areas_json')::jsonb -> 'features') AS f;
CREATE INDEX ON areas USING gist (geom);
ANALYZE classes; ANALYZE areas;

\echo == validate components
-- Checks in Zhili's order (class, code, coordinates, area); the first failing one is the reason.
CREATE UNLOGGED TABLE components_checked AS
SELECT r.row_no, r.component_id, r.minor_class, coord(r.lon) AS lon, coord(r.lat) AS lat,
    CASE
        WHEN coalesce(r.minor_class, '') !~ '^[0-9]{4}$'
             OR NOT EXISTS (SELECT 1 FROM classes c WHERE c.code = r.minor_class AND c.kind = 'COMPONENT') THEN 'UNKNOWN_CLASS'
        WHEN NOT starts_with(r.minor_class, coalesce(r.major_class, '')) THEN 'UNKNOWN_CLASS'
        WHEN coalesce(r.component_id, '') !~ '^[0-9]{16}$' THEN 'BAD_COMPONENT_CODE'
        WHEN left(r.component_id, 2)::int NOT IN (11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
                41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82) THEN 'BAD_COMPONENT_CODE'
        WHEN substr(r.component_id, 3, 2) = '00' AND substr(r.component_id, 5, 2) <> '00' THEN 'BAD_COMPONENT_CODE'
        WHEN NOT EXISTS (SELECT 1 FROM classes c WHERE c.code = substr(r.component_id, 7, 4) AND c.kind = 'COMPONENT') THEN 'BAD_COMPONENT_CODE'
        WHEN substr(r.component_id, 11, 6) = '000000' THEN 'BAD_COMPONENT_CODE'
        WHEN substr(r.component_id, 7, 4) <> r.minor_class THEN 'BAD_COMPONENT_CODE'
        WHEN coordinate_problem(coord(r.lon), coord(r.lat)) IS NOT NULL THEN 'BAD_COORDINATES'
    END AS reason
FROM components_raw r;
ANALYZE components_checked;

CREATE UNLOGGED TABLE components_in_area AS
SELECT c.row_no, c.component_id, c.minor_class, c.lon, c.lat, d.area_id AS district,
       row_number() OVER (PARTITION BY c.component_id ORDER BY c.row_no) AS occurrence
FROM components_checked c
LEFT JOIN LATERAL (SELECT a.area_id FROM areas a
                   WHERE a.level = 'district' AND ST_Contains(a.geom, ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326))
                   LIMIT 1) d ON true
WHERE c.reason IS NULL;
ANALYZE components_in_area;

-- The registry: valid rows inside the city, the earliest row of a repeated id wins.
CREATE TABLE components AS
SELECT component_id::bigint AS id, minor_class, lon, lat,
       ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4326), 4549) AS geom
FROM components_in_area WHERE district IS NOT NULL AND occurrence = 1;
ALTER TABLE components ADD PRIMARY KEY (id);
-- btree_gist: one index answers "same class and nearest" without visiting other classes' points.
CREATE INDEX components_class_geom ON components USING gist (minor_class, geom);
ANALYZE components;

\echo == validate cases
CREATE UNLOGGED TABLE cases_parsed AS
SELECT r.row_no, r.case_id, r.source, r.kind, r.major_class, r.minor_class, r.component_id, r.crs,
       coord(r.lon) AS lon, coord(r.lat) AS lat,
       r.component_id IS NOT NULL AND r.lon IS NULL AND r.lat IS NULL AS located_by_component,
       ts_ms(r.reported_at) AS reported_ms, ts_ms(r.verified_at) AS verified_ms,
       ts_ms(r.dispatched_at) AS dispatched_ms, ts_ms(r.disposed_at) AS disposed_ms,
       ts_ms(r.closed_at) AS closed_ms
FROM cases_raw r;
ANALYZE cases_parsed;

CREATE UNLOGGED TABLE cases_checked AS
SELECT p.*,
    CASE
        WHEN coalesce(p.case_id, '') = '' THEN 'MALFORMED_ROW'
        WHEN p.source IS NULL OR p.source NOT IN ('PATROL', 'CAMERA', 'CITIZEN_APP', 'HOTLINE_12345', 'DRONE',
                                                  'SATELLITE', 'SENSOR', 'TRUCK_ALERT') THEN 'MALFORMED_ROW'
        WHEN p.kind IS NULL OR p.kind NOT IN ('COMPONENT', 'EVENT') THEN 'MALFORMED_ROW'
        WHEN coalesce(p.minor_class, '') !~ '^[0-9]{4}$'
             OR NOT EXISTS (SELECT 1 FROM classes c WHERE c.code = p.minor_class AND c.kind = p.kind) THEN 'UNKNOWN_CLASS'
        WHEN NOT starts_with(p.minor_class, coalesce(p.major_class, '')) THEN 'UNKNOWN_CLASS'
        WHEN p.component_id IS NOT NULL AND p.component_id !~ '^[0-9]{16}$' THEN 'UNKNOWN_COMPONENT'
        WHEN NOT p.located_by_component AND coordinate_problem(p.lon, p.lat) IS NOT NULL THEN 'BAD_COORDINATES'
        WHEN NOT p.located_by_component AND upper(coalesce(p.crs, 'WGS84')) NOT IN ('WGS84', 'GCJ02') THEN 'BAD_COORDINATES'
        WHEN -1 IN (p.reported_ms, p.verified_ms, p.dispatched_ms, p.disposed_ms, p.closed_ms) THEN 'BAD_TIMESTAMP'
        WHEN p.reported_ms IS NULL THEN 'BAD_TIMESTAMP'
        -- the lifecycle is a chain: each step reached lies at or after every earlier step reached
        WHEN p.verified_ms < p.reported_ms
          OR p.dispatched_ms < greatest(p.reported_ms, p.verified_ms)
          OR p.disposed_ms < greatest(p.reported_ms, p.verified_ms, p.dispatched_ms)
          OR p.closed_ms < greatest(p.reported_ms, p.verified_ms, p.dispatched_ms, p.disposed_ms) THEN 'INCONSISTENT_TIMESTAMPS'
    END AS reason
FROM cases_parsed p;
ANALYZE cases_checked;

-- Own positions in WGS-84 (GCJ-02 citizen reports converted), then the city test. The spatial test
-- runs last here, after the timestamp checks (Zhili tests the area first): only a row with two defects
-- can get a different reason.
CREATE UNLOGGED TABLE cases_positioned AS
SELECT c.*, w.pt,
       row_number() OVER (PARTITION BY c.case_id ORDER BY c.row_no) AS occurrence
FROM cases_checked c
CROSS JOIN LATERAL (
    SELECT CASE WHEN c.located_by_component THEN NULL
                WHEN upper(c.crs) = 'GCJ02' THEN (SELECT ST_SetSRID(ST_MakePoint(g[1], g[2]), 4326)
                                                  FROM (SELECT gcj02_to_wgs84(c.lon, c.lat) AS g) x)
                ELSE ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326) END AS pt) w
WHERE c.reason IS NULL;
ANALYZE cases_positioned;

CREATE UNLOGGED TABLE cases_valid AS
SELECT p.*, ST_Transform(p.pt, 4549) AS geom
FROM cases_positioned p
WHERE p.occurrence = 1
  AND (p.located_by_component
       OR EXISTS (SELECT 1 FROM areas a WHERE a.level = 'district' AND ST_Contains(a.geom, p.pt)))
  AND (p.component_id IS NULL OR EXISTS (SELECT 1 FROM components c WHERE c.id = p.component_id::bigint));
ANALYZE cases_valid;

CREATE TABLE rejects AS
SELECT 'components' AS input, row_no + 1 AS line, reason FROM components_checked WHERE reason IS NOT NULL
UNION ALL SELECT 'components', row_no + 1, 'OUT_OF_AREA' FROM components_in_area WHERE district IS NULL
UNION ALL SELECT 'components', row_no + 1, 'DUPLICATE_ID' FROM components_in_area WHERE district IS NOT NULL AND occurrence > 1
UNION ALL SELECT 'cases', row_no + 1, reason FROM cases_checked WHERE reason IS NOT NULL
UNION ALL SELECT 'cases', p.row_no + 1,
    CASE WHEN p.occurrence > 1 THEN 'DUPLICATE_ID'
         WHEN NOT p.located_by_component
              AND NOT EXISTS (SELECT 1 FROM areas a WHERE a.level = 'district' AND ST_Contains(a.geom, p.pt)) THEN 'OUT_OF_AREA'
         ELSE 'UNKNOWN_COMPONENT' END
FROM cases_positioned p
WHERE p.row_no NOT IN (SELECT row_no FROM cases_valid);

\echo == join: by component id, else KNN nearest same-class component within 30 m
CREATE UNLOGGED TABLE cases_joined AS
SELECT k.row_no, k.case_id, k.kind, k.reported_ms, k.dispatched_ms, k.closed_ms,
       coalesce(byid.id, nn.id) AS component,
       CASE WHEN byid.id IS NOT NULL THEN 'ID' WHEN nn.id IS NOT NULL THEN 'NEAREST'
            WHEN k.kind = 'COMPONENT' THEN 'UNATTACHED' ELSE 'EVENT' END AS joined,
       coalesce(byid.minor_class, nn.minor_class, k.minor_class) AS minor_class,
       coalesce(byid.geom, nn.geom, k.geom) AS geom,
       date_trunc('month', to_timestamp(k.reported_ms / 1000.0) AT TIME ZONE 'Asia/Shanghai')::date AS period
FROM cases_valid k
LEFT JOIN components byid ON byid.id = k.component_id::bigint
LEFT JOIN LATERAL (
    SELECT c.id, c.minor_class, c.geom FROM components c
    WHERE k.component_id IS NULL AND k.kind = 'COMPONENT'
      AND c.minor_class = k.minor_class AND ST_DWithin(c.geom, k.geom, 30)
    ORDER BY c.geom <-> k.geom LIMIT 1) nn ON true;
ALTER TABLE cases_joined ADD PRIMARY KEY (row_no);
CREATE INDEX ON cases_joined USING gist (geom);
ANALYZE cases_joined;

\echo == hexagon grids of H3-equal areas (res 9, 8, 7) over the data extent
-- ST_HexagonGrid's size is the edge length: a regular hexagon of edge s has area 3*sqrt(3)/2*s^2.
CREATE TABLE grids AS
SELECT res, sqrt(area_m2 / (1.5 * sqrt(3.0))) AS size
FROM (VALUES (9, 105332.513), (8, 737327.598), (7, 5161293.360)) AS g (res, area_m2);

CREATE TABLE hex AS
SELECT g.res, h.i, h.j, h.geom
FROM grids g,
     (SELECT ST_Extent(geom)::geometry AS box FROM (SELECT geom FROM components UNION ALL SELECT geom FROM cases_joined) u) e,
     ST_HexagonGrid(g.size, ST_SetSRID(e.box, 4549)) AS h;
CREATE INDEX ON hex USING gist (geom);
ANALYZE hex;

\echo == cells of components and cases
-- One probe of the hexagon index per point; DISTINCT ON keeps one cell per grid for a point on a shared
-- edge (and keeps the planner from turning this into a scan of every hexagon).
CREATE UNLOGGED TABLE component_cells AS
SELECT h.res, h.i, h.j, c.minor_class
FROM components c
CROSS JOIN LATERAL (SELECT DISTINCT ON (res) res, i, j FROM hex WHERE ST_Intersects(hex.geom, c.geom)) h;
ANALYZE component_cells;
CREATE UNLOGGED TABLE case_cells AS
SELECT h.res, h.i, h.j, k.row_no
FROM cases_joined k
CROSS JOIN LATERAL (SELECT DISTINCT ON (res) res, i, j FROM hex WHERE ST_Intersects(hex.geom, k.geom)) h;
ANALYZE case_cells;

-- The study area: every cell with a component or a case, numbered; its neighbour lists (the cell
-- itself included) by a self-join on centres 1.05 x the centre spacing apart.
CREATE TABLE study AS
SELECT row_number() OVER () AS cell, s.res, s.i, s.j, ST_Centroid(h.geom) AS centre, h.geom,
       ST_Transform(h.geom, 4326) AS geom_wgs84
FROM (SELECT res, i, j FROM component_cells UNION SELECT res, i, j FROM case_cells) s
JOIN hex h USING (res, i, j);
CREATE UNIQUE INDEX ON study (res, i, j);
CREATE INDEX ON study USING gist (centre);
ANALYZE study;

CREATE TABLE neighbours AS
SELECT a.cell, b.cell AS nb
FROM study a JOIN grids g ON g.res = a.res
JOIN study b ON b.res = a.res AND ST_DWithin(a.centre, b.centre, g.size * sqrt(3.0) * 1.05);
CREATE INDEX ON neighbours (nb);
ANALYZE neighbours;

\echo == counts per cell, month and category (ALL, major, minor)
CREATE UNLOGGED TABLE cell_counts AS
SELECT s.cell, s.res, k.period,
       CASE WHEN GROUPING(k.kind) = 1 THEN 'ALL' WHEN GROUPING(k.minor_class) = 1 THEN left(k.minor_class, 2) ELSE k.minor_class END AS category,
       coalesce(k.kind, 'ALL') AS kind, count(*)::double precision AS cases
FROM case_cells cc JOIN cases_joined k USING (row_no) JOIN study s USING (res, i, j)
GROUP BY GROUPING SETS ((s.cell, s.res, k.period), (s.cell, s.res, k.period, k.kind, left(k.minor_class, 2)),
                        (s.cell, s.res, k.period, k.kind, k.minor_class));
CREATE INDEX ON cell_counts (cell);
ANALYZE cell_counts;

CREATE UNLOGGED TABLE cell_components AS
SELECT s.cell,
       CASE WHEN GROUPING(cc.minor_class) = 0 THEN cc.minor_class
            WHEN GROUPING(left(cc.minor_class, 2)) = 0 THEN left(cc.minor_class, 2) ELSE 'ALL' END AS category,
       CASE WHEN GROUPING(left(cc.minor_class, 2)) = 0 OR GROUPING(cc.minor_class) = 0 THEN 'COMPONENT' ELSE 'ALL' END AS kind,
       count(*) AS components
FROM component_cells cc JOIN study s USING (res, i, j)
GROUP BY GROUPING SETS ((s.cell), (s.cell, left(cc.minor_class, 2)), (s.cell, cc.minor_class));
ANALYZE cell_components;

\echo == Gi* per grid, category and month
CREATE UNLOGGED TABLE moments AS
SELECT x.res, x.category, x.kind, x.period, n.n, sum(x.cases) / n.n AS mean,
       sqrt(greatest(sum(x.cases * x.cases) / n.n - (sum(x.cases) / n.n) ^ 2, 0)) AS s
FROM cell_counts x JOIN (SELECT res, count(*)::double precision AS n FROM study GROUP BY res) n USING (res)
GROUP BY x.res, x.category, x.kind, x.period, n.n;
ANALYZE moments;

CREATE UNLOGGED TABLE weights AS
SELECT cell, count(*)::double precision AS w FROM neighbours GROUP BY cell;
ANALYZE weights;

CREATE UNLOGGED TABLE local_sums AS
SELECT nb.cell, x.category, x.kind, x.period, sum(x.cases) AS local_sum
FROM neighbours nb JOIN cell_counts x ON x.cell = nb.nb
GROUP BY nb.cell, x.category, x.kind, x.period;
ANALYZE local_sums;

-- Rows: every study cell and month for ALL (zero counts included), cells with cases for the classes;
-- each with the moments of its series (materialised so that the planner sees real row counts).
CREATE UNLOGGED TABLE gi_input AS
SELECT s.cell, s.res, m.period, m.category, m.kind, m.n, m.mean, m.s
FROM moments m JOIN study s ON s.res = m.res WHERE m.category = 'ALL'
UNION ALL
SELECT x.cell, x.res, x.period, x.category, x.kind, m.n, m.mean, m.s
FROM cell_counts x JOIN moments m USING (res, period, category, kind) WHERE x.category <> 'ALL';
ANALYZE gi_input;

CREATE TABLE hotspot_cells AS
WITH z AS (
    SELECT t.cell, t.res, t.period, t.category, t.kind, coalesce(x.cases, 0) AS cases,
           CASE WHEN t.s > 0 AND t.n > 1 AND (t.n * w.w - w.w * w.w) > 0
                THEN (coalesce(l.local_sum, 0) - t.mean * w.w) / (t.s * sqrt((t.n * w.w - w.w * w.w) / (t.n - 1)))
                ELSE 0 END AS gi_z
    FROM gi_input t
    JOIN weights w USING (cell)
    LEFT JOIN cell_counts x USING (cell, res, period, category, kind)
    LEFT JOIN local_sums l USING (cell, category, kind, period)
)
SELECT z.res, s.i, s.j, to_char(z.period, 'YYYY-MM') AS period, z.category, z.kind, z.cases::bigint AS cases,
       coalesce(cc.components, 0) AS components,
       CASE WHEN cc.components > 0 THEN z.cases / cc.components END AS rate,
       z.gi_z, p.gi_p, hot_class(z.gi_z, p.gi_p) AS hot_class,
       s.geom_wgs84 AS geometry
FROM z CROSS JOIN LATERAL (SELECT two_sided_p(z.gi_z) AS gi_p) p
JOIN study s USING (cell)
LEFT JOIN cell_components cc ON cc.cell = z.cell AND cc.category = z.category AND cc.kind = z.kind;

\echo == areas of each case, time profile, area summary
CREATE UNLOGGED TABLE case_facts AS
SELECT k.row_no, k.kind, k.minor_class, left(k.minor_class, 2) AS major_class, k.period,
       extract(isodow FROM to_timestamp(k.reported_ms / 1000.0) AT TIME ZONE 'Asia/Shanghai')::int AS dow,
       extract(hour FROM to_timestamp(k.reported_ms / 1000.0) AT TIME ZONE 'Asia/Shanghai')::int AS hour,
       (k.dispatched_ms - k.reported_ms) / 60000 AS dispatch_min, (k.closed_ms - k.reported_ms) / 60000 AS close_min,
       ST_Transform(k.geom, 4326) AS pt
FROM cases_joined k;
ANALYZE case_facts;

CREATE UNLOGGED TABLE case_areas AS
SELECT f.row_no, 'CITY' AS level, '370200' AS area_id FROM case_facts f
UNION ALL
SELECT f.row_no, upper(a.level), a.area_id FROM case_facts f JOIN areas a ON ST_Contains(a.geom, f.pt);
ANALYZE case_areas;

-- Category depth by area level as Zhili writes them: all categories for the city and districts,
-- majors for streets, ALL for unit grids.
CREATE TABLE time_profile AS
SELECT a.level AS area_level, a.area_id,
       CASE WHEN GROUPING(f.kind) = 1 THEN 'ALL' WHEN GROUPING(f.minor_class) = 1 THEN f.major_class ELSE f.minor_class END AS category,
       coalesce(f.kind, 'ALL') AS kind, f.dow AS day_of_week, f.hour, count(*) AS cases
FROM case_areas a JOIN case_facts f USING (row_no)
GROUP BY GROUPING SETS ((a.level, a.area_id, f.dow, f.hour),
                        (a.level, a.area_id, f.dow, f.hour, f.kind, f.major_class),
                        (a.level, a.area_id, f.dow, f.hour, f.kind, f.major_class, f.minor_class))
HAVING (GROUPING(f.kind) = 1)
    OR (a.level IN ('CITY', 'DISTRICT', 'STREET') AND GROUPING(f.minor_class) = 1)
    OR a.level IN ('CITY', 'DISTRICT');

CREATE TABLE area_summary AS
SELECT a.level AS area_level, a.area_id, to_char(f.period, 'YYYY-MM') AS period,
       CASE WHEN GROUPING(f.kind) = 1 THEN 'ALL' WHEN GROUPING(f.minor_class) = 1 THEN f.major_class ELSE f.minor_class END AS category,
       coalesce(f.kind, 'ALL') AS kind, count(*) AS cases, count(f.close_min) AS closed,
       count(f.close_min)::double precision / count(*) AS closure_rate,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY f.dispatch_min) AS p50_dispatch_min,
       percentile_disc(0.9) WITHIN GROUP (ORDER BY f.dispatch_min) AS p90_dispatch_min,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY f.close_min) AS p50_close_min,
       percentile_disc(0.9) WITHIN GROUP (ORDER BY f.close_min) AS p90_close_min
FROM case_areas a JOIN case_facts f USING (row_no)
GROUP BY GROUPING SETS ((a.level, a.area_id, f.period),
                        (a.level, a.area_id, f.period, f.kind, f.major_class),
                        (a.level, a.area_id, f.period, f.kind, f.major_class, f.minor_class))
HAVING (GROUPING(f.kind) = 1)
    OR (a.level IN ('CITY', 'DISTRICT', 'STREET') AND GROUPING(f.minor_class) = 1)
    OR a.level IN ('CITY', 'DISTRICT');

\echo == recurring components (at least 3 cases within 30 days)
CREATE TABLE component_recurrence AS
SELECT w.component, w.minor_class, count(*) AS cases, min(w.reported_ms) AS first_ms, max(w.reported_ms) AS last_ms,
       ST_Transform(min(c.geom), 4326) AS geometry
FROM (SELECT component, minor_class, reported_ms,
             lead(reported_ms, 2) OVER (PARTITION BY component ORDER BY reported_ms) - reported_ms AS span_ms
      FROM cases_joined WHERE component IS NOT NULL) w
JOIN components c ON c.id = w.component
GROUP BY w.component, w.minor_class
HAVING bool_or(w.span_ms <= 30 * 86400000::bigint);

\echo == counts
CREATE TABLE run_counts AS
SELECT 'components.read' AS name, count(*) AS value FROM components_raw
UNION ALL SELECT 'components.accepted', count(*) FROM components
UNION ALL SELECT 'cases.read', count(*) FROM cases_raw
UNION ALL SELECT 'cases.accepted', count(*) FROM cases_joined
UNION ALL SELECT 'cases.joined_by_id', count(*) FROM cases_joined WHERE joined = 'ID'
UNION ALL SELECT 'cases.joined_by_nearest', count(*) FROM cases_joined WHERE joined = 'NEAREST'
UNION ALL SELECT 'cases.unattached', count(*) FROM cases_joined WHERE joined = 'UNATTACHED'
UNION ALL SELECT 'cases.events', count(*) FROM cases_joined WHERE joined = 'EVENT'
UNION ALL SELECT input || '.rejected.' || reason, count(*) FROM rejects GROUP BY input, reason
UNION ALL SELECT 'study_cells.res' || res, count(*) FROM study GROUP BY res
UNION ALL SELECT 'hotspot_cells.rows', count(*) FROM hotspot_cells
UNION ALL SELECT 'hotspot_cells.hot_99.all.res9', count(*) FROM hotspot_cells WHERE res = 9 AND category = 'ALL' AND hot_class = 'HOT_99'
UNION ALL SELECT 'time_profile.rows', count(*) FROM time_profile
UNION ALL SELECT 'area_summary.rows', count(*) FROM area_summary
UNION ALL SELECT 'component_recurrence.rows', count(*) FROM component_recurrence;
\timing off
\pset format unaligned
\pset tuples_only on
\pset fieldsep '='
SELECT name, value FROM run_counts ORDER BY name;
