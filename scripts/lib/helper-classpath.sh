# Sourced by scripts/kafka.sh and scripts/flink-cluster.sh; uses the caller's $root and die().
#
# helper_classpath POM CACHE LOG_DIR WHAT: the classpath of the dependencies of a helper pom, resolved
# with Maven once and cached in CACHE. Re-resolved when the helper pom or the parent pom (which pins
# the versions) changed. Offline first (the usual case: jars already in ~/.m2), then Maven Central (a
# fresh machine).
helper_classpath() {
  local pom="$1" cache="$2" logdir="$3" what="$4"
  if [ ! -s "$cache" ] || [ "$pom" -nt "$cache" ] || [ "$root/pom.xml" -nt "$cache" ]; then
    mkdir -p "$(dirname "$cache")"
    local args=(-B -q -f "$pom" dependency:build-classpath "-Dmdep.outputFile=$cache")
    if ! mvn -o "${args[@]}" >/dev/null 2>&1; then
      mvn "${args[@]}" > "$logdir/classpath.log" 2>&1 \
        || die "cannot resolve the $what classpath with Maven (see $logdir/classpath.log)"
    fi
    # Maven leaves an unchanged file alone; without this every start would resolve again.
    touch "$cache"
  fi
  cat "$cache"
}
