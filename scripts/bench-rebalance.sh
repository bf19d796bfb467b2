#!/usr/bin/env bash
# Rebalancing benchmark (the population-shift scenario): builds bench/GridGeo.Bench.Rebalance (Release) and runs it.
# Default: a generated district of 20,000 households. Extra arguments pass through: --households N --seed N --parallel N
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
OUT="$ROOT/.run/bench-rebalance"
dotnet build "$ROOT/bench/GridGeo.Bench.Rebalance/GridGeo.Bench.Rebalance.csproj" -c Release -o "$OUT" -v q -nologo -clp:ErrorsOnly >&2
exec dotnet "$OUT/GridGeo.Bench.Rebalance.dll" "$@"
