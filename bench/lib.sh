# Helpers shared by the benchmark scripts (sourced, not run). They use what each script defines
# itself: say and cpu_busy_total.

# What the clean-up stops and removes; the scripts fill these in as they start things.
work=""          # the temporary work folder
server_pids=()   # servers still running
watchdog_pid=""

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root (or sudo) to run: $*"; fi
}

die() { say "ERROR: $*"; exit 1; }

install_missing() { # install_missing TOOL...: apt-get the tools this machine lacks (update first)
  local missing=() t
  for t in "$@"; do command -v "$t" >/dev/null || missing+=("$t"); done
  [ ${#missing[@]} -gt 0 ] || return 0
  say "installing with apt-get: ${missing[*]}"
  as_root timeout 300 env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || die "apt-get update failed"
  as_root timeout 600 env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
}

fmt_ms() { awk -v v="$1" 'BEGIN { if (v < 1) printf "%.3f ms", v; else if (v < 100) printf "%.2f ms", v; else printf "%.0f ms", v }'; }

fmt_rps() { awk -v v="$1" 'BEGIN { printf "%d", v + 0.5 }'; }

forget_pid() { # drop a stopped server from server_pids
  local keep=() p
  for p in "${server_pids[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
  server_pids=("${keep[@]}")
}

free_port() {
  local p i
  for ((i = 0; i < 200; i++)); do
    p=$((20000 + RANDOM % 30000))
    case "$used_ports" in *" $p "*) continue ;; esac
    if port_free "$p"; then used_ports+="$p "; echo "$p"; return 0; fi
  done
  die "no free loopback port found"
}

wait_for_health() { # wait_for_health PID PORT LOG: until fazt (PID) answers 200 on /health, for up to 120 s
  local t0
  t0=$(now_ms)
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$2/health" 2>/dev/null || true)" = 200 ]; do
    kill -0 "$1" 2>/dev/null || { tail -30 "$3" >&2; die "fazt exited during start"; }
    [ $(($(now_ms) - t0)) -gt 120000 ] && { tail -30 "$3" >&2; die "fazt did not answer /health in 120 s"; }
    sleep 0.05
  done
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.2fx", a / b }'; }

to_ms() { # "250.00us" / "1.20ms" / "2.00s" -> milliseconds
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n = n / 1000; else if (v ~ /ms$/) n = n; else if (v ~ /m$/) n = n * 60000; else if (v ~ /s$/) n = n * 1000
    printf "%.4f", n }'
}

wait_quiet() { # before a measured run, wait until the machine is idle (< 10% of one core busy over
  # 1 s); all the waits of a run together take at most QUIET_WAIT seconds
  local i=0 a b
  while :; do
    a=$(cpu_busy_total); sleep 1; b=$(cpu_busy_total)
    [ $((b - a)) -lt 10 ] && return 0
    if [ "$quiet_left" -le 0 ]; then say "  the machine is busy with other work; measuring anyway (see 'other CPU')"; return 0; fi
    [ "$i" = 0 ] && say "  the machine is busy with other work; waiting for it to calm down (${quiet_left}s of waiting left)"
    quiet_left=$((quiet_left - 1)) i=$((i + 1))
  done
}

stop_pid() { # stop one process we started: TERM (a clean shutdown), up to 30 s, then KILL
  local pid=$1 i
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 300; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      say "pid $pid did not stop in 30 s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
  forget_pid "$pid"
}

cleanup() { # at exit: stop the watchdog and any sampler, then the servers, then remove the work folder
  local rc=$? p
  trap - EXIT INT TERM
  for p in "${watchdog_pid:-}" "${sampler_pid:-}"; do
    if [ -n "$p" ]; then kill -TERM "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; fi
  done
  for p in "${server_pids[@]}"; do stop_pid "$p"; done
  if [ -n "${work:-}" ] && [ -d "$work" ]; then rm -rf "$work"; fi
  exit "$rc"
}

guard_run() { # cleanup at exit, and a watchdog that sends this script TERM after MAX_SECONDS
  trap cleanup EXIT
  trap 'say "interrupted"; exit 130' INT
  trap 'say "stopped (time limit or TERM)"; exit 143' TERM
  # (it sleeps in 1 s steps so that stopping it leaves no long sleep behind)
  (
    end=$((SECONDS + MAX_SECONDS))
    while [ "$SECONDS" -lt "$end" ]; do sleep 1; done
    kill -TERM $$ 2>/dev/null
  ) >/dev/null 2>&1 &
  watchdog_pid=$!
}

write_section() { # write_section NAME FILE: put FILE as the "## NAME" section of docs/BENCHMARKS.md
  # (replacing that section up to the next "## " heading, or appending it), or only print it with NO_DOC=1
  local name=$1 file=$2
  if [ "${NO_DOC:-}" = 1 ]; then cat "$file"; return; fi
  mkdir -p "$(dirname "$doc")"
  if [ ! -f "$doc" ]; then
    printf '# Benchmarks\n\nMeasured numbers for fazt. Each section is written by the script it names; see bench/README.md.\n' >"$doc"
  fi
  awk -v newf="$file" -v head="## $name" '
    function emit(  l) { while ((getline l < newf) > 0) print l; close(newf) }
    /^## / { if (skip) { skip = 0; print "" }
             if ($0 == head) { emit(); skip = 1; done = 1; next } }
    !skip { print }
    END { if (!done) { print ""; emit() } }
  ' "$doc" >"$doc.new"
  mv "$doc.new" "$doc"
  say "wrote the \"$name\" section of docs/BENCHMARKS.md"
  cat "$file"
}

snapshot_build() { # build the working tree if needed (./fazt --help), then copy the build (the launcher,
  # its scripts and app-desktop/target, with a fresh build stamp) into $work/fazt-build, so that every
  # fazt of the run uses one build and edits during the run cannot trigger a rebuild.
  # Sets fazt_dir, fazt_bin and commit (the short hash, "with uncommitted changes" when there are some).
  commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
  if [ -n "$(git -C "$root" status --porcelain -- app-core app-server app-desktop pom.xml 2>/dev/null)" ]; then
    commit+=" with uncommitted changes"
  fi
  say "building fazt if needed (./fazt --help)"
  timeout 900 "$root/fazt" --help >/dev/null || die "./fazt could not be built or run"
  fazt_dir="$work/fazt-build"
  mkdir -p "$fazt_dir/app-desktop"
  cp "$root/fazt" "$root/pom.xml" "$fazt_dir/"
  cp -R "$root/scripts" "$fazt_dir/"
  cp -pR "$root/app-desktop/target" "$fazt_dir/app-desktop/" # -p: the CLI's AOT cache checks the jars' times
  touch "$fazt_dir/app-desktop/target/.fazt-build-stamp"
  fazt_bin="$fazt_dir/fazt"
  if "$fazt_bin" --help 2>&1 | grep -q 'fazt: building'; then die "the copy of the fazt build is not usable (it wants to rebuild)"; fi
}

ref_build() { # benchmark the commit FAZT_REF: export it into $work/fazt-src and build it there with its own ./fazt.
  # Sets fazt_dir, fazt_bin and commit.
  git -C "$root" rev-parse --verify -q "$FAZT_REF^{commit}" >/dev/null || die "FAZT_REF=$FAZT_REF is not a commit"
  commit="$(git -C "$root" rev-parse --short "$FAZT_REF^{commit}") (FAZT_REF=$FAZT_REF)"
  mkdir -p "$work/fazt-src"
  git -C "$root" archive "$FAZT_REF" | tar -x -C "$work/fazt-src"
  say "building fazt at $FAZT_REF in the work folder"
  timeout 900 "$work/fazt-src/fazt" --help >/dev/null || die "fazt at $FAZT_REF could not be built or run"
  fazt_dir="$work/fazt-src"
  fazt_bin="$fazt_dir/fazt"
}

start_nginx() { # start_nginx "HTTP-LEVEL LINES" "SERVER BLOCK": nginx in $work/nginx on SRV_PORT[nginx], logs in
  # $work/logs, with the settings every benchmark gives it (every core, no access log, sendfile, kept-alive connections
  # without a limit) and the lines given; sets SRV_PID[nginx] and adds it to server_pids
  mkdir -p "$work/nginx/tmp"
  cat >"$work/nginx/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/logs/nginx-error.log warn;
events { worker_connections 4096; }
http {
  types { text/html html; application/javascript js; }
  default_type application/octet-stream;
  access_log off;
  sendfile on;
$1  keepalive_requests 1000000;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
$2
}
EOF
  say "starting nginx on 127.0.0.1:${SRV_PORT[nginx]}"
  nginx -e "$work/logs/nginx-error.log" -p "$work/nginx" -c "$work/nginx/nginx.conf" >>"$work/logs/nginx.log" 2>&1 &
  SRV_PID[nginx]=$!
  server_pids+=("${SRV_PID[nginx]}")
}

use_build_jdk() { # after snapshot_build: the JDK 25 the build runs on, as ./fazt picks it (JAVA_HOME exported;
  # java_version set to its first -version line)
  . "$fazt_dir/scripts/java-home.sh"
  fazt_pick_jdk >/dev/null
  export JAVA_HOME
  java_version=$("$JAVA_HOME/bin/java" -version 2>&1 | head -1)
}
