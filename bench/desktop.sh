#!/usr/bin/env bash
# Desktop start-up and memory: starts `./fazt` (the desktop) under Xvfb with a real GTK window and
# reads from its log when the window was first shown and when the local node was ready (the log's
# wall-clock times, less the moment the bench launched ./fazt), and the resident memory after IDLE
# seconds (30) without requests; best and median of RUNS (5) starts. Writes the "## Desktop"
# section of docs/BENCHMARKS.md (NO_DOC=1 only prints). For an A/B of JVM options set
# JDK_JAVA_OPTIONS, which the java launcher itself reads. Needs xvfb, xauth and libgtk-3-0
# (installed here when missing).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. scripts/java-home.sh
fazt_pick_jdk
runs="${RUNS:-5}"
idle="${IDLE:-30}"
for pkg in xvfb xauth libgtk-3-0; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need="${need:-} $pkg"
done
if [ -n "${need:-}" ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $need; fi
./fazt --version >/dev/null   # build first, so no start below includes a build

work="$(mktemp -d)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# milliseconds since midnight of a log line's "HH:MM:SS.mmm" (the JVM logs local time, as date does)
clock_ms() { awk -F'[:.]' '{ printf "%d", (($1 * 60 + $2) * 60 + $3) * 1000 + $4 }' <<<"$1"; }
logged_after() { # ms from the launch to the first log line matching $2 in file $1
  local at; at=$(grep -m1 "$2" "$1" | cut -c1-12)
  [ -n "$at" ] || return 1
  echo $(( ($(clock_ms "$at") - launched + 86400000) % 86400000 ))
}

shown=(); ready=(); rss=()
for i in $(seq 1 "$runs"); do
  data="$work/data-$i"; mkdir -p "$data"
  log="$work/run-$i.log"
  launched=$(clock_ms "$(date +%H:%M:%S.%3N)")
  xvfb-run -a -s "-screen 0 1280x800x24" ./fazt --data "$data" --port 0 >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do grep -q "local node ready" "$log" && break; sleep 0.1; done
  ms=$(logged_after "$log" "window shown") || { echo "run $i: no window within 60 s"; cat "$log"; exit 1; }
  up=$(logged_after "$log" "local node ready") || { echo "run $i: not ready within 60 s"; cat "$log"; exit 1; }
  sleep "$idle"
  java_pid=$(pgrep -f "fazt.desktop.DesktopMain --data $data" | head -1)
  kb=$(awk '/VmRSS/ {print $2}' "/proc/$java_pid/status")
  kill "$java_pid"; wait "$pid" 2>/dev/null || true; pid=""
  shown+=("$ms"); ready+=("$up"); rss+=("$((kb / 1024))")
  echo "run $i: window after $ms ms, node ready after $up ms, idle RSS ${rss[-1]} MiB"
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
best() { printf '%s\n' "$@" | sort -n | head -1; }
section="## Desktop

Written by \`bench/desktop.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), $runs starts of \`./fazt\` (the desktop, first
run on a new data folder each time) under Xvfb with a real GTK window, on the machine of the sections above
($(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $("${JAVA_HOME:-/usr}/bin/java" -version 2>&1 | head -1)).
Times run from the launch of \`./fazt\` (the script, then the JVM) to the log line: \"window\" is the window's
first show, \"node ready\" the moment the engine is open and the server listens (the window then leaves
its starting state); \"idle RSS\" is the resident memory ${idle} s after the node was ready, with no requests.
Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows every start).${JDK_JAVA_OPTIONS:+
JVM options added (JDK_JAVA_OPTIONS): \`$JDK_JAVA_OPTIONS\`.}

| measure | best | median |
|---|---:|---:|
| launch to visible window | $(best "${shown[@]}") ms | $(median "${shown[@]}") ms |
| launch to node ready | $(best "${ready[@]}") ms | $(median "${ready[@]}") ms |
| idle RSS | $(best "${rss[@]}") MiB | $(median "${rss[@]}") MiB |
"
echo "$section"
[ "${NO_DOC:-}" = 1 ] && exit 0
doc=docs/BENCHMARKS.md
python3 - "$doc" "$section" <<'PY'
import sys, re
path, section = sys.argv[1], sys.argv[2]
text = open(path).read()
pattern = re.compile(r"^## Desktop\n.*?(?=^## |\Z)", re.S | re.M)
text = pattern.sub(lambda m: section + "\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + section
open(path, "w").write(text)
PY
