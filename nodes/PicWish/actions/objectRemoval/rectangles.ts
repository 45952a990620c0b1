/** The areas Object Removal erases, as PicWish takes them: a JSON list of rectangles. */
import type { InputImage } from '../../tasks/input';
import type { Refusal } from '../shared/apiOptions';
import { MAX_AREA_SHARE, MAX_RECTANGLES } from './api';

interface Rectangle {
	x: number;
	y: number;
	width: number;
	height: number;
}

const FIX = `Give a JSON list such as [{"x": 10, "y": 20, "width": 200, "height": 80}]: 1 to ${MAX_RECTANGLES} rectangles, each with whole numbers x and y (0 or more) and width and height (1 or more), in pixels from the top left corner.`;

/** Reads the list (JSON text, or a list an expression gave); says what is wrong with it otherwise. */
export function readRectangles(value: unknown, image: InputImage): Rectangle[] | Refusal {
	let list = value;
	if (typeof value === 'string') {
		try {
			list = JSON.parse(value);
		} catch (error) {
			return { problem: `is not valid JSON (${(error as Error).message})`, fix: FIX };
		}
	}
	// One rectangle on its own is a list of one.
	if (list && typeof list === 'object' && !Array.isArray(list)) list = [list];
	if (!Array.isArray(list))
		return { problem: `must be a list of rectangles, not ${JSON.stringify(list)}`, fix: FIX };
	if (list.length < 1 || list.length > MAX_RECTANGLES) {
		return {
			problem: `has ${list.length} rectangles; PicWish takes 1 to ${MAX_RECTANGLES}`,
			fix: FIX,
		};
	}
	const rectangles: Rectangle[] = [];
	for (const [index, entry] of list.entries()) {
		const at = `rectangle ${index + 1}`;
		if (!entry || typeof entry !== 'object')
			return { problem: `has ${at} that is not an object: ${JSON.stringify(entry)}`, fix: FIX };
		const rectangle = {} as Rectangle;
		for (const [key, min] of [
			['x', 0],
			['y', 0],
			['width', 1],
			['height', 1],
		] as const) {
			const number = Number((entry as Record<string, unknown>)[key]);
			if (!Number.isInteger(number) || number < min) {
				return {
					problem: `has ${at} with ${key} ${JSON.stringify((entry as Record<string, unknown>)[key]) ?? 'missing'}, not a whole number of ${min} or more`,
					fix: FIX,
				};
			}
			rectangle[key] = number;
		}
		if (
			image.kind === 'binary' &&
			(rectangle.x + rectangle.width > image.width || rectangle.y + rectangle.height > image.height)
		) {
			const { x, y, width, height } = rectangle;
			return {
				problem: `has ${at} from (${x}, ${y}) to (${x + width}, ${y + height}), past the edge of the ${image.width}×${image.height} image`,
				fix: 'Measure the rectangles on the image itself, in pixels from its top left corner, and keep each one inside it.',
			};
		}
		rectangles.push(rectangle);
	}
	if (image.kind === 'binary') {
		const share = coveredArea(rectangles) / (image.width * image.height);
		if (share >= MAX_AREA_SHARE) {
			return {
				problem: `cover ${Math.round(share * 100)}% of the ${image.width}×${image.height} image; PicWish removes areas under ${MAX_AREA_SHARE * 100}% of an image`,
				fix: 'Mark only what is to be removed, in smaller rectangles; to replace most of the image, use Background or Expansion instead.',
			};
		}
	}
	return rectangles;
}

/** The area the rectangles cover together (overlaps counted once): a sweep over their x edges. */
function coveredArea(rectangles: readonly Rectangle[]): number {
	const xs = [...new Set(rectangles.flatMap((r) => [r.x, r.x + r.width]))].sort((a, b) => a - b);
	let area = 0;
	for (let index = 0; index + 1 < xs.length; index++) {
		const [left, right] = [xs[index], xs[index + 1]];
		const spans = rectangles
			.filter((r) => r.x <= left && r.x + r.width >= right)
			.map((r) => [r.y, r.y + r.height])
			.sort((a, b) => a[0] - b[0]);
		let covered = 0;
		let end = -Infinity;
		for (const [top, bottom] of spans) {
			if (bottom <= end) continue;
			covered += bottom - Math.max(top, end);
			end = bottom;
		}
		area += covered * (right - left);
	}
	return area;
}
