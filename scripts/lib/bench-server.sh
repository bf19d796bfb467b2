# Shared by the HTTP benchmark scripts (source it): wrk from Debian, one `gridgeo serve` started and stopped by the
# script, and the CPU time a process has used, so that a figure can be given per request and not only per second on a
# machine that others share. Expects ROOT (the checkout) and a log() function; defines:
#   bench_ensure_wrk                 installs the Debian package wrk when missing
#   bench_port_free PORT             fails, naming BENCH_PORT, when something listens on 127.0.0.1:PORT
#   bench_server_start PORT LOG      starts `gridgeo serve` on PORT (extra settings from the environment), output appended
#                                    to LOG; waits for /health; sets BENCH_SERVER_PID; stops it on exit
#   bench_server_stop                stops it (a no-op when not running)
#   bench_cpu_ticks PID...           user+system CPU time of the processes, in clock ticks (getconf CLK_TCK a second)
#   bench_load                       the load average (1, 5, 15 min)

bench_ensure_wrk() {
  command -v wrk >/dev/null && return
  log "installing wrk (Debian package)"
  local sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq wrk >/dev/null
}

bench_port_free() {
  if ss -ltn 2>/dev/null | awk '{print $4}' | grep -q ":$1\$"; then log "port $1 is taken; set BENCH_PORT"; exit 1; fi
}

BENCH_SERVER_PID=""
bench_server_start() {
  local port=$1 logfile=$2
  bench_port_free "$port"
  "$ROOT/scripts/gridgeo" serve --urls "http://127.0.0.1:$port" >>"$logfile" 2>&1 &
  BENCH_SERVER_PID=$!
  trap bench_server_stop EXIT
  for _ in $(seq 1 240); do
    if curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1; then return; fi
    kill -0 "$BENCH_SERVER_PID" 2>/dev/null || break
    sleep 0.5
  done
  log "the server did not answer on port $port; see $logfile"; exit 1
}

bench_server_stop() {
  if [ -n "$BENCH_SERVER_PID" ] && kill -0 "$BENCH_SERVER_PID" 2>/dev/null; then
    kill "$BENCH_SERVER_PID"; wait "$BENCH_SERVER_PID" 2>/dev/null || true
  fi
  BENCH_SERVER_PID=""
}

bench_cpu_ticks() {
  local total=0 pid
  for pid in "$@"; do [ -r "/proc/$pid/stat" ] && total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done
  echo "$total"
}

bench_load() { cut -d' ' -f1-3 /proc/loadavg; }
