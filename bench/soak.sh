#!/usr/bin/env bash
# Soak: DURATION seconds (600) of mixed load at CONNECTIONS (50) against one `./fazt --server` on a new
# data folder, then a clean stop and a look in data.db for every write the server acknowledged.
#
#   1. starts fazt on a free loopback port with a new data folder;
#   2. the load generator (app-server/src/test/java/fazt/server/soak/, run from source with the JDK and
#      the build's sqlite-jdbc; SoakTest runs the same code for 2 minutes in the suite) deploys the app
#      "soak" through the admin API and keeps CONNECTIONS clients busy in a closed loop: static pages
#      (1 KB and 20 KB), a hello function, KV writes and document inserts through a function, analytics
#      events (POST /track), a new version deployed every DEPLOY_EVERY seconds (30) and then served, and
#      the admin API's live log stream open throughout; it reads fazt's VmRSS every 5 s and records every
#      acknowledged write (the key, the document id, the event's tag);
#   3. stops fazt with SIGTERM (a clean stop), opens data.db read-only and checks that every acknowledged
#      write is there and that PRAGMA integrity_check says ok.
# Verdicts, each PASS or FAIL: zero failed requests, p99 under 500 ms, VmRSS in the last minute at most
# 10 % above minute 3 (judged on runs of 240 s or more), every deploy served, the log stream open,
# every acknowledged write present, integrity ok. Exit 1 when one fails.
# Writes the "## Soak" section of docs/BENCHMARKS.md (other sections are kept).
#
# Usage: bench/soak.sh                     (from anywhere; needs root or sudo to apt-get curl if missing)
#        DURATION=60 NO_DOC=1 bench/soak.sh   a quick check
# Settings (environment): DURATION=600 CONNECTIONS=50 DEPLOY_EVERY=30 MAX_SECONDS=DURATION+900 NO_DOC=1
set -euo pipefail

run_cmd="bench/soak.sh"
for v in DURATION CONNECTIONS DEPLOY_EVERY; do
  if [ -n "${!v+x}" ]; then run_cmd="$v=${!v} $run_cmd"; fi
done
DURATION=${DURATION:-600}
CONNECTIONS=${CONNECTIONS:-50}
DEPLOY_EVERY=${DEPLOY_EVERY:-30}
MAX_SECONDS=${MAX_SECONDS:-$((DURATION + 900))}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
doc="$root/docs/BENCHMARKS.md"
started_at=$(date +%s)

say() { printf '[soak %3ds] %s\n' "$(($(date +%s) - started_at))" "$*" >&2; }
cpu_busy_total() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
. "$root/bench/lib.sh"

guard_run
install_missing curl

work=$(mktemp -d "${TMPDIR:-/tmp}/fazt-bench-soak.XXXXXX")
mkdir -p "$work/logs" "$work/data"
snapshot_build
use_build_jdk
used_ports=" "
sqlite_jar=$(ls "$fazt_dir"/app-desktop/target/lib/sqlite-jdbc-*.jar 2>/dev/null | head -1)
[ -n "$sqlite_jar" ] || die "the build has no sqlite-jdbc jar in app-desktop/target/lib"

port=$(free_port)
say "starting fazt on 127.0.0.1:$port with a new data folder"
"$fazt_bin" --server --bind 127.0.0.1 --port "$port" --data "$work/data" >"$work/logs/fazt.log" 2>&1 &
pid=$!
server_pids+=("$pid")
wait_for_health "$pid" "$port" "$work/logs/fazt.log"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "load average $load_before; $DURATION s of load at $CONNECTIONS connections, a deploy every $DEPLOY_EVERY s"
rc=0
"$JAVA_HOME/bin/java" -Djdk.httpclient.allowRestrictedHeaders=host --enable-native-access=ALL-UNNAMED -cp "$sqlite_jar" \
  "$root/app-server/src/test/java/fazt/server/soak/SoakRun.java" --port "$port" --data "$work/data/data.db" --pid "$pid" \
  --seconds "$DURATION" --connections "$CONNECTIONS" --deploy-every "$DEPLOY_EVERY" --markdown "$work/figures.md" \
  2>"$work/logs/load.err" | tee "$work/logs/load.out" >&2 || rc=$?
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
# the load generator stopped fazt with SIGTERM; reap it (or stop it, if the generator could not)
stop_pid "$pid"
if [ ! -s "$work/figures.md" ]; then
  cat "$work/logs/load.err" >&2
  tail -30 "$work/logs/fazt.log" >&2
  die "the load generator wrote no figures"
fi
if grep -qE '^FAIL' "$work/figures.md"; then rc=1; fi

{
  echo "## Soak"
  echo
  echo "Written by \`$run_cmd\` on $(date -u '+%Y-%m-%d %H:%M UTC') (commit $commit), on $(nproc) cores,"
  echo "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) of RAM, $java_version."
  echo "Load average $load_before before the load and $load_after after it$(
    awk -v l="${load_before%% *}" -v n="$(nproc)" 'BEGIN { if (l + 0 > n / 2) printf ": other work shared the machine, so the latencies are pessimistic" }')."
  echo
  echo "One \`./fazt --server\` on a new data folder; the load generator (\`app-server/src/test/java/fazt/server/soak/\`, the"
  echo "JDK's HTTP client, in a second JVM on the same cores) keeps $CONNECTIONS clients busy in a closed loop for $DURATION s over a"
  echo "mix of static files, a hello function, KV writes and document inserts through a function and \`POST /track\`"
  echo "events, deploys a new version of the app every $DEPLOY_EVERY s through the admin API (and checks it is served) and keeps"
  echo "\`GET /api/logs/stream\` open. Then fazt is stopped with SIGTERM and data.db, opened read-only, must hold every"
  echo "write that was answered as done. Latencies are per request, client side."
  echo
  cat "$work/figures.md"
} >"$work/section.md"
write_section Soak "$work/section.md"
[ "$rc" = 0 ] && say "PASS" || say "FAIL"
exit "$rc"
