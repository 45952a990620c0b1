#!/usr/bin/env bash
# What the end-to-end tests need outside node_modules: Debian's Chromium (the editor check), Redis
# and PostgreSQL (queue mode), and the two n8n hosts (installed once into a cache folder outside
# the package, each proven to run).
set -euo pipefail
cd "$(dirname "$0")/../.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-dejavu-core)
command -v redis-server >/dev/null || missing+=(redis-server)
[ -x /usr/lib/postgresql/15/bin/postgres ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
	echo "installing Debian's ${missing[*]} (editor check, queue mode)"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
test/e2e/install-hosts.sh all
