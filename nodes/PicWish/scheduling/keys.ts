/**
 * One pacer per API key in this process, shared by every execution that uses the key. The map is
 * keyed by a SHA-256 of base URL and key, so the key itself is never held here in clear. Pacers no
 * one has used for a minute are dropped when the map is next looked at (no timers).
 */
import { KeyPacer } from './pacer';

const IDLE_MS = 60_000;

const pacers = new Map<string, KeyPacer>();

/** A one-way id of a base URL and key: what the node keeps per credential instead of the key. */
export async function keyId(baseUrl: string, apiKey: string): Promise<string> {
	const digest = await crypto.subtle.digest(
		'SHA-256',
		new TextEncoder().encode(`${baseUrl}\n${apiKey}`),
	);
	return Buffer.from(digest).toString('hex');
}

/** The pacer of this base URL and key, made on first use. */
export async function pacerForKey(baseUrl: string, apiKey: string): Promise<KeyPacer> {
	const now = Date.now();
	for (const [other, pacer] of pacers) if (pacer.idleFor(IDLE_MS, now)) pacers.delete(other);
	const id = await keyId(baseUrl, apiKey);
	let pacer = pacers.get(id);
	if (!pacer) {
		pacer = new KeyPacer();
		pacers.set(id, pacer);
	}
	return pacer;
}

/** How many keys have a pacer now (for tests). */
export const pacedKeys = (): number => pacers.size;
