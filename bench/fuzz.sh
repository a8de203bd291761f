#!/usr/bin/env bash
# Fuzzing: runs each Jazzer fuzz test (docs/testing.md) in fuzzing mode for FUZZ_TIME, one JVM per
# target, and writes the executions, the coverage reached and the crashes found to the "## Fuzzing"
# section of docs/BENCHMARKS.md (other sections are kept). A crash leaves its input in the test's
# seed folder (src/test/resources/.../<Test>Inputs/<method>/crash-...), where every later build
# replays it as a regression test; the script then exits 1.
#
# Usage: bench/fuzz.sh [TARGET...]   (a TARGET is Class#method; default: all of them)
# Settings (environment):
#   FUZZ_TIME=60s      how long each target is fuzzed (Jazzer's duration: 30s, 5m, 1h)
#   MAX_SECONDS=...    the whole run is stopped after this (default: targets x (FUZZ_TIME + 3 min))
#   NO_DOC=1           print the section only, leave docs/BENCHMARKS.md alone
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
doc="$root/docs/BENCHMARKS.md"
started_at=$(date +%s)
say() { printf '[fuzz %4ds] %s\n' "$(($(date +%s) - started_at))" "$*" >&2; }
. "$root/bench/lib.sh"
. "$root/scripts/java-home.sh"
fazt_pick_jdk
export JAVA_HOME

# module:Class#method, each fuzz test beside the code it tests
all_targets=(
  "app-core:fazt.core.apps.BundleFuzzTest#anyUploadIsReadOrRefusedClearly"
  "app-core:fazt.core.apps.BundleFuzzTest#anyEntryNamesAreReadOrRefusedClearly"
  "app-core:fazt.core.storage.DocQueryFuzzTest#anyQueryRunsOrIsRefusedClearly"
  "app-core:fazt.core.storage.DocQueryFuzzTest#anyUpdateRunsOrIsRefusedClearly"
  "app-core:fazt.core.schedules.CronExpressionFuzzTest#anyTextParsesOrIsRefusedClearly"
  "app-server:fazt.server.HostRouterFuzzTest#anyHostHeaderRoutesSafely"
  "app-server:fazt.server.admin.AdminJsonBodyFuzzTest#anyBodyIsAnsweredWithoutServerError"
)
targets=()
if [ $# -eq 0 ]; then
  targets=("${all_targets[@]}")
else
  for want in "$@"; do
    found=""
    for t in "${all_targets[@]}"; do [ "${t#*:}" = "$want" ] || [ "${t##*.}" = "$want" ] && found=$t; done
    [ -n "$found" ] || { echo "unknown target $want; the targets are:" >&2; printf '  %s\n' "${all_targets[@]#*:}" >&2; exit 2; }
    targets+=("$found")
  done
fi

run_cmd="bench/fuzz.sh"
if [ -n "${FUZZ_TIME+x}" ]; then run_cmd="FUZZ_TIME=$FUZZ_TIME $run_cmd"; fi
FUZZ_TIME=${FUZZ_TIME:-60s}
fuzz_seconds=$(awk -v d="$FUZZ_TIME" 'BEGIN { n = d + 0; u = substr(d, length(d)); if (u == "m") n *= 60; if (u == "h") n *= 3600; print int(n) }')
MAX_SECONDS=${MAX_SECONDS:-$(( ${#targets[@]} * (fuzz_seconds + 180) + 300 ))}
guard_run
work=$(mktemp -d "${TMPDIR:-/tmp}/fazt-bench-fuzz.XXXXXX")

say "building (mvn test-compile)"
(cd "$root" && mvn -B -ntp -q test-compile -pl app-core,app-server) >"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; die "the build failed"; }

rows="$work/rows.md"
: >"$rows"
crashes_total=0
for target in "${targets[@]}"; do
  module=${target%%:*}
  test=${target#*:}
  class=${test%#*}
  method=${test#*#}
  inputs="$root/$module/src/test/resources/$(echo "${class%.*}" | tr . /)/${class##*.}Inputs/$method"
  before=$(find "$inputs" -name 'crash-*' 2>/dev/null | wc -l)
  log="$work/$method.log"
  say "fuzzing $test for $FUZZ_TIME"
  status=0
  # app-core comes from this tree (the reactor), never from the local repository, which other builds may change
  modules=app-core
  [ "$module" = app-core ] || modules="app-core,$module"
  (cd "$root" && JAZZER_FUZZ=1 JAZZER_MAX_DURATION="$FUZZ_TIME" mvn -B -ntp -pl "$modules" test \
      -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false) >"$log" 2>&1 || status=$?
  # libFuzzer's closing lines: "Done N runs in S second(s)" and the last "#N ... cov: C ft: F corp: K/..."
  runs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
  secs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\2/p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  if [ -z "$runs" ]; then runs=$(echo "$last" | sed -n 's/^#\([0-9]*\).*/\1/p'); fi
  cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
  corpus=$(echo "$last" | sed -n 's/.* corp: \([0-9]*\).*/\1/p')
  after=$(find "$inputs" -name 'crash-*' 2>/dev/null | wc -l)
  crashes=$((after - before))
  if [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ]; then crashes="run failed (see below)"; fi
  [ "$status" -ne 0 ] && crashes_total=$((crashes_total + 1))
  rate="n/a"
  if [ -n "$runs" ] && [ -n "$secs" ] && [ "$secs" -gt 0 ]; then rate=$((runs / secs)); fi
  say "$test: ${runs:-?} executions, coverage ${cov:-?}, corpus ${corpus:-?}, crashes: $crashes"
  echo "| \`${class##*.}#$method\` | ${runs:-?} | $rate | ${cov:-?} | ${corpus:-?} | $crashes |" >>"$rows"
  if [ "$status" -ne 0 ]; then
    { echo; echo "Failure of \`$test\`:"; echo; echo '```'; grep -E 'Exception|Error|FAIL|crash-|Caused by' "$log" | head -20; echo '```'; } >>"$work/failures.md"
  fi
done

section="$work/section.md"
{
  echo "## Fuzzing"
  echo
  echo "Written by \`$run_cmd\` on $(date -u '+%Y-%m-%d %H:%M UTC') (fazt $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown))."
  echo "Each target was fuzzed for $FUZZ_TIME by Jazzer (coverage-guided, one JVM per target), starting from"
  echo "its committed seed corpus plus the inputs earlier runs kept (\`.cifuzz-corpus/\`, not committed)."
  echo "Executions are inputs tried; coverage is libFuzzer's count of covered edges; a crash is any"
  echo "exception other than the clear refusal the target expects, or a failed assertion (docs/testing.md)."
  echo
  echo "| target | executions | per second | coverage (edges) | corpus | crashes |"
  echo "|---|---|---|---|---|---|"
  cat "$rows"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end."
  if [ -f "$work/failures.md" ]; then cat "$work/failures.md"; fi
} >"$section"
write_section "Fuzzing" "$section"
[ "$crashes_total" -eq 0 ] || { say "$crashes_total target(s) crashed or failed: see above"; exit 1; }
