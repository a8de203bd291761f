#!/usr/bin/env bash
# A/B of fazt's per-request cost for functions: the hello-JSON function on two or more commits, and
# Node.js, measured by what a busy machine disturbs least: the server's CPU time per request
# (utime + stime from /proc/PID/stat before and after a wrk run, divided by the requests answered)
# and the server's voluntary context switches per request (its threads blocking and being woken).
# The targets run interleaved (every target, then the next round), each on its own server.
#
# Usage: bench/functions-ab.sh REF [REF...]     e.g. bench/functions-ab.sh main HEAD
# Settings (environment):
#   ROUNDS=6 SECS=8      measured rounds, seconds per wrk run (wrk -t2 -c50)
#   WARM=60              seconds of wrk per target before the rounds (the JIT's warm-up)
#   FIRST=1              first measure hello over the 10 s right after a deploy of a new version
# Prints one line per run; nothing is written to docs.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: bench/functions-ab.sh REF [REF...]" >&2; exit 2; }
ROUNDS=${ROUNDS:-6} SECS=${SECS:-8} WARM=${WARM:-60} FIRST=${FIRST:-0}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for t in wrk curl node git; do command -v "$t" >/dev/null || { echo "$t is missing" >&2; exit 1; }; done
hz=$(getconf CLK_TCK)
work=$(mktemp -d "${TMPDIR:-/tmp}/fazt-functions-ab.XXXXXX")
declare -A PID PORT BIN
labels=()
cleanup() {
  local p
  for p in "${PID[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PID[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# one build per commit, each in its own folder, by its own ./fazt
for ref in "$@"; do
  label=$(git -C "$root" rev-parse --short "$ref^{commit}")
  mkdir -p "$work/$label"
  git -C "$root" archive "$ref" | tar -x -C "$work/$label"
  echo "building $ref ($label)" >&2
  "$work/$label/fazt" --help >/dev/null 2>&1 || { echo "the build of $ref failed" >&2; exit 1; }
  BIN[$label]="$work/$label/fazt"
  labels+=("$label")
done

mkdir -p "$work/app/hello/api"
echo '{"name": "hello"}' >"$work/app/hello/manifest.json"
echo 'respond({message: "Hello", n: 1})' >"$work/app/hello/api/main.js"
cat >"$work/node.js" <<'N'
const http = require("http");
http.createServer((req, res) => {
  const b = JSON.stringify({ message: "Hello", n: 1 });
  res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(b), "Cache-Control": "no-store" });
  res.end(b);
}).listen(Number(process.argv[2]), "127.0.0.1");
N

free_port() { local p; while :; do p=$((20000 + RANDOM % 30000)); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done; }
for l in "${labels[@]}"; do
  PORT[$l]=$(free_port); mkdir -p "$work/data-$l"
  "${BIN[$l]}" --server --bind 127.0.0.1 --port "${PORT[$l]}" --data "$work/data-$l" >"$work/log-$l" 2>&1 &
  PID[$l]=$!
done
PORT[node]=$(free_port)
node "$work/node.js" "${PORT[node]}" &
PID[node]=$!
for l in "${labels[@]}"; do
  until curl -sf -o /dev/null "http://127.0.0.1:${PORT[$l]}/health"; do
    kill -0 "${PID[$l]}" 2>/dev/null || { tail -20 "$work/log-$l" >&2; exit 1; }
    sleep 0.2
  done
  "${BIN[$l]}" app deploy "$work/app/hello" --name hello --data "$work/data-$l" >/dev/null
done
until curl -sf -o /dev/null "http://127.0.0.1:${PORT[node]}/"; do sleep 0.1; done 2>/dev/null || true

switches() { cat /proc/"$1"/task/*/status 2>/dev/null | awk '/^voluntary_ctxt_switches/ { s += $2 } END { print s + 0 }'; }
one() { # one LABEL SECONDS: prints req/s, requests, CPU µs per request, voluntary context switches per request
  # (the JIT's compiler threads count too: they come and go, so they cannot be told apart reliably from /proc)
  local l=$1 s=$2 t0 t1 c0 c1 out
  c0=$(switches "${PID[$l]}"); t0=$(awk '{ print $14 + $15 }' "/proc/${PID[$l]}/stat")
  out=$(wrk -t2 -c50 -d"${s}s" -H 'Host: hello.localhost' "http://127.0.0.1:${PORT[$l]}/api" 2>&1)
  t1=$(awk '{ print $14 + $15 }' "/proc/${PID[$l]}/stat"); c1=$(switches "${PID[$l]}")
  echo "$out" | awk -v l="$l" -v t=$((t1 - t0)) -v c=$((c1 - c0)) -v hz="$hz" -v load="$(cut -d' ' -f1 /proc/loadavg)" '
    / requests in / { n = $1 } /^Requests\/sec/ { r = $2 } /Non-2xx/ { bad = $5 }
    END { if (n == 0) n = 1
          printf "%-9s %8.0f req/s %8d requests %8.1f us CPU/request %6.2f switches/request non-2xx %d load %s\n",
            l, r, n, t * 1e6 / hz / n, c / n, bad, load }'
}
if [ "$FIRST" = 1 ]; then
  echo 'respond({message: "Hello", n: 1}) // a new version' >"$work/app/hello/api/main.js"
  for l in "${labels[@]}"; do
    "${BIN[$l]}" app deploy "$work/app/hello" --name hello --data "$work/data-$l" >/dev/null
    echo -n "first 10 s after a deploy: "; one "$l" 10
  done
fi
for l in "${labels[@]}" node; do one "$l" "$WARM" >/dev/null; done
for ((r = 1; r <= ROUNDS; r++)); do
  echo "round $r"
  for l in "${labels[@]}" node; do one "$l" "$SECS"; done
done
