#!/usr/bin/env bash
# Zhili against Apache Sedona on Spark (local mode, every core), the hotspot job, side by side on one generated
# data set and one machine (called by `scripts/bench.sh peers sedona [small|city|full|full2x]`; see
# docs/BENCHMARKS.md).
#
#   1. generate the data set once into work/bench-SCALE (shared with the other bench modes);
#   2. build the Sedona job (scripts/peers/sedona/, its own Maven project, never part of the Zhili build or CI)
#      when its jar is missing or older than its sources: Maven downloads Spark and Sedona on the first run;
#   3. Zhili (`zhili hotspots` on the CSV files, ZHILI_PEERS_RUNS runs, default 3, the median's figures stand),
#      then the Sedona job once, each after the same input files were read into the page cache; both under
#      /usr/bin/time: wall, CPU (user+sys) and peak RSS of the whole JVM;
#   4. the counts both sides report (rows read, accepted, rejected by reason, joined by id / nearest,
#      unattached, events, hotspot_cells rows) side by side, into work/peers-SCALE/report-sedona.md.
#
# Environment: ZHILI_PEERS_RUNS (3), ZHILI_SEDONA_XMX (the Spark JVM's -Xmx: 10g at full scale and above, else
# 4g; local mode runs driver and executor in that one JVM), ZHILI_JAVA_OPTS (Zhili's, via scripts/zhili).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

scale="${1:-city}"
case "$scale" in
  small|city) xmx_default=4g ;;
  full|full2x) xmx_default=10g ;;
  *) echo "bench.sh peers sedona: scale must be small, city, full or full2x, not '$scale'" >&2; exit 2 ;;
esac
xmx="${ZHILI_SEDONA_XMX:-$xmx_default}"
runs="${ZHILI_PEERS_RUNS:-3}"
data="$root/work/bench-$scale"
out="$root/work/peers-$scale"
project="$root/scripts/peers/sedona"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
log() { printf '%s peers sedona: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# ---------------------------------------------------------------- inputs and builds
if [ ! -f "$root/jobs/target/zhili.jar" ] || [ -n "$(find "$root"/{geo-lib,datasets,jobs}/src/main "$root/pom.xml" \
      -newer "$root/jobs/target/zhili.jar" -type f -print -quit)" ]; then
  log "building jobs/target/zhili.jar"
  mvn -B -q -DskipTests package
fi
sedona_jar="$project/target/sedona-hotspots-1.jar"
if [ ! -f "$sedona_jar" ] || [ ! -f "$project/target/classpath.txt" ] \
    || [ -n "$(find "$project/src" "$project/pom.xml" -newer "$sedona_jar" -type f -print -quit)" ]; then
  log "building the Sedona job (scripts/peers/sedona; the first build downloads Spark and Sedona)"
  mvn -B -q -f "$project/pom.xml" -DskipTests package
fi
[ -f "$data/manifest.json" ] || "$root/scripts/zhili" generate --out "$data" --scale "$scale"
mkdir -p "$out"
rm -rf "$out/sedona-hotspots" "$out/zhili-hotspots-s"

# Spark 3.5 on Java 17 needs these (what spark-submit adds itself).
spark_opens="-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED \
--add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED \
--add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED \
--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
--add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED \
--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
--add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED \
--add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false"
# shellcheck disable=SC2206
sedona_java=(java -Xmx"$xmx" $spark_opens -cp "$sedona_jar:$(cat "$project/target/classpath.txt")" io.zhili.peers.SedonaHotspots)
warm() { cat "$data/components.csv" "$data/cases.csv" "$data/areas.geojson" >/dev/null; }

# ---------------------------------------------------------------- Zhili
: >"$out/zhili-hotspots-s.runs"
for i in $(seq 1 "$runs"); do
  log "Zhili hotspots (run $i of $runs) ..."
  rm -rf "$out/zhili-hotspots-s"
  warm
  /usr/bin/time -f "%e %U %S %M" -o "$out/zhili-hotspots-s.time" "$root/scripts/zhili" hotspots \
    --components "$data/components.csv" --cases "$data/cases.csv" --areas "$data/areas.geojson" \
    --out "$out/zhili-hotspots-s" >"$out/zhili-hotspots-s.log" 2>&1
  read -r wall user sys rss <"$out/zhili-hotspots-s.time"
  log "Zhili: wall ${wall}s, CPU $(awk -v u="$user" -v s="$sys" 'BEGIN{print u+s}')s, peak RSS $((rss / 1024)) MiB"
  echo "$wall $user $sys $rss" >>"$out/zhili-hotspots-s.runs"
done

# ---------------------------------------------------------------- Sedona
log "Sedona hotspots (-Xmx$xmx) ..."
warm
/usr/bin/time -f "%e %U %S %M" -o "$out/sedona-hotspots.time" "${sedona_java[@]}" \
  "$data" "$root/datasets/src/main/resources/zhili/classes.csv" "$out/sedona-hotspots" >"$out/sedona-hotspots.log" 2>"$out/sedona-hotspots.err" \
  || { log "Sedona FAILED: $(grep -m1 -E 'Exception|Error' "$out/sedona-hotspots.err" || tail -1 "$out/sedona-hotspots.err")"; }
swall=0 suser=0 ssys=0 srss=0
read -r swall suser ssys srss < <(grep -E '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+$' "$out/sedona-hotspots.time") || true
log "Sedona: wall ${swall}s, CPU $(awk -v u="$suser" -v s="$ssys" 'BEGIN{print u+s}')s, peak RSS $((srss / 1024)) MiB"

# Zhili's hotspot_cells rows, counted by Spark (not timed), under the names the Sedona job prints.
log "counting Zhili's hotspot_cells ..."
"${sedona_java[@]}" --count-zhili "$out/zhili-hotspots-s" >"$out/zhili-hotspots-s.cells" 2>/dev/null || true

# ---------------------------------------------------------------- report
sort -n "$out/zhili-hotspots-s.runs" | awk -v n="$runs" 'NR == int((n + 1) / 2)' >"$out/zhili-hotspots-s.median"
read -r zwall zuser zsys zrss <"$out/zhili-hotspots-s.median"
jq -r '[paths(numbers) as $p | {key: ($p | map(tostring) | join(".")), value: getpath($p)}]
       | .[] | "\(.key)=\(.value)"' "$out/zhili-hotspots-s/run.json" 2>/dev/null \
  | sed -e 's/rejected_by_reason\./rejected./' >"$out/zhili-hotspots-s.counts" || true
cat "$out/zhili-hotspots-s.cells" >>"$out/zhili-hotspots-s.counts"
grep -E '^[a-z_]+\.[A-Za-z0-9_.]+=[0-9]+$' "$out/sedona-hotspots.log" >"$out/sedona-hotspots.counts" || true
{
  echo "# Zhili vs Apache Sedona on Spark, hotspots, scale $scale"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores ($(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2; exit}')), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM;"
  echo "load average (1, 5, 15 min) at the start: $load_start, at the end: $(cut -d' ' -f1-3 /proc/loadavg);"
  echo "Sedona $(sed -n 's:.*<sedona.version>\(.*\)</sedona.version>.*:\1:p' "$project/pom.xml") on Spark $(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' "$project/pom.xml") local[$(nproc)], -Xmx$xmx; $(java -version 2>&1 | head -1)."
  echo
  echo "| side | wall (s) | CPU user+sys (s) | peak RSS (MiB) |"
  echo "|---|---:|---:|---:|"
  awk -v w="$zwall" -v u="$zuser" -v s="$zsys" -v m="$zrss" 'BEGIN { printf "| Zhili | %.1f | %.1f | %.0f |\n", w, u + s, m / 1024 }'
  awk -v w="${swall:-0}" -v u="${suser:-0}" -v s="${ssys:-0}" -v m="${srss:-0}" 'BEGIN { printf "| Sedona | %.1f | %.1f | %.0f |\n", w, u + s, m / 1024 }'
  echo
  awk -v zw="$zwall" -v zc="$(awk -v u="$zuser" -v s="$zsys" 'BEGIN{print u+s}')" -v zm="$zrss" \
      -v sw="${swall:-0}" -v sc="$(awk -v u="${suser:-0}" -v s="${ssys:-0}" 'BEGIN{print u+s}')" -v sm="${srss:-0}" \
    'BEGIN { if (zw > 0 && sw > 0) printf "Sedona / Zhili: wall **%.1f×**, CPU %.1f×, memory %.2f×.\n", sw / zw, sc / zc, sm / zm }'
  echo
  echo "Zhili runs (the median's wall stands above): $(awk '{ printf "%s%.1f s wall / %.1f s CPU", (NR > 1 ? "; " : ""), $1, $2 + $3 }' "$out/zhili-hotspots-s.runs")."
  echo
  echo "Counts that both sides report (Zhili run.json and its hotspot_cells, the Sedona job's counts):"
  echo
  echo "| count | Zhili | Sedona | |"
  echo "|---|---:|---:|---|"
  awk -F= 'NR == FNR { z[$1] = $2; next }
    ($1 in z) { printf "| %s | %s | %s | %s |\n", $1, z[$1], $2, z[$1] == $2 ? "same" : "**differs**" }' \
    "$out/zhili-hotspots-s.counts" "$out/sedona-hotspots.counts"
  echo
  echo "Sedona steps (each table materialised and counted as it is built; seconds):"
  echo
  echo '```'
  grep -E '^(==|  [a-z_]+ +[0-9,]+ rows)' "$out/sedona-hotspots.err" || true
  echo '```'
  echo
  echo "Zhili stages (run.json durations_ms):"
  echo
  echo '```'
  jq -r '.durations_ms | to_entries[] | "\(.value)\t\(.key)"' "$out/zhili-hotspots-s/run.json" 2>/dev/null | sort -rn || true
  echo '```'
} >"$out/report-sedona.md"
cat "$out/report-sedona.md"
