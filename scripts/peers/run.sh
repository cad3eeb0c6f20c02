#!/usr/bin/env bash
# Zhili against PostGIS, side by side, on one generated data set and one machine (called by
# `scripts/bench.sh peers [small|city|full]`; see docs/BENCHMARKS.md).
#
#   1. generate the data set once into work/bench-SCALE (work/bench-full is shared with `bench.sh hotspots`);
#   2. install PostgreSQL 15 + PostGIS 3 from Debian when missing, initialise a fresh private cluster in
#      work/peers-pg and start it on 127.0.0.1:$ZHILI_PG_PORT (default 54329), as user postgres when run
#      as root (initdb refuses root);
#   3. for the hotspot job, the truck rules and the change-polygon screening: Zhili (java -jar, embedded
#      Flink) and the SQL in scripts/peers/, each after the same input files were read into the page cache;
#   4. stop PostgreSQL by its postmaster pid, write work/peers-SCALE/report.md.
#
# Measures, per side and job: wall time; CPU time (user+sys) — for Zhili from /usr/bin/time, for
# PostgreSQL the growth of utime+stime+cutime+cstime of the postmaster and every live child
# (/proc/PID/stat; exited backends are reaped into the postmaster's cutime/cstime) plus psql's own;
# peak memory — for Zhili the JVM's peak RSS, for PostgreSQL the peak of the summed PSS of the
# postmaster and its children (shared buffers counted once), sampled every 0.5 s.
#
# Environment: ZHILI_PG_PORT, ZHILI_PG_BATCH (reports per transaction of the per-point checks, 10000),
# ZHILI_PEERS_ONLY (hotspots|trucks|changes: run one job only, keeping the others' results), ZHILI_PEERS_RUNS
# (runs of each Zhili job, the median's figures reported; 3), ZHILI_PEERS_TRUCKS_ARGS
# (extra arguments of `zhili trucks`), ZHILI_JAVA_OPTS (passed on by scripts/zhili).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

scale="${1:-full}"
case "$scale" in
  small|city|full) ;;
  *) echo "bench.sh peers: scale must be small, city or full, not '$scale'" >&2; exit 2 ;;
esac
case "${ZHILI_PEERS_ONLY:-}" in
  ''|hotspots|trucks|changes) ;;
  *) echo "bench.sh peers: ZHILI_PEERS_ONLY must be hotspots, trucks or changes, not '$ZHILI_PEERS_ONLY'" >&2; exit 2 ;;
esac
port="${ZHILI_PG_PORT:-54329}"
batch="${ZHILI_PG_BATCH:-10000}"
only="${ZHILI_PEERS_ONLY:-}"
data="$root/work/bench-$scale"
out="$root/work/peers-$scale"
pg="$root/work/peers-pg"
pgbin=/usr/lib/postgresql/15/bin
tck="$(getconf CLK_TCK)"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"

log() { printf '%s peers: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# ---------------------------------------------------------------- inputs
# Rebuild the jar when it is missing or older than any main source, so the run measures the checkout.
if [ ! -f "$root/jobs/target/zhili.jar" ] || [ -n "$(find "$root"/{geo-lib,datasets,jobs}/src/main "$root/pom.xml" \
      -newer "$root/jobs/target/zhili.jar" -type f -print -quit)" ]; then
  log "building jobs/target/zhili.jar"
  mvn -B -q -DskipTests package
fi
[ -f "$data/manifest.json" ] || "$root/scripts/zhili" generate --out "$data" --scale "$scale"
# A run of one job (ZHILI_PEERS_ONLY) keeps the other job's results in the report.
if [ -z "$only" ]; then
  rm -rf "$out"
else
  rm -rf "$out/zhili-$only" "$out"/*-"$only".*
fi
mkdir -p "$out"

# ---------------------------------------------------------------- PostgreSQL + PostGIS
if [ ! -f /usr/share/postgresql/15/extension/postgis.control ] || [ ! -x "$pgbin/postgres" ]; then
  log "installing postgresql-15-postgis-3 with apt-get"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends \
    postgresql-15 postgresql-15-postgis-3 >/dev/null
fi

as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  as_pg=(runuser -u postgres --)
fi

rm -rf "$pg"
mkdir -p "$pg"
[ "$(id -u)" -eq 0 ] && chown postgres: "$pg"
"${as_pg[@]}" "$pgbin/initdb" -D "$pg/data" -A trust -U postgres -E UTF8 --locale=C >"$pg/initdb.log"
# A batch-analytics setup on this machine: memory in proportion to its RAM, parallel query on every
# core, no WAL for tables created and loaded in one transaction (wal_level minimal), no wait for
# commit flushes. Checksums, autovacuum, JIT and fsync stay at their defaults.
cores="$(nproc)"
cat >>"$pg/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$pg'
shared_buffers = 1GB
work_mem = 256MB
maintenance_work_mem = 1GB
effective_cache_size = 8GB
max_worker_processes = $((cores + 4))
max_parallel_workers = $cores
max_parallel_workers_per_gather = $cores
max_parallel_maintenance_workers = $cores
wal_level = minimal
max_wal_senders = 0
synchronous_commit = off
max_wal_size = 16GB
checkpoint_timeout = 30min
random_page_cost = 1.1
EOF
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$pg/data" -l "$pg/server.log" -w start >/dev/null
pgpid="$(head -1 "$pg/data/postmaster.pid")"
sampler=""
stop_pg() {
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
  if [ -n "${pgpid:-}" ] && kill -0 "$pgpid" 2>/dev/null; then
    kill -INT "$pgpid"   # fast shutdown
    for _ in $(seq 1 120); do kill -0 "$pgpid" 2>/dev/null || break; sleep 0.5; done
    log "PostgreSQL (pid $pgpid) stopped"
  fi
}
trap stop_pg EXIT
log "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') up on 127.0.0.1:$port, postmaster pid $pgpid"
psql_cmd=(psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1)
"${psql_cmd[@]}" -c "SELECT 1" >/dev/null
"${psql_cmd[@]}" -f scripts/peers/common.sql >/dev/null
pg_versions="$("${psql_cmd[@]}" -At -c "SELECT split_part(version(), ' ', 2) || ', PostGIS ' || postgis_lib_version() || ', GEOS ' || split_part(postgis_geos_version(), '-', 1) || ', PROJ ' || split_part(postgis_proj_version(), ' ', 1)")"

# Children of the postmaster (backends, parallel workers, background processes).
pg_children() { ps -o pid= --ppid "$pgpid" | tr -d ' '; }

# CPU seconds of the postmaster and its live children, including reaped children.
pg_cpu() {
  local total=0 f
  for p in "$pgpid" $(pg_children); do
    f="$(cat "/proc/$p/stat" 2>/dev/null)" || continue
    f="${f##*) }"   # fields after "pid (comm) "; utime is the 12th of these
    set -- $f
    total=$((total + ${12} + ${13} + ${14} + ${15}))
  done
  awk -v t="$total" -v hz="$tck" 'BEGIN { printf "%.2f", t / hz }'
}

# Samples the summed PSS (kB) of the PostgreSQL processes every 0.5 s; the peak goes to $1.
sample_pg_memory() {
  local peak=0 sum p v
  while true; do
    sum=0
    for p in "$pgpid" $(pg_children); do
      v="$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null)" || v=0
      sum=$((sum + ${v:-0}))
    done
    if [ "$sum" -gt "$peak" ]; then peak=$sum; echo "$peak" >"$1"; fi
    sleep 0.5
  done
}

warm() { cat "$@" >/dev/null; }

results="$out/results.tsv"
if [ -z "$only" ] || [ ! -f "$results" ]; then
  printf 'job\tside\twall_s\tcpu_s\tpeak_mib\n' >"$results"
else
  grep -v -P "^$only\t" "$results" >"$results.tmp" || true
  mv "$results.tmp" "$results"
fi

# run_zhili JOB ARGS...: the Zhili side under /usr/bin/time.
run_zhili() {
  local job="$1"; shift
  local runs="${ZHILI_PEERS_RUNS:-3}" i
  : >"$out/zhili-$job.runs"
  for i in $(seq 1 "$runs"); do
    log "Zhili $job (run $i of $runs) ..."
    rm -rf "$out/zhili-$job"
    if ! /usr/bin/time -f "%e %U %S %M" -o "$out/zhili-$job.time" "$root/scripts/zhili" "$job" "$@" \
        >"$out/zhili-$job.log" 2>&1; then
      printf '%s\tzhili\tFAILED\tFAILED\tFAILED\n' "$job" >>"$results"
      log "Zhili $job FAILED: $(tail -1 "$out/zhili-$job.log")"
      return 0
    fi
    read -r wall user sys rss <"$out/zhili-$job.time"
    log "Zhili $job: wall ${wall}s, CPU $(awk -v u="$user" -v s="$sys" 'BEGIN{print u+s}')s, peak RSS $((rss / 1024)) MiB"
    echo "$wall $user $sys $rss" >>"$out/zhili-$job.runs"
  done
  # The run with the median wall time stands for the side (its CPU and memory with it): one run of a
  # job of seconds is at the mercy of a neighbour's burst on a shared VM; the others are in the report.
  sort -n "$out/zhili-$job.runs" | awk -v n="$runs" -v j="$job" 'NR == int((n + 1) / 2) {
    printf "%s\tzhili\t%.1f\t%.1f\t%.0f\n", j, $1, $2 + $3, $4 / 1024 }' >>"$results"
}

# run_postgis JOB PSQL-ARGS...: the SQL side, its CPU from /proc and its memory sampled.
run_postgis() {
  local job="$1"; shift
  log "PostGIS $job ..."
  rm -f "$out/postgis-$job.peak"
  sample_pg_memory "$out/postgis-$job.peak" &
  sampler=$!
  local cpu0 t0 t1 cpu1
  cpu0="$(pg_cpu)"
  t0="$(date +%s.%N)"
  /usr/bin/time -f "%U %S" -o "$out/postgis-$job.psqltime" \
    "${psql_cmd[@]}" "$@" -f "scripts/peers/$job.sql" >"$out/postgis-$job.log" 2>&1
  t1="$(date +%s.%N)"
  sleep 1   # let the postmaster reap the session's backend into cutime/cstime
  cpu1="$(pg_cpu)"
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  sampler=""
  read -r pu ps <"$out/postgis-$job.psqltime"
  awk -v j="$job" -v t0="$t0" -v t1="$t1" -v c0="$cpu0" -v c1="$cpu1" -v pu="$pu" -v ps="$ps" \
      -v m="$(cat "$out/postgis-$job.peak" 2>/dev/null || echo 0)" \
    'BEGIN { printf "%s\tpostgis\t%.1f\t%.1f\t%.0f\n", j, t1 - t0, c1 - c0 + pu + ps, m / 1024 }' >>"$results"
  log "PostGIS $job: $(tail -1 "$results" | cut -f3-5 | awk -F'\t' '{print "wall " $1 "s, CPU " $2 "s, peak PSS " $3 " MiB"}')"
}

# ---------------------------------------------------------------- hotspots
if [ -z "$only" ] || [ "$only" = hotspots ]; then
  warm "$data/components.csv" "$data/cases.csv" "$data/areas.geojson"
  run_zhili hotspots --components "$data/components.csv" --cases "$data/cases.csv" \
    --areas "$data/areas.geojson" --out "$out/zhili-hotspots"
  warm "$data/components.csv" "$data/cases.csv" "$data/areas.geojson"
  run_postgis hotspots -v data="$data" -v classes="$root/datasets/src/main/resources/zhili/classes.csv"
fi

# ---------------------------------------------------------------- trucks
if [ -z "$only" ] || [ "$only" = trucks ]; then
  warm "$data/gps.jsonl" "$data/routes.geojson" "$data/sites.geojson" "$data/zones.geojson"
  run_zhili trucks --gps "$data/gps.jsonl" --routes "$data/routes.geojson" --sites "$data/sites.geojson" \
    --zones "$data/zones.geojson" --out "$out/zhili-trucks" ${ZHILI_PEERS_TRUCKS_ARGS:-}
  warm "$data/gps.jsonl" "$data/routes.geojson" "$data/sites.geojson" "$data/zones.geojson"
  run_postgis trucks -v data="$data" -v batch="$batch"
fi

# ---------------------------------------------------------------- changes
if [ -z "$only" ] || [ "$only" = changes ]; then
  # Both rounds as one input, as `scripts/bench.sh changes` runs it.
  warm "$data"/changes/*/*.parquet "$data"/buildings/*.parquet "$data/permits.geojson" "$data/areas.geojson"
  run_zhili changes --changes "$data/changes" --buildings "$data/buildings" --permits "$data/permits.geojson" \
    --areas "$data/areas.geojson" --out "$out/zhili-changes" --round bench
  # The SQL side reads the GeoParquet through DuckDB (COPY FROM PROGRAM, run by the server as its own
  # user): the DuckDB JDBC jar the tests use, copied where that user can read it, and java by full path.
  duck_version="$(sed -n 's:.*<duckdb.version>\(.*\)</duckdb.version>.*:\1:p' pom.xml)"
  duck_jar="${MAVEN_REPO:-$HOME/.m2/repository}/org/duckdb/duckdb_jdbc/$duck_version/duckdb_jdbc-$duck_version.jar"
  [ -f "$duck_jar" ] || mvn -B -q dependency:get -Dartifact="org.duckdb:duckdb_jdbc:$duck_version" >/dev/null
  mkdir -p "$out/duckdb"
  cp "$duck_jar" "$out/duckdb/duckdb_jdbc.jar"
  cp scripts/peers/DuckCopy.java "$out/duckdb/"
  [ "$(id -u)" -eq 0 ] && chown -R postgres: "$out/duckdb"
  duckcopy="$(readlink -f "$(command -v java)") -cp $out/duckdb/duckdb_jdbc.jar $out/duckdb/DuckCopy.java"
  warm "$data"/changes/*/*.parquet "$data"/buildings/*.parquet "$data/permits.geojson"
  run_postgis changes -v data="$data" -v duckcopy="$duckcopy"
fi

stop_pg
trap - EXIT

# ---------------------------------------------------------------- report
zhili_counts() {  # flattened run.json counts as name=value
  jq -r '[paths(numbers) as $p | {key: ($p | map(tostring) | join(".")), value: getpath($p)}]
         | .[] | "\(.key)=\(.value)"' "$1" 2>/dev/null || true
}
{
  echo "# Zhili vs PostGIS, scale $scale"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores ($(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2; exit}')), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM;"
  echo "load average (1, 5, 15 min) at the start: $load_start, at the end: $(cut -d' ' -f1-3 /proc/loadavg);"
  echo "PostgreSQL $pg_versions; $(java -version 2>&1 | head -1)."
  echo
  echo "| job | side | wall (s) | CPU user+sys (s) | peak memory (MiB) |"
  echo "|---|---|---:|---:|---:|"
  tail -n +2 "$results" | awk -F'\t' '{ printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5 }'
  echo
  echo "| job | PostGIS / Zhili wall | PostGIS / Zhili CPU | PostGIS / Zhili memory |"
  echo "|---|---:|---:|---:|"
  awk -F'\t' 'NR > 1 { w[$1, $2] = $3; c[$1, $2] = $4; m[$1, $2] = $5; jobs[$1] = 1 }
    END { for (j in jobs) if (w[j, "zhili"] + 0 > 0 && w[j, "postgis"] + 0 > 0)
            printf "| %s | %.1f× | %.1f× | %.2f× |\n", j, w[j, "postgis"] / w[j, "zhili"],
                   c[j, "postgis"] / c[j, "zhili"], m[j, "postgis"] / m[j, "zhili"] }' "$results"
  echo
  for job in hotspots trucks changes; do
    [ -s "$out/zhili-$job.runs" ] || continue
    echo "Zhili $job runs (the median's wall stands above): $(awk '{ printf "%s%.1f s wall / %.1f s CPU", (NR > 1 ? "; " : ""), $1, $2 + $3 }' "$out/zhili-$job.runs")."
  done
  echo
  echo "Counts that both sides report (Zhili run.json, PostGIS run_counts):"
  echo
  echo "| job | count | Zhili | PostGIS | |"
  echo "|---|---|---:|---:|---|"
  for job in hotspots trucks changes; do
    [ -f "$out/zhili-$job/run.json" ] && [ -f "$out/postgis-$job.log" ] || continue
    zhili_counts "$out/zhili-$job/run.json" \
      | sed -e 's/rejected_by_reason\./rejected./' -e 's/dead_letters_by_reason\./dead_letters./' \
            -e 's/^alerts\.by_rule\./alerts./' >"$out/zhili-$job.counts"
    grep -E '^[a-z_]+\.[A-Za-z0-9_.]+=[0-9]+$' "$out/postgis-$job.log" >"$out/postgis-$job.counts" || true
    awk -F= -v j="$job" 'NR == FNR { z[$1] = $2; next }
      ($1 in z) { printf "| %s | %s | %s | %s | %s |\n", j, $1, z[$1], $2, z[$1] == $2 ? "same" : "**differs**" }' \
      "$out/zhili-$job.counts" "$out/postgis-$job.counts"
  done
  echo
  echo "PostGIS time by stage (sum of the statements' psql \\timing, seconds):"
  echo
  echo '```'
  for job in hotspots trucks changes; do
    [ -f "$out/postgis-$job.log" ] || continue
    awk -v j="$job" '/^== / { stage = substr($0, 4) } /^Time: / && stage != "" { t[stage] += $2 / 1000 }
      END { for (s in t) printf "%8.1f  %s  %s\n", t[s], j, s }' "$out/postgis-$job.log" | sort -rn
  done
  echo '```'
  echo
  echo "Zhili stages (run.json durations_ms, milliseconds; stages overlap in a streaming graph):"
  echo
  echo '```'
  for job in hotspots trucks changes; do
    [ -f "$out/zhili-$job/run.json" ] || continue
    jq -r --arg j "$job" '.durations_ms | to_entries[] | "\(.value)\t\($j)\t\(.key)"' "$out/zhili-$job/run.json" | sort -rn
  done
  echo '```'
} >"$out/report.md"
cat "$out/report.md"
