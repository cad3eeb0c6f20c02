#!/usr/bin/env bash
# A real Apache Flink standalone session cluster on this machine: one JobManager and N TaskManagers
# (default 2), each a separate JVM, assembled from Maven Central jars (flink-dist is not published
# there). For trying the jobs on a cluster, the cluster integration test and the demo. No Docker.
#
#   scripts/flink-cluster.sh start  [--dir D] [--port N] [--rpc-port N] [--taskmanagers N] [--slots N]
#                                   [--state-backend hashmap|rocksdb] [--jm-memory SIZE] [--tm-memory SIZE]
#                                   [--prometheus PORT-RANGE]
#   scripts/flink-cluster.sh stop   [--dir D]
#   scripts/flink-cluster.sh status [--dir D]
#
# start: resolves the cluster classpath once (scripts/flink/pom.xml, cached under
#   scripts/flink/target/), writes D/conf/config.yaml and D/conf/log4j.properties, starts
#   StandaloneSessionClusterEntrypoint and, for each TaskManager, asks BashJavaUtils for the JVM
#   flags and memory properties Flink's own shell scripts would pass, then starts TaskManagerRunner.
#   Waits until the REST API on 127.0.0.1:PORT reports every TaskManager registered. Pid files are
#   D/jobmanager.pid and D/taskmanager-<i>.pid, logs D/log/. Starting a running cluster starts only
#   the processes that are missing (so a killed TaskManager comes back with `start`); its settings
#   are those of the first start until `stop`.
#   Defaults: --dir <repo>/target/flink, --port 8081, --rpc-port 6123, 2 TaskManagers with 2 slots
#   each, hashmap state backend, JobManager 1024m, TaskManagers 2048m, Prometheus off.
#   Checkpoints go to D/checkpoints, savepoints to D/savepoints, uploaded jars to D/web-upload.
# stop: TERM by pid (TaskManagers first), KILL after 30 s; stopping a stopped cluster is not an error.
# status: one line per process and the REST overview; exit 0 when everything runs, 3 otherwise.
# Every failure is one line on stderr and a non-zero exit. Needs java (17) and mvn on PATH.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
helper_pom="$root/scripts/flink/pom.xml"
cp_file="$root/scripts/flink/target/classpath.txt"

die() { echo "flink-cluster: $*" >&2; exit 1; }
# shellcheck source=lib/helper-classpath.sh
source "$root/scripts/lib/helper-classpath.sh"
usage="usage: flink-cluster.sh start|stop|status [--dir D] [--port N] [--rpc-port N] [--taskmanagers N] [--slots N] [--state-backend hashmap|rocksdb] [--jm-memory SIZE] [--tm-memory SIZE] [--prometheus PORT-RANGE]"

[ $# -ge 1 ] || die "$usage"
cmd="$1"; shift
dir="$root/target/flink"
port=8081
rpc_port=6123
taskmanagers=2
slots=2
backend=hashmap
jm_memory=1024m
tm_memory=2048m
prometheus=""
need() { [ $# -ge 2 ] || die "$1 needs a value"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) need "$@"; dir="$2"; shift 2 ;;
    --port) need "$@"; port="$2"; shift 2 ;;
    --rpc-port) need "$@"; rpc_port="$2"; shift 2 ;;
    --taskmanagers) need "$@"; taskmanagers="$2"; shift 2 ;;
    --slots) need "$@"; slots="$2"; shift 2 ;;
    --state-backend) need "$@"; backend="$2"; shift 2 ;;
    --jm-memory) need "$@"; jm_memory="$2"; shift 2 ;;
    --tm-memory) need "$@"; tm_memory="$2"; shift 2 ;;
    --prometheus) need "$@"; prometheus="$2"; shift 2 ;;
    *) die "unknown argument '$1' ($usage)" ;;
  esac
done
for p in "$port" "$rpc_port"; do
  [[ "$p" =~ ^[0-9]+$ ]] && [ "$p" -ge 1 ] && [ "$p" -le 65535 ] || die "port '$p' is not a number in 1..65535"
done
[ "$port" != "$rpc_port" ] || die "--rpc-port must differ from --port"
[[ "$taskmanagers" =~ ^[1-9][0-9]?$ ]] || die "--taskmanagers must be a number in 1..99, not '$taskmanagers'"
[[ "$slots" =~ ^[1-9][0-9]?$ ]] || die "--slots must be a number in 1..99, not '$slots'"
case "$backend" in hashmap|rocksdb) ;; *) die "--state-backend must be hashmap or rocksdb, not '$backend'" ;; esac
for m in "$jm_memory" "$tm_memory"; do
  [[ "$m" =~ ^[0-9]+[mMgG]$ ]] || die "memory size '$m' must look like 1024m or 2g"
done
[ -z "$prometheus" ] || [[ "$prometheus" =~ ^[0-9]+(-[0-9]+)?$ ]] || die "--prometheus must be a port or a range like 9250-9260"

mkdir -p "$dir" || die "cannot create directory $dir"
dir="$(cd "$dir" && pwd)"
conf="$dir/conf"
logs="$dir/log"

# Java 17 module flags Flink needs (the env.java.opts.all of Flink's own config.yaml); kept in one
# place and written into config.yaml too, so `flink run` against this cluster sees the same.
java_opens="--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED \
--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
--add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
--add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED \
--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED"

java_bin() {
  local java="java"
  [ -n "${JAVA_HOME:-}" ] && java="$JAVA_HOME/bin/java"
  command -v "$java" >/dev/null || die "java not found (set JAVA_HOME or put java on PATH)"
  echo "$java"
}

# The pid in a pid file, if that process is alive and runs the expected main class (not a recycled pid).
running_pid() {
  local pid_file="$1" main="$2" pid
  [ -f "$pid_file" ] || return 1
  pid="$(cat "$pid_file" 2>/dev/null)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q "$main" || return 1
  echo "$pid"
}

jm_main=org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint
tm_main=org.apache.flink.runtime.taskexecutor.TaskManagerRunner

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

rest_port() { cat "$dir/rest.port" 2>/dev/null || echo "$port"; }

overview() { curl -fsS --max-time 5 "http://127.0.0.1:$(rest_port)/overview" 2>/dev/null; }

classpath() { helper_classpath "$helper_pom" "$cp_file" "$dir" Flink; }

write_conf() {
  mkdir -p "$conf" "$logs" "$dir/checkpoints" "$dir/savepoints" "$dir/web-upload" "$dir/tmp"
  local prom=""
  if [ -n "$prometheus" ]; then
    # One scrape endpoint per process: each JVM takes the next free port of the range.
    prom="
metrics:
  reporter:
    prom:
      factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory
      port: $prometheus"
  fi
  cat > "$conf/config.yaml" <<EOF
# Written by scripts/flink-cluster.sh (Flink 2.x standard YAML). Everything listens on loopback.
jobmanager:
  rpc:
    address: 127.0.0.1
    port: $rpc_port
  bind-host: 127.0.0.1
  memory:
    process:
      size: $jm_memory
taskmanager:
  host: 127.0.0.1
  bind-host: 127.0.0.1
  numberOfTaskSlots: $slots
  memory:
    process:
      size: $tm_memory
    # BATCH jobs sort and hash in managed memory; streaming jobs with the hashmap backend use none.
    managed:
      fraction: 0.25
  network:
    sort-shuffle:
      # BATCH jobs' blocking shuffle reserves this many 32 KB buffers per result partition (default
      # 512 = 16 MB); a small TaskManager runs several such tasks per slot at once.
      min-buffers: 128
parallelism:
  default: $slots
heartbeat:
  # On one machine a killed TaskManager is noticed in seconds (defaults: 10 s interval, 50 s timeout).
  interval: 2000
  timeout: 10000
rest:
  address: 127.0.0.1
  bind-address: 127.0.0.1
  port: $port
web:
  # Jars uploaded through POST /jars/upload survive a JobManager restart here.
  upload:
    dir: $dir/web-upload
  submit:
    enable: true
  cancel:
    enable: true
state:
  backend:
    type: $backend
    # RocksDB only: keep the working files with the cluster, not in /tmp.
    rocksdb:
      localdir: $dir/tmp/rocksdb
execution:
  checkpointing:
    dir: file://$dir/checkpoints
    savepoint-dir: file://$dir/savepoints
    # Keep the last checkpoint when a job is cancelled, so it can be resumed like a savepoint.
    externalized-checkpoint-retention: RETAIN_ON_CANCELLATION
    num-retained: 3
io:
  tmp:
    dirs: $dir/tmp
classloader:
  # The default, stated: the user jar's own libraries (jackson, picocli, parquet, geotools) win over
  # anything on the cluster classpath; Flink, Hadoop, logging and Kryo always come from the cluster.
  resolve-order: child-first
cluster:
  # A System.exit in a user main running on the JobManager (REST submission) must not end the
  # JobManager: it becomes an exception instead.
  intercept-user-system-exit: THROW
env:
  java:
    opts:
      all: $java_opens$prom
EOF
  cat > "$conf/log4j.properties" <<'EOF'
# Written by scripts/flink-cluster.sh: each process logs to its own file (-Dlog.file), as Flink's
# scripts do, so the web UI can show the logs.
monitorInterval=30
rootLogger.level=INFO
rootLogger.appenderRef.file.ref=MainAppender
logger.pekko.name=org.apache.pekko
logger.pekko.level=WARN
logger.kafka.name=org.apache.kafka
logger.kafka.level=WARN
logger.netty.name=org.apache.flink.shaded.netty4.io.netty.channel.DefaultChannelPipeline
logger.netty.level=ERROR
appender.main.name=MainAppender
appender.main.type=RollingFile
appender.main.append=true
appender.main.fileName=${sys:log.file}
appender.main.filePattern=${sys:log.file}.%i
appender.main.layout.type=PatternLayout
appender.main.layout.pattern=%d{yyyy-MM-dd HH:mm:ss,SSS} %-5level %-60c %x - %m%n
appender.main.policies.type=Policies
appender.main.policies.size.type=SizeBasedTriggeringPolicy
appender.main.policies.size.size=100MB
appender.main.strategy.type=DefaultRolloverStrategy
appender.main.strategy.max=5
EOF
  echo "$port" > "$dir/rest.port"
}

# The last two BASH_JAVA_UTILS_EXEC_RESULT lines: JVM flags, then -D properties (as Flink's config.sh).
resource_params() {
  local java="$1" cp="$2" what="$3" out
  out="$("$java" -cp "$cp" -Dlog4j2.configurationFile="$conf/log4j.properties" -Dlog.file="$logs/bash-java-utils.log" \
      org.apache.flink.runtime.util.bash.BashJavaUtils "$what" --configDir "$conf" 2>&1)" \
    || die "BashJavaUtils $what failed: $(echo "$out" | grep -m1 -E 'Exception|Error' | cut -c1-300)"
  echo "$out" | grep '^BASH_JAVA_UTILS_EXEC_RESULT:' | tail -n 2 | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://'
}

# Starts one Flink process in the background; echoes its pid.
launch() {
  local java="$1" cp="$2" name="$3" main="$4" jvm="$5" props="$6"
  local log_file="$logs/flink-$name.log"
  # Reporters and filesystems are on the classpath; an empty plugins directory keeps Flink quiet about it.
  mkdir -p "$dir/plugins"
  # shellcheck disable=SC2086
  FLINK_PLUGINS_DIR="$dir/plugins" nohup "$java" $jvm -XX:+UseParallelGC $java_opens \
      "-Dlog.file=$log_file" "-Dlog4j2.configurationFile=$conf/log4j.properties" -Dlog4j2.formatMsgNoLookups=true \
      -cp "$cp" "$main" --configDir "$conf" $props > "$logs/flink-$name.out" 2>&1 < /dev/null &
  echo $!
}

wait_for_rest() {
  local jm_pid="$1" want="$2" deadline=$((SECONDS + 180)) json
  while [ $SECONDS -lt $deadline ]; do
    kill -0 "$jm_pid" 2>/dev/null \
      || die "JobManager exited while starting: $(grep -m1 -E 'ERROR|Exception' "$logs/flink-jobmanager.log" "$logs/flink-jobmanager.out" 2>/dev/null | cut -c1-300 || echo "see $logs")"
    if json="$(overview)"; then
      local tms
      tms="$(echo "$json" | sed -n 's/.*"taskmanagers":\([0-9]*\).*/\1/p')"
      if [ "${tms:-0}" -ge "$want" ]; then
        return 0
      fi
    fi
    sleep 1
  done
  die "the cluster did not report $want TaskManagers on http://127.0.0.1:$port within 180 s (see $logs)"
}

start() {
  local java cp jm_pid started=0
  java="$(java_bin)"
  command -v curl >/dev/null || die "curl not found"
  if jm_pid="$(running_pid "$dir/jobmanager.pid" "$jm_main")"; then
    # Keep the running cluster's settings: the TaskManagers must match the JobManager's config.
    port="$(rest_port)"
  else
    listening "$port" && die "REST port $port is already in use by another process"
    listening "$rpc_port" && die "RPC port $rpc_port is already in use by another process"
    for f in "$dir"/taskmanager-*.pid; do
      [ -e "$f" ] || continue
      running_pid "$f" "$tm_main" > /dev/null && die "a TaskManager of an earlier cluster still runs (pid $(cat "$f")); run stop first"
    done
    rm -f "$dir"/*.pid
    write_conf
    echo "$taskmanagers" > "$dir/taskmanagers"
    cp="$(classpath)"
    local jm_params
    jm_params="$(resource_params "$java" "$cp" GET_JM_RESOURCE_PARAMS)"
    jm_pid="$(launch "$java" "$cp" jobmanager "$jm_main" "$(echo "$jm_params" | sed -n 1p)" "$(echo "$jm_params" | sed -n 2p)")"
    echo "$jm_pid" > "$dir/jobmanager.pid"
    started=$((started + 1))
  fi
  taskmanagers="$(cat "$dir/taskmanagers")"
  cp="$(classpath)"
  local tm_params=""
  for i in $(seq 1 "$taskmanagers"); do
    running_pid "$dir/taskmanager-$i.pid" "$tm_main" > /dev/null && continue
    [ -n "$tm_params" ] || tm_params="$(resource_params "$java" "$cp" GET_TM_RESOURCE_PARAMS)"
    local pid
    pid="$(launch "$java" "$cp" "taskmanager-$i" "$tm_main" "$(echo "$tm_params" | sed -n 1p)" \
        "$(echo "$tm_params" | sed -n 2p) -D taskmanager.resource-id=zhili-tm-$i")"
    echo "$pid" > "$dir/taskmanager-$i.pid"
    started=$((started + 1))
  done
  wait_for_rest "$jm_pid" "$taskmanagers"
  if [ "$started" -eq 0 ]; then
    echo "flink-cluster: already running; web UI http://127.0.0.1:$port"
  else
    echo "flink-cluster: started $started process(es); JobManager pid $jm_pid, $taskmanagers TaskManagers x $(grep -m1 'numberOfTaskSlots' "$conf/config.yaml" | awk '{print $2}') slots; web UI http://127.0.0.1:$port; logs $logs"
  fi
}

stop_pid() {
  local pid="$1" deadline=$((SECONDS + 30))
  kill "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then
      kill -9 "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
}

stop() {
  local stopped=() pid f
  for f in "$dir"/taskmanager-*.pid; do
    [ -e "$f" ] || continue
    if pid="$(running_pid "$f" "$tm_main")"; then
      stop_pid "$pid"
      stopped+=("$(basename "$f" .pid) $pid")
    fi
    rm -f "$f"
  done
  if pid="$(running_pid "$dir/jobmanager.pid" "$jm_main")"; then
    stop_pid "$pid"
    stopped+=("jobmanager $pid")
  fi
  rm -f "$dir/jobmanager.pid"
  if [ ${#stopped[@]} -eq 0 ]; then
    echo "flink-cluster: not running"
  else
    echo "flink-cluster: stopped ${stopped[*]}"
  fi
}

status() {
  local all=0 pid f
  if pid="$(running_pid "$dir/jobmanager.pid" "$jm_main")"; then
    echo "jobmanager: running (pid $pid), web UI http://127.0.0.1:$(rest_port)"
  else
    echo "jobmanager: not running"; all=3
  fi
  local n
  n="$(cat "$dir/taskmanagers" 2>/dev/null || echo 0)"
  for i in $(seq 1 "$n"); do
    f="$dir/taskmanager-$i.pid"
    if pid="$(running_pid "$f" "$tm_main")"; then
      echo "taskmanager-$i: running (pid $pid)"
    else
      echo "taskmanager-$i: not running"; all=3
    fi
  done
  if [ "$all" -eq 0 ]; then
    local json
    json="$(overview)" && echo "overview: $json"
  fi
  return "$all"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  status) status || exit 3 ;;
  *) die "unknown command '$cmd' ($usage)" ;;
esac
