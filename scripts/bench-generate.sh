#!/usr/bin/env bash
# Regenerates the benchmark bundles data/bench/100k and data/bench/1m (git-ignored) with the
# generator and prints, per bundle, the generator's own timing line, the process CPU/wall/peak
# memory and the file sizes.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
for spec in 100k:100000 1m:1000000; do
  name=${spec%%:*}; households=${spec##*:}
  echo "== data/bench/$name ($households households, seed 1)"
  /usr/bin/time -f "process: user %U s, sys %S s, wall %e s, peak memory %M kB" \
    "$ROOT/scripts/gridgeo" generate --out "data/bench/$name" --households "$households" --seed 1
  ls -l "data/bench/$name" | awk 'NR > 1 { printf "  %-20s %12d bytes\n", $9, $5 }'
  du -sh "data/bench/$name"
done
