/**
 * What each PicWish API accepts as an input image, and the check of an image against it (format,
 * size, dimensions from the header, imageHeader.ts). Every function here returns a result for any
 * bytes and never throws. Pure.
 */
import { type FileType, HEADER_READERS, sniffFileType } from './imageHeader';

export { type FileType, imageDimensions, sniffFileType } from './imageHeader';

/** What one PicWish API accepts as an input image, checked before anything is sent. */
export interface ImageLimits {
	/** File kinds (as sniffFileType names them) the API takes. */
	kinds: readonly string[];
	/** The same, as the user reads it: "JPG, PNG or BMP". */
	formats: string;
	maxBytes: number;
	minSide: number;
	maxSide: number;
	/** Longest image URL the API takes, where its page says (512 on the newer pages). */
	maxUrlLength?: number;
	/** Largest image PicWish downloads from a URL, where its docs say. */
	maxUrlBytes?: number;
	/**
	 * PicWish states none of these limits (not its page, an older page of its own, nor its own
	 * example code): only what surely fails is refused, and messages say the limit is not published.
	 */
	unpublished?: boolean;
	/** Limits seen only in third-party code: never refused; a refusal by PicWish names them as the likely cause. */
	likely?: { maxBytes?: number; maxSide?: number };
	/** The input is a document (PDF, Office) or an image: Document OCR (document.ts). */
	documents?: boolean;
}

/** Image Watermark Removal's upload limits (vendor docs, "Guidelines and Limits"). */
export const UPLOAD_LIMITS: ImageLimits = {
	kinds: ['jpeg', 'png', 'bmp'],
	maxBytes: 50 * 1024 * 1024,
	minSide: 20,
	maxSide: 10000,
	formats: 'JPG, PNG or BMP',
	maxUrlBytes: 30 * 1024 * 1024,
};

/**
 * For the APIs whose limits section could not be read (docs/picwish-api.md): only what is surely
 * wrong is refused before sending (not an image, over the largest size any PicWish page names);
 * PicWish's own checks decide the rest. [INFERRED]
 */
export const UNPUBLISHED_LIMITS: ImageLimits = {
	kinds: ['jpeg', 'png', 'bmp', 'webp'],
	maxBytes: 50 * 1024 * 1024,
	minSide: 1,
	maxSide: 10000,
	formats: 'JPG, PNG, BMP or WebP',
	unpublished: true,
};

/**
 * Limits PicWish's own example code states for Enhance and Face Cutout (its "skills" bundle of
 * API examples): 4096 × 4096 px and 20 MB. The formats are not stated there. [EXAMPLE]
 */
export const EXAMPLE_LIMITS: ImageLimits = {
	...UNPUBLISHED_LIMITS,
	maxBytes: 20 * 1024 * 1024,
	maxSide: 4096,
	unpublished: false,
};

export type ImageInspection =
	| {
			ok: true;
			type: FileType;
			width: number;
			height: number;
	  }
	| {
			ok: false;
			/** What is wrong, for the error message. */
			problem: string;
			/** How to fix it, for the error description. */
			fix: string;
			type?: FileType;
	  };

export type FailedInspection = Extract<ImageInspection, { ok: false }>;

/** Limits seen in third-party code, as a likely cause of a refusal ('' when there are none). */
export function likelyText(limits: ImageLimits): string {
	const { likely } = limits;
	const parts = [
		likely?.maxSide && `${likely.maxSide} px per side`,
		likely?.maxBytes && sizeText(likely.maxBytes),
	].filter(Boolean);
	return parts.length
		? ` Third-party code reports at most ${parts.join(' and ')} for this API.`
		: '';
}

const acceptedFix = (limits: ImageLimits): string =>
	!limits.unpublished
		? `Send a ${limits.formats} image between ${limits.minSide} and ${limits.maxSide} pixels per side, up to ${sizeText(limits.maxBytes)}.${likelyText(limits)}`
		: `Send a ${limits.formats} image; PicWish does not publish this API's size limits.${likelyText(limits)}`;

/** What the failure states about the input mean for an API with these limits (states -7 and -5). */
export function limitHints(limits: ImageLimits): Record<number, string> {
	const byUrl = limits.maxUrlBytes ?? limits.maxBytes;
	return {
		[-7]: `The image is corrupted or not in a supported format. ${acceptedFix(limits)}`,
		[-5]: !limits.unpublished
			? `The image behind the URL is larger than ${sizeText(byUrl)}. Use a smaller image${byUrl < limits.maxBytes ? `, or download it and send it as a binary file (up to ${sizeText(limits.maxBytes)})` : ''}.`
			: `The image behind the URL is larger than this API accepts (PicWish does not publish its limit).${likelyText(limits)} Use a smaller image.`,
	};
}

/** Checks a file's size alone: empty, or over the API's upload limit (no need to read such a file). */
export function inspectSize(
	byteLength: number,
	limits: ImageLimits = UPLOAD_LIMITS,
): FailedInspection | undefined {
	if (byteLength === 0)
		return { ok: false, problem: 'is empty (0 bytes)', fix: acceptedFix(limits) };
	if (byteLength > limits.maxBytes) {
		const byUrl = limits.maxUrlBytes
			? `, or pass a public URL instead (PicWish accepts up to ${sizeText(limits.maxUrlBytes)} by URL)`
			: '';
		return {
			ok: false,
			problem: !limits.unpublished
				? `is ${formatBytes(byteLength)}, over PicWish's upload limit of ${sizeText(limits.maxBytes)}`
				: `is ${formatBytes(byteLength)}, over the largest upload any PicWish API takes (${sizeText(limits.maxBytes)})`,
			fix: `Resize or compress the image below ${sizeText(limits.maxBytes)}${byUrl}.`,
		};
	}
	return undefined;
}

/**
 * Checks bytes the way PicWish will: format, size, and dimensions from the header, against the
 * limits of the API that will receive them.
 */
export function inspectImage(
	bytes: Uint8Array,
	limits: ImageLimits = UPLOAD_LIMITS,
): ImageInspection {
	const sizeProblem = inspectSize(bytes.length, limits);
	if (sizeProblem) return sizeProblem;
	const fileType = sniffFileType(bytes);
	const fix = acceptedFix(limits);
	if (!fileType?.accepted || !limits.kinds.includes(fileType.kind)) {
		const what = fileType ? fileType.noun : 'not a recognised image';
		return {
			ok: false,
			type: fileType,
			problem: `is ${what}; PicWish accepts only ${limits.formats} images`,
			fix: fileType?.mimeType.startsWith('image/')
				? `Convert the image to JPG or PNG first (for example with the Edit Image node). ${fix}`
				: `Check that the binary property holds the image itself, not an error page or another document. ${fix}`,
		};
	}
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const header = HEADER_READERS[fileType.kind](bytes, view);
	if ('problem' in header)
		return {
			ok: false,
			type: fileType,
			problem: header.problem,
			fix: `Re-export or download the image again. ${fix}`,
		};
	const { width, height } = header;
	const { minSide, maxSide } = limits;
	if (width < minSide || height < minSide || width > maxSide || height > maxSide)
		return {
			ok: false,
			type: fileType,
			problem: `is ${width}×${height} pixels; PicWish accepts ${minSide} to ${maxSide} pixels per side`,
			fix:
				width > maxSide || height > maxSide
					? `Scale the image down (for example with the Edit Image node) so that no side exceeds ${maxSide} pixels.`
					: `Use a larger image: each side must be at least ${minSide} pixels.`,
		};
	return { ok: true, type: fileType, width, height };
}

/** A limit as the docs state it: "50 MB". */
const sizeText = (bytes: number): string =>
	bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : formatBytes(bytes);

export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} bytes`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
	return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The limits in a few words, for hints and tool descriptions: "JPG, PNG or BMP, 20–10000 px, up to 50 MB". */
export function describeLimits(
	limits: ImageLimits,
	{ byUrl = false, formats = true } = {},
): string {
	if (limits.unpublished)
		return [formats ? limits.formats : '', 'size limits not published'].filter(Boolean).join(', ');
	const sides =
		limits.minSide > 1
			? `${limits.minSide}–${limits.maxSide} px`
			: limits.maxSide < UNPUBLISHED_LIMITS.maxSide
				? `up to ${limits.maxSide} px per side`
				: '';
	const size = `up to ${sizeText(byUrl ? (limits.maxUrlBytes ?? limits.maxBytes) : limits.maxBytes)}`;
	return [formats ? limits.formats : '', sides, size].filter(Boolean).join(', ');
}
