#!/usr/bin/env bash
# Restore a deploy/backup.sh dump into a database. docs/operations.md, "Backup and restore".
#
#   deploy/restore.sh DATABASE_URL FILE [--wipe]
#
# The database must not hold the dump's schemas yet (a new, empty database), or --wipe drops
# them first, with everything in them. Stop the services before (their consumers and writers
# must not see a half-restored database) and start them after. The restore is one transaction:
# it lands whole or not at all.
set -euo pipefail

if [[ $# -lt 2 || $# -gt 3 || ( $# -eq 3 && "$3" != "--wipe" ) ]]; then
  echo "usage: $0 DATABASE_URL FILE [--wipe]" >&2
  exit 2
fi
url="${1/+asyncpg/}"
dump="$2"
wipe="${3:-}"

# The schemas in the dump ("…; 2615 16386 SCHEMA - registry owner" in its table of contents).
schemas="$(pg_restore --list "$dump" | awk '$4 == "SCHEMA" && $5 == "-" { print $6 }')"
if [[ -z "$schemas" ]]; then
  echo "$dump 中没有模式 / holds no schema: not a Fumin backup" >&2
  exit 1
fi
present=""
for schema in $schemas; do
  # On stdin, not -c: psql quotes the name (:'s') only in what it reads.
  found="$(psql "$url" -XAtq -v ON_ERROR_STOP=1 -v s="$schema" \
    <<<"SELECT 1 FROM pg_namespace WHERE nspname = :'s'")"
  [[ -n "$found" ]] && present="$present $schema"
done

if [[ -n "$present" ]]; then
  if [[ "$wipe" != "--wipe" ]]; then
    echo "数据库已有这些模式 / the database already holds:$present (add --wipe to drop them)" >&2
    exit 1
  fi
  for schema in $present; do
    psql "$url" -Xq -v ON_ERROR_STOP=1 -v s="$schema" <<<'DROP SCHEMA :"s" CASCADE'
  done
  echo "已清除 / dropped:$present"
fi

pg_restore --dbname="$url" --exit-on-error --single-transaction --no-owner --no-privileges "$dump"
echo "恢复完成 / restored: $dump"
