#!/usr/bin/env bash
# Sign-in benchmark: does the time of a failed POST /api/login tell whether the username exists?
# (SPEC §6.1: it must not.) curl times ATTEMPTS failed sign-ins with the owner's username and as
# many with an unknown one, interleaved, each from its own client address (fazt trusts the
# loopback as a proxy for this run, so X-Forwarded-For gives every attempt a fresh throttle
# budget), plus successful sign-ins for reference. Writes the "## Sign-in" section of
# docs/BENCHMARKS.md (other sections are kept).
#
# Usage: bench/login.sh     (needs curl)
# Settings (environment):
#   ATTEMPTS=40        timed attempts of each kind (after 5 untimed ones)
#   MAX_SECONDS=300    the whole run is stopped after this
#   NO_DOC=1           print the section only, leave docs/BENCHMARKS.md alone
set -euo pipefail

run_cmd="bench/login.sh"
if [ -n "${ATTEMPTS+x}" ]; then run_cmd="ATTEMPTS=$ATTEMPTS $run_cmd"; fi
ATTEMPTS=${ATTEMPTS:-40}
MAX_SECONDS=${MAX_SECONDS:-300}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
doc="$root/docs/BENCHMARKS.md"
started_at=$(date +%s)
say() { printf '[login %3ds] %s\n' "$(($(date +%s) - started_at))" "$*" >&2; }
. "$root/bench/lib.sh"

guard_run

command -v curl >/dev/null || die "curl is missing"
work=$(mktemp -d "${TMPDIR:-/tmp}/fazt-bench-login.XXXXXX")
snapshot_build

used_ports=" "
port=$(free_port)
FAZT_TRUSTED_PROXIES=127.0.0.1 "$fazt_bin" --server --bind 127.0.0.1 --port "$port" --data "$work/data" >"$work/fazt.log" 2>&1 &
pid=$!
server_pids+=("$pid")
t0=$(now_ms)
until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/health" 2>/dev/null || true)" = 200 ]; do
  kill -0 "$pid" 2>/dev/null || { tail -30 "$work/fazt.log" >&2; die "fazt exited during start"; }
  [ $(($(now_ms) - t0)) -gt 120000 ] && die "fazt did not answer /health in 120 s"
  sleep 0.05
done
for ((i = 0; i < 100; i++)); do # printed just after the server answers
  password=$(awk '$1 == "owner" && $2 == "admin" {print $4; exit}' "$work/fazt.log")
  [ -n "$password" ] && break
  sleep 0.1
done
[ -n "$password" ] || die "fazt did not print the generated owner password"
say "fazt answers on 127.0.0.1:$port (pid $pid)"

attempt() { # attempt KIND N: one timed sign-in, prints "KIND seconds status"
  local user=admin pass="wrong-$2" hop
  case $1 in unknown) user="nobody-$2" ;; right) pass=$password ;; esac
  hop="10.$((($2 / 250) % 250)).$(($2 % 250)).$(case $1 in known) echo 1 ;; unknown) echo 2 ;; right) echo 3 ;; esac)"
  curl -s -o /dev/null -w "$1 %{time_total} %{http_code}\n" -H "X-Forwarded-For: $hop" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$user\",\"password\":\"$pass\"}" "http://127.0.0.1:$port/api/login"
}

say "warm-up: 5 attempts of each kind"
for i in 1 2 3 4 5; do for k in known unknown right; do attempt "$k" "$((1000 + i))" >/dev/null; done; done
say "timing $ATTEMPTS attempts of each kind, interleaved"
for ((i = 1; i <= ATTEMPTS; i++)); do
  for k in known unknown right; do attempt "$k" "$i"; done
done >"$work/times.txt"

stats() { # stats KIND: "median p10 p90" in ms, and the statuses seen
  awk -v k="$1" '$1 == k { print $2 * 1000 }' "$work/times.txt" | sort -n \
    | awk '{ a[NR] = $1 } END { printf "%.1f %.1f %.1f", a[int((NR + 1) / 2)], a[int(NR * 0.1) + 1], a[int(NR * 0.9)] }'
}
statuses() { awk -v k="$1" '$1 == k { print $3 }' "$work/times.txt" | sort | uniq -c | awk '{ printf "%s%s×%s", sep, $1, $2; sep = ", " }'; }
read -r known_med known_p10 known_p90 <<<"$(stats known)"
read -r unknown_med unknown_p10 unknown_p90 <<<"$(stats unknown)"
read -r right_med right_p10 right_p90 <<<"$(stats right)"
stop_pid "$pid"

section="$work/section.md"
{
  echo "## Sign-in"
  echo
  echo "Written by \`$run_cmd\` on $(date -u '+%Y-%m-%d %H:%M UTC') (fazt $commit). Run it again to refresh this section."
  echo
  echo "Failed \`POST /api/login\` answers must take as long for an unknown username as for the owner's (SPEC §6.1):"
  echo "both run one argon2id check (19 MiB, 2 passes). $ATTEMPTS attempts of each kind, interleaved, timed by curl"
  echo "over loopback (connect included), each from its own forwarded address so that the throttle never answers first."
  echo
  echo "| attempt | answers | median | p10 | p90 |"
  echo "|---|---|---:|---:|---:|"
  echo "| owner's username, wrong password | $(statuses known) | $known_med ms | $known_p10 ms | $known_p90 ms |"
  echo "| unknown username | $(statuses unknown) | $unknown_med ms | $unknown_p10 ms | $unknown_p90 ms |"
  echo "| right username and password | $(statuses right) | $right_med ms | $right_p10 ms | $right_p90 ms |"
  echo
  echo "Unknown ÷ known median: $(ratio "$unknown_med" "$known_med")."
} >"$section"
write_section "Sign-in" "$section"
say "done in $(($(date +%s) - started_at)) s"
