#!/usr/bin/env bash
# Floors: what the JVM and the libraries fazt is built on cost before fazt adds anything, measured
# beside fazt in one run, so that an aim below the floor is seen to be out of reach on this stack.
#
#   memory   resident memory (VmRSS) IDLE seconds after start of: an empty JVM; a GraalJS engine
#            built as fazt builds it; Jetty set up as FaztServer sets it up; an empty JavaFX window
#            (under Xvfb); and, beside them, `./fazt --server` (no apps but the landing page) and the
#            desktop `./fazt`, on new data folders. Every JVM gets the options ./fazt gives its own.
#   start    JVM uptime at the empty JavaFX window's first show, against the desktop's own log line
#            ("window shown N ms after the JVM started"); median of RUNS.
#   serve    requests per second for a 1 KB page: nginx, the bare Jetty (the same bytes from memory,
#            no routing) and `./fazt --server`; and for a hello JSON: Node.js's http and the bare
#            Jetty (the functions' ceiling); wrk with the same settings, WARMUP then DURATION
#            seconds each, best of ROUNDS.
# Writes the "## Floors" section of docs/BENCHMARKS.md (NO_DOC=1 only prints).
#
# Settings (environment): IDLE=30 RUNS=3 WARMUP=10 DURATION=10 ROUNDS=2 THREADS=2 CONNECTIONS=50
#   QUIET_WAIT=60 MAX_SECONDS=1200
set -euo pipefail

run_cmd="bench/floors.sh"
for v in IDLE RUNS WARMUP DURATION ROUNDS THREADS CONNECTIONS; do
  if [ -n "${!v+x}" ]; then run_cmd="$v=${!v} $run_cmd"; fi
done
IDLE=${IDLE:-30}
RUNS=${RUNS:-3}
WARMUP=${WARMUP:-10}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-2}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-50}
QUIET_WAIT=${QUIET_WAIT:-60}
MAX_SECONDS=${MAX_SECONDS:-1200}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
doc="$root/docs/BENCHMARKS.md"
started_at=$(date +%s)
say() { printf '[floors %3ds] %s\n' "$(($(date +%s) - started_at))" "$*" >&2; }
cpu_busy_total() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
. "$root/bench/lib.sh"
. "$root/scripts/java-home.sh"
fazt_pick_jdk >/dev/null

work="$(mktemp -d)"
chmod 755 "$work" # nginx workers may run as an unprivileged user and must read www/
guard_run
mkdir -p "$work/logs"
install_missing nginx wrk curl
command -v node >/dev/null || { as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null || die "apt-get install nodejs failed"; }
if ! command -v xvfb-run >/dev/null; then # the windows need an X server and GTK (packages, not commands)
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || die "apt-get update failed"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xvfb xauth libgtk-3-0 >/dev/null \
    || die "apt-get install xvfb xauth libgtk-3-0 failed"
fi
quiet_left=$QUIET_WAIT
used_ports=" "
declare -A SRV_PORT SRV_PID

snapshot_build
lib="$fazt_dir/app-desktop/target/lib"
say "compiling bench/floors/Floor.java"
"$JAVA_HOME/bin/javac" -d "$work/floor" -cp "$lib/*" "$root/bench/floors/Floor.java"
# the options ./fazt starts its JVM with (the JIT's, then memory's): every floor gets the same
java_cmd=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow
  -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI "--upgrade-module-path=$fazt_dir/app-desktop/target/graal"
  -XX:+UseG1GC -Xms16m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:G1PeriodicGCInterval=15000
  -XX:TrimNativeHeapInterval=15000 -cp "$work/floor:$lib/*" Floor)
grep -q -- "-XX:TrimNativeHeapInterval=15000" "$root/fazt" || die "./fazt's JVM options changed: update java_cmd in $0"

rss_mib() { awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
wait_line() { # wait_line FILE PATTERN SECONDS
  local i
  for ((i = 0; i < $3 * 10; i++)); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  cat "$1" >&2; die "no \"$2\" in $1 after $3 s"
}
java_pid_in() { # the JVM under a wrapper (./fazt execs java; xvfb-run starts it as a child)
  local p=$1 c
  for _ in 1 2 3; do
    [ "$(basename "$(readlink "/proc/$p/exe" 2>/dev/null)")" = java ] && { echo "$p"; return; }
    c=$(pgrep -P "$p" | tail -1); [ -n "$c" ] && p=$c
  done
  echo "$p"
}

stop_both() { # the JVM first, then its wrapper (xvfb-run does not stop the program it runs)
  [ "$1" = "$2" ] || stop_pid "$1"
  stop_pid "$2"
}

# ---------------------------------------------------------------- memory and start
declare -A RSS
measure() { # measure NAME READY-PATTERN COMMAND...: RSS[NAME] IDLE s after the ready line
  local name=$1 pattern=$2 log="$work/logs/$1.log" pid jpid
  shift 2
  wait_quiet
  "$@" >"$log" 2>&1 &
  pid=$!; server_pids+=("$pid")
  wait_line "$log" "$pattern" 300
  sleep "$IDLE"
  jpid=$(java_pid_in "$pid")
  RSS[$name]=$(rss_mib "$jpid")
  say "$name: ${RSS[$name]} MiB resident $IDLE s after ready"
  stop_both "$jpid" "$pid"
}
xvfb=(xvfb-run -a -s "-screen 0 1280x800x24")
measure jvm "ready idle" "${java_cmd[@]}" idle
measure js "ready js" "${java_cmd[@]}" js
measure jetty "ready jetty" "${java_cmd[@]}" jetty 0 "$root/README.md"
measure fx "ready fx" "${xvfb[@]}" "${java_cmd[@]}" fx
mkdir -p "$work/server-data" "$work/desktop-data"
measure server "listening on" "$fazt_bin" --server --bind 127.0.0.1 --port 0 --data "$work/server-data"
measure desktop "local node ready" "${xvfb[@]}" "$fazt_bin" --port 0 --data "$work/desktop-data"

fx_ms=(); desk_ms=()
for i in $(seq 1 "$RUNS"); do
  wait_quiet
  "${xvfb[@]}" "${java_cmd[@]}" fx >"$work/logs/fx-start.log" 2>&1 & pid=$!; server_pids+=("$pid")
  wait_line "$work/logs/fx-start.log" "ready fx" 120
  fx_ms+=("$(grep -o 'shown [0-9]* ms' "$work/logs/fx-start.log" | tr -dc 0-9)"); stop_both "$(java_pid_in "$pid")" "$pid"
  wait_quiet
  mkdir -p "$work/desk-$i"
  "${xvfb[@]}" "$fazt_bin" --port 0 --data "$work/desk-$i" >"$work/logs/desk-start.log" 2>&1 & pid=$!; server_pids+=("$pid")
  wait_line "$work/logs/desk-start.log" "window shown" 120
  desk_ms+=("$(grep -o 'window shown [0-9]* ms' "$work/logs/desk-start.log" | tr -dc 0-9)"); stop_both "$(java_pid_in "$pid")" "$pid"
  say "start $i: empty JavaFX window ${fx_ms[-1]} ms, fazt's window ${desk_ms[-1]} ms (JVM uptime)"
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# ---------------------------------------------------------------- serving a 1 KB page
mkdir -p "$work/www" "$work/site"
head -c 1024 /dev/zero | tr '\0' 'a' >"$work/www/index.html"
cp "$work/www/index.html" "$work/site/index.html"
SRV_PORT[nginx]=$(free_port)
start_nginx "" "  server { listen 127.0.0.1:${SRV_PORT[nginx]} default_server; root $work/www; }"
SRV_PORT[jetty]=$(free_port)
"${java_cmd[@]}" jetty "${SRV_PORT[jetty]}" "$work/www/index.html" >"$work/logs/jetty-serve.log" 2>&1 &
SRV_PID[jetty]=$!; server_pids+=("${SRV_PID[jetty]}")
SRV_PORT[fazt]=$(free_port)
"$fazt_bin" --server --bind 127.0.0.1 --port "${SRV_PORT[fazt]}" --data "$work/serve-data" >"$work/logs/fazt-serve.log" 2>&1 &
SRV_PID[fazt]=$!; server_pids+=("${SRV_PID[fazt]}")
wait_line "$work/logs/jetty-serve.log" "ready jetty" 120
wait_line "$work/logs/fazt-serve.log" "listening on" 120
"$fazt_bin" app deploy "$work/site" --name floor --data "$work/serve-data" >"$work/logs/deploy.log" 2>&1 \
  || { cat "$work/logs/deploy.log" >&2; die "deploy failed"; }
# the functions' ceiling: Node's http answering a hello JSON, and the bare Jetty answering the same bytes
printf '{"hello":"world"}' >"$work/hello.json"
SRV_PORT[node]=$(free_port)
node -e "const b = require('fs').readFileSync(process.argv[1]); require('http').createServer((q, r) => {
  r.writeHead(200, {'Content-Type': 'application/json'}); r.end(b); }).listen(${SRV_PORT[node]}, '127.0.0.1')" \
  "$work/hello.json" >"$work/logs/node.log" 2>&1 &
SRV_PID[node]=$!; server_pids+=("${SRV_PID[node]}")
SRV_PORT[jetty-hello]=$(free_port)
"${java_cmd[@]}" jetty "${SRV_PORT[jetty-hello]}" "$work/hello.json" >"$work/logs/jetty-hello.log" 2>&1 &
SRV_PID[jetty-hello]=$!; server_pids+=("${SRV_PID[jetty-hello]}")
wait_line "$work/logs/jetty-hello.log" "ready jetty" 120
declare -A RPS
declare -A expected=([nginx]="$work/www/index.html" [jetty]="$work/www/index.html" [fazt]="$work/www/index.html"
  [node]="$work/hello.json" [jetty-hello]="$work/hello.json")
servers=(nginx jetty fazt node jetty-hello)
for srv in "${servers[@]}"; do
  for _ in $(seq 1 100); do port_free "${SRV_PORT[$srv]}" || break; sleep 0.1; done
  curl -sf -H "Host: floor.localhost" "http://127.0.0.1:${SRV_PORT[$srv]}/" | cmp -s - "${expected[$srv]}" \
    || die "$srv does not serve what it should"
done
for r in $(seq 1 "$ROUNDS"); do
  for srv in "${servers[@]}"; do
    url="http://127.0.0.1:${SRV_PORT[$srv]}/"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -H "Host: floor.localhost" "$url" >/dev/null 2>&1 || true
    wait_quiet
    v=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -H "Host: floor.localhost" "$url" 2>&1 | awk '/^Requests\/sec:/ { print $2 }')
    say "round $r, $srv: ${v:-0} req/s"
    if awk -v a="${v:-0}" -v b="${RPS[$srv]:-0}" 'BEGIN { exit !(a > b) }'; then RPS[$srv]=${v:-0}; fi
  done
done

# ---------------------------------------------------------------- the section
out="$work/section.md"
{
  echo "## Floors"
  echo
  echo "Written by \`$run_cmd\` on $(date -u '+%Y-%m-%d %H:%M UTC') (fazt $commit), $(nproc) cores,"
  echo "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)."
  echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg). What the stack costs before fazt adds"
  echo "anything (\`bench/floors/Floor.java\`), beside fazt in the same run; every JVM has the options \`./fazt\` gives its own."
  echo
  echo "| resident memory, $IDLE s after ready | MiB |"
  echo "|---|---:|"
  echo "| an empty JVM | ${RSS[jvm]} |"
  echo "| a GraalJS engine built as fazt builds it (JIT on), one context run | ${RSS[js]} |"
  echo "| Jetty set up as fazt sets it up, nothing served yet | ${RSS[jetty]} |"
  echo "| an empty JavaFX window (Xvfb, software rendering) | ${RSS[fx]} |"
  echo "| \`./fazt --server\`, new data folder (no functions: no JS engine) | ${RSS[server]} |"
  echo "| the desktop \`./fazt\`, new data folder | ${RSS[desktop]} |"
  echo
  echo "| first show of a window, JVM uptime (median of $RUNS) | ms |"
  echo "|---|---:|"
  echo "| an empty JavaFX window | $(median "${fx_ms[@]}") |"
  echo "| fazt's window (its \"Starting fazt…\" state) | $(median "${desk_ms[@]}") |"
  echo
  echo "| 1 KB page, wrk -t$THREADS -c$CONNECTIONS, ${WARMUP} s warm-up, ${DURATION} s, best of $ROUNDS | req/s | of nginx |"
  echo "|---|---:|---:|"
  echo "| nginx | $(fmt_rps "${RPS[nginx]}") | 1.00x |"
  echo "| bare Jetty: the bytes from memory, no routing | $(fmt_rps "${RPS[jetty]}") | $(ratio "${RPS[jetty]}" "${RPS[nginx]}") |"
  echo "| \`./fazt --server\` | $(fmt_rps "${RPS[fazt]}") | $(ratio "${RPS[fazt]}" "${RPS[nginx]}") |"
  echo
  echo "| hello JSON (17 bytes), same wrk settings | req/s | of Node.js |"
  echo "|---|---:|---:|"
  echo "| Node.js \`http\` | $(fmt_rps "${RPS[node]}") | 1.00x |"
  echo "| bare Jetty: the bytes from memory, no routing, no script | $(fmt_rps "${RPS[jetty-hello]}") | $(ratio "${RPS[jetty-hello]}" "${RPS[node]}") |"
  echo
  echo "A function cannot answer faster than the bare Jetty under it; its hello figure is in \"Functions\" above."
} >"$out"
write_section "Floors" "$out"
