#!/usr/bin/env bash
# Continuous replication with Litestream, end to end (docs/backup.md, "Continuous replication"):
#   1. installs Litestream from npm (@flydotio/litestream) into the work folder, and fetches s3proxy
#      (org.gaul:s3proxy, jar-with-dependencies) with Maven; s3proxy runs with its filesystem
#      backend and no authentication, as the S3-compatible store;
#   2. starts ./fazt --server on a new data folder with wal_checkpoints = litestream, and
#      `litestream replicate` beside it, replicating data.db to the S3 store and to a file replica;
#   3. deploys a static site (two versions) and an app whose function writes KV entries, documents
#      and blobs; WRITES requests write one of each;
#   4. measures the replication lag: from the answer to one more write until Litestream has uploaded
#      the next WAL segment to the S3 store (then a `litestream restore` from S3 must hold that write);
#   5. stops fazt (then Litestream, which syncs the last of the WAL on its way out), and restores
#      data.db into a new folder from S3 and from the file replica (timed);
#   6. compares every row of every table of each restored data.db with the original's, then starts
#      fazt on each and compares every app's served bytes (pages, and what the function reads back)
#      with what the original served. PASS or FAIL.
# Writes the "Continuous replication (Litestream)" section of docs/BENCHMARKS.md (NO_DOC=1: only print it).
# Knobs: WRITES=200, MAX_SECONDS=900 (the whole run is stopped after this), WAL_CHECKPOINTS=litestream
# (fazt: run fazt with its own checkpoints, to see what that setting changes).
# Needs: node/npm, curl, sqlite3, Maven (for s3proxy), and a JDK 25 (found as ./fazt finds it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
WRITES=${WRITES:-200}
MAX_SECONDS=${MAX_SECONDS:-900}
S3PROXY_VERSION=${S3PROXY_VERSION:-4.1.0}
WAL_CHECKPOINTS=${WAL_CHECKPOINTS:-litestream}
doc="$root/docs/BENCHMARKS.md"
started_at=$(date +%s)
say() { printf '[litestream %3ds] %s\n' "$(($(date +%s) - started_at))" "$*" >&2; }
. bench/lib.sh
guard_run
used_ports=" "
install_missing curl sqlite3 npm

work=$(mktemp -d "${TMPDIR:-/tmp}/fazt-bench-litestream.XXXXXX")
mkdir -p "$work/logs" "$work/apps"
snapshot_build
java_bin=$(. "$fazt_dir/scripts/java-home.sh" && fazt_pick_jdk && echo "$JAVA_HOME/bin/java")

# ---------------------------------------------------------------- Litestream and s3proxy
say "installing Litestream with npm (@flydotio/litestream)"
timeout 300 npm install --prefix "$work/npm" --no-audit --no-fund @flydotio/litestream >"$work/logs/npm.log" 2>&1 \
  || { cat "$work/logs/npm.log" >&2; die "npm install @flydotio/litestream failed"; }
# the binary itself, not npm's node wrapper in .bin (which would leave it running when stopped)
litestream=$(ls "$work"/npm/node_modules/@flydotio/litestream-*/litestream 2>/dev/null | head -n 1)
[ -n "$litestream" ] || die "the npm package holds no litestream binary for this platform ($(uname -sm))"
ls_version=$("$litestream" version) || die "the installed litestream does not run"
npm_version=$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$work/npm/node_modules/@flydotio/litestream/package.json" | head -n 1)
say "Litestream $ls_version (npm @flydotio/litestream $npm_version)"

say "fetching s3proxy $S3PROXY_VERSION with Maven"
timeout 600 mvn -B -ntp -q dependency:copy "-Dartifact=org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" \
  "-DoutputDirectory=$work/s3proxy" >"$work/logs/mvn-s3proxy.log" 2>&1 \
  || { cat "$work/logs/mvn-s3proxy.log" >&2; die "Maven could not fetch org.gaul:s3proxy:$S3PROXY_VERSION"; }
s3_port=$(free_port)
mkdir -p "$work/s3/fazt-backups" # a folder under the filesystem backend's base is a bucket
cat >"$work/s3proxy.conf" <<EOF
s3proxy.endpoint=http://127.0.0.1:$s3_port
s3proxy.authorization=none
jclouds.provider=filesystem
jclouds.filesystem.basedir=$work/s3
EOF
"$java_bin" -jar "$work/s3proxy/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar" --properties "$work/s3proxy.conf" \
  >"$work/logs/s3proxy.log" 2>&1 &
s3_pid=$!
server_pids+=("$s3_pid")
t0=$(now_ms)
until curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$s3_port/fazt-backups"; do
  kill -0 "$s3_pid" 2>/dev/null || { tail -20 "$work/logs/s3proxy.log" >&2; die "s3proxy exited during start"; }
  [ $(($(now_ms) - t0)) -gt 120000 ] && die "s3proxy did not answer in 120 s"
  sleep 0.2
done
say "s3proxy $S3PROXY_VERSION answers on 127.0.0.1:$s3_port (bucket fazt-backups)"

ls_config() { # ls_config DATA_DB: the litestream.yml of docs/backup.md for that data.db
  cat <<EOF
dbs:
  - path: $1
    replicas:
      - name: s3
        type: s3
        endpoint: http://127.0.0.1:$s3_port
        region: us-east-1
        bucket: fazt-backups
        path: fazt/data.db
        force-path-style: true
        access-key-id: local
        secret-access-key: local
        sync-interval: 1s
      - name: file
        type: file
        path: $work/replica/data.db
        sync-interval: 1s
EOF
}

# ---------------------------------------------------------------- fazt and its apps
start_fazt() { # start_fazt NAME DATA_DIR: sets port_NAME and pid_NAME
  local port log="$work/logs/fazt-$1.log"
  port=$(free_port)
  # a function's time limit well above its default 5 s: on a busy machine the first run of a script can take longer
  FAZT_FUNCTIONS_TIMEOUT_MS=60000 "$fazt_bin" --server --bind 127.0.0.1 --port "$port" --data "$2" >"$log" 2>&1 &
  local pid=$!
  server_pids+=("$pid")
  wait_for_health "$pid" "$port" "$log"
  printf -v "port_$1" '%s' "$port"
  printf -v "pid_$1" '%s' "$pid"
  say "fazt ($1) answers on 127.0.0.1:$port (pid $pid)"
}

fetch() { # fetch PORT HOST PATH OUT: the body into OUT; fails unless 200
  local code
  code=$(curl -s -o "$4" -w '%{http_code}' --max-time 120 -H "Host: $2" "http://127.0.0.1:$1$3" || true)
  [ "$code" = 200 ] || { cat "$4" >&2 2>/dev/null || true; tail -n 15 "$work"/logs/fazt-*.log >&2 || true; die "127.0.0.1:$1 answered $code for $2$3 (expected 200)"; }
}

mkdir -p "$work/apps/site/assets" "$work/apps/notes/api"
printf '<!doctype html><title>site</title><h1>version 1</h1>\n' >"$work/apps/site/index.html"
printf 'body { color: #123; }\n' >"$work/apps/site/assets/style.css"
head -c 20000 /dev/urandom >"$work/apps/site/assets/noise.bin"
cat >"$work/apps/notes/api/main.js" <<'EOF'
const kv = fazt.storage.kv, ds = fazt.storage.ds, s3 = fazt.storage.s3;
if (request.path === "/api/write") {
  const i = request.query.i;
  kv.set("note-" + i, { i: i, text: "note " + i });
  ds.insert("notes", { id: "n" + i, i: Number(i), tag: "t" + (i % 7) });
  s3.put("files/" + i + ".txt", "file " + i + " ".repeat(Number(i) % 50));
  respond({ ok: true, i: i });
} else if (request.path === "/api/read") {
  const docs = ds.find("notes", {}, { limit: 1000 }).map((d) => ({ id: d.id, i: d.i, tag: d.tag }));
  docs.sort((a, b) => a.i - b.i);
  const files = s3.list("files/").map((f) => ({ path: f.path, size: f.size, data: s3.get(f.path).data }));
  respond({ kv: kv.list("note-"), docs: docs, files: files });
} else {
  respond(404, { error: "no route" });
}
EOF
printf '{"name": "notes"}\n' >"$work/apps/notes/manifest.json"
printf '<!doctype html><title>notes</title><p>notes</p>\n' >"$work/apps/notes/index.html"

deploy() { # deploy DIR NAME DATA_DIR
  timeout 600 "$fazt_bin" app deploy "$1" --name "$2" --data "$3" >>"$work/logs/deploy.log" 2>&1 \
    || { tail -20 "$work/logs/deploy.log" >&2; die "./fazt app deploy $2 failed"; }
}

data="$work/origin"
mkdir -p "$data" "$work/replica"
ls_config "$data/data.db" >"$work/litestream.yml"
"$fazt_bin" server set-config --wal-checkpoints "$WAL_CHECKPOINTS" --data "$data" >"$work/logs/set-config.log" 2>&1 \
  || { cat "$work/logs/set-config.log" >&2; die "fazt server set-config --wal-checkpoints $WAL_CHECKPOINTS failed"; }
start_fazt origin "$data"
"$litestream" replicate -config "$work/litestream.yml" >"$work/logs/litestream.log" 2>&1 &
ls_pid=$!
server_pids+=("$ls_pid")
say "litestream replicate runs (pid $ls_pid)"

deploy "$work/apps/site" site "$data"
printf '<!doctype html><title>site</title><h1>version 2</h1>\n' >"$work/apps/site/index.html"
deploy "$work/apps/site" site "$data"
deploy "$work/apps/notes" notes "$data"
say "deployed site (2 versions) and notes"
t0=$(now_ms)
for ((i = 1; i <= WRITES; i++)); do fetch "$port_origin" notes.localhost "/api/write?i=$i" "$work/w.json"; done
write_ms=$(($(now_ms) - t0))
say "$WRITES writes through the function (a KV entry, a document and a blob each) in $write_ms ms"

# ---------------------------------------------------------------- replication lag
# From fazt's answer to one more write until Litestream put a new piece of the WAL into the S3 store
# (s3proxy's filesystem backend shows each object as a file); then a restore from S3 must hold that write.
marker=$((WRITES + 1))
fetch "$port_origin" notes.localhost "/api/write?i=$marker" "$work/w.json"
touch "$work/answered"
t0=$(now_ms)
lag_ms=""
while [ $(($(now_ms) - t0)) -lt 60000 ]; do
  if [ -n "$(find "$work/s3/fazt-backups" -type f -path '*/wal/*' -newer "$work/answered" -print -quit)" ]; then
    lag_ms=$(($(now_ms) - t0))
    break
  fi
  sleep 0.05
done
[ -n "$lag_ms" ] || die "Litestream put nothing new into the S3 store in the 60 s after fazt answered a write"
"$litestream" restore -config "$work/litestream.yml" -replica s3 -o "$work/lag.db" "$data/data.db" >"$work/logs/lag.log" 2>&1 \
  || { cat "$work/logs/lag.log" >&2; die "litestream restore from s3 failed while fazt ran"; }
[ "$(sqlite3 "$work/lag.db" "SELECT COUNT(*) FROM kv WHERE key = 'note-$marker'")" = 1 ] \
  || die "the S3 replica did not hold the write answered $lag_ms ms before Litestream's upload"
say "replication lag: $lag_ms ms from fazt's answer to a write until Litestream's next upload to S3 (a restore holds the write)"

# what the original serves, to compare the restored instances with
served=(site.localhost/ site.localhost/assets/style.css site.localhost/assets/noise.bin notes.localhost/ notes.localhost/api/read)
mkdir -p "$work/served/origin"
for ((k = 0; k < ${#served[@]}; k++)); do
  u=${served[$k]}
  fetch "$port_origin" "${u%%/*}" "/${u#*/}" "$work/served/origin/$k"
done

# ---------------------------------------------------------------- stop, then restore twice
t0=$(now_ms)
stop_pid "$pid_origin"
stop_ms=$(($(now_ms) - t0))
say "fazt stopped in $stop_ms ms (Litestream still running)"
sleep 3 # two sync intervals: Litestream copies what fazt wrote last
stop_pid "$ls_pid"
say "litestream stopped"
wal_left=$(stat -c %s "$data/data.db-wal" 2>/dev/null || echo 0)
say "  data.db-wal beside the original: $wal_left bytes"
grep -q "WAL checkpoint at close failed" "$work/logs/fazt-origin.log" && say "  fazt's log: $(grep -m1 "WAL checkpoint at close failed" "$work/logs/fazt-origin.log")"

dump_rows() { # dump_rows DB: every row of every table but Litestream's own, in a stable order
  local t
  for t in $(sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_litestream%' ESCAPE '\\' AND name NOT LIKE 'sqlite%' ORDER BY name"); do
    echo "== $t"
    sqlite3 -header "$1" "SELECT * FROM \"$t\" ORDER BY 1, 2" 2>/dev/null || sqlite3 -header "$1" "SELECT * FROM \"$t\" ORDER BY 1"
  done
}
dump_rows "$data/data.db" >"$work/rows-origin.txt"
rows_total=$(grep -vc '^==' "$work/rows-origin.txt" || true)
kv_rows=$(sqlite3 "$data/data.db" "SELECT COUNT(*) FROM kv")
doc_rows=$(sqlite3 "$data/data.db" "SELECT COUNT(*) FROM docs")
blob_rows=$(sqlite3 "$data/data.db" "SELECT COUNT(*) FROM app_blobs")
db_bytes=$(stat -c %s "$data/data.db")

verdict=PASS
declare -A RESTORE_MS
for replica in s3 file; do
  dir="$work/restored-$replica"
  mkdir -p "$dir"
  t0=$(now_ms)
  "$litestream" restore -config "$work/litestream.yml" -replica "$replica" -o "$dir/data.db" "$data/data.db" \
    >"$work/logs/restore-$replica.log" 2>&1 || { cat "$work/logs/restore-$replica.log" >&2; die "litestream restore from $replica failed"; }
  RESTORE_MS[$replica]=$(($(now_ms) - t0))
  say "restored from $replica in ${RESTORE_MS[$replica]} ms"
  [ "$(sqlite3 "$dir/data.db" 'PRAGMA integrity_check')" = ok ] || { say "FAIL: the data.db restored from $replica is damaged"; verdict=FAIL; }
  dump_rows "$dir/data.db" >"$work/rows-$replica.txt"
  if cmp -s "$work/rows-origin.txt" "$work/rows-$replica.txt"; then
    say "  every row of every table is as in the original ($rows_total rows)"
  else
    say "FAIL: rows differ after a restore from $replica:"; diff "$work/rows-origin.txt" "$work/rows-$replica.txt" | head -20 >&2
    verdict=FAIL
  fi
  [ "$replica" = file ] && cp "$dir/data.db" "$work/file-restored-unserved.db" # for fazt restore, below
  start_fazt "$replica" "$dir"
  p="port_$replica"
  mkdir -p "$work/served/$replica"
  for ((k = 0; k < ${#served[@]}; k++)); do
    u=${served[$k]}
    fetch "${!p}" "${u%%/*}" "/${u#*/}" "$work/served/$replica/$k"
    cmp -s "$work/served/origin/$k" "$work/served/$replica/$k" \
      || { say "FAIL: $u served other bytes after a restore from $replica"; verdict=FAIL; }
  done
  say "  served bytes compared: ${served[*]}"
  p="pid_$replica"
  stop_pid "${!p}"
done

# a data.db restored by Litestream is also one `fazt restore` takes (docs/backup.md)
mkdir -p "$work/via-fazt-restore"
if "$fazt_bin" restore "$work/file-restored-unserved.db" --data "$work/via-fazt-restore" >"$work/logs/fazt-restore.log" 2>&1 \
  && dump_rows "$work/via-fazt-restore/data.db" | cmp -s "$work/rows-origin.txt" -; then
  say "fazt restore takes the data.db Litestream restored, rows as in the original"
else
  cat "$work/logs/fazt-restore.log" >&2; say "FAIL: fazt restore of the data.db Litestream restored"; verdict=FAIL
fi

# ---------------------------------------------------------------- report
load=$(cut -d' ' -f1-3 /proc/loadavg)
say "$verdict"
out="$work/section.md"
{
  echo "## Continuous replication (Litestream)"
  echo
  echo "\`bench/litestream.sh\`: \`./fazt --server\` (\`wal_checkpoints = $WAL_CHECKPOINTS\`) with \`litestream replicate\` beside it,"
  echo "replicating data.db to s3proxy $S3PROXY_VERSION (filesystem backend, on this machine) and to a file replica, both with"
  echo "\`sync-interval: 1s\`; then both restored with \`litestream restore\` and served by a new fazt each (docs/backup.md)."
  echo "Litestream $ls_version from npm (\`@flydotio/litestream\` $npm_version). Commit $commit, $(date -u +%Y-%m-%d), $(nproc) cores,"
  echo "load average $load at the end (other work was running on the machine)."
  echo
  echo "| | |"
  echo "|---|---|"
  echo "| written | site (2 versions), notes; $WRITES function requests writing a KV entry, a document and a blob each ($write_ms ms) |"
  echo "| data.db | $db_bytes bytes; $kv_rows KV entries, $doc_rows documents, $blob_rows blobs; $rows_total rows in all tables |"
  echo "| replication lag | $lag_ms ms from fazt's answer to a write until Litestream had uploaded a new WAL segment to S3 (a restore from S3 then held the write) |"
  echo "| fazt's stop with Litestream running | $stop_ms ms |"
  echo "| restore from S3 (s3proxy) | ${RESTORE_MS[s3]} ms |"
  echo "| restore from the file replica | ${RESTORE_MS[file]} ms |"
  echo "| verdict | **$verdict**: every row of every table, and the bytes of ${#served[@]} URLs, as in the original, for both restores |"
} >"$out"
write_section "Continuous replication (Litestream)" "$out"
[ "$verdict" = PASS ]
