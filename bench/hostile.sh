#!/usr/bin/env bash
# Hostile connections: legitimate requests keep being served while fazt (`./fazt --server`, default
# settings) is held by connections that try to tie it up, and each of those is closed by its limit.
#
#   1. wrk measures the legitimate load alone (a static page, CONNECTIONS connections, DURATION s): "before";
#   2. bench/HostileLoad.java opens IDLE connections that say nothing (over several addresses, under
#      the per-address cap), SLOW_HEADERS that send one header line a second, SLOW_BODIES that send a
#      function a body at 10 bytes a second, and floods from one address (connections opened as fast
#      as they are answered, the served ones kept);
#   3. wrk measures the same load again meanwhile: "during";
#   4. after WATCH s the hostile side reports what the server closed, and wrk runs once more: "after".
# Verdicts: legitimate requests served during the attack with no errors; every idle connection
# closed (http_idle_timeout_ms, 30 s), every slow header answered 408 and closed
# (http_header_timeout_ms, 20 s), every slow body cut (http_body_timeout_ms 20 s + 500 B/s), the
# flood never holding more than http_max_connections_per_ip (256) and the rest refused.
# Writes the "## Hostile connections" section of docs/BENCHMARKS.md (other sections are kept).
#
# Usage: bench/hostile.sh      (from anywhere; needs wrk and curl, apt-get'd if missing)
# Settings (environment): IDLE=2000 SLOW_HEADERS=200 SLOW_BODIES=100 CONNECTIONS=50 DURATION=10
#   WATCH=60 MAX_SECONDS=900 NO_DOC=1
set -euo pipefail

run_cmd="bench/hostile.sh"
for v in IDLE SLOW_HEADERS SLOW_BODIES CONNECTIONS DURATION WATCH; do
  if [ -n "${!v+x}" ]; then run_cmd="$v=${!v} $run_cmd"; fi
done
IDLE=${IDLE:-2000}
SLOW_HEADERS=${SLOW_HEADERS:-200}
SLOW_BODIES=${SLOW_BODIES:-100}
CONNECTIONS=${CONNECTIONS:-50}
DURATION=${DURATION:-10}
WATCH=${WATCH:-60}
MAX_SECONDS=${MAX_SECONDS:-900}
CAP=256 IDLE_S=30 HEADER_S=20 # fazt's defaults, which this run keeps

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
doc="$root/docs/BENCHMARKS.md"
started_at=$(date +%s)

say() { printf '[hostile %3ds] %s\n' "$(($(date +%s) - started_at))" "$*" >&2; }
cpu_busy_total() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
. "$root/bench/lib.sh"

guard_run
install_missing curl wrk

work=$(mktemp -d "${TMPDIR:-/tmp}/fazt-bench-hostile.XXXXXX")
mkdir -p "$work/logs" "$work/app/api" "$work/data"
snapshot_build
. "$fazt_dir/scripts/java-home.sh"
fazt_pick_jdk >/dev/null
export JAVA_HOME
used_ports=" "

echo "<h1>legitimate</h1>" >"$work/app/index.html"
echo "respond({ length: String(request.body || '').length });" >"$work/app/api/main.js"

port=$(free_port)
say "starting fazt on 127.0.0.1:$port with its default connection limits"
"$fazt_bin" --server --bind 127.0.0.1 --port "$port" --data "$work/data" >"$work/logs/fazt.log" 2>&1 &
pid=$!
server_pids+=("$pid")
# (up to 10 minutes, not lib.sh's 2: a start on a machine loaded by other builds took longer than 2)
t0=$(now_ms)
until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/health" 2>/dev/null || true)" = 200 ]; do
  kill -0 "$pid" 2>/dev/null || { tail -30 "$work/logs/fazt.log" >&2; die "fazt exited during start"; }
  [ $(($(now_ms) - t0)) -gt 600000 ] && { tail -30 "$work/logs/fazt.log" >&2; die "fazt did not answer /health in 10 minutes"; }
  sleep 0.5
done
say "fazt answered /health after $(( ($(now_ms) - t0) / 1000 )) s"
timeout 600 "$fazt_bin" app deploy "$work/app" --name site --data "$work/data" >"$work/logs/deploy.log" 2>&1 \
  || { cat "$work/logs/deploy.log" >&2; die "deploy failed"; }

legit() { # legit NAME: wrk on the static page; sets served_NAME errors_NAME p99_NAME
  local out requests errors non2xx p99
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -H "Host: site.localhost" "http://127.0.0.1:$port/" 2>&1)
  echo "$out" >"$work/logs/wrk-$1.txt"
  requests=$(echo "$out" | awk '/requests in/ { print $1 }')
  errors=$(echo "$out" | awk '/Socket errors/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }')
  non2xx=$(echo "$out" | awk '/Non-2xx/ { print $NF }')
  p99=$(echo "$out" | awk '$1 == "99%" { print $2 }')
  printf -v "served_$1" '%s' "${requests:-0}"
  printf -v "errors_$1" '%s' "$(( ${errors:-0} + ${non2xx:-0} ))"
  printf -v "p99_$1" '%s' "$(fmt_ms "$(to_ms "${p99:-0ms}")")"
  say "$1: ${requests:-0} requests served in ${DURATION} s, $(( ${errors:-0} + ${non2xx:-0} )) errors, p99 ${p99:-?}"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
legit before

say "opening $IDLE idle, $SLOW_HEADERS slow-header and $SLOW_BODIES slow-body connections and a flood from 127.0.0.250"
"$JAVA_HOME/bin/java" "$root/bench/HostileLoad.java" "$port" site.localhost "$IDLE" "$SLOW_HEADERS" "$SLOW_BODIES" \
  127.0.0.250 "$WATCH" >"$work/hostile.out" 2>"$work/logs/hostile.err" &
load_pid=$!
server_pids+=("$load_pid")
until grep -q '^ready' "$work/hostile.out"; do
  kill -0 "$load_pid" 2>/dev/null || { cat "$work/logs/hostile.err" >&2; die "the hostile client stopped before it was ready"; }
  sleep 0.5
done
rss_during=$(awk '/^VmRSS:/ { print int($2 / 1024) }' "/proc/$pid/status")
load_during=$(cut -d' ' -f1-3 /proc/loadavg)
legit during

say "waiting for the hostile client's report (${WATCH} s after it was ready)"
wait "$load_pid" || true
forget_pid "$load_pid"
result=$(grep '^result ' "$work/hostile.out") || die "the hostile client reported nothing: $(tail -5 "$work/logs/hostile.err")"
say "$result"
field() { echo "$result" | tr ' ' '\n' | awk -F= -v k="$1" '$1 == k { print $2 }'; }
legit after
stop_pid "$pid"

verdicts=()
verdict() { # verdict TEXT CONDITION...
  local text=$1; shift
  if "$@"; then verdicts+=("PASS: $text"); else verdicts+=("FAIL: $text"); fi
}
verdict "legitimate requests served during the attack (${served_during} in ${DURATION} s) with no errors (${errors_during})" \
  test "$served_during" -gt 0 -a "$errors_during" -eq 0
verdict "all $IDLE idle connections closed by the idle timeout ($(field idle_closed) closed, the last after $(field idle_last_s) s)" \
  test "$(field idle_closed)" -eq "$IDLE"
verdict "all $SLOW_HEADERS slow-header connections answered 408 and closed ($(field answered_408) answered, $(field slow_headers_closed) closed, the last after $(field slow_headers_last_s) s)" \
  test "$(field answered_408)" -eq "$SLOW_HEADERS" -a "$(field slow_headers_closed)" -eq "$SLOW_HEADERS"
verdict "all $SLOW_BODIES slow-body connections cut ($(field slow_bodies_closed) closed, the last after $(field slow_bodies_last_s) s)" \
  test "$(field slow_bodies_closed)" -eq "$SLOW_BODIES"
verdict "the flood from one address never held more than $CAP connections (most at once: $(field flood_most_held); $(field flood_served) served, $(field flood_refused) refused)" \
  test "$(field flood_most_held)" -le "$CAP" -a "$(field flood_refused)" -gt 0
verdict "legitimate requests served after the attack (${served_after}) with no errors (${errors_after})" \
  test "$served_after" -gt 0 -a "$errors_after" -eq 0
failed=0
for v in "${verdicts[@]}"; do say "$v"; case "$v" in FAIL*) failed=1 ;; esac; done

section="$work/section.md"
{
  echo "## Hostile connections"
  echo
  echo "\`$run_cmd\` on $(date -u +%Y-%m-%d) (commit $commit), fazt with its default limits: idle timeout ${IDLE_S} s,"
  echo "header timeout ${HEADER_S} s, body grace 20 s then 500 bytes/s, ${CAP} connections per address"
  echo "([install.md](install.md#slow-and-hostile-clients)). wrk (2 threads, $CONNECTIONS connections, $DURATION s, 10 s timeout) asks for"
  echo "a static page from 127.0.0.1 before, during and after the attack of bench/HostileLoad.java: $IDLE idle connections"
  echo "(over $(( (IDLE + 199) / 200 )) addresses), $SLOW_HEADERS sending a header line a second, $SLOW_BODIES sending a function's body"
  echo "at 10 bytes a second, and 8 loops flooding from 127.0.0.250. All on one machine of $(nproc) cores, shared with"
  echo "other builds and tests while it ran (load average $load_before before, $load_during during): the"
  echo "legitimate throughput says how much the attack and the machine's other work took, not fazt's best."
  echo
  echo "| legitimate load | requests served | errors | p99 |"
  echo "|---|---|---|---|"
  echo "| before | $served_before | $errors_before | $p99_before |"
  echo "| during the attack | $served_during | $errors_during | $p99_during |"
  echo "| after | $served_after | $errors_after | $p99_after |"
  echo
  echo "fazt's resident memory during the attack: ${rss_during} MiB."
  echo
  for v in "${verdicts[@]}"; do echo "- $v"; done
} >"$section"
write_section "Hostile connections" "$section"
exit "$failed"
