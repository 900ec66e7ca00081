#!/usr/bin/env bash
# Back up BB103's PostgreSQL database with pg_dump's custom format (compressed, restorable
# table by table with pg_restore). Usage:
#
#   DATABASE_URL=postgres://user@host:5432/bb103 scripts/backup.sh [FILE]
#
# FILE defaults to $BB103_BACKUP_DIR (default var/backups)/bb103-<UTC time>.dump. The file
# holds CPR numbers and health information: it is written readable by its owner only, and
# must be kept encrypted and away from the database server (docs/security.md, "Backup and
# restore"). The script checks that the file it wrote can be read back by pg_restore.
set -euo pipefail

url="${DATABASE_URL:?set DATABASE_URL to the database to back up (postgres://...)}"
file="${1:-${BB103_BACKUP_DIR:-var/backups}/bb103-$(date -u +%Y%m%dT%H%M%SZ).dump}"
mkdir -p "$(dirname "$file")"
umask 077
tmp="${file}.partial"
trap 'rm -f "$tmp"' EXIT
# Written under another name and renamed when complete: a killed backup never looks whole.
pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$tmp" "$url"
pg_restore --list "$tmp" >/dev/null
mv "$tmp" "$file"
echo "$file"
