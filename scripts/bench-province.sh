#!/usr/bin/env bash
# A province on one machine: a generated district of HOUSEHOLDS households (10,000,000 by default, about 25,000
# grids) taken through every step, each with wall time, CPU seconds and peak memory:
#   generate → import → partition + liaison units (gridgeo plan --all --publish) → the API's start (grid locator and
#   door-plate index) → point lookups (wrk) → door-plate lookups (wrk) → GeoJSON export of every grid → the viewer's
#   data load (GET /api/grids for the whole area, what the map fetches; the browser side is scripts/bench-viewer.sh).
# Not part of the tests. The generator makes one county per bundle (its communities and streets); a larger
# province is the same steps with more households.
#   scripts/bench-province.sh [HOUSEHOLDS]    env: GRIDGEO_PG_PORT, BENCH_PORT (5094), BENCH_WRK_SECONDS (10)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
HOUSEHOLDS=${1:-10000000}
PORT=${BENCH_PORT:-5094}
WRK_SECONDS=${BENCH_WRK_SECONDS:-10}
NAME=province_$((HOUSEHOLDS / 1000))k
DATA=$ROOT/data/bench/$NAME
OUT=$ROOT/.run/bench-province-$NAME
mkdir -p "$OUT"
log() { echo "[bench-province] $*" >&2; }
sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
for pkg in wrk time; do
  command -v "$([ $pkg = time ] && echo /usr/bin/time || echo $pkg)" >/dev/null || { $sudo_cmd apt-get update -qq; DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq $pkg >/dev/null; }
done
"$ROOT/scripts/gridgeo" --help >/dev/null
dotnet build "$ROOT/bench/GridGeo.Bench.Locate/GridGeo.Bench.Locate.csproj" -c Release -o "$OUT/bench" -v q -nologo -clp:ErrorsOnly >&2
"$ROOT/scripts/pg.sh" up >&2
ADMIN_DB=$("$ROOT/scripts/pg.sh" url)
export GRIDGEO_DB="${ADMIN_DB%Database=*}Database=gridgeo_$NAME"
PGPID=$(head -1 "${GRIDGEO_PG_DATA:-$ROOT/.pgdata}/postmaster.pid")
TICKS=$(getconf CLK_TCK)
pg_cpu() { awk -v t="$TICKS" '{ printf "%.1f", ($14 + $15 + $16 + $17) / t }' "/proc/$PGPID/stat"; }

echo "## GridGeo province benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $HOUSEHOLDS households wanted"
echo
echo "| step | wall s | CPU s (process) | CPU s (PostgreSQL) | peak RSS MiB | figures | load average before |"
echo "|---|---:|---:|---:|---:|---|---|"
# step LABEL CMD...: runs CMD under GNU time; prints a row.
step() {
  local label=$1; shift
  local load pg0 pg1; load=$(cut -d' ' -f1-3 /proc/loadavg); pg0=$(pg_cpu)
  /usr/bin/time -f "%e %U %S %M" -o "$OUT/step.time" "$@" >"$OUT/step.out" 2>"$OUT/step.err" || { log "$label failed:"; tail -20 "$OUT/step.err" >&2; exit 1; }
  pg1=$(pg_cpu)
  read -r wall user sys rss < "$OUT/step.time"
  echo "| $label | $wall | $(awk "BEGIN{print $user+$sys}") | $(awk "BEGIN{print $pg1-$pg0}") | $((rss / 1024)) | $(tail -1 "$OUT/step.out" | tr '|' '/' | cut -c1-120) | $load |"
}

if [ ! -f "$DATA/buildings.geojson" ]; then
  step "generate" "$ROOT/scripts/gridgeo" generate --households "$HOUSEHOLDS" --out "$DATA" --seed 1
fi
GRIDGEO_PG_DB=postgres "$ROOT/scripts/pg.sh" psql -c "drop database if exists gridgeo_$NAME with (force)" -c "create database gridgeo_$NAME" >/dev/null 2>&1
"$ROOT/scripts/gridgeo" db migrate >/dev/null
step "import" "$ROOT/scripts/gridgeo" import --data "$DATA"
step "partition + liaison units (plan --all --publish)" "$ROOT/scripts/gridgeo" plan --all --publish
psql_db() { GRIDGEO_PG_DB=gridgeo_$NAME "$ROOT/scripts/pg.sh" psql -tAc "$1"; }
echo "| (stored) | | | | | $(psql_db "select count(*) from households") households, $(psql_db "select count(*) from grids g join plans p on p.id = g.plan_id and p.status = 'published' where g.valid_to is null") grids, $(psql_db "select count(*) from liaison_units l join plans p on p.id = l.plan_id and p.status = 'published'") liaison units, $(psql_db "select count(*) from communities") communities, $(psql_db "select count(*) from streets") streets | |"

KEY=$("$ROOT/scripts/gridgeo" keys create --role reader --name "province-$(date +%s%N)" | grep -o 'gg_[A-Za-z0-9_-]*' | head -1)
"$OUT/bench/GridGeo.Bench.Locate" queries --db "$GRIDGEO_DB" --count 20000 --exact "$OUT/exact.txt" --fuzzy "$OUT/fuzzy.txt" >/dev/null 2>&1 \
  || dotnet "$OUT/bench/GridGeo.Bench.Locate.dll" queries --db "$GRIDGEO_DB" --count 20000 --exact "$OUT/exact.txt" --fuzzy "$OUT/fuzzy.txt" >/dev/null
read -r minx miny maxx maxy < <(psql_db "select st_xmin(e) || ' ' || st_ymin(e) || ' ' || st_xmax(e) || ' ' || st_ymax(e) from (select st_extent(location) e from buildings) x")

server=""
stop_server() { if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill "$server"; wait "$server" 2>/dev/null || true; fi; }
trap stop_server EXIT
start_load=$(cut -d' ' -f1-3 /proc/loadavg)
t0=$(date +%s.%N)
"$ROOT/scripts/gridgeo" serve --urls "http://127.0.0.1:$PORT" >"$OUT/serve.log" 2>&1 &
server=$!
first=$(head -1 "$OUT/exact.txt")
until curl -fs -H "X-Api-Key: $KEY" "http://127.0.0.1:$PORT/api/locate/address?q=$first" 2>/dev/null | grep -q '"grid":{'; do
  kill -0 "$server" 2>/dev/null || { log "the server stopped; see $OUT/serve.log"; exit 1; }
  sleep 0.5
done
t1=$(date +%s.%N)
spid=$(ss -ltnpH "sport = :$PORT" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
scpu() { awk -v t="$TICKS" '{ printf "%.1f", ($14 + $15) / t }' "/proc/$spid/stat"; }
shwm() { awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$spid/status"; }
echo "| API start: grid locator + door-plate index ready | $(awk "BEGIN{printf \"%.1f\", $t1-$t0}") | $(scpu) | | $(shwm) | $(grep -oE '(grid locator|door-plate index) built.*' "$OUT/serve.log" | tr '\n' ';' | cut -c1-160) | $start_load |"

cat >"$OUT/point.lua" <<LUA
math.randomseed(42)
request = function()
  return wrk.format("GET", string.format("/api/locate?lon=%.7f&lat=%.7f", $minx + ($maxx - $minx) * math.random(), $miny + ($maxy - $miny) * math.random()))
end
LUA
cat >"$OUT/address.lua" <<'LUA'
local queries = {}
for line in io.lines(os.getenv("BENCH_QUERIES")) do queries[#queries + 1] = line end
wrk.headers["X-Api-Key"] = os.getenv("BENCH_KEY")
local i = 0
request = function() i = i % #queries + 1; return wrk.format("GET", "/api/locate/address?q=" .. queries[i]) end
LUA
web() {
  local label=$1 script=$2 queries=$3 load c0 c1
  load=$(cut -d' ' -f1-3 /proc/loadavg); c0=$(scpu)
  BENCH_QUERIES="$queries" BENCH_KEY="$KEY" wrk -t1 -c16 -d"${WRK_SECONDS}s" --latency -s "$OUT/$script.lua" "http://127.0.0.1:$PORT" >"$OUT/wrk.txt"
  c1=$(scpu)
  echo "| $label | $WRK_SECONDS | $(awk "BEGIN{print $c1-$c0}") | | $(shwm) | $(awk '/Requests\/sec/ {print $2}' "$OUT/wrk.txt") req/s, p99 $(awk '$1 == "99%" {print $2}' "$OUT/wrk.txt") | $load |"
}
BENCH_QUERIES="$OUT/exact.txt" BENCH_KEY="$KEY" wrk -t1 -c16 -d3s -s "$OUT/address.lua" "http://127.0.0.1:$PORT" >/dev/null
web "point lookups (wrk -t1 -c16)" point ""
web "door-plate lookups, exact (wrk -t1 -c16)" address "$OUT/exact.txt"
web "door-plate lookups, one wrong character (wrk -t1 -c16)" address "$OUT/fuzzy.txt"
fetch() {
  local label=$1 url=$2 load c0 c1 t
  load=$(cut -d' ' -f1-3 /proc/loadavg); c0=$(scpu)
  t=$(curl -fs -o "$OUT/fetch.out" -w '%{time_total} %{size_download}' "http://127.0.0.1:$PORT$url")
  c1=$(scpu)
  echo "| $label | ${t% *} | $(awk "BEGIN{print $c1-$c0}") (server) | | $(shwm) | $(awk "BEGIN{printf \"%.1f MB\", ${t#* }/1e6}") | $load |"
}
fetch "GeoJSON export of every grid (GET /api/export/grids.geojson)" /api/export/grids.geojson
fetch "viewer load (GET /api/grids, the whole area)" "/api/grids?bbox=$minx,$miny,$maxx,$maxy"
echo
echo "CPU s (process) of the server rows: the API process's CPU during the step; peak RSS: the API process's high-water mark so far."
