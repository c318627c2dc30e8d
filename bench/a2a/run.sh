#!/usr/bin/env bash
# A2A proxy throughput and latency: wrk against (a) the agent stub directly, (b) nginx proxy_pass
# to the stub, (c) Molecule's POST /workspaces/:id/a2a to the same stub with caller auth and
# activity logging on. Same connections, duration and payload for all three, in one run.
#   bench/a2a/run.sh [CONNECTIONS=64] [DURATION=10s]
source "$(dirname "$0")/../lib/common.sh"
CONNECTIONS=${1:-64}
DURATION=${2:-10s}
THREADS=2
export BENCH_BODY="$(cd "$(dirname "$0")" && pwd)/body.json"

bench_need nginx:nginx-light wrk:wrk curl:curl
bench_setup
STUB_PORT=$(bench_free_port)
PROXY_PORT=$(bench_free_port)
sed -e "s|@WORK@|$BENCH_WORK|g" -e "s|@STUB_PORT@|$STUB_PORT|g" -e "s|@PROXY_PORT@|$PROXY_PORT|g" \
  "$(dirname "$0")/nginx.conf.template" >"$BENCH_WORK/nginx.conf"
nginx -c "$BENCH_WORK/nginx.conf" -g 'daemon off;' &
BENCH_PIDS+=($!)
bench_start_molecule

# Two sibling workspaces: the target points at the stub, the caller sends with its own token.
admin=(-H "Authorization: Bearer bench-admin" -H "Content-Type: application/json")
team=$(curl -fsS "${admin[@]}" -d '{"name":"bench-team","external":true,"url":"http://127.0.0.1:'"$STUB_PORT"'"}' "$MOLECULE_URL/workspaces" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
target=$(curl -fsS "${admin[@]}" -d '{"name":"bench-target","external":true,"url":"http://127.0.0.1:'"$STUB_PORT"'","parent_id":"'"$team"'"}' "$MOLECULE_URL/workspaces" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
caller=$(curl -fsS "${admin[@]}" -d '{"name":"bench-caller","external":true,"url":"http://127.0.0.1:'"$STUB_PORT"'","parent_id":"'"$team"'"}' "$MOLECULE_URL/workspaces" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
token=$(curl -fsS "${admin[@]}" -X POST "$MOLECULE_URL/workspaces/$caller/tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["auth_token"])')
probe=$(curl -sS -o /dev/null -w '%{http_code}' -H "X-Workspace-ID: $caller" -H "Authorization: Bearer $token" \
  -H "Content-Type: application/json" -d @"$BENCH_BODY" \
  "$MOLECULE_URL/workspaces/$target/a2a")
[ "$probe" = 200 ] || { echo "probe through Molecule answered $probe" >&2; tail -20 "$BENCH_WORK/molecule.log" >&2; exit 1; }

run() { bench_wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$(dirname "$0")/post.lua" "$@"; }
echo "warming up" >&2
run -H "X-Workspace-ID: $caller" -H "Authorization: Bearer $token" "$MOLECULE_URL/workspaces/$target/a2a" >/dev/null
read -r a_rps a_p50 a_p99 < <(run "http://127.0.0.1:$STUB_PORT/")
read -r b_rps b_p50 b_p99 < <(run "http://127.0.0.1:$PROXY_PORT/")
read -r c_rps c_p50 c_p99 < <(run -H "X-Workspace-ID: $caller" -H "Authorization: Bearer $token" "$MOLECULE_URL/workspaces/$target/a2a")
rows=$(psql "$DATABASE_URL" -tAc "SELECT count(*) FROM activity_logs WHERE workspace_id = '$target'")

printf '\nA2A proxy, %s connections, %s per run, %s threads (activity rows written: %s)\n' "$CONNECTIONS" "$DURATION" "$THREADS" "$rows"
printf '%-28s %12s %10s %10s\n' target 'req/s' 'p50 ms' 'p99 ms'
printf '%-28s %12s %10s %10s\n' '(a) stub direct' "$a_rps" "$a_p50" "$a_p99"
printf '%-28s %12s %10s %10s\n' '(b) nginx proxy_pass' "$b_rps" "$b_p50" "$b_p99"
printf '%-28s %12s %10s %10s\n' '(c) Molecule /a2a' "$c_rps" "$c_p50" "$c_p99"
awk -v a="$a_rps" -v b="$b_rps" -v c="$c_rps" -v ap="$a_p99" -v cp="$c_p99" -v bp="$b_p99" 'BEGIN {
  printf "ratio c/b throughput: %.2f   ratio c/a throughput: %.2f\n", c / b, c / a
  printf "added p99 vs stub: %.2f ms   vs nginx: %.2f ms\n", cp - ap, cp - bp }'
