#!/usr/bin/env bash
# Benchmarks that reproduce the figures in docs/BENCHMARKS.md.
#
#   scripts/bench.sh jmh [PATTERN] [JMH options...]   JMH microbenchmarks under jobs/src/test/java/io/zhili/bench
#                                                      (PATTERN is a regex of benchmark names, default: all)
#
#   scripts/bench.sh hotspots                          the hotspot job on the full-scale year (generated once into
#                                                      work/bench-full), with the small scale as the baseline of
#                                                      the same run; wall time and peak memory of each
#
#   scripts/bench.sh hotspots-compare DIR_A DIR_B      two hotspot outputs row for row: every table, DuckDB EXCEPT ALL
#                                                      both ways; exit 1 when any differs
#
#   scripts/bench.sh trucks [TRUCKS] [RATE] [CHECKPOINT_MS] [OUT_OF_ORDER_MS] [PARALLELISM] [LATENCY_S]
#                                                      the truck job, all rules on, over the generator's night of
#                                                      TRUCKS trucks (generated once into work/bench-trucks-TRUCKS):
#                                                      throughput from a file and through a local Kafka broker, then
#                                                      event-to-alert latency percentiles at RATE reports/s for
#                                                      LATENCY_S seconds (defaults 1000 20000 500 120000 2 20);
#                                                      ZHILI_BENCH_PHASES=file,kafka,latency picks phases
#
#   scripts/bench.sh changes [small|city|full]         the illegal-construction screening (zhili changes) over both
#                                                      generated rounds of change polygons against the footprints
#                                                      and permits of work/bench-SCALE (generated once; default
#                                                      full: about 2 M change polygons, 1.7 M footprints); wall
#                                                      time, CPU and peak memory, and the run's counts
#
#   scripts/bench.sh peers [small|city|full]          Zhili against PostGIS on the same generated data and machine:
#                                                      hotspots, the truck rules from file, then the change-polygon
#                                                      screening (ZHILI_PEERS_ONLY=JOB: one of them); starts its own
#                                                      PostgreSQL 15 + PostGIS 3 (installed with apt-get when
#                                                      missing) in work/peers-pg on 127.0.0.1:${ZHILI_PG_PORT:-54329},
#                                                      stopped by pid at the end; SQL in scripts/peers/; the
#                                                      report (wall, CPU, peak memory, ratios, counts) goes to
#                                                      work/peers-SCALE/report.md
#
#   scripts/bench.sh update                            the nightly incremental run (zhili hotspots --update) on the
#                                                      full-scale year: the cases split into every day but the last
#                                                      and the last day (work/bench-update); a base run over the
#                                                      first, the update with the last day, and the full run over
#                                                      both, one after the other; wall, CPU, peak memory of each,
#                                                      the update/full ratio and both runs' counts side by side
#
#   scripts/bench.sh peers sedona [small|city|full|full2x]
#                                                      Zhili against Apache Sedona on Spark (local mode, every
#                                                      core), the hotspot job on the same CSV files; builds
#                                                      scripts/peers/sedona (its own Maven project) on demand;
#                                                      wall, CPU, peak RSS and the counts of both sides into
#                                                      work/peers-SCALE/report-sedona.md (default scale city)
#
#   scripts/bench.sh scale [SCALES...]                 how cost grows: the hotspot job (GeoParquet inputs) and the
#                                                      truck job (the generated night, from file) at each scale
#                                                      (default: small city full full2x, each generated once into
#                                                      work/bench-SCALE); wall, CPU, peak RSS per run and the
#                                                      least-squares slope per million cases / components / GPS
#                                                      reports, into work/bench-scale.md (ZHILI_SCALE_XMX: -Xmx of
#                                                      every run, 10g)
#
#   scripts/bench.sh serve [SECONDS]                   load test of zhili serve's tile server on loopback: 200
#                                                      concurrent clients fetch tiles and TileJSON for SECONDS
#                                                      (default 20; CI runs the same test for 5); prints
#                                                      requests/s and latency p50/p99/max, fails on any error
#
#   scripts/bench.sh live [SCALE] [EVENTS] [RATE] [LATENCY_S] [PARALLELISM] [CHECKPOINT_MS]
#                                                      zhili live: heap taken by the component registry of
#                                                      work/bench-full (ZHILI_BENCH_REGISTRY: another components
#                                                      table), events/s through a local Kafka broker over the
#                                                      live day of SCALE (generated once into work/bench-live-SCALE
#                                                      with its hotspots baseline) replayed day after day to EVENTS
#                                                      events, then decidable-to-alert latency at RATE events/s for
#                                                      LATENCY_S seconds (defaults small 1000000 1000 60 2 500);
#                                                      ZHILI_BENCH_PHASES=registry,kafka,latency picks phases
#
# Other modes are added beside these in the case below.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

usage() {
  sed -n '2,/^# Other modes/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}


# Runs a bench driver that lives in the jobs test classes (it reuses the test data and the Kafka broker
# helper) under GNU time: bench_test_main LABEL CLASS ARGS...
bench_test_main() {
  local label="$1" main="$2"
  shift 2
  local cpfile="$root/jobs/target/bench-classpath.txt"
  mvn -B -q -pl jobs -am test-compile dependency:build-classpath -DskipTests \
    -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile" >/dev/null
  local cp="$root/jobs/target/test-classes:$root/jobs/target/classes:$(cat "$cpfile")"
  local opens="--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED"
  # shellcheck disable=SC2086
  exec /usr/bin/time -f "$label: wall_s=%e user_s=%U sys_s=%S peak_rss_kb=%M" \
    java ${ZHILI_JAVA_OPTS:--Xmx4g -XX:+UseParallelGC} $opens -cp "$cp" "$main" "$@"
}

mode="${1:-}"
[ -n "$mode" ] || usage
shift

case "$mode" in
  jmh)
    pattern="${1:-.}"
    [ $# -gt 0 ] && shift
    # Build the jobs test classes (JMH's annotation processor writes the benchmark list there) and
    # their test classpath in one reactor run, so that geo-lib and datasets resolve to their fresh
    # target/classes; every module writes the file, and jobs, built last, writes it last.
    cpfile="$root/jobs/target/bench-classpath.txt"
    mvn -B -q -pl jobs -am test-compile dependency:build-classpath -DskipTests \
      -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile" >/dev/null
    cp="$root/jobs/target/test-classes:$root/jobs/target/classes:$(cat "$cpfile")"
    exec java -cp "$cp" org.openjdk.jmh.Main "$pattern" "$@"
    ;;
  hotspots)
    data="${ZHILI_BENCH_DATA:-$root/work/bench-full}"
    small="$root/work/bench-small"
    [ -f "$root/jobs/target/zhili.jar" ] || mvn -B -q -DskipTests package
    [ -f "$data/manifest.json" ] || "$root/scripts/zhili" generate --out "$data" --scale "${ZHILI_BENCH_SCALE:-full}"
    [ -f "$small/manifest.json" ] || "$root/scripts/zhili" generate --out "$small" --scale small
    report="$root/work/bench-hotspots.txt"
    : > "$report"
    for run in small:"$small" full:"$data"; do
      name="${run%%:*}"; dir="${run#*:}"
      out="$root/work/bench-hotspots-$name"
      # GNU time gives the peak resident set of the whole JVM, heap and off-heap together.
      /usr/bin/time -f "$name wall_s=%e user_s=%U sys_s=%S peak_rss_kb=%M" -a -o "$report" \
        "$root/scripts/zhili" hotspots --components "$dir/parquet/components" --cases "$dir/parquet/cases" \
        --areas "$dir/areas.geojson" --out "$out" ${ZHILI_BENCH_ARGS:-}
      jq -c '{cases: .cases.read, components: .components.read, durations_ms}' "$out/run.json" 2>/dev/null >> "$report" \
        || cat "$out/run.json" >> "$report"
    done
    cat "$report"
    ;;
  hotspots-compare)
    # Two outputs of zhili hotspots row for row (every table, DuckDB EXCEPT ALL both ways), e.g. the run of
    # a baseline jar against the run of this tree on the same data.
    [ $# -eq 2 ] || { echo "bench.sh hotspots-compare DIR_A DIR_B" >&2; exit 2; }
    duck_version="$(sed -n 's:.*<duckdb.version>\(.*\)</duckdb.version>.*:\1:p' pom.xml)"
    duck_jar="${MAVEN_REPO:-$HOME/.m2/repository}/org/duckdb/duckdb_jdbc/$duck_version/duckdb_jdbc-$duck_version.jar"
    [ -f "$duck_jar" ] || mvn -B -q dependency:get -Dartifact="org.duckdb:duckdb_jdbc:$duck_version" >/dev/null
    exec java -Xmx4g -cp "$duck_jar" "$root/scripts/lib/CompareHotspots.java" "$1" "$2"
    ;;
  trucks)
    # GNU time gives the CPU time (user + system) of the whole JVM beside its wall time: on a shared
    # machine the CPU time is the steadier measure of the work done.
    bench_test_main "trucks bench" io.zhili.jobs.trucks.TruckBench "$@"
    ;;
  live)
    bench_test_main "live bench" io.zhili.jobs.live.LiveBench "$@"
    ;;
  changes)
    scale="${1:-full}"
    data="$root/work/bench-$scale"
    [ -f "$root/jobs/target/zhili.jar" ] || mvn -B -q -DskipTests package
    [ -f "$data/manifest.json" ] || "$root/scripts/zhili" generate --out "$data" --scale "$scale"
    out="$root/work/bench-changes-$scale"
    report="$root/work/bench-changes-$scale.txt"
    # Both rounds as one input (their change_ids differ): the most polygons the data set has.
    /usr/bin/time -f "changes $scale wall_s=%e user_s=%U sys_s=%S peak_rss_kb=%M" -o "$report" \
      "$root/scripts/zhili" changes --changes "$data/changes" --buildings "$data/buildings" \
      --permits "$data/permits.geojson" --areas "$data/areas.geojson" --out "$out" --round bench ${ZHILI_BENCH_ARGS:-}
    jq -c '{changes: .changes.read, buildings: .buildings.read, permits: .permits.read, suspects: .suspects,
      balanced: .changes.balanced, durations_ms}' "$out/run.json" 2>/dev/null >> "$report" || cat "$out/run.json" >> "$report"
    cat "$report"
    ;;
  update)
    data="${ZHILI_BENCH_DATA:-$root/work/bench-full}"
    work="$root/work/bench-update"
    [ -f "$root/jobs/target/zhili.jar" ] || mvn -B -q -DskipTests package
    [ -f "$data/manifest.json" ] || "$root/scripts/zhili" generate --out "$data" --scale "${ZHILI_BENCH_SCALE:-full}"
    mkdir -p "$work/cases"
    before="$work/cases/cases-1-before.csv"
    last="$work/cases/cases-2-last.csv"
    if [ ! -f "$work/last-day.csv" ]; then
      # Case ids carry their day (QDyyyyMMdd...): the last day is the largest one.
      day=$(awk -F, 'NR > 1 && $1 ~ /^QD[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]/ { d = substr($1, 3, 8); if (d > m) m = d } END { print m }' "$data/cases.csv")
      awk -F, -v day="QD$day" -v before="$before" -v last="$work/last-day.csv" \
        'NR == 1 { print > before; print > last; next } index($1, day) == 1 { print > last; next } { print > before }' \
        "$data/cases.csv"
    fi
    rm -f "$last"
    report="$root/work/bench-update.txt"
    : > "$report"
    timed() {
      local name="$1"; shift
      /usr/bin/time -f "$name wall_s=%e user_s=%U sys_s=%S peak_rss_kb=%M" -a -o "$report" "$root/scripts/zhili" hotspots "$@"
    }
    # The base run: last night's output, every day but the last.
    timed base --components "$data/components.csv" --cases "$work/cases" --areas "$data/areas.geojson" \
      --out "$work/out-update" ${ZHILI_BENCH_ARGS:-}
    cp "$work/last-day.csv" "$last"
    # Tonight: the update in place with the last day, then the full run over every day for comparison.
    timed update --update "$work/out-update" --cases "$last" --out "$work/out-update" ${ZHILI_BENCH_ARGS:-}
    timed full --components "$data/components.csv" --cases "$work/cases" --areas "$data/areas.geojson" \
      --out "$work/out-full" ${ZHILI_BENCH_ARGS:-}
    for run in update full; do
      jq -c --arg run "$run" '{run: $run, cases: .cases, components: .components.read, durations_ms}' \
        "$work/out-$run/run.json" >> "$report"
    done
    awk '/^update wall_s/ { split($2, a, "="); u = a[2] } /^full wall_s/ { split($2, a, "="); f = a[2] }
      END { if (f > 0) printf "update/full wall: %.1f %%\n", 100 * u / f }' "$report" >> "$report"
    du -sh "$work/out-full/cube" >> "$report"
    cat "$report"
    ;;
  peers)
    if [ "${1:-}" = sedona ]; then
      shift
      exec "$root/scripts/peers/sedona.sh" "$@"
    fi
    exec "$root/scripts/peers/run.sh" "$@"
    ;;
  scale)
    exec "$root/scripts/scale.sh" "$@"
    ;;
  serve)
    # The load test itself (jobs/src/test/java/io/zhili/jobs/serve/TileServerLoadTest.java), run longer.
    mvn -B -q -pl jobs -am test -Dtest=TileServerLoadTest -Dsurefire.failIfNoSpecifiedTests=false \
      -Dzhili.serve.load.seconds="${1:-20}" >/dev/null
    grep -o 'serve load:[^&<]*' "$root/jobs/target/surefire-reports/TEST-io.zhili.jobs.serve.TileServerLoadTest.xml"
    ;;
  -h|--help|help)
    usage
    ;;
  *)
    echo "bench.sh: unknown mode '$mode' (known: jmh, hotspots, hotspots-compare, trucks, changes, update, peers, scale, serve)" >&2
    exit 2
    ;;
esac
