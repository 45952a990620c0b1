/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
// Environment every test process needs (see docs/testing.md): a private n8n user folder (inside
// the run's temp folder, test/support/temp-root.js), a silent logger, and no proxy (n8n's proxy
// agent would bypass nock).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'picwish-n8n-'));
process.env.N8N_LOG_LEVEL = 'silent';
for (const name of [
	'HTTP_PROXY',
	'HTTPS_PROXY',
	'http_proxy',
	'https_proxy',
	'ALL_PROXY',
	'all_proxy',
]) {
	delete process.env[name];
}
