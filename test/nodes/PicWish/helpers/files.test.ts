import { baseNameOf, extensionOf, resultFileName } from '../../../../nodes/PicWish/helpers/files';

describe('file names', () => {
	it('takes the base name of a file or path', () => {
		expect(baseNameOf('photo.jpg')).toBe('photo');
		expect(baseNameOf('C:\\shop\\item 1.final.png')).toBe('item 1.final');
		expect(baseNameOf('/a/b/.hidden')).toBe('.hidden');
		expect(baseNameOf('')).toBe('image');
	});

	it("names the result after the input, with the result's real extension", () => {
		expect(resultFileName(undefined, 'photo', 'jpg')).toBe('photo.jpg');
		expect(resultFileName('  clean ', 'photo', 'png')).toBe('clean.png');
		expect(resultFileName('clean.webp', 'photo', 'png')).toBe('clean.webp');
	});

	it('knows the extensions of image types', () => {
		expect(extensionOf('image/jpeg')).toBe('jpg');
		expect(extensionOf('image/x-unknown')).toBeUndefined();
	});
});
