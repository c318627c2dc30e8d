#!/usr/bin/env bash
# Provision latency: how long from "create this workspace" to "its container is running", through
# (a) Molecule's POST /workspaces (row, secrets, volumes, token rotation, /configs archive, create,
# start) polled on the engine until the container runs, against (b) a bare `docker run -d` of the
# same image on the same private dockerd. Also reports (a) until the agent registered (online).
# Each side runs ITERATIONS times, alternating, and the medians and their ratio are printed.
#   bench/provision/run.sh [ITERATIONS=7]
source "$(dirname "$0")/../lib/common.sh"
ITERATIONS=${1:-7}
POLL_LIMIT=1200 # polls of 50 ms: no wait is longer than 60 s

bench_need curl:curl python3:python3 psql:postgresql-client
bench_setup

# The private dockerd and the busybox agent image (nothing is pulled), stopped with the rest.
provision_cleanup() {
  [ -n "${BENCH_WORK:-}" ] && "$BENCH_ROOT/scripts/services.sh" dockerd stop "$BENCH_WORK/dk"
  bench_cleanup
}
trap provision_cleanup EXIT
DOCKER_HOST=$("$BENCH_ROOT/scripts/services.sh" dockerd start "$BENCH_WORK/dk")
export DOCKER_HOST
SOCKET=${DOCKER_HOST#unix://}
IMAGE=$("$BENCH_ROOT/scripts/test-image/build.sh" "$DOCKER_HOST")

bench_start_molecule DOCKER_HOST="$DOCKER_HOST" DOCKER_NETWORK=host MOLECULE_RUNTIME_IMAGES="langgraph=$IMAGE"
admin=(-H "Authorization: Bearer bench-admin" -H "Content-Type: application/json")

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Polls the engine (not the CLI, which costs tens of ms a call) until the container runs.
wait_running() {
  for _ in $(seq 1 "$POLL_LIMIT"); do
    curl -fsS --unix-socket "$SOCKET" "http://docker/containers/$1/json" 2>/dev/null | grep -q '"Running":true' && return 0
    sleep 0.05
  done
  echo "container $1 did not start within 60 s" >&2
  return 1
}

wait_online() {
  for _ in $(seq 1 "$POLL_LIMIT"); do
    [ "$(psql "$DATABASE_URL" -tAc "SELECT status FROM workspaces WHERE id = '$1'")" = online ] && return 0
    sleep 0.05
  done
  echo "workspace $1 did not come online within 60 s" >&2
  return 1
}

molecule_run() {
  local port start id running online
  port=$(bench_free_port)
  start=$(now_ms)
  id=$(curl -fsS "${admin[@]}" -d '{"name":"bench-'"$1"'","tier":2,"secrets":{"AGENT_PORT":"'"$port"'"}}' "$MOLECULE_URL/workspaces" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  wait_running "ws-${id:0:12}"
  running=$(now_ms)
  wait_online "$id"
  online=$(now_ms)
  echo "$((running - start)) $((online - start))"
  curl -fsS "${admin[@]}" -X DELETE "$MOLECULE_URL/workspaces/$id" >/dev/null
}

docker_run() {
  local port start name
  port=$(bench_free_port)
  name="bench-bare-$1"
  start=$(now_ms)
  docker run -d --name "$name" --network host -e AGENT_PORT="$port" "$IMAGE" >/dev/null
  wait_running "$name"
  echo $(($(now_ms) - start))
  docker rm -f "$name" >/dev/null
}

echo "warming up" >&2
molecule_run warmup >/dev/null
docker_run warmup >/dev/null

molecule_running=() molecule_online=() bare=()
for i in $(seq 1 "$ITERATIONS"); do
  read -r running online < <(molecule_run "$i")
  [ -n "${online:-}" ] || { echo "iteration $i through Molecule failed; log:" >&2; tail -20 "$BENCH_WORK/molecule.log" >&2; exit 1; }
  molecule_running+=("$running") molecule_online+=("$online")
  bare+=("$(docker_run "$i")")
  echo "iteration $i: molecule ${running} ms (online ${online} ms), docker run ${bare[-1]} ms" >&2
done

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
m_running=$(median "${molecule_running[@]}")
m_online=$(median "${molecule_online[@]}")
m_bare=$(median "${bare[@]}")

printf '\nProvision latency, %s iterations each, image %s, private dockerd, host network\n' "$ITERATIONS" "$IMAGE"
printf '%-48s %12s\n' path 'median ms'
printf '%-48s %12s\n' '(a) Molecule POST /workspaces -> running' "$m_running"
printf '%-48s %12s\n' '(a) Molecule POST /workspaces -> online' "$m_online"
printf '%-48s %12s\n' '(b) docker run -d -> running' "$m_bare"
awk -v a="$m_running" -v b="$m_bare" 'BEGIN { printf "ratio a/b (to running): %.2f   added: %d ms\n", a / b, a - b }'
