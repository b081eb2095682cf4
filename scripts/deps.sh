#!/bin/sh
# Install the Debian packages that building and testing nastavnik need.
# The npm packages of the browser tests are scripts/npm-deps.sh, which
# only `make check` runs: `make site` needs no network once these are in.
# Idempotent and silent when everything is already installed.
# Runs apt-get directly as root, through sudo otherwise.
set -eu

# chromium: headless browser for tests/browser; tidy, libxml2-utils
# (xmllint): validity of the generated HTML, XML and JSON in tests/html.
# Pango/Cairo, libhyphen with the Russian patterns and Liberation fonts:
# the PDF back end; poppler-utils and qpdf: the PDF checks in tests/print.
# libmicrohttpd: the preview server; curl: its tests in tests/serve.
# libzip and libxml2: `nastavnik import` reads .docx and .odt; python3-docx
# and python3-odf write the test fixtures of the import.
PACKAGES="
make gcc pkg-config
libcmark-dev libyaml-dev
clang libclang-rt-14-dev
valgrind time
chromium tidy libxml2-utils python3-icalendar
libpango1.0-dev libcairo2-dev libhyphen-dev hyphen-ru fonts-liberation2 poppler-utils
libmicrohttpd-dev curl qpdf python3
libzip-dev libxml2-dev python3-docx python3-odf
"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
# Node.js and npm are checked as commands, not as packages: a machine may
# have them from NodeSource, whose nodejs package bundles npm and conflicts
# with Debian's npm package. A fresh Debian 12 gets both from Debian.
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"

if [ -n "$missing" ]; then
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
fi

