#!/usr/bin/env bash
# Analytics benchmark: how many bytes of data.db a pageview costs, how fast fazt takes events on
# POST /track without losing any, and how long /api/stats and /api/stats/timeline take over 1 million
# stored events.
#
#   0. on a new data folder, wrk POSTs SIZE_EVENTS pageviews to /track (1,000 paths, 3 referrers and
#      none, 5,000 user agents so about 5,000 visitors a day); fazt stops cleanly and the growth of
#      data.db (with its -wal, if any) is divided by the events stored: bytes per pageview, indexes,
#      daily counts and lookup tables included.
#   1. wrk POSTs pageview JSON to /track (1,000 paths in turn) for DURATION seconds; fazt is
#      then stopped cleanly (TERM) and the rows in data.db are counted: every 2xx answer must be a
#      stored row, no more and no fewer.
#   2. sqlite3 adds 1,000,000 events spread over the last 30 days (5 apps, 500 paths, 3 referrers,
#      2 event names, about 3,000 visitors a day) to the stopped instance's data.db; fazt starts
#      again and curl times REPEATS calls of each stats query after 3 warm-up calls.
# Writes the "## Analytics" section of docs/BENCHMARKS.md (other sections are kept).
#
# Usage: bench/analytics.sh     (from anywhere; needs root or sudo to apt-get wrk, curl or sqlite3 if missing)
# Settings (environment):
#   SIZE_EVENTS=10000000                   pageviews of the size run (0 skips it)
#   FAZT_REF=<commit>                      measure that commit instead of the working tree (e.g. a "before")
#   THREADS=2 CONNECTIONS=50 DURATION=10   wrk settings of the ingest run (seconds)
#   WARMUP=5                               seconds of /track warm-up before the measured run
#   EVENTS=1000000                         events seeded for the stats queries
#   REPEATS=30                             timed calls per stats query
#   MAX_SECONDS=900                        the whole run is stopped after this
#   NO_DOC=1                               print the section only, leave docs/BENCHMARKS.md alone
set -euo pipefail

run_cmd="bench/analytics.sh"
for v in REPEATS EVENTS WARMUP DURATION CONNECTIONS THREADS SIZE_EVENTS FAZT_REF; do
  if [ -n "${!v+x}" ]; then run_cmd="$v=${!v} $run_cmd"; fi
done

THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-50}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-5}
EVENTS=${EVENTS:-1000000}
REPEATS=${REPEATS:-30}
SIZE_EVENTS=${SIZE_EVENTS:-10000000}
MAX_SECONDS=${MAX_SECONDS:-$((900 + SIZE_EVENTS / 5000))}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
doc="$root/docs/BENCHMARKS.md"
started_at=$(date +%s)

say() { printf '[analytics %3ds] %s\n' "$(($(date +%s) - started_at))" "$*" >&2; }
. "$root/bench/lib.sh"

# ---------------------------------------------------------------- cleanup and time bound

guard_run

# ---------------------------------------------------------------- tools and the fazt build
install_missing wrk curl sqlite3

work=$(mktemp -d "${TMPDIR:-/tmp}/fazt-bench-analytics.XXXXXX")
if [ -n "${FAZT_REF:-}" ]; then ref_build; else snapshot_build; fi

used_ports=" "
data="$work/data"
mkdir -p "$data" "$work/logs"
port=""
pid=""

start_fazt() { # start_fazt LOGNAME: starts fazt on $data and waits for /health
  local log="$work/logs/$1.log" t0
  port=$(free_port)
  "$fazt_bin" --server --bind 127.0.0.1 --port "$port" --data "$data" >"$log" 2>&1 &
  pid=$!
  server_pids+=("$pid")
  t0=$(now_ms)
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/health" 2>/dev/null || true)" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { tail -30 "$log" >&2; die "fazt exited during start"; }
    [ $(($(now_ms) - t0)) -gt 120000 ] && { tail -30 "$log" >&2; die "fazt did not answer /health in 120 s"; }
    sleep 0.05
  done
  grep -q 'fazt: building' "$log" && die "./fazt rebuilt the project during the run"
  say "fazt answers on 127.0.0.1:$port (pid $pid)"
}

rows() { sqlite3 "$data/data.db" ".timeout 10000" "$1"; }

db_bytes() { # data.db and its -wal, if any
  local b=0 f
  for f in "$data/data.db" "$data/data.db-wal"; do [ -f "$f" ] && b=$((b + $(stat -c %s "$f"))); done
  echo "$b"
}

# ---------------------------------------------------------------- 0. bytes per pageview
size_row=""
if [ "$SIZE_EVENTS" -gt 0 ]; then
  cat >"$work/size.lua" <<'LUA'
-- POSTs pageviews: 1,000 paths, 3 referrers and none, 5,000 user agents (so about 5,000 visitors a day).
local counter = 0
function setup(thread) counter = counter + 1; thread:set("offset", counter * 1000003) end
function init(args) n = offset end
function request()
  n = n + 1
  local ref = ({ ',"ref":"https://news.example/"', ',"ref":"https://search.example/"', ',"ref":"https://mail.example/"', '' })[n % 4 + 1]
  local body = '{"h":"blog.localhost","p":"/post/' .. (n % 1000) .. '","e":"pageview"' .. ref .. '}'
  return wrk.format("POST", "/track", { ["Content-Type"] = "application/json", ["Host"] = "blog.localhost",
    ["User-Agent"] = "bench-" .. (n * 7919 % 5000) }, body)
end
LUA
  start_fazt size
  size_empty=$(db_bytes)
  raw_table=$(rows "SELECT CASE WHEN EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'event_rows') THEN 'event_rows' ELSE 'events' END")
  size_started=$(now_ms)
  say "size run: $SIZE_EVENTS pageviews through POST /track, in rounds of wrk -d20s"
  size_stored=0
  while [ "$size_stored" -lt "$SIZE_EVENTS" ]; do
    timeout 60 wrk -t"$THREADS" -c"$CONNECTIONS" -d20s -s "$work/size.lua" "http://127.0.0.1:$port/track" >"$work/size.txt" 2>&1 \
      || die "wrk (size run) failed: $(cat "$work/size.txt")"
    sleep 2 # the writer stores what waits within a second
    size_stored=$(rows "SELECT COUNT(*) FROM $raw_table")
    say "size run: $size_stored events stored"
  done
  size_s=$(( ($(now_ms) - size_started) / 1000 ))
  stop_pid "$pid"
  size_stored=$(rows "SELECT COUNT(*) FROM $raw_table")
  size_bytes=$(db_bytes)
  size_per=$(awk -v b="$((size_bytes - size_empty))" -v n="$size_stored" 'BEGIN { printf "%.1f", b / n }')
  size_tables=$(sqlite3 "$data/data.db" "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 6" 2>/dev/null \
    | awk -F'|' '{ printf "%s%s %.1f MB", (NR > 1 ? ", " : ""), $1, $2 / 1048576 }' || true)
  say "size run: $size_stored events stored in ${size_s}s; data.db grew from $size_empty to $size_bytes bytes: $size_per bytes per pageview"
  size_row="| $(printf "%'d" "$size_stored") | $(awk -v b="$size_bytes" 'BEGIN { printf "%.1f", b / 1048576 }') MB | **$size_per** | ${size_tables:-n/a} |"
  rm -rf "$data"
  mkdir -p "$data"
fi

# ---------------------------------------------------------------- 1. ingest with no loss
cat >"$work/track.lua" <<'LUA'
-- POSTs one pageview per request, going through 1,000 paths (a site's pages); counts the answers by status.
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) n = 0; ok = 0; bad = 0 end
function request()
  n = n + 1
  local body = '{"h":"blog.localhost","p":"/post/' .. (n % 1000) .. '","e":"pageview","ref":"https://news.example/","t":{"w":"bench"}}'
  return wrk.format("POST", "/track", { ["Content-Type"] = "application/json", ["Host"] = "blog.localhost" }, body)
end
function response(status, headers, body)
  if status >= 200 and status < 300 then ok = ok + 1 else bad = bad + 1 end
end
function done(summary, latency, requests)
  local o, b, s = 0, 0, 0
  for _, t in ipairs(threads) do o = o + t:get("ok"); b = b + t:get("bad"); s = s + t:get("n") end
  io.write(string.format("answered 2xx: %d\nanswered other: %d\nsent: %d\n", o, b, s))
end
LUA

start_fazt ingest
say "warm-up: /track for ${WARMUP}s"
timeout $((WARMUP + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$work/track.lua" "http://127.0.0.1:$port/track" \
  >"$work/warm.txt" 2>&1 || die "wrk (warm-up) failed: $(cat "$work/warm.txt")"
warm_ok=$(awk '/^answered 2xx:/ {print $3}' "$work/warm.txt")
warm_sent=$(awk '/^sent:/ {print $2}' "$work/warm.txt")
sleep 2 # let the flusher store the warm-up events, so the count below starts from them
load_at_ingest=$(awk '{print $1}' /proc/loadavg)
say "measured: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s POST /track"
timeout $((DURATION + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$work/track.lua" \
  "http://127.0.0.1:$port/track" >"$work/ingest.txt" 2>&1 || die "wrk failed: $(cat "$work/ingest.txt")"
stop_started=$(now_ms)
stop_pid "$pid"
stop_ms=$(($(now_ms) - stop_started))
ingest_rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/ingest.txt")
ingest_p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$work/ingest.txt")")
ingest_p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$work/ingest.txt")")
ingest_ok=$(awk '/^answered 2xx:/ {print $3}' "$work/ingest.txt")
ingest_bad=$(awk '/^answered other:/ {print $3}' "$work/ingest.txt")
ingest_sent=$(awk '/^sent:/ {print $2}' "$work/ingest.txt")
ingest_sock=$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$work/ingest.txt")
stored=$(rows "SELECT COUNT(*) FROM events WHERE source = 'track'")
answered=$((warm_ok + ingest_ok))
sent=$((warm_sent + ingest_sent))
say "sent: $sent, answered 2xx: $answered (warm-up $warm_ok + measured $ingest_ok), stored: $stored, other answers: $ingest_bad, socket errors: ${ingest_sock:-0}"
# wrk stops with up to CONNECTIONS requests in flight whose answers it never reads; fazt may have
# stored them. So: answered 2xx <= stored (nothing answered was lost) <= sent (nothing stored twice).
if [ "$stored" -ge "$answered" ] && [ "$stored" -le "$sent" ]; then
  loss="none"
else
  loss="**MISMATCH**"
fi

# ---------------------------------------------------------------- 2. stats over 1M events
now=$(($(date +%s) * 1000))
say "seeding $EVENTS events over the last 30 days with sqlite3"
seed_started=$(now_ms)
if [ "$(rows "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'event_rows'")" = 1 ]; then
  # compact raw rows (V8): texts in event_values, the key is time * 4096 plus the place within the millisecond
  rows "INSERT OR IGNORE INTO event_values(value, last_day) VALUES ('seed', $now / 86400000), ('203.0.113.0', $now / 86400000),
          ('pageview', $now / 86400000), ('signup', $now / 86400000), ('https://news.example/', $now / 86400000),
          ('https://search.example/', $now / 86400000), ('https://mail.example/', $now / 86400000);
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 499)
        INSERT OR IGNORE INTO event_values(value, last_day) SELECT '/post/' || i, $now / 86400000 FROM n;" >/dev/null
  for i in 0 1 2 3 4; do
    rows "INSERT OR IGNORE INTO event_values(value, last_day) VALUES ('app_bench$i', $now / 86400000), ('app$i.localhost', $now / 86400000);" >/dev/null
  done
  rows "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $EVENTS)
INSERT INTO event_rows(id, app, host, path, event, referrer, source, address, visitor)
SELECT ($now - i * (2592000000 / $EVENTS)) * 4096 + 4000, -- late in its millisecond: never a key the ingest run used
       (SELECT id FROM event_values WHERE value = 'app_bench' || (i % 5)),
       (SELECT id FROM event_values WHERE value = 'app' || (i % 5) || '.localhost'),
       (SELECT id FROM event_values WHERE value = '/post/' || (i % 500)),
       (SELECT id FROM event_values WHERE value = CASE WHEN i % 10 = 0 THEN 'signup' ELSE 'pageview' END),
       (SELECT id FROM event_values WHERE value = CASE i % 4 WHEN 0 THEN 'https://news.example/' WHEN 1 THEN 'https://search.example/'
                                                   WHEN 2 THEN 'https://mail.example/' END),
       (SELECT id FROM event_values WHERE value = 'seed'), (SELECT id FROM event_values WHERE value = '203.0.113.0'),
       (i % 3000) + 100000 * (($now - i * (2592000000 / $EVENTS)) / 86400000)
FROM n;" >/dev/null
else
  rows "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $EVENTS)
  INSERT INTO events(time, app_id, host, path, event, referrer, tags, query, source, address, visitor)
  SELECT $now - i * (2592000000 / $EVENTS), 'app_bench' || (i % 5), 'app' || (i % 5) || '.localhost', '/post/' || (i % 500),
         CASE WHEN i % 10 = 0 THEN 'signup' ELSE 'pageview' END,
         CASE i % 4 WHEN 0 THEN 'https://news.example/' WHEN 1 THEN 'https://search.example/' WHEN 2 THEN 'https://mail.example/' END,
         NULL, NULL, 'seed', '203.0.113.0', (i % 3000) + 100000 * (($now - i * (2592000000 / $EVENTS)) / 86400000)
  FROM n;" >/dev/null
fi
# the daily counts and visitors the writer keeps with every batch, for the seeded rows, and 5 apps for them
rows "INSERT OR IGNORE INTO daily_visitors(day, app_id, visitor)
      SELECT time / 86400000, COALESCE(app_id, ''), visitor FROM events WHERE source = 'seed' AND visitor IS NOT NULL;" >/dev/null
for d in path event referrer; do
  rows "INSERT INTO event_counts(dimension, day, app_id, value, count)
        SELECT '$d', time / 86400000, COALESCE(app_id, ''), $d, COUNT(*) FROM events WHERE source = 'seed' AND $d IS NOT NULL
        GROUP BY 2, 3, 4 ON CONFLICT(dimension, day, app_id, value) DO UPDATE SET count = count + excluded.count;" >/dev/null
done
for i in 0 1 2 3 4; do
  rows "INSERT INTO apps(id, name, active_version, activation, next_version, created_at, updated_at)
        VALUES ('app_bench$i', 'bench$i', NULL, 0, 1, $now, $now);" >/dev/null
done
seed_ms=$(($(now_ms) - seed_started))
raw_started=$(now_ms)
rows "SELECT path, COUNT(*) AS n FROM events WHERE time >= $((now - 30 * 86400000)) GROUP BY path ORDER BY n DESC LIMIT 20;" >/dev/null
raw_ms=$(($(now_ms) - raw_started))
total=$(rows "SELECT COUNT(*) FROM events")
today_rows=$(rows "SELECT COUNT(*) FROM events WHERE time >= $((now / 86400000 * 86400000))")
db_mb=$(awk -v b="$(stat -c %s "$data/data.db")" 'BEGIN { printf "%.0f", b / 1048576 }')
say "events in data.db: $total ($db_mb MB), seeded in $seed_ms ms"

start_fazt stats
token=$("$fazt_bin" server create-key --name bench --scope read --data "$data" 2>/dev/null | grep -o 'fzt_[0-9a-f]*' | head -n 1 || true)
[ -n "$token" ] || die "could not create an API key"

declare -A MED P95 FIRST LABEL
time_query() { # time_query KEY PATH LABEL: median and p95 of REPEATS calls, in ms
  local key=$1 path=$2 i r
  LABEL[$key]=$3
  r=$(curl -s -o /dev/null -w '%{time_total}' --max-time 60 -H 'Host: localhost' -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path")
  FIRST[$key]=$(awk -v v="$r" 'BEGIN { printf "%.1f", v * 1000 }')
  for i in 1 2; do curl -s -o /dev/null --max-time 60 -H 'Host: localhost' -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path"; done
  : >"$work/t-$key.txt"
  for ((i = 0; i < REPEATS; i++)); do
    r=$(curl -s -o "$work/body" -w '%{http_code} %{time_total}' --max-time 60 -H 'Host: localhost' \
      -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path")
    [ "${r%% *}" = 200 ] || die "$path answered ${r%% *}: $(head -c 300 "$work/body")"
    echo "${r#* }" >>"$work/t-$key.txt"
  done
  MED[$key]=$(sort -g "$work/t-$key.txt" | awk '{ v[NR] = $1 * 1000 } END { printf "%.1f", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')
  P95[$key]=$(sort -g "$work/t-$key.txt" | awk '{ v[NR] = $1 * 1000 } END { i = int(NR * 0.95 + 0.999); if (i > NR) i = NR; printf "%.1f", v[i] }')
  say "$path: first ${FIRST[$key]} ms, median ${MED[$key]} ms, p95 ${P95[$key]} ms"
}
time_query summary "/api/stats" '`/api/stats` (every app, last 30 days: all 1M events)'
time_query summary_app "/api/stats?app=bench1" '`/api/stats?app=…` (one app: 200k events)'
time_query summary_week "/api/stats?from=$((now - 7 * 86400000))" '`/api/stats?from=…` (every app, last 7 days)'
time_query day "/api/stats/timeline?interval=day" '`/api/stats/timeline?interval=day` (30 points)'
time_query day_app "/api/stats/timeline?interval=day&app=bench1" '`/api/stats/timeline?interval=day&app=…`'
time_query hour "/api/stats/timeline?interval=hour" '`/api/stats/timeline?interval=hour` (24 points)'
time_query events "/api/events?limit=100" '`/api/events?limit=100`'
curl -s --max-time 60 -H 'Host: localhost' -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/stats" >"$work/stats.json"
check_all=$(grep -o '"all":[0-9]*' "$work/stats.json" | head -n 1 | cut -d: -f2)
[ "$check_all" = "$total" ] || die "/api/stats counts $check_all events in all, data.db holds $total"
stop_pid "$pid"

# ---------------------------------------------------------------- the doc section
cpu_model=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
mem_gib=$(awk '/^MemTotal:/ {printf "%.1f", $2 / 1024 / 1024}' /proc/meminfo)
section="$work/section.md"
{
  echo "## Analytics"
  echo
  echo "Written by \`$run_cmd\` on $(date -u '+%Y-%m-%d %H:%M UTC') (fazt $commit). Run it again to refresh this section."
  echo
  echo "Machine: $cpu_model, $(nproc) cores, $mem_gib GiB RAM; $(wrk -v 2>&1 | awk 'NR == 1 {print $1, $2}'), $(sqlite3 --version | awk '{print "sqlite3 " $1}')."
  echo "fazt runs with \`./fazt --server --bind 127.0.0.1\` on a new data folder; wrk and fazt share the machine."
  echo
  if [ -n "$size_row" ]; then
    echo "### Bytes of data.db per pageview"
    echo
    echo "On a new data folder, wrk -t$THREADS -c$CONNECTIONS POSTs pageviews to \`/track\` (1,000 paths, 3 referrers and none, 5,000"
    echo "user agents, so about 5,000 visitors a day) in rounds of 20 s until at least $(printf "%'d" "$SIZE_EVENTS") are stored (${size_s} s);"
    echo "fazt then stops cleanly. Bytes per pageview"
    echo "= growth of data.db (and its -wal) / events stored, so the raw rows, the lookup table of texts, the daily counts and"
    echo "the daily visitors all count. Largest tables and indexes from sqlite3's \`dbstat\`."
    echo
    echo "| events stored | data.db | bytes per pageview | largest tables |"
    echo "|---:|---:|---:|---|"
    echo "$size_row"
    echo
  fi
  echo "### Ingest: \`POST /track\`, then a clean stop"
  echo
  echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s (after ${WARMUP}s of warm-up) POSTs pageviews of 1,000 paths in turn."
  echo "Then fazt gets TERM, stores what it still buffers and exits; the rows are counted in data.db with sqlite3."
  echo "The 1-minute load average when the measured run started was $load_at_ingest on $(nproc) cores (other work shares the machine)."
  echo
  echo "| events/s | p50 | p99 | requests sent | answered 2xx (warm-up + measured) | rows stored | other answers | socket errors | lost |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  echo "| $(fmt_rps "$ingest_rps") | $(fmt_ms "$ingest_p50") | $(fmt_ms "$ingest_p99") | $sent | $answered ($warm_ok + $ingest_ok) | $stored | $ingest_bad | ${ingest_sock:-0} | $loss |"
  echo
  echo "Every answered event is stored (answered ≤ stored), and none twice (stored ≤ sent). The $((stored - answered)) stored"
  echo "beyond the answered ones were in flight when wrk stopped (at the end of the warm-up and of the measured run): fazt"
  echo "took them, but wrk closes its connections without reading those answers. The exact count (N sent, N stored) is"
  echo "checked by \`AnalyticsTest.concurrentEventsAreAllStoredByACleanShutdown\`."
  echo
  echo "The clean stop (TERM until the process ended, including the flush of the last buffered events) took $stop_ms ms."
  echo
  echo "### Stats over $(printf "%'d" "$total") events"
  echo
  echo "$(printf "%'d" "$EVENTS") events seeded with sqlite3 in $seed_ms ms, spread evenly over the last 30 days (5 apps, 500 paths,"
  echo "3 referrers and none, 2 event names, about 3,000 visitors a day), plus the ingest run's rows; data.db is $db_mb MB."
  echo "Queries run in the order below on a freshly started fazt; each is called once (first), twice more to warm up, then"
  echo "$REPEATS times (median, p95), with curl (wall time, connect included)."
  echo
  echo "| query | first call | median | p95 |"
  echo "|---|---:|---:|---:|"
  for k in summary summary_app summary_week day day_app hour events; do
    echo "| ${LABEL[$k]} | ${FIRST[$k]} ms | ${MED[$k]} ms | ${P95[$k]} ms |"
  done
  echo
  echo "How the queries stay fast: the writer keeps \`event_counts\` (per UTC day and app, the count of each path, referrer and"
  echo "event name) and \`daily_visitors\` (each visitor hash once per day and app) in the same transaction as the events, so"
  echo "the breakdowns and the daily events, pageviews and unique visitors add up a few rows per day and visitor instead of"
  echo "reading every event; a day that has ended never changes, so its numbers are computed once per app filter (the first"
  echo "call above) and kept in memory, and later calls read only today's rows of those two tables."
  echo "For comparison, one breakdown read straight from the events (top paths of the 30 days, GROUP BY in the sqlite3 shell)"
  echo "took $raw_ms ms; the summary has four breakdowns (path, referrer, event, app)."
  echo
  echo "What still reads the raw events themselves (a key range of \`event_rows\`, whose key is the time; there is no other"
  echo "index): the hourly timeline, and a \`from\` or \`to\` that is not a UTC midnight (the 7-day row uses now minus"
  echo "7 × 24 h), whose range totals and partial days are counted from the rows"
  echo "($(printf "%'d" "$today_rows") of today's events here, most of them from the ingest run)."
} >"$section"

write_section "Analytics" "$section"
say "done in $(($(date +%s) - started_at)) s"
