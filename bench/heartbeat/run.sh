#!/usr/bin/env bash
# Heartbeat ingest: heartbeats/s Molecule sustains for 1000 registered workspaces (wrk, POST
# /registry/heartbeat) against pgbench running the equivalent single-row UPDATE on the same Postgres,
# with the same number of connections, in one run.
#   bench/heartbeat/run.sh [CONNECTIONS=64] [SECONDS=10]
source "$(dirname "$0")/../lib/common.sh"
CONNECTIONS=${1:-64}
SECONDS_PER_RUN=${2:-10}
here=$(cd "$(dirname "$0")" && pwd)

bench_need wrk:wrk curl:curl pgbench:postgresql-contrib
bench_setup
bench_start_molecule

psql "$DATABASE_URL" -qc "INSERT INTO workspaces (id, name, status) SELECT md5('bench-' || n)::uuid, 'bench-' || n, 'online' FROM generate_series(1, 1000) n"
export BENCH_IDS="$BENCH_WORK/ids.txt"
psql "$DATABASE_URL" -tAc "SELECT id FROM workspaces WHERE name LIKE 'bench-%'" >"$BENCH_IDS"

echo "warming up" >&2
wrk -t2 -c"$CONNECTIONS" -d3s -s "$here/heartbeat.lua" "$MOLECULE_URL" >/dev/null
read -r m_rps m_p50 m_p99 < <(bench_wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s "$here/heartbeat.lua" "$MOLECULE_URL")
pg_out=$(pgbench -n -M prepared -c "$CONNECTIONS" -j 2 -T "$SECONDS_PER_RUN" -f "$here/update.sql" "$DATABASE_URL" 2>&1)
pg_tps=$(echo "$pg_out" | awk '/^tps/ {print $3; exit}')
pg_lat=$(echo "$pg_out" | awk '/latency average/ {print $4}')

printf '\nHeartbeat ingest, 1000 workspaces, %s connections, %ss per run\n' "$CONNECTIONS" "$SECONDS_PER_RUN"
printf '%-36s %12s %10s %10s\n' target 'per second' 'p50 ms' 'p99 ms'
printf '%-36s %12s %10s %10s\n' 'Molecule POST /registry/heartbeat' "$m_rps" "$m_p50" "$m_p99"
printf '%-36s %12s %10s %10s\n' 'pgbench single-row UPDATE' "$pg_tps" "avg $pg_lat" '-'
awk -v m="$m_rps" -v p="$pg_tps" 'BEGIN { printf "ratio Molecule/pgbench: %.2f\n", m / p }'
