#!/bin/sh
# Run once by the postgres image when it creates the primary's database: a role that may stream
# the write-ahead log, and a rule letting it connect for replication from the network (the
# image's own rules let only local replication connections in).
set -eu
psql -v ON_ERROR_STOP=1 -v user="$REPLICATION_USER" -v password="$REPLICATION_PASSWORD" \
  --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
CREATE ROLE :"user" WITH REPLICATION LOGIN PASSWORD :'password';
SQL
echo "host replication $REPLICATION_USER all scram-sha-256" >>"$PGDATA/pg_hba.conf"
