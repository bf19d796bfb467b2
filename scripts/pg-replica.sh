#!/usr/bin/env bash
# A streaming replica of the private PostgreSQL cluster of scripts/pg.sh, on this machine, from Debian's PostgreSQL:
# pg_basebackup of the primary (127.0.0.1:GRIDGEO_PG_PORT) with -R, which writes standby.signal and primary_conninfo,
# then a hot standby on 127.0.0.1:GRIDGEO_PG_REPLICA_PORT (default: primary port + 1) in GRIDGEO_PG_REPLICA_DATA
# (default .pgdata-replica). Point the API's reads at it with ConnectionStrings:GridGeoRead (see README, "Sizing").
#   scripts/pg-replica.sh up | down | status | url | lag | rebuild
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PORT=${GRIDGEO_PG_PORT:-55432}
RPORT=${GRIDGEO_PG_REPLICA_PORT:-$((PORT + 1))}
RDATA=${GRIDGEO_PG_REPLICA_DATA:-$ROOT/.pgdata-replica}
DB=${GRIDGEO_PG_DB:-gridgeo}
PGBIN=/usr/lib/postgresql/15/bin

log() { echo "[replica] $*" >&2; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
running() { [ -f "$RDATA/PG_VERSION" ] && as_pg "$PGBIN/pg_ctl" -D "$RDATA" status >/dev/null 2>&1; }
psql_replica() { as_pg /usr/bin/psql -X -q -h 127.0.0.1 -p "$RPORT" -U postgres "$@"; }

up() {
  "$ROOT/scripts/pg.sh" up >&2
  # scripts/pg.sh runs with synchronous_commit = off (fast imports): a commit then reaches the WAL, and the replica,
  # only when the WAL writer flushes it, up to ~0.6 s later. With a replica serving reads, commits flush at once.
  if [ "$(as_pg /usr/bin/psql -X -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -tAc 'show synchronous_commit')" != on ]; then
    log "setting synchronous_commit = on on the primary (ALTER SYSTEM), so that commits reach the replica at once"
    as_pg /usr/bin/psql -X -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -c "alter system set synchronous_commit = on" -c "select pg_reload_conf()" >/dev/null
  fi
  if [ ! -f "$RDATA/PG_VERSION" ]; then
    log "base backup of 127.0.0.1:$PORT into $RDATA"
    mkdir -p "$RDATA"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$RDATA"; fi
    chmod 700 "$RDATA"
    as_pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PORT" -U postgres -D "$RDATA" -R -X stream -c fast
    rm -f "$RDATA/server.log"
    cat >> "$RDATA/postgresql.conf" <<CONF
port = $RPORT
hot_standby = on
hot_standby_feedback = on
CONF
  fi
  if ! running; then
    log "starting the replica on 127.0.0.1:$RPORT"
    as_pg "$PGBIN/pg_ctl" -D "$RDATA" -l "$RDATA/server.log" -o "-p $RPORT" -w -t 120 start >/dev/null
  fi
  for _ in $(seq 1 100); do
    [ "$(psql_replica -d postgres -tAc 'select pg_is_in_recovery()' 2>/dev/null)" = t ] && break
    sleep 0.2
  done
  log "ready: $(url) (streaming from 127.0.0.1:$PORT)"
}

down() { if running; then as_pg "$PGBIN/pg_ctl" -D "$RDATA" -m fast -w stop >/dev/null; log "stopped"; else log "not running"; fi; }

url() { echo "Host=127.0.0.1;Port=$RPORT;Username=postgres;Database=$DB"; }

lag() {
  psql_replica -d postgres -tAc "select 'replay lag: ' || coalesce(extract(epoch from now() - pg_last_xact_replay_timestamp())::text, 'none') || ' s, replayed up to ' || pg_last_wal_replay_lsn()"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  rebuild) down; rm -rf "$RDATA"; up ;;
  status) if running; then echo "replica running on 127.0.0.1:$RPORT ($RDATA)"; else echo "not running"; exit 1; fi ;;
  url) url ;;
  lag) lag ;;
  *) echo "usage: scripts/pg-replica.sh up|down|rebuild|status|url|lag" >&2; exit 2 ;;
esac
