import {
	presentResults,
	RESULT_URL_TTL_MS,
	resultUrlExpiry,
	taskIdOf,
	taskJson,
} from '../../../../nodes/PicWish/helpers/task';

describe('a task as the node shows it', () => {
	it('keeps every API field and adds the state in words, the result URL (whatever field holds it) and its expiry', () => {
		const url = 'https://x.test/r.jpg?x-oss-date=20261124T120000Z&x-oss-expires=3600';
		const json = taskJson(
			{ task_id: 't1', state: 1, progress: 100, file: url, image_width: 800 },
			url,
			0,
		);
		expect(json).toEqual({
			task_id: 't1',
			state: 1,
			progress: 100,
			file: 'https://x.test/r.jpg?x-oss-date=20261124T120000Z&x-oss-expires=3600',
			image_width: 800,
			stateName: 'Completed',
			taskStatus: 'completed',
			resultUrl: url,
			resultUrlExpiresAt: '2026-11-24T13:00:00.000Z',
		});
	});

	it('finds the result URLs among the fields an API puts them in, in their order', () => {
		const fields = [{ field: 'image' }, { field: 'mask', suffix: 'mask' }];
		expect(
			presentResults({ image: 'https://x.test/i.png', mask: 'https://x.test/m.png' }, fields),
		).toEqual([
			{ field: 'image', from: 'image', url: 'https://x.test/i.png' },
			{ field: 'mask', from: 'mask', suffix: 'mask', url: 'https://x.test/m.png' },
		]);
		// "Mask only": the image field is empty, the mask is the result.
		expect(
			presentResults({ image: '', mask: 'https://x.test/m.png' }, fields).map(
				(result) => result.field,
			),
		).toEqual(['mask']);
		expect(presentResults({ file: 'https://x.test/f.jpg' }, fields)).toEqual([]);
	});

	it('reads the expiry from an old-style signature, else from completion + 1 hour', () => {
		expect(
			resultUrlExpiry(
				{ file: 'https://x.test/r.jpg?Expires=1764000000&OSSAccessKeyId=k&Signature=s' },
				0,
			),
		).toBe(1764000000 * 1000);
		expect(resultUrlExpiry({ file: 'https://x.test/r.jpg', completed_at: 1764000000 }, 0)).toBe(
			1764000000 * 1000 + RESULT_URL_TTL_MS,
		);
		expect(resultUrlExpiry({ file: 'not a url' }, 5)).toBe(5 + RESULT_URL_TTL_MS);
	});

	it('leaves out what a pending task does not have', () => {
		expect(taskJson({ task_id: 't2' })).toEqual({ task_id: 't2' });
		expect(taskJson({ task_id: 't2', state: '4' as unknown as number })).toMatchObject({
			stateName: 'Processing',
			taskStatus: 'processing',
		});
	});

	it('finds a task id only where there is a non-empty string', () => {
		expect(taskIdOf({ task_id: 'a' })).toBe('a');
		expect(taskIdOf({ task_id: '' })).toBeUndefined();
		expect(taskIdOf(['a'])).toBeUndefined();
		expect(taskIdOf(undefined)).toBeUndefined();
	});
});
