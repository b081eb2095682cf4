#!/bin/sh
# Install the npm packages of the browser tests (tests/browser/package.json,
# exact versions from package-lock.json) into tests/browser/node_modules.
# Runs `npm ci` only when node_modules is missing or older than the lock
# file or package.json; silent otherwise. Called by scripts/deps.sh.
set -eu

dir="$(cd "$(dirname "$0")/.." && pwd)/tests/browser"
stamp="$dir/node_modules/.package-lock.json"   # written by npm ci

if [ -f "$stamp" ] &&
	[ -z "$(find "$dir/package-lock.json" "$dir/package.json" -newer "$stamp" 2>/dev/null)" ]; then
	exit 0
fi
echo "npm-deps.sh: устанавливаю пакеты npm в tests/browser" >&2
cd "$dir"
npm ci --no-audit --no-fund --loglevel=error
