/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-console -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * Queue mode, for real: n8n 2.41.1 main + 2 workers on Redis and PostgreSQL (Debian's packages,
 * started and stopped here), four webhook calls of 40 image URLs at once on one API key. Every
 * image is cleaned, none is created twice, no execution fails on a 429. The timing is printed
 * here and measured by `npm run bench` (docs/benchmarks.md).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ensureHost, HOSTS, packPackage } from './host';
import { runQueueMode } from './queue-mode';

it('four webhook batches of 40 on two workers: every image cleaned once, no execution lost to a 429', async () => {
	ensureHost(HOSTS['2']);
	const tarball = packPackage(mkdtempSync(join(tmpdir(), 'picwish-pack-')));
	const result = await runQueueMode({
		tarball,
		executions: 4,
		imagesPerExecution: 40,
		processingMs: 3000,
		qps: 2,
		workers: 2,
	});
	console.log(
		`queue mode, 2 workers, 4 × 40: ${(result.wallMs / 1000).toFixed(1)} s (${(result.wallMs / result.boundMs).toFixed(2)} × bound), ` +
			`${(result.requests / result.images).toFixed(2)} requests per image, ${result.seen429} 429s seen, peak ${result.peakPerSecond}/s`,
	);
	expect(result.statuses).toEqual(['success', 'success', 'success', 'success']);
	expect(result.creates).toBe(160);
});
