/** How the Document OCR API is called and spoken of (docs/picwish-api.md). */
import { DOCUMENT_LIMITS } from '../../helpers/document';
import { imageApi } from '../shared/imageApi';

export const ocrApi = imageApi({
	taskPath: '/api/tasks/document/ocr',
	// The page: asynchronous only (create, then query).
	asyncOnly: true,
	extraFields: {},
	// The result is a file URL; its field is not on any page read: `file` is likely (as watermark
	// removal names it), `image` and `url` are read too. [INFERRED]
	results: [{ field: 'file' }, { field: 'url' }, { field: 'image' }],
	resultKind: 'document',
	limits: DOCUMENT_LIMITS,
	facts: { queryPath: 'page', results: 'inferred', price: 'page', limits: 'page' },
	wording: {
		service: 'document OCR',
		failed: 'could not convert the document',
	},
});

/** Output formats, as PicWish names them (`format`). */
export const OUTPUT_FORMATS = ['docx', 'xlsx', 'pptx', 'pdf', 'txt'] as const;

/** Most languages one task takes, and the longest password. */
export const MAX_LANGUAGES = 10;
export const PASSWORD_MAX = 32;

/** The languages PicWish names (case-sensitive): its page's examples, and the older page's list. [INFERRED beyond the examples] */
export const LANGUAGES = [
	'Arabic',
	'ChinesePRC',
	'ChineseTaiwan',
	'Digits',
	'Dutch',
	'English',
	'French',
	'German',
	'Indonesian',
	'Italian',
	'Japanese',
	'Korean',
	'Polish',
	'Portuguese',
	'Russian',
	'Spanish',
	'Swedish',
	'Thai',
	'Turkish',
	'Vietnamese',
];
