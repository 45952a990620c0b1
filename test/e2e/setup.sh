#!/usr/bin/env bash
# What the end-to-end tests need outside node_modules: Debian's Chromium for the editor check,
# and the two n8n hosts (installed once into a cache folder outside the package).
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ ! -x /usr/bin/chromium ]; then
	echo "installing Debian's chromium (for the editor check)"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi
test/e2e/install-hosts.sh all
