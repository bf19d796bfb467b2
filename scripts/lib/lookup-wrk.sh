# Shared by the lookup benchmarks (scripts/bench-lookup.sh, scripts/bench-province.sh); source it, do not run it.
#   lookup_ensure_wrk                     installs wrk (Debian package) when missing (bench-server.sh; needs log())
#   lookup_wrk_scripts DIR MINX MINY MAXX MAXY
#                                         writes DIR/point.lua (random points in the box, on $BENCH_PATH or /api/locate), DIR/address.lua (the lines
#                                         of $BENCH_QUERIES in turn) and DIR/empty.lua; each sends $BENCH_KEY as
#                                         X-Api-Key when it is set and not empty
#   lookup_wait PORT KEY QUERY PID LOG    waits (up to 10 min) until the server of PID answers the door plate QUERY
#   lookup_wrk DIR SCRIPT QUERIES KEY URL SECONDS CONNECTIONS
#                                         one wrk -t1 run into DIR/wrk.txt; sets WRK_RPS, WRK_P50, WRK_P99, WRK_NON2XX

. "$(dirname "${BASH_SOURCE[0]}")/bench-server.sh"
lookup_ensure_wrk() { bench_ensure_wrk; }

lookup_wrk_scripts() {
  local dir=$1 minx=$2 miny=$3 maxx=$4 maxy=$5
  cat >"$dir/point.lua" <<LUA
math.randomseed(42)
local key = os.getenv("BENCH_KEY")
if key and key ~= "" then wrk.headers["X-Api-Key"] = key end
request = function()
  local lon = $minx + ($maxx - $minx) * math.random()
  local lat = $miny + ($maxy - $miny) * math.random()
  return wrk.format("GET", string.format((os.getenv("BENCH_PATH") or "/api/locate") .. "?lon=%.7f&lat=%.7f", lon, lat))
end
LUA
  cat >"$dir/address.lua" <<'LUA'
local queries = {}
for line in io.lines(os.getenv("BENCH_QUERIES")) do queries[#queries + 1] = line end
local key = os.getenv("BENCH_KEY")
if key and key ~= "" then wrk.headers["X-Api-Key"] = key end
local i = 0
request = function()
  i = i % #queries + 1
  return wrk.format("GET", "/api/locate/address?q=" .. queries[i])
end
LUA
  cat >"$dir/empty.lua" <<'LUA'
local key = os.getenv("BENCH_KEY")
if key and key ~= "" then wrk.headers["X-Api-Key"] = key end
LUA
}

lookup_wait() {
  local port=$1 key=$2 query=$3 pid=$4 log=$5
  for _ in $(seq 1 1200); do
    curl -fs -H "X-Api-Key: $key" "http://127.0.0.1:$port/api/locate/address?q=$query" 2>/dev/null | grep -q '"grid":{' && return 0
    kill -0 "$pid" 2>/dev/null || { echo "[lookup] the server stopped; see $log" >&2; return 1; }
    sleep 0.5
  done
  echo "[lookup] the server did not answer in 10 min; see $log" >&2
  return 1
}

lookup_wrk() {
  local dir=$1 script=$2 queries=$3 key=$4 url=$5 seconds=$6 connections=$7
  BENCH_QUERIES="$queries" BENCH_KEY="$key" wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$dir/$script.lua" "$url" >"$dir/wrk.txt"
  WRK_RPS=$(awk '/Requests\/sec/ { print $2 }' "$dir/wrk.txt")
  WRK_P50=$(awk '$1 == "50%" { print $2 }' "$dir/wrk.txt")
  WRK_P99=$(awk '$1 == "99%" { print $2 }' "$dir/wrk.txt")
  WRK_NON2XX=$(awk '/Non-2xx/ { print $NF }' "$dir/wrk.txt")
  WRK_NON2XX=${WRK_NON2XX:-0}
}
