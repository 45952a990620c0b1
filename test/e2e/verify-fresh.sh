#!/usr/bin/env bash
# `npm run verify:fresh`: the README's two commands as a newcomer meets them. A fresh clone of the
# committed HEAD, an empty HOME (so no npm cache, no ~/.npmrc, no cached n8n hosts) and a clean
# environment (nothing inherited from the npm that started this script), and a TMPDIR inside a
# folder only its owner may enter (mode 0700, as Debian's libpam-tmpdir gives every login and macOS
# every user; the clone is in that private folder too), then:
#   1. `npm ci && npm run dev`, until the editor is up; a browser runs the folder example from the
#      editor and the cleaned images must appear (test/e2e/dev-check.ts); then dev is stopped;
#   2. `npm ci && npm run verify` (FRESH_VERIFY_RUNS times in a row, default 1), which must leave
#      nothing in its TMPDIR and change no file of the clone.
# Prints how long each took. Slow (it installs both n8n hosts from scratch): about 30 minutes.
# The work folder is removed when both pass; FRESH_KEEP=1 keeps it. Debian's chromium is a system
# package: if it is already installed, it is used as it is.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/picwish-fresh-XXXXXX")
chmod 700 "$WORK"
REPO="$WORK/repo"
say() { echo "[fresh] $*"; }
# One private TMPDIR per step, so what verify leaves behind is its own.
mkdir -m 700 "$WORK/tmp-dev"

git clone --quiet "$ROOT" "$REPO"
say "fresh clone of $(git -C "$REPO" log -1 --format='%h %s' | cut -c1-80) in $REPO"
[ -z "$(git -C "$ROOT" status --porcelain)" ] || say "note: uncommitted changes in $ROOT are not part of this check"
mkdir -p "$WORK/home"

# The newcomer's environment: PATH without this project's node_modules/.bin, an empty HOME.
CLEAN_PATH=$(tr ':' '\n' <<<"$PATH" | grep -v 'node_modules/.bin' | paste -sd: -)
fresh_tmp="$WORK/tmp-dev"
fresh() { (cd "$REPO" && env -i PATH="$CLEAN_PATH" HOME="$WORK/home" TMPDIR="$fresh_tmp" LANG=C.UTF-8 TERM=dumb bash -c "$1"); }

cleanup() {
	[ -n "${DEV_PID:-}" ] && kill -INT -- "-$DEV_PID" 2>/dev/null || true
}
trap cleanup EXIT

# 1. npm ci && npm run dev
started=$SECONDS
say "1/2 npm ci && npm run dev (log: $WORK/dev.log)"
set -m
fresh "npm ci --no-audit --no-fund && npm run dev" >"$WORK/dev.log" 2>&1 &
DEV_PID=$!
set +m
tail -n +1 -f "$WORK/dev.log" --pid="$DEV_PID" | sed -u 's/^/  | /' &
TAIL_PID=$!
until grep -q 'n8n editor:' "$WORK/dev.log"; do
	if ! kill -0 "$DEV_PID" 2>/dev/null; then
		kill "$TAIL_PID" 2>/dev/null || true
		say "FAILED: npm run dev stopped before the editor was up (work folder kept: $WORK)"
		exit 1
	fi
	if ((SECONDS - started > 2400)); then say "FAILED: no editor after 40 minutes (kept: $WORK)"; exit 1; fi
	sleep 2
done
dev_time=$((SECONDS - started))
editor=$(grep -o 'n8n editor: *http://[^ ]*' "$WORK/dev.log" | grep -o 'http://.*')
say "editor up at $editor after ${dev_time} s; running the folder example from the editor"
fresh "node test/support/run-ts.js test/e2e/dev-check.ts '$editor' '$WORK/dev-check.png'"
kill -INT -- "-$DEV_PID"
wait "$DEV_PID" 2>/dev/null || true
kill "$TAIL_PID" 2>/dev/null || true
DEV_PID=""
say "npm run dev: editor after ${dev_time} s, folder example ran"

# 2. npm ci && npm run verify, FRESH_VERIFY_RUNS times in a row (default 1), each with a TMPDIR of its own.
RUNS=${FRESH_VERIFY_RUNS:-1}
verify_times=()
for run in $(seq 1 "$RUNS"); do
	started=$SECONDS
	fresh_tmp="$WORK/tmp-verify-$run"
	mkdir -m 700 "$fresh_tmp"
	say "2/2 npm ci && npm run verify (run $run of $RUNS), TMPDIR=$fresh_tmp (log: $WORK/verify-$run.log)"
	if ! fresh "npm ci --no-audit --no-fund && npm run verify" 2>&1 | tee "$WORK/verify-$run.log" | sed -u 's/^/  | /'; then
		say "FAILED: npm run verify, run $run of $RUNS (work folder kept: $WORK)"
		exit 1
	fi
	verify_times+=("$((SECONDS - started)) s")
	if [ -n "$(ls -A "$fresh_tmp")" ]; then
		say "FAILED: npm run verify (run $run) passed but left files in its TMPDIR (work folder kept: $WORK):"
		ls -lA "$fresh_tmp" | sed 's/^/  | /'
		exit 1
	fi
	if [ -n "$(git -C "$REPO" status --porcelain)" ]; then
		say "FAILED: npm run verify (run $run) changed the clone (work folder kept: $WORK):"
		git -C "$REPO" status --porcelain | sed 's/^/  | /'
		exit 1
	fi
done

say "passed: npm ci && npm run dev → editor in ${dev_time} s; npm ci && npm run verify, $RUNS run(s) in a row: ${verify_times[*]} (hosts already installed by step 1)"
if [ "${FRESH_KEEP:-}" = 1 ]; then say "kept $WORK"; else rm -rf "$WORK"; fi
