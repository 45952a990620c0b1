import jpeg from 'jpeg-js';

import { inspectImage } from '../../nodes/PicWish/helpers/image';
import { makeBmp, makePng } from '../support/images';
import { markImage } from './mark';

const isJpeg = (bytes: Buffer) => bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]));

describe("the sandbox's cleaning", () => {
	it('answers a PNG or a BMP with a banded JPEG of the same size in pixels', () => {
		for (const [input, kind] of [
			[makePng(120, 80, [30, 60, 200]), 'png'],
			[makeBmp(90, 60), 'bmp'],
		] as const) {
			const result = markImage(input, kind, kind === 'png' ? 120 : 90, kind === 'png' ? 80 : 60);
			expect(isJpeg(result)).toBe(true);
			const decoded = jpeg.decode(result);
			expect([decoded.width, decoded.height]).toEqual(kind === 'png' ? [120, 80] : [90, 60]);
		}
	});

	it('answers what it cannot decode cheaply with a valid JPEG as large as the input', () => {
		const input = Buffer.concat([makePng(8, 8), Buffer.alloc(300_000)]); // a PNG header claiming more pixels than it has
		const result = markImage(input, 'png', 5000, 4000);
		expect(isJpeg(result)).toBe(true);
		expect(Math.abs(result.length - input.length)).toBeLessThanOrEqual(4);
		expect(inspectImage(result)).toMatchObject({ ok: true });
		expect(jpeg.decode(result).width).toBe(256);
	});
});
