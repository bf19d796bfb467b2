#!/usr/bin/env bash
# Interoperability benchmark on a province-scale bench database (created once in the private PostGIS cluster as
# gridgeo_bench_interop: a generated district of ~560k households / ~100k buildings and a published synthetic
# plan of ~20,000 grids), printing figures, never asserting them:
#   1. bench/GridGeo.Bench.Interop (Release): export of 2k and all grids over HTTP with peak RSS/heap of the
#      server process, OGC items paging through every building, the densest z14 tile;
#   2. the CLI export in its own process, 2k grids vs all grids, peak RSS by /usr/bin/time (flat memory);
#   3. GDAL ogr2ogr reading every building through OAPIF from `gridgeo serve`.
# Settings (environment): GRIDGEO_PG_PORT (private PostGIS port), BENCH_GRIDS (20000), BENCH_HOUSEHOLDS (560000),
# BENCH_PORT (5093), BENCH_RUNS (3).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
GRIDS=${BENCH_GRIDS:-20000}
HOUSEHOLDS=${BENCH_HOUSEHOLDS:-560000}
PORT=${BENCH_PORT:-5093}
RUNS=${BENCH_RUNS:-3}
OUT="$ROOT/.run/bench-interop"
mkdir -p "$OUT"
log() { echo "[bench-interop] $*" >&2; }

"$ROOT/scripts/pg.sh" up
"$ROOT/scripts/ensure-gdal.sh"
ADMIN_DB=$("$ROOT/scripts/pg.sh" url)
echo "## GridGeo interoperability benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
BENCH_DB="${ADMIN_DB%Database=*}Database=gridgeo_bench_interop"

log "building the bench console (Release)"
dotnet build "$ROOT/bench/GridGeo.Bench.Interop/GridGeo.Bench.Interop.csproj" -c Release -o "$OUT/bin" -v q -nologo -clp:ErrorsOnly >&2
dotnet "$OUT/bin/GridGeo.Bench.Interop.dll" --db "$ADMIN_DB" --grids "$GRIDS" --households "$HOUSEHOLDS" --port "$PORT" --runs "$RUNS"

echo
echo "## CLI export in its own process (peak RSS by /usr/bin/time; the .NET GC grows its heap lazily, so the rows with a"
echo "## 16 MiB managed-heap hard limit (DOTNET_GCHeapHardLimit) show the export needs no memory in proportion to its size)"
"$ROOT/scripts/gridgeo" --help >/dev/null # (re)build now, never inside a timed run
echo "| export | managed heap limit | result | wall s | user s | sys s | max RSS MiB |"
echo "|---|---|---|---:|---:|---:|---:|"
for limit in none 0x1000000; do
  for what in "grids --street 529900001" "grids" "grids --crs gcj02" "households-csv"; do
    set -- $what
    heap=(); [ "$limit" = none ] || heap=(DOTNET_GCHeapHardLimit=$limit)
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/time.txt" env "${heap[@]}" GRIDGEO_DB="$BENCH_DB" "$ROOT/scripts/gridgeo" export --what "$@" --out "$OUT/export.out" > "$OUT/export.txt"
    read -r wall user sys rss < "$OUT/time.txt"
    echo "| $what | $([ "$limit" = none ] && echo none || echo 16 MiB) | $(sed 's/ to .* in / in /' "$OUT/export.txt") | $wall | $user | $sys | $((rss / 1024)) |"
  done
done

echo
log "starting gridgeo serve on 127.0.0.1:$PORT for GDAL"
GRIDGEO_DB="$BENCH_DB" "$ROOT/scripts/gridgeo" serve --urls "http://127.0.0.1:$PORT" > "$OUT/serve.log" 2>&1 &
SERVE=$!
trap 'kill $SERVE 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 1; done
echo "## GDAL ogr2ogr through OAPIF (every building; load average $(cut -d' ' -f1-3 /proc/loadavg))"
echo "| page size | features | wall s |"
echo "|---:|---:|---:|"
for page in 1000 10000; do
  rm -f "$OUT/buildings.json"
  start=$(date +%s.%N)
  ogr2ogr -f GeoJSON -oo PAGE_SIZE=$page "$OUT/buildings.json" "OAPIF:http://127.0.0.1:$PORT/ogc" buildings
  end=$(date +%s.%N)
  count=$(ogrinfo -ro -so "$OUT/buildings.json" buildings | sed -n 's/^Feature Count: //p')
  echo "| $page | $count | $(echo "$end - $start" | bc) |"
done
