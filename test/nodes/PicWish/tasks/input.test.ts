import type { IBinaryData } from 'n8n-workflow';

import { UPLOAD_LIMITS } from '../../../../nodes/PicWish/helpers/image';
import { reservedSizeOf } from '../../../../nodes/PicWish/tasks/binaryFile';
import { captureCreate, envelope } from '../../../support/api';
import { makeJpeg } from '../../../support/images';
import { useNock } from '../../../support/nock-lifecycle';
import { runPicWish } from '../../../support/workflow';

useNock();

const createAsync = { operation: 'createTask', mode: 'async' };

describe("reading an item's image", () => {
	it('reserves what a file will take before reading it: its known size, else the upload limit', () => {
		expect(
			reservedSizeOf({
				data: Buffer.alloc(300).toString('base64'),
				mimeType: 'image/png',
			} as IBinaryData),
		).toBe(300);
		expect(
			reservedSizeOf({
				id: 'filesystem-v2:x',
				data: 'filesystem-v2',
				bytes: 5_000_000,
				mimeType: 'image/png',
			} as IBinaryData),
		).toBe(5_000_000);
		expect(
			reservedSizeOf({
				id: 'filesystem-v2:x',
				data: 'filesystem-v2',
				mimeType: 'image/png',
			} as IBinaryData),
		).toBe(UPLOAD_LIMITS.maxBytes);
	});

	it("sends the file's real type and name, whatever the upstream node called it", async () => {
		const seen = captureCreate(envelope({ task_id: 't-1' }));
		const result = await runPicWish({
			parameters: { ...createAsync, inputType: 'binary', binaryPropertyName: 'data' },
			items: [
				{
					binary: {
						data: {
							data: makeJpeg(64, 48),
							fileName: 'from-shop.bin',
							mimeType: 'application/octet-stream',
						},
					},
				},
			],
		});
		expect(result.error).toBeUndefined();
		expect(seen.parts?.file).toMatchObject({
			filename: 'from-shop.bin',
			contentType: 'image/jpeg',
		});
	});

	it.each([
		['no name', undefined],
		['an empty name (a server would read the file as a text field)', ''],
	])('names a file that has %s by its real type', async (_what, fileName) => {
		const seen = captureCreate(envelope({ task_id: 't-2' }));
		await runPicWish({
			parameters: { ...createAsync, inputType: 'binary', binaryPropertyName: 'data' },
			items: [{ binary: { data: { data: makeJpeg(64, 48), fileName, mimeType: 'image/jpeg' } } }],
		});
		expect(seen.parts?.file.filename).toBe('image.jpg');
	});

	it('trims the binary field name, and refuses an empty one before any request', async () => {
		const result = await runPicWish({
			parameters: { ...createAsync, inputType: 'binary', binaryPropertyName: '   ' },
			items: [{ binary: { data: { data: makeJpeg(64, 48), mimeType: 'image/jpeg' } } }],
		});
		expect(result.error?.message).toBe('"Input Binary Field" is empty [item 0]');
	});

	it.each([
		['not a url', '"not a url" is not a valid URL [item 0]'],
		['ftp://example.com/a.jpg', '"Image URL" must use http or https, not "ftp" [item 0]'],
		['   ', '"Image URL" is empty [item 0]'],
	])('refuses the image URL %j before any request', async (imageUrl, message) => {
		const result = await runPicWish({ parameters: { ...createAsync, inputType: 'url', imageUrl } });
		expect(result.error?.message).toBe(message);
	});
});
