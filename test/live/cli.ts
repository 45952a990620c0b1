/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/** `npm run test:live` (see live.ts). The environment is set up before n8n loads. */
import './env';
// A private n8n user folder, a silent logger, and no HTTP(S)_PROXY (n8n's proxy agent would send the
// node's requests for the local recording proxy through it).
import '../support/setup-env';

import { main } from './live';

main(process.env).then(
	(code) => process.exit(code),
	(error: Error) => {
		console.error(`[test:live] ${error.stack ?? error.message}`);
		process.exit(1);
	},
);
