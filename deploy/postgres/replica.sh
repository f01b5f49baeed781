#!/bin/sh
# A streaming replica of the primary. The first time, with an empty data folder, it copies the
# primary with pg_basebackup -R, which also writes the standby settings (standby.signal and the
# primary's address in postgresql.auto.conf); every time, it then runs PostgreSQL as a hot
# standby that replays the primary's write-ahead log and answers reads.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -q -h "$PRIMARY_HOST" -U "$REPLICATION_USER" -d postgres; do sleep 1; done
  PGPASSWORD="$REPLICATION_PASSWORD" pg_basebackup -h "$PRIMARY_HOST" -U "$REPLICATION_USER" \
    -D "$PGDATA" -R -X stream --checkpoint=fast
  chmod 0700 "$PGDATA"
fi
exec postgres -c hot_standby=on
