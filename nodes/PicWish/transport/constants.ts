/** Facts about reaching PicWish that the credential and the node share: each is written here only. */

/** The credential type's name. */
export const CREDENTIAL_TYPE = 'picWishApi';

/** The global service; mainland China is served by https://techsz.aoscdn.com. */
export const DEFAULT_BASE_URL = 'https://techhk.aoscdn.com';

/** The header that carries the API key, on API requests only (never to result storage). */
export const API_KEY_HEADER = 'X-API-KEY';

/** The key's rate limit unless a plan raises it (requests per second). */
export const DEFAULT_REQUESTS_PER_SECOND = 2;

/**
 * The account's credit packages: a keyed, read-only GET that charges nothing. Seen answering
 * `{ status: 200, data: [{ remaining_credits, used_credits, … }] }` (docs/picwish-api.md).
 * The credential test proves a key with it.
 */
export const CREDITS_PATH = '/api/customers/package-credits';
