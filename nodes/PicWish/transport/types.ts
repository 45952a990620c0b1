/** What callers hand the door and what it hands back. */
import type { IHttpRequestMethods } from 'n8n-workflow';

import type { BinaryStream } from './streams';

/** Default time for one request when the caller has no other (uploads may be 50 MB; a query is small). */
export const TIMEOUTS = {
	createMs: 120_000,
	queryMs: 30_000,
	downloadMs: 120_000,
} as const;

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path under the base URL. */
	path: string;
	/** A multipart/form-data body: plain fields, then the files (the image, and a mask where the API takes one). */
	form?: { fields: Record<string, string>; files?: UploadFile[] };
	timeoutMs: number;
	/**
	 * Whether sending it twice is harmless. A create is not: after a timeout, a reset or a 5xx it
	 * may have made (and charged) a task, and a failed item is better than a double charge.
	 */
	idempotent: boolean;
	/** Named in every error, when the request is about a task. */
	taskId?: string;
	/** What a 404 means for this request, when not "no such task" (an endpoint a host may lack). */
	notFound?: { message: string; description: string };
	/** How long 429s are waited out before the request fails (default: 180 s). */
	rateLimitPatienceMs?: number;
	/** Runs when the body's last byte has gone out (each attempt). */
	onSent?: () => void;
}

/** How long 429s are waited out when the caller does not say: PicWish's own processing limit. */
export const DEFAULT_RATE_LIMIT_PATIENCE_MS = 180_000;

/** A file to upload: opened for each attempt, let go of once its last byte is out. */
export interface UploadFile {
	/** The form field that carries it. */
	field: string;
	fileName: string;
	mimeType: string;
	/** The file's bytes for one attempt. */
	open(): Promise<OpenedFile>;
}

/** A file's bytes for one attempt; `release` gives them up (once they are sent, or the attempt ends). */
export interface OpenedFile {
	bytes: Buffer;
	release: () => void;
}

/** A successful answer: the envelope's `data` and its `message`, as PicWish sent them. */
export interface ApiAnswer {
	data: unknown;
	message?: string;
}

export interface ResultDownload {
	/** The body's first bytes, for the type check; the stream still holds them too. */
	head: Buffer;
	/** The whole body, not yet read. */
	stream: BinaryStream;
	contentType?: string;
}
