#!/usr/bin/env bash
# Runs the Molecule server on PORT (default 8080).
# Without DATABASE_URL it starts a private Postgres cluster under .data/postgres on a free loopback
# port (installing Debian's postgresql when missing) and stops it again when the server exits.
# Extra arguments go to the server, e.g. scripts/run.sh --urls http://127.0.0.1:9000
set -euo pipefail
cd "$(dirname "$0")/.."

export PORT="${PORT:-8080}"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null ||
    echo $((20000 + RANDOM % 30000))
}

pg_dir="$PWD/.data/postgres"
started_postgres=""
server=""
stop() {
  if [ -n "$server" ]; then
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  if [ -n "$started_postgres" ]; then
    echo "stopping the local Postgres" >&2
    scripts/services.sh postgres stop "$pg_dir"
  fi
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -z "${DATABASE_URL:-}" ]; then
  mkdir -p "$(dirname "$pg_dir")"
  chmod 755 "$(dirname "$pg_dir")"
  echo "DATABASE_URL is unset: starting a local Postgres in $pg_dir" >&2
  started_postgres=1
  DATABASE_URL=$(scripts/services.sh postgres start "$pg_dir" "${MOLECULE_PG_PORT:-$(free_port)}")
  export DATABASE_URL
fi

# Built first, then started from its output: the server is our own child, so a stop signal reaches
# it directly and it can drain before Postgres goes away.
dotnet build src/Molecule.Server -c Release -v quiet -nologo >&2
dotnet run --project src/Molecule.Server -c Release --no-build --no-launch-profile -- "$@" &
server=$!
wait "$server"
