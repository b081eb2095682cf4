#!/bin/sh
# Install the Debian packages that building and testing nastavnik need.
# Idempotent: does nothing when every package is already installed.
# Runs apt-get directly as root, through sudo otherwise.
set -eu

PACKAGES="
make gcc pkg-config
libcmark-dev libyaml-dev
clang libclang-rt-14-dev
valgrind time
"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "deps.sh: устанавливаю пакеты:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
else
	SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
