#!/usr/bin/env bash
# Partition benchmark: builds bench/GridGeo.Bench.Partition (Release), makes data/bench/100k and data/bench/1m with the
# CLI generator when they are missing (seed 1, like scripts/bench-generate.sh), and prints the issue's figures for the
# engine and the naive Hilbert-curve baseline side by side on data/sample, ../shared/realdata/liechtenstein, 100k, 1m.
# Each row runs in its own process (clean peak memory). Extra arguments pass through, e.g. --sets sample,100k
# Env: GRIDGEO_SHARED=DIR overrides the shared/ folder beside the checkout.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
for spec in 100k:100000 1m:1000000; do
  name=${spec%%:*}; households=${spec##*:}
  if [ ! -f "data/bench/$name/buildings.geojson" ]; then
    echo "[bench] generating data/bench/$name ($households households, seed 1)" >&2
    "$ROOT/scripts/gridgeo" generate --out "data/bench/$name" --households "$households" --seed 1 >&2
  fi
done
OUT="$ROOT/.run/bench-partition"
dotnet build "$ROOT/bench/GridGeo.Bench.Partition/GridGeo.Bench.Partition.csproj" -c Release -o "$OUT" -v q -nologo -clp:ErrorsOnly >&2
echo "machine: $(nproc) cores, load average at start $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
GRIDGEO_ROOT="$ROOT" dotnet "$OUT/GridGeo.Bench.Partition.dll" "$@"
echo "load average at end $(cut -d' ' -f1-3 /proc/loadavg)"
