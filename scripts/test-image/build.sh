#!/usr/bin/env bash
# Builds the test agent image with `docker import` from a busybox-static root filesystem: nothing
# is pulled. Prints the image name.
#   scripts/test-image/build.sh DOCKER_HOST [NAME]     (NAME defaults to molecule-test/agent:latest)
# The image runs /bin/agent (see ./agent); `sh`, `cat`, `find`, `stat`, `tar`, … are busybox
# applets, and there is no bash.
set -euo pipefail
host=${1:?usage: $0 DOCKER_HOST [NAME]}
name=${2:-molecule-test/agent:latest}
here=$(cd "$(dirname "$0")" && pwd)

busybox=$(command -v busybox || true)
if [ -z "$busybox" ] || ldd "$busybox" >/dev/null 2>&1; then
  echo "build.sh: a statically linked busybox is needed (apt-get install busybox-static)" >&2
  exit 1
fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,etc,tmp,root,configs,workspace,home/agent,www/cgi-bin}
chmod 1777 "$root/tmp"
cp "$busybox" "$root/bin/busybox"
# The applets the agent and the platform's exec helpers (files, plugins, terminal) use.
for applet in sh ash cat ls cp mv rm mkdir rmdir ln chmod chown touch find stat test [ echo printf \
  env id whoami pwd sleep timeout date hostname uname kill ps sync true false wget nc httpd \
  sed awk grep head tail tr cut wc sort uniq tee xargs dirname basename readlink realpath \
  mktemp tar gzip gunzip base64 du df seq expr stty tty clear reset vi less; do
  ln -s busybox "$root/bin/$applet"
done
install -m 0755 "$here/agent" "$root/bin/agent"
install -m 0755 "$here/a2a.cgi" "$root/www/cgi-bin/index.cgi"
printf 'root:x:0:0:root:/root:/bin/sh\nagent:x:1000:1000:agent:/home/agent:/bin/sh\n' >"$root/etc/passwd"
printf 'root:x:0:\nagent:x:1000:\n' >"$root/etc/group"
chown 1000:1000 "$root/home/agent" 2>/dev/null || true

tar --numeric-owner -C "$root" -cf - . |
  DOCKER_HOST=$host docker import -c 'CMD ["/bin/agent"]' -c 'WORKDIR /' - "$name" >/dev/null
echo "$name"
