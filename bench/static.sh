#!/usr/bin/env bash
# Static file benchmark: fazt (--server) against nginx and Caddy on loopback.
#
# Serves the same files from all three (a 1 KB HTML page, a 100 KB JS file, a 404), drives each
# with wrk using the same settings, measures fazt's start-to-first-200, its RSS idle and under
# load, and the time to deploy 1,000 files / 50 MiB with `./fazt app deploy`. Writes the results
# into the "## Static files" section of docs/BENCHMARKS.md (other sections are kept).
#
# Usage: bench/static.sh            (from anywhere; needs root or sudo to apt-get what is missing)
# Settings (environment):
#   THREADS=2 CONNECTIONS=50 DURATION=10   wrk settings of each measured run (seconds)
#   WARMUP=6                               seconds of warm-up per file and server before measuring
#   ROUNDS=2                               measured rounds; the best round per server and file is reported
#   QUIET_WAIT=90                          seconds the run may wait in all for other work on the machine to stop
#   DEPLOY_FILES=1000 DEPLOY_MB=50         the deploy-time folder
#   MAX_SECONDS=900                        the whole run is stopped after this
#   FAZT_REF=HEAD                          benchmark a commit (built in the temp folder) instead of the working tree
#   NO_DOC=1                               print the section only, leave docs/BENCHMARKS.md alone
set -euo pipefail

# the command as run, with the settings given in the environment, for the doc
run_cmd="bench/static.sh"
for v in FAZT_REF ROUNDS QUIET_WAIT DEPLOY_MB DEPLOY_FILES WARMUP DURATION CONNECTIONS THREADS; do
  if [ -n "${!v+x}" ]; then run_cmd="$v=${!v} $run_cmd"; fi
done

THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-50}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-6}
ROUNDS=${ROUNDS:-2}
QUIET_WAIT=${QUIET_WAIT:-90}
DEPLOY_FILES=${DEPLOY_FILES:-1000}
DEPLOY_MB=${DEPLOY_MB:-50}
MAX_SECONDS=${MAX_SECONDS:-900}
HOST_HEADER="bench.localhost"
APP_NAME="bench"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
doc="$root/docs/BENCHMARKS.md"
started_at=$(date +%s)

say() { printf '[static %3ds] %s\n' "$(($(date +%s) - started_at))" "$*" >&2; }
. "$root/bench/lib.sh"

# ---------------------------------------------------------------- cleanup and time bound
sampler_pid=""   # the RSS sampler while a wrk run is on
guard_run

# ---------------------------------------------------------------- tools

caddy_note=""
install_tools() {
  local missing=() pkg
  command -v nginx >/dev/null || missing+=(nginx)
  command -v caddy >/dev/null || missing+=(caddy)
  command -v wrk >/dev/null || missing+=(wrk)
  command -v curl >/dev/null || missing+=(curl)
  if [ ${#missing[@]} -eq 0 ]; then say "nginx, caddy, wrk and curl are installed"; return; fi
  say "installing with apt-get: ${missing[*]}"
  as_root timeout 300 env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
    || die "apt-get update failed"
  local wanted=()
  for pkg in "${missing[@]}"; do
    if apt-cache policy "$pkg" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
      wanted+=("$pkg")
    elif [ "$pkg" = caddy ]; then
      caddy_note="Caddy is not in this system's Debian packages (apt-cache has no candidate for 'caddy'), so it was not measured."
      say "NOTE: $caddy_note"
    else
      die "package $pkg is not available from apt"
    fi
  done
  if [ ${#wanted[@]} -gt 0 ]; then
    as_root timeout 600 env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${wanted[@]}" >/dev/null \
      || die "apt-get install ${wanted[*]} failed"
  fi
}
install_tools
have_caddy=0
command -v caddy >/dev/null && have_caddy=1
for t in nginx wrk curl awk; do command -v "$t" >/dev/null || die "$t is missing"; done

# ---------------------------------------------------------------- work folder and the fazt build
work=$(mktemp -d "${TMPDIR:-/tmp}/fazt-bench-static.XXXXXX")
chmod 755 "$work" # nginx workers may run as an unprivileged user and must read www/

# a commit (FAZT_REF) or the working tree
if [ -n "${FAZT_REF:-}" ]; then ref_build; else snapshot_build; fi
www="$work/www"
mkdir -p "$www" "$work/logs"

make_html() { # exactly 1024 bytes of HTML
  local head='<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>fazt static benchmark</title>
<script src="app.js" defer></script></head>
<body>
<h1>Static benchmark page</h1>
<p>'
  local tail='</p>
</body>
</html>
'
  printf '%s' "$head"
  awk -v n=$((1024 - ${#head} - ${#tail})) 'BEGIN {
    w = "static files served from one program and one SQLite file "
    for (i = 0; i < n; i++) printf "%s", (i % 72 == 71 ? "\n" : substr(w, (k++) % length(w) + 1, 1)) }'
  printf '%s' "$tail"
}
make_html >"$www/index.html"

make_js() { # exactly 102400 bytes of valid JavaScript
  awk -v n=102400 'BEGIN {
    out = "\"use strict\";\n"; len = length(out); printf "%s", out
    for (i = 0; ; i++) {
      line = sprintf("function f%05d(a, b) { const s = a * %d + b; return s %% 7919 === 0 ? \"hit\" : String(s).padStart(8, \"0\"); }\n", i, i)
      if (len + length(line) > n - 4) break
      printf "%s", line; len += length(line)
    }
    pad = "//"; for (j = len + 3; j < n; j++) pad = pad "-"
    printf "%s\n", pad }'
}
make_js >"$www/app.js"
[ "$(stat -c %s "$www/index.html")" = 1024 ] || die "index.html is not 1024 bytes"
[ "$(stat -c %s "$www/app.js")" = 102400 ] || die "app.js is not 102400 bytes"

# The deploy-time folder: DEPLOY_FILES files in all (an index.html and DEPLOY_FILES - 1 files of
# random, incompressible bytes), DEPLOY_MB MiB in total, spread over 10 subfolders.
bulk="$work/bulk"
mkdir -p "$bulk/chunks"
head -c $((DEPLOY_MB * 1024 * 1024)) /dev/urandom >"$work/bulk.bin"
(cd "$bulk/chunks" && split -n "$((DEPLOY_FILES - 1))" -a 4 -d --additional-suffix=.bin "$work/bulk.bin" part-)
rm -f "$work/bulk.bin"
for d in 0 1 2 3 4 5 6 7 8 9; do
  mkdir -p "$bulk/dir$d"
  find "$bulk/chunks" -name "part-??${d}?.bin" -exec mv -t "$bulk/dir$d" {} +
done
find "$bulk/chunks" -type f -exec mv -t "$bulk/dir0" {} +
rmdir "$bulk/chunks"
printf '<!doctype html><title>bulk</title><p>deploy-time test</p>\n' >"$bulk/index.html"
bulk_files=$(find "$bulk" -type f | wc -l)
bulk_bytes=$(find "$bulk" -type f -printf '%s\n' | awk '{ t += $1 } END { print t }')
say "test files ready: index.html 1024 B, app.js 102400 B, deploy folder $bulk_files files / $((bulk_bytes / 1024 / 1024)) MiB"

# ---------------------------------------------------------------- helpers

used_ports=" "

status_of() { # status_of URL -> HTTP status (000 when no answer)
  curl -s -o /dev/null -w '%{http_code}' --max-time 2 -H "Host: $HOST_HEADER" "$1" 2>/dev/null || true
}

wait_200() { # wait_200 PID URL TIMEOUT_S -> prints ms waited from $2's call; fails if PID dies
  local pid=$1 url=$2 limit=$3 t0 code
  t0=$(now_ms)
  while :; do
    code=$(status_of "$url")
    [ "$code" = 200 ] && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    [ $(($(now_ms) - t0)) -gt $((limit * 1000)) ] && return 1
    sleep 0.01
  done
}

rss_kb() { # VmRSS of a process plus its direct children (nginx workers), in kB
  local pid=$1 total=0 p v
  for p in "$pid" $(ps -o pid= --ppid "$pid" 2>/dev/null); do
    v=$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null || true)
    total=$((total + ${v:-0}))
  done
  echo "$total"
}

declare -A SRV_PID SRV_PORT RSS_IDLE RSS_MAX
own=0
declare -A RPS P50 P99 ERRS BODY BEST_RPS BEST_P50 BEST_P99 BEST_ERRS BEST_OTHER ALL_RPS
other_pct=0

rss_sampler() { # rss_sampler PID FILE: writes the max RSS seen into FILE until killed
  local pid=$1 file=$2 max=0 v
  while kill -0 "$pid" 2>/dev/null; do
    v=$(rss_kb "$pid")
    if [ "$v" -gt "$max" ]; then max=$v; echo "$max" >"$file"; fi
    sleep 0.25
  done
}


# CPU accounting, in clock ticks (USER_HZ, normally 100 per second).
cpu_busy_total() { # busy ticks of the whole machine: user nice system irq softirq steal
  # (a process's stime includes the softirq work of its own network traffic)
  awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat
}
proc_ticks() { # utime + stime of a process and its direct children (nginx workers)
  local pid=$1 total=0 p v
  for p in "$pid" $(ps -o pid= --ppid "$pid" 2>/dev/null); do
    v=$(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || true)
    total=$((total + ${v:-0}))
  done
  echo "$total"
}
own_ticks() { # sets own: ticks of this script and the children it has waited for (wrk, the RSS
  # sampler, curl ...). `times` must run in this shell, not in a $( ) subshell, which has its own.
  times >"$work/times.txt"
  own=$(awk -v hz="$(getconf CLK_TCK 2>/dev/null || echo 100)" \
    '{ for (i = 1; i <= NF; i++) { split($i, a, "m"); s += a[1] * 60 + a[2] } } END { printf "%d", s * hz }' "$work/times.txt")
}
quiet_left=$QUIET_WAIT

run_wrk() { # run_wrk SERVER PATH SECONDS OUTFILE; sets other_pct: CPU used by anything else, in %
  local srv=$1 path=$2 secs=$3 out=$4
  local url="http://127.0.0.1:${SRV_PORT[$srv]}$path"
  local busy0 srv0 own0 busy1 srv1 own1
  busy0=$(cpu_busy_total); srv0=$(proc_ticks "${SRV_PID[$srv]}"); own_ticks; own0=$own
  rss_sampler "${SRV_PID[$srv]}" "$work/rss-$srv.new" &
  sampler_pid=$!
  timeout $((secs + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --latency \
    -H "Host: $HOST_HEADER" "$url" >"$out" 2>&1 || say "wrk against $srv $path ended with an error (see below)"
  kill -TERM "$sampler_pid" 2>/dev/null || true
  wait "$sampler_pid" 2>/dev/null || true
  sampler_pid=""
  busy1=$(cpu_busy_total); srv1=$(proc_ticks "${SRV_PID[$srv]}"); own_ticks; own1=$own
  other_pct=$(awk -v o=$(((busy1 - busy0) - (srv1 - srv0) - (own1 - own0))) -v n="$(nproc)" -v s="$secs" -v hz="$(getconf CLK_TCK 2>/dev/null || echo 100)" \
    'BEGIN { if (o < 0) o = 0; printf "%.0f", 100 * o / (n * s * hz) }')
  if [ -s "$work/rss-$srv.new" ]; then
    local v
    v=$(cat "$work/rss-$srv.new")
    [ "$v" -gt "${RSS_MAX[$srv]:-0}" ] && RSS_MAX[$srv]=$v
    rm -f "$work/rss-$srv.new"
  fi
}

parse_wrk() { # parse_wrk SERVER KEY FILE
  local srv=$1 key=$2 f=$3 v
  v=$(awk '/^Requests\/sec:/ {print $2}' "$f")
  RPS[$srv,$key]=${v:-0}
  v=$(awk '$1 == "50%" {print $2}' "$f")
  P50[$srv,$key]=$(to_ms "${v:-0}")
  v=$(awk '$1 == "99%" {print $2}' "$f")
  P99[$srv,$key]=$(to_ms "${v:-0}")
  # errors: socket errors always; non-2xx/3xx only where a 200 is expected
  local sock non
  sock=$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$f")
  non=$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$f")
  [ "$key" = 404 ] && non=0
  ERRS[$srv,$key]=$(( ${sock:-0} + ${non:-0} ))
  if [ "${RPS[$srv,$key]}" = 0 ]; then say "no result from wrk for $srv $key:"; cat "$f" >&2; fi
}

# ---------------------------------------------------------------- start the servers
servers=(fazt nginx)
[ "$have_caddy" = 1 ] && servers+=(caddy)

data="$work/fazt-data"
mkdir -p "$data"
SRV_PORT[fazt]=$(free_port)
fazt_runs=0
took_ms=0
# timed_fazt_start URL: starts fazt; sets took_ms to the ms until URL answered 200. ./fazt rebuilds the
# project first when sources changed since the last build (other people may be editing them):
# such a start is not a start time, so it is thrown away and done again.
timed_fazt_start() {
  local url=$1 try t0 ms log
  for try in 1 2 3; do
    fazt_runs=$((fazt_runs + 1))
    log="$work/logs/fazt-$fazt_runs.log"
    t0=$(now_ms)
    "$fazt_bin" --server --bind 127.0.0.1 --port "${SRV_PORT[fazt]}" --data "$data" >"$log" 2>&1 &
    SRV_PID[fazt]=$!
    server_pids+=("${SRV_PID[fazt]}")
    wait_200 "${SRV_PID[fazt]}" "http://127.0.0.1:${SRV_PORT[fazt]}$url" 300 \
      || { tail -30 "$log" >&2; die "fazt did not answer 200 on $url"; }
    ms=$(($(now_ms) - t0))
    if ! grep -q 'fazt: building' "$log"; then took_ms=$ms; return 0; fi
    say "./fazt rebuilt the project during this start ($ms ms); starting again"
    stop_pid "${SRV_PID[fazt]}"
  done
  die "./fazt kept rebuilding (sources changing during the run)"
}

# timed_deploy FOLDER NAME LOG: sets took_ms to the ms of `./fazt app deploy`; a run that rebuilt the
# project first is thrown away and done again (under NAME-2 when NAME must be a new app).
timed_deploy() {
  local dir=$1 name=$2 log=$3 try t0 ms
  for try in 1 2 3; do
    t0=$(now_ms)
    timeout 600 "$fazt_bin" app deploy "$dir" --name "$name" --data "$data" >"$log" 2>&1 \
      || { cat "$log" >&2; die "./fazt app deploy $name failed"; }
    ms=$(($(now_ms) - t0))
    if ! grep -q 'fazt: building' "$log"; then took_ms=$ms; return 0; fi
    say "./fazt rebuilt the project during this deploy ($ms ms); deploying again"
    [ "$name" = "$APP_NAME" ] || name="$name-$try"
  done
  die "./fazt kept rebuilding (sources changing during the run)"
}

# 1) fresh data dir: time until /health answers 200
say "starting fazt on 127.0.0.1:${SRV_PORT[fazt]} (fresh data dir)"
timed_fazt_start /health
first_health_ms=$took_ms
say "fazt /health answered 200 after $first_health_ms ms"

# the benchmark app: the same two files
mkdir -p "$work/app" && cp "$www/index.html" "$www/app.js" "$work/app/"
timed_deploy "$work/app" "$APP_NAME" "$work/logs/deploy-small.log"
small_deploy_ms=$took_ms

# 2) restart with the app in data.db: time until the app's page answers 200 (the start that counts)
stop_pid "${SRV_PID[fazt]}"
say "restarting fazt with the app deployed"
timed_fazt_start /index.html
first_app_ms=$took_ms
say "fazt served the app page (200) after $first_app_ms ms"

SRV_PORT[nginx]=$(free_port)
start_nginx "  tcp_nopush on;
" "  server {
    listen 127.0.0.1:${SRV_PORT[nginx]} default_server;
    server_name _;
    root $www;
  }"
wait_200 "${SRV_PID[nginx]}" "http://127.0.0.1:${SRV_PORT[nginx]}/index.html" 30 \
  || { cat "$work/logs/nginx"*.log >&2; die "nginx did not start"; }

if [ "$have_caddy" = 1 ]; then
  SRV_PORT[caddy]=$(free_port)
  mkdir -p "$work/caddy"
  cat >"$work/caddy/Caddyfile" <<EOF
{
	admin off
	auto_https off
}
http://:${SRV_PORT[caddy]} {
	bind 127.0.0.1
	root * $www
	file_server
}
EOF
  say "starting Caddy on 127.0.0.1:${SRV_PORT[caddy]}"
  HOME="$work/caddy" XDG_DATA_HOME="$work/caddy/data" XDG_CONFIG_HOME="$work/caddy/config" \
    caddy run --config "$work/caddy/Caddyfile" --adapter caddyfile >>"$work/logs/caddy.log" 2>&1 &
  SRV_PID[caddy]=$!
  server_pids+=("${SRV_PID[caddy]}")
  wait_200 "${SRV_PID[caddy]}" "http://127.0.0.1:${SRV_PORT[caddy]}/index.html" 30 \
    || { cat "$work/logs/caddy.log" >&2; die "Caddy did not start"; }
fi

# ---------------------------------------------------------------- check that all serve the same
files=("index.html:/index.html" "app.js:/app.js" "404:/no-such-file.html")
for srv in "${servers[@]}"; do
  for entry in "${files[@]}"; do
    key=${entry%%:*} path=${entry#*:}
    want=200; [ "$key" = 404 ] && want=404
    got=$(curl -s -o "$work/body" -w '%{http_code}' --max-time 5 -H "Host: $HOST_HEADER" "http://127.0.0.1:${SRV_PORT[$srv]}$path" || true)
    [ "$got" = "$want" ] || die "$srv answered $got for $path (expected $want)"
    BODY[$srv,$key]=$(stat -c %s "$work/body")
    if [ "$key" != 404 ]; then cmp -s "$work/body" "$www/$key" || die "$srv served a different $key"; fi
  done
done
say "all servers answer 200/200/404 with identical files"

# idle RSS: settle a few seconds after start, then read
sleep 5
for srv in "${servers[@]}"; do RSS_IDLE[$srv]=$(rss_kb "${SRV_PID[$srv]}"); done

# ---------------------------------------------------------------- warm-up, then measured runs
for srv in "${servers[@]}"; do
  say "warm-up $srv: ${WARMUP}s per file"
  for entry in "${files[@]}"; do
    run_wrk "$srv" "${entry#*:}" "$WARMUP" "$work/warm.txt"
  done
done

# ROUNDS rounds; in each, every file against every server in turn. The best round (by req/s) of
# each server and file is reported.
for ((round = 1; round <= ROUNDS; round++)); do
  for entry in "${files[@]}"; do
    key=${entry%%:*} path=${entry#*:}
    for srv in "${servers[@]}"; do
      wait_quiet
      say "round $round/$ROUNDS: $srv $path (wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s)"
      f="$work/wrk-$srv-$key-$round.txt"
      run_wrk "$srv" "$path" "$DURATION" "$f"
      parse_wrk "$srv" "$key" "$f"
      say "  $(printf '%s req/s, p50 %s ms, p99 %s ms, other CPU %s%%' "${RPS[$srv,$key]}" "${P50[$srv,$key]}" "${P99[$srv,$key]}" "$other_pct")"
      ALL_RPS[$srv,$key]+="$(printf '%.0f' "${RPS[$srv,$key]}") "
      if awk -v a="${RPS[$srv,$key]}" -v b="${BEST_RPS[$srv,$key]:-0}" 'BEGIN { exit !(a > b) }'; then
        BEST_RPS[$srv,$key]=${RPS[$srv,$key]} BEST_P50[$srv,$key]=${P50[$srv,$key]} BEST_P99[$srv,$key]=${P99[$srv,$key]}
        BEST_ERRS[$srv,$key]=${ERRS[$srv,$key]} BEST_OTHER[$srv,$key]=$other_pct
      fi
    done
  done
done
for k in "${!BEST_RPS[@]}"; do
  RPS[$k]=${BEST_RPS[$k]} P50[$k]=${BEST_P50[$k]} P99[$k]=${BEST_P99[$k]} ERRS[$k]=${BEST_ERRS[$k]}
done

sleep 3
fazt_rss_after=$(rss_kb "${SRV_PID[fazt]}")

# ---------------------------------------------------------------- deploy time
say "deploying $bulk_files files / $((bulk_bytes / 1024 / 1024)) MiB"
bulk_name=bulk
timed_deploy "$bulk" "$bulk_name" "$work/logs/deploy-bulk.log"
bulk_deploy_ms=$took_ms
say "  first deploy: $bulk_deploy_ms ms"
bulk_name=$(sed -n 's/^deployed \([a-z0-9-]*\) .*/\1/p' "$work/logs/deploy-bulk.log" | head -n 1)
bulk_name=${bulk_name:-bulk}
timed_deploy "$bulk" "$bulk_name" "$work/logs/deploy-bulk2.log"
bulk_redeploy_ms=$took_ms
say "  same folder again: $bulk_redeploy_ms ms"
sample=$(cd "$bulk" && find . -name '*.bin' | sort | tail -n 1)
sample=${sample#./}
got=$(curl -s -o "$work/body" -w '%{http_code}' --max-time 10 -H "Host: $bulk_name.localhost" "http://127.0.0.1:${SRV_PORT[fazt]}/$sample" || true)
{ [ "$got" = 200 ] && cmp -s "$work/body" "$bulk/$sample"; } || die "the deployed bulk app does not serve $sample correctly (status $got)"
deploy_summary=$(grep -m1 '^deployed' "$work/logs/deploy-bulk.log" || true)

# ---------------------------------------------------------------- machine
cpu_model=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
cores=$(nproc)
mem_gib=$(awk '/^MemTotal:/ {printf "%.1f", $2 / 1024 / 1024}' /proc/meminfo)
os_name=$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-unknown}")
kernel=$(uname -r)
jdk=$(. "$root/scripts/java-home.sh" && fazt_pick_jdk && "$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p)
nginx_v=$(nginx -v 2>&1 | sed 's/^nginx version: //' || true)
caddy_v="not installed"
[ "$have_caddy" = 1 ] && caddy_v="Caddy $(caddy version 2>/dev/null | awk '{print $1}' || true)"
wrk_v=$(wrk -v 2>&1 | awk 'NR == 1 {print $1, $2}' || true)

# ---------------------------------------------------------------- the doc section
mb() { awk -v v="$1" 'BEGIN { printf "%.0f MiB", v / 1024 }'; }
secs() { awk -v v="$1" 'BEGIN { printf "%.2f s", v / 1000 }'; }
label() { case $1 in fazt) echo fazt ;; nginx) echo nginx ;; caddy) echo Caddy ;; esac; }

aim_line() { # the aims of issue 13: 1 KB page >= 1.0x nginx, 100 KB file >= 1.0x Caddy, deploy <= 2 s
  local r_n r_c ok_n ok_c ok_d
  r_n=$(awk -v a="${RPS[fazt,index.html]}" -v b="${RPS[nginx,index.html]}" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
  ok_n=$(awk -v r="$r_n" 'BEGIN { print (r >= 1.0 ? "met" : "not met") }')
  ok_d=$(awk -v ms="$bulk_deploy_ms" 'BEGIN { print (ms <= 2000 ? "met" : "not met") }')
  echo "Aims (issue 13): 1 KB HTML page at least 1.0x nginx's req/s — **${r_n}x, ${ok_n}**;"
  if [ "$have_caddy" = 1 ]; then
    r_c=$(awk -v a="${RPS[fazt,app.js]}" -v b="${RPS[caddy,app.js]}" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    ok_c=$(awk -v r="$r_c" 'BEGIN { print (r >= 1.0 ? "met" : "not met") }')
    echo "100 KB JS file at least 1.0x Caddy's req/s — **${r_c}x, ${ok_c}**;"
  else
    echo "100 KB JS file against Caddy — not measured;"
  fi
  echo "deploy of $bulk_files files / $((bulk_bytes / 1024 / 1024)) MiB from the CLI in at most 2 s — **$(secs "$bulk_deploy_ms"), ${ok_d}**."
}

section="$work/section.md"
{
  echo "## Static files"
  echo
  echo "Written by \`$run_cmd\` on $(date -u '+%Y-%m-%d %H:%M UTC'). Run \`bench/static.sh\` to refresh this section (see bench/README.md)."
  echo
  echo "fazt (\`./fazt --server\`), nginx and Caddy serve the same files on loopback, each on its own port,"
  echo "and wrk drives each in turn with the same settings: \`wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency -H 'Host: $HOST_HEADER'\`,"
  echo "after a warm-up of ${WARMUP} s per file and server (the JVM needs it for its JIT). All three servers and wrk share the"
  echo "same $cores cores, so every server competes with wrk for CPU in the same way. nginx runs \`worker_processes auto\`,"
  echo "\`sendfile on\`, no access log, \`keepalive_requests\` raised so that it does not close each connection after 1,000 requests"
  echo "(fazt and Caddy do not); Caddy runs \`file_server\` with the admin endpoint and automatic HTTPS off;"
  echo "fazt serves the files as a deployed app (from data.db) on the app's host name. wrk sends no Accept-Encoding, so nothing is compressed."
  [ -n "$caddy_note" ] && { echo; echo "**$caddy_note**"; }
  echo
  echo "### Machine"
  echo
  echo "- CPU: $cpu_model, $cores cores; memory: $mem_gib GiB"
  echo "- OS: $os_name, Linux $kernel"
  echo "- JDK: $jdk"
  echo "- fazt: commit $commit"
  echo "- $nginx_v, $caddy_v, $wrk_v"
  echo
  for entry in "${files[@]}"; do
    key=${entry%%:*} path=${entry#*:}
    case $key in
      index.html) echo "### 1 KB HTML page (\`$path\`)" ;;
      app.js) echo "### 100 KB JS file (\`$path\`)" ;;
      404) echo "### 404 (\`$path\`)" ;;
    esac
    echo
    echo "| server | req/s | p50 | p99 | errors | body bytes | other CPU | req/s of each round |"
    echo "|---|---:|---:|---:|---:|---:|---:|---|"
    for srv in "${servers[@]}"; do
      echo "| $(label "$srv") | $(fmt_rps "${RPS[$srv,$key]}") | $(fmt_ms "${P50[$srv,$key]}") | $(fmt_ms "${P99[$srv,$key]}") | ${ERRS[$srv,$key]} | ${BODY[$srv,$key]} | ${BEST_OTHER[$srv,$key]}% | ${ALL_RPS[$srv,$key]% } |"
    done
    for other in nginx caddy; do
      [ "$other" = caddy ] && [ "$have_caddy" != 1 ] && continue
      echo "| **fazt/$(label "$other")** | **$(ratio "${RPS[fazt,$key]}" "${RPS[$other,$key]}")** | $(ratio "${P50[fazt,$key]}" "${P50[$other,$key]}") | $(ratio "${P99[fazt,$key]}" "${P99[$other,$key]}") | | | | |"
    done
    echo
  done
  echo "Ratios: for req/s above 1.0x means fazt is faster; for p50/p99 below 1.0x means fazt answers sooner."
  echo "Each row is the best of $ROUNDS rounds (by req/s); the rounds ran interleaved (every file against every server, then again)."
  echo "\"errors\" counts socket errors and timeouts, plus non-2xx answers where a 200 was expected."
  echo "\"other CPU\" is the share of the machine's CPU (all cores) used during that run by anything but the server under test,"
  echo "wrk and this script: other programs, and CPU time taken by the hypervisor (steal). Near 0% means a clean run."
  echo "The 404 bodies differ: each server sends its own not-found page."
  echo
  aim_line
  echo
  echo "### fazt start, memory and deploy"
  echo
  echo "| measure | value |"
  echo "|---|---:|"
  echo "| start to first 200 on \`/health\`, new empty data dir | $(secs "$first_health_ms") |"
  echo "| start to first 200 on the app's page, data.db with the app | $(secs "$first_app_ms") |"
  echo "| idle RSS, 5 s after start | $(mb "${RSS_IDLE[fazt]}") |"
  echo "| max RSS during the wrk runs (sampled every 0.25 s) | $(mb "${RSS_MAX[fazt]}") |"
  echo "| RSS 3 s after the last wrk run | $(mb "$fazt_rss_after") |"
  echo "| \`./fazt app deploy\` of $bulk_files files / $((bulk_bytes / 1024 / 1024)) MiB (random bytes), new app | $(secs "$bulk_deploy_ms") |"
  echo "| the same folder deployed again (new version, same content) | $(secs "$bulk_redeploy_ms") |"
  echo "| \`./fazt app deploy\` of the 2-file benchmark app (mostly CLI start) | $(secs "$small_deploy_ms") |"
  echo
  echo "Start times are wall-clock from launching \`./fazt --server\` (the launcher script, then the JVM) until curl, polling every 10 ms,"
  echo "gets a 200. Deploy times are wall-clock for the whole \`./fazt app deploy\` command: a new JVM for the CLI, zipping the folder,"
  echo "the upload to the running server through loopback, and the server storing it in data.db. ${deploy_summary:+The server answered: \`$deploy_summary\`.}"
  echo
  echo "Memory of the other servers, for comparison (RSS of all their processes):"
  echo
  echo "| server | idle RSS | max RSS under load |"
  echo "|---|---:|---:|"
  for srv in "${servers[@]}"; do
    echo "| $(label "$srv") | $(mb "${RSS_IDLE[$srv]}") | $(mb "${RSS_MAX[$srv]:-0}") |"
  done
} >"$section"

write_section "Static files" "$section"
say "done in $(($(date +%s) - started_at)) s"
