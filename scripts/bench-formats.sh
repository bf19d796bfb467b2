#!/usr/bin/env bash
# Import benchmark by input format: the generated 1,000,000-household bundle (data/bench/1m) as GeoJSON, and the same
# layers converted by ogr2ogr into one bundle.gpkg (EPSG:4490 by default; BENCH_EPSG=4545 etc. for a Gauss-Krüger zone)
# beside the same households.csv. One import of each through scripts/bench-import.sh (wall time, peak memory, CPU,
# load average), plus the time GridGeo's reader alone takes (validate) for each.
#   scripts/bench-formats.sh [HOUSEHOLDS]      env: BENCH_EPSG=4490
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
HOUSEHOLDS=${1:-1000000}
EPSG=${BENCH_EPSG:-4490}
SRC=$ROOT/data/bench/$((HOUSEHOLDS / 1000))k
[ "$HOUSEHOLDS" = 1000000 ] && SRC=$ROOT/data/bench/1m
GPKG_DIR=$SRC-gpkg$EPSG
"$ROOT/scripts/ensure-gdal.sh"

if [ ! -f "$SRC/buildings.geojson" ]; then
  echo "[bench] generating $HOUSEHOLDS households into $SRC" >&2
  "$ROOT/scripts/gridgeo" generate --households "$HOUSEHOLDS" --out "$SRC" --seed 1
fi
if [ ! -f "$GPKG_DIR/bundle.gpkg" ]; then
  echo "[bench] converting $SRC to $GPKG_DIR/bundle.gpkg (EPSG:$EPSG) with ogr2ogr" >&2
  mkdir -p "$GPKG_DIR"
  for layer in communities buildings compounds dedicated barriers; do
    [ -f "$SRC/$layer.geojson" ] || continue
    update=(); [ -f "$GPKG_DIR/bundle.gpkg" ] && update=(-update)
    ogr2ogr -f GPKG "${update[@]}" -t_srs "EPSG:$EPSG" -nln "$layer" "$GPKG_DIR/bundle.gpkg" "$SRC/$layer.geojson"
  done
  [ -f "$SRC/households.csv" ] && ln -sf "$SRC/households.csv" "$GPKG_DIR/households.csv"
fi
du -sh "$SRC" "$GPKG_DIR/bundle.gpkg" | sed 's/^/[bench] size /'

for dir in "$SRC" "$GPKG_DIR"; do
  /usr/bin/time -f "%e %M" -o /tmp/gridgeo-bench-formats.$$ "$ROOT/scripts/gridgeo" validate --data "$dir" >/dev/null
  read -r wall rss < /tmp/gridgeo-bench-formats.$$
  echo "[bench] read + check only (validate) $(basename "$dir"): wall ${wall} s, peak memory $((rss / 1024)) MiB, load average $(cut -d' ' -f1-3 /proc/loadavg)"
done
rm -f /tmp/gridgeo-bench-formats.$$

echo "== GeoJSON bundle"
BENCH_DATA=$SRC "$ROOT/scripts/bench-import.sh"
echo "== GeoPackage bundle (EPSG:$EPSG)"
BENCH_DATA=$GPKG_DIR "$ROOT/scripts/bench-import.sh"
