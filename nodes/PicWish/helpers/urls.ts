/** http(s) addresses, as the Base URL and the Image URL need them. Pure. */

type HttpUrlCheck =
	| { ok: true; url: URL }
	| { ok: false; problem: 'invalid' | 'protocol'; protocol?: string };

/** Parses an address and accepts only http and https. */
export function parseHttpUrl(text: string): HttpUrlCheck {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return { ok: false, problem: 'invalid' };
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return { ok: false, problem: 'protocol', protocol: url.protocol.replace(/:$/, '') };
	}
	return { ok: true, url };
}
