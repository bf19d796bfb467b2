#!/usr/bin/env bash
# POST /api/events under load (issue 15): the 100k-household benchmark district (data/bench/100k, made with the generator
# when missing) is imported into its own database and partitioned (grids + liaison units published), a full roster is
# loaded with `gridgeo staff import` (a grid worker per basic grid, a liaison head per liaison unit), and `gridgeo serve`
# (Release) takes events at random building locations from wrk, each routed by point to grid, liaison unit and worker.
# Prints wrk's throughput and latency percentiles, the CPU time the server and PostgreSQL spent per event (a figure that
# other load on the machine changes less than requests/s), the WAL flushes per event (each event is committed durably,
# in group commits), the events stored and the load average.
# Settings: BENCH_WRK_SECONDS (15), BENCH_WRK_CONNECTIONS (32), BENCH_WRK_THREADS (1), BENCH_WARMUP_SECONDS (10), BENCH_PORT (5193),
# BENCH_REUSE=1 keeps a loaded database, GRIDGEO_PG_PORT / GRIDGEO_PG_DATA (the private PostgreSQL).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
WRK_SECONDS=${BENCH_WRK_SECONDS:-15}
WRK_CONNECTIONS=${BENCH_WRK_CONNECTIONS:-32}
WRK_THREADS=${BENCH_WRK_THREADS:-1}
WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-10}
PORT=${BENCH_PORT:-5193}
DATA="$ROOT/data/bench/100k"
OUT="$ROOT/.run/bench-events"
DB=gridgeo_bench_events
# A key the strength rule accepts (no long runs of equal or consecutive characters).
KEY="bench-events-reader-key-k7Qm2Xp9Rt4Wz8Lc"
mkdir -p "$OUT"
log() { echo "[bench-events] $*" >&2; }
. "$ROOT/scripts/lib/bench-server.sh"

bench_ensure_wrk
"$ROOT/scripts/pg.sh" up
ADMIN_DB=$("$ROOT/scripts/pg.sh" url)
export GRIDGEO_DB="${ADMIN_DB%Database=*}Database=$DB"
"$ROOT/scripts/gridgeo" --help >/dev/null

if [ ! -f "$DATA/buildings.geojson" ]; then
  log "generating the 100k benchmark district (seed 1) in $DATA"
  "$ROOT/scripts/gridgeo" generate --out "$DATA" --households 100000 --seed 1 >&2
fi
loaded=$("$ROOT/scripts/pg.sh" psql -tAc "select count(*) from pg_database where datname = '$DB'")
if [ "${BENCH_REUSE:-0}" != 1 ] || [ "$loaded" != 1 ]; then
  log "loading the district into database $DB"
  "$ROOT/scripts/pg.sh" psql -c "drop database if exists $DB with (force)" -c "create database $DB" >/dev/null
  "$ROOT/scripts/gridgeo" import --data "$DATA" >&2
  "$ROOT/scripts/gridgeo" plan --all --publish >&2
  "$ROOT/scripts/gridgeo" export --what grids --out "$OUT/grids.geojson" >&2
  "$ROOT/scripts/gridgeo" export --what liaison-units --out "$OUT/units.geojson" >&2
  python3 - "$OUT/grids.geojson" "$OUT/units.geojson" "$OUT/roster.csv" <<'PY'
import json, sys
grids = json.load(open(sys.argv[1]))["features"]
units = json.load(open(sys.argv[2]))["features"]
with open(sys.argv[3], "w", encoding="utf-8") as out:
    out.write("id,name,phone,role,street,assignments\n")
    n = 0
    for g in grids:
        p = g["properties"]
        if p["kind"] != "basic": continue
        n += 1
        out.write(f",网格员{n},139{n:08d},grid_worker,,{p['code']}\n")
    for u in units:
        n += 1
        out.write(f",联户长{n},138{n:08d},liaison_head,,{u['properties']['code']}\n")
PY
  "$ROOT/scripts/gridgeo" staff import --file "$OUT/roster.csv" >&2
  "$ROOT/scripts/gridgeo" keys create --role reader --name bench-events --key "$KEY" >/dev/null
fi

# Event locations: 5,000 buildings with households, drawn with a fixed seed.
python3 - "$DATA/buildings.geojson" "$OUT/events.lua" "$KEY" <<'PY'
import json, random, sys
features = [f for f in json.load(open(sys.argv[1]))["features"] if f["properties"].get("households", 0) > 0]
random.seed(7)
pick = random.sample(features, min(5000, len(features)))
def point(g):
    if g["type"] == "Point": return g["coordinates"]
    ring = g["coordinates"][0] if g["type"] == "Polygon" else g["coordinates"][0][0]
    return [sum(c[0] for c in ring) / len(ring), sum(c[1] for c in ring) / len(ring)]
with open(sys.argv[2], "w") as out:
    out.write("local points = {\n")
    for f in pick:
        x, y = point(f["geometry"])
        out.write(f"  {{{x:.7f}, {y:.7f}}},\n")
    out.write("}\n")
    out.write(f'local headers = {{ ["Content-Type"] = "application/json", ["X-Api-Key"] = "{sys.argv[3]}" }}\n')
    out.write("""local i = 0
request = function()
  i = i + 1
  local p = points[(i % #points) + 1]
  local body = string.format('{"lon":%.7f,"lat":%.7f,"category":"环境卫生","text":"楼道堆放杂物 %d"}', p[1], p[2], i)
  return wrk.format("POST", "/api/events", headers, body)
end
""")
PY

rm -f "$OUT/serve.log"
bench_server_start "$PORT" "$OUT/serve.log"
first=$(sed -n 2p "$OUT/events.lua" | tr -d '{} ' | sed 's/,$//')
lon=${first%,*}; lat=${first#*,}
answer=$(curl -fs -X POST -H "Content-Type: application/json" -H "X-Api-Key: $KEY" \
  -d "{\"lon\":$lon,\"lat\":$lat,\"category\":\"probe\",\"text\":\"probe\"}" "http://127.0.0.1:$PORT/api/events") \
  || { log "the server did not take an event; see $OUT/serve.log"; exit 1; }
before=$("$ROOT/scripts/pg.sh" psql -d "$DB" -tAc "select count(*) from events")

echo "## POST /api/events — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d${WRK_SECONDS}s on the server's machine"
echo "district: $("$ROOT/scripts/pg.sh" psql -d "$DB" -tAc "select count(*) || ' current grids, ' || (select count(*) from liaison_units) || ' liaison units, ' || (select count(*) from staff) || ' people on the roster' from grids where valid_to is null")"
echo "probe answer: $answer"
# Warm-up: long enough for the JIT to finish tiering the request path on a busy machine (perf showed a tenth of the
# server's CPU in the JIT during the measured run after 3 s).
wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${WARMUP_SECONDS}s" -s "$OUT/events.lua" "http://127.0.0.1:$PORT" >/dev/null
postmaster=$(head -1 "${GRIDGEO_PG_DATA:-$ROOT/.pgdata}/postmaster.pid")
pg_ticks() { bench_cpu_ticks $(pgrep -P "$postmaster"); }
wal_syncs() { "$ROOT/scripts/pg.sh" psql -d "$DB" -tAc "select wal_sync from pg_stat_wal"; }
# Per request: CPU ms of a process over a wrk run, from clock ticks.
per_request() { awk -v t="$1" -v n="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.3f", (n > 0 ? t * 1000 / hz / n : 0) }'; }
echo "load average before: $(bench_load)"
server0=$(bench_cpu_ticks "$BENCH_SERVER_PID"); pg0=$(pg_ticks); wal0=$(wal_syncs); stored0=$("$ROOT/scripts/pg.sh" psql -d "$DB" -tAc "select count(*) from events")
wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${WRK_SECONDS}s" --latency -s "$OUT/events.lua" "http://127.0.0.1:$PORT" | tee "$OUT/wrk.txt"
server1=$(bench_cpu_ticks "$BENCH_SERVER_PID"); pg1=$(pg_ticks); wal1=$(wal_syncs); stored1=$("$ROOT/scripts/pg.sh" psql -d "$DB" -tAc "select count(*) from events")
echo "load average after: $(bench_load)"
n=$((stored1 - stored0))
echo "CPU per event: server $(per_request $((server1 - server0)) "$n") ms, PostgreSQL $(per_request $((pg1 - pg0)) "$n") ms ($n events stored in the run); WAL flushes: $((wal1 - wal0)) ($(awk -v n="$n" -v w="$((wal1 - wal0))" 'BEGIN { printf "%.1f", (w > 0 ? n / w : 0) }') events per flush)"
server0=$(bench_cpu_ticks "$BENCH_SERVER_PID")
static=$(wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d5s --latency "http://127.0.0.1:$PORT/ogc/conformance")
server1=$(bench_cpu_ticks "$BENCH_SERVER_PID")
echo "baseline on the same server and load, the static GET /ogc/conformance (5 s): $(echo "$static" | grep -E 'Requests/sec|99%' | tr -s ' ' | tr '\n' ' ')server CPU per request $(per_request $((server1 - server0)) "$(echo "$static" | awk '/ requests in / { print $1 }')") ms"
after=$("$ROOT/scripts/pg.sh" psql -d "$DB" -tAc "select count(*) from events")
echo "events stored during the warm-up and the run: $((after - before)); routed with a grid worker: $("$ROOT/scripts/pg.sh" psql -d "$DB" -tAc "select round(100.0 * count(assignee_id) / count(*), 1) || ' %' from events")"
