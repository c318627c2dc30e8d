#!/usr/bin/env bash
# Starts and stops the real services Molecule and its tests use, privately, on loopback.
#   scripts/services.sh postgres start DIR PORT   -> prints DATABASE_URL
#   scripts/services.sh postgres stop DIR
#   scripts/services.sh dockerd start DIR         -> prints DOCKER_HOST (unix://DIR/docker.sock)
#   scripts/services.sh dockerd stop DIR
#   scripts/services.sh sshd start DIR PORT       -> prints the user to log in as
#   scripts/services.sh sshd stop DIR
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

# Polls a check command (every 0.2 s, at most SECONDS) until a daemon we launched answers; stops
# early when the daemon exits. Failures go through FAIL (dockerd_fail / sshd_fail), which exits.
#   await_daemon NAME PID SECONDS "what it must do" FAIL DIR CHECK [ARGS...]
await_daemon() {
  local name=$1 pid=$2 seconds=$3 what=$4 fail=$5 dir=$6 waited=0
  shift 6
  until "$@"; do
    kill -0 "$pid" 2>/dev/null || "$fail" "$name exited while starting" "$dir"
    if [ "$waited" -ge $((seconds * 5)) ]; then
      kill "$pid" 2>/dev/null || true
      "$fail" "$name did not $what within ${seconds}s" "$dir"
    fi
    sleep 0.2; waited=$((waited + 1))
  done
}

# A private dockerd (ARCHITECTURE.md §7): its own socket, data and exec roots under DIR, no
# bridge and no iptables, so containers use host networking and nothing touches the host's
# firewall or a system dockerd. Keep DIR short: unix socket paths are limited to 107 bytes.
DOCKERD_START_SECONDS=${DOCKERD_START_SECONDS:-60}
DOCKERD_STOP_SECONDS=${DOCKERD_STOP_SECONDS:-30}

dockerd_ping() { curl -sf --max-time 2 --unix-socket "$1/docker.sock" http://docker/_ping >/dev/null 2>&1; }

dockerd_fail() {
  echo "dockerd: $1" >&2
  [ -f "$2/dockerd.log" ] && tail -n 15 "$2/dockerd.log" | sed 's/^/dockerd: | /' >&2
  exit 1
}

dockerd_start() {
  local dir; dir=$(mkdir -p "$1" && cd "$1" && pwd)
  local sock="$dir/docker.sock"
  [ "${#sock}" -le 107 ] || dockerd_fail "socket path $sock is longer than 107 bytes; use a shorter DIR" "$dir"
  if ! command -v dockerd >/dev/null || ! command -v busybox >/dev/null || ! command -v curl >/dev/null; then
    ensure_packages docker.io busybox-static curl || dockerd_fail "could not install docker.io/busybox-static" "$dir"
  fi
  if dockerd_ping "$dir"; then echo "unix://$sock"; return 0; fi
  [ "$(id -u)" = 0 ] || dockerd_fail "dockerd needs root (running as uid $(id -u))" "$dir"

  # setsid: the daemon outlives this script and does not get the caller's terminal signals.
  setsid dockerd --host "unix://$sock" --data-root "$dir/data" --exec-root "$dir/exec" \
    --pidfile "$dir/dockerd.pid" --bridge=none --iptables=false --ip6tables=false \
    >"$dir/dockerd.log" 2>&1 </dev/null &
  local launched=$!
  echo "$launched" >"$dir/dockerd.launch.pid"
  await_daemon dockerd "$launched" "$DOCKERD_START_SECONDS" "answer /_ping" dockerd_fail "$dir" dockerd_ping "$dir"
  echo "unix://$sock"
}

dockerd_stop() {
  [ -d "$1" ] || return 0
  local dir pid=""
  dir=$(cd "$1" && pwd)
  if [ -s "$dir/dockerd.pid" ]; then pid=$(cat "$dir/dockerd.pid")
  elif [ -s "$dir/dockerd.launch.pid" ]; then pid=$(cat "$dir/dockerd.launch.pid")
  fi
  # A stale pidfile may name a recycled PID: only signal the dockerd that serves this DIR.
  if [ -z "$pid" ] || ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$dir/docker.sock"; then
    dockerd_unmount "$dir"
    return 0
  fi
  # SIGTERM lets dockerd stop its containers, its containerd and unmount its layers.
  kill -TERM "$pid" 2>/dev/null || true
  local waited=0
  while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt $((DOCKERD_STOP_SECONDS * 5)) ]; do
    sleep 0.2; waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "dockerd: $pid still running after ${DOCKERD_STOP_SECONDS}s; sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  dockerd_unmount "$dir"
  return 0
}

# dockerd leaves its network namespace bind-mounted under the exec root (and, when killed, its
# layers too); unmount what is left under DIR, deepest first, so DIR can be removed.
dockerd_unmount() {
  [ -d "$1" ] || return 0
  local dir; dir=$(cd "$1" && pwd)
  awk -v prefix="$dir/" 'index($2, prefix) == 1 { print $2 }' /proc/self/mounts | sort -r |
    while read -r mountpoint; do umount -l "$mountpoint" 2>/dev/null || true; done
}

# A throwaway sshd on 127.0.0.1:PORT that plays an EC2 instance (ARCHITECTURE.md §7, protocols.md
# §7.3): its own host key and config under DIR, public keys only, no PAM, the current user (root in
# CI) as the login user, so no system user is created. Keys are authorized in two ways:
#   DIR/authorized_keys                 static lines, for tests that authorize a key themselves;
#   DIR/authorized_keys.d/EXPIRY.ID.pub one key line per file, offered only while the machine's
#                                       clock (unix seconds) is below EXPIRY; read at every login
#                                       through AuthorizedKeysCommand, the way EC2 Instance Connect
#                                       serves a pushed key for 60 s. Deleting a file revokes it.
SSHD_START_SECONDS=${SSHD_START_SECONDS:-30}
SSHD_STOP_SECONDS=${SSHD_STOP_SECONDS:-10}

sshd_fail() {
  echo "sshd: $1" >&2
  [ -f "$2/sshd.log" ] && tail -n 15 "$2/sshd.log" | sed 's/^/sshd: | /' >&2
  exit 1
}

sshd_listening() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# The pid of the sshd serving DIR, or nothing (a stale pidfile may name a recycled pid).
sshd_pid() {
  local pid
  for file in "$1/sshd.pid" "$1/sshd.launch.pid"; do
    [ -s "$file" ] || continue
    pid=$(cat "$file")
    if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$1/sshd_config"; then echo "$pid"; return 0; fi
  done
  return 0
}

sshd_start() {
  local dir port=$2 user
  dir=$(mkdir -p "$1" && cd "$1" && pwd)
  user=$(id -un)
  if [ ! -x /usr/sbin/sshd ] || ! command -v ssh-keygen >/dev/null; then
    ensure_packages openssh-server openssh-client || sshd_fail "could not install openssh-server" "$dir"
  fi
  # With UsePAM no, sshd refuses an account whose password field is locked ("!..."): say so
  # instead of letting every login fail with "Permission denied".
  if [ "$(id -u)" = 0 ] && getent shadow "$user" | cut -d: -f2 | grep -q '^!'; then
    sshd_fail "the login user $user is locked (password field starts with '!'); sshd without PAM refuses it" "$dir"
  fi
  if [ -n "$(sshd_pid "$dir")" ] && sshd_listening "$port"; then echo "$user"; return 0; fi

  mkdir -p "$dir/authorized_keys.d"
  touch "$dir/authorized_keys"
  [ -f "$dir/host_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C molecule-test-sshd -f "$dir/host_ed25519"
  # sshd checks that the AuthorizedKeysCommand's path is root-owned and not group/world writable
  # (DIR under /tmp is not), so the command is /bin/sh reading this script.
  cat >"$dir/authorized-keys.sh" <<'SCRIPT'
now=$(date +%s)
for file in "$1"/*.pub; do
  [ -f "$file" ] || continue
  expiry=${file##*/}; expiry=${expiry%%.*}
  case $expiry in ''|*[!0-9]*) continue ;; esac
  [ "$expiry" -gt "$now" ] && cat "$file"
done
exit 0
SCRIPT
  cat >"$dir/sshd_config" <<CONFIG
Port $port
ListenAddress 127.0.0.1
HostKey $dir/host_ed25519
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
AuthorizedKeysCommand /bin/sh $dir/authorized-keys.sh $dir/authorized_keys.d
AuthorizedKeysCommandUser $user
AllowUsers $user
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PrintMotd no
PrintLastLog no
UseDNS no
MaxStartups 50:30:100
ClientAliveInterval 30
CONFIG
  [ "$(id -u)" = 0 ] && mkdir -p /run/sshd # the privilege-separation directory root's sshd needs
  /usr/sbin/sshd -t -f "$dir/sshd_config" >"$dir/sshd.log" 2>&1 || sshd_fail "sshd -t rejected $dir/sshd_config" "$dir"

  # setsid: sshd outlives this script and does not get the caller's terminal signals. -D keeps it
  # in the foreground so the pid we launched is the listener; -e logs to sshd.log.
  setsid /usr/sbin/sshd -D -e -f "$dir/sshd_config" >>"$dir/sshd.log" 2>&1 </dev/null &
  local launched=$!
  echo "$launched" >"$dir/sshd.launch.pid"
  await_daemon sshd "$launched" "$SSHD_START_SECONDS" "listen on 127.0.0.1:$port" sshd_fail "$dir" sshd_listening "$port"
  echo "$user"
}

sshd_stop() {
  [ -d "$1" ] || return 0
  local dir pid
  dir=$(cd "$1" && pwd)
  pid=$(sshd_pid "$dir")
  [ -n "$pid" ] || return 0
  # The listener's SIGTERM does not end the per-connection children; they end when their client
  # disconnects, and none outlives the test run's clients.
  kill -TERM "$pid" 2>/dev/null || true
  local waited=0
  while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt $((SSHD_STOP_SECONDS * 5)) ]; do
    sleep 0.2; waited=$((waited + 1))
  done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  return 0
}

case "${1:-} ${2:-}" in
  "postgres start") postgres_start "$3" "$4" ;;
  "postgres stop") postgres_stop "$3" ;;
  "dockerd start") dockerd_start "$3" ;;
  "dockerd stop") dockerd_stop "$3" ;;
  "sshd start") sshd_start "$3" "$4" ;;
  "sshd stop") sshd_stop "$3" ;;
  *) echo "usage: $0 postgres start DIR PORT | postgres stop DIR | dockerd start DIR | dockerd stop DIR | sshd start DIR PORT | sshd stop DIR" >&2; exit 2 ;;
esac
