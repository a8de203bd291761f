#!/usr/bin/env bash
# Dashboard benchmark: what the web dashboard costs a person on loopback. A real instance (in the
# JVM of the test classes, on a temp data.db) is seeded with 1,000 apps, 10,000 function log lines
# and a year of analytics; headless chromium (Debian's chromium + chromium-driver) then loads each
# screen with a cold cache once, and REPEATS more times, and reports the compressed bytes of the
# first load (the network log's count) and the time until the screen's content is drawn (the
# page's own clock, from the start of navigation). Writes the "## Dashboard" section of
# docs/BENCHMARKS.md (other sections are kept).
#
# Usage: bench/dashboard.sh     (needs chromium and chromium-driver)
# Settings (environment):
#   REPEATS=10         loads of each screen after the first
#   MAX_SECONDS=900    the whole run is stopped after this
#   NO_DOC=1           print the section only, leave docs/BENCHMARKS.md alone
set -euo pipefail

run_cmd="bench/dashboard.sh"
if [ -n "${REPEATS+x}" ]; then run_cmd="REPEATS=$REPEATS $run_cmd"; fi
REPEATS=${REPEATS:-10}
MAX_SECONDS=${MAX_SECONDS:-900}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
doc="$root/docs/BENCHMARKS.md"
started_at=$(date +%s)
say() { printf '[dashboard %3ds] %s\n' "$(($(date +%s) - started_at))" "$*" >&2; }
. "$root/bench/lib.sh"

guard_run
command -v chromium >/dev/null && command -v chromedriver >/dev/null || die "chromium and chromium-driver are missing"
work=$(mktemp -d "${TMPDIR:-/tmp}/fazt-bench-dashboard.XXXXXX")
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$root" status --porcelain -- app-core app-server 2>/dev/null)" ]; then commit+=" with uncommitted changes"; fi

cd "$root"
. scripts/java-home.sh
fazt_pick_jdk >/dev/null
say "building the test classes"
mvn -q -B -ntp -DskipTests test-compile dependency:build-classpath -pl app-server -am \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" >&2
cp="app-server/target/test-classes:app-server/target/classes:app-core/target/classes:app-core/target/test-classes:$(cat "$work/cp.txt")"
say "seeding and measuring ($REPEATS loads per screen after the first)"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -Djdk.httpclient.allowRestrictedHeaders=host -cp "$cp" fazt.server.DashboardBench "$work/table.md" "$REPEATS" \
  >"$work/bench.log" 2>&1 || { tail -40 "$work/bench.log" >&2; die "the benchmark failed"; }

{
  echo "## Dashboard"
  echo
  echo "Written by \`$run_cmd\` on $(date -u '+%Y-%m-%d %H:%M') UTC. Run it again to refresh this section (see bench/README.md)."
  echo
  echo "The web dashboard in headless chromium on loopback, against a real instance; each screen is opened"
  echo "in a new browser signed in through the hand-off link, its first load with an empty cache on a JVM"
  echo "that has served nothing of it yet, then $REPEATS more loads (the browser may revalidate its cache; the"
  echo "JVM is warm). Times are the page's own clock (\`performance.now()\`, from the start of navigation)"
  echo "when the screen's content is drawn, polled every 5 ms. The issue's budget: at most 300 KB transferred"
  echo "and shown within 1 s for the first screen."
  echo
  echo "- fazt: commit $commit; JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p)"
  echo "- browser: $(chromium --version 2>/dev/null | head -1); CPU: $(nproc) cores"
  echo
  cat "$work/table.md"
} >"$work/section.md"
write_section "Dashboard" "$work/section.md"
