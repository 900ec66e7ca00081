#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an EMPTY PostgreSQL database. Usage:
#
#   scripts/restore.sh FILE postgres://user@host:5432/bb103_restored
#
# Create the database first (createdb, owned by the role that will own the tables). The
# restore runs in one transaction and stops at the first error, so it either restores
# everything or nothing. It refuses a database that already has BB103's tables: restoring
# over live data is never what is meant; drop and create the database deliberately instead.
set -euo pipefail

file="${1:?usage: scripts/restore.sh FILE TARGET_DATABASE_URL}"
url="${2:?usage: scripts/restore.sh FILE TARGET_DATABASE_URL}"
[ -r "$file" ] || { echo "error: cannot read $file" >&2; exit 2; }

tables="$(psql -X -q -t -A -v ON_ERROR_STOP=1 -d "$url" \
    -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
if [ "$tables" != "0" ]; then
    echo "error: the target database has $tables tables; restore only into an empty one" >&2
    exit 2
fi
pg_restore --exit-on-error --single-transaction --no-owner --no-privileges \
    --dbname="$url" "$file"
# Fresh statistics, so the first queries after a restore do not plan on an empty table.
psql -X -q -v ON_ERROR_STOP=1 -d "$url" -c "ANALYZE" >/dev/null
echo "restored $file"
