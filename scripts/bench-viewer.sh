#!/usr/bin/env bash
# Viewer benchmark: builds bench/GridGeo.Bench.Viewer (Release) and runs it against the private PostGIS.
# Default 200 × 100 = 20,000 grids; --columns N --rows N pass through. Prints figures only.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
"$ROOT/scripts/ensure-browser.sh"
"$ROOT/scripts/build-viewer.sh"
"$ROOT/scripts/pg.sh" up >&2
export GRIDGEO_DB="${GRIDGEO_DB:-$("$ROOT/scripts/pg.sh" url)}"
OUT="$ROOT/.run/bench-viewer"
dotnet build "$ROOT/bench/GridGeo.Bench.Viewer/GridGeo.Bench.Viewer.csproj" -c Release -o "$OUT" -v q -nologo -clp:ErrorsOnly >&2
exec dotnet "$OUT/GridGeo.Bench.Viewer.dll" "$@"
