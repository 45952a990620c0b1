/**
 * Five more task APIs of the PicWish family, one `standIn({...})` each as in apis.ts (which
 * registers them after its own, in the one TASK_APIS list): background generation, document OCR,
 * clothing segmentation, retouching and advanced ID photo, each as its page states it (the
 * research notes, shared/picwish-apis.md §4.13, 4.15, 4.16, 4.17, 4.9). Where no page says (a
 * result field's name, a price), the comment says it is the sandbox's choice. Only the endpoint
 * paths come from the node.
 */
import { advancedIdPhotoApi } from '../../nodes/PicWish/actions/advancedIdPhoto/api';
import { backgroundGenerationApi } from '../../nodes/PicWish/actions/backgroundGeneration/api';
import { clothingSegmentationApi } from '../../nodes/PicWish/actions/clothingSegmentation/api';
import { ocrApi } from '../../nodes/PicWish/actions/ocr/api';
import { retouchingApi } from '../../nodes/PicWish/actions/retouching/api';
import { makePng } from '../support/images';
import {
	maskTest,
	onBackdrop,
	onColour,
	replaceWhere,
	seededColour,
	stripes,
	tile,
} from './compose';
import type { MaskSpec, Results, TaskApi } from './create';
import { type DocumentFormat, pdfPassword, writeDocument, zipFile } from './documents';
import { UNPUBLISHED } from './inputs';
import {
	bad,
	choice,
	exclusive,
	type Form,
	hexColour,
	integer,
	option,
	positiveNumber,
} from './fields';
import type { Rgb } from './encode';
import {
	contrast,
	coverRect,
	crop,
	cutout,
	encodeAs,
	fractionRect,
	mapColours,
	resize,
	toJpeg,
	toMask,
	WHITE,
} from './render';

/** The stand-ins of this file, in the order declared (apis.ts registers them). */
export const FAMILY_APIS: TaskApi[] = [];

function standIn<Plan>(api: TaskApi<Plan>): void {
	FAMILY_APIS.push(api as TaskApi);
}

const MB = 1024 * 1024;
const ANY_ID = Number.MAX_SAFE_INTEGER;

// 4.13 Background generation: image_1 … image_N, the foreground on N different backgrounds.
// Async only; the page lists no return_type.
const PROMPT_MAX = 1024;
/** Credits per number of images (the credit-cost page prices up to 4; the doc page says 1 or 2). */
const GENERATION_PRICES: Record<number, number> = { 1: 3, 2: 6, 3: 8, 4: 10 };

standIn<{ prompt?: string; seed: string; count: number }>({
	name: 'background generation',
	path: backgroundGenerationApi.taskPath,
	minimalTask: { fields: { prompt: 'a sunny beach' }, price: 6, kind: 'jpeg', size: [120, 80] },
	resultFields: ['image_1', 'image_2', 'image_3', 'image_4'],
	asyncOnly: true,
	// "A transparent foreground PNG"; the limits were not readable, so any image is taken.
	input: UNPUBLISHED,
	parse(form) {
		const prompt = form.text('prompt');
		if (prompt && prompt.length > PROMPT_MAX)
			throw bad(`prompt is ${prompt.length} characters, over the limit of ${PROMPT_MAX}`);
		const scene = integer(form, 'scene_type', 1, ANY_ID);
		if (prompt === undefined && scene === undefined)
			throw bad('one of prompt or scene_type is required');
		const negative = form.text('negative_prompt') ?? '';
		return {
			prompt,
			seed: `${prompt ?? ''}|${scene ?? ''}|${negative}`,
			count: option(form, 'batch_size', [1, 2, 3, 4], 2),
		};
	},
	// The sandbox's way to reach state -17 (prompt invalid): the word "forbidden" in the prompt.
	price: (plan) =>
		/\bforbidden\b/i.test(plan.prompt ?? '') ? { failState: -17 } : GENERATION_PRICES[plan.count],
	async render(plan, source) {
		const results: Results = {};
		for (let index = 1; index <= plan.count; index++)
			results[`image_${index}`] = toJpeg(
				onBackdrop(source.picture, seededColour(`${plan.seed}|${index}`)),
			);
		return results;
	},
});

// 4.15 Document OCR: the recognised text as a document of the asked format, in `file` (the field's
// name is on no page read: the sandbox's choice, as watermark removal names its result [INFERRED]).
// Async only. The document says which task and input made it.
/** Languages `language` takes (case-sensitive), and the default. */
const LANGUAGES = (
	'English ChinesePRC ChineseTaiwan Digits Japanese Korean French German Spanish Italian ' +
	'Portuguese Russian Dutch Swedish Polish Turkish Arabic Vietnamese Thai Indonesian'
).split(' ');
const DEFAULT_LANGUAGES = ['ChinesePRC', 'English', 'Digits'];
const MAX_LANGUAGES = 10;
const PASSWORD_MAX = 32;
const OCR_FORMATS: readonly DocumentFormat[] = ['txt', 'pdf', 'docx', 'xlsx', 'pptx'];

standIn<{ format: DocumentFormat; languages: string[]; password?: string }>({
	name: 'document OCR',
	path: ocrApi.taskPath,
	minimalTask: { fields: { format: 'txt' }, price: 1, kind: 'txt' },
	resultFields: ['file'],
	asyncOnly: true,
	input: {
		// documents.ts's kinds: `office-zip` is a ZIP without Word, Excel or PowerPoint parts, `ole2`
		// an old doc, xls or ppt.
		kinds: ['pdf', 'docx', 'xlsx', 'pptx', 'office-zip', 'ole2', 'gif', 'jpeg', 'png', 'bmp'],
		formats: 'PDF, Word, Excel, PowerPoint, JPG, PNG, GIF or BMP',
		documents: true,
		maxBytes: 200 * MB,
		maxUpload: 200 * MB,
		// No pixel limits are stated.
		minSide: 1,
		maxSide: Infinity,
		urlPorts: [80, 443],
		published: true,
	},
	parse(form) {
		if (form.text('format') === undefined)
			throw bad(`format is required: one of ${OCR_FORMATS.map((f) => `"${f}"`).join(', ')}`);
		const format = choice(form, 'format', OCR_FORMATS, 'txt');
		const sent = form.text('language');
		const languages = sent === undefined ? DEFAULT_LANGUAGES : sent.split(',').map((l) => l.trim());
		if (languages.length > MAX_LANGUAGES)
			throw bad(`language names ${languages.length} languages, over the limit of ${MAX_LANGUAGES}`);
		const unknown = languages.find((language) => !LANGUAGES.includes(language));
		if (unknown !== undefined)
			throw bad(`language "${unknown}" is not one of ${LANGUAGES.join(', ')} (case-sensitive)`);
		const password = form.text('password');
		if (password && password.length > PASSWORD_MAX)
			throw bad(`password is ${password.length} characters, over the limit of ${PASSWORD_MAX}`);
		return { format, languages, password };
	},
	// A protected PDF (its bytes hold `/Encrypt`) opens with the password `/Encrypt /<password>`
	// names, or with any password where it names none (`/Encrypt 5 0 R`); otherwise the task fails as
	// an unreadable file (-7). The sandbox's choice: PicWish's answer is not documented.
	price(plan, source) {
		const lock = source.kind === 'pdf' ? pdfPassword(source.bytes) : undefined;
		if (lock && (!plan.password || (lock.name !== undefined && lock.name !== plan.password)))
			return { failState: -7 };
		return 1;
	},
	async render(plan, source, task) {
		const lines = [
			'Text recognised by the PicWish sandbox',
			`Task: ${task.taskId}`,
			`Input: ${task.sourceName}`,
			`Input type: ${source.kind}`,
			`Languages: ${plan.languages.join(',')}`,
		];
		return { file: writeDocument(plan.format, lines) };
	},
});

// 4.16 Clothing segmentation: a greyscale PNG mask per class, each in a field named after its class
// ('' for a class not found), and/or a ZIP of sub-masks in `zip`. The fields' names are on no page
// read: the sandbox's choice [INFERRED]. The page lists no return_type.
/** The classes each class_type gives (the page: clothing parts; fashion parts add bag and shoes). */
const CLOTHING_CLASSES: Record<number, readonly string[]> = {
	1: ['clothes', 'tops', 'bottoms', 'dress', 'acc'],
	2: ['clothes', 'tops', 'bottoms', 'dress', 'acc', 'bag', 'shoes'],
};
/**
 * Where the sandbox "finds" each class (x, y, width, height in fractions of the image): different
 * regions, so the masks differ. A dress is never found, so tests see an empty class.
 */
const CLASS_REGIONS: Record<string, readonly [number, number, number, number] | undefined> = {
	clothes: [0.2, 0.2, 0.6, 0.7],
	tops: [0.25, 0.2, 0.5, 0.35],
	bottoms: [0.3, 0.55, 0.4, 0.35],
	acc: [0.42, 0.06, 0.16, 0.1],
	bag: [0.72, 0.45, 0.18, 0.2],
	shoes: [0.3, 0.9, 0.4, 0.08],
};
/** The ZIP holds the sub-masks of the clothing itself (the page: "clothing only"). */
const ZIP_CLASSES = ['tops', 'bottoms', 'dress'];

standIn<{ classes: readonly string[]; outputType: number }>({
	name: 'clothing segmentation',
	path: clothingSegmentationApi.taskPath,
	minimalTask: { price: 3, kind: 'png', size: [120, 80] },
	resultFields: ['clothes', 'tops', 'bottoms', 'dress', 'acc', 'bag', 'shoes', 'zip'],
	input: UNPUBLISHED,
	parse(form) {
		option(form, 'detail_mode', [1, 2], 1);
		option(form, 'quality', [1, 2], 1);
		return {
			outputType: option(form, 'output_type', [1, 2, 3], 1),
			classes: CLOTHING_CLASSES[option(form, 'class_type', [1, 2], 1)],
		};
	},
	price: () => 3,
	async render(plan, source) {
		const { width, height } = source;
		const masks = new Map<string, Buffer>();
		for (const name of plan.classes) {
			const region = CLASS_REGIONS[name];
			if (!region) continue;
			const subject = fractionRect(source, ...region);
			masks.set(name, (await toMask({ width, height, colour: WHITE, subject })).bytes);
		}
		const results: Results = {};
		if (plan.outputType !== 2)
			for (const name of plan.classes) {
				const bytes = masks.get(name);
				results[name] = bytes ? { bytes, ext: 'png', mime: 'image/png', width, height } : '';
			}
		if (plan.outputType !== 1)
			results.zip = zipFile(
				ZIP_CLASSES.filter((name) => masks.has(name)).map((name) => ({
					name: `${name}/0.png`,
					data: masks.get(name)!,
				})),
			);
		return results;
	},
});

// 4.17 Retouching (retouching-collection): a JPEG of the same size, changed inside the mask except
// where the retain mask keeps the original. The page lists no return_type.
const maskField = (form: Form, prefix: string): MaskSpec => ({
	names: { file: `${prefix}_file`, url: `${prefix}_url` },
	file: form.file(`${prefix}_file`),
	url: form.text(`${prefix}_url`),
	sameSize: true,
});

standIn<Record<string, never>>({
	name: 'retouching',
	path: retouchingApi.taskPath,
	minimalTask: {
		fields: { mask_file: makePng(120, 80, [255, 255, 255]) },
		price: 1,
		kind: 'jpeg',
		size: [120, 80],
	},
	resultFields: ['image'],
	// The page states the URL's length; the other limits were not readable.
	input: { ...UNPUBLISHED, maxUrlLength: 512 },
	parse(form) {
		exclusive(form, ['mask_url', 'mask_file'], true);
		exclusive(form, ['retain_mask_url', 'retain_mask_file'], false);
		return {};
	},
	masks: (_plan, form) => [maskField(form, 'mask'), maskField(form, 'retain_mask')],
	price: () => 1, // PicWish publishes no price for retouching: the sandbox charges 1.
	async render(_plan, source, { masks: [mask, retain] }) {
		const { width, height } = source;
		const inside = maskTest(mask!, width, height);
		const kept = retain ? maskTest(retain, width, height) : () => false;
		const retouched = mapColours(source.picture, contrast(1.3));
		return {
			image: toJpeg(replaceWhere(source.picture, retouched, (x, y) => inside(x, y) && !kept(x, y))),
		};
	},
});

// 4.9 Advanced ID photo: the person framed at the asked size (295×413 px by default), as `image`
// (URL or base64), with `image_id`: an id of the input that `last_id` reuses.
const ID_PX = { min: 1, max: 1799 };
const DPI = { min: 10, max: 1000, default: 300 };
const DEFAULT_ID_SIZE: [number, number] = [295, 413];
const BEAUTY_FLAGS = ['auto_bright', 'auto_smooth', 'auto_thin_face', 'auto_sharp'];
/** Credits (the credit-cost page): standard, with an outfit (clothes_id), plus beauty, plus a print layout; a preview is free. */
const ID_PRICES = { standard: 6, outfit: 15, beauty: 8, layout: 5 };

type IdPlan = {
	size: [number, number];
	format: 'png' | 'jpg';
	colour?: Rgb;
	outfit: boolean;
	beauty: boolean;
	layout: boolean;
	preview: boolean;
};

/** Two fields sent together or not at all. */
function pair<T>(form: Form, names: [string, string], read: (name: string) => T | undefined) {
	const [a, b] = names.map(read);
	if (a === undefined && b === undefined) return undefined;
	if (a === undefined || b === undefined)
		throw bad(`${names.join(' and ')} go together: send both or neither`);
	return [a, b] as [T, T];
}

function idPhotoSize(form: Form): [number, number] {
	const px = pair(form, ['px_width', 'px_height'], (name) =>
		integer(form, name, ID_PX.min, ID_PX.max),
	);
	const mm = pair(form, ['mm_width', 'mm_height'], (name) => positiveNumber(form, name));
	const dpi = integer(form, 'dpi', DPI.min, DPI.max) ?? DPI.default;
	if (px && mm) throw bad('send either px_width/px_height or mm_width/mm_height, not both');
	if (!mm) return px ?? DEFAULT_ID_SIZE;
	const size = mm.map((side) => Math.round((side / 25.4) * dpi)) as [number, number];
	if (size.some((side) => side < ID_PX.min || side > ID_PX.max))
		throw bad(
			`mm_width × mm_height at ${dpi} dpi is ${size.join('×')} pixels: each side must be ${ID_PX.min} to ${ID_PX.max}`,
		);
	return size;
}

standIn<IdPlan>({
	name: 'advanced ID photo',
	path: advancedIdPhotoApi.taskPath,
	minimalTask: { price: 6, kind: 'png', size: DEFAULT_ID_SIZE },
	resultFields: ['image', 'image_id'],
	returnTypes: [1, 2],
	reuse: { field: 'last_id', resultField: 'image_id' },
	input: {
		kinds: ['jpeg', 'png', 'bmp', 'webp', 'tiff'],
		formats: 'JPG, PNG, BMP, WebP or TIFF',
		maxBytes: 15 * MB - 1,
		minSide: 1,
		maxSide: 4096,
		maxUrlLength: 512,
		published: true,
	},
	parse(form) {
		integer(form, 'spec_id', 1, ANY_ID); // the presets are not public: the size rules below decide
		const flags = (names: string[]) =>
			names.map((name) => option(form, name, [0, 1], 0) === 1).some(Boolean);
		return {
			size: idPhotoSize(form),
			format: choice(form, 'format', ['png', 'jpg'], 'png'),
			colour: hexColour(form, 'bg_color'),
			outfit: form.text('clothes_id') !== undefined,
			beauty: flags(BEAUTY_FLAGS),
			layout: flags(['layout']),
			preview: flags(['preview']),
		};
	},
	price: (plan) =>
		plan.preview
			? 0
			: (plan.outfit ? ID_PRICES.outfit : ID_PRICES.standard) +
				(plan.beauty ? ID_PRICES.beauty : 0) +
				(plan.layout ? ID_PRICES.layout : 0),
	async render(plan, source) {
		const [width, height] = plan.size;
		const framed = resize(
			crop(source.picture, coverRect(source.picture, width / height)),
			width,
			height,
		);
		let photo = cutout(framed, fractionRect(framed, 0.18, 0.1, 0.64, 0.9));
		if (plan.colour) photo = onColour(photo, plan.colour);
		if (plan.beauty) photo = mapColours(photo, contrast(1.08));
		// A print sheet: four copies on white.
		if (plan.layout) photo = tile(onColour(photo, plan.colour ?? WHITE), 2, 2, 12, WHITE);
		if (plan.preview) photo = stripes(photo);
		return { image: await encodeAs(photo, plan.format, { background: plan.colour ?? WHITE }) };
	},
});
