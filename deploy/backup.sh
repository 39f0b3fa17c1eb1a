#!/usr/bin/env bash
# Back up Fumin's PostgreSQL database: every service's schema (registry, assistance,
# indicators) in one pg_dump file of the custom format. docs/operations.md, "Backup and restore".
#
#   deploy/backup.sh DATABASE_URL FILE
#
# DATABASE_URL: postgresql://user:password@host:5432/fumin (a service's postgresql+asyncpg://
# URL works too). The dump is consistent (one snapshot) while the services keep running.
# The photos are files, not rows: back up the attachments volume beside it.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 DATABASE_URL FILE" >&2
  exit 2
fi
url="${1/+asyncpg/}"
out="$2"

# Written beside the target and moved into place only once it reads back whole, so a failed
# run never leaves a truncated file under the backup's name.
partial="$(mktemp "${out}.partial.XXXXXX")"
trap 'rm -f "$partial"' EXIT
# No owners or grants: the dump restores into a database whose roles are named otherwise.
pg_dump --dbname="$url" --format=custom --no-owner --no-privileges --file="$partial"
pg_restore --list "$partial" >/dev/null
mv "$partial" "$out"
trap - EXIT
echo "备份完成 / backed up: $out ($(du -h "$out" | cut -f1))"
