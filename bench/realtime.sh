#!/usr/bin/env bash
# Realtime benchmark: how many /_ws connections one headless fazt holds, what each costs in memory,
# and how fast one function's broadcasts fan out to 1,000 subscribers.
#
#   1. starts fazt (`./fazt --server`) on a new data folder with the per-address cap raised, deploys
#      an app whose function broadcasts N small messages to the channel "fan", and reads VmRSS and
#      the live heap (after a full GC, from jcmd) while nothing is connected;
#   2. a client JVM (bench/RealtimeLoad.java, the JDK's WebSocket client) opens CONNECTIONS
#      connections, each subscribed to "all" and the first FANOUT also to "fan"; fazt's VmRSS and
#      live heap are read again, and the difference divided by CONNECTIONS is the cost of one;
#   3. fan-out: ROUNDS calls of the function, each broadcasting PER_ROUND messages to "fan"
#      (at most two rounds on their way at once); messages/s is every message received by every
#      subscriber over the time from the first call to the last message. A client the server
#      disconnects (too slow) is counted and fails the run.
# Writes the "## Realtime" section of docs/BENCHMARKS.md (other sections are kept).
#
# Usage: bench/realtime.sh           (from anywhere; needs root or sudo to apt-get curl if missing)
#        SHORT=1 bench/realtime.sh   a quick run: CONNECTIONS=2000 ROUNDS=25
# Settings (environment): CONNECTIONS=5000 FANOUT=1000 ROUNDS=100 PER_ROUND=20 MAX_SECONDS=900 NO_DOC=1
set -euo pipefail

run_cmd="bench/realtime.sh"
for v in CONNECTIONS FANOUT ROUNDS PER_ROUND SHORT; do
  if [ -n "${!v+x}" ]; then run_cmd="$v='${!v}' $run_cmd"; fi
done
if [ "${SHORT:-}" = 1 ]; then CONNECTIONS=${CONNECTIONS:-2000}; ROUNDS=${ROUNDS:-25}; fi
CONNECTIONS=${CONNECTIONS:-5000}
FANOUT=${FANOUT:-1000}
ROUNDS=${ROUNDS:-100}
PER_ROUND=${PER_ROUND:-20}
MAX_SECONDS=${MAX_SECONDS:-900}
[ "$FANOUT" -le "$CONNECTIONS" ] || { echo "FANOUT must not exceed CONNECTIONS" >&2; exit 2; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
doc="$root/docs/BENCHMARKS.md"
started_at=$(date +%s)

say() { printf '[realtime %3ds] %s\n' "$(($(date +%s) - started_at))" "$*" >&2; }
cpu_busy_total() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
. "$root/bench/lib.sh"

guard_run
install_missing curl

work=$(mktemp -d "${TMPDIR:-/tmp}/fazt-bench-realtime.XXXXXX")
mkdir -p "$work/logs" "$work/app/api" "$work/data"
snapshot_build
. "$fazt_dir/scripts/java-home.sh"
fazt_pick_jdk >/dev/null
export JAVA_HOME
java_version=$("$JAVA_HOME/bin/java" -version 2>&1 | head -1)
used_ports=" "

echo "<h1>realtime bench</h1>" >"$work/app/index.html"
cat >"$work/app/api/main.js" <<'JS'
var n = Number(request.query.n) || 1;
for (var i = 0; i < n; i++) fazt.realtime.broadcast('fan', { i: i, text: 'hello from the bench' });
respond({ sent: n });
JS

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
threads_of() { awk '/^Threads:/ { print $2 }' "/proc/$1/status"; }
live_heap_kib() { # heap used right after a full collection, in KiB
  "$JAVA_HOME/bin/jcmd" "$1" GC.run >/dev/null 2>&1 || true
  sleep 1
  "$JAVA_HOME/bin/jcmd" "$1" GC.heap_info 2>/dev/null | awk '
    /(heap|generation) .*used [0-9]+K/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); gsub(/[^0-9]/, "", v); u += v } }
    END { print u + 0 }'
}

port=$(free_port)
say "starting fazt on 127.0.0.1:$port (connection caps raised to $((CONNECTIONS + 100)), functions_timeout_ms 60000)"
# a broadcast call writes to every subscriber's socket before it returns: on a busy machine that can pass the
# default 5 s function limit, so the bench gives functions a minute
FAZT_REALTIME_MAX_CONNECTIONS_PER_IP=$((CONNECTIONS + 100)) FAZT_HTTP_MAX_CONNECTIONS_PER_IP=$((CONNECTIONS + 100)) FAZT_REALTIME_MAX_CONNECTIONS_PER_APP=$((CONNECTIONS + 100)) \
  FAZT_FUNCTIONS_TIMEOUT_MS=60000 "$fazt_bin" --server --bind 127.0.0.1 --port "$port" --data "$work/data" >"$work/logs/fazt.log" 2>&1 &
pid=$!
server_pids+=("$pid")
wait_for_health "$pid" "$port" "$work/logs/fazt.log"
timeout 120 "$fazt_bin" app deploy "$work/app" --name rt --data "$work/data" >"$work/logs/deploy.log" 2>&1 \
  || { cat "$work/logs/deploy.log" >&2; die "deploy failed"; }
for try in 1 2 3 4 5; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Host: rt.localhost" "http://127.0.0.1:$port/api/fan?n=1")
  [ "$code" = 200 ] && break
done
[ "$code" = 200 ] || die "the bench function answered $code"
sleep 5
idle_rss=$(rss_kib "$pid") idle_heap=$(live_heap_kib "$pid") idle_threads=$(threads_of "$pid")
say "nothing connected: RSS $((idle_rss / 1024)) MiB, live heap $((idle_heap / 1024)) MiB, $idle_threads threads"

mkfifo "$work/go"
say "opening $CONNECTIONS connections ($FANOUT of them on \"fan\")"
"$JAVA_HOME/bin/java" -Xmx2g -Djdk.httpclient.allowRestrictedHeaders=host "$root/bench/RealtimeLoad.java" "$port" rt.localhost "$CONNECTIONS" "$FANOUT" "$ROUNDS" "$PER_ROUND" \
  <"$work/go" >"$work/load.out" 2>"$work/logs/load.err" &
load_pid=$!
server_pids+=("$load_pid")
exec 3>"$work/go"
until grep -q '^held ' "$work/load.out"; do
  kill -0 "$load_pid" 2>/dev/null || { cat "$work/logs/load.err" >&2; die "the load client stopped before holding its connections"; }
  sleep 0.5
done
read -r _ held open_ms < <(grep '^held ' "$work/load.out")
sleep 5
held_rss=$(rss_kib "$pid") held_heap=$(live_heap_kib "$pid") held_threads=$(threads_of "$pid")
say "$held connections open in $open_ms ms: RSS $((held_rss / 1024)) MiB, live heap $((held_heap / 1024)) MiB, $held_threads threads"

say "fan-out: $ROUNDS calls x $PER_ROUND broadcasts to $FANOUT subscribers"
echo go >&3
wait "$load_pid" || true
forget_pid "$load_pid"
exec 3>&-
read -r _ subscribers received fan_ms kicked < <(grep '^fanout ' "$work/load.out") || die "the load client said nothing about the fan-out: $(cat "$work/logs/load.err")"
expected=$((ROUNDS * PER_ROUND * FANOUT))
[ "$received" = "$expected" ] || die "$received of $expected messages arrived ($kicked clients disconnected): $(tail -5 "$work/logs/load.err")"
rate=$(awk -v n="$received" -v ms="$fan_ms" 'BEGIN { printf "%d", n / (ms / 1000) }')
say "fan-out: $received messages in $fan_ms ms = $rate messages/s"
stop_pid "$pid"

per_rss=$(awk -v a="$held_rss" -v b="$idle_rss" -v n="$held" 'BEGIN { printf "%.1f", (a - b) / n }')
per_heap=$(awk -v a="$held_heap" -v b="$idle_heap" -v n="$held" 'BEGIN { printf "%.1f", (a - b) / n }')
other_note=""
if [ "$(awk '{ print int($1 * 100) }' /proc/loadavg)" -gt 100 ]; then
  other_note=" Other work ran on the machine meanwhile (load average $(cut -d' ' -f1-3 /proc/loadavg) at the end), so the rate is a floor."
fi
{
  echo "## Realtime"
  echo
  echo "Written by \`$run_cmd\` on $(date -u '+%Y-%m-%d %H:%M UTC') (commit $commit), on $(nproc) cores,"
  echo "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) of RAM, $java_version.$other_note"
  echo
  echo "One headless \`./fazt --server\` (connection caps raised, \`functions_timeout_ms\` 60000) and, in another JVM on the same machine, $CONNECTIONS WebSocket clients (the JDK's)"
  echo "on one app's \`/_ws\`, each subscribed to a channel. Memory is fazt's alone: VmRSS, and the heap used right after a full"
  echo "collection (\`jcmd GC.run\`, then \`GC.heap_info\`), with nothing connected and then with every connection open."
  echo "Fan-out: $ROUNDS function calls, each broadcasting $PER_ROUND small messages (\`{i, text}\`) to the $FANOUT clients"
  echo "on the channel \"fan\"; the rate counts every message every subscriber received, from the first call to the last message."
  echo
  echo "| measure | fazt | reference fazt (published) |"
  echo "|---|---:|---:|"
  echo "| connections held | $held (opened in $open_ms ms, none refused or dropped) | 5,000 |"
  echo "| memory per connection, RSS | $per_rss KiB ($((idle_rss / 1024)) → $((held_rss / 1024)) MiB) | ~4-50 KB |"
  echo "| memory per connection, live heap | $per_heap KiB ($((idle_heap / 1024)) → $((held_heap / 1024)) MiB) | |"
  echo "| threads | $idle_threads → $held_threads | |"
  echo "| broadcast fan-out to $FANOUT subscribers | $rate messages/s ($received in $fan_ms ms, $kicked disconnected) | |"
  echo
  echo "Connections wait on virtual threads and Jetty's selectors, so holding them costs no thread each. The client JVM runs"
  echo "beside fazt on the same cores, so the fan-out rate is what both together reach: a lower bound for fazt alone."
} >"$work/section.md"
write_section Realtime "$work/section.md"
