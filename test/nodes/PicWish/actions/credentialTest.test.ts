/**
 * The credential test, as n8n runs it (the node's `picWishApiTest` in n8n-core's own credential
 * test context, over real sockets): a right key passes, a wrong one never does — against the
 * sandbox, a host without the credits endpoint, and a strict gateway that answers 404 to a
 * malformed task ID before it looks at the key.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { CredentialTestContext } from 'n8n-core';
import type { ICredentialsDecrypted } from 'n8n-workflow';

import { picWishApiTest } from '../../../../nodes/PicWish/actions/credentialTest';
import { UNUSED_TASK_ID } from '../../../../nodes/PicWish/transport/keyCheck';
import { type Sandbox, type SandboxOptions, startSandbox, TASK_PATH } from '../../../sandbox/server';
import { useRealNetwork } from '../../../support/nock-lifecycle';

const KEY = 'sandbox-key';

beforeAll(() => useRealNetwork());

async function testKey(apiKey: string, baseUrl: string) {
	const credential = { id: 'c', name: 'PicWish', type: 'picWishApi', data: { apiKey, baseUrl, requestsPerSecond: 2 } } as ICredentialsDecrypted;
	return await picWishApiTest.call(new CredentialTestContext(undefined as never), credential);
}

async function withSandbox(options: SandboxOptions, body: (sandbox: Sandbox) => Promise<void>) {
	const sandbox = await startSandbox({ apiKeys: [KEY], qps: 10, ...options });
	try {
		await body(sandbox);
	} finally {
		await sandbox.close();
	}
}

/** A plain web server answering every path with `status` and `body`, recording the paths asked for. */
async function webServer(status: number, body: string, contentType: string): Promise<{ url: string; paths: string[]; close: () => Promise<void> }> {
	const paths: string[] = [];
	const server: Server = createServer((req, res) => {
		paths.push(req.url ?? '');
		res.writeHead(status, { 'Content-Type': contentType });
		res.end(body);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		paths,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

describe('Testing the PicWish credential', () => {
	it('passes a right key with the credits it has left, creating no task', async () => {
		await withSandbox({ credits: 120 }, async (sandbox) => {
			expect(await testKey(KEY, sandbox.url)).toEqual({ status: 'OK', message: 'Key accepted: 120 credits left' });
			expect(sandbox.stats).toMatchObject({ creditChecks: 1, creates: 0, queries: 0 });
		});
	});

	it('fails a wrong key with what to do', async () => {
		await withSandbox({}, async (sandbox) => {
			expect(await testKey('wrong-key', sandbox.url)).toEqual({
				status: 'Error',
				message: 'PicWish rejected the API key (401): check it and that the service is enabled',
			});
		});
	});

	describe('at a strict gateway (404 for a malformed task ID, before the key is looked at)', () => {
		it('still fails a wrong key: the credits endpoint checks it', async () => {
			await withSandbox({ strictTaskIds: true }, async (sandbox) => {
				expect((await testKey('wrong-key', sandbox.url)).status).toBe('Error');
				expect((await testKey(KEY, sandbox.url)).status).toBe('OK');
			});
		});

		it('without a credits endpoint, asks for a well-formed task ID, so the key is still checked', async () => {
			await withSandbox({ strictTaskIds: true, creditsEndpoint: false }, async (sandbox) => {
				const wrong = await testKey('wrong-key', sandbox.url);
				expect(wrong).toEqual({ status: 'Error', message: 'PicWish rejected the API key (401): check it and that the service is enabled' });
				expect(await testKey(KEY, sandbox.url)).toEqual({
					status: 'OK',
					message: 'Key accepted (this host has no credits endpoint; checked with a task query)',
				});
				// A malformed ID would have met the gateway's 404 before the key check, and passed any key.
				const unknown = await fetch(`${sandbox.url}${TASK_PATH}/n8n-credential-test`, { headers: { 'X-API-KEY': 'wrong-key' } });
				expect(unknown.status).toBe(404);
			});
		});
	});

	it('asks for a task ID in PicWish\'s own format (a UUID)', () => {
		expect(UNUSED_TASK_ID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
	});

	it('does not pass a Base URL that is a web site, not the API (an HTML 404 is not "task not found")', async () => {
		const site = await webServer(404, '<html><body><h1>Not Found</h1></body></html>', 'text/html');
		try {
			const result = await testKey(KEY, site.url);
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/did not answer like the PicWish API \(HTTP 404: "Not Found"\)/);
			expect(site.paths).toEqual(['/api/customers/package-credits', `${TASK_PATH}/${UNUSED_TASK_ID}`]);
		} finally {
			await site.close();
		}
	});

	it('does not pass a key while PicWish is failing, and says so', async () => {
		const down = await webServer(503, JSON.stringify({ status: 503, message: 'maintenance' }), 'application/json');
		try {
			expect(await testKey(KEY, down.url)).toEqual({
				status: 'Error',
				message: 'PicWish is unavailable (503): the key could not be checked. Try again later.',
			});
		} finally {
			await down.close();
		}
	});

	it('waits out a busy key (429) and tells when it stays busy', async () => {
		const busy = await webServer(429, JSON.stringify({ status: 429, message: 'too many requests' }), 'application/json');
		try {
			const result = await testKey(KEY, busy.url);
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/429 \(rate limit\) three times/);
			expect(busy.paths).toHaveLength(3);
		} finally {
			await busy.close();
		}
	});

	it('checks the key and the Base URL before sending anything', async () => {
		expect(await testKey('  ', 'https://techhk.aoscdn.com')).toEqual({
			status: 'Error',
			message: 'Enter the API key from https://picwish.com/my-account?subRoute=api-key',
		});
		expect((await testKey(KEY, 'ftp://techhk.aoscdn.com')).message).toMatch(/is not an http\(s\) address/);
	});

	it('names an unreachable host without showing the key', async () => {
		const closed = await webServer(200, '', 'text/plain');
		await closed.close();
		const result = await testKey('secret-key-123', closed.url);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Could not reach http:\/\/127\.0\.0\.1:\d+: /);
		expect(result.message).not.toContain('secret-key-123');
	});
});
