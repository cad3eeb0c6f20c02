#!/usr/bin/env bash
# Benchmarks that reproduce the figures in docs/benchmarks.md.
#
#   scripts/bench.sh jmh [PATTERN] [JMH options...]   JMH microbenchmarks under jobs/src/test/java/io/zhili/bench
#                                                      (PATTERN is a regex of benchmark names, default: all)
#
# Other modes (end-to-end hotspots and trucks runs) are added beside `jmh` in the case below.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

usage() {
  sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
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
    mvn -B -o -q -pl jobs -am test-compile dependency:build-classpath -DskipTests \
      -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile" >/dev/null
    cp="$root/jobs/target/test-classes:$root/jobs/target/classes:$(cat "$cpfile")"
    exec java -cp "$cp" org.openjdk.jmh.Main "$pattern" "$@"
    ;;
  -h|--help|help)
    usage
    ;;
  *)
    echo "bench.sh: unknown mode '$mode' (known: jmh)" >&2
    exit 2
    ;;
esac
