#!/usr/bin/env bash
# What `make test` needs on this machine (Debian 12), set up where it can be, before any check:
# - Debian's packages installed when missing (as root): chromium (the browser tests, never a
#   downloaded browser), docker-compose (the compose file is checked statically), python3-venv
#   postgresql-client (pg_dump, psql: the backup test) and fonts-noto-cjk (legible screenshots);
# - PostgreSQL at 127.0.0.1:5432 started when it is installed but down;
# - Redis at 127.0.0.1:6379 (the gateway's shared rate-limit store is tested on it), installed
#   and started when missing or down (it keeps nothing on disk);
# - anything else missing stops the run at once, with one line naming it and how to get it.
# Quiet when everything is there. README ("The two commands") says the same.
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_MIN=20.19 # frontend/package.json's engines
CRD=cloudnative-pg-v1.30.0-clusters.crd.yaml # deploy/check.py's CNPG_CRD

stop() {
  echo "make test: $*" >&2
  exit 1
}

# Debian's packages ---------------------------------------------------------------------------
missing=()
[ -x "${E2E_CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
command -v docker-compose >/dev/null || missing+=(docker-compose)
command -v pg_dump >/dev/null && command -v psql >/dev/null || missing+=(postgresql-client)
command -v redis-server >/dev/null && command -v redis-cli >/dev/null || missing+=(redis-server)
# Chinese in the screenshots the e2e takes (and the README shows), not empty boxes
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
if ! command -v python3 >/dev/null; then
  missing+=(python3 python3-venv)
elif [ ! -x .venv/bin/python ] && ! python3 -c 'import ensurepip' 2>/dev/null; then
  missing+=(python3-venv) # Debian's python3 makes no venv without it
fi
if ((${#missing[@]})); then
  [ "$(id -u)" -eq 0 ] || stop "${missing[*]} missing: run \`sudo apt-get install ${missing[*]}\`, or make test as root"
  command -v apt-get >/dev/null || stop "${missing[*]} missing: install them with this system's packages (Debian's names)"
  echo "make test: installing ${missing[*]} (apt-get)"
  apt-get update -qq || stop "apt-get update failed: Debian's archive must be reachable to install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null ||
    stop "apt-get install ${missing[*]} failed (its error is above)"
fi

# What Debian's archive does not have (in a version new enough) --------------------------------
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
  stop "Python 3.11 or later needed, python3 is $(python3 --version 2>&1): install Debian 12's python3"
node_version="$(node --version 2>/dev/null || true)"
if [ -z "$node_version" ] || ! dpkg --compare-versions "${node_version#v}" ge "$NODE_MIN"; then
  stop "Node.js $NODE_MIN or later missing (found: ${node_version:-none}; Debian 12's nodejs is 18): install Node 20 from https://nodejs.org/en/download or NodeSource's Debian packages"
fi
command -v npm >/dev/null || stop "npm missing: it comes with Node.js $NODE_MIN or later (https://nodejs.org/en/download)"
command -v kubectl >/dev/null ||
  stop "kubectl missing (the deploy checks run \`kubectl kustomize\`), and it is not in Debian's archive: install it from https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/"
crd_found=""
for folder in ${FUMIN_CRD_SCHEMAS:+"$FUMIN_CRD_SCHEMAS"} ../shared/schemas /work/shared/schemas; do
  [ -f "$folder/$CRD" ] && crd_found=yes && break
done
[ -n "$crd_found" ] ||
  stop "$CRD missing (the deploy checks validate the database Cluster against it): put the Cluster CRD of CloudNativePG 1.30.0's release manifest in ../shared/schemas/, or set FUMIN_CRD_SCHEMAS to its folder"

# PostgreSQL at 127.0.0.1:5432, user postgres without a password ------------------------------
if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -z "$version" ] || ! command -v pg_ctlcluster >/dev/null; then
    stop "PostgreSQL missing at 127.0.0.1:5432: run \`apt-get install postgresql\` and trust user postgres from 127.0.0.1 in pg_hba.conf"
  fi
  echo "make test: starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start ||
    stop "PostgreSQL $version would not start: see /var/log/postgresql/postgresql-$version-main.log"
  for _ in $(seq 1 30); do
    pg_isready -h 127.0.0.1 -p 5432 -q && break
    sleep 1
  done
  pg_isready -h 127.0.0.1 -p 5432 -q ||
    stop "PostgreSQL $version started but does not answer at 127.0.0.1:5432 within 30 s: see /var/log/postgresql/postgresql-$version-main.log"
fi
psql -X -q -w -h 127.0.0.1 -U postgres -d postgres -c 'SELECT 1' >/dev/null 2>&1 ||
  stop "PostgreSQL at 127.0.0.1:5432 refuses user postgres without a password: add \`host all postgres 127.0.0.1/32 trust\` to pg_hba.conf and reload"

# Redis at 127.0.0.1:6379 (FUMIN_TEST_REDIS_URL, the Makefile's default) ----------------------
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "make test: starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null ||
    stop "Redis would not start at 127.0.0.1:6379"
  for _ in $(seq 1 10); do
    redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break
    sleep 1
  done
  redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 ||
    stop "Redis started but does not answer at 127.0.0.1:6379 within 10 s"
fi
