#!/usr/bin/env bash
# Submits a Zhili job to a running Flink cluster through its REST API: uploads the cluster jar
# (POST /jars/upload; skipped when the cluster already has this very jar), runs it
# (POST /jars/:id/run with the zhili command line as programArgsList), then polls GET /jobs/:id
# until the job has FINISHED (a batch job) or is RUNNING with every task deployed (a streaming job),
# and prints the job id and its web UI address.
#
#   scripts/submit.sh [options] hotspots|trucks|changes [zhili arguments...]
#
#   --rest URL            the cluster's REST address (default $FLINK_REST or http://127.0.0.1:8081)
#   --jar PATH            the jar (default jobs/target/zhili-cluster.jar, built with -Pcluster if missing)
#   --parallelism N       the job's default parallelism (default: the cluster's)
#   --from-savepoint PATH start a streaming job from a savepoint or retained checkpoint
#   --allow-non-restored  with --from-savepoint: skip state of operators the new jar no longer has
#   --until finished|running|submitted
#                         what to wait for (default: finished for hotspots and changes, running for trucks)
#   --timeout SECONDS     give up waiting after this long (default 3600); the job keeps running
#
# Paths given to --components, --cases, --areas, --gps, --routes, --sites, --zones and --out are
# made absolute here: the job's main runs inside the JobManager, whose working directory is not ours.
# They must be readable (and --out writable) by the JobManager and every TaskManager at the same path:
# on one machine any local path, on several machines a shared mount.
#
# Progress, the job id and the web UI address go to stdout, one line each; the last line is
# `job <id>` whenever a job was submitted. A failure is one line on stderr and a non-zero exit
# (1: the job failed, could not start or did not reach the state in time; 2: bad arguments or no
# cluster).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
die() { echo "submit: $1" >&2; exit "${2:-1}"; }
usage="usage: submit.sh [--rest URL] [--jar PATH] [--parallelism N] [--from-savepoint PATH] [--allow-non-restored] [--until finished|running|submitted] [--timeout S] hotspots|trucks|changes [zhili arguments...]"

rest="${FLINK_REST:-http://127.0.0.1:8081}"
jar="$root/jobs/target/zhili-cluster.jar"
jar_given=""
parallelism=""
savepoint=""
allow_non_restored=false
until=""
timeout=3600
while [ $# -gt 0 ]; do
  case "$1" in
    --rest) [ $# -ge 2 ] || die "--rest needs a value" 2; rest="${2%/}"; shift 2 ;;
    --jar) [ $# -ge 2 ] || die "--jar needs a value" 2; jar="$2"; jar_given=1; shift 2 ;;
    --parallelism) [ $# -ge 2 ] || die "--parallelism needs a value" 2; parallelism="$2"; shift 2 ;;
    --from-savepoint) [ $# -ge 2 ] || die "--from-savepoint needs a value" 2; savepoint="$2"; shift 2 ;;
    --allow-non-restored) allow_non_restored=true; shift ;;
    --until) [ $# -ge 2 ] || die "--until needs a value" 2; until="$2"; shift 2 ;;
    --timeout) [ $# -ge 2 ] || die "--timeout needs a value" 2; timeout="$2"; shift 2 ;;
    -h|--help) echo "$usage"; exit 0 ;;
    --*) die "unknown option '$1' ($usage)" 2 ;;
    *) break ;;
  esac
done
[ $# -ge 1 ] || die "$usage" 2
job="$1"; shift
case "$job" in
  hotspots|changes) until="${until:-finished}" ;;
  trucks) until="${until:-running}" ;;
  *) die "unknown job '$job' (hotspots, trucks or changes)" 2 ;;
esac
case "$until" in finished|running|submitted) ;; *) die "--until must be finished, running or submitted" 2 ;; esac
[ -z "$parallelism" ] || [[ "$parallelism" =~ ^[1-9][0-9]*$ ]] || die "--parallelism must be a positive number" 2
[[ "$timeout" =~ ^[1-9][0-9]*$ ]] || die "--timeout must be a positive number of seconds" 2
command -v curl > /dev/null || die "curl not found" 2
command -v jq > /dev/null || die "jq not found (apt-get install jq)" 2

# The zhili command line, with the path options made absolute.
args=("$job")
while [ $# -gt 0 ]; do
  case "$1" in
    --components|--cases|--areas|--gps|--routes|--sites|--zones|--out|--changes|--buildings|--permits|--previous|--catalog)
      [ $# -ge 2 ] || die "$1 needs a value" 2
      args+=("$1" "$(realpath -m -- "$2")"); shift 2 ;;
    --components=*|--cases=*|--areas=*|--gps=*|--routes=*|--sites=*|--zones=*|--out=*|--changes=*|--buildings=*|--permits=*|--previous=*|--catalog=*)
      args+=("${1%%=*}=$(realpath -m -- "${1#*=}")"); shift ;;
    *) args+=("$1"); shift ;;
  esac
done

curl_json() { curl -sS --max-time 60 "$@"; }

overview="$(curl_json -f "$rest/overview" 2>/dev/null)" \
  || die "no Flink cluster answers at $rest (start one with scripts/flink-cluster.sh start)" 2

if [ ! -f "$jar" ]; then
  [ -z "$jar_given" ] || die "jar $jar does not exist" 2
  echo "submit: building $jar (mvn -Pcluster package) ..."
  (cd "$root" && mvn -B -q -Pcluster -DskipTests -pl jobs -am package) > /dev/null \
    || die "building the cluster jar failed (run: mvn -Pcluster -DskipTests -pl jobs -am package)"
fi

# Upload under a name carrying the jar's checksum: a daily run finds its jar already there.
sum="$(sha1sum "$jar" | cut -c1-12)"
name="zhili-$sum.jar"
jar_id="$(curl_json -f "$rest/jars" | jq -r --arg n "$name" '[.files[] | select(.name == $n)][0].id // empty')"
if [ -z "$jar_id" ]; then
  upload="$(curl_json --max-time 600 -X POST -H "Expect:" -F "jarfile=@$jar;filename=$name;type=application/x-java-archive" "$rest/jars/upload")" \
    || die "uploading $jar to $rest failed"
  [ "$(echo "$upload" | jq -r '.status // empty')" = success ] \
    || die "uploading $jar to $rest failed: $(echo "$upload" | jq -r '(.errors // ["no reason given"])[0]' | head -n 1)"
  jar_id="$(basename "$(echo "$upload" | jq -r '.filename')")"
  echo "submit: uploaded $jar as $jar_id"
else
  echo "submit: the cluster already has this jar ($jar_id)"
fi

body="$(jq -n --argjson args "$(printf '%s\n' "${args[@]}" | jq -R . | jq -s .)" \
    --arg parallelism "$parallelism" --arg savepoint "$savepoint" --argjson allow "$allow_non_restored" '
  {programArgsList: $args}
  + (if $parallelism != "" then {parallelism: ($parallelism | tonumber)} else {} end)
  + (if $savepoint != "" then {savepointPath: $savepoint, allowNonRestoredState: $allow} else {} end)')"
response="$(curl_json --max-time 600 -X POST -H "Content-Type: application/json" -d "$body" "$rest/jars/$jar_id/run")" \
  || die "running $jar_id on $rest failed"
job_id="$(echo "$response" | jq -r '.jobid // empty')"
if [ -z "$job_id" ]; then
  # Flink wraps the program's exception; its deepest cause is the one-line reason.
  reason="$(echo "$response" | jq -r '(.errors // [])[]' | grep -E '^(Caused by: )?[a-zA-Z.]+(Exception|Error)[^ ]*: ' | tail -n 1 \
      | sed -E 's/^(Caused by: )?[a-zA-Z.]+(Exception|Error)[^ ]*: //')"
  die "the cluster refused to run the job: ${reason:-$(echo "$response" | head -c 500)}"
fi
ui="$rest/#/job/running/$job_id/overview"
echo "submit: job $job_id submitted ($job); web UI $ui"

finish() {
  echo "job $job_id"
  exit "${1:-0}"
}
[ "$until" = submitted ] && finish

deadline=$((SECONDS + timeout))
last=""
while :; do
  status="$(curl_json -f "$rest/jobs/$job_id" 2>/dev/null || echo '{}')"
  state="$(echo "$status" | jq -r '.state // "UNKNOWN"')"
  if [ "$state" != "$last" ]; then
    echo "submit: job $job_id is $state"
    last="$state"
  fi
  case "$state" in
    FINISHED)
      [ "$job" != trucks ] && for ((i = 1; i < ${#args[@]}; i++)); do
        [ "${args[$i]}" = --out ] && echo "submit: tables and run.json in ${args[$((i + 1))]}"
      done
      finish ;;
    FAILED|CANCELED)
      root_cause="$(curl_json -f "$rest/jobs/$job_id/exceptions" 2>/dev/null | jq -r '.exceptionHistory.entries[0].exceptionName + ": " + (.exceptionHistory.entries[0].stacktrace // "" | split("\n") | map(select(startswith("Caused by: "))) | last // "")' 2>/dev/null || true)"
      echo "submit: job $job_id $state${root_cause:+: $root_cause}" >&2
      echo "job $job_id"
      exit 1 ;;
    RUNNING)
      if [ "$until" = running ]; then
        # Every task deployed and running (not only the job): the job is processing.
        pending="$(echo "$status" | jq '[.vertices[] | select(.status != "RUNNING" and .status != "FINISHED")] | length')"
        [ "$pending" = 0 ] && finish
      fi ;;
  esac
  if [ $SECONDS -ge $deadline ]; then
    echo "submit: gave up waiting after $timeout s; job $job_id is $state and keeps running ($ui)" >&2
    echo "job $job_id"
    exit 1
  fi
  sleep 1
done
