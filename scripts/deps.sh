#!/bin/sh
# Install the Debian packages nastavnik needs, per target:
#   scripts/deps.sh build   what building and `make site` need (the default);
#   scripts/deps.sh test    what `make check`, fuzzing and the bench add;
#   scripts/deps.sh typeset what `make typeset-report` adds (LibreOffice).
# The npm packages of the browser tests are scripts/npm-deps.sh, which
# only `make check` runs: `make site` needs neither test tools nor npm.
# Idempotent and silent when everything is already installed.
# Runs apt-get directly as root, through sudo otherwise.
set -eu

# build: the compiler, cmark and libyaml (content), zlib (the PDFs'
# compression level, print_deflate.c), Pango/Cairo, libhyphen
# with the Russian patterns and Liberation fonts (the PDF back end),
# libmicrohttpd (the preview server), libzip and libxml2 (`nastavnik
# import` reads .docx and .odt), libcurl (`nastavnik deploy`), libgit2
# (revision history of documents from Git), libxlsxwriter (`nastavnik
# report --xlsx`), Poppler's GLib interface (the text of PDF attachments,
# read for names the website may not show), jemalloc (the program's
# allocator: less CPU and memory than glibc's with several threads).
BUILD_PACKAGES="
make gcc pkg-config
libcmark-dev libyaml-dev zlib1g-dev
libpango1.0-dev libcairo2-dev libhyphen-dev hyphen-ru fonts-liberation2
libmicrohttpd-dev libzip-dev libxml2-dev libcurl4-openssl-dev libgit2-dev
libxlsxwriter-dev libjemalloc-dev libpoppler-glib-dev
"
# test: clang (fuzzing, sanitizers), valgrind, time; chromium: headless
# browser for tests/browser; tidy, libxml2-utils (xmllint): validity of the
# generated HTML, XML and JSON; python3-icalendar: the calendars;
# poppler-utils and qpdf: the PDF checks; curl: the preview server's tests;
# python3-docx and python3-odf write the import's test fixtures;
# python3-openpyxl reads back the spreadsheets `nastavnik report` writes;
# openssh-server, vsftpd and nginx with WebDAV: the servers `nastavnik
# deploy` is tested against (started by the tests on 127.0.0.1 only).
TEST_PACKAGES="
clang libclang-rt-14-dev
valgrind time
chromium tidy libxml2-utils python3 python3-icalendar
poppler-utils qpdf curl
python3-docx python3-odf python3-openpyxl
openssh-server vsftpd nginx-light libnginx-mod-http-dav-ext
"
case "${1:-build}" in
build) PACKAGES=$BUILD_PACKAGES ;;
test) PACKAGES="$BUILD_PACKAGES $TEST_PACKAGES" ;;
# LibreOffice Writer sets the same text for the typeset report's comparison.
typeset) PACKAGES="$BUILD_PACKAGES libreoffice-writer-nogui" ;;
*)
	echo "deps.sh: неизвестная цель «$1»: build, test или typeset" >&2
	exit 2
	;;
esac

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
# Node.js and npm are checked as commands, not as packages: a machine may
# have them from NodeSource, whose nodejs package bundles npm and conflicts
# with Debian's npm package. A fresh Debian 12 gets both from Debian.
if [ "${1:-build}" = test ]; then
	command -v node >/dev/null 2>&1 || missing="$missing nodejs"
	command -v npm >/dev/null 2>&1 || missing="$missing npm"
fi

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

