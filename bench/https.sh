#!/usr/bin/env bash
# HTTPS benchmark: fazt (--https manual) against nginx and Caddy, all three serving the same files
# with the same certificate on loopback.
#
# One EC P-256 certificate for bench.fazt.test (signed by a test intermediate and root made here with
# openssl) goes to all three: fazt gets it with `fazt server set-cert`, nginx with ssl_certificate,
# Caddy with `tls CERT KEY` (Caddy's automatic issuance needs a CA it can reach, so this measures
# serving, not issuance). Clients connect to 127.0.0.1 and name bench.fazt.test in SNI. Measures, per
# server: HTTP/1.1 req/s over kept-alive connections (wrk) for a 1 KB page and a 100 KB file, HTTP/2
# req/s (h2load), new connections per second with a full handshake each (h2load) and with the
# session resumed (wrk, Connection: close), and the time of one full handshake (curl). Writes the
# "## HTTPS" section of docs/BENCHMARKS.md (other sections are kept).
#
# Usage: bench/https.sh [--quick]   (from anywhere; needs root or sudo to apt-get what is missing)
#   --quick   a few seconds per measure, one round, no waiting for a quiet machine, and the section
#             printed instead of written (NO_DOC=0 writes it anyway): for trying the script out
# Settings (environment):
#   THREADS=2 CONNECTIONS=50 DURATION=10   wrk -t/-c and seconds per measured run; also the full-handshake batches
#   H2_CONNECTIONS=10 H2_STREAMS=10        h2load -c and -m for HTTP/2
#   WARMUP=6                               warm-up seconds per measure and server (the same for every server)
#   ROUNDS=2                               measured rounds, interleaved; the best round is reported
#   HANDSHAKES=50                          curl runs per server and round for the handshake time
#   QUIET_WAIT=90                          seconds the run may wait in all for other work on the machine to stop
#   MAX_SECONDS=1500                       the whole run is stopped after this
#   FAZT_REF=HEAD                          benchmark a commit (built in the temp folder) instead of the working tree
#   NO_DOC=1                               print the section only, leave docs/BENCHMARKS.md alone
set -euo pipefail

quick=0
for arg in "$@"; do
  case $arg in
    --quick) quick=1 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $arg (see --help)" >&2; exit 2 ;;
  esac
done

# the command as run, with the settings given in the environment, for the doc
run_cmd="bench/https.sh"
[ "$quick" = 1 ] && run_cmd+=" --quick"
for v in FAZT_REF ROUNDS QUIET_WAIT HANDSHAKES WARMUP DURATION H2_STREAMS H2_CONNECTIONS CONNECTIONS THREADS; do
  if [ -n "${!v+x}" ]; then run_cmd="$v=${!v} $run_cmd"; fi
done

if [ "$quick" = 1 ]; then
  DURATION=${DURATION:-3} WARMUP=${WARMUP:-2} ROUNDS=${ROUNDS:-1} HANDSHAKES=${HANDSHAKES:-15} QUIET_WAIT=${QUIET_WAIT:-0}
  NO_DOC=${NO_DOC:-1}
fi
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-50}
DURATION=${DURATION:-10}
H2_CONNECTIONS=${H2_CONNECTIONS:-10}
H2_STREAMS=${H2_STREAMS:-10}
WARMUP=${WARMUP:-6}
ROUNDS=${ROUNDS:-2}
HANDSHAKES=${HANDSHAKES:-50}
QUIET_WAIT=${QUIET_WAIT:-90}
MAX_SECONDS=${MAX_SECONDS:-1500}
NAME="bench.fazt.test" # the app "bench" under the base domain fazt.test
DOMAIN="fazt.test"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
doc="$root/docs/BENCHMARKS.md"
started_at=$(date +%s)

say() { printf '[https %3ds] %s\n' "$(($(date +%s) - started_at))" "$*" >&2; }
. "$root/bench/lib.sh"
guard_run

# ---------------------------------------------------------------- tools
install_tools() {
  local missing=() cmd pkg
  for cmd in nginx:nginx caddy:caddy wrk:wrk h2load:nghttp2-client curl:curl openssl:openssl unshare:util-linux; do
    command -v "${cmd%%:*}" >/dev/null || missing+=("${cmd#*:}")
  done
  if [ ${#missing[@]} -eq 0 ]; then say "nginx, caddy, wrk, h2load, curl, openssl and unshare are installed"; return; fi
  say "installing with apt-get: ${missing[*]}"
  as_root timeout 300 env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || die "apt-get update failed"
  for pkg in "${missing[@]}"; do
    apt-cache policy "$pkg" 2>/dev/null | grep -q 'Candidate: [0-9]' || die "package $pkg is not available from apt"
  done
  as_root timeout 600 env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
}
install_tools

work=$(mktemp -d "${TMPDIR:-/tmp}/fazt-bench-https.XXXXXX")
chmod 755 "$work" # nginx workers may run as an unprivileged user and must read www/
mkdir -p "$work/logs"

# wrk takes the TLS server name (SNI) from its URL and resolves that name itself, and fazt answers
# no handshake without the right name. So wrk runs in a mount namespace of its own in which a private
# hosts file maps bench.fazt.test to 127.0.0.1; the system's /etc/hosts is not touched.
printf '127.0.0.1 localhost\n127.0.0.1 %s\n' "$NAME" >"$work/hosts"
if [ "$(id -u)" = 0 ]; then named=(unshare --mount); else named=(unshare --user --map-root-user --mount); fi
named+=(sh -c 'mount --bind "$0" /etc/hosts && exec "$@"' "$work/hosts")
[ "$("${named[@]}" getent hosts "$NAME" 2>/dev/null | awk '{print $1}')" = 127.0.0.1 ] \
  || die "cannot run wrk with a private hosts file ('${named[*]}' failed): this needs root, or user namespaces"

if [ -n "${FAZT_REF:-}" ]; then ref_build; else snapshot_build; fi

# ---------------------------------------------------------------- the files and the certificate
www="$work/www"
mkdir -p "$www"
{ # exactly 1024 bytes of HTML
  head='<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>fazt https benchmark</title></head>
<body>
<h1>HTTPS benchmark page</h1>
<p>'
  tail='</p>
</body>
</html>
'
  printf '%s' "$head"
  awk -v n=$((1024 - ${#head} - ${#tail})) 'BEGIN { w = "served over TLS from one program and one SQLite file "
    for (i = 0; i < n; i++) printf "%s", (i % 72 == 71 ? "\n" : substr(w, (k++) % length(w) + 1, 1)) }'
  printf '%s' "$tail"
} >"$www/index.html"
awk -v n=102400 'BEGIN { out = "\"use strict\";\n"; len = length(out); printf "%s", out
  for (i = 0; ; i++) {
    line = sprintf("function f%05d(a, b) { const s = a * %d + b; return s %% 7919 === 0 ? \"hit\" : String(s).padStart(8, \"0\"); }\n", i, i)
    if (len + length(line) > n - 4) break
    printf "%s", line; len += length(line) }
  pad = "//"; for (j = len + 3; j < n; j++) pad = pad "-"
  printf "%s\n", pad }' >"$www/app.js"
[ "$(stat -c %s "$www/index.html")" = 1024 ] && [ "$(stat -c %s "$www/app.js")" = 102400 ] || die "the test files have the wrong size"

tls="$work/tls"
mkdir -p "$tls"
new_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
sign() { # sign NAME SUBJECT ISSUER EXTENSIONS: NAME.pem for NAME.key, signed by ISSUER.pem/.key
  openssl req -new -key "$tls/$1.key" -subj "$2" -out "$tls/$1.csr" 2>/dev/null
  printf '%b' "$4" >"$tls/$1.ext"
  openssl x509 -req -in "$tls/$1.csr" -CA "$tls/$3.pem" -CAkey "$tls/$3.key" -set_serial "0x$(openssl rand -hex 8)" \
    -days 7 -extfile "$tls/$1.ext" -out "$tls/$1.pem" 2>/dev/null
}
new_key "$tls/root.key" && new_key "$tls/intermediate.key" && new_key "$tls/leaf.key"
openssl req -x509 -new -key "$tls/root.key" -subj "/CN=fazt bench test root" -days 7 -out "$tls/root.pem" \
  -addext 'basicConstraints=critical,CA:true' -addext 'keyUsage=critical,keyCertSign,cRLSign' 2>/dev/null
sign intermediate "/CN=fazt bench test intermediate" root \
  'basicConstraints=critical,CA:true,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n'
sign leaf "/CN=$NAME" intermediate \
  "basicConstraints=critical,CA:false\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:$NAME\n"
cat "$tls/leaf.pem" "$tls/intermediate.pem" >"$tls/fullchain.pem"
openssl verify -CAfile "$tls/root.pem" -untrusted "$tls/intermediate.pem" "$tls/leaf.pem" >/dev/null || die "the test certificate does not verify"
say "certificate for $NAME made (EC P-256 leaf, test intermediate and root)"

# ---------------------------------------------------------------- start the servers
used_ports=" "
declare -A SRV_PID SRV_PORT
servers=(fazt nginx caddy)

wait_https() { # wait_https PID PORT SECONDS: until https://NAME:PORT/index.html answers 200
  local pid=$1 port=$2 limit=$3 t0
  t0=$(now_ms)
  while [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -k --resolve "$NAME:$port:127.0.0.1" "https://$NAME:$port/index.html" || true)" != 200 ]; do
    kill -0 "$pid" 2>/dev/null || return 1
    [ $(($(now_ms) - t0)) -gt $((limit * 1000)) ] && return 1
    sleep 0.1
  done
}

data="$work/fazt-data"
mkdir -p "$data" "$work/app"
cp "$www/index.html" "$www/app.js" "$work/app/"
"$fazt_bin" server set-config --domain "$DOMAIN" --data "$data" >"$work/logs/set-config.log" 2>&1 \
  || { cat "$work/logs/set-config.log" >&2; die "fazt server set-config failed"; }
"$fazt_bin" server set-cert --cert "$tls/fullchain.pem" --key "$tls/leaf.key" --data "$data" >"$work/logs/set-cert.log" 2>&1 \
  || { cat "$work/logs/set-cert.log" >&2; die "fazt server set-cert failed"; }
fazt_http_port=$(free_port)
SRV_PORT[fazt]=$(free_port)
say "starting fazt: HTTPS on 127.0.0.1:${SRV_PORT[fazt]}, HTTP on $fazt_http_port"
"$fazt_bin" --server --bind 127.0.0.1 --port "$fazt_http_port" --https manual --https-port "${SRV_PORT[fazt]}" --data "$data" \
  >"$work/logs/fazt.log" 2>&1 &
SRV_PID[fazt]=$!
server_pids+=("${SRV_PID[fazt]}")
for ((i = 0; i < 600; i++)); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$fazt_http_port/health" || true)" = 200 ] && break
  kill -0 "${SRV_PID[fazt]}" 2>/dev/null || { tail -30 "$work/logs/fazt.log" >&2; die "fazt stopped"; }
  sleep 0.1
done
timeout 300 "$fazt_bin" app deploy "$work/app" --name bench --data "$data" >"$work/logs/deploy.log" 2>&1 \
  || { cat "$work/logs/deploy.log" >&2; die "./fazt app deploy failed"; }
wait_https "${SRV_PID[fazt]}" "${SRV_PORT[fazt]}" 60 || { tail -30 "$work/logs/fazt.log" >&2; die "fazt does not serve https://$NAME/"; }

SRV_PORT[nginx]=$(free_port)
start_nginx "" "  server {
    listen 127.0.0.1:${SRV_PORT[nginx]} ssl http2;
    server_name $NAME;
    ssl_certificate $tls/fullchain.pem;
    ssl_certificate_key $tls/leaf.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    root $www;
  }"
wait_https "${SRV_PID[nginx]}" "${SRV_PORT[nginx]}" 30 || { cat "$work/logs/nginx"*.log >&2; die "nginx did not start"; }

SRV_PORT[caddy]=$(free_port)
mkdir -p "$work/caddy"
cat >"$work/caddy/Caddyfile" <<EOF
{
	admin off
	auto_https disable_redirects
	storage file_system $work/caddy/data
}
https://$NAME:${SRV_PORT[caddy]} {
	bind 127.0.0.1
	tls $tls/fullchain.pem $tls/leaf.key
	root * $www
	file_server
}
EOF
say "starting Caddy on 127.0.0.1:${SRV_PORT[caddy]}"
HOME="$work/caddy" XDG_DATA_HOME="$work/caddy/data" XDG_CONFIG_HOME="$work/caddy/config" \
  caddy run --config "$work/caddy/Caddyfile" --adapter caddyfile >>"$work/logs/caddy.log" 2>&1 &
SRV_PID[caddy]=$!
server_pids+=("${SRV_PID[caddy]}")
wait_https "${SRV_PID[caddy]}" "${SRV_PORT[caddy]}" 30 || { cat "$work/logs/caddy.log" >&2; die "Caddy did not start"; }

# ---------------------------------------------------------------- check what each one serves
declare -A TLS_DESC RESUMES HEADER_BYTES
fetch() { # fetch SERVER PATH CURL-ARGS...: status, HTTP version and header bytes; body in $work/body
  local srv=$1 path=$2; shift 2
  curl -s -o "$work/body" -w '%{http_code} %{http_version} %{size_header}' --max-time 10 --cacert "$tls/root.pem" \
    --resolve "$NAME:${SRV_PORT[$srv]}:127.0.0.1" "$@" "https://$NAME:${SRV_PORT[$srv]}$path" || true
}
tls_session() { # tls_session SERVER ARGS...: s_client output of one HTTP/1.1 request
  local srv=$1; shift
  printf 'GET /index.html HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$NAME" \
    | timeout 10 openssl s_client -connect "127.0.0.1:${SRV_PORT[$srv]}" -servername "$NAME" -alpn http/1.1 -ign_eof "$@" 2>/dev/null || true
}
for srv in "${servers[@]}"; do
  for f in index.html app.js; do
    for v in --http1.1 --http2; do
      read -r code version hbytes <<<"$(fetch "$srv" "/$f" "$v")"
      [ "$code" = 200 ] || die "$srv answered $code for /$f with $v"
      [ "$version" = "${v#--http}" ] || die "$srv answered /$f over HTTP/$version when asked for $v"
      cmp -s "$work/body" "$www/$f" || die "$srv served a different $f over $v"
      [ "$f$v" = index.html--http1.1 ] && HEADER_BYTES[$srv]=$hbytes
    done
  done
  tls_session "$srv" -sess_out "$work/session-$srv.pem" >"$work/s_client-$srv.txt"
  TLS_DESC[$srv]="$(awk '/^New, / { sub(/,$/, "", $2); p = $2; c = $NF } /^Server Temp Key:/ { k = $4; sub(/,$/, "", k) }
    END { printf "%s, %s, %s", p, c, k }' "$work/s_client-$srv.txt")"
  RESUMES[$srv]=no
  tls_session "$srv" -sess_in "$work/session-$srv.pem" | grep -q '^Reused, ' && RESUMES[$srv]=yes
  say "$srv: 200 and identical bytes for both files over HTTP/1.1 and HTTP/2; ${TLS_DESC[$srv]}; resumes a session: ${RESUMES[$srv]}"
done

# ---------------------------------------------------------------- measuring
cpu_busy_total() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
proc_ticks() { # utime + stime of a process and its direct children (nginx workers)
  local total=0 p v
  for p in "$1" $(ps -o pid= --ppid "$1" 2>/dev/null); do
    v=$(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || true)
    total=$((total + ${v:-0}))
  done
  echo "$total"
}
own_ticks() { # ticks of this script and the children it has waited for; `times` must run in this shell
  times >"$work/times.txt"
  own=$(awk -v hz="$(getconf CLK_TCK 2>/dev/null || echo 100)" \
    '{ for (i = 1; i <= NF; i++) { split($i, a, "m"); s += a[1] * 60 + a[2] } } END { printf "%d", s * hz }' "$work/times.txt")
}
quiet_left=$QUIET_WAIT
own=0 other_pct=0

url() { echo "https://$NAME:${SRV_PORT[$1]}$2"; }
wrk_run() { # wrk_run SERVER PATH SECONDS OUT [wrk args]
  local srv=$1 path=$2 secs=$3 out=$4; shift 4
  timeout $((secs + 30)) "${named[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --latency "$@" "$(url "$srv" "$path")" >"$out" 2>&1 \
    || say "wrk against $srv $path ended with an error (see its output in the doc's numbers)"
}
h2_run() { # h2_run SERVER PATH SECONDS OUT
  local srv=$1 path=$2 secs=$3 out=$4
  timeout $((secs + 30)) h2load -t"$THREADS" -c"$H2_CONNECTIONS" -m"$H2_STREAMS" -D "$secs" \
    --connect-to="127.0.0.1:${SRV_PORT[$srv]}" "$(url "$srv" "$path")" >"$out" 2>&1 || say "h2load against $srv $path ended with an error"
}
full_run() { # full_run SERVER SECONDS OUT: batches of CONNECTIONS new clients, one connection and request each
  local srv=$1 secs=$2 out=$3 end
  end=$(($(now_ms) + secs * 1000))
  : >"$out"
  while [ "$(now_ms)" -lt "$end" ]; do
    timeout 60 h2load --h1 -t"$THREADS" -c"$CONNECTIONS" -n"$CONNECTIONS" --connect-to="127.0.0.1:${SRV_PORT[$srv]}" \
      "$(url "$srv" /index.html)" >>"$out" 2>&1 || echo "batch failed" >>"$out"
  done
}

# what each measure is: its label, and whether its number is requests (or connections) per second
measures=(h1-1k h1-100k h2-1k h2-100k full resumed)
declare -A LABEL=(
  [h1-1k]="HTTP/1.1, 1 KB page (req/s)"
  [h1-100k]="HTTP/1.1, 100 KB file (req/s)"
  [h2-1k]="HTTP/2, 1 KB page (req/s)"
  [h2-100k]="HTTP/2, 100 KB file (req/s)"
  [full]="new connections, full handshake each (conn/s)"
  [resumed]="new connections, session resumed (conn/s)"
  [hs]="one full handshake (curl, median)"
)

measure() { # measure SERVER KEY SECONDS OUT; sets other_pct
  local srv=$1 key=$2 secs=$3 out=$4 busy0 srv0 own0 busy1 srv1
  busy0=$(cpu_busy_total); srv0=$(proc_ticks "${SRV_PID[$srv]}"); own_ticks; own0=$own
  case $key in
    h1-1k) wrk_run "$srv" /index.html "$secs" "$out" ;;
    h1-100k) wrk_run "$srv" /app.js "$secs" "$out" ;;
    resumed) wrk_run "$srv" /index.html "$secs" "$out" -H 'Connection: close' ;;
    h2-1k) h2_run "$srv" /index.html "$secs" "$out" ;;
    h2-100k) h2_run "$srv" /app.js "$secs" "$out" ;;
    full) full_run "$srv" "$secs" "$out" ;;
  esac
  busy1=$(cpu_busy_total); srv1=$(proc_ticks "${SRV_PID[$srv]}"); own_ticks
  other_pct=$(awk -v o=$(((busy1 - busy0) - (srv1 - srv0) - (own - own0))) -v n="$(nproc)" -v s="$secs" \
    -v hz="$(getconf CLK_TCK 2>/dev/null || echo 100)" 'BEGIN { if (o < 0) o = 0; printf "%.0f", 100 * o / (n * s * hz) }')
}

declare -A VAL P50 P99 ERRS BEST BEST_P50 BEST_P99 BEST_ERRS BEST_OTHER ALL WARM
parse() { # parse SERVER KEY OUT: sets VAL, P50, P99 and ERRS of SERVER,KEY
  local srv=$1 key=$2 f=$3
  P50[$srv,$key]="" P99[$srv,$key]=""
  case $key in
    h1-* | resumed)
      VAL[$srv,$key]=$(awk '/^Requests\/sec:/ {print $2}' "$f")
      P50[$srv,$key]=$(to_ms "$(awk '$1 == "50%" {print $2}' "$f")")
      P99[$srv,$key]=$(to_ms "$(awk '$1 == "99%" {print $2}' "$f")")
      ERRS[$srv,$key]=$(awk '/Socket errors:/ { gsub(",", ""); e += $4 + $6 + $8 + $10 } /Non-2xx or 3xx responses:/ { e += $5 }
        END { print e + 0 }' "$f") ;;
    h2-*)
      VAL[$srv,$key]=$(awk '/^finished in/ { gsub(",", ""); print $4 }' "$f")
      ERRS[$srv,$key]=$(awk '/^requests:/ { e += $10 + $12 + $14 } /^status codes:/ { e += $5 + $7 + $9 } END { print e + 0 }' "$f") ;;
    full)
      local ms
      ms=$(awk '/^finished in/ { gsub(",", ""); print $3 }' "$f" | while read -r t; do to_ms "$t"; echo; done \
        | awk '{ s += $1 } END { print s + 0 }')
      VAL[$srv,$key]=$(awk -v ms="$ms" '/^requests:/ { ok += $8 } END { if (ms > 0) printf "%.1f", ok * 1000 / ms; else print 0 }' "$f")
      ERRS[$srv,$key]=$(awk '/^requests:/ { e += $10 + $12 + $14 } /^status codes:/ { e += $5 + $7 + $9 } /^batch failed/ { e++ }
        END { print e + 0 }' "$f") ;;
  esac
  VAL[$srv,$key]=${VAL[$srv,$key]:-0}
  if [ "${VAL[$srv,$key]}" = 0 ]; then say "no result for $srv $key:"; tail -20 "$f" >&2; fi
}

handshakes() { # handshakes SERVER N: median and p90 of N full handshakes (fresh curl each) -> "median p90 failures"
  local srv=$1 n=$2 i
  for ((i = 0; i < n; i++)); do
    curl -s -o /dev/null --max-time 5 --cacert "$tls/root.pem" --resolve "$NAME:${SRV_PORT[$srv]}:127.0.0.1" \
      -w '%{http_code} %{time_connect} %{time_appconnect}\n' "$(url "$srv" /index.html)" || echo "000 0 0"
  done | awk '$1 == 200 { print ($3 - $2) * 1000 } $1 != 200 { print "fail" }' >"$work/hs.txt"
  sort -n "$work/hs.txt" | awk '$1 != "fail" { v[n++] = $1 } $1 == "fail" { f++ }
    END { if (n == 0) { print "0 0", f + 0; exit } printf "%.3f %.3f %d\n", v[int((n - 1) / 2)], v[int((n - 1) * 0.9)], f }'
}

# warm-up: every measure for WARMUP seconds on every server (the same for all; the JVM's JIT needs it)
for srv in "${servers[@]}"; do
  say "warm-up $srv: ${WARMUP}s per measure"
  for key in "${measures[@]}"; do
    measure "$srv" "$key" "$WARMUP" "$work/warm-$srv-$key.txt"
    parse "$srv" "$key" "$work/warm-$srv-$key.txt"
    WARM[$srv,$key]=${VAL[$srv,$key]}
  done
  read -r WARM[$srv,hs] _ _ <<<"$(handshakes "$srv" 10)"
done

for srv in "${servers[@]}"; do
  for key in "${measures[@]}" hs; do
    BEST[$srv,$key]=0 BEST_P50[$srv,$key]="" BEST_P99[$srv,$key]="" BEST_ERRS[$srv,$key]="" BEST_OTHER[$srv,$key]="" ALL[$srv,$key]=""
  done
done
load_before=$(awk '{print $1, $2, $3}' /proc/loadavg)
for ((round = 1; round <= ROUNDS; round++)); do
  for key in "${measures[@]}" hs; do
    for srv in "${servers[@]}"; do
      wait_quiet
      f="$work/$srv-$key-$round.txt"
      if [ "$key" = hs ]; then
        read -r v p90 fails <<<"$(handshakes "$srv" "$HANDSHAKES")"
        VAL[$srv,hs]=$v P50[$srv,hs]=$v P99[$srv,hs]=$p90 ERRS[$srv,hs]=$fails other_pct=""
        better=$(awk -v a="$v" -v b="${BEST[$srv,hs]}" 'BEGIN { print (a > 0 && (b == 0 || a < b)) }')
      else
        measure "$srv" "$key" "$DURATION" "$f"
        parse "$srv" "$key" "$f"
        better=$(awk -v a="${VAL[$srv,$key]}" -v b="${BEST[$srv,$key]}" 'BEGIN { print (a > b) }')
      fi
      say "round $round/$ROUNDS: $srv ${LABEL[$key]}: ${VAL[$srv,$key]}${other_pct:+, other CPU $other_pct%}"
      ALL[$srv,$key]+="$(awk -v v="${VAL[$srv,$key]}" -v k="$key" 'BEGIN { if (k == "hs") printf "%.2f", v; else printf "%.0f", v }') "
      if [ "$better" = 1 ]; then
        BEST[$srv,$key]=${VAL[$srv,$key]} BEST_P50[$srv,$key]=${P50[$srv,$key]} BEST_P99[$srv,$key]=${P99[$srv,$key]}
        BEST_ERRS[$srv,$key]=${ERRS[$srv,$key]} BEST_OTHER[$srv,$key]=$other_pct
      fi
    done
  done
done
load_after=$(awk '{print $1, $2, $3}' /proc/loadavg)

# ---------------------------------------------------------------- the doc section
cores=$(nproc)
label() { case $1 in fazt) echo fazt ;; nginx) echo nginx ;; caddy) echo Caddy ;; esac; }
num() { if [ "$2" = hs ]; then fmt_ms "$1"; else fmt_rps "$1"; fi; }
busy=$(awk -v l="${load_before%% *}" -v m="${load_after%% *}" -v c="$cores" 'BEGIN { print ((l > c / 2 || m > c / 2) ? 1 : 0) }')
section="$work/section.md"
{
  echo "## HTTPS"
  echo
  echo "Written by \`$run_cmd\` on $(date -u '+%Y-%m-%d %H:%M UTC'). Run \`bench/https.sh\` to refresh this section (see bench/README.md)."
  [ "$quick" = 1 ] && { echo; echo "**A --quick run: a few seconds per measure, one round; the numbers mean little.**"; }
  echo
  echo "fazt (\`./fazt --server --https manual\`), nginx and Caddy serve the same two files over HTTPS on loopback with the same"
  echo "certificate: an EC P-256 leaf for \`$NAME\` with its intermediate (both made with openssl, from a test root), given to fazt"
  echo "with \`fazt server set-cert\`, to nginx with \`ssl_certificate\` and to Caddy with \`tls CERT KEY\`. Caddy's automatic HTTPS"
  echo "(ordering a certificate from a CA) cannot run here, as there is no CA it can reach: this measures serving HTTPS, not getting the"
  echo "certificate, for all three. fazt serves the files as the deployed app \`bench\` on \`$NAME\` (from data.db); nginx"
  echo "(\`worker_processes auto\`, \`ssl_protocols TLSv1.2 TLSv1.3\`, \`http2\`, no access log) and Caddy (\`file_server\`, admin off,"
  echo "redirects off) serve them from disk. Every client connects to 127.0.0.1 and names \`$NAME\` in SNI, which fazt needs"
  echo "(it answers no handshake for a name it has no certificate for): curl with \`--resolve\`, h2load with \`--connect-to\`, and wrk,"
  echo "which takes the name from its URL and resolves it itself, in a mount namespace of its own (\`unshare\`) with a private"
  echo "hosts file that maps the name to 127.0.0.1; the system's /etc/hosts is not changed."
  echo
  echo "- HTTP/1.1: \`wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency\`, kept-alive connections."
  echo "- HTTP/2: \`h2load -t$THREADS -c$H2_CONNECTIONS -m$H2_STREAMS -D $DURATION\` ($H2_CONNECTIONS connections, $H2_STREAMS streams each)."
  echo "- New connections, full handshake: \`h2load --h1 -t$THREADS -c$CONNECTIONS -n$CONNECTIONS\` again and again for ${DURATION} s: each"
  echo "  batch opens $CONNECTIONS connections at once, each with a new TLS session, one request for the 1 KB page each; the number is"
  echo "  requests done over the time h2load reports for its batches (its own start and stop not counted)."
  echo "- New connections, session resumed: \`wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s -H 'Connection: close'\` on the 1 KB page:"
  echo "  the server closes after each answer, and wrk reconnects offering the TLS session it had (as browsers do)."
  echo "  A server that does not resume gives a full handshake instead (see \"resumes a session\" below)."
  echo "- One full handshake: $HANDSHAKES runs of a new \`curl\` process (\`--cacert\` the test root, so it verifies the chain) on an"
  echo "  otherwise idle server, \`time_appconnect - time_connect\`: the TLS handshake as one client sees it, its verification included."
  echo
  echo "Every server got the same warm-up first: each measure for ${WARMUP} s (the JVM needs it for its JIT), and 10 handshakes."
  echo "Then $ROUNDS round(s), interleaved (each measure on each server in turn); each number is the best round."
  echo
  echo "### Machine"
  echo
  echo "- CPU: $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo), $cores cores; memory: $(awk '/^MemTotal:/ {printf "%.1f", $2 / 1024 / 1024}' /proc/meminfo) GiB"
  echo "- OS: $(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-unknown}"), Linux $(uname -r); $(openssl version | awk '{print $1, $2}')"
  echo "- JDK: $(. "$root/scripts/java-home.sh" && fazt_pick_jdk && "$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p)"
  echo "- fazt: commit $commit"
  echo "- $(nginx -v 2>&1 | sed 's/^nginx version: //'), Caddy $(caddy version 2>/dev/null | awk '{print $1}'), $(wrk -v 2>&1 | awk 'NR == 1 {print $1, $2}'), $(h2load --version 2>&1 | head -1), $(curl --version | awk 'NR == 1 {print $1, $2}')"
  echo "- load average (1, 5, 15 min) when the measured rounds began: $load_before; when they ended: $load_after."
  if [ "$busy" = 1 ]; then
    echo "  **The machine was busy with other work (load above half its cores): these numbers are lower and noisier than on an idle machine; see \"other CPU\".**"
  fi
  echo
  echo "| server | TLS (protocol, cipher, key exchange) | resumes a session | response header bytes (HTTP/1.1, 1 KB page) |"
  echo "|---|---|---|---:|"
  for srv in "${servers[@]}"; do
    echo "| $(label "$srv") | ${TLS_DESC[$srv]} | ${RESUMES[$srv]} | ${HEADER_BYTES[$srv]} |"
  done
  echo
  echo "### Results"
  echo
  echo "| measure | fazt | nginx | Caddy | **fazt/nginx** | **fazt/Caddy** |"
  echo "|---|---:|---:|---:|---:|---:|"
  for key in "${measures[@]}" hs; do
    echo "| ${LABEL[$key]} | $(num "${BEST[fazt,$key]}" "$key") | $(num "${BEST[nginx,$key]}" "$key") | $(num "${BEST[caddy,$key]}" "$key") | **$(ratio "${BEST[fazt,$key]}" "${BEST[nginx,$key]}")** | **$(ratio "${BEST[fazt,$key]}" "${BEST[caddy,$key]}")** |"
  done
  echo
  echo "Ratios: for req/s and conn/s above 1.0x means fazt does more; for the handshake time below 1.0x means fazt is quicker."
  echo
  echo "Details of each best round: p50 / p99 latency (wrk rows), p90 (handshake row), errors (socket errors, timeouts, failed"
  echo "requests and answers other than 200) and \"other CPU\", the share of the machine's CPU used meanwhile by anything but the"
  echo "server under test, the load tool and this script (near 0% means a clean run); then the number of every round."
  echo
  echo "| measure | server | p50 | p99 / p90 | errors | other CPU | each round |"
  echo "|---|---|---:|---:|---:|---:|---|"
  for key in "${measures[@]}" hs; do
    for srv in "${servers[@]}"; do
      p50="" p99=""
      [ -n "${BEST_P50[$srv,$key]}" ] && p50=$(fmt_ms "${BEST_P50[$srv,$key]}") && p99=$(fmt_ms "${BEST_P99[$srv,$key]}")
      echo "| ${LABEL[$key]} | $(label "$srv") | $p50 | $p99 | ${BEST_ERRS[$srv,$key]} | ${BEST_OTHER[$srv,$key]:+${BEST_OTHER[$srv,$key]}%} | ${ALL[$srv,$key]% } |"
    done
  done
  echo
  echo "### Warm-up"
  echo
  echo "The same measures during the warm-up (${WARMUP} s each, run in the order of the table, fazt first; the handshake time is the"
  echo "median of 10). fazt's JIT compiles the hot code during these runs; nginx and Caddy have compiled code from the start."
  echo
  echo "| measure | fazt | nginx | Caddy | fazt warm-up / best round |"
  echo "|---|---:|---:|---:|---:|"
  for key in "${measures[@]}" hs; do
    echo "| ${LABEL[$key]} | $(num "${WARM[fazt,$key]}" "$key") | $(num "${WARM[nginx,$key]}" "$key") | $(num "${WARM[caddy,$key]}" "$key") | $(ratio "${WARM[fazt,$key]}" "${BEST[fazt,$key]}") |"
  done
  echo
  echo "### Reading"
  echo
  awk -v h11="$(ratio "${BEST[fazt,h1-1k]}" "${BEST[nginx,h1-1k]}")" -v h12="$(ratio "${BEST[fazt,h1-100k]}" "${BEST[nginx,h1-100k]}")" \
    -v c11="$(ratio "${BEST[fazt,h1-1k]}" "${BEST[caddy,h1-1k]}")" -v c12="$(ratio "${BEST[fazt,h1-100k]}" "${BEST[caddy,h1-100k]}")" \
    -v h21="$(ratio "${BEST[fazt,h2-1k]}" "${BEST[nginx,h2-1k]}")" -v c21="$(ratio "${BEST[fazt,h2-1k]}" "${BEST[caddy,h2-1k]}")" \
    -v fn="$(ratio "${BEST[fazt,full]}" "${BEST[nginx,full]}")" -v fc="$(ratio "${BEST[fazt,full]}" "${BEST[caddy,full]}")" \
    -v hn="$(ratio "${BEST[fazt,hs]}" "${BEST[nginx,hs]}")" -v hc="$(ratio "${BEST[fazt,hs]}" "${BEST[caddy,hs]}")" \
    -v res="${RESUMES[fazt]}" 'BEGIN {
    printf "- Kept-alive HTTP/1.1 (what most of a page load is once connected): fazt does %s of nginx and %s of Caddy on the 1 KB page,\n", h11, c11
    printf "  %s and %s on the 100 KB file. HTTP/2, 1 KB: %s of nginx, %s of Caddy.\n", h12, c12, h21, c21
    printf "- New connections with a full handshake: %s of nginx and %s of Caddy. One handshake takes %s of nginx'"'"'s time and %s of Caddy'"'"'s.\n", fn, fc, hn, hc
    if (res == "no")
      print "- fazt did not resume a TLS session (it issues session tickets but answered the offered one with a full handshake), so its \"session resumed\" row is full handshakes too; nginx and Caddy resume when they show \"yes\" above."
  }'
  echo "- Where the time goes: fazt terminates TLS in the JDK's own TLS (JSSE: Java code, with CPU intrinsics for AES-GCM), nginx"
  echo "  in OpenSSL, Caddy in Go's crypto/tls. fazt also sends more header bytes per answer (see the table above), which counts on"
  echo "  the 1 KB page. All three share the $cores cores with the load tool, and the client's half of every new connection costs"
  echo "  about as much CPU as the server's (h2load and curl use OpenSSL 3.0, whose handshakes are slow), so the connection rates"
  echo "  are comparisons on a shared machine, not capacities."
} >"$section"

write_section "HTTPS" "$section"
say "done in $(($(date +%s) - started_at)) s"
