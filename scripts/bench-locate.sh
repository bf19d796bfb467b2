#!/usr/bin/env bash
# "Which grid" benchmark, side by side in one run, on synthetic plans of ~250 and ~20,000 grids
# (jittered Voronoi meshes, ~55 vertices per grid; generated into data/bench/, git-ignored):
#   1. in-process GridLocator lookups/s (1 core, all cores) vs NTS STRtree+IndexedPointInAreaLocator vs
#      PostGIS ST_Intersects with a GiST index (one query per point, and one set-based join);
#   2. the CLI `locate` on 100k and 1M points (wall, CPU seconds, max RSS);
#   3. GET /api/locate with wrk on 127.0.0.1 (req/s, latency percentiles, server CPU per request) against `gridgeo serve`,
#      and the same for the static GET /ogc/conformance as the pipeline's own floor;
#   4. POST /api/locate with 1M points: 10 requests of 100,000 (the default cap), then 1 request of 1M
#      (cap raised by configuration for this run only).
# Settings (environment): GRIDGEO_PG_PORT (private PostGIS port), BENCH_POINTS (1000000),
# BENCH_WRK_SECONDS (15), BENCH_WRK_CONNECTIONS (32), BENCH_PORT (5091), BENCH_PLANS ("250 20000").
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
POINTS=${BENCH_POINTS:-1000000}
WRK_SECONDS=${BENCH_WRK_SECONDS:-15}
WRK_CONNECTIONS=${BENCH_WRK_CONNECTIONS:-32}
PORT=${BENCH_PORT:-5091}
PLANS=${BENCH_PLANS:-"250 20000"}
DATA="$ROOT/data/bench"
OUT="$ROOT/.run/bench-locate"
mkdir -p "$DATA" "$OUT"

log() { echo "[bench-locate] $*" >&2; }

if ! command -v wrk >/dev/null; then
  log "installing wrk (Debian package)"
  sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq wrk >/dev/null
fi

log "building the bench console and the CLI (Release)"
dotnet build "$ROOT/bench/GridGeo.Bench.Locate/GridGeo.Bench.Locate.csproj" -c Release -o "$OUT" -v q -nologo -clp:ErrorsOnly >&2
BENCH() { dotnet "$OUT/GridGeo.Bench.Locate.dll" "$@"; }
"$ROOT/scripts/gridgeo" --help >/dev/null

"$ROOT/scripts/pg.sh" up
ADMIN_DB=$("$ROOT/scripts/pg.sh" url)
db_url() { echo "${ADMIN_DB%Database=*}Database=$1"; }

plan_files=""
for n in $PLANS; do
  f="$DATA/plan-$n.geojson"
  [ -f "$f" ] || BENCH gen --grids "$n" --seed 1 --out "$f" >&2
  [ -f "$DATA/points-$n.csv" ] || BENCH points --plan "$f" --count "$POINTS" --seed 3 --out "$DATA/points-$n.csv" >&2
  plan_files="$plan_files${plan_files:+,}$f"
done

echo "## GridGeo locate benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "### 1. In-process lookups vs PostGIS (same grids, same random points)"
BENCH compare --plans "$plan_files" --db "$ADMIN_DB" --points "$POINTS"
echo

echo "### 2. CLI: scripts/gridgeo locate (wall time includes reading the plan GeoJSON and building the index; max RSS by /usr/bin/time)"
echo "The .NET GC grows its heap lazily, so RSS alone rises with the points; the rows with a 16 MiB managed-heap hard limit"
echo "(DOTNET_GCHeapHardLimit; small plans only) show the points are streamed: the same RSS for 100k and 1M points."
"$ROOT/scripts/gridgeo" --help >/dev/null # (re)build now, never inside a timed run
echo "| grids | points | managed heap limit | wall s | user s | sys s | max RSS MiB | CLI summary |"
echo "|---:|---:|---|---:|---:|---:|---:|---|"
for n in $PLANS; do
  head -n 100001 "$DATA/points-$n.csv" > "$OUT/points-$n-100k.csv"
  # The limited run only for small plans: a 20,000-grid plan's own index needs far more than 16 MiB.
  heaps="none"; [ "$n" -gt 1000 ] || heaps="none 0x1000000"
  for heap in $heaps; do
    for points in "$OUT/points-$n-100k.csv" "$DATA/points-$n.csv"; do
      count=$(( $(wc -l < "$points") - 1 ))
      env_heap=(); [ "$heap" = none ] || env_heap=(DOTNET_GCHeapHardLimit=$heap)
      summary=$(/usr/bin/time -f "%e %U %S %M" -o "$OUT/time-cli.txt" env "${env_heap[@]}" "$ROOT/scripts/gridgeo" locate --grids "$DATA/plan-$n.geojson" --points "$points" --out "$OUT/located-$n.csv")
      read -r wall user sys rss < "$OUT/time-cli.txt"
      echo "| $n | $count | $([ "$heap" = none ] && echo none || echo "$((heap / 1048576)) MiB") | $wall | $user | $sys | $((rss / 1024)) | $summary |"
    done
  done
done
echo

server_pid=""
# CPU seconds (user + system) the server process has used so far: the load-independent cost of a phase.
server_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$server_pid/stat"; }
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; fi
  server_pid=""
}
trap stop_server EXIT

echo "### 3–4. HTTP on 127.0.0.1:$PORT (gridgeo serve, Release; wrk: 1 thread, $WRK_CONNECTIONS connections, ${WRK_SECONDS}s; random points inside the plan)"
for n in $PLANS; do
  db="gridgeo_bench_locate_$n"
  "$ROOT/scripts/pg.sh" psql -c "drop database if exists $db with (force)" -c "create database $db" >/dev/null
  BENCH publish --plan "$DATA/plan-$n.geojson" --db "$(db_url "$db")" >&2
  GRIDGEO_DB="$(db_url "$db")" GridGeo__Locate__MaxBatchPoints=1000000 GridGeo__MaxRequestBodyBytes=200000000 \
    "$ROOT/scripts/gridgeo" serve --urls "http://127.0.0.1:$PORT" >"$OUT/serve-$n.log" 2>&1 &
  server_pid=$!
  read -r minx miny width height < <(BENCH envelope --plan "$DATA/plan-$n.geojson")
  probe="http://127.0.0.1:$PORT/api/locate?lon=$(awk "BEGIN{printf \"%.7f\", $minx+$width/2}")&lat=$(awk "BEGIN{printf \"%.7f\", $miny+$height/2}")"
  for _ in $(seq 1 240); do
    if curl -fs "$probe" >/dev/null 2>&1; then break; fi
    sleep 0.5
  done
  curl -fs "$probe" >/dev/null || { log "the server did not answer; see $OUT/serve-$n.log"; exit 1; }
  cat >"$OUT/locate.lua" <<LUA
math.randomseed(42)
request = function()
  local lon = $minx + $width * (0.01 + 0.98 * math.random())
  local lat = $miny + $height * (0.01 + 0.98 * math.random())
  return wrk.format("GET", string.format("/api/locate?lon=%.7f&lat=%.7f", lon, lat))
end
LUA
  echo "- $n grids, GET /api/locate (load average before: $(cut -d' ' -f1-3 /proc/loadavg)):"
  # Warm-up of both endpoints, long enough for tiered JIT to finish even on a busy machine.
  wrk -t1 -c"$WRK_CONNECTIONS" -d5s -s "$OUT/locate.lua" "http://127.0.0.1:$PORT" >/dev/null
  wrk -t1 -c"$WRK_CONNECTIONS" -d2s "http://127.0.0.1:$PORT/ogc/conformance" >/dev/null
  wrk -t1 -c"$WRK_CONNECTIONS" -d2s -s "$OUT/locate.lua" "http://127.0.0.1:$PORT" >/dev/null
  cpu0=$(server_cpu)
  wrk -t1 -c"$WRK_CONNECTIONS" -d"${WRK_SECONDS}s" --latency -s "$OUT/locate.lua" "http://127.0.0.1:$PORT" >"$OUT/wrk-$n.txt"
  cpu1=$(server_cpu)
  grep -E "Requests/sec|Latency |50%|90%|99%|Non-2xx|requests in" "$OUT/wrk-$n.txt" | sed 's/^/   /'
  requests=$(awk '/requests in/ { print $1 }' "$OUT/wrk-$n.txt")
  locate_cpu=$(awk "BEGIN{printf \"%.4f\", $cpu1-$cpu0}")
  echo "   server CPU $(awk "BEGIN{printf \"%.2f\", $cpu1-$cpu0}") s for $requests requests = $(awk "BEGIN{printf \"%.0f\", $requests/($cpu1-$cpu0)}") requests per server CPU-second"
  # The same pipeline without the lookup: a static JSON document. If its CPU per request and p99 are about those of
  # /api/locate, the lookup costs nothing measurable and the latency tail is the machine's, not the locator's.
  echo "- $n grids, baseline GET /ogc/conformance (static JSON through the same middleware; load average before: $(cut -d' ' -f1-3 /proc/loadavg)):"
  cpu0=$(server_cpu)
  wrk -t1 -c"$WRK_CONNECTIONS" -d"${WRK_SECONDS}s" --latency "http://127.0.0.1:$PORT/ogc/conformance" >"$OUT/wrk-base-$n.txt"
  cpu1=$(server_cpu)
  grep -E "Requests/sec|99%|Non-2xx" "$OUT/wrk-base-$n.txt" | sed 's/^/   /'
  base_requests=$(awk '/requests in/ { print $1 }' "$OUT/wrk-base-$n.txt")
  echo "   server CPU per request: /ogc/conformance $(awk "BEGIN{printf \"%.1f\", ($cpu1-$cpu0)/$base_requests*1e6}") µs vs /api/locate $(awk "BEGIN{printf \"%.1f\", $locate_cpu/$requests*1e6}") µs"
  echo "- $n grids, POST /api/locate (load average before: $(cut -d' ' -f1-3 /proc/loadavg)):"
  for batch in 100000 "$POINTS"; do
    cpu0=$(server_cpu)
    line=$(BENCH post --url "http://127.0.0.1:$PORT" --points "$DATA/points-$n.csv" --batch "$batch")
    cpu1=$(server_cpu)
    echo "   $line; server CPU $(awk "BEGIN{printf \"%.2f\", $cpu1-$cpu0}") s"
  done
  stop_server
done
