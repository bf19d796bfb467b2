#!/usr/bin/env bash
# Writes under load (issue 12), against `gridgeo serve` on a generated district in a database of its own:
#   1. wrk on GET /api/locate (random building points of the district) while a new plan is published: requests/s,
#      latency, and the errors (non-2xx answers and socket errors; both must be 0), and how long the publish took;
#   2. a plan run interrupted by kill -9 of the serving process: the seconds until a restarted process has taken the
#      job up again and completed the plan (the heartbeat must first go stale: GridGeo:Plans:StaleAfterSeconds);
#   3. edits over HTTP, one after another: BENCH_EDITS lock+unlock pairs of one grid and BENCH_EDITS building moves
#      there and back between two neighbouring grids (If-Match: *), each timed by curl: median, mean and p90 ms;
#   4. reads of buildings (GET /api/buildings?bbox=) with wrk while the district is re-imported with
#      BENCH_IMPORT_HOUSEHOLDS households (0 skips it): latency percentiles and maximum, errors, the import's wall time.
# Settings (environment): GRIDGEO_PG_PORT (private PostGIS port), BENCH_HOUSEHOLDS (20000), BENCH_WRK_SECONDS (20),
# BENCH_WRK_CONNECTIONS (16), BENCH_PORT (5094), BENCH_STALE_SECONDS (6), BENCH_EDITS (40; 0 skips them),
# BENCH_IMPORT_HOUSEHOLDS (300000).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
HOUSEHOLDS=${BENCH_HOUSEHOLDS:-20000}
WRK_SECONDS=${BENCH_WRK_SECONDS:-20}
WRK_CONNECTIONS=${BENCH_WRK_CONNECTIONS:-16}
PORT=${BENCH_PORT:-5094}
STALE=${BENCH_STALE_SECONDS:-6}
IMPORT_HOUSEHOLDS=${BENCH_IMPORT_HOUSEHOLDS:-300000}
EDITS=${BENCH_EDITS:-40}
OUT="$ROOT/.run/bench-writes"
mkdir -p "$OUT"
log() { echo "[bench-writes] $*" >&2; }
. "$ROOT/scripts/lib/bench-server.sh"

bench_ensure_wrk

"$ROOT/scripts/pg.sh" up
ADMIN_DB=$("$ROOT/scripts/pg.sh" url)
DB=gridgeo_bench_writes
export GRIDGEO_DB="${ADMIN_DB%Database=*}Database=$DB"
"$ROOT/scripts/pg.sh" psql -c "drop database if exists $DB with (force)" -c "create database $DB" >/dev/null
sql() { GRIDGEO_PG_DB=$DB "$ROOT/scripts/pg.sh" psql -tAc "$1"; }

"$ROOT/scripts/gridgeo" db migrate >&2
[ -f "$OUT/district-$HOUSEHOLDS/communities.geojson" ] || "$ROOT/scripts/gridgeo" generate --households "$HOUSEHOLDS" --seed 5 --out "$OUT/district-$HOUSEHOLDS" >&2
"$ROOT/scripts/gridgeo" import --data "$OUT/district-$HOUSEHOLDS" >&2
KEY=$("$ROOT/scripts/gridgeo" keys create --name "bench-writes-$$" --role admin 2>/dev/null)

start_server() {
  GridGeo__Plans__HeartbeatSeconds=1 GridGeo__Plans__StaleAfterSeconds="$STALE" GridGeo__Plans__PollSeconds=0.5 \
    GridGeo__RateLimits__PlanRunsPerMinute=0 bench_server_start "$PORT" "$OUT/serve.log"
}
api() { curl -s -H "X-Api-Key: $KEY" -H 'Content-Type: application/json' "$@"; }
start_plan() { api -X POST "http://127.0.0.1:$PORT/api/plans" -d "$1" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2; }
wait_complete() {
  for _ in $(seq 1 1200); do
    case "$(sql "select case when completed_at is not null then 'done' when error is not null then 'failed' else 'running' end from plans where id = $1")" in
      done) return 0 ;;
      failed) log "plan $1 failed: $(sql "select error from plans where id = $1")"; exit 1 ;;
    esac
    sleep 0.25
  done
  log "plan $1 did not finish"; exit 1
}

start_server
first=$(start_plan '{"all":true,"seed":1}')
wait_complete "$first"
api -X POST "http://127.0.0.1:$PORT/api/plans/$first/publish" -o /dev/null
second=$(start_plan '{"all":true,"seed":2}')
wait_complete "$second"

sql "select st_x(location) || ' ' || st_y(location) from buildings order by id" > "$OUT/points.txt"
{
  echo "local points = {}"
  echo "for line in io.lines(\"$OUT/points.txt\") do local x, y = line:match(\"(%S+) (%S+)\"); points[#points + 1] = { x, y } end"
  echo "math.randomseed(42)"
  echo "request = function() local p = points[math.random(#points)]; return wrk.format(\"GET\", \"/api/locate?lon=\" .. p[1] .. \"&lat=\" .. p[2]) end"
} > "$OUT/locate.lua"
wrk -t1 -c"$WRK_CONNECTIONS" -d3s -s "$OUT/locate.lua" "http://127.0.0.1:$PORT" >/dev/null # warm-up

echo "## GridGeo writes benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $HOUSEHOLDS households ($(sql 'select count(*) from grids where plan_id = '"$second") grids in the published plan)"
echo
echo "### 1. wrk on GET /api/locate (1 thread, $WRK_CONNECTIONS connections, ${WRK_SECONDS}s) while plan $second is published (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
wrk -t1 -c"$WRK_CONNECTIONS" -d"${WRK_SECONDS}s" --latency -s "$OUT/locate.lua" "http://127.0.0.1:$PORT" >"$OUT/wrk.txt" &
wrk_pid=$!
sleep $((WRK_SECONDS / 3))
publish=$(api -X POST "http://127.0.0.1:$PORT/api/plans/$second/publish" -o "$OUT/publish.json" -w '%{http_code} %{time_total}')
wait "$wrk_pid"
grep -E "Requests/sec|Latency |50%|99%|requests in|Non-2xx|Socket errors" "$OUT/wrk.txt" | sed 's/^/   /'
non2xx=$(awk '/Non-2xx/ { print $NF }' "$OUT/wrk.txt"); non2xx=${non2xx:-0}
sockets=$(awk -F'[ ,]+' '/Socket errors/ { print $4 + $6 + $8 + $10 }' "$OUT/wrk.txt"); sockets=${sockets:-0}
echo "- publish: HTTP ${publish% *} in ${publish#* } s; the locator now answers from plan $(sql "select distinct plan_id from grids where valid_to is null and plan_id = $second")"
echo "- errors during the run: $non2xx non-2xx answers, $sockets socket errors (load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
echo

echo "### 2. kill -9 of the serving process during a plan run, then a restart (heartbeat 1 s, stale after ${STALE} s)"
third=$(start_plan '{"all":true,"seed":3}')
for _ in $(seq 1 400); do [ "$(sql "select state from plan_jobs where plan_id = $third")" = running ] && break; sleep 0.05; done
sleep 1
progress=$(sql "select round(progress::numeric * 100) from plans where id = $third")
kill -9 "$BENCH_SERVER_PID"; wait "$BENCH_SERVER_PID" 2>/dev/null || true; BENCH_SERVER_PID=""
killed=$(date +%s.%N)
echo "- killed at ${progress}% with job state $(sql "select state from plan_jobs where plan_id = $third")"
start_server
up=$(date +%s.%N)
wait_complete "$third"
done_at=$(date +%s.%N)
echo "- restarted process answering after $(awk "BEGIN{printf \"%.1f\", $up - $killed}") s; plan $third completed $(awk "BEGIN{printf \"%.1f\", $done_at - $killed}") s after the kill (attempt $(sql "select attempts from plan_jobs where plan_id = $third"), job $(sql "select state from plan_jobs where plan_id = $third"); load average $(cut -d' ' -f1-3 /proc/loadavg))"
echo "- a run on its own takes $(sql "select (summary->>'Seconds') from plans where id = $second") s (plan $second)"
echo

if [ "$EDITS" -gt 0 ]; then
  # Times one edit: prints "<status> <ms>".
  edit() { api -X POST -H 'If-Match: *' "http://127.0.0.1:$PORT/api/grids/$1" ${2:+-d "$2"} -o "$OUT/edit.json" -w '%{http_code} %{time_total}\n' | awk '{ printf "%s %.2f\n", $1, $2 * 1000 }'; }
  # "<label>: median, mean, p90" of the ms column of a file of "<status> <ms>" lines; every status must be 200.
  figures() {
    sort -k2 -n "$2" | awk -v label="$1" '{ ms[NR] = $2; sum += $2; if ($1 != 200) bad++ }
      END { printf "- %s: %d edits, median %.1f ms, mean %.1f ms, p90 %.1f ms, %d not 200\n", label, NR, ms[int((NR + 1) / 2)], sum / NR, ms[int(NR * 0.9 + 0.5)], bad }'
  }
  echo "### 3. edits over HTTP, one at a time (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
  grid=$(sql "select code from grids where plan_id = $second and valid_to is null and kind = 'basic' order by code limit 1")
  : >"$OUT/edits-lock.txt"
  edit "$grid/lock" >/dev/null; edit "$grid/unlock" >/dev/null # warm-up
  for _ in $(seq 1 "$EDITS"); do edit "$grid/lock" >>"$OUT/edits-lock.txt"; edit "$grid/unlock" >>"$OUT/edits-lock.txt"; done
  figures "lock/unlock of grid $grid" "$OUT/edits-lock.txt"
  # A member building near a neighbouring basic grid of its community, which moves there and back (the first that does).
  pair=""
  while read -r from building to; do
    [ -n "$from" ] || continue
    if [ "$(edit "$from/moves" "{\"buildings\":[\"$building\"],\"to\":\"$to\"}" | cut -d' ' -f1)" = 200 ]; then
      if [ "$(edit "$to/moves" "{\"buildings\":[\"$building\"],\"to\":\"$from\"}" | cut -d' ' -f1)" = 200 ]; then pair="$from $building $to"; break; fi
    fi
  done < <(sql "select g.code || ' ' || b.id || ' ' || n.code from grids g join buildings b on b.id = any (g.buildings)
                 join grids n on n.plan_id = g.plan_id and n.community_code = g.community_code and n.code <> g.code and n.kind = 'basic'
                   and n.valid_to is null and st_dwithin(b.location, n.boundary, 0.0003)
               where g.plan_id = $second and g.valid_to is null and g.kind = 'basic' and cardinality(g.buildings) > 3
               order by g.code, b.id limit 40")
  if [ -n "$pair" ]; then
    read -r from building to <<<"$pair"
    : >"$OUT/edits-move.txt"
    for _ in $(seq 1 "$EDITS"); do
      edit "$from/moves" "{\"buildings\":[\"$building\"],\"to\":\"$to\"}" >>"$OUT/edits-move.txt"
      edit "$to/moves" "{\"buildings\":[\"$building\"],\"to\":\"$from\"}" >>"$OUT/edits-move.txt"
    done
    figures "building $building moved $from → $to and back" "$OUT/edits-move.txt"
  else
    echo "- no building of plan $second moved to a neighbour and back: no move figures"
  fi
  echo "- (load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
  echo
fi

if [ "$IMPORT_HOUSEHOLDS" -gt 0 ]; then
  [ -f "$OUT/district-$IMPORT_HOUSEHOLDS/communities.geojson" ] || "$ROOT/scripts/gridgeo" generate --households "$IMPORT_HOUSEHOLDS" --seed 6 --out "$OUT/district-$IMPORT_HOUSEHOLDS" >&2
  read -r bx by < <(sql "select st_x(location) || ' ' || st_y(location) from buildings order by id limit 1")
  box=$(awk "BEGIN{printf \"%.6f,%.6f,%.6f,%.6f\", $bx-0.003, $by-0.003, $bx+0.003, $by+0.003}")
  echo "### 4. wrk on GET /api/buildings?bbox=$box (1 thread, 4 connections) while the district is re-imported with $IMPORT_HOUSEHOLDS households (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
  wrk -t1 -c4 -d2s "http://127.0.0.1:$PORT/api/buildings?bbox=$box" >/dev/null # warm-up
  start=$(date +%s.%N)
  "$ROOT/scripts/gridgeo" import --data "$OUT/district-$IMPORT_HOUSEHOLDS" >"$OUT/import.log" 2>&1 &
  import_pid=$!
  # wrk in 10 s rounds until the import has committed, so that the whole import (and its commit) is under load.
  : >"$OUT/wrk-import.txt"
  rounds=0
  while kill -0 "$import_pid" 2>/dev/null; do
    wrk -t1 -c4 -d10s --latency --timeout 30s "http://127.0.0.1:$PORT/api/buildings?bbox=$box" >>"$OUT/wrk-import.txt"
    rounds=$((rounds + 1))
  done
  wait "$import_pid"
  import_s=$(awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $start}")
  awk -v rounds="$rounds" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^    Latency/ { m = ms($4); if (m > max) max = m }
    /^     99%/ { m = ms($2); if (m > p99) p99 = m }
    / requests in / { n += $1 }
    /Non-2xx/ { bad += $NF }
    /Socket errors/ { gsub(",", ""); sock += $4 + $6 + $8 + $10 }
    END { printf "   %d requests in %d rounds of 10 s; worst round: 99%% %.1f ms, max %.1f ms; %d non-2xx, %d socket errors\n", n, rounds, p99, max, bad, sock }
  ' "$OUT/wrk-import.txt"
  echo "- the import took $import_s s, all of it under wrk ($(sql 'select count(*) from households') households now stored; load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
fi
[ "$non2xx" = 0 ] && [ "$sockets" = 0 ]
