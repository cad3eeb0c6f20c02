#!/usr/bin/env bash
# Savepoints of a running streaming job (the trucks job) through the Flink REST API: take one,
# stop the job with one, resume a new submission from one.
#
#   scripts/savepoint.sh trigger JOB [--dir URI] [--native] [--rest URL]
#       take a savepoint and keep the job running; prints the savepoint's path
#   scripts/savepoint.sh stop JOB [--dir URI] [--native] [--drain] [--rest URL]
#       take a savepoint and stop the job once it is taken (the sinks commit everything up to it);
#       --drain first advances event time to the end (fires every pending timer: only for a final stop,
#       never before an upgrade). Prints the savepoint's path.
#   scripts/savepoint.sh latest JOB [--rest URL]
#       the path of the job's latest completed checkpoint (retained on cancellation, resumable like a
#       savepoint after a crash)
#   scripts/savepoint.sh resume PATH [submit.sh options] trucks [zhili arguments...]
#       submit the job again starting from a savepoint or retained checkpoint (scripts/submit.sh
#       --from-savepoint PATH ...)
#
# JOB is a job id (32 hex digits) or the name of exactly one running job ("zhili trucks").
# --dir defaults to the cluster's execution.checkpointing.savepoint-dir; --native takes the savepoint
# in the state backend's own format (faster for large RocksDB state, but only readable by the same
# backend), the default is Flink's canonical format, which survives a change of state backend.
# --rest defaults to $FLINK_REST or http://127.0.0.1:8081. The savepoint path is the last line of
# stdout; a failure is one line on stderr and a non-zero exit.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
die() { echo "savepoint: $1" >&2; exit "${2:-1}"; }
usage="usage: savepoint.sh trigger|stop|latest JOB [--dir URI] [--native] [--drain] [--rest URL] | resume PATH [submit.sh arguments]"

[ $# -ge 2 ] || die "$usage" 2
cmd="$1"; shift
if [ "$cmd" = resume ]; then
  path="$1"; shift
  exec "$root/scripts/submit.sh" --from-savepoint "$path" "$@"
fi
job="$1"; shift
rest="${FLINK_REST:-http://127.0.0.1:8081}"
dir=""
format=CANONICAL
drain=false
while [ $# -gt 0 ]; do
  case "$1" in
    --rest) [ $# -ge 2 ] || die "--rest needs a value" 2; rest="${2%/}"; shift 2 ;;
    --dir) [ $# -ge 2 ] || die "--dir needs a value" 2; dir="$2"; shift 2 ;;
    --native) format=NATIVE; shift ;;
    --drain) drain=true; shift ;;
    *) die "unknown argument '$1' ($usage)" 2 ;;
  esac
done
case "$cmd" in trigger|stop|latest) ;; *) die "unknown command '$cmd' ($usage)" 2 ;; esac
command -v curl > /dev/null || die "curl not found" 2
command -v jq > /dev/null || die "jq not found (apt-get install jq)" 2
curl -fsS --max-time 10 "$rest/overview" > /dev/null 2>&1 || die "no Flink cluster answers at $rest" 2
# A local directory is a file:// URI for the cluster.
if [ -n "$dir" ] && [[ "$dir" != *://* ]]; then
  dir="file://$(realpath -m -- "$dir")"
fi

if [[ ! "$job" =~ ^[0-9a-f]{32}$ ]]; then
  ids="$(curl -fsS --max-time 10 "$rest/jobs/overview" | jq -r --arg n "$job" '.jobs[] | select(.name == $n and .state == "RUNNING") | .jid')"
  [ -n "$ids" ] || die "no running job named '$job' at $rest"
  [ "$(echo "$ids" | wc -l)" -eq 1 ] || die "several running jobs are named '$job' ($(echo $ids)): give the job id"
  job="$ids"
fi
state="$(curl -fsS --max-time 10 "$rest/jobs/$job" 2>/dev/null | jq -r '.state // empty')" \
  || die "job $job is unknown at $rest"

if [ "$cmd" = latest ]; then
  path="$(curl -fsS --max-time 10 "$rest/jobs/$job/checkpoints" | jq -r '.latest.completed.external_path // empty')"
  [ -n "$path" ] || die "job $job has no completed checkpoint yet"
  echo "$path"
  exit 0
fi
[ "$state" = RUNNING ] || die "job $job is $state, not RUNNING"

if [ "$cmd" = trigger ]; then
  body="$(jq -n --arg d "$dir" --arg f "$format" '{"cancel-job": false, formatType: $f} + (if $d != "" then {"target-directory": $d} else {} end)')"
  url="$rest/jobs/$job/savepoints"
else
  body="$(jq -n --arg d "$dir" --arg f "$format" --argjson drain "$drain" '{drain: $drain, formatType: $f} + (if $d != "" then {targetDirectory: $d} else {} end)')"
  url="$rest/jobs/$job/stop"
fi
response="$(curl -sS --max-time 30 -X POST -H "Content-Type: application/json" -d "$body" "$url")"
trigger="$(echo "$response" | jq -r '."request-id" // empty')"
[ -n "$trigger" ] || die "the cluster refused the savepoint: $(echo "$response" | jq -r '(.errors // ["?"])[0]' | head -n 1)"
echo "savepoint: $cmd of job $job requested ($trigger)"

deadline=$((SECONDS + 600))
while :; do
  status="$(curl -fsS --max-time 10 "$rest/jobs/$job/savepoints/$trigger")"
  if [ "$(echo "$status" | jq -r '.status.id')" = COMPLETED ]; then
    cause="$(echo "$status" | jq -r '.operation."failure-cause"."stack-trace" // empty' | grep -m1 -E 'Exception|Error' || true)"
    [ -z "$cause" ] || die "the savepoint of job $job failed: $cause"
    path="$(echo "$status" | jq -r '.operation.location')"
    break
  fi
  [ $SECONDS -lt $deadline ] || die "the savepoint of job $job did not complete within 600 s"
  sleep 1
done

if [ "$cmd" = stop ]; then
  while :; do
    state="$(curl -fsS --max-time 10 "$rest/jobs/$job" | jq -r '.state')"
    case "$state" in
      FINISHED|CANCELED) break ;;
      FAILED) die "job $job failed while stopping; its savepoint is $path" ;;
    esac
    [ $SECONDS -lt $deadline ] || die "job $job did not stop within 600 s; its savepoint is $path"
    sleep 1
  done
  echo "savepoint: job $job stopped ($state)"
fi
echo "$path"
