#!/usr/bin/env bash
# One scheduled hotspots run of a date window, submitted to the Flink cluster (scripts/submit.sh):
# the window starting on FROM and lasting one day, ISO week or calendar month, into
# $ZHILI_OUT/daily|weekly|monthly/ — replacing only that window's partitions, so a scheduler may rerun it.
#
#   scripts/hotspots-window.sh day|week|month FROM [submit.sh options...]
#
# FROM is a local (Beijing) date, yyyy-MM-dd: any day, a Monday for week, the 1st for month.
# Environment: ZHILI_COMPONENTS and ZHILI_CASES (PATH: CSV/Parquet file or directory), ZHILI_OUT
# (base output directory), optional ZHILI_AREAS (GeoJSON), ZHILI_RES (default 9), FLINK_REST.
# Exit status: submit.sh's (0 when the run is published).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
die() { echo "hotspots-window: $*" >&2; exit 2; }

[ $# -ge 2 ] || die "usage: hotspots-window.sh day|week|month FROM [submit.sh options...]"
period="$1"; from="$2"; shift 2
[[ "$from" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] && date -d "$from" > /dev/null 2>&1 || die "FROM '$from' is not a date yyyy-MM-dd"
case "$period" in
  day) to="$(date -d "$from + 1 day" +%F)"; dir=daily ;;
  week) [ "$(date -d "$from" +%u)" = 1 ] || die "a week starts on a Monday, $from is not one"
        to="$(date -d "$from + 7 days" +%F)"; dir=weekly ;;
  month) [ "$(date -d "$from" +%d)" = 01 ] || die "a month starts on the 1st, not $from"
         to="$(date -d "$from + 1 month" +%F)"; dir=monthly ;;
  *) die "period must be day, week or month, not '$period'" ;;
esac
: "${ZHILI_COMPONENTS:?set ZHILI_COMPONENTS}" "${ZHILI_CASES:?set ZHILI_CASES}" "${ZHILI_OUT:?set ZHILI_OUT}"

args=(--components "$ZHILI_COMPONENTS" --cases "$ZHILI_CASES" --out "$ZHILI_OUT/$dir"
      --period "$period" --from "$from" --to "$to" --res "${ZHILI_RES:-9}")
[ -z "${ZHILI_AREAS:-}" ] || args+=(--areas "$ZHILI_AREAS")
echo "hotspots-window: $period $from .. $to (exclusive) into $ZHILI_OUT/$dir"
exec "$root/scripts/submit.sh" "$@" hotspots "${args[@]}"
