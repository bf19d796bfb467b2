#!/usr/bin/env bash
# Point and door-plate lookup side by side with an empty endpoint, in one run of one server, on a generated
# district (1,000,000 households by default) imported into the private PostGIS with a plan of one grid per community:
#   GET /api/locate/empty (the floor: same route group and middleware, no work), GET /api/locate (random points in
#   the district) without and with a valid API key, GET /api/locate/address with exact door plates and with one
#   wrong character in the road name, each with and without the key. wrk: 1 thread, BENCH_WRK_CONNECTIONS (16)
#   connections, BENCH_WRK_SECONDS (10) s each, in the order empty, empty with the point run's query strings (the same
#   client-side script as the point runs: what wrk's per-request Lua costs on a shared machine), point, point+key,
#   exact, exact+key, fuzzy, empty.
#   scripts/bench-lookup.sh [HOUSEHOLDS]      env: GRIDGEO_PG_PORT, BENCH_PORT (5093), BENCH_REIMPORT=1
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
HOUSEHOLDS=${1:-1000000}
WRK_SECONDS=${BENCH_WRK_SECONDS:-10}
WRK_CONNECTIONS=${BENCH_WRK_CONNECTIONS:-16}
PORT=${BENCH_PORT:-5093}
DATA=$ROOT/data/bench/$((HOUSEHOLDS / 1000))k
[ "$HOUSEHOLDS" = 1000000 ] && DATA=$ROOT/data/bench/1m
OUT=$ROOT/.run/bench-lookup
mkdir -p "$OUT"
log() { echo "[bench-lookup] $*" >&2; }

. "$ROOT/scripts/lib/lookup-wrk.sh"
lookup_ensure_wrk
dotnet build "$ROOT/bench/GridGeo.Bench.Locate/GridGeo.Bench.Locate.csproj" -c Release -o "$OUT/bench" -v q -nologo -clp:ErrorsOnly >&2
BENCH() { dotnet "$OUT/bench/GridGeo.Bench.Locate.dll" "$@"; }
"$ROOT/scripts/gridgeo" --help >/dev/null
"$ROOT/scripts/pg.sh" up >&2
ADMIN_DB=$("$ROOT/scripts/pg.sh" url)
DB="${ADMIN_DB%Database=*}Database=gridgeo_bench_lookup"

[ -f "$DATA/buildings.geojson" ] || { log "generating $HOUSEHOLDS households into $DATA"; "$ROOT/scripts/gridgeo" generate --households "$HOUSEHOLDS" --out "$DATA" --seed 1 >&2; }
have=$(GRIDGEO_PG_DB=gridgeo_bench_lookup "$ROOT/scripts/pg.sh" psql -tAc "select count(*) from households" 2>/dev/null || echo 0)
if [ "${BENCH_REIMPORT:-0}" = 1 ] || [ "$have" -lt $((HOUSEHOLDS * 9 / 10)) ]; then
  log "importing $DATA"
  GRIDGEO_PG_DB=postgres "$ROOT/scripts/pg.sh" psql -c "drop database if exists gridgeo_bench_lookup with (force)" -c "create database gridgeo_bench_lookup" >/dev/null
  GRIDGEO_DB="$DB" "$ROOT/scripts/gridgeo" db migrate >/dev/null
  GRIDGEO_DB="$DB" "$ROOT/scripts/gridgeo" import --data "$DATA" >&2
  BENCH community-plan --db "$DB" >&2
else
  GRIDGEO_DB="$DB" "$ROOT/scripts/gridgeo" db migrate >/dev/null
fi
BENCH queries --db "$DB" --count 20000 --exact "$OUT/exact.txt" --fuzzy "$OUT/fuzzy.txt" >&2
KEY=$(GRIDGEO_DB="$DB" "$ROOT/scripts/gridgeo" keys create --role reader --name "bench-$(date +%s%N)" | grep -o 'gg_[A-Za-z0-9_-]*' | head -1)
read -r minx miny maxx maxy < <(GRIDGEO_PG_DB=gridgeo_bench_lookup "$ROOT/scripts/pg.sh" psql -tAF' ' -c "select st_xmin(e), st_ymin(e), st_xmax(e), st_ymax(e) from (select st_extent(location) e from buildings) x")

server_pid=""
# The server runs under /usr/bin/time, which does not pass a TERM on: stop the listening process itself.
listen_pid=""
stop_server() {
  if [ -n "$listen_pid" ] && kill -0 "$listen_pid" 2>/dev/null; then kill "$listen_pid"; fi
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    [ -n "$listen_pid" ] || kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
}
trap stop_server EXIT
if ss -ltnH "sport = :$PORT" | grep -q .; then log "port $PORT is already in use (a server left running?): choose another with BENCH_PORT"; exit 1; fi
GRIDGEO_DB="$DB" GridGeo__Locate__EmptyEndpoint=true /usr/bin/time -v -o "$OUT/serve.time" \
  "$ROOT/scripts/gridgeo" serve --urls "http://127.0.0.1:$PORT" >"$OUT/serve.log" 2>&1 &
server_pid=$!
lookup_wait "$PORT" "$KEY" "$(head -1 "$OUT/exact.txt")" "$server_pid" "$OUT/serve.log"
# The process that listens on the port (under /usr/bin/time and the gridgeo wrapper).
listen_pid=$(ss -ltnpH "sport = :$PORT" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
rss_kib() { awk '/VmRSS/ { print $2 }' "/proc/$listen_pid/status" 2>/dev/null || echo 0; }

lookup_wrk_scripts "$OUT" "$minx" "$miny" "$maxx" "$maxy"

# Warm-up (tiered JIT), then the measured runs back to back.
for s in point address; do BENCH_QUERIES="$OUT/exact.txt" BENCH_KEY="" wrk -t1 -c"$WRK_CONNECTIONS" -d3s -s "$OUT/$s.lua" "http://127.0.0.1:$PORT" >/dev/null; done
BENCH_QUERIES="$OUT/fuzzy.txt" BENCH_KEY="$KEY" wrk -t1 -c"$WRK_CONNECTIONS" -d3s -s "$OUT/address.lua" "http://127.0.0.1:$PORT" >/dev/null
wrk -t1 -c"$WRK_CONNECTIONS" -d3s "http://127.0.0.1:$PORT/api/locate/empty" >/dev/null

households=$(GRIDGEO_PG_DB=gridgeo_bench_lookup "$ROOT/scripts/pg.sh" psql -tAc "select count(*) from households")
echo "## GridGeo lookup benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $households households, server RSS $(( $(rss_kib) / 1024 )) MiB"
echo "wrk -t1 -c$WRK_CONNECTIONS -d${WRK_SECONDS}s on 127.0.0.1:$PORT, one server process, runs back to back"
echo
echo "| run | req/s | ratio to empty | p50 ms | p99 ms | non-2xx | load average before |"
echo "|---|---:|---:|---:|---:|---:|---|"
empty_rps=""
run() {
  local label=$1 script=$2 queries=$3 key=$4 path=$5 load
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  lookup_wrk "$OUT" "$script" "$queries" "$key" "http://127.0.0.1:$PORT$path" "$WRK_SECONDS" "$WRK_CONNECTIONS"
  local rps=$WRK_RPS p50=$WRK_P50 p99=$WRK_P99 non2xx=$WRK_NON2XX
  [ -n "$empty_rps" ] || empty_rps=$rps
  echo "| $label | $rps | $(awk "BEGIN{printf \"%.2f\", $rps/$empty_rps}") | $p50 | $p99 | $non2xx | $load |"
}
run "GET /api/locate/empty" empty "" "" /api/locate/empty
BENCH_PATH=/api/locate/empty run "GET /api/locate/empty?lon=&lat= (the point runs' requests, made by the same script)" point "" "" ""
run "GET /api/locate (point)" point "" "" ""
run "GET /api/locate (point) + X-Api-Key" point "" "$KEY" ""
run "GET /api/locate/address exact" address "$OUT/exact.txt" "" ""
run "GET /api/locate/address exact + X-Api-Key" address "$OUT/exact.txt" "$KEY" ""
run "GET /api/locate/address one wrong character + X-Api-Key" address "$OUT/fuzzy.txt" "$KEY" ""
run "GET /api/locate/empty (again)" empty "" "" /api/locate/empty
echo
echo "(p50/p99 as wrk prints them: us = µs, ms; non-2xx of the point runs are points outside every grid: 404.)"
grep -E "door-plate index built|grid locator built" "$OUT/serve.log" | head -3 | sed 's/^/    /'
echo
echo "In-process (one thread, no HTTP), load average $(cut -d' ' -f1-3 /proc/loadavg):"
BENCH doorplates --db "$DB" --exact "$OUT/exact.txt" --fuzzy "$OUT/fuzzy.txt" | sed 's/^/    /'
