#!/usr/bin/env bash
# A local single-node Apache Kafka broker (KRaft: broker and controller in one JVM) from Maven
# Central jars, for the demo, the benchmarks and the jobs' Kafka tests. No Docker, no download
# outside Maven.
#
#   scripts/kafka.sh start  [--port N] [--controller-port N] [--dir D]
#   scripts/kafka.sh stop   [--dir D]
#   scripts/kafka.sh status [--dir D]
#
# start: resolves the broker classpath once (scripts/kafka/pom.xml, cached under
#   scripts/kafka/target/), writes D/server.properties, formats D/data on first use, starts
#   kafka.Kafka as a separate JVM, waits until it listens and writes D/broker.pid.
#   Starting a running broker is not an error. Defaults: --port 9092, --controller-port port+1,
#   --dir <repo>/target/kafka. KAFKA_HEAP_OPTS overrides the heap (default -Xms256m -Xmx768m).
# stop: TERM by pid, KILL after 30 s; stopping a stopped broker is not an error.
# status: exit 0 and "running ..." or exit 3 and "not running".
# Every failure is one line on stderr and a non-zero exit.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
helper_pom="$root/scripts/kafka/pom.xml"
cp_file="$root/scripts/kafka/target/classpath.txt"

die() { echo "kafka: $*" >&2; exit 1; }
# shellcheck source=lib/helper-classpath.sh
source "$root/scripts/lib/helper-classpath.sh"

[ $# -ge 1 ] || die "usage: kafka.sh start|stop|status [--port N] [--controller-port N] [--dir D]"
cmd="$1"; shift
port=9092
cport=""
dir="$root/target/kafka"
while [ $# -gt 0 ]; do
  case "$1" in
    --port) [ $# -ge 2 ] || die "--port needs a value"; port="$2"; shift 2 ;;
    --controller-port) [ $# -ge 2 ] || die "--controller-port needs a value"; cport="$2"; shift 2 ;;
    --dir) [ $# -ge 2 ] || die "--dir needs a value"; dir="$2"; shift 2 ;;
    *) die "unknown argument '$1' (usage: kafka.sh start|stop|status [--port N] [--controller-port N] [--dir D])" ;;
  esac
done
for p in "$port" ${cport:+"$cport"}; do
  [[ "$p" =~ ^[0-9]+$ ]] && [ "$p" -ge 1 ] && [ "$p" -le 65535 ] || die "port '$p' is not a number in 1..65535"
done
[ -n "$cport" ] || cport=$((port + 1))
[ "$cport" != "$port" ] || die "--controller-port must differ from --port"
mkdir -p "$dir" || die "cannot create directory $dir"
dir="$(cd "$dir" && pwd)"
pid_file="$dir/broker.pid"
port_file="$dir/broker.port"
log_file="$dir/broker.log"

running_pid() {
  # The pid in the pid file, if that process is alive and is our broker (not a recycled pid).
  [ -f "$pid_file" ] || return 1
  local pid
  pid="$(cat "$pid_file" 2>/dev/null)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q "kafka.Kafka" || return 1
  echo "$pid"
}

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

classpath() { helper_classpath "$helper_pom" "$cp_file" "$dir" broker; }

start() {
  local pid
  if pid="$(running_pid)"; then
    echo "kafka: already running (pid $pid) on 127.0.0.1:$(cat "$port_file" 2>/dev/null || echo '?')"
    return 0
  fi
  rm -f "$pid_file"
  listening "$port" && die "port $port is already in use by another process"
  listening "$cport" && die "controller port $cport is already in use by another process"
  local java="java"
  [ -n "${JAVA_HOME:-}" ] && java="$JAVA_HOME/bin/java"
  command -v "$java" >/dev/null || die "java not found (set JAVA_HOME or put java on PATH)"
  local cp
  cp="$(classpath)"

  cat > "$dir/server.properties" <<EOF
# Written by scripts/kafka.sh: one node that is both broker and KRaft controller.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
num.partitions=1
auto.create.topics.enable=true
# One node: every internal topic has one replica; few partitions keep start-up quick.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=4
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# Flink's transactional KafkaSink keeps transactions open up to a checkpoint interval plus restarts.
transaction.max.timeout.ms=3600000
# Two cores shared by everything: few threads.
num.network.threads=2
num.io.threads=2
background.threads=2
# Replays carry old event times: keep records by size, never by age.
log.retention.ms=-1
log.retention.bytes=1073741824
EOF
  cat > "$dir/log4j2.properties" <<EOF
rootLogger.level=INFO
rootLogger.appenderRef.file.ref=file
appender.file.type=File
appender.file.name=file
appender.file.fileName=$dir/server.log
appender.file.layout.type=PatternLayout
appender.file.layout.pattern=%d{ISO8601} %-5p [%c{1}] %m%n
logger.kafka.name=org.apache.kafka
logger.kafka.level=WARN
logger.state.name=state.change.logger
logger.state.level=WARN
EOF
  local jvm=(${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m} -XX:+UseSerialGC -XX:TieredStopAtLevel=1
             "-Dlog4j2.configurationFile=$dir/log4j2.properties" -Dlog4j2.formatMsgNoLookups=true)
  # Format once: a broker restarted on the same directory keeps its topics and transactions.
  if [ ! -f "$dir/data/meta.properties" ]; then
    local cluster_id
    cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
    # --cluster-id=ID, not -t ID: one id in 64 starts with '-' and would be read as an option.
    "$java" "${jvm[@]}" -cp "$cp" kafka.tools.StorageTool format --cluster-id="$cluster_id" \
        -c "$dir/server.properties" > "$dir/format.log" 2>&1 \
      || die "formatting $dir/data failed: $(tail -n 1 "$dir/format.log")"
  fi
  echo "$port" > "$port_file"
  nohup "$java" "${jvm[@]}" -cp "$cp" kafka.Kafka "$dir/server.properties" > "$log_file" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$pid_file"
  local deadline=$((SECONDS + 90))
  while [ $SECONDS -lt $deadline ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pid_file"
      die "broker exited while starting: $(grep -m1 -E 'ERROR|Exception' "$log_file" "$dir/server.log" 2>/dev/null | cut -c1-300 || echo "see $log_file")"
    fi
    if listening "$port" && grep -qs "Kafka Server started" "$log_file" "$dir/server.log"; then
      echo "kafka: started (pid $pid) on 127.0.0.1:$port, controller 127.0.0.1:$cport, data $dir/data"
      return 0
    fi
    sleep 0.3
  done
  kill "$pid" 2>/dev/null || true
  rm -f "$pid_file"
  die "broker did not listen on 127.0.0.1:$port within 90 s (see $log_file)"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$pid_file"
    echo "kafka: not running"
    return 0
  fi
  kill "$pid"
  local deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then
      kill -9 "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
  rm -f "$pid_file"
  echo "kafka: stopped (pid $pid)"
}

status() {
  local pid
  if pid="$(running_pid)"; then
    echo "kafka: running (pid $pid) on 127.0.0.1:$(cat "$port_file" 2>/dev/null || echo '?')"
  else
    echo "kafka: not running"
    exit 3
  fi
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) die "unknown command '$cmd' (start|stop|status)" ;;
esac
