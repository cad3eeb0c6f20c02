#!/usr/bin/env bash
# How cost grows (called by `scripts/bench.sh scale [SCALES...]`; see docs/SCALING.md and docs/BENCHMARKS.md).
#
# For each scale (default: small city full full2x): generates the data set once into work/bench-SCALE, then runs
#   - hotspots: `zhili hotspots` on the GeoParquet inputs (parquet/components, parquet/cases) with --areas;
#   - trucks:   `zhili trucks` on the generated night (gps.jsonl, replayed as a stream, all eight rules);
# each under /usr/bin/time (wall, user+sys CPU, peak RSS of the JVM) after its inputs were read into the page
# cache, every run with the same heap limit (ZHILI_SCALE_XMX, default 10g, ParallelGC). Then fits, by least
# squares, y = a + b·x for wall, CPU and peak RSS against the million cases, the million components (hotspots)
# and the million GPS reports (trucks): b is the cost per million, a the fixed cost (JVM, Flink, tables of
# constant size). Writes work/bench-scale.tsv (one row per run) and work/bench-scale.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

scales=("$@")
[ ${#scales[@]} -gt 0 ] || scales=(small city full full2x)
for s in "${scales[@]}"; do
  case "$s" in
    small|city|full|full2x) ;;
    *) echo "bench.sh scale: unknown scale '$s' (small, city, full, full2x)" >&2; exit 2 ;;
  esac
done
xmx="${ZHILI_SCALE_XMX:-10g}"
export ZHILI_JAVA_OPTS="-Xmx$xmx -XX:+UseParallelGC"
tsv="$root/work/bench-scale.tsv"
md="$root/work/bench-scale.md"
log() { printf '%s scale: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if [ ! -f "$root/jobs/target/zhili.jar" ] || [ -n "$(find "$root"/{geo-lib,datasets,jobs}/src/main "$root/pom.xml" \
      -newer "$root/jobs/target/zhili.jar" -type f -print -quit)" ]; then
  log "building jobs/target/zhili.jar"
  mvn -B -q -DskipTests package
fi

load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'job\tscale\tcomponents\tcases\tgps_reports\twall_s\tcpu_s\tpeak_rss_mib\n' >"$tsv"
for s in "${scales[@]}"; do
  data="$root/work/bench-$s"
  if [ ! -f "$data/manifest.json" ]; then
    log "generating $s into $data"
    "$root/scripts/zhili" generate --out "$data" --scale "$s" >"$root/work/bench-scale-generate-$s.log"
  fi
  components="$(jq '.rows.components' "$data/manifest.json")"
  cases="$(jq '.rows.cases' "$data/manifest.json")"
  gps="$(jq '[.files[] | select(.path == "gps.jsonl") | .rows] | first' "$data/manifest.json")"
  out="$root/work/bench-scale-$s"

  rm -rf "$out-hotspots"
  cat "$data"/parquet/components/*.parquet "$data"/parquet/cases/*.parquet "$data/areas.geojson" >/dev/null
  log "hotspots $s ..."
  /usr/bin/time -f "%e %U %S %M" -o "$out-hotspots.time" "$root/scripts/zhili" hotspots \
    --components "$data/parquet/components" --cases "$data/parquet/cases" --areas "$data/areas.geojson" \
    --out "$out-hotspots" >"$out-hotspots.log" 2>&1 || { log "hotspots $s FAILED: $(tail -1 "$out-hotspots.log")"; }
  read -r wall user sys rss <"$out-hotspots.time"
  awk -v j=hotspots -v s="$s" -v c="$components" -v k="$cases" -v w="$wall" -v u="$user" -v y="$sys" -v m="$rss" \
    'BEGIN { printf "%s\t%s\t%d\t%d\t0\t%.1f\t%.1f\t%.0f\n", j, s, c, k, w, u + y, m / 1024 }' >>"$tsv"
  log "$(tail -1 "$tsv")"

  rm -rf "$out-trucks"
  cat "$data/gps.jsonl" "$data/routes.geojson" "$data/sites.geojson" "$data/zones.geojson" >/dev/null
  log "trucks $s ..."
  /usr/bin/time -f "%e %U %S %M" -o "$out-trucks.time" "$root/scripts/zhili" trucks --gps "$data/gps.jsonl" \
    --routes "$data/routes.geojson" --sites "$data/sites.geojson" --zones "$data/zones.geojson" \
    --out "$out-trucks" >"$out-trucks.log" 2>&1 || { log "trucks $s FAILED: $(tail -1 "$out-trucks.log")"; }
  read -r wall user sys rss <"$out-trucks.time"
  awk -v j=trucks -v s="$s" -v c="$components" -v k="$cases" -v g="$gps" -v w="$wall" -v u="$user" -v y="$sys" -v m="$rss" \
    'BEGIN { printf "%s\t%s\t%d\t%d\t%d\t%.1f\t%.1f\t%.0f\n", j, s, c, k, g, w, u + y, m / 1024 }' >>"$tsv"
  log "$(tail -1 "$tsv")"
done

# Least squares of y on x over the runs of one job: prints "b a r2" (slope, intercept, R²).
fit() {  # JOB XCOL YCOL
  awk -F'\t' -v j="$1" -v xc="$2" -v yc="$3" 'NR > 1 && $1 == j {
      x = $xc / 1e6; y = $yc; n++; sx += x; sy += y; sxx += x * x; sxy += x * y; syy += y * y }
    END { d = n * sxx - sx * sx; if (n < 2 || d == 0) { print "- - -"; exit }
          b = (n * sxy - sx * sy) / d; a = (sy - b * sx) / n
          st = syy - sy * sy / n; r2 = st > 0 ? (b * (sxy - sx * sy / n)) / st : 1
          printf "%.2f %.1f %.3f\n", b, a, r2 }' "$tsv"
}
{
  echo "# How cost grows: scales ${scales[*]}"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM; every JVM -Xmx$xmx ParallelGC;"
  echo "load average (1, 5, 15 min) at the start: $load_start, at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| job | scale | components | cases | GPS reports | wall (s) | CPU user+sys (s) | peak RSS (MiB) |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|"
  tail -n +2 "$tsv" | awk -F'\t' '{ printf "| %s | %s | %\047d | %\047d | %\047d | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8 }'
  echo
  echo "Least-squares fits y = a + b·x (b per million of x; a the fixed part; R² of the fit):"
  echo
  echo "| job | x | wall s per M (fixed s, R²) | CPU s per M (fixed s, R²) | peak RSS MiB per M (fixed MiB, R²) |"
  echo "|---|---|---:|---:|---:|"
  for spec in "hotspots 4 cases" "hotspots 3 components" "trucks 5 GPS_reports"; do
    set -- $spec
    row="| $1 | ${3//_/ } |"
    for y in 6 7 8; do
      read -r b a r2 < <(fit "$1" "$2" "$y")
      row="$row $b ($a, $r2) |"
    done
    echo "$row"
  done
} >"$md"
cat "$md"
