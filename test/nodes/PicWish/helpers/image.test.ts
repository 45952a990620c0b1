import {
	formatBytes,
	imageDimensions,
	inspectImage,
	limitHints,
	sniffFileType,
	UPLOAD_LIMITS,
} from '../../../../nodes/PicWish/helpers/image';
import {
	GIF,
	HTML_PAGE,
	makeBmp,
	makeJpeg,
	makePng,
	PDF,
	TIFF,
	WEBP,
} from '../../../support/images';

const expectProblem = (bytes: Buffer, pattern: RegExp) => {
	const result = inspectImage(bytes);
	expect(result.ok).toBe(false);
	if (!result.ok) {
		expect(result.problem).toMatch(pattern);
		expect(result.fix.length).toBeGreaterThan(20);
	}
};

describe('image header reader', () => {
	describe('reads width and height without decoding', () => {
		it.each([
			['PNG', makePng(640, 480), 'image/png', 'png', [640, 480]],
			['JPEG', makeJpeg(1920, 1080), 'image/jpeg', 'jpg', [1920, 1080]],
			[
				'JPEG with a large EXIF segment before the frame',
				makeJpeg(800, 600, { exifBytes: 60_000 }),
				'image/jpeg',
				'jpg',
				[800, 600],
			],
			['BMP', makeBmp(300, 200), 'image/bmp', 'bmp', [300, 200]],
			['top-down BMP', makeBmp(300, 200, { topDown: true }), 'image/bmp', 'bmp', [300, 200]],
		])('%s', (_name, bytes, mimeType, extension, size) => {
			const result = inspectImage(bytes);
			expect(result.ok).toBe(true);
			if (result.ok) {
				expect(result.type).toMatchObject({ mimeType, extension, accepted: true });
				expect([result.width, result.height]).toEqual(size);
			}
		});

		it('accepts the limits themselves: 20×20 and 10000×10000', () => {
			expect(inspectImage(makePng(20, 20)).ok).toBe(true);
			expect(inspectImage(makeJpeg(10000, 10000)).ok).toBe(true);
		});

		it('skips JPEG fill bytes and restart markers between segments', () => {
			const jpeg = makeJpeg(100, 50);
			const padded = Buffer.concat([
				jpeg.subarray(0, 2),
				Buffer.from([0xff, 0xff, 0xff]),
				jpeg.subarray(2),
			]);
			const result = inspectImage(padded);
			expect(result.ok && [result.width, result.height]).toEqual([100, 50]);
		});
	});

	describe('refuses what PicWish would refuse, saying why', () => {
		it.each([
			['0×0', makePng(0, 0), /0×0 pixels/],
			['19×19', makePng(19, 19), /19×19 pixels; PicWish accepts 20 to 10000/],
			['10001×20', makeJpeg(10001, 20), /10001×20 pixels/],
			['20×10001 BMP', makeBmp(20, 10001), /20×10001 pixels/],
		])('dimensions %s', (_name, bytes, pattern) => expectProblem(bytes, pattern));

		it('an empty file', () => expectProblem(Buffer.alloc(0), /is empty/));

		it('a file over 50 MB', () => {
			const big = Buffer.alloc(UPLOAD_LIMITS.maxBytes + 1);
			makePng(100, 100).copy(big);
			expectProblem(big, /50\.0 MB, over PicWish's upload limit of 50 MB/);
		});

		it('accepts exactly 50 MB', () => {
			const png = makePng(100, 100);
			const exact = Buffer.alloc(UPLOAD_LIMITS.maxBytes);
			png.copy(exact);
			// Keep the IEND chunk at the very end.
			png.subarray(png.length - 12).copy(exact, exact.length - 12);
			expect(inspectImage(exact).ok).toBe(true);
		});

		it.each([
			['GIF', GIF, /a GIF image; PicWish accepts only JPG, PNG or BMP/],
			['WebP', WEBP, /a WebP image/],
			['TIFF', TIFF, /a TIFF image/],
			['PDF', PDF, /a PDF document/],
			['HTML error page saved as .jpg', HTML_PAGE, /an HTML page/],
			['plain text', Buffer.from('hello, this is not an image\n'), /plain text;/],
			['random bytes', Buffer.from([0x00, 0x13, 0x37, 0xfe, 0x80, 0x01]), /not a recognised image/],
		])('%s', (_name, bytes, pattern) => expectProblem(bytes, pattern));

		it.each([
			['PNG cut inside its header', makePng(64, 64).subarray(0, 20), /truncated \(the PNG header/],
			['PNG cut before IEND', makePng(64, 64).subarray(0, 60), /truncated \(the PNG has no IEND/],
			['JPEG cut before its frame header', makeJpeg(64, 64).subarray(0, 12), /truncated/],
			[
				'JPEG cut after its frame header',
				makeJpeg(64, 64).subarray(0, 60),
				/no end-of-image marker/,
			],
			['BMP cut inside its header', makeBmp(64, 64).subarray(0, 20), /truncated \(the BMP header/],
			[
				'BMP shorter than it says',
				makeBmp(64, 64).subarray(0, 500),
				/shorter than its header says/,
			],
		])('%s', (_name, bytes, pattern) => expectProblem(bytes, pattern));
	});

	describe('hostile headers', () => {
		it('a JPEG whose segment length is 0 does not loop forever', () => {
			expectProblem(
				Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x00, 0xff, 0xd9]),
				/invalid length/,
			);
		});

		it('a JPEG whose segment length points past the end', () => {
			expectProblem(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0xff, 0xff, 0x00]), /truncated/);
		});

		it('a JPEG with image data but no frame header', () => {
			expectProblem(
				Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x02, 0xff, 0xd9]),
				/no frame header/,
			);
		});

		it('a PNG whose first chunk is not IHDR', () => {
			const png = makePng(30, 30);
			png.write('IDAT', 12, 'ascii');
			expectProblem(png, /no IHDR/);
		});

		it('a BMP with a DIB header of unknown size', () => {
			const bmp = makeBmp(30, 30);
			bmp.writeUInt32LE(20, 14);
			expectProblem(bmp, /unknown size/);
		});

		it('a PNG that claims 4 billion pixels per side is refused by its header alone', () => {
			expectProblem(makePng(0xffffffff, 0xffffffff), /4294967295×4294967295 pixels/);
		});

		it('reads a header from a Buffer that is a slice of a larger pool', () => {
			const pool = Buffer.concat([Buffer.alloc(7, 1), makePng(33, 44), Buffer.alloc(5)]);
			const slice = pool.subarray(7, pool.length - 5);
			const result = inspectImage(slice);
			expect(result.ok && [result.width, result.height]).toEqual([33, 44]);
		});
	});
});

describe('file type sniffing', () => {
	it.each([
		[makePng(1, 1), 'png'],
		[makeJpeg(1, 1), 'jpeg'],
		[makeBmp(1, 1), 'bmp'],
		[GIF, 'gif'],
		[WEBP, 'webp'],
		[TIFF, 'tiff'],
		[PDF, 'pdf'],
		[HTML_PAGE, 'html'],
		[Buffer.from('{"status":403}'), 'json'],
		[Buffer.from('<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>'), 'xml'],
		[Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), 'svg'],
	])('recognises %#', (bytes, kind) => {
		expect(sniffFileType(bytes)?.kind).toBe(kind);
	});

	it('returns undefined for bytes it cannot name', () => {
		expect(sniffFileType(Buffer.from([0, 1, 2, 3]))).toBeUndefined();
		expect(sniffFileType(Buffer.alloc(0))).toBeUndefined();
	});
});

describe('formatBytes', () => {
	it('says sizes the way people read them', () => {
		expect(formatBytes(512)).toBe('512 bytes');
		expect(formatBytes(2048)).toBe('2.0 KB');
		expect(formatBytes(52428801)).toBe('50.0 MB');
	});
});

describe('what a failed state about the input means, for the API that failed it', () => {
	it('words states -7 and -5 with the limits of the API', () => {
		expect(limitHints(UPLOAD_LIMITS)).toEqual({
			[-7]: 'The image is corrupted or not in a supported format. Send a JPG, PNG or BMP image between 20 and 10000 pixels per side, up to 50 MB.',
			[-5]: 'The image behind the URL is larger than 30 MB. Use a smaller image, or download it and send it as a binary file (up to 50 MB).',
		});
		const expansion = {
			kinds: ['jpeg', 'png'],
			formats: 'JPG or PNG',
			maxBytes: 5 * 1024 * 1024,
			minSide: 64,
			maxSide: 4096,
		};
		expect(limitHints(expansion)[-5]).toBe(
			'The image behind the URL is larger than 5 MB. Use a smaller image.',
		);
	});

	it('reads WebP and TIFF sizes, and a header alone', () => {
		const vp8x = Buffer.concat([
			Buffer.from('RIFF'),
			Buffer.alloc(4),
			Buffer.from('WEBPVP8X'),
			Buffer.alloc(8),
			Buffer.from([0x1f, 0x03, 0x00, 0xc7, 0x01, 0x00]),
		]);
		expect(imageDimensions(vp8x)).toEqual({ width: 800, height: 456 });
		const tiff = Buffer.alloc(64);
		tiff.write('II*\0', 0, 'latin1');
		tiff.writeUInt32LE(8, 4);
		tiff.writeUInt16LE(2, 8);
		[
			[256, 3, 640],
			[257, 4, 480],
		].forEach(([tag, kind, value], index) => {
			const entry = 10 + index * 12;
			tiff.writeUInt16LE(tag, entry);
			tiff.writeUInt16LE(kind, entry + 2);
			tiff.writeUInt32LE(1, entry + 4);
			if (kind === 3) tiff.writeUInt16LE(value, entry + 8);
			else tiff.writeUInt32LE(value, entry + 8);
		});
		expect(imageDimensions(tiff)).toEqual({ width: 640, height: 480 });
		// A JPEG's first 64 KB (a large EXIF, then the frame header): size known without the end marker.
		expect(
			imageDimensions(makeJpeg(3000, 2000, { exifBytes: 60_000 }).subarray(0, 64 * 1024)),
		).toEqual({ width: 3000, height: 2000 });
		expect(imageDimensions(Buffer.from('not an image'))).toBeUndefined();
	});
});
