#!/usr/bin/env bash
# Terminal keystroke echo round trip: one key typed into an interactive shell and its echo read
# back, (a) through Molecule's GET /workspaces/:id/terminal WebSocket (auth, exec, WebSocket
# framing) and (b) straight on the engine's exec attach stream, the way `docker exec -it` does it.
# Same container, same shell (/bin/sh of the busybox test image), keystrokes interleaved between
# the two paths. Starts a private Postgres and a private dockerd; everything stops on exit.
#   bench/terminal/run.sh [ITERATIONS=1000]
source "$(dirname "$0")/../lib/common.sh"
ITERATIONS=${1:-1000}
HERE=$(cd "$(dirname "$0")" && pwd)

bench_need curl:curl psql:postgresql-client python3:python3
bench_setup
terminal_cleanup() {
  "$BENCH_ROOT/scripts/services.sh" dockerd stop "$BENCH_WORK/dk" || true
  bench_cleanup
}
trap terminal_cleanup EXIT

echo "starting a private dockerd and building the test image" >&2
DOCKER_HOST=$("$BENCH_ROOT/scripts/services.sh" dockerd start "$BENCH_WORK/dk")
image=$("$BENCH_ROOT/scripts/test-image/build.sh" "$DOCKER_HOST")
bench_start_molecule DOCKER_HOST="$DOCKER_HOST"

# A workspace row and its container, named as the provisioner names it (ws-<first 12 of the id>).
workspace=$(psql "$DATABASE_URL" -qtAc "INSERT INTO workspaces (name, status) VALUES ('bench-terminal', 'online') RETURNING id")
container="ws-${workspace:0:12}"
DOCKER_HOST=$DOCKER_HOST docker run -d --name "$container" --network host "$image" sleep 3600 >/dev/null

echo "typing $ITERATIONS keystrokes into each path" >&2
results=$(timeout 600 python3 "$HERE/echo_rtt.py" "$MOLECULE_URL" "$workspace" bench-admin \
  "${DOCKER_HOST#unix://}" "$container" "$ITERATIONS")
DOCKER_HOST=$DOCKER_HOST docker rm -f "$container" >/dev/null

read -r _ m_n m_p50 m_p90 m_p99 < <(echo "$results" | grep '^molecule ')
read -r _ d_n d_p50 d_p90 d_p99 < <(echo "$results" | grep '^docker ')
printf '\nTerminal keystroke echo, %s keystrokes per path (interleaved), busybox sh\n' "$ITERATIONS"
printf '%-34s %8s %10s %10s %10s\n' path samples 'p50 ms' 'p90 ms' 'p99 ms'
printf '%-34s %8s %10s %10s %10s\n' '(a) Molecule WebSocket terminal' "$m_n" "$m_p50" "$m_p90" "$m_p99"
printf '%-34s %8s %10s %10s %10s\n' '(b) docker exec attach (direct)' "$d_n" "$d_p50" "$d_p90" "$d_p99"
awk -v m50="$m_p50" -v d50="$d_p50" -v m99="$m_p99" -v d99="$d_p99" 'BEGIN {
  printf "ratio a/b: p50 %.2f  p99 %.2f   added by Molecule: p50 %.3f ms  p99 %.3f ms\n", m50 / d50, m99 / d99, m50 - d50, m99 - d99 }'
