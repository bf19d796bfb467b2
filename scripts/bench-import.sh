#!/usr/bin/env bash
# Import benchmark: loads a generated district bundle (1,000,000 households by default) into a fresh
# database `gridgeo_bench` of the private cluster and prints wall time, peak memory of the CLI, and the
# CPU seconds spent by the CLI and by PostgreSQL (so that a figure taken on a busy machine can be read).
#   scripts/bench-import.sh [HOUSEHOLDS]      env: BENCH_DATA=DIR (use this bundle instead), BENCH_REIMPORT=1
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
HOUSEHOLDS=${1:-1000000}
DATA=${BENCH_DATA:-$ROOT/data/bench/$((HOUSEHOLDS / 1000))k}
[ "$HOUSEHOLDS" = 1000000 ] && [ -z "${BENCH_DATA:-}" ] && DATA=$ROOT/data/bench/1m
PGDATA_DIR=${GRIDGEO_PG_DATA:-$ROOT/.pgdata}

if [ ! -x /usr/bin/time ]; then
  echo "[bench] installing GNU time (Debian package time)" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq time >/dev/null
fi
"$ROOT/scripts/pg.sh" up

if [ ! -f "$DATA/buildings.geojson" ] && [ ! -f "$DATA/buildings.shp" ] && [ ! -f "$DATA/bundle.gpkg" ]; then
  if "$ROOT/scripts/gridgeo" generate --help >/dev/null 2>&1; then
    echo "[bench] generating $HOUSEHOLDS households into $DATA" >&2
    "$ROOT/scripts/gridgeo" generate --households "$HOUSEHOLDS" --out "$DATA" --seed 1
  else
    DATA=$ROOT/../shared/realdata/liechtenstein
    echo "[bench] no generate command: benchmarking the Liechtenstein bundle instead" >&2
  fi
fi

GRIDGEO_PG_DB=postgres "$ROOT/scripts/pg.sh" psql -c "drop database if exists gridgeo_bench with (force)" -c "create database gridgeo_bench"
export GRIDGEO_DB="$("$ROOT/scripts/pg.sh" url | sed 's/Database=[^;]*/Database=gridgeo_bench/')"
"$ROOT/scripts/gridgeo" db migrate >/dev/null

TICKS=$(getconf CLK_TCK)
PGPID=$(head -1 "$PGDATA_DIR/postmaster.pid")
# The postmaster's own and its reaped children's (finished backends') CPU time.
pg_cpu() { awk -v t="$TICKS" '{ printf "%.1f", ($14 + $15 + $16 + $17) / t }' "/proc/$PGPID/stat"; }

run() {
  local label=$1 out
  out=$(mktemp)
  local before; before=$(pg_cpu)
  /usr/bin/time -v -o "$out.time" "$ROOT/scripts/gridgeo" import --data "$DATA" 2>"$out.err" | tee "$out"
  sleep 1
  local after; after=$(pg_cpu)
  local wall rss user sys
  wall=$(grep 'Elapsed (wall clock)' "$out.time" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$out.time" | awk '{print $NF}')
  user=$(grep 'User time' "$out.time" | awk '{print $NF}')
  sys=$(grep 'System time' "$out.time" | awk '{print $NF}')
  grep '^\[import\]' "$out.err" >&2 || true
  echo "[bench] $label: wall $wall, peak memory $((rss / 1024)) MiB, CLI CPU $(awk -v a="$user" -v b="$sys" 'BEGIN{print a+b}') s, PostgreSQL CPU $(awk -v a="$after" -v b="$before" 'BEGIN{print a-b}') s, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  rm -f "$out" "$out.time" "$out.err"
}

echo "[bench] bundle $DATA, $(nproc) cores"
run "import into an empty database"
if [ "${BENCH_REIMPORT:-0}" = 1 ]; then run "re-import replacing the district"; fi
GRIDGEO_PG_DB=postgres "$ROOT/scripts/pg.sh" psql -c "drop database if exists gridgeo_bench with (force)"
