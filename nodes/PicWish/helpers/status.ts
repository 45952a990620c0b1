/**
 * PicWish response status codes (HTTP status and the body's `status`), from the vendor's table,
 * each with the message and the fix shown to the user. Pure.
 */

interface StatusInfo {
	message: string;
	description: string;
	/** The key's rate limit refused the request: no task was made, and it may be sent again later. */
	rateLimited: boolean;
}

/** The table; `{service}` is the name of the API the request was for ("watermark removal"). */
const KNOWN_STATUSES: Record<number, StatusInfo> = {
	400: {
		message: 'PicWish rejected the request as invalid (400)',
		description:
			'A parameter is missing or has a wrong value. Check that exactly one input is given (a binary file or a URL) and that the URL is a complete, URL-encoded http(s) address.',
		rateLimited: false,
	},
	401: {
		message: 'PicWish rejected the API key (401)',
		description:
			'Check the API key in the PicWish credential (copy it again from https://picwish.com/my-account?subRoute=api-key) and that the {service} service is enabled for your account.',
		rateLimited: false,
	},
	403: {
		message: 'PicWish refused access (403)',
		description:
			'The key may lack access to this API or your account may be out of credits. Check your PicWish account and API key.',
		rateLimited: false,
	},
	404: {
		message: 'PicWish could not find the task or endpoint (404)',
		description:
			'Check the task ID (it is returned by Create Task) and the Base URL in the credential (https://techhk.aoscdn.com, or https://techsz.aoscdn.com for mainland China). Results are kept for one hour only.',
		rateLimited: false,
	},
	413: {
		message: 'The image is too large for PicWish (413)',
		description:
			'Uploaded images may be at most 50 MB for watermark removal, less for some other PicWish APIs (see the README). Resize or compress the image first.',
		rateLimited: false,
	},
	429: {
		message: 'PicWish rate limit exceeded (429)',
		description:
			'Your key sent more requests per second than its QPS limit (2 by default). Lower "Requests Per Second" in the credential to your plan\'s limit, check that no other workflow uses the same key at the same time, or ask PicWish to raise your QPS.',
		rateLimited: true,
	},
	500: {
		message: 'PicWish had an internal error (500)',
		description:
			'This is a fault on the PicWish side. Retry later; if it persists, contact PicWish support (with the task ID if there is one).',
		rateLimited: false,
	},
};

/**
 * Describes any non-200 status; unknown codes are grouped by class. `service` names the API in the
 * advice ("the watermark removal service is enabled").
 */
export function describeStatus(status: number, service = 'PicWish API'): StatusInfo {
	const known = KNOWN_STATUSES[status];
	if (known) return { ...known, description: known.description.replace('{service}', service) };
	if (status >= 500) {
		return {
			message: `PicWish is unavailable (${status})`,
			description:
				'The PicWish service or a gateway in front of it failed. Retry later; if it persists, contact PicWish support.',
			rateLimited: false,
		};
	}
	return {
		message: `PicWish answered with an unexpected status (${status})`,
		description:
			'Check the Base URL in the credential: it must point at the PicWish API (https://techhk.aoscdn.com) or a compatible proxy.',
		rateLimited: false,
	};
}
