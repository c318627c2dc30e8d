#!/usr/bin/env bash
# Starts and stops the real services Molecule and its tests use, privately, on loopback.
#   scripts/services.sh postgres start DIR PORT   -> prints DATABASE_URL
#   scripts/services.sh postgres stop DIR
# Installs the Debian packages it needs when they are missing (needs root or sudo).
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_packages() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}" >&2
    as_root apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >&2
  fi
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1; }

# Postgres refuses to run as root: when we are root, run its tools as the postgres user.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

postgres_start() {
  local dir=$1 port=$2
  ensure_packages postgresql
  local bin; bin=$(pg_bin)
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir" && chmod 700 "$dir"
  if [ ! -f "$dir/PG_VERSION" ]; then
    as_pg "$bin/initdb" -D "$dir" -U molecule --auth=trust -E UTF8 >/dev/null
  fi
  if ! as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 ${PG_EXTRA_OPTS:-}" >/dev/null
  fi
  as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U molecule -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname='molecule'" | grep -q 1 ||
    as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U molecule -d postgres -qc "CREATE DATABASE molecule" >/dev/null
  echo "postgres://molecule@127.0.0.1:$port/molecule?sslmode=disable"
}

postgres_stop() {
  local dir=$1
  [ -f "$dir/PG_VERSION" ] || return 0
  as_pg "$(pg_bin)/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
}

case "${1:-} ${2:-}" in
  "postgres start") postgres_start "$3" "$4" ;;
  "postgres stop") postgres_stop "$3" ;;
  *) echo "usage: $0 postgres start DIR PORT | postgres stop DIR" >&2; exit 2 ;;
esac
