#!/usr/bin/env bash
# Runs every test: the private PostGIS up, then the whole solution's tests.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
"$ROOT/scripts/pg.sh" up
"$ROOT/scripts/ensure-gdal.sh"
export GRIDGEO_DB="$("$ROOT/scripts/pg.sh" url)"
dotnet test GridGeo.sln -c Release
