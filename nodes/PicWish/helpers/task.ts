/**
 * A PicWish task as the node shows it: the API's `data` fields under their own names, plus the
 * state in words and when the result URL stops working. Pure: no I/O.
 */
import type { IDataObject } from 'n8n-workflow';

import { describeState, stateNumber } from './states';
import { toEpochMs } from './time';

/** The task fields of the API's `data` object; unknown fields pass through untouched. */
export interface TaskData extends IDataObject {
	task_id?: string;
	state?: number;
	progress?: number;
	file?: string;
}

/** Result URLs are signed for one hour (vendor docs). */
export const RESULT_URL_TTL_MS = 60 * 60 * 1000;

/** Fields of a task that are never results, though one might hold a link (an input echoed back). */
const NOT_RESULTS = new Set([
	'task_id',
	'state',
	'state_detail',
	'progress',
	'err_info',
	'image_id',
	'image_url',
	'mask_url',
	'retain_mask_url',
	'callback_url',
]);

const isUrl = (value: unknown): value is string =>
	typeof value === 'string' && /^https?:\/\/\S+$/i.test(value);

/** Every field of the task (and of objects in it, one level down) that holds a URL: its name and URL. */
function urlFields(task: TaskData): Array<[string, string]> {
	const found: Array<[string, string]> = [];
	for (const [name, value] of Object.entries(task)) {
		if (NOT_RESULTS.has(name)) continue;
		if (isUrl(value)) found.push([name, value]);
		else if (value && typeof value === 'object' && !Array.isArray(value))
			for (const [inner, url] of Object.entries(value as IDataObject))
				if (isUrl(url)) found.push([inner, url]);
	}
	return found;
}

/** A result of a finished task: its URL, the field it came in, and its number (`image_2`) or name (`tops`). */
export type PresentResult<F> = F & { url: string; from: string; index?: number; name?: string };

/**
 * The result URLs a finished task carries, among the fields its API puts them in (in that order):
 * numbered fields in their order, every URL field where the names are not known; an empty field
 * is no result.
 */
export function presentResults<F extends { field: string; numbered?: boolean; named?: string }>(
	task: TaskData,
	fields: readonly F[],
): Array<PresentResult<F>> {
	return fields.flatMap((spec): Array<PresentResult<F>> => {
		if (spec.numbered) {
			const pattern = new RegExp(`^${spec.field.replace(/[^A-Za-z0-9_]/g, '')}(\\d+)$`);
			return Object.entries(task)
				.map(([name, url]) => ({ name, url, index: Number(pattern.exec(name)?.[1]) }))
				.filter(
					(entry) => Number.isInteger(entry.index) && typeof entry.url === 'string' && entry.url,
				)
				.sort((a, b) => a.index - b.index)
				.map(({ name, url, index }) => ({ ...spec, url: String(url), from: name, index }));
		}
		if (spec.named)
			return urlFields(task).map(([name, url]) => ({ ...spec, url, from: name, name }));
		const url = task[spec.field];
		return typeof url === 'string' && url ? [{ ...spec, url, from: spec.field }] : [];
	});
}

/** When a signed result URL stops working: from its signature if it says, else completion + 1 h. */
export function resultUrlExpiry(
	task: TaskData,
	receivedAt: number,
	url = String(task.file),
): number {
	try {
		const params = new URL(url).searchParams;
		const expires = Number(params.get('Expires'));
		if (Number.isFinite(expires) && expires > 1e9) return expires * 1000;
		const signedAt = params.get('x-oss-date');
		const lifetime = Number(params.get('x-oss-expires'));
		const match = signedAt && /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(signedAt);
		if (match && Number.isFinite(lifetime) && lifetime > 0) {
			const [, y, mo, d, h, mi, s] = match.map(Number);
			return Date.UTC(y, mo - 1, d, h, mi, s) + lifetime * 1000;
		}
	} catch {
		// Not a URL we can read: fall back to the documented lifetime.
	}
	return (toEpochMs(task.completed_at) ?? receivedAt) + RESULT_URL_TTL_MS;
}

/** PicWish's timestamps (Unix seconds) and the readable ISO date shown beside each. */
const TIMESTAMPS = {
	created_at: 'createdAt',
	processed_at: 'processedAt',
	completed_at: 'completedAt',
} as const;

/**
 * The API's `data` fields under their own names, plus readable derived fields: the main result's
 * URL as `resultUrl` (whatever field the API names it), and when it expires.
 */
export function taskJson(task: TaskData, resultUrl?: string, receivedAt = Date.now()): IDataObject {
	const json: IDataObject = { ...task };
	for (const [field, readable] of Object.entries(TIMESTAMPS)) {
		const ms = toEpochMs(task[field]);
		if (ms !== undefined) json[readable] = new Date(ms).toISOString();
	}
	const state = stateNumber(task.state);
	if (Number.isFinite(state)) {
		const info = describeState(state);
		json.stateName = info.name;
		json.taskStatus = info.status;
	}
	if (resultUrl) {
		json.resultUrl = resultUrl;
		json.resultUrlExpiresAt = new Date(resultUrlExpiry(task, receivedAt, resultUrl)).toISOString();
	}
	return json;
}

/** The task's id, when an answer carries one. */
export function taskIdOf(data: unknown): string | undefined {
	const id = data && typeof data === 'object' ? (data as IDataObject).task_id : undefined;
	return typeof id === 'string' && id ? id : undefined;
}
