#!/usr/bin/env bash
# Server CPU per request of two fazt builds serving the same 1 KB page, side by side.
#
# Wall-clock req/s swing with whatever else the machine runs; the CPU a server spends per answered
# request moves much less. This starts one `./fazt --server` from each of two build folders (each
# on its own new data folder, the same 1 KB index.html deployed as an app), warms both, then runs
# wrk against each in turn, ROUNDS times, and reads the server's utime + stime from /proc around
# every run. Prints microseconds of server CPU per request for every run and the medians.
#
# Usage: bench/static-cpu.sh BUILD_A BUILD_B   (each a folder with a built ./fazt, e.g. a checkout
#        after `./fazt --help`); A is "before", B "after".
# Settings: ROUNDS=5 DURATION=8 WARMUP=15 CONNECTIONS=50 THREADS=2 PATH_=/index.html
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 BUILD_A BUILD_B" >&2; exit 2; }
ROUNDS=${ROUNDS:-5} DURATION=${DURATION:-8} WARMUP=${WARMUP:-15}
CONNECTIONS=${CONNECTIONS:-50} THREADS=${THREADS:-2} PATH_=${PATH_:-/index.html}
hz=$(getconf CLK_TCK)
work=$(mktemp -d "${TMPDIR:-/tmp}/fazt-static-cpu.XXXXXX")
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# the 1 KB page
mkdir -p "$work/app"
head -c 1000 /dev/zero | tr '\0' 'x' | { printf '<!doctype html><title>t</title>\n'; cat; } | head -c 1024 >"$work/app/index.html"

declare -A PID PORT
for side in A B; do
  dir=$([ "$side" = A ] && echo "$1" || echo "$2")
  PORT[$side]=$(free_port)
  mkdir -p "$work/data-$side"
  "$dir/fazt" --server --bind 127.0.0.1 --port "${PORT[$side]}" --data "$work/data-$side" >"$work/log-$side" 2>&1 &
  PID[$side]=$!; pids+=("${PID[$side]}")
  for _ in $(seq 1 600); do
    curl -s -o /dev/null "http://127.0.0.1:${PORT[$side]}/health" && break
    kill -0 "${PID[$side]}" || { cat "$work/log-$side" >&2; exit 1; }
    sleep 0.1
  done
  "$dir/fazt" app deploy "$work/app" --name bench --data "$work/data-$side" >/dev/null
  code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: bench.localhost' "http://127.0.0.1:${PORT[$side]}$PATH_")
  [ "$code" = 200 ] || { echo "$side answered $code for $PATH_" >&2; exit 1; }
done

run() { # run SIDE SECONDS -> prints "requests ticks"
  local side=$1 t0 t1 out
  t0=$(ticks "${PID[$side]}")
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2s" -H 'Host: bench.localhost' "http://127.0.0.1:${PORT[$side]}$PATH_")
  t1=$(ticks "${PID[$side]}")
  echo "$(awk '/requests in/ { print $1 }' <<<"$out") $((t1 - t0))"
}
for side in A B; do run "$side" "$WARMUP" >/dev/null; done

declare -A US RPS
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= ROUNDS; r++)); do
  for side in A B; do
    read -r req tk < <(run "$side" "$DURATION")
    us=$(awk -v t="$tk" -v n="$req" -v hz="$hz" 'BEGIN { printf "%.2f", t * 1e6 / hz / n }')
    US[$side]+="$us "; RPS[$side]+="$((req / DURATION)) "
    echo "round $r $side: $req requests, $tk ticks, $us us CPU/request, $((req / DURATION)) req/s"
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
for side in A B; do
  echo "$side median: $(median <<<"${US[$side]}") us CPU/request, $(median <<<"${RPS[$side]}") req/s"
done
