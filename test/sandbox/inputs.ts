/**
 * The inputs of the sandbox's task APIs (create.ts): the upload and URL limits, an API's input
 * rules, and checking an image, a document or a mask against them (the reason a file is refused,
 * and the state a URL task fails in).
 */
import { type ImageLimits, inspectImage } from '../../nodes/PicWish/helpers/image';
import { sniffDocument } from './documents';
import { decodePicture, type Picture } from './render';

/** An input: an image (decoded only when a result needs its pixels), or a document (no pixels: 0×0). */
export interface Source {
	bytes: Buffer;
	kind: string;
	width: number;
	height: number;
	readonly picture: Picture;
}

/** What an API takes as its input: its limits, as the node's ImageLimits name them. */
export interface InputRules
	extends Pick<
		ImageLimits,
		'kinds' | 'formats' | 'maxBytes' | 'minSide' | 'maxSide' | 'maxUrlLength'
	> {
	/**
	 * The API's page states these limits: an uploaded file beyond them is refused with 400. Where
	 * the limits were not readable, a file the sandbox cannot take fails its task (state -7), as
	 * watermark removal does.
	 */
	published: boolean;
	/** Documents (documents.ts's kinds, e.g. `pdf`, `docx`) are taken besides images: Document OCR. */
	documents?: boolean;
	/** The largest upload this API reads (413 beyond it): MAX_UPLOAD unless the page allows more. */
	maxUpload?: number;
	/** The only ports an image_url may use (OCR's page: 80 and 443); another explicit port is a 400. */
	urlPorts?: readonly number[];
}

/** A URL input as the server fetched it, or the state its task fails in. */
export type Loaded = { bytes: Buffer; downloadMs: number } | { failState: number };

const MB = 1024 * 1024;
export const MAX_UPLOAD = 50 * MB;
/** PicWish's generic limit on a URL image (state -5, the watermark doc). */
export const MAX_URL_IMAGE = 30 * MB;
const MASK_KINDS = ['jpeg', 'png'];

/** The largest upload the server reads for a create on an API with these rules (none: watermark removal's). */
export const uploadLimit = (input?: InputRules): number => input?.maxUpload ?? MAX_UPLOAD;
export const tooLarge = (limit: number): string =>
	`file too large (sandbox): the limit is ${limit / MB} MB`;

/** Where a page's limits were not readable: what the sandbox takes (a file beyond it fails its task, -7/-5). */
export const UNPUBLISHED: InputRules = {
	kinds: ['jpeg', 'png', 'bmp', 'webp'],
	formats: 'JPG, PNG, BMP or WebP',
	maxBytes: MAX_UPLOAD,
	minSide: 1,
	maxSide: 10000,
	published: false,
};

export function makeSource(bytes: Buffer, kind: string, width: number, height: number): Source {
	let picture: Picture | undefined;
	return {
		bytes,
		kind,
		width,
		height,
		get picture() {
			picture ??= decodePicture(bytes, kind, width, height);
			return picture;
		},
	};
}

type Checked = { source: Source } | { problem: string; failState: number };

/** An input against limits: the reason it is refused and the state a URL task would fail in. */
export function check(
	bytes: Buffer,
	rules: Pick<InputRules, 'kinds' | 'formats' | 'maxBytes' | 'minSide' | 'maxSide' | 'documents'>,
): Checked {
	if (bytes.length > rules.maxBytes)
		return {
			problem: `is ${bytes.length} bytes, over the limit of ${rules.maxBytes}`,
			failState: -5,
		};
	const document = rules.documents ? sniffDocument(bytes) : undefined;
	if (document && rules.kinds.includes(document.kind))
		return { source: makeSource(bytes, document.kind, document.width, document.height) };
	const header = inspectImage(bytes, {
		...rules,
		maxBytes: Infinity,
		minSide: 1,
		maxSide: Infinity,
	});
	if (!header.ok)
		return {
			problem: `is not a ${rules.formats} ${rules.documents ? 'file' : 'image'} (it ${header.problem})`,
			failState: -7,
		};
	const { width, height } = header;
	if (width > rules.maxSide || height > rules.maxSide)
		return {
			problem: `is ${width}×${height}, over ${rules.maxSide} pixels per side`,
			failState: -5,
		};
	if (width < rules.minSide || height < rules.minSide)
		return {
			problem: `is ${width}×${height}, under ${rules.minSide} pixels per side`,
			failState: -7,
		};
	return { source: makeSource(bytes, header.type.kind, width, height) };
}

export const MASK_RULES = {
	kinds: MASK_KINDS,
	formats: 'JPG or PNG',
	minSide: 1,
	maxSide: Infinity,
};

/**
 * A URL on a port the API does not take. The sandbox serves its samples (and tests their own
 * files) on its own host at other ports: URLs on that host are exempt, so tests can pass them.
 */
export function badPort(
	url: string,
	ports: readonly number[],
	baseUrl: string,
): number | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return undefined; // the download fails (-3)
	}
	if (parsed.hostname === new URL(baseUrl).hostname) return undefined;
	const port = Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80));
	return ports.includes(port) ? undefined : port;
}
