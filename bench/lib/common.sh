# Shared by the benchmarks: a private Postgres, a Release build of Molecule, and cleanup by PID.
# Source it; call bench_setup first. Every process started here is stopped on exit.
set -euo pipefail

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH_PIDS=()

bench_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

bench_need() { # installs Debian packages that provide the given commands
  local missing=()
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair##*:}")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  fi
}

bench_cleanup() {
  for pid in "${BENCH_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${BENCH_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -n "${BENCH_WORK:-}" ] && "$BENCH_ROOT/scripts/services.sh" postgres stop "$BENCH_WORK/pg"
  [ -n "${BENCH_WORK:-}" ] && rm -rf "$BENCH_WORK"
}

bench_setup() {
  BENCH_WORK=$(mktemp -d /tmp/molecule-bench.XXXXXX)
  chmod 755 "$BENCH_WORK"
  trap bench_cleanup EXIT
  PG_PORT=$(bench_free_port)
  DATABASE_URL=$(PG_EXTRA_OPTS="-c max_connections=300" "$BENCH_ROOT/scripts/services.sh" postgres start "$BENCH_WORK/pg" "$PG_PORT")
  export DATABASE_URL PG_PORT
  echo "building Molecule (Release)" >&2
  dotnet build "$BENCH_ROOT/src/Molecule.Server" -c Release -o "$BENCH_WORK/server" -v q -nologo >&2
}

# Starts Molecule on a free port with the given extra environment; sets MOLECULE_URL.
bench_start_molecule() {
  local port; port=$(bench_free_port)
  env PORT="$port" DATABASE_URL="$DATABASE_URL" ADMIN_TOKEN=bench-admin MOLECULE_ENV=development \
      RATE_LIMIT=1000000000 Logging__LogLevel__Default=Warning "$@" \
      dotnet "$BENCH_WORK/server/Molecule.Server.dll" >"$BENCH_WORK/molecule.log" 2>&1 &
  BENCH_PIDS+=($!)
  MOLECULE_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 120); do
    curl -fsS "$MOLECULE_URL/health" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "Molecule did not become healthy; log:" >&2; tail -20 "$BENCH_WORK/molecule.log" >&2; return 1
}

# Runs wrk and prints "requests_per_second p50_ms p99_ms".
bench_wrk() {
  local out
  out=$(wrk --latency "$@")
  echo "$out" >>"$BENCH_WORK/wrk.log"
  local rps p50 p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  echo "$rps $(bench_ms "$p50") $(bench_ms "$p99")"
}

# wrk prints latencies as 812.00us / 1.20ms / 1.01s: normalise to milliseconds.
bench_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n = n / 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n = n * 1000
    printf "%.3f", n }'
}
