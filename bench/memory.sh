#!/usr/bin/env bash
# Memory benchmark: the resident memory (VmRSS) of a headless fazt (`./fazt --server`) holding 10 small
# apps, 5 of them with functions.
#
#   1. starts fazt on a new data folder, deploys the apps with the CLI and asks each once (the
#      function apps run their function once, the docs app writes one document);
#   2. idle: waits IDLE seconds with no requests, then reads VmRSS, the threads and the heap;
#   3. load: wrk with CONNECTIONS connections for DURATION seconds over a mix of static pages
#      (1 KB and 100 KB), hello functions and document writes (one in five requests); VmRSS is read
#      every second and the highest is kept; every answer that is not 2xx and every socket error counts
#      as an error;
#   4. after: waits IDLE seconds again and reads VmRSS (what the collector gave back).
# Each variant of VARIANTS is measured in turn on its own data folder, side by side in one run.
# Writes the "## Memory" section of docs/BENCHMARKS.md (other sections are kept).
#
# Usage: bench/memory.sh            (from anywhere; needs root or sudo to apt-get wrk or curl if missing)
#        SHORT=1 bench/memory.sh    a quick check: IDLE=10 DURATION=20
# Settings (environment):
#   IDLE=30 DURATION=120 CONNECTIONS=50 THREADS=2
#   VARIANTS='launcher='       name=JVM options pairs separated by ';', each passed to ./fazt as
#                              FAZT_JAVA_OPTS (after the launcher's own options, so they win), e.g.
#                              VARIANTS='launcher=;jvm-defaults=-XX:MaxRAMPercentage=25 -XX:G1PeriodicGCInterval=0'
#   MAX_SECONDS=1200           the whole run is stopped after this
#   NO_DOC=1                   print the section only, leave docs/BENCHMARKS.md alone
set -euo pipefail

run_cmd="bench/memory.sh"
for v in VARIANTS THREADS CONNECTIONS DURATION IDLE SHORT; do
  if [ -n "${!v+x}" ]; then run_cmd="$v='${!v}' $run_cmd"; fi
done
if [ "${SHORT:-}" = 1 ]; then IDLE=${IDLE:-10}; DURATION=${DURATION:-20}; fi
IDLE=${IDLE:-30}
DURATION=${DURATION:-120}
CONNECTIONS=${CONNECTIONS:-50}
THREADS=${THREADS:-2}
VARIANTS=${VARIANTS:-launcher=}
MAX_SECONDS=${MAX_SECONDS:-1200}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
doc="$root/docs/BENCHMARKS.md"
started_at=$(date +%s)

say() { printf '[memory %3ds] %s\n' "$(($(date +%s) - started_at))" "$*" >&2; }
cpu_busy_total() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
. "$root/bench/lib.sh"

guard_run

install_missing wrk curl

work=$(mktemp -d "${TMPDIR:-/tmp}/fazt-bench-memory.XXXXXX")
mkdir -p "$work/logs" "$work/apps"
snapshot_build
java_version=$(. "$fazt_dir/scripts/java-home.sh" && fazt_pick_jdk >/dev/null && "$JAVA_HOME/bin/java" -version 2>&1 | head -1)
used_ports=" "

# ---------------------------------------------------------------- the 10 apps
# 5 static sites (an index.html of 1,024 bytes and a 100 KB app.js), 5 with functions: 4 hello
# functions and one that writes a document per request.
for i in 1 2 3 4 5; do
  mkdir -p "$work/apps/site$i"
  head -c 1024 /dev/zero | tr '\0' 'a' >"$work/apps/site$i/index.html"
  head -c 102400 /dev/zero | tr '\0' 'b' >"$work/apps/site$i/app.js"
done
for i in 1 2 3 4; do
  mkdir -p "$work/apps/fn$i/api"
  echo "<h1>fn$i</h1>" >"$work/apps/fn$i/index.html"
  echo "respond({message: \"Hello\", app: $i})" >"$work/apps/fn$i/api/main.js"
done
mkdir -p "$work/apps/docs/api"
echo "<h1>docs</h1>" >"$work/apps/docs/index.html"
cat >"$work/apps/docs/api/main.js" <<'EOF'
const n = Math.floor(Math.random() * 1e9);
const id = fazt.storage.ds.insert("items", { n: n, name: "item " + n });
respond({ id: id });
EOF
apps=(site1 site2 site3 site4 site5 fn1 fn2 fn3 fn4 docs)

# the mix: 2 static 1 KB, 1 static 100 KB, 1 hello function, 1 document write, each app in turn
cat >"$work/mix.lua" <<'LUA'
local reqs = {}
for i = 1, 5 do
  table.insert(reqs, wrk.format("GET", "/", { Host = "site" .. i .. ".localhost" }))
  table.insert(reqs, wrk.format("GET", "/", { Host = "site" .. (6 - i) .. ".localhost" }))
  table.insert(reqs, wrk.format("GET", "/app.js", { Host = "site" .. i .. ".localhost" }))
  table.insert(reqs, wrk.format("GET", "/api", { Host = "fn" .. ((i - 1) % 4 + 1) .. ".localhost" }))
  table.insert(reqs, wrk.format("POST", "/api", { Host = "docs.localhost" }))
end
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) n = 0; bad = 0 end
function request() n = n + 1; return reqs[(n % #reqs) + 1] end
function response(status, headers, body) if status < 200 or status > 299 then bad = bad + 1 end end
function done(summary, latency, requests)
  local b = 0
  for _, t in ipairs(threads) do b = b + t:get("bad") end
  io.write(string.format("not 2xx: %d\n", b))
end
LUA

rss_mib() { awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
threads_of() { awk '/^Threads:/ { print $2 }' "/proc/$1/status"; }
heap_of() { # heap used / committed in MiB from jcmd GC.heap_info (G1: one "heap" line; Serial: two "generation" lines)
  jcmd "$1" GC.heap_info 2>/dev/null | awk '
    /(heap|generation) .*used [0-9]+K/ {
      for (i = 1; i <= NF; i++) { v = $(i + 1); gsub(/[^0-9]/, "", v)
        if ($i == "committed" || ($i == "total" && $(i + 1) != "reserved")) c += v; if ($i == "used") u += v }
    }
    END { if (c > 0) printf "%d / %d MiB", u / 1024, c / 1024 }'
}

rows=()
measure() { # measure NAME OPTS
  local name=$1 opts=$2 data="$work/data-$1" port pid log="$work/logs/$1.log" t0 app code
  mkdir -p "$data"
  port=$(free_port)
  say "[$name] starting fazt with FAZT_JAVA_OPTS='$opts' on 127.0.0.1:$port"
  FAZT_JAVA_OPTS="$opts" "$fazt_bin" --server --bind 127.0.0.1 --port "$port" --data "$data" >"$log" 2>&1 &
  pid=$!
  server_pids+=("$pid")
  t0=$(now_ms)
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/health" 2>/dev/null || true)" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { tail -30 "$log" >&2; die "fazt exited during start"; }
    [ $(($(now_ms) - t0)) -gt 120000 ] && { tail -30 "$log" >&2; die "fazt did not answer /health in 120 s"; }
    sleep 0.1
  done
  for app in "${apps[@]}"; do
    timeout 120 "$fazt_bin" app deploy "$work/apps/$app" --name "$app" --data "$data" >>"$work/logs/deploy-$name.log" 2>&1 \
      || { tail -20 "$work/logs/deploy-$name.log" >&2; die "deploy of $app failed"; }
  done
  local try
  for app in "${apps[@]}"; do
    # a first function call on a busy machine may pass its time limit (504) while the engine warms: ask again
    for try in 1 2 3 4 5; do
      case $app in
        site*) code=$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $app.localhost" "http://127.0.0.1:$port/") ;;
        docs) code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Host: $app.localhost" "http://127.0.0.1:$port/api") ;;
        *) code=$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $app.localhost" "http://127.0.0.1:$port/api") ;;
      esac
      [ "$code" = 200 ] && break
      say "[$name] $app answered $code (try $try)"
    done
    [ "$code" = 200 ] || die "[$name] $app answered $code 5 times"
  done
  say "[$name] 10 apps deployed and each asked once; idle for ${IDLE}s"
  sleep "$IDLE"
  local idle_rss idle_threads idle_heap
  idle_rss=$(rss_mib "$pid") idle_threads=$(threads_of "$pid") idle_heap=$(heap_of "$pid")
  say "[$name] idle: RSS $idle_rss MiB, $idle_threads threads, heap used/committed ${idle_heap:-n/a}"

  say "[$name] load: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s over the mix"
  (
    max=0
    while kill -0 "$pid" 2>/dev/null; do
      r=$(rss_mib "$pid" 2>/dev/null || echo 0)
      [ "${r:-0}" -gt "$max" ] && max=$r && echo "$max" >"$work/max-$name"
      sleep 1
    done
  ) &
  sampler_pid=$!
  timeout $((DURATION + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s -s "$work/mix.lua" \
    "http://127.0.0.1:$port/" >"$work/wrk-$name.txt" 2>&1 || die "wrk failed: $(cat "$work/wrk-$name.txt")"
  kill "$sampler_pid" 2>/dev/null || true; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=""
  local load_max rps bad sock errors
  load_max=$(cat "$work/max-$name" 2>/dev/null || echo 0)
  rps=$(awk '/^Requests\/sec:/ { printf "%d", $2 }' "$work/wrk-$name.txt")
  bad=$(awk '/^not 2xx:/ { print $3 }' "$work/wrk-$name.txt")
  sock=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$work/wrk-$name.txt")
  errors=$((${bad:-0} + ${sock:-0}))
  say "[$name] load: max RSS $load_max MiB, $rps req/s, $errors errors (${bad:-0} not 2xx, ${sock:-0} socket)"
  sleep "$IDLE"
  local after_rss after_heap
  after_rss=$(rss_mib "$pid") after_heap=$(heap_of "$pid")
  say "[$name] ${IDLE}s after the load: RSS $after_rss MiB, heap used/committed ${after_heap:-n/a}"
  stop_pid "$pid"
  rows+=("| $name | \`${opts:-(none)}\` | $idle_rss MiB | $idle_threads | ${idle_heap:-n/a} | $load_max MiB | $rps | $errors | $after_rss MiB |")
}

IFS=';' read -r -a variant_list <<<"$VARIANTS"
for v in "${variant_list[@]}"; do
  measure "${v%%=*}" "${v#*=}"
done

other_note=""
if [ "$(awk '{ print int($1 * 100) }' /proc/loadavg)" -gt 100 ]; then other_note=" Other work ran on the machine meanwhile (load average $(cut -d' ' -f1-3 /proc/loadavg) at the end)."; fi
{
  echo "## Memory"
  echo
  echo "Written by \`$run_cmd\` on $(date -u '+%Y-%m-%d %H:%M UTC') (commit $commit), on $(nproc) cores,"
  echo "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) of RAM, $java_version.$other_note"
  echo
  echo "A headless \`./fazt --server\` with 10 apps (5 static sites, 4 hello functions, 1 function writing a document"
  echo "per request), each asked once. *Idle* is VmRSS ${IDLE} s later; *load* the highest VmRSS read each second"
  echo "during \`wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --timeout 30s\` over a mix of 1 KB and 100 KB pages, hello functions and document"
  echo "writes; *errors* are answers that are not 2xx plus socket errors; *after* is VmRSS ${IDLE} s after the load."
  echo "Heap is used / committed from \`jcmd GC.heap_info\` at the idle reading. Aims (issue 13): idle ≤ 120 MB, load ≤ 350 MB, no errors."
  echo
  echo "| variant | extra JVM options | idle RSS | threads | heap | load max RSS | req/s | errors | after RSS |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
} >"$work/section.md"
write_section Memory "$work/section.md"
