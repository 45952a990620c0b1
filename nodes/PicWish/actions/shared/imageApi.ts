/**
 * A task API as most PicWish image APIs are called: the image as `image_file` or `image_url`, the
 * result as a URL (`return_type` 1) in the task's `image` field. Each resource's api.ts gives what
 * is its own and, where its API differs, overrides these.
 */
import type { ResourceApi } from '../../tasks/context';

type Common = 'imageFields' | 'extraFields' | 'results';

export function imageApi(
	own: Omit<ResourceApi, Common> & Partial<Pick<ResourceApi, Common>>,
): ResourceApi {
	return {
		imageFields: { file: 'image_file', url: 'image_url' },
		// Results as URLs: base64 (the only other choice on every page) would bloat every answer.
		extraFields: { return_type: '1' },
		results: [{ field: 'image' }],
		...own,
	};
}
