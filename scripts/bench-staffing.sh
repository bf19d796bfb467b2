#!/usr/bin/env bash
# Staffing across a rebalance (issue 15): builds bench/GridGeo.Bench.Staffing (Release) and runs it on the benchmark district
# (default 100,000 households, seed 1, as scripts/bench-generate.sh makes it) with a full roster. Arguments pass through:
# --households N --seed N
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
OUT="$ROOT/.run/bench-staffing"
dotnet build "$ROOT/bench/GridGeo.Bench.Staffing/GridGeo.Bench.Staffing.csproj" -c Release -o "$OUT" -v q -nologo -clp:ErrorsOnly >&2
exec dotnet "$OUT/GridGeo.Bench.Staffing.dll" "$@"
