/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * The live run leaves no trace: every temp folder it makes (n8n's user folder, binary store) goes
 * into one folder of its own, removed when it exits. Imported first, before anything makes one;
 * test/support/setup-env.ts comes next.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (!process.env.PICWISH_LIVE_TEMP) {
	const root = mkdtempSync(join(tmpdir(), 'picwish-live-'));
	process.env.PICWISH_LIVE_TEMP = root;
	process.env.TMPDIR = root;
	process.on('exit', () => rmSync(root, { recursive: true, force: true }));
}
