#!/usr/bin/env bash
# Desktop start-up and memory: starts `./fazt` (the desktop) under Xvfb with a real GTK window,
# reads "window shown N ms after the JVM started" from its log, and the resident memory after
# 10 s idle; best and median of 5 starts. Writes the "## Desktop" section of docs/BENCHMARKS.md
# (NO_DOC=1 only prints). Needs xvfb, xauth and libgtk-3-0 (installed here when missing).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. scripts/java-home.sh
fazt_pick_jdk
runs="${RUNS:-5}"
for pkg in xvfb xauth libgtk-3-0; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need="${need:-} $pkg"
done
if [ -n "${need:-}" ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $need; fi
./fazt --version >/dev/null   # build first, so no start below includes a build

work="$(mktemp -d)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

shown=(); rss=()
for i in $(seq 1 "$runs"); do
  data="$work/data-$i"; mkdir -p "$data"
  log="$work/run-$i.log"
  xvfb-run -a -s "-screen 0 1280x800x24" ./fazt --data "$data" --port 0 >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do grep -q "window shown" "$log" && break; sleep 0.1; done
  ms=$(sed -n 's/.*window shown \([0-9]*\) ms after the JVM started.*/\1/p' "$log" | head -1)
  [ -n "$ms" ] || { echo "run $i: no window within 60 s"; cat "$log"; exit 1; }
  sleep 10
  java_pid=$(pgrep -f "fazt.desktop.DesktopMain --data $data" | head -1)
  kb=$(awk '/VmRSS/ {print $2}' "/proc/$java_pid/status")
  kill "$java_pid"; wait "$pid" 2>/dev/null || true; pid=""
  shown+=("$ms"); rss+=("$((kb / 1024))")
  echo "run $i: window after $ms ms, idle RSS ${rss[-1]} MiB"
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
best() { printf '%s\n' "$@" | sort -n | head -1; }
section="## Desktop

Written by \`bench/desktop.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), $runs starts of \`./fazt\` (the desktop, first
run on a new data folder each time) under Xvfb with a real GTK window, on the machine of the sections above
($(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $("${JAVA_HOME:-/usr}/bin/java" -version 2>&1 | head -1)).
\"Window shown\" is the time from the JVM's start to the window's first show (the engine is open and the
server listens by then); \"idle RSS\" is the resident memory 10 s later with no requests.

| measure | best | median |
|---|---:|---:|
| start to visible window | $(best "${shown[@]}") ms | $(median "${shown[@]}") ms |
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
text = pattern.sub(section, text) if pattern.search(text) else text.rstrip() + "\n\n" + section
open(path, "w").write(text)
PY
