/**
 * The sandbox's options, statistics and handle (server.ts re-exports the public ones), and the
 * tasks and result files it keeps.
 */

export type FaultMode = 'status500' | 'malformed' | 'drop' | 'hang' | 'html502';

export interface SandboxOptions {
	port?: number;
	host?: string;
	apiKeys?: string[];
	/** Requests per second allowed per key; above it the answer is 429. */
	qps?: number;
	/** Time a task takes from creation to state 1. */
	processingMs?: number;
	/** Lifetime of a result URL (whole seconds, as OSS signs it). */
	resultTtlMs?: number;
	/** Result URL signatures: OSS V4 (`x-oss-*`, as PicWish answers now) or the old `Expires`/`Signature` form. */
	urlSignature?: 'v4' | 'v1';
	/** Send `Retry-After: 1` with a 429 (the real API was never seen to). */
	retryAfter?: boolean;
	/** Credits per key at the start; each successful task uses its API's price. */
	credits?: number;
	/** Serve the credits endpoint (false: a host without it, which answers 404). */
	creditsEndpoint?: boolean;
	/**
	 * A gateway that answers 404 to a task ID that is not a UUID before it checks the key (real
	 * task IDs are UUIDs; whether PicWish's gateway does this is unknown, so the credential test
	 * must not depend on it).
	 */
	strictTaskIds?: boolean;
}

export interface SandboxStats {
	requests: number;
	creates: number;
	/** Creates per task path (watermark removal's and each API's), to tell which endpoint was called. */
	createsByPath: Record<string, number>;
	queries: number;
	downloads: number;
	rateLimited: number;
	unauthorized: number;
	faults: number;
	/** Requests for the credits endpoint. */
	creditChecks: number;
	/** Largest number of API requests admitted for one key within any one second. */
	peakPerSecond: number;
	/** HEAD requests for sample images (Reuse Results asking whether an image changed). */
	sampleHeads: number;
}

/** A result file, served at `/results/<id>.<ext>`. */
export interface StoredResult {
	id: string;
	ext: string;
	mime: string;
	bytes: Buffer;
}

export interface Task {
	id: string;
	key: string;
	/** The task endpoint it was created on (queries on another path find nothing). */
	path: string;
	createdAt: number;
	processingMs: number;
	/** Failure state the task ends in, if any. */
	failState?: number;
	failAt?: number;
	/** Result field → its file, or a text sent as it is ('' for a field left empty, as background removal's `mask`; an id). */
	results?: Record<string, StoredResult | string>;
	/** return_type 2: result fields carry base64 instead of URLs. */
	returnType?: number;
	width?: number;
	height?: number;
	/** How long fetching a URL input took (PicWish's `download_time`). */
	downloadMs: number;
	sourceName: string;
	startedAt: number;
}

export interface Sandbox {
	url: string;
	stats: SandboxStats;
	options: Required<Omit<SandboxOptions, 'port' | 'host'>>;
	/** Credits left and used by a key. */
	credits: (key: string) => { remaining: number; used: number };
	/** The next `count` API requests meet the given fault. */
	injectFault: (mode: FaultMode, count?: number) => void;
	/**
	 * Every result URL issued so far (the results of tasks completed by now) stops working, as if it
	 * had expired or been revoked: a GET is answered 403 with OSS's XML `AccessDenied` "Request has
	 * expired.". Results of tasks completed later work. Returns how many were revoked. Over HTTP:
	 * `POST /__sandbox/revoke-results` (answers `{ ok, revoked }`).
	 */
	revokeResults: () => number;
	reset: () => void;
	close: () => Promise<void>;
}
