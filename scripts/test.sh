#!/usr/bin/env bash
# Runs every test: starts the real services the tests need (a private Postgres on a loopback
# port, a private dockerd with the test agent image, a throwaway sshd on a loopback port), runs `dotnet test` on the solution, and
# ends with one line "N passed, N failed".
# Exits non-zero when anything failed or did not build.
set -uo pipefail
cd "$(dirname "$0")/.."

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null ||
    echo $((20000 + RANDOM % 30000))
}

work=$(mktemp -d /tmp/molecule-test.XXXXXX)
chmod 755 "$work"
cleanup() {
  scripts/services.sh sshd stop "$work/sshd"
  scripts/services.sh dockerd stop "$work/dk"
  scripts/services.sh postgres stop "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT

echo "starting Postgres for the tests" >&2
PG_EXTRA_OPTS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  MOLECULE_TEST_DATABASE_URL=$(scripts/services.sh postgres start "$work/pg" "$(free_port)") || {
  echo "0 passed, 1 failed"; exit 1; }
export MOLECULE_TEST_DATABASE_URL="${MOLECULE_TEST_DATABASE_URL%/molecule*}/postgres?sslmode=disable"

# A private dockerd and the test agent image (tests/Molecule.Testing/DockerEngineFixture.cs reads
# these variables). When Docker cannot run here the other tests still run; the Docker tests fail
# with MOLECULE_TEST_DOCKER_ERROR as their message.
echo "starting dockerd for the tests" >&2
unset MOLECULE_TEST_DOCKER_ERROR
if MOLECULE_TEST_DOCKER_HOST=$(scripts/services.sh dockerd start "$work/dk"); then
  export MOLECULE_TEST_DOCKER_HOST
  if MOLECULE_TEST_DOCKER_IMAGE=$(scripts/test-image/build.sh "$MOLECULE_TEST_DOCKER_HOST"); then
    export MOLECULE_TEST_DOCKER_IMAGE
  else
    export MOLECULE_TEST_DOCKER_ERROR="the test agent image did not build (see scripts/test-image/build.sh output above)"
  fi
else
  unset MOLECULE_TEST_DOCKER_HOST
  export MOLECULE_TEST_DOCKER_ERROR="the private dockerd did not start (see the services.sh output above)"
fi

# A throwaway sshd playing an EC2 instance (tests/Molecule.Testing/Sshd reads these variables).
# When it cannot start, the tests that need it are reported as skipped with
# MOLECULE_TEST_SSHD_ERROR as the reason.
echo "starting sshd for the tests" >&2
unset MOLECULE_TEST_SSHD_ERROR
sshd_port=$(free_port)
if MOLECULE_TEST_SSHD_USER=$(scripts/services.sh sshd start "$work/sshd" "$sshd_port"); then
  export MOLECULE_TEST_SSHD_USER MOLECULE_TEST_SSHD_PORT="$sshd_port" MOLECULE_TEST_SSHD_DIR="$work/sshd"
else
  unset MOLECULE_TEST_SSHD_USER MOLECULE_TEST_SSHD_PORT MOLECULE_TEST_SSHD_DIR
  export MOLECULE_TEST_SSHD_ERROR="the throwaway sshd did not start (see the services.sh output above)"
fi

# Every in-memory server logs each request as JSON; keep the test output to warnings and errors
# unless the caller asks for more (Logging__LogLevel__Default=Information bash scripts/test.sh).
export Logging__LogLevel__Default="${Logging__LogLevel__Default:-Warning}"

# A hung test fails the run (and names itself) instead of stalling CI.
log="$work/test.log"
dotnet test Molecule.sln -c "${CONFIGURATION:-Debug}" --blame-hang-timeout 5m --blame-hang-dump-type none "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet prints one summary per test assembly: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, ..."
sum() { grep -Eo "$1: +[0-9]+" "$log" | grep -Eo '[0-9]+' | awk '{ s += $1 } END { print s + 0 }'; }
passed=$(sum Passed)
failed=$(sum Failed)
skipped=$(sum Skipped)
if [ "$skipped" -gt 0 ]; then
  echo "$skipped skipped${MOLECULE_TEST_SSHD_ERROR:+ (sshd tests: $MOLECULE_TEST_SSHD_ERROR)}"
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the build or the test host failed before any test could report
fi
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
