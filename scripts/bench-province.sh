#!/usr/bin/env bash
# A province on one machine: a generated province of HOUSEHOLDS households (10,000,000 by default, about 25,000 grids)
# in BENCH_COUNTIES counties side by side (default: one per 1,250,000 households, at least 2; `gridgeo generate
# --counties`, one bundle per county), taken through every step, each with wall time, CPU seconds and peak memory:
#   generate → import (one `gridgeo import` per county into one database; each keeps the counties already stored) →
#   partition + liaison units (gridgeo plan --all --publish) → the API's start (grid locator and door-plate index) →
#   point lookups (wrk) → door-plate lookups, exact and one wrong character (wrk) → GeoJSON export of every grid →
#   the viewer's data at first paint (viewer config, every community outline, then the grids of the communities'
#   extent, which is what the map fetches before it draws; the browser side is scripts/bench-viewer.sh).
# Not part of the tests. The generated bundles stay in data/bench/province_<N>k (reused when complete).
#   scripts/bench-province.sh [HOUSEHOLDS]
#   env: GRIDGEO_PG_PORT, BENCH_PORT (5094), BENCH_COUNTIES, BENCH_WRK_SECONDS (10), BENCH_WRK_CONNECTIONS (16),
#        BENCH_REUSE_DB=1 (keep the imported database of an earlier run when it holds the households: no import rows),
#        BENCH_PLAN=community (publish one grid per community instead of partitioning: measures the API's steps when the
#        partition would take longer than the time at hand; its rows say so), BENCH_PLAN=kept (use the published plan)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
HOUSEHOLDS=${1:-10000000}
COUNTIES=${BENCH_COUNTIES:-$(( (HOUSEHOLDS + 1249999) / 1250000 ))}
[ "$COUNTIES" -ge 2 ] || COUNTIES=2
PORT=${BENCH_PORT:-5094}
WRK_SECONDS=${BENCH_WRK_SECONDS:-10}
WRK_CONNECTIONS=${BENCH_WRK_CONNECTIONS:-16}
NAME=province_$((HOUSEHOLDS / 1000))k
DATA=$ROOT/data/bench/${NAME}_${COUNTIES}c
OUT=$ROOT/.run/bench-province-$NAME
mkdir -p "$OUT"
log() { echo "[bench-province] $*" >&2; }
. "$ROOT/scripts/lib/lookup-wrk.sh"
lookup_ensure_wrk
if [ ! -x /usr/bin/time ]; then
  sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq time >/dev/null
fi
"$ROOT/scripts/gridgeo" --help >/dev/null
dotnet build "$ROOT/bench/GridGeo.Bench.Locate/GridGeo.Bench.Locate.csproj" -c Release -o "$OUT/bench" -v q -nologo -clp:ErrorsOnly >&2
"$ROOT/scripts/pg.sh" up >&2
ADMIN_DB=$("$ROOT/scripts/pg.sh" url)
export GRIDGEO_DB="${ADMIN_DB%Database=*}Database=gridgeo_$NAME"
PGPID=$(head -1 "${GRIDGEO_PG_DATA:-$ROOT/.pgdata}/postmaster.pid")
TICKS=$(getconf CLK_TCK)
# PostgreSQL's CPU: the postmaster's own and that of its exited children (a CLI's backend exits with its connection).
pg_cpu() { awk -v t="$TICKS" '{ printf "%.1f", ($14 + $15 + $16 + $17) / t }' "/proc/$PGPID/stat"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

echo "## GridGeo province benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $HOUSEHOLDS households wanted in $COUNTIES counties"
echo
echo "| step | wall s | CPU s (process) | CPU s (PostgreSQL) | peak RSS MiB | figures | load average before |"
echo "|---|---:|---:|---:|---:|---|---|"
# step LABEL FIGURE CMD...: runs CMD under GNU time (peak RSS: the largest process of CMD); prints a row whose figures
# are the last line of CMD's output that matches the regex FIGURE.
step() {
  local label=$1 figure=$2; shift 2
  local load pg0 pg1; load=$(loadavg); pg0=$(pg_cpu)
  /usr/bin/time -f "%e %U %S %M" -o "$OUT/step.time" "$@" >"$OUT/step.out" 2>"$OUT/step.err" || { log "$label failed:"; tail -20 "$OUT/step.err" >&2; exit 1; }
  pg1=$(pg_cpu)
  read -r wall user sys rss < "$OUT/step.time"
  echo "| $label | $wall | $(awk "BEGIN{print $user+$sys}") | $(awk "BEGIN{print $pg1-$pg0}") | $((rss / 1024)) | $(grep -E "$figure" "$OUT/step.out" | tail -1 | tr '|' '/' | cut -c1-200) | $load |"
}

if [ ! -f "$DATA/complete" ]; then
  rm -rf "$DATA"
  step "generate ($COUNTIES counties, one bundle each)" '^province' "$ROOT/scripts/gridgeo" generate --households "$HOUSEHOLDS" --counties "$COUNTIES" --out "$DATA" --seed 1
  date -u >"$DATA/complete"
fi
psql_db() { GRIDGEO_PG_DB=gridgeo_$NAME "$ROOT/scripts/pg.sh" psql -tAc "$1"; }
have=0
[ "${BENCH_REUSE_DB:-0}" = 1 ] && have=$(psql_db "select count(*) from households" 2>/dev/null || echo 0)
if [ "$have" -lt $((HOUSEHOLDS * 98 / 100)) ]; then
  GRIDGEO_PG_DB=postgres "$ROOT/scripts/pg.sh" psql -c "drop database if exists gridgeo_$NAME with (force)" -c "create database gridgeo_$NAME" >/dev/null 2>&1
  "$ROOT/scripts/gridgeo" db migrate >/dev/null
  k=0
  for county in "$DATA"/*/; do
    k=$((k + 1))
    step "import county $(basename "$county") ($k/$COUNTIES)" '^time' "$ROOT/scripts/gridgeo" import --data "$county"
  done
else
  "$ROOT/scripts/gridgeo" db migrate >/dev/null
  echo "| import (kept from an earlier run: BENCH_REUSE_DB=1) | | | | | $have households | |"
fi
if [ "${BENCH_PLAN:-partition}" = kept ]; then
  echo "| plan (kept from an earlier run: BENCH_PLAN=kept) | | | | | | |"
elif [ "${BENCH_PLAN:-partition}" = community ]; then
  step "one grid per community, published (BENCH_PLAN=community: no partition)" '^plan' dotnet "$OUT/bench/GridGeo.Bench.Locate.dll" community-plan --db "$GRIDGEO_DB"
else
  step "partition + liaison units (plan --all --publish)" '^plan .* grids' "$ROOT/scripts/gridgeo" plan --all --publish
fi
published="join plans p on p.id = g.plan_id and p.status = 'published'"
echo "| (stored) | | | | $(psql_db "select pg_database_size(current_database()) / 1048576") (database size) | $(psql_db "select count(*) from households") households, $(psql_db "select count(*) from grids g $published where g.valid_to is null") grids, $(psql_db "select count(*) from liaison_units g $published") liaison units, $(psql_db "select count(*) from communities") communities, $(psql_db "select count(*) from streets") streets, $(psql_db "select count(*) from counties") counties | |"

KEY=$("$ROOT/scripts/gridgeo" keys create --role reader --name "province-$(date +%s%N)" | grep -o 'gg_[A-Za-z0-9_-]*' | head -1)
dotnet "$OUT/bench/GridGeo.Bench.Locate.dll" queries --db "$GRIDGEO_DB" --count 20000 --exact "$OUT/exact.txt" --fuzzy "$OUT/fuzzy.txt" >/dev/null
read -r minx miny maxx maxy < <(psql_db "select st_xmin(e) || ' ' || st_ymin(e) || ' ' || st_xmax(e) || ' ' || st_ymax(e) from (select st_extent(location) e from buildings) x")
lookup_wrk_scripts "$OUT" "$minx" "$miny" "$maxx" "$maxy"

server=""
stop_server() { if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill "$server"; wait "$server" 2>/dev/null || true; fi; }
trap stop_server EXIT
start_load=$(loadavg)
t0=$(date +%s.%N)
"$ROOT/scripts/gridgeo" serve --urls "http://127.0.0.1:$PORT" >"$OUT/serve.log" 2>&1 &
server=$!
lookup_wait "$PORT" "$KEY" "$(head -1 "$OUT/exact.txt")" "$server" "$OUT/serve.log"
t1=$(date +%s.%N)
spid=$(ss -ltnpH "sport = :$PORT" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
scpu() { awk -v t="$TICKS" '{ printf "%.1f", ($14 + $15) / t }' "/proc/$spid/stat"; }
shwm() { awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$spid/status"; }
echo "| API start: grid locator + door-plate index ready | $(awk "BEGIN{printf \"%.1f\", $t1-$t0}") | $(scpu) | | $(shwm) | $(grep -oE '(grid locator|door-plate index) built.*' "$OUT/serve.log" | tr '\n' ';' | cut -c1-240) | $start_load |"

web() {
  local label=$1 script=$2 queries=$3 key=$4 load c0 c1
  load=$(loadavg); c0=$(scpu)
  lookup_wrk "$OUT" "$script" "$queries" "$key" "http://127.0.0.1:$PORT" "$WRK_SECONDS" "$WRK_CONNECTIONS"
  c1=$(scpu)
  echo "| $label | $WRK_SECONDS | $(awk "BEGIN{print $c1-$c0}") (server) | | $(shwm) | $WRK_RPS req/s, p50 $WRK_P50, p99 $WRK_P99, non-2xx $WRK_NON2XX | $load |"
}
# Warm-up (tiered JIT) of both routes, then the measured runs.
for s in point address; do lookup_wrk "$OUT" "$s" "$OUT/exact.txt" "$KEY" "http://127.0.0.1:$PORT" 3 "$WRK_CONNECTIONS"; done
web "point lookups (wrk -t1 -c$WRK_CONNECTIONS, random points in the buildings' extent)" point "" ""
web "door-plate lookups, exact (wrk -t1 -c$WRK_CONNECTIONS, reader key)" address "$OUT/exact.txt" "$KEY"
web "door-plate lookups, one wrong character (wrk -t1 -c$WRK_CONNECTIONS, reader key)" address "$OUT/fuzzy.txt" "$KEY"

# fetch LABEL URL...: GETs each URL in turn (as a page would), with the reader key; one row for all of them.
fetch() {
  local label=$1 load c0 c1 t total=0 bytes=0; shift
  load=$(loadavg); c0=$(scpu)
  for url in "$@"; do
    t=$(curl -fs -H "X-Api-Key: $KEY" -o "$OUT/fetch.out" -w '%{time_total} %{size_download}' "http://127.0.0.1:$PORT$url")
    total=$(awk "BEGIN{print $total + ${t% *}}"); bytes=$(awk "BEGIN{print $bytes + ${t#* }}")
  done
  c1=$(scpu)
  echo "| $label | $(awk "BEGIN{printf \"%.2f\", $total}") | $(awk "BEGIN{print $c1-$c0}") (server) | | $(shwm) | $(awk "BEGIN{printf \"%.1f MB\", $bytes/1e6}") in $# request(s) | $load |"
}
fetch "GeoJSON export of every grid (GET /api/export/grids.geojson)" /api/export/grids.geojson
read -r cminx cminy cmaxx cmaxy < <(psql_db "select st_xmin(e) || ' ' || st_ymin(e) || ' ' || st_xmax(e) || ' ' || st_ymax(e) from (select st_extent(boundary) e from communities) x")
fetch "viewer load at first paint (viewer-config, community outlines, grids of their extent)" \
  /api/viewer-config "/api/admin-areas?level=community" "/api/grids?bbox=$cminx,$cminy,$cmaxx,$cmaxy"
echo
echo "CPU s of the import and plan rows: the CLI process; of PostgreSQL: its backends that ended in the step. Server rows:"
echo "the API process's CPU during the step; peak RSS: the API process's high-water mark so far. Point lookups outside"
echo "every grid (the land between counties) answer 404 and count as non-2xx."
