import { parseHttpUrl } from '../../../../nodes/PicWish/helpers/urls';

describe('http(s) addresses', () => {
	it('accepts http and https, encoding what needs it', () => {
		const check = parseHttpUrl('https://example.com/summer dress/é.jpg');
		expect(check.ok && check.url.href).toBe('https://example.com/summer%20dress/%C3%A9.jpg');
		expect(parseHttpUrl('http://127.0.0.1:8930/x').ok).toBe(true);
	});

	it('says what is wrong with the rest', () => {
		expect(parseHttpUrl('not a url')).toEqual({ ok: false, problem: 'invalid' });
		expect(parseHttpUrl('ftp://example.com/a.jpg')).toEqual({
			ok: false,
			problem: 'protocol',
			protocol: 'ftp',
		});
		expect(parseHttpUrl('file:///tmp/a.jpg')).toEqual({
			ok: false,
			problem: 'protocol',
			protocol: 'file',
		});
	});
});
