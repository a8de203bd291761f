#!/usr/bin/env bash
# Functions benchmark: fazt's serverless functions (api/main.js on GraalJS) on loopback.
#
# Measures with wrk, using the same settings for every target:
#   1. a hello-JSON function on fazt against a Node.js `http` server that sends the same JSON;
#   2. the same function with "isolation": "fresh" (a new JS context for every request);
#   3. fazt.storage.kv: a set per request (writes/s, checked against the rows in data.db) and a get;
#   4. fazt.storage.ds: an insert and a find in one request (checked against the rows too);
#   5. a CPU-heavy function (build 1,000 objects, filter/map/sort/reduce, JSON.stringify) on fazt
#      with the optimizing JIT, on a second fazt started without the JIT (interpreter), and on Node;
#   6. the first request to an app's /api right after `./fazt app deploy` of a new version;
#   7. hello JSON over the first FIRST_SECONDS after a deploy of a new version (the JIT's warm-up
#      counts), before anything else has warmed the server, against Node.js over the first
#      FIRST_SECONDS after it started (a Node.js deploy is a restart).
# Writes the results into the "## Functions" section of docs/BENCHMARKS.md (other sections are kept).
#
# Usage: bench/functions.sh        (from anywhere; needs root or sudo to apt-get what is missing)
# Settings (environment):
#   THREADS=2 CONNECTIONS=50 DURATION=10   wrk settings of each measured run (seconds)
#   WARMUP=15                              seconds of warm-up per target before measuring
#   ROUNDS=2                               measured rounds; the best round per target is reported
#   QUIET_WAIT=60                          seconds the run may wait in all for other work on the machine to stop
#   FIRST_REPEATS=5                        deploys of a new version for the first-request latency
#   FIRST_SECONDS=10                       length of the run right after a deploy (item 7)
#   MAX_SECONDS=600                        the whole run is stopped after this
#   FAZT_REF=HEAD                          benchmark a commit (built in the temp folder) instead of the working tree
#   NO_DOC=1                               print the section only, leave docs/BENCHMARKS.md alone
# FAZT_* settings of fazt itself (for example FAZT_FUNCTIONS_CONCURRENCY) reach both fazt servers
# and are listed in the doc.
set -euo pipefail

# the command as run, with the settings given in the environment, for the doc
run_cmd="bench/functions.sh"
for v in FAZT_REF ROUNDS QUIET_WAIT FIRST_REPEATS FIRST_SECONDS WARMUP DURATION CONNECTIONS THREADS; do
  if [ -n "${!v+x}" ]; then run_cmd="$v=${!v} $run_cmd"; fi
done

THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-50}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-15}
ROUNDS=${ROUNDS:-2}
QUIET_WAIT=${QUIET_WAIT:-60}
FIRST_REPEATS=${FIRST_REPEATS:-5}
FIRST_SECONDS=${FIRST_SECONDS:-10}
MAX_SECONDS=${MAX_SECONDS:-600}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
doc="$root/docs/BENCHMARKS.md"
started_at=$(date +%s)

say() { printf '[functions %3ds] %s\n' "$(($(date +%s) - started_at))" "$*" >&2; }
. "$root/bench/lib.sh"

# ---------------------------------------------------------------- cleanup and time bound
guard_run

# ---------------------------------------------------------------- tools

install_tools() { # wrk, curl, Node.js and sqlite3 (to count the rows the runs wrote) from apt
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v curl >/dev/null || missing+=(curl)
  command -v node >/dev/null || missing+=(nodejs)
  command -v sqlite3 >/dev/null || missing+=(sqlite3)
  if [ ${#missing[@]} -eq 0 ]; then say "wrk, curl, node and sqlite3 are installed"; return; fi
  say "installing with apt-get: ${missing[*]}"
  as_root timeout 300 env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
    || die "apt-get update failed"
  as_root timeout 600 env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
}
install_tools
for t in wrk curl node sqlite3 awk; do command -v "$t" >/dev/null || die "$t is missing"; done

# ---------------------------------------------------------------- work folder and the fazt build
work=$(mktemp -d "${TMPDIR:-/tmp}/fazt-bench-functions.XXXXXX")
mkdir -p "$work/logs" "$work/apps"

# a commit (FAZT_REF) or the working tree
if [ -n "${FAZT_REF:-}" ]; then ref_build; else snapshot_build; fi
[ -d "$fazt_dir/app-desktop/target/graal" ] \
  || die "the build has no app-desktop/target/graal: ./fazt would run without the JIT, and there is nothing to compare"
fazt_jar=$(ls "$fazt_dir"/app-desktop/target/app-desktop-*.jar 2>/dev/null | head -n 1)
[ -n "$fazt_jar" ] || die "no app-desktop jar in the build"
# the JDK that ./fazt uses, for the second fazt started without the JIT
java_bin=$(. "$fazt_dir/scripts/java-home.sh" && fazt_pick_jdk && echo "$JAVA_HOME/bin/java")

# ---------------------------------------------------------------- the apps and the Node.js server
make_app() { # make_app NAME MANIFEST_JSON < main.js
  mkdir -p "$work/apps/$1/api"
  printf '%s\n' "$2" >"$work/apps/$1/manifest.json"
  cat >"$work/apps/$1/api/main.js"
}

make_app hello '{"name": "hello"}' <<'EOF'
respond({message: "Hello", n: 1})
EOF
make_app hellofresh '{"name": "hellofresh", "isolation": "fresh"}' <<'EOF'
respond({message: "Hello", n: 1})
EOF

# /api/set writes one new key (prefix from ?p=, so that each run's rows can be counted);
# /api/get reads one of the 1,000 keys that /api/seed wrote (404 when it is missing).
make_app kv '{"name": "kv"}' <<'EOF'
const kv = fazt.storage.kv;
const path = request.path;
if (path === "/api/set") {
  kv.set((request.query.p || "k") + "-" + Math.random(), { n: 1, at: Date.now(), s: "value" });
  respond({ ok: true });
} else if (path === "/api/get") {
  const v = kv.get("g" + Math.floor(Math.random() * 1000));
  if (v === undefined) respond(404, { error: "missing" });
  else respond(v);
} else if (path === "/api/seed") {
  for (let i = 0; i < 1000; i++) kv.set("g" + i, { n: i, s: "value" });
  respond({ seeded: 1000 });
} else {
  respond(404, { error: "no route" });
}
EOF

# one insert and one find by the new id; the collection comes from ?c= so that each run's rows can be counted
make_app docs '{"name": "docs"}' <<'EOF'
const ds = fazt.storage.ds;
const coll = request.query.c || "items";
const n = Math.floor(Math.random() * 1e9);
const id = ds.insert(coll, { n: n, tag: "t" + (n % 10), name: "item " + n });
const found = ds.find(coll, { id: id }, { limit: 1 });
if (found.length !== 1 || found[0].n !== n) respond(500, { error: "the new document was not found" });
else respond(found[0]);
EOF

# the CPU-heavy transform; Node runs the very same code (transform.js below)
cpu_code='const items = [];
for (let i = 0; i < 1000; i++) {
  items.push({ id: i, name: "item" + i, price: ((i * 7919) % 1000) / 10, tags: ["a" + (i % 5), "b" + (i % 3)], active: i % 3 !== 0 });
}
const out = items
  .filter((x) => x.active)
  .map((x) => ({ id: x.id, label: x.name.toUpperCase(), price: Math.round(x.price * 120) / 100, tags: x.tags.join(",") }))
  .sort((a, b) => b.price - a.price || a.id - b.id);
const total = out.reduce((s, x) => s + x.price, 0);
const json = JSON.stringify(out);
const result = { count: out.length, total: Math.round(total * 100) / 100, bytes: json.length, first: out[0].id };'
make_app cpu '{"name": "cpu"}' <<EOF
$cpu_code
respond(result);
EOF

cat >"$work/node-server.js" <<EOF
// Node.js reference: one process, the plain http module. /api sends the hello JSON, /cpu runs the
// same transform as the fazt app "cpu". Same Content-Type and Cache-Control as fazt's answers.
"use strict";
const http = require("http");
function transform() {
$cpu_code
  return result;
}
function send(res, value) {
  const b = JSON.stringify(value);
  res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(b), "Cache-Control": "no-store" });
  res.end(b);
}
http.createServer((req, res) => {
  if (req.url === "/api") send(res, { message: "Hello", n: 1 });
  else if (req.url === "/cpu") send(res, transform());
  else { res.writeHead(404); res.end(); }
}).listen(Number(process.argv[2]), "127.0.0.1");
EOF

# wrk hook: counts the answers by status (outside 2xx) and keeps one body, so that a non-2xx count
# can be explained. The same script runs for every target, Node's included.
cat >"$work/status.lua" <<'EOF'
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) codes = {}; sample = "" end
function response(status, headers, body)
  if status < 200 or status > 299 then
    codes[status] = (codes[status] or 0) + 1
    if sample == "" then sample = status .. " " .. string.sub(body or "", 1, 160) end
  end
end
function done(summary, latency, requests)
  local all, first = {}, ""
  for _, t in ipairs(threads) do
    local c = t:get("codes")
    if c then for k, v in pairs(c) do all[k] = (all[k] or 0) + v end end
    local s = t:get("sample")
    if first == "" and s and s ~= "" then first = s end
  end
  for k, v in pairs(all) do io.write(string.format("status %d: %d\n", k, v)) end
  if first ~= "" then io.write("sample: " .. string.gsub(first, "\n", " ") .. "\n") end
end
EOF

# ---------------------------------------------------------------- helpers

used_ports=" "

wait_200() { # wait_200 PID URL HOST TIMEOUT_S: polls every 10 ms; fails if PID dies or on timeout
  local pid=$1 url=$2 host=$3 limit=$4 t0 code
  t0=$(now_ms)
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -H "Host: $host" "$url" 2>/dev/null || true)
    [ "$code" = 200 ] && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    [ $(($(now_ms) - t0)) -gt $((limit * 1000)) ] && return 1
    sleep 0.01
  done
}


# CPU accounting, in clock ticks (USER_HZ, normally 100 per second).
cpu_busy_total() { # busy ticks of the whole machine: user nice system irq softirq steal
  awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat
}
proc_ticks() { # utime + stime of a process
  local v
  v=$(awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || true)
  echo "${v:-0}"
}
own=0
own_ticks() { # sets own: ticks of this script and the children it has waited for (wrk, curl ...).
  # `times` must run in this shell, not in a $( ) subshell, which has its own.
  times >"$work/times.txt"
  own=$(awk -v hz="$(getconf CLK_TCK 2>/dev/null || echo 100)" \
    '{ for (i = 1; i <= NF; i++) { split($i, a, "m"); s += a[1] * 60 + a[2] } } END { printf "%d", s * hz }' "$work/times.txt")
}
quiet_left=$QUIET_WAIT

declare -A SRV_PID SRV_PORT
declare -A T_SRV T_HOST T_PATH T_LABEL
declare -A RPS P50 P99 REQS NON2XX STATUSES SAMPLE SOCK OTHER
declare -A BEST_RPS BEST_P50 BEST_P99 BEST_NON2XX BEST_STATUSES BEST_SOCK BEST_OTHER ALL_RPS ALL_BAD
other_pct=0

target() { # target KEY SERVER HOST PATH LABEL
  T_SRV[$1]=$2 T_HOST[$1]=$3 T_PATH[$1]=$4 T_LABEL[$1]=$5
}

run_wrk() { # run_wrk KEY SECONDS OUTFILE [PATH]; sets other_pct: CPU used by anything else, in %
  local key=$1 secs=$2 out=$3 path=${4:-${T_PATH[$1]}}
  local srv=${T_SRV[$key]}
  local url="http://127.0.0.1:${SRV_PORT[$srv]}$path"
  local busy0 srv0 own0 busy1 srv1 own1
  busy0=$(cpu_busy_total); srv0=$(proc_ticks "${SRV_PID[$srv]}"); own_ticks; own0=$own
  timeout $((secs + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --latency -s "$work/status.lua" \
    -H "Host: ${T_HOST[$key]}" "$url" >"$out" 2>&1 || say "wrk against $key ($url) ended with an error"
  busy1=$(cpu_busy_total); srv1=$(proc_ticks "${SRV_PID[$srv]}"); own_ticks; own1=$own
  other_pct=$(awk -v o=$(((busy1 - busy0) - (srv1 - srv0) - (own1 - own0))) -v n="$(nproc)" -v s="$secs" -v hz="$(getconf CLK_TCK 2>/dev/null || echo 100)" \
    'BEGIN { if (o < 0) o = 0; printf "%.0f", 100 * o / (n * s * hz) }')
}

parse_wrk() { # parse_wrk KEY FILE
  local key=$1 f=$2 v
  v=$(awk '/^Requests\/sec:/ {print $2}' "$f"); RPS[$key]=${v:-0}
  v=$(awk '$1 == "50%" {print $2}' "$f"); P50[$key]=$(to_ms "${v:-0}")
  v=$(awk '$1 == "99%" {print $2}' "$f"); P99[$key]=$(to_ms "${v:-0}")
  v=$(awk '/ requests in / {print $1}' "$f"); REQS[$key]=${v:-0}
  v=$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$f"); SOCK[$key]=${v:-0}
  v=$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$f"); NON2XX[$key]=${v:-0}
  # the hook's count also covers 3xx, which wrk's own line leaves out
  STATUSES[$key]=$(awk '/^status [0-9]+: / { sub(":", "", $2); printf "%s%s: %s", (n++ ? ", " : ""), $2, $3 }' "$f")
  v=$(awk '/^status [0-9]+: / { s += $3 } END { print s + 0 }' "$f")
  [ "$v" -gt "${NON2XX[$key]}" ] && NON2XX[$key]=$v
  SAMPLE[$key]=$(sed -n 's/^sample: //p' "$f" | head -n 1)
  if [ "${RPS[$key]}" = 0 ]; then say "no result from wrk for $key:"; cat "$f" >&2; fi
}

rows() { # rows SQL: a count from the data.db of the JIT fazt (read-only; the server keeps running)
  sqlite3 "file:$data_jit/data.db?mode=ro" ".timeout 10000" "$1"
}

start_fazt() { # start_fazt NAME DATA_DIR jit|interp: starts a fazt server and waits for /health
  local name=$1 dir=$2 mode=$3 log="$work/logs/$1.log"
  SRV_PORT[$name]=$(free_port)
  mkdir -p "$dir"
  if [ "$mode" = jit ]; then
    "$fazt_bin" --server --bind 127.0.0.1 --port "${SRV_PORT[$name]}" --data "$dir" >"$log" 2>&1 &
  else
    # what ./fazt runs, less -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=<graal>
    "$java_bin" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
      -cp "$fazt_jar:$fazt_dir/app-desktop/target/lib/*" fazt.desktop.DesktopMain \
      --server --bind 127.0.0.1 --port "${SRV_PORT[$name]}" --data "$dir" >"$log" 2>&1 &
  fi
  SRV_PID[$name]=$!
  server_pids+=("${SRV_PID[$name]}")
  wait_200 "${SRV_PID[$name]}" "http://127.0.0.1:${SRV_PORT[$name]}/health" localhost 120 \
    || { tail -30 "$log" >&2; die "fazt ($name) did not answer 200 on /health"; }
  grep -q 'fazt: building' "$log" && die "./fazt rebuilt the project during the run"
  say "fazt ($name) answers on 127.0.0.1:${SRV_PORT[$name]} (pid ${SRV_PID[$name]})"
}

js_engine() { # js_engine NAME DATA_DIR: js_engine from /api/system/health, with a new API key
  local token
  token=$("$fazt_bin" server create-key --name "bench-$1" --data "$2" 2>/dev/null | grep -o 'fzt_[0-9a-zA-Z]*' | head -n 1 || true)
  [ -n "$token" ] || die "could not create an API key for fazt ($1)"
  curl -s --max-time 10 -H 'Host: localhost' -H "Authorization: Bearer $token" \
    "http://127.0.0.1:${SRV_PORT[$1]}/api/system/health" | sed -n 's/.*"js_engine":"\([^"]*\)".*/\1/p'
}

deploy() { # deploy APP DATA_DIR: ./fazt app deploy; sets deploy_ms
  local t0
  t0=$(now_ms)
  timeout 120 "$fazt_bin" app deploy "$work/apps/$1" --name "$1" --data "$2" >"$work/logs/deploy-$1.log" 2>&1 \
    || { cat "$work/logs/deploy-$1.log" >&2; die "./fazt app deploy $1 failed"; }
  deploy_ms=$(($(now_ms) - t0))
}

get() { # get SERVER HOST PATH -> "STATUS TIME_S", the body in $work/body
  curl -s -o "$work/body" -w '%{http_code} %{time_total}' --max-time 30 -H "Host: $2" \
    "http://127.0.0.1:${SRV_PORT[$1]}$3" 2>/dev/null || true
}

expect_200() { # expect_200 SERVER HOST PATH: the body is left in $work/body
  local r
  r=$(get "$1" "$2" "$3")
  [ "${r%% *}" = 200 ] || { cat "$work/body" >&2 2>/dev/null; die "$1 answered ${r%% *} for $2$3 (expected 200)"; }
}

record_best() { # record_best KEY: keeps the round with the most req/s
  local key=$1
  ALL_RPS[$key]+="$(printf '%.0f' "${RPS[$key]}") "
  [ "${NON2XX[$key]}" -gt 0 ] || [ "${SOCK[$key]}" -gt 0 ] && ALL_BAD[$key]+="round $round: ${NON2XX[$key]} non-2xx${STATUSES[$key]:+ (${STATUSES[$key]})}, ${SOCK[$key]} socket errors${SAMPLE[$key]:+; one answer: \`${SAMPLE[$key]}\`}. "
  if awk -v a="${RPS[$key]}" -v b="${BEST_RPS[$key]:-0}" 'BEGIN { exit !(a > b) }'; then
    BEST_RPS[$key]=${RPS[$key]} BEST_P50[$key]=${P50[$key]} BEST_P99[$key]=${P99[$key]}
    BEST_NON2XX[$key]=${NON2XX[$key]} BEST_STATUSES[$key]=${STATUSES[$key]} BEST_SOCK[$key]=${SOCK[$key]} BEST_OTHER[$key]=$other_pct
  fi
}

# ---------------------------------------------------------------- phase 1: fazt with the JIT, and Node
data_jit="$work/data-jit"
start_fazt jit "$data_jit" jit
engine_jit=$(js_engine jit "$data_jit")
[ "$engine_jit" = "GraalVM CE" ] || die "fazt started by ./fazt reports js_engine '$engine_jit', not 'GraalVM CE' (the JIT is off)"
say "fazt (jit): js_engine $engine_jit"
for app in hello hellofresh kv docs cpu; do deploy "$app" "$data_jit"; done
say "deployed hello, hellofresh, kv, docs and cpu"
expect_200 jit kv.localhost /api/seed

SRV_PORT[node]=$(free_port)
node "$work/node-server.js" "${SRV_PORT[node]}" >"$work/logs/node.log" 2>&1 &
SRV_PID[node]=$!
server_pids+=("${SRV_PID[node]}")
wait_200 "${SRV_PID[node]}" "http://127.0.0.1:${SRV_PORT[node]}/api" localhost 30 \
  || { cat "$work/logs/node.log" >&2; die "the Node.js server did not start"; }
node_v=$(node --version)
say "Node.js $node_v answers on 127.0.0.1:${SRV_PORT[node]} (pid ${SRV_PID[node]})"

target hello_node node hello.localhost /api "hello JSON"
target hello jit hello.localhost /api "hello JSON"
target fresh jit hellofresh.localhost /api 'hello JSON, `"isolation": "fresh"`'
target kvset jit kv.localhost "/api/set?p=warm" "KV set (a new key per request)"
target kvget jit kv.localhost /api/get "KV get (one of 1,000 keys)"
target docs jit docs.localhost "/api?c=warm" "docs insert + find by id"
target cpu_node node cpu.localhost /cpu "JSON transform of 1,000 items"
target cpu jit cpu.localhost /api "JSON transform of 1,000 items"
target cpu_interp interp cpu.localhost /api "JSON transform of 1,000 items"
phase1=(hello_node hello fresh kvset kvget docs cpu cpu_node)

# the same answers everywhere
expect_200 node hello.localhost /api; cp "$work/body" "$work/hello-node.json"
expect_200 jit hello.localhost /api
cmp -s "$work/body" "$work/hello-node.json" || die "fazt's hello body differs from Node's: $(cat "$work/body")"
expect_200 jit hellofresh.localhost /api
cmp -s "$work/body" "$work/hello-node.json" || die "the fresh-isolation hello body differs: $(cat "$work/body")"
hello_body=$(cat "$work/body")
expect_200 jit kv.localhost /api/get
expect_200 jit docs.localhost "/api?c=check"
expect_200 node cpu.localhost /cpu; cp "$work/body" "$work/cpu-node.json"
expect_200 jit cpu.localhost /api
cmp -s "$work/body" "$work/cpu-node.json" || die "fazt's transform result differs from Node's: $(cat "$work/body") vs $(cat "$work/cpu-node.json")"
cpu_body=$(cat "$work/body")
say "fazt and Node give the same answers: $hello_body and $cpu_body"

# ---------------------------------------------------------------- the first seconds after a deploy
# Before any warm-up: a new version of hello (the same answer) is deployed, and wrk starts as soon as
# the deploy command returns. Node.js is restarted and measured the same way from its first request.
start_node() { # start_node: a new Node.js server on a new port
  SRV_PORT[node]=$(free_port)
  node "$work/node-server.js" "${SRV_PORT[node]}" >"$work/logs/node.log" 2>&1 &
  SRV_PID[node]=$!
  server_pids+=("${SRV_PID[node]}")
}
first_run() { # first_run KEY RESULT_KEY: one FIRST_SECONDS run of target KEY, parsed under RESULT_KEY
  run_wrk "$1" "$FIRST_SECONDS" "$work/wrk-$2.txt"
  parse_wrk "$2" "$work/wrk-$2.txt"
  BEST_OTHER[$2]=$other_pct ALL_RPS[$2]=$(printf '%.0f' "${RPS[$2]}")
  say "  $2: ${RPS[$2]} req/s, p99 ${P99[$2]} ms, non-2xx ${NON2XX[$2]}, other CPU $other_pct%"
}
T_LABEL[first_hello]="hello JSON, first ${FIRST_SECONDS} s after a deploy" T_SRV[first_hello]=jit
T_LABEL[first_node]="hello JSON, first ${FIRST_SECONDS} s after a start" T_SRV[first_node]=node
wait_quiet
printf '// a new version, the same answer\nrespond({message: "Hello", n: 1})\n' >"$work/apps/hello/api/main.js"
deploy hello "$data_jit"
say "first ${FIRST_SECONDS} s after a deploy of hello (deploy took $deploy_ms ms)"
first_run hello first_hello
stop_pid "${SRV_PID[node]}"
wait_quiet
start_node
wait_200 "${SRV_PID[node]}" "http://127.0.0.1:${SRV_PORT[node]}/api" localhost 30 \
  || { cat "$work/logs/node.log" >&2; die "the Node.js server did not start again"; }
first_run hello_node first_node

for key in "${phase1[@]}"; do
  say "warm-up $key: ${WARMUP}s"
  run_wrk "$key" "$WARMUP" "$work/warm-$key.txt"
done

declare -A KV_OK KV_ROWS DOC_OK DOC_ROWS
measure() { # measure KEY: one measured run in round $round
  local key=$1 path=${T_PATH[$1]} f
  case $key in
    kvset) path="/api/set?p=r$round" ;;
    docs) path="/api?c=r$round" ;;
  esac
  wait_quiet
  say "round $round/$ROUNDS: $key (wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s)"
  f="$work/wrk-$key-$round.txt"
  run_wrk "$key" "$DURATION" "$f" "$path"
  parse_wrk "$key" "$f"
  say "  $(printf '%s req/s, p50 %s ms, p99 %s ms, non-2xx %s, socket errors %s, other CPU %s%%' \
    "${RPS[$key]}" "${P50[$key]}" "${P99[$key]}" "${NON2XX[$key]}" "${SOCK[$key]}" "$other_pct")"
  [ -n "${SAMPLE[$key]}" ] && say "  one non-2xx answer: ${SAMPLE[$key]}"
  # count what the writes left in data.db: at least one row per 2xx answer that wrk counted, and at
  # most CONNECTIONS more (requests still running when wrk stopped at the end of its run)
  case $key in
    kvset)
      sleep 1
      KV_OK[$round]=$((REQS[$key] - NON2XX[$key]))
      KV_ROWS[$round]=$(rows "SELECT count(*) FROM kv WHERE key >= 'r$round-' AND key < 'r$round.'")
      say "  kv rows with prefix r$round-: ${KV_ROWS[$round]} (wrk counted ${KV_OK[$round]} 2xx answers)" ;;
    docs)
      sleep 1
      DOC_OK[$round]=$((REQS[$key] - NON2XX[$key]))
      DOC_ROWS[$round]=$(rows "SELECT count(*) FROM docs WHERE collection = 'r$round'")
      say "  documents in collection r$round: ${DOC_ROWS[$round]} (wrk counted ${DOC_OK[$round]} 2xx answers)" ;;
  esac
  record_best "$key"
}

for ((round = 1; round <= ROUNDS; round++)); do
  for key in "${phase1[@]}"; do measure "$key"; done
done

# ---------------------------------------------------------------- first request after a deploy
# App "cold": version i answers {"message":"Hello","version":i}. Version 0 creates the app; each of
# the FIRST_REPEATS versions after it is deployed with ./fazt app deploy, and the first curl to /api
# right after the command returned is timed (a new runtime for the version: parse, a new context),
# then a second one.
say "first request after a deploy: $FIRST_REPEATS new versions"
declare -a FIRST_MS SECOND_MS DEPLOY_MS FIRST_NOTE
first_stale=0
mkdir -p "$work/apps/cold/api"
echo '{"name": "cold"}' >"$work/apps/cold/manifest.json"
for ((i = 0; i <= FIRST_REPEATS; i++)); do
  echo "respond({message: \"Hello\", version: $i})" >"$work/apps/cold/api/main.js"
  deploy cold "$data_jit"
  r1=$(get jit cold.localhost /api)
  b1=$(cat "$work/body" 2>/dev/null || true)
  r2=$(get jit cold.localhost /api)
  note=""
  [ "${r1%% *}" = 200 ] || note="status ${r1%% *}"
  if [ "$b1" != "{\"message\":\"Hello\",\"version\":$i}" ]; then
    note="${note:+$note; }answered \`$b1\` (expected version $i)"
    [ "$i" -gt 0 ] && first_stale=$((first_stale + 1))
  fi
  FIRST_MS[$i]=$(awk -v s="${r1#* }" 'BEGIN { printf "%.1f", s * 1000 }')
  SECOND_MS[$i]=$(awk -v s="${r2#* }" 'BEGIN { printf "%.1f", s * 1000 }')
  DEPLOY_MS[$i]=$deploy_ms
  FIRST_NOTE[$i]=$note
  say "  version $i: deploy ${deploy_ms} ms, first request ${FIRST_MS[$i]} ms, second ${SECOND_MS[$i]} ms${note:+ ($note)}"
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
first_median=$(median "${FIRST_MS[@]:1}")
second_median=$(median "${SECOND_MS[@]:1}")
deploy_median=$(median "${DEPLOY_MS[@]:1}")

# ---------------------------------------------------------------- phase 2: fazt without the JIT
stop_pid "${SRV_PID[node]}"
stop_pid "${SRV_PID[jit]}"
say "stopped Node.js and the JIT fazt; starting fazt without the JIT flags"
data_interp="$work/data-interp"
start_fazt interp "$data_interp" interp
engine_interp=$(js_engine interp "$data_interp")
[ "$engine_interp" = "Interpreted" ] || die "fazt started without the JIT flags reports js_engine '$engine_interp', not 'Interpreted'"
say "fazt (interp): js_engine $engine_interp"
deploy cpu "$data_interp"
expect_200 interp cpu.localhost /api
cmp -s "$work/body" "$work/cpu-node.json" || die "the interpreted transform result differs: $(cat "$work/body")"
say "warm-up cpu_interp: ${WARMUP}s"
run_wrk cpu_interp "$WARMUP" "$work/warm-cpu_interp.txt"
for ((round = 1; round <= ROUNDS; round++)); do measure cpu_interp; done
stop_pid "${SRV_PID[interp]}"

for k in "${!BEST_RPS[@]}"; do
  RPS[$k]=${BEST_RPS[$k]} P50[$k]=${BEST_P50[$k]} P99[$k]=${BEST_P99[$k]}
  NON2XX[$k]=${BEST_NON2XX[$k]} STATUSES[$k]=${BEST_STATUSES[$k]} SOCK[$k]=${BEST_SOCK[$k]}
done

# ---------------------------------------------------------------- machine
cpu_model=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
cores=$(nproc)
mem_gib=$(awk '/^MemTotal:/ {printf "%.1f", $2 / 1024 / 1024}' /proc/meminfo)
os_name=$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-unknown}")
kernel=$(uname -r)
jdk=$("$java_bin" -version 2>&1 | sed -n 2p)
wrk_v=$(wrk -v 2>&1 | awk 'NR == 1 {print $1, $2}' || true)
fazt_env=$(env | grep '^FAZT_' | grep -v '^FAZT_REF=' | sort | tr '\n' ' ' || true)

# ---------------------------------------------------------------- the doc section
num() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
met() { awk -v v="$1" -v aim="$2" -v dir="$3" 'BEGIN { ok = (dir == "min" ? v >= aim : v < aim); print (ok ? "met" : "not met") }'; }

row() { # row KEY SERVER_LABEL
  local k=$1 bad="${NON2XX[$1]}"
  [ -n "${STATUSES[$k]}" ] && bad+=" (${STATUSES[$k]})"
  echo "| ${T_LABEL[$k]} | $2 | $(fmt_rps "${RPS[$k]}") | $(fmt_ms "${P50[$k]}") | $(fmt_ms "${P99[$k]}") | $bad | ${SOCK[$k]} | ${BEST_OTHER[$k]}% | ${ALL_RPS[$k]% } |"
}
ratio_row() { # ratio_row LABEL KEY_A KEY_B
  echo "| **$1** | | **$(ratio "${RPS[$2]}" "${RPS[$3]}")** | $(ratio "${P50[$2]}" "${P50[$3]}") | $(ratio "${P99[$2]}" "${P99[$3]}") | | | | |"
}
check_rows() { # check_rows OK ROWS -> "ok" when OK <= ROWS <= OK + CONNECTIONS
  if [ "$2" -ge "$1" ] && [ "$2" -le $(($1 + CONNECTIONS)) ]; then echo "consistent"; else echo "**MISMATCH**"; fi
}

r_hello=$(num "${RPS[hello]}" "${RPS[hello_node]}")
r_first=$(num "${RPS[first_hello]}" "${RPS[first_node]}")
r_cpu=$(num "${RPS[cpu]}" "${RPS[cpu_node]}")
kv_w=$(fmt_rps "${RPS[kvset]}")
section="$work/section.md"
{
  echo "## Functions"
  echo
  echo "Written by \`$run_cmd\` on $(date -u '+%Y-%m-%d %H:%M UTC'). Run \`bench/functions.sh\` to refresh this section (see bench/README.md)."
  echo
  echo "Serverless functions (\`api/main.js\`, GraalJS) on fazt (\`./fazt --server\`) against a Node.js \`http\` server, on loopback."
  echo "wrk drives every target in turn with the same settings: \`wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency\` with the app's"
  echo "Host header and a small Lua hook that counts answers by status, after a warm-up of ${WARMUP} s per target (the JIT needs it)."
  echo "fazt, Node.js and wrk share the same $cores cores. Node.js is one process (one event loop, no cluster), as \`node server.js\` runs;"
  echo "fazt runs with its default settings${fazt_env:+ plus \`${fazt_env% }\`} (functions on a pool of twice the cores, at least 4 workers)."
  echo "Both answer with the same bytes: \`$hello_body\` for hello, \`$cpu_body\` for the transform."
  echo
  echo "### Machine"
  echo
  echo "- CPU: $cpu_model, $cores cores; memory: $mem_gib GiB"
  echo "- OS: $os_name, Linux $kernel"
  echo "- JDK: $jdk"
  echo "- fazt: commit $commit; \`js_engine\`: \`$engine_jit\` (./fazt), \`$engine_interp\` (the same build without the JIT flags)"
  echo "- Node.js $node_v, $wrk_v"
  echo
  echo "### Requests per second and latency"
  echo
  echo "| test | server | req/s | p50 | p99 | non-2xx | socket errors | other CPU | req/s of each round |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---|"
  row hello_node "Node.js"
  row hello "fazt"
  ratio_row "fazt/Node.js" hello hello_node
  row first_node "Node.js"
  row first_hello "fazt"
  ratio_row "fazt/Node.js, first ${FIRST_SECONDS} s" first_hello first_node
  row fresh "fazt"
  ratio_row "fresh/pooled" fresh hello
  row kvset "fazt"
  row kvget "fazt"
  row docs "fazt"
  row cpu "fazt, JIT"
  row cpu_interp "fazt, interpreter"
  row cpu_node "Node.js"
  ratio_row "fazt JIT/interpreter" cpu cpu_interp
  ratio_row "fazt JIT/Node.js" cpu cpu_node
  echo
  echo "Each row is the best of $ROUNDS rounds (by req/s); the rounds ran interleaved (every target, then again)."
  echo "The two \"first ${FIRST_SECONDS} s\" rows are one run each, made before any warm-up: for fazt, a new version of hello"
  echo "deployed with \`./fazt app deploy\` to the server that had answered one request per app, and wrk started as soon as"
  echo "the command returned; for Node.js, a new process (a Node.js deploy is a restart) from its first request."
  echo "For req/s a ratio above 1.0x means the first is faster; for p50/p99 below 1.0x means it answers sooner."
  echo "\"non-2xx\" counts answers outside 200-299 (with their status codes), \"socket errors\" wrk's connect, read, write"
  echo "and timeout errors (wrk's timeout is 2 s). \"other CPU\" is the share of the machine's CPU (all cores) used during that"
  echo "run by anything but the server under test, wrk and this script (other programs, the idle server, steal); near 0% means a clean run."
  echo "The KV set row is the number of KV writes per second: one \`fazt.storage.kv.set\` of a new key per request."
  echo "The docs row does a \`fazt.storage.ds.insert\` and a \`find\` of the new id in each request. The transform builds 1,000 objects,"
  echo "then filter, map, sort, reduce and \`JSON.stringify\`; it answers with a summary, so the work is CPU, not bytes on the wire."
  echo "The interpreter row comes from a second fazt of the same build, started without"
  echo "\`-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=<graal>\`, after the JIT fazt and Node.js were stopped."
  local_bad=""
  for k in first_node first_hello hello_node hello fresh kvset kvget docs cpu cpu_interp cpu_node; do
    [ -n "${ALL_BAD[$k]:-}" ] && local_bad+="- ${T_LABEL[$k]} (${T_SRV[$k]}): ${ALL_BAD[$k]% }"$'\n'
  done
  if [ -n "$local_bad" ]; then
    echo
    echo "Runs with errors (all rounds):"
    echo
    printf '%s' "$local_bad"
  fi
  echo
  echo "### Aims"
  echo
  echo "- hello JSON: at least 0.8x Node.js's req/s at steady state — **${r_hello}x, $(met "$r_hello" 0.8 min)**."
  echo "- hello JSON: at least 0.5x Node.js's req/s over the first ${FIRST_SECONDS} s after a deploy — **${r_first}x, $(met "$r_first" 0.5 min)**."
  echo "- hello JSON: p99 at most 10 ms at $CONNECTIONS connections — **$(fmt_ms "${P99[hello]}"), $(met "${P99[hello]}" 10.001 max)**."
  echo "- JSON transform of 1,000 items: at least 1.0x Node.js's req/s — **${r_cpu}x, $(met "$r_cpu" 1.0 min)**."
  echo "- KV writes: at least 5,000 per second — **$kv_w/s, $(met "${RPS[kvset]}" 5000 min)**; non-2xx answers in the best KV set run: **${NON2XX[kvset]}**."
  echo
  echo "### Writes found in data.db"
  echo
  echo "After each KV set and docs run the script counts the rows that run wrote (a key prefix and a collection per run) with"
  echo "\`sqlite3\` on the live data.db. There must be one row per 2xx answer that wrk counted, plus at most $CONNECTIONS"
  echo "for the requests still running when wrk stopped at the end of its run (wrk does not count those)."
  echo
  echo "| run | KV: 2xx answers | KV: rows | | docs: 2xx answers | docs: rows | |"
  echo "|---|---:|---:|---|---:|---:|---|"
  for ((round = 1; round <= ROUNDS; round++)); do
    echo "| round $round | ${KV_OK[$round]} | ${KV_ROWS[$round]} | $(check_rows "${KV_OK[$round]}" "${KV_ROWS[$round]}") | ${DOC_OK[$round]} | ${DOC_ROWS[$round]} | $(check_rows "${DOC_OK[$round]}" "${DOC_ROWS[$round]}") |"
  done
  echo
  echo "### First request after a deploy"
  echo
  echo "The app \`cold\` (\`respond({message: \"Hello\", version: N})\`) is deployed $((FIRST_REPEATS + 1)) times with \`./fazt app deploy\`"
  echo "to the running JIT fazt (after the runs above). Right after each deploy command returns, curl times the first request to"
  echo "\`/api\` (wall-clock, connect included), checks that it answers the new version, then times a second request."
  echo "Version 0 creates the app; the median is over the $FIRST_REPEATS new versions after it."
  echo
  echo "| version | \`./fazt app deploy\` | first request | second request | note |"
  echo "|---|---:|---:|---:|---|"
  for ((i = 0; i <= FIRST_REPEATS; i++)); do
    echo "| $i$([ "$i" = 0 ] && echo " (new app)") | $(awk -v v="${DEPLOY_MS[$i]}" 'BEGIN { printf "%.2f s", v / 1000 }') | ${FIRST_MS[$i]} ms | ${SECOND_MS[$i]} ms | ${FIRST_NOTE[$i]} |"
  done
  echo "| **median of versions 1-$FIRST_REPEATS** | $(awk -v v="$deploy_median" 'BEGIN { printf "%.2f s", v / 1000 }') | **$first_median ms** | $second_median ms | |"
  echo
  if [ "$first_stale" -gt 0 ]; then
    echo "**$first_stale of $FIRST_REPEATS first requests after a finished deploy did not answer the new version.**"
  else
    echo "Every first request after a deploy answered the new version."
  fi
  echo "A deploy's wall time is mostly the CLI's own JVM start; it includes zipping and the upload through loopback."
} >"$section"

write_section "Functions" "$section"
say "done in $(($(date +%s) - started_at)) s"
