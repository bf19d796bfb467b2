#!/usr/bin/env bash
# Printing benchmark: time and memory to read and draw a grid's notice board (A4) and a street's wall map (A3) of the
# 100k-household bench district, and the files' sizes. Figures only (goals: a board < 200 ms, a street of ~50 grids
# < 2 s). The district lives in its own database of the private cluster, gridgeo_bench_print, made once: the bundle
# data/bench/100k (generated when missing, seed 1), imported, partitioned and published with the CLI.
# Settings (environment): GRIDGEO_PG_PORT (private PostGIS port), BENCH_PRINT_DB (use another database, e.g. one that
# already holds a published plan), BENCH_BOARD_RUNS (20), BENCH_STREET_RUNS (5), BENCH_DOCS=1 (also write the two
# sample pages under docs/).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
OUT="$ROOT/.run/bench-print"
log() { echo "[bench-print] $*" >&2; }

"$ROOT/scripts/pg.sh" up >&2
"$ROOT/scripts/ensure-fonts.sh"
ADMIN_DB=$("$ROOT/scripts/pg.sh" url)
PORT=${GRIDGEO_PG_PORT:-55432}
BENCH_DB=${BENCH_PRINT_DB:-"${ADMIN_DB%Database=*}Database=gridgeo_bench_print"}

if [ -z "${BENCH_PRINT_DB:-}" ]; then
  if ! psql -h 127.0.0.1 -p "$PORT" -U postgres -Atc "select 1 from pg_database where datname = 'gridgeo_bench_print'" postgres | grep -q 1; then
    psql -h 127.0.0.1 -p "$PORT" -U postgres -qc "create database gridgeo_bench_print" postgres
  fi
  current=$(psql -h 127.0.0.1 -p "$PORT" -U postgres -Atc "select count(*) from grids where valid_to is null" gridgeo_bench_print 2>/dev/null || echo 0)
  if [ "${current:-0}" = 0 ]; then
    [ -f data/bench/100k/communities.geojson ] || { log "generating data/bench/100k"; "$ROOT/scripts/gridgeo" generate --households 100000 --seed 1 --out data/bench/100k >&2; }
    log "importing data/bench/100k and publishing a partition into gridgeo_bench_print (once)"
    GRIDGEO_DB="$BENCH_DB" "$ROOT/scripts/gridgeo" import --data data/bench/100k >&2
    GRIDGEO_DB="$BENCH_DB" "$ROOT/scripts/gridgeo" plan --all --publish | grep -v '^warning' >&2
  fi
fi

log "building bench/GridGeo.Bench.Print (Release)"
dotnet build "$ROOT/bench/GridGeo.Bench.Print/GridGeo.Bench.Print.csproj" -c Release -o "$OUT/bin" -v q -nologo -clp:ErrorsOnly >&2
echo "## GridGeo printing benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores"
docs=()
[ "${BENCH_DOCS:-0}" = 1 ] && docs=(--docs "$ROOT/docs")
/usr/bin/time -f "process: user %U s, sys %S s, wall %e s, peak RSS %M kB" \
  dotnet "$OUT/bin/GridGeo.Bench.Print.dll" --db "$BENCH_DB" --board-runs "${BENCH_BOARD_RUNS:-20}" --street-runs "${BENCH_STREET_RUNS:-5}" "${docs[@]}"
