/* eslint-disable @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * The sandbox's result storage, signed as Alibaba OSS signs PicWish's result URLs: V4
 * (`x-oss-*`, as PicWish answers now) or the old `Expires`/`Signature` form; a download checks the
 * signature and its lifetime, and is refused with OSS's XML error otherwise.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** Signs the sandbox's result URLs; the download checks the signature as OSS would. */
const SIGNING_SECRET = 'picwish-sandbox-oss-secret';

const unixSeconds = (ms: number) => Math.floor(ms / 1000);

function sign(text: string): string {
	return createHmac('sha256', SIGNING_SECRET).update(text).digest('hex');
}

/** A URL for `/results/<file>` signed at `signedAt` for `lifetimeMs` (whole seconds), in the given form. */
export function signedResultUrl(
	baseUrl: string,
	file: string,
	signedAt: number,
	lifetimeMs: number,
	form: 'v4' | 'v1',
): string {
	const path = `/results/${file}`;
	const lifetime = lifetimeMs / 1000;
	if (form === 'v1') {
		const expires = unixSeconds(signedAt) + lifetime;
		const signature = sign(`${path}\n${expires}`);
		return `${baseUrl}${path}?Expires=${expires}&OSSAccessKeyId=LTAI5tSandbox&Signature=${encodeURIComponent(signature)}`;
	}
	const date = new Date(unixSeconds(signedAt) * 1000)
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
	const query = new URLSearchParams({
		'x-oss-credential': `LTAI5tSandbox/${date.slice(0, 8)}/cn-hongkong/oss/aliyun_v4_request`,
		'x-oss-date': date,
		'x-oss-expires': String(lifetime),
		'x-oss-signature-version': 'OSS4-HMAC-SHA256',
	});
	query.set('x-oss-signature', sign(`${path}\n${query.toString()}`));
	return `${baseUrl}${path}?${query.toString()}`;
}

/** When a signed result URL stops working, or why it never worked. */
function checkSignature(
	path: string,
	query: URLSearchParams,
): { expiresAt: number } | { problem: string } {
	if (query.has('x-oss-signature')) {
		const unsigned = new URLSearchParams([...query].filter(([name]) => name !== 'x-oss-signature'));
		if (query.get('x-oss-signature') !== sign(`${path}\n${unsigned.toString()}`))
			return { problem: 'SignatureDoesNotMatch' };
		const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(
			query.get('x-oss-date') ?? '',
		);
		if (!match) return { problem: 'SignatureDoesNotMatch' };
		const [, y, mo, d, h, mi, sec] = match.map(Number);
		return {
			expiresAt: Date.UTC(y, mo - 1, d, h, mi, sec) + Number(query.get('x-oss-expires')) * 1000,
		};
	}
	const expires = query.get('Expires');
	if (!expires || query.get('Signature') !== sign(`${path}\n${expires}`))
		return { problem: 'SignatureDoesNotMatch' };
	return { expiresAt: Number(expires) * 1000 };
}

/**
 * Serves a stored result as OSS does: the signature and its lifetime decide, with an XML error
 * otherwise. `result` is undefined for a key that does not exist (yet). `revokedAt`: the result's
 * URLs were revoked then, and are refused as expired since (with that time as their `Expires`).
 */
export function serveResult(
	res: ServerResponse,
	path: string,
	query: URLSearchParams,
	result: { bytes: Buffer; mime: string } | undefined,
	revokedAt?: number,
): void {
	const checked = checkSignature(path, query);
	const signature =
		revokedAt !== undefined && 'expiresAt' in checked
			? { expiresAt: Math.min(checked.expiresAt, revokedAt) }
			: checked;
	const now = Date.now();
	const problem = !result
		? 'NoSuchKey'
		: 'problem' in signature
			? signature.problem
			: revokedAt !== undefined || now > signature.expiresAt
				? 'AccessDenied'
				: undefined;
	if (problem) {
		const message = {
			NoSuchKey: 'The specified key does not exist.',
			SignatureDoesNotMatch:
				'The request signature we calculated does not match the signature you provided.',
			AccessDenied: 'Request has expired.',
		}[problem];
		const expired = problem === 'AccessDenied' && 'expiresAt' in signature;
		res.writeHead(problem === 'NoSuchKey' ? 404 : 403, {
			'Content-Type': 'application/xml',
			'x-oss-request-id': randomUUID(),
		});
		res.end(
			`<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>${problem}</Code>\n  <Message>${message}</Message>\n  <RequestId>${randomUUID()}</RequestId>\n  <HostId>sandbox.oss-cn-hongkong.aliyuncs.com</HostId>\n${
				expired
					? `  <Expires>${new Date(signature.expiresAt).toISOString()}</Expires>\n  <ServerTime>${new Date(now).toISOString()}</ServerTime>\n`
					: ''
			}</Error>`,
		);
		return;
	}
	res.writeHead(200, {
		'Content-Type': result!.mime,
		'Content-Length': String(result!.bytes.length),
	});
	res.end(result!.bytes);
}
