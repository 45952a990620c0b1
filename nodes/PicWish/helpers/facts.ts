/**
 * How much a fact about PicWish weighs: where it was read, strongest first. Only the first three
 * decide a refusal before any request; the others shape advice (a failure's likely cause) and are
 * what `npm run test:live` checks with a real key. docs/picwish-api.md tags every fact so.
 */
export type FactWeight = 'page' | 'example' | 'live' | 'code' | 'inferred';

/** Each weight in words, for docs, reports and messages. */
export const FACT_WEIGHTS: Record<FactWeight, string> = {
	page: "PicWish's API page",
	example: "PicWish's own example code",
	live: 'third-party code seen working against the live API',
	code: 'third-party code only',
	inferred: 'inferred, not read anywhere',
};

/** The weights of what a task API's calls rest on: what a live run confirms or contradicts. */
export interface ApiFacts {
	/** GET `<taskPath>/<task_id>` queries a task. */
	queryPath: FactWeight;
	/** The result fields (`image`, `file`, …) and that they hold URLs. */
	results: FactWeight;
	/** The credits a successful task costs. */
	price: FactWeight;
	/** The input limits (formats, bytes, pixels). */
	limits: FactWeight;
}
