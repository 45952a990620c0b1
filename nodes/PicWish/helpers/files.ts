/** File names and types of inputs and results. Pure. */

const EXTENSION_BY_MIME: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/jpg': 'jpg',
	'image/png': 'png',
	'image/bmp': 'bmp',
	'image/webp': 'webp',
	'image/gif': 'gif',
	'image/tiff': 'tiff',
};

/** The usual extension of an image MIME type, if it is one we know. */
export const extensionOf = (mimeType: string): string | undefined => EXTENSION_BY_MIME[mimeType];

/** Strips the extension and any path from a file name. */
export function baseNameOf(fileName: string): string {
	const last = fileName.split(/[\\/]/).pop() ?? '';
	const dot = last.lastIndexOf('.');
	return (dot > 0 ? last.slice(0, dot) : last) || 'image';
}

/** The output file name: the one asked for (its extension added if it has none), else the input's. */
export function resultFileName(
	requested: string | undefined,
	baseName: string,
	extension: string,
): string {
	const name = requested?.trim();
	if (!name) return `${baseName}.${extension}`;
	return /\.[A-Za-z0-9]{2,5}$/.test(name) ? name : `${name}.${extension}`;
}
