/** nock patches the shared http module: activate per file, clean per test, restore at the end. */
import nock from 'nock';

export function useNock(): void {
	beforeAll(() => {
		if (!nock.isActive()) nock.activate();
		nock.disableNetConnect();
	});
	afterEach(() => {
		nock.cleanAll();
	});
	afterAll(() => {
		nock.enableNetConnect();
		nock.restore();
	});
}

let realNetworkUsers = 0;
let restoredHere = false;

/**
 * Takes nock out of the http module while a local server is in use, and returns the way back.
 * Requests to 127.0.0.1 then run on Node's own sockets, as they do in n8n. Through nock's
 * pass-through socket they do not: it drops its listeners from the real socket when it closes,
 * so a write or connect still pending on a reset socket ("write ECANCELED") becomes an uncaught
 * exception that fails whichever test is running.
 */
export function useRealNetwork(): () => void {
	if (realNetworkUsers++ === 0 && nock.isActive()) {
		nock.restore();
		restoredHere = true;
	}
	let released = false;
	return () => {
		if (released) return;
		released = true;
		if (--realNetworkUsers === 0 && restoredHere) {
			restoredHere = false;
			nock.activate();
		}
	};
}
