#!/usr/bin/env bash
# A private PostgreSQL 15 + PostGIS cluster for GridGeo: installed from Debian packages when
# missing, data in a git-ignored folder of the checkout, listening on 127.0.0.1 only, on a
# non-default port, run as the `postgres` OS user when invoked as root. Idempotent.
#   scripts/pg.sh up|down|status|url|psql [args]
# Settings (environment): GRIDGEO_PG_PORT (55432), GRIDGEO_PG_DATA (<checkout>/.pgdata), GRIDGEO_PG_DB (gridgeo)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PORT=${GRIDGEO_PG_PORT:-55432}
DATA=${GRIDGEO_PG_DATA:-$ROOT/.pgdata}
DB=${GRIDGEO_PG_DB:-gridgeo}
PGBIN=/usr/lib/postgresql/15/bin

log() { echo "[db] $*" >&2; }

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_packages() {
  if [ -x "$PGBIN/pg_ctl" ] && [ -f /usr/share/postgresql/15/extension/postgis.control ]; then return; fi
  log "installing postgresql-15 and postgresql-15-postgis-3 (Debian packages)"
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql-15 postgresql-15-postgis-3 >/dev/null
}

running() { [ -f "$DATA/PG_VERSION" ] && as_pg "$PGBIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

# Whether something already accepts connections on 127.0.0.1:$PORT.
port_taken() {
  if command -v ss >/dev/null 2>&1; then ss -ltnH "sport = :$PORT" 2>/dev/null | grep -q .; else (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; fi
}

taken_by() {
  if command -v ss >/dev/null 2>&1; then ss -ltnpH "sport = :$PORT" 2>/dev/null | sed -n 's/.*users:((\("[^"]*"\).*/\1/p' | head -1; fi
}

psql_admin() { as_pg /usr/bin/psql -X -q -h 127.0.0.1 -p "$PORT" -U postgres "$@"; }

up() {
  ensure_packages
  if ! running && port_taken; then
    local who; who=$(taken_by)
    log "port $PORT on 127.0.0.1 is already taken${who:+ by $who} (another PostgreSQL or program); nothing was changed."
    log "choose a free port: GRIDGEO_PG_PORT=NNNNN scripts/pg.sh up (and the same GRIDGEO_PG_PORT for scripts/run.sh and scripts/test.sh)"
    exit 1
  fi
  local created=""
  [ -f "$DATA/PG_VERSION" ] || created=1
  mkdir -p "$DATA"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$DATA"; chmod 700 "$DATA"; fi
  if [ ! -f "$DATA/PG_VERSION" ]; then
    log "creating a cluster in $DATA"
    as_pg "$PGBIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    cat >> "$DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = ''
max_connections = 200
shared_buffers = 512MB
work_mem = 32MB
maintenance_work_mem = 512MB
fsync = on
synchronous_commit = off
CONF
  fi
  if ! running; then
    log "starting PostgreSQL on 127.0.0.1:$PORT"
    if ! as_pg "$PGBIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -o "-p $PORT" -w -t 60 start >/dev/null; then
      log "PostgreSQL did not start on 127.0.0.1:$PORT; its log says:"
      tail -n 5 "$DATA/server.log" >&2 2>/dev/null || true
      if [ -n "$created" ]; then
        # A cluster made just now and never started is no use: remove it, so that the next try starts clean.
        as_pg "$PGBIN/pg_ctl" -D "$DATA" -m immediate stop >/dev/null 2>&1 || true
        rm -rf "$DATA"
        log "removed the half-made cluster in $DATA"
      fi
      exit 1
    fi
  fi
  if ! psql_admin -d postgres -tAc "select 1 from pg_database where datname='$DB'" | grep -q 1; then
    psql_admin -d postgres -c "create database \"$DB\"" >/dev/null
  fi
  psql_admin -d "$DB" -c "create extension if not exists postgis; create extension if not exists pg_trgm;" >/dev/null
  log "ready: $(url)"
}

down() {
  if running; then as_pg "$PGBIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null; log "stopped"; else log "not running"; fi
}

url() { echo "Host=127.0.0.1;Port=$PORT;Username=postgres;Database=$DB"; }

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) if running; then echo "running on 127.0.0.1:$PORT ($DATA)"; else echo "not running"; exit 1; fi ;;
  url) url ;;
  psql) shift; psql_admin -d "$DB" "$@" ;;
  *) echo "usage: scripts/pg.sh up|down|status|url|psql" >&2; exit 2 ;;
esac
