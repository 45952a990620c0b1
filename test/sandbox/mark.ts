/**
 * The sandbox's "watermark removal": the input with a visible diagonal band, so nobody mistakes a
 * sandbox result for a real one, always as a JPEG (PicWish's results are `<uuid>.jpg` whatever the
 * input). Large JPEGs come back as they are, to keep benchmarks about the node rather than about
 * pure-JS image codecs; inputs the sandbox cannot decode cheaply become a small flat JPEG padded
 * (with APP15 segments, which decoders skip) to the input's size, so results stay as large as real ones.
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

const MARK_LIMIT_PIXELS = 4_000_000;
const BAND = [255, 196, 0]; // amber
const QUALITY = 85;

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

/** RGBA pixels of a PNG, laid on white (JPEG has no transparency). */
function fromPng(input: Buffer): { data: Buffer; width: number; height: number } {
	const png = PNG.sync.read(input);
	const { data } = png;
	for (let offset = 0; offset < data.length; offset += 4) {
		const alpha = data[offset + 3] / 255;
		for (let channel = 0; channel < 3; channel++)
			data[offset + channel] = Math.round(data[offset + channel] * alpha + 255 * (1 - alpha));
		data[offset + 3] = 255;
	}
	return { data, width: png.width, height: png.height };
}

/** RGBA pixels of an uncompressed 24-bit BMP (bottom-up or top-down). */
export function fromBmp(input: Buffer): { data: Buffer; width: number; height: number } {
	const offsetBits = input.readUInt32LE(10);
	const width = input.readInt32LE(18);
	const rawHeight = input.readInt32LE(22);
	if (input.readUInt16LE(28) !== 24 || input.readUInt32LE(30) !== 0)
		throw new Error('only 24-bit BMP');
	const height = Math.abs(rawHeight);
	const rowSize = Math.ceil((width * 3) / 4) * 4;
	const data = Buffer.alloc(width * height * 4);
	for (let y = 0; y < height; y++) {
		const row = offsetBits + (rawHeight > 0 ? height - 1 - y : y) * rowSize;
		for (let x = 0; x < width; x++) {
			const source = row + x * 3;
			const target = (y * width + x) * 4;
			data[target] = input[source + 2];
			data[target + 1] = input[source + 1];
			data[target + 2] = input[source];
			data[target + 3] = 255;
		}
	}
	return { data, width, height };
}

const encode = (image: { data: Uint8Array | Buffer; width: number; height: number }): Buffer =>
	Buffer.from(
		jpeg.encode({ data: image.data, width: image.width, height: image.height }, QUALITY).data,
	);

/** A flat JPEG (at most 256 × 256) standing in for a result the sandbox does not compute, `bytes` long. */
function placeholder(width: number, height: number, bytes: number): Buffer {
	const scale = Math.min(1, 256 / Math.max(width, height, 1));
	const w = Math.max(1, Math.round(width * scale));
	const h = Math.max(1, Math.round(height * scale));
	const data = Buffer.alloc(w * h * 4, 0xc0);
	stamp(data, w, h);
	const image = encode({ data, width: w, height: h });
	const segments: Buffer[] = [];
	for (let missing = bytes - image.length; missing > 4; ) {
		const payload = Math.min(65_533, missing - 4);
		const segment = Buffer.alloc(4 + payload);
		segment.writeUInt16BE(0xffef, 0);
		segment.writeUInt16BE(payload + 2, 2);
		segments.push(segment);
		missing -= segment.length;
	}
	// Right after SOI, where application segments go.
	return Buffer.concat([image.subarray(0, 2), ...segments, image.subarray(2)]);
}

/** The result of "removing" the watermark: JPEG bytes. `pixels` comes from the header, so large images are never decoded. */
export function markImage(input: Buffer, kind: string, width: number, height: number): Buffer {
	const pixels = width * height;
	if (kind === 'jpeg' && pixels > MARK_LIMIT_PIXELS) return input;
	try {
		if (pixels <= MARK_LIMIT_PIXELS) {
			const image =
				kind === 'png'
					? fromPng(input)
					: kind === 'bmp'
						? fromBmp(input)
						: kind === 'jpeg'
							? jpeg.decode(input, { useTArray: true, maxMemoryUsageInMB: 256 })
							: undefined;
			if (image) {
				stamp(image.data, image.width, image.height);
				return encode(image);
			}
		}
	} catch {
		// A file the codecs cannot read (the tests' structural images): answered below.
	}
	return kind === 'jpeg' ? input : placeholder(width, height, input.length);
}
