/**
 * Property tests: random and mutated bytes never make the header reader or the response parser
 * throw. They answer (a type, a verdict, a parsed envelope or undefined), and the node turns the
 * answer into its own typed error.
 */
import fc from 'fast-check';

import { imageDimensions, inspectImage, sniffFileType } from '../../../nodes/PicWish/helpers/image';
import { parseEnvelope } from '../../../nodes/PicWish/transport/envelope';
import { makeBmp, makeJpeg, makePng } from '../../support/images';

const RUNS = 2000;

/** A valid image with some bytes overwritten, some cut off, or some appended. */
const mutatedImage = fc
	.tuple(
		fc.constantFrom(
			makePng(40, 30),
			makeJpeg(40, 30, { exifBytes: 300 }),
			makeBmp(40, 30),
			makeBmp(25, 21, { topDown: true }),
		),
		fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 12 }),
		fc.option(fc.nat(), { nil: undefined }),
		fc.uint8Array({ maxLength: 64 }),
	)
	.map(([image, writes, cut, tail]) => {
		const bytes = Buffer.from(image);
		for (const [offset, value] of writes) bytes[offset % bytes.length] = value;
		const kept = cut === undefined ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
		return Buffer.concat([kept, Buffer.from(tail)]);
	});

function expectVerdict(bytes: Uint8Array): void {
	const verdict = inspectImage(bytes);
	if (verdict.ok) {
		expect(verdict.width).toBeGreaterThanOrEqual(20);
		expect(verdict.height).toBeGreaterThanOrEqual(20);
		expect(['png', 'jpeg', 'bmp']).toContain(verdict.type.kind);
	} else {
		expect(verdict.problem).toEqual(expect.any(String));
		expect(verdict.fix).toEqual(expect.any(String));
	}
}

describe('image header reader, on bytes nobody planned', () => {
	it('gives a verdict, never an exception, for random bytes', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
				expectVerdict(bytes);
				sniffFileType(bytes);
			}),
			{ numRuns: RUNS },
		);
	});

	it("reads WebP and TIFF headers of any length and content without an exception, for every API's limits", () => {
		const anyImage = {
			kinds: ['jpeg', 'png', 'bmp', 'webp', 'tiff'],
			formats: 'any',
			maxBytes: 1e9,
			minSide: 1,
			maxSide: 1e6,
		};
		const starts = [
			Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8X')]),
			Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8L')]),
			Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]),
			Buffer.from([0x49, 0x49, 0x2a, 0x00]),
			Buffer.from([0x4d, 0x4d, 0x00, 0x2a]),
		];
		fc.assert(
			fc.property(fc.constantFrom(...starts), fc.uint8Array({ maxLength: 96 }), (start, tail) => {
				const bytes = Buffer.concat([start, Buffer.from(tail)]);
				const verdict = inspectImage(bytes, anyImage);
				const size = imageDimensions(bytes);
				if (verdict.ok) expect(size).toEqual({ width: verdict.width, height: verdict.height });
			}),
			{ numRuns: RUNS },
		);
	});

	it('gives a verdict, never an exception, for valid PNG, JPEG and BMP files with bytes changed, cut or added', () => {
		fc.assert(fc.property(mutatedImage, expectVerdict), { numRuns: RUNS });
	});

	it('reads slices of a larger buffer as themselves', () => {
		fc.assert(
			fc.property(mutatedImage, fc.uint8Array({ maxLength: 32 }), (image, prefix) => {
				const pool = Buffer.concat([Buffer.from(prefix), image]);
				expect(inspectImage(pool.subarray(prefix.length))).toEqual(
					inspectImage(Buffer.from(image)),
				);
			}),
			{ numRuns: 500 },
		);
	});
});

describe('response parser, on bodies nobody planned', () => {
	const isEnvelope = (value: unknown) =>
		value === undefined || (typeof value === 'object' && value !== null && !Array.isArray(value));

	it('returns an object or undefined for any text, JSON or not', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.string(),
					fc.json(),
					fc.jsonValue().map((v) => JSON.stringify(v)),
				),
				(body) => {
					expect(isEnvelope(parseEnvelope(body))).toBe(true);
				},
			),
			{ numRuns: RUNS },
		);
	});

	it('returns an object or undefined for any bytes and any value', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b)),
					fc.anything(),
				),
				(body) => {
					expect(isEnvelope(parseEnvelope(body))).toBe(true);
				},
			),
			{ numRuns: RUNS },
		);
	});
});
