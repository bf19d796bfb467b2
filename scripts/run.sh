#!/usr/bin/env bash
# Runs GridGeo on this machine: the private PostGIS cluster, the schema, the sample district, its grids,
# then the API and map viewer on http://127.0.0.1:5080 (GRIDGEO_URLS to change) until Ctrl+C.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
URLS=${GRIDGEO_URLS:-http://127.0.0.1:5080}
SAMPLE=$ROOT/data/sample

echo "[run] 1. database" >&2
"$ROOT/scripts/pg.sh" up
if [ -z "${GRIDGEO_DB:-}" ]; then export GRIDGEO_DB="$("$ROOT/scripts/pg.sh" url)"; fi

echo "[run] 2. schema" >&2
"$ROOT/scripts/gridgeo" db migrate

echo "[run] 3. sample data" >&2
if [ -f "$SAMPLE/communities.geojson" ]; then
  "$ROOT/scripts/gridgeo" import --data "$SAMPLE"
else
  echo "[run] no sample bundle in $SAMPLE; serving what the database holds" >&2
fi

echo "[run] 4. partition + publish (grids and liaison units of every stored community)" >&2
"$ROOT/scripts/gridgeo" plan --all --publish

echo "[run] 5. viewer, and the fonts printed boards and maps need" >&2
"$ROOT/scripts/ensure-fonts.sh" || echo "[run] Noto CJK could not be installed; printed boards and maps will fail until it is" >&2
if [ ! -f "$ROOT/src/GridGeo.Api/wwwroot/index.html" ] && [ -x "$ROOT/scripts/build-viewer.sh" ]; then
  "$ROOT/scripts/build-viewer.sh" || echo "[run] the viewer did not build; the API runs without it" >&2
fi

echo "[run] 6. serving on $URLS (viewer /, API docs /swagger, health /health); Ctrl+C stops" >&2
exec "$ROOT/scripts/gridgeo" serve --urls "$URLS"
