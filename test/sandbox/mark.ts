/**
 * The sandbox's "watermark removal": a re-encoded copy of the input with a visible diagonal band,
 * so nobody mistakes a sandbox result for a real one. Large images are returned as they are, to
 * keep benchmarks about the node rather than about pure-JS image codecs.
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

const MARK_LIMIT_PIXELS = 4_000_000;
const BAND = [255, 196, 0]; // amber

function stamp(data: Uint8Array | Buffer, width: number, height: number): void {
	const thickness = Math.max(4, Math.round(Math.min(width, height) / 12));
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			// One band from the bottom-left to the top-right corner.
			const distance = Math.abs(x / width + y / height - 1) * Math.min(width, height);
			if (distance < thickness / 2) {
				const offset = (y * width + x) * 4;
				data[offset] = BAND[0];
				data[offset + 1] = BAND[1];
				data[offset + 2] = BAND[2];
			}
		}
	}
}

export interface MarkedImage {
	bytes: Buffer;
	contentType: string;
	extension: string;
}

/**
 * Marks a PNG or JPEG; anything else (BMP, large or undecodable files) comes back unchanged.
 * `pixels` comes from the header, so large images are never decoded.
 */
export function markImage(input: Buffer, kind: string, mimeType: string, extension: string, pixels: number): MarkedImage {
	const unchanged = { bytes: input, contentType: mimeType, extension };
	if (pixels > MARK_LIMIT_PIXELS) return unchanged;
	try {
		if (kind === 'png') {
			const png = PNG.sync.read(input);
			if (png.width * png.height > MARK_LIMIT_PIXELS) return unchanged;
			stamp(png.data, png.width, png.height);
			return { bytes: PNG.sync.write(png), contentType: 'image/png', extension: 'png' };
		}
		if (kind === 'jpeg') {
			const image = jpeg.decode(input, { useTArray: true, maxMemoryUsageInMB: 256 });
			if (image.width * image.height > MARK_LIMIT_PIXELS) return unchanged;
			stamp(image.data, image.width, image.height);
			const encoded = jpeg.encode({ data: image.data, width: image.width, height: image.height }, 85);
			return { bytes: Buffer.from(encoded.data), contentType: 'image/jpeg', extension: 'jpg' };
		}
	} catch {
		// A file the codecs cannot read (the tests' structural JPEGs): return it as it is.
	}
	return unchanged;
}
