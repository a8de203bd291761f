#!/usr/bin/env bash
# Crash under writes, long form: runs CrashUnderWritesTest (app-server) with ROUNDS kill -9 rounds
# (20), each at a random moment while 20 clients write KV entries and documents through a function;
# every write answered 200 must be in data.db afterwards, which must pass PRAGMA integrity_check.
# The suite runs the same test with 3 rounds. SEED=N repeats a run (the test prints its seed).
# Prints each round's kill point and acknowledged writes, then Maven's verdict.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. scripts/java-home.sh
fazt_pick_jdk >/dev/null
rounds="${ROUNDS:-20}"
seed_opt=()
[ -n "${SEED:-}" ] && seed_opt=("-Dfazt.crash.seed=$SEED")
mvn -B -ntp -q -pl app-server -am test -Dtest=CrashUnderWritesTest -Dsurefire.failIfNoSpecifiedTests=false \
  "-Dfazt.crash.rounds=$rounds" "${seed_opt[@]}" 2>&1 | grep -E "CrashUnderWritesTest|Tests run|FAIL|ERROR\]" || true
grep -q 'failures="0"' app-server/target/surefire-reports/TEST-fazt.server.CrashUnderWritesTest.xml \
  && grep -q 'errors="0"' app-server/target/surefire-reports/TEST-fazt.server.CrashUnderWritesTest.xml \
  && echo "crash.sh: $rounds rounds, every acknowledged write present, integrity ok" \
  || { echo "crash.sh: FAILED (app-server/target/surefire-reports/)"; exit 1; }
