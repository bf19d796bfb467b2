#!/usr/bin/env bash
# Soak test of the plan gate: runs the geometry property tests (tests/GridGeo.Core.Tests/Coverage/GeometryGatePropertyTests)
# with many more districts than the default test run — generated districts, hand-drawn districts and the real Liechtenstein
# bundle, each partitioned, shifted at random, rebalanced and edited at random, with the liaison units of the partition, the
# rebalance and each edited community checked by the liaison gate (one case per grid) — and prints the cases run and the
# gate failures per operation.
#   scripts/soak-geometry.sh [--scale N] [--seed S]     (N districts per default one; default 25, i.e. about 7,000 cases)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCALE=25
SEED=1000
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALE="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    *) echo "usage: $0 [--scale N] [--seed S]" >&2; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
REPORT=$(mktemp)
trap 'rm -f "$REPORT"' EXIT
echo "[soak] building the Core tests (Release)…" >&2
dotnet build "$ROOT/tests/GridGeo.Core.Tests" -c Release -v q -nologo -clp:ErrorsOnly >&2
start=$(date +%s)
status=0
GRIDGEO_GEOMETRY_CASES="$SCALE" GRIDGEO_GEOMETRY_SEED="$SEED" GRIDGEO_GEOMETRY_REPORT="$REPORT" \
  dotnet test "$ROOT/tests/GridGeo.Core.Tests" -c Release --no-build --filter "FullyQualifiedName~GeometryGatePropertyTests" \
  --logger "console;verbosity=minimal" >&2 || status=$?
echo "soak: scale $SCALE, seed $SEED, $(( $(date +%s) - start )) s, load average $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$REPORT"
awk '{ for (i = 1; i <= NF; i++) if ($(i+1) == "cases," && $(i-1) !~ /:$/) { c += $i } }
     / cases, / { split($0, a, " cases, "); n = split(a[1], b, " "); total += b[n]; split(a[2], f, " "); fails += f[1] }
     END { printf "total: %d cases, %d gate failures\n", total, fails }' "$REPORT"
exit $status
