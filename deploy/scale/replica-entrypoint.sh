#!/bin/sh
# The streaming replica: on first start, a base backup of the primary with -R (standby.signal + primary_conninfo),
# then PostgreSQL as a hot standby. Reads only; writes go to the primary.
set -e
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h db -p 5432 -U postgres; do sleep 1; done
  export PGPASSWORD="$POSTGRES_PASSWORD"
  pg_basebackup -h db -p 5432 -U postgres -D "$PGDATA" -R -X stream -c fast
  chown -R postgres:postgres "$PGDATA"
  chmod 700 "$PGDATA"
fi
exec gosu postgres postgres -c hot_standby=on -c hot_standby_feedback=on
