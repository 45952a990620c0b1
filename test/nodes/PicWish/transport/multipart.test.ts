import { allocateFramed, encodeMultipart } from '../../../../nodes/PicWish/transport/multipart';
import { parseMultipart } from '../../../support/api';
import { makePng } from '../../../support/images';

function framedCopy(bytes: Buffer): Buffer {
	const framed = allocateFramed(bytes.length);
	bytes.copy(framed);
	return framed;
}

describe('multipart bodies', () => {
	it('carries the fields and the file byte for byte, as a multipart parser reads them', () => {
		const image = makePng(40, 30);
		for (const bytes of [image, framedCopy(image)]) {
			const { body, contentType } = encodeMultipart({ sync: '1' }, { name: 'file', bytes, fileName: 'shop photo.png', mimeType: 'image/png' });
			const parts = parseMultipart(contentType, body);
			expect(parts.sync.body.toString()).toBe('1');
			expect(parts.file.filename).toBe('shop photo.png');
			expect(parts.file.contentType).toBe('image/png');
			expect(parts.file.body.equals(image)).toBe(true);
		}
	});

	it('writes the framing around a file read with room for it, without copying the image', () => {
		const bytes = framedCopy(makePng(40, 30));
		const { body } = encodeMultipart({ sync: '0' }, { name: 'file', bytes, fileName: 'a.png', mimeType: 'image/png' });
		expect(body.buffer).toBe(bytes.buffer);
	});

	it('copies when the file name does not fit the room, with the same result', () => {
		const image = makePng(20, 20);
		const fileName = `${'x'.repeat(5000)}.png`;
		const { body, contentType } = encodeMultipart({}, { name: 'file', bytes: framedCopy(image), fileName, mimeType: 'image/png' });
		const parts = parseMultipart(contentType, body);
		expect(parts.file.filename).toBe(fileName);
		expect(parts.file.body.equals(image)).toBe(true);
	});

	it('escapes quotes and line breaks in file names as browsers do, so no header can be injected', () => {
		const { body } = encodeMultipart({}, { name: 'file', bytes: Buffer.from('x'), fileName: 'a"b\r\nX-Evil: 1.png', mimeType: 'image/png' });
		const text = body.toString('latin1');
		expect(text).toContain('filename="a%22b%0D%0AX-Evil: 1.png"');
		expect(text).not.toMatch(/\r\nX-Evil/);
	});

	it('sends a URL as a plain field, with a fresh boundary each time', () => {
		const first = encodeMultipart({ sync: '0', url: 'https://example.com/a%20b.jpg' });
		const second = encodeMultipart({ sync: '0', url: 'https://example.com/a%20b.jpg' });
		expect(parseMultipart(first.contentType, first.body).url.body.toString()).toBe('https://example.com/a%20b.jpg');
		expect(first.contentType).not.toBe(second.contentType);
	});
});
