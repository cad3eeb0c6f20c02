-- The illegal-construction screening (`zhili changes`) in PostGIS, written the way a PostGIS user would:
-- load change polygons, footprints and permits, repair with ST_MakeValid, transform to EPSG:4549
-- (CGCS2000 / 3-degree Gauss-Kruger CM 120E, the job's metric CRS), GiST indexes, then the outcome order
-- of docs/CONTRACTS.md "Changes (satellite) job": NOT_BUILT_UP, LOW_CONFIDENCE, REGISTERED_BUILDING and
-- PERMITTED by ST_Area of the union of ST_Intersection with the footprints / permits that apply, fragments
-- merged with ST_ClusterDBSCAN (eps 3 m, minpoints 1: touching or within 3 m, transitively), TOO_SMALL
-- and THIN on the merged structure, SUSPECT; counts of every outcome and reject reason.
--
--   psql -v data=/abs/dir/of/generated/set -v duckcopy='java -cp duckdb_jdbc.jar …/DuckCopy.java' \
--        -f common.sql -f changes.sql
--
-- The GeoParquet inputs (change polygons of both rounds, footprints) come in through COPY FROM PROGRAM:
-- DuckDB turns them into CSV with hex WKB geometry (Debian's GDAL has no Parquet driver, so ogr2ogr cannot).
-- The program runs as a child of the server backend, so its CPU time is in the measured figures.
-- Both rounds are one input, as in `scripts/bench.sh changes`. Results stay in schema `chg`;
-- `chg.run_counts` holds the counts that `scripts/bench.sh peers` compares with Zhili's run.json.
-- Not covered here (Zhili does them): rounds and suspect ids, district/street/grid codes, cases.csv,
-- writing GeoParquet. Each statement is timed (\timing).
\set ON_ERROR_STOP on
\timing on
\set permits_json :data '/permits.geojson'
\set min_area_m2 20
\set explained_overlap 0.5
\set min_confidence 0.5
\set thin_width_m 3
\set merge_distance_m 3
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS chg CASCADE;
CREATE SCHEMA chg;
SET search_path = chg, peers, public;

-- A contract date (yyyy-MM-dd, or a timestamp taken as its date in Asia/Shanghai); NULL when unreadable.
CREATE FUNCTION chg.day(t text) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT CASE
    WHEN t ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'
        THEN CASE WHEN substr(t, 9, 2)::int <= extract(day FROM make_date(substr(t, 1, 4)::int, substr(t, 6, 2)::int, 1)
                                                         + interval '1 month' - interval '1 day')
                  THEN t::date END
    WHEN peers.ts_ms(t) >= 0 THEN (to_timestamp(peers.ts_ms(t) / 1000.0) AT TIME ZONE 'Asia/Shanghai')::date
END $$;

-- A geometry from hex WKB, NULL when unreadable (exception block: a subtransaction, PARALLEL UNSAFE).
CREATE FUNCTION chg.try_wkb(hex text) RETURNS geometry
LANGUAGE plpgsql IMMUTABLE PARALLEL UNSAFE AS $$
BEGIN
    RETURN ST_SetSRID(ST_GeomFromWKB(decode(hex, 'hex')), 4326);
EXCEPTION WHEN others THEN
    RETURN NULL;
END $$;

-- The usable polygonal geometry (repaired with ST_MakeValid when invalid, its polygons kept), or NULL.
CREATE FUNCTION chg.usable(g geometry) RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT CASE
    WHEN g IS NULL OR ST_IsEmpty(g) OR GeometryType(g) NOT IN ('POLYGON', 'MULTIPOLYGON') THEN NULL
    WHEN ST_IsValid(g) THEN g
    ELSE (SELECT CASE WHEN NOT ST_IsEmpty(f) AND ST_Area(f) > 0 THEN f END
          FROM (SELECT ST_CollectionExtract(ST_MakeValid(g), 3) AS f) m)
END $$;

-- Width of the rectangle with the same area and perimeter (contract THIN test; sqrt(area) when more
-- compact than a square).
CREATE FUNCTION chg.equivalent_width(area double precision, perimeter double precision) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT CASE
    WHEN area <= 0 OR perimeter <= 0 THEN 0
    WHEN (perimeter / 2) ^ 2 - 4 * area <= 0 THEN sqrt(area)
    ELSE (perimeter / 2 - sqrt((perimeter / 2) ^ 2 - 4 * area)) / 2
END $$;

\echo == load
CREATE UNLOGGED TABLE changes_raw (
    file text, file_row bigint, change_id text, before_date text, after_date text, confidence text,
    change_class text, wkb text);
-- Both rounds, in file order (the first row of a repeated change_id wins).
SELECT format($q$COPY changes_raw FROM PROGRAM %L (FORMAT csv, HEADER true)$q$,
    :'duckcopy' || ' ' || quote_ident(format(
        $d$COPY (SELECT filename, file_row_number, change_id, before_date, after_date, confidence, change_class,
                        hex(geometry) FROM read_parquet('%s/changes/*/*.parquet', filename = true, file_row_number = true)
                 ORDER BY filename, file_row_number) TO '/dev/stdout' (FORMAT csv, HEADER)$d$, :'data')))
\gexec

CREATE UNLOGGED TABLE buildings_raw (file text, file_row bigint, building_id text, registered_at text, wkb text);
SELECT format($q$COPY buildings_raw FROM PROGRAM %L (FORMAT csv, HEADER true)$q$,
    :'duckcopy' || ' ' || quote_ident(format(
        $d$COPY (SELECT filename, file_row_number, building_id, registered_at, hex(geometry)
                 FROM read_parquet('%s/buildings/*.parquet', filename = true, file_row_number = true))
                 TO '/dev/stdout' (FORMAT csv, HEADER)$d$, :'data')))
\gexec

CREATE UNLOGGED TABLE permits_raw AS
SELECT f.ordinality AS feature_no, f.value -> 'properties' ->> 'permit_id' AS permit_id,
       f.value -> 'properties' ->> 'kind' AS kind, f.value -> 'properties' ->> 'valid_from' AS valid_from,
       f.value -> 'properties' ->> 'valid_to' AS valid_to, f.value -> 'geometry' AS geojson
FROM jsonb_array_elements(pg_read_file(:'permits_json')::jsonb -> 'features') WITH ORDINALITY AS f;

\echo == validate
-- Checks in Zhili's order (id, dates, confidence, geometry); the first failing one is the reason.
CREATE UNLOGGED TABLE changes_checked AS
SELECT r.file, r.file_row, r.change_id, d.before_day, d.after_day, coord(r.confidence) AS confidence,
       nullif(r.change_class, '') AS change_class, g.geom,
    CASE
        WHEN coalesce(btrim(r.change_id), '') = '' THEN 'MALFORMED_ROW'
        WHEN d.before_day IS NULL OR d.after_day IS NULL OR d.after_day < d.before_day THEN 'BAD_DATE'
        WHEN coord(r.confidence) IS NULL OR NOT coord(r.confidence) BETWEEN 0 AND 1 THEN 'BAD_CONFIDENCE'
        WHEN g.geom IS NULL THEN 'BAD_GEOMETRY'
    END AS reason
FROM changes_raw r
CROSS JOIN LATERAL (SELECT day(r.before_date) AS before_day, day(r.after_date) AS after_day) d
CROSS JOIN LATERAL (SELECT usable(try_wkb(r.wkb)) AS geom) g;

CREATE UNLOGGED TABLE changes_ranked AS
SELECT c.*, row_number() OVER (PARTITION BY change_id ORDER BY file, file_row) AS occurrence
FROM changes_checked c WHERE reason IS NULL;

CREATE TABLE rejects AS
SELECT 'changes' AS input, reason, count(*) AS n FROM changes_checked WHERE reason IS NOT NULL GROUP BY reason
UNION ALL SELECT 'changes', 'DUPLICATE_ID', count(*) FROM changes_ranked WHERE occurrence > 1 HAVING count(*) > 0;

CREATE TABLE changes AS
SELECT change_id, before_day, after_day, confidence, change_class,
       ST_Transform(geom, 4549) AS geom
FROM changes_ranked WHERE occurrence = 1;

CREATE TABLE buildings AS
SELECT building_id, day(registered_at) AS registered_day, ST_Transform(usable(try_wkb(wkb)), 4549) AS geom
FROM buildings_raw;
INSERT INTO rejects
SELECT 'buildings', CASE WHEN coalesce(building_id, '') = '' THEN 'MALFORMED_ROW'
                         WHEN geom IS NULL THEN 'BAD_GEOMETRY' ELSE 'BAD_DATE' END, count(*)
FROM buildings WHERE coalesce(building_id, '') = '' OR geom IS NULL OR registered_day IS NULL GROUP BY 2;
DELETE FROM buildings WHERE coalesce(building_id, '') = '' OR geom IS NULL OR registered_day IS NULL;

CREATE TABLE permits AS
SELECT permit_id, kind, day(valid_from) AS valid_from, day(valid_to) AS valid_to,
       ST_Transform(usable(ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326)), 4549) AS geom
FROM permits_raw;
INSERT INTO rejects
SELECT 'permits', CASE WHEN coalesce(permit_id, '') = '' THEN 'MALFORMED_ROW'
                       WHEN geom IS NULL THEN 'BAD_GEOMETRY'
                       WHEN valid_from IS NULL OR valid_to IS NULL OR valid_to < valid_from THEN 'BAD_DATE'
                       ELSE 'BAD_KIND' END, count(*)
FROM permits
WHERE coalesce(permit_id, '') = '' OR geom IS NULL OR valid_from IS NULL OR valid_to IS NULL
   OR valid_to < valid_from OR coalesce(kind, '') NOT IN ('NEW_BUILD', 'RENOVATION', 'DEMOLITION')
GROUP BY 2;
DELETE FROM permits
WHERE coalesce(permit_id, '') = '' OR geom IS NULL OR valid_from IS NULL OR valid_to IS NULL
   OR valid_to < valid_from OR coalesce(kind, '') NOT IN ('NEW_BUILD', 'RENOVATION', 'DEMOLITION');

\echo == index
CREATE INDEX ON buildings USING gist (geom);
CREATE INDEX ON permits USING gist (geom);
ANALYZE changes; ANALYZE buildings; ANALYZE permits;

\echo == screen
-- Tests 1-4 per polygon, first that holds decides. Coverage is the area of the union of the overlaps
-- (overlapping footprints count once), over the polygon's area; the index lookups run only for the
-- polygons the attribute tests leave.
CREATE UNLOGGED TABLE screened AS
SELECT c.change_id, c.geom,
    CASE
        WHEN c.change_class IS NOT NULL AND c.change_class <> 'BUILT_UP' THEN 'NOT_BUILT_UP'
        WHEN c.confidence < :min_confidence THEN 'LOW_CONFIDENCE'
        WHEN (SELECT ST_Area(ST_Union(ST_Intersection(c.geom, b.geom)))
              FROM buildings b
              WHERE b.geom && c.geom AND ST_Intersects(b.geom, c.geom) AND b.registered_day < c.before_day)
             >= :explained_overlap * ST_Area(c.geom) THEN 'REGISTERED_BUILDING'
        WHEN (SELECT ST_Area(ST_Union(ST_Intersection(c.geom, p.geom)))
              FROM permits p
              WHERE p.geom && c.geom AND ST_Intersects(p.geom, c.geom) AND p.kind <> 'DEMOLITION'
                AND c.after_day BETWEEN p.valid_from AND p.valid_to)
             >= :explained_overlap * ST_Area(c.geom) THEN 'PERMITTED'
        ELSE 'CANDIDATE'
    END AS outcome
FROM changes c;

\echo == merge
-- Fragments of one structure: touching or within 3 m (closest points), transitively.
CREATE UNLOGGED TABLE fragments AS
SELECT change_id, geom, ST_ClusterDBSCAN(geom, eps := :merge_distance_m, minpoints := 1) OVER () AS structure
FROM screened WHERE outcome = 'CANDIDATE';

-- A structure's area is that of the union of its fragments; its width that of the union with the gaps
-- between fragments closed (buffer +1.5 m, -1.5 m, as the contract says), a single polygon's its own.
CREATE UNLOGGED TABLE structures AS
SELECT structure, n, area,
    CASE
        WHEN area < :min_area_m2 THEN 'TOO_SMALL'
        WHEN equivalent_width(ST_Area(closed), ST_Perimeter(closed)) < :thin_width_m THEN 'THIN'
        ELSE 'SUSPECT'
    END AS outcome
FROM (
    SELECT structure, n, ST_Area(u) AS area,
           CASE WHEN n = 1 OR ST_IsEmpty(c) THEN u ELSE c END AS closed
    FROM (SELECT structure, n, u,
                 CASE WHEN n > 1 THEN ST_Buffer(ST_Buffer(u, :merge_distance_m / 2.0 + 0.01, 'quad_segs=2'),
                                                -(:merge_distance_m / 2.0 + 0.01), 'quad_segs=2') END AS c
          FROM (SELECT structure, count(*) AS n, ST_Union(geom) AS u FROM fragments GROUP BY structure) g) s
) m;

CREATE TABLE outcomes AS
SELECT s.change_id, coalesce(t.outcome, s.outcome) AS outcome
FROM screened s
LEFT JOIN fragments f USING (change_id)
LEFT JOIN structures t ON t.structure = f.structure;

\echo == counts
CREATE TABLE run_counts AS
SELECT 'changes.read' AS name, count(*) AS value FROM changes_raw
UNION ALL SELECT 'changes.suspect_fragments', count(*) FROM outcomes WHERE outcome = 'SUSPECT'
UNION ALL SELECT 'changes.explained', count(*) FROM outcomes WHERE outcome <> 'SUSPECT'
UNION ALL SELECT 'changes.explained_by_outcome.' || outcome, count(*) FROM outcomes WHERE outcome <> 'SUSPECT' GROUP BY outcome
UNION ALL SELECT 'changes.rejected', coalesce(sum(n), 0) FROM rejects WHERE input = 'changes'
UNION ALL SELECT input || '.rejected.' || reason, n FROM rejects
UNION ALL SELECT 'suspects.new', count(*) FROM structures WHERE outcome = 'SUSPECT'
UNION ALL SELECT 'buildings.read', count(*) FROM buildings_raw
UNION ALL SELECT 'buildings.accepted', count(*) FROM buildings
UNION ALL SELECT 'permits.read', count(*) FROM permits_raw
UNION ALL SELECT 'permits.accepted', count(*) FROM permits;
\timing off
\pset format unaligned
\pset tuples_only on
\pset fieldsep '='
SELECT name, value FROM run_counts ORDER BY name;
