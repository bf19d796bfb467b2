#!/usr/bin/env bash
# Liaison unit benchmark: builds bench/GridGeo.Bench.Liaison (Release) and runs it.
# Default: 1,000,000 households of a synthetic district, stand-in grids of ~400 households, preset thirty.
# Extra arguments pass through: --households N --seed N --grid-size N --preset ten --no-households-csv
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
OUT="$ROOT/.run/bench-liaison"
dotnet build "$ROOT/bench/GridGeo.Bench.Liaison/GridGeo.Bench.Liaison.csproj" -c Release -o "$OUT" -v q -nologo -clp:ErrorsOnly >&2
exec dotnet "$OUT/GridGeo.Bench.Liaison.dll" "$@"
