/**
 * Document OCR: a scan, PDF or Office file in, an editable document out (Word, Excel, PowerPoint,
 * searchable PDF or plain text). PicWish answers only asynchronously; the result is a file URL
 * in the task's `file` field, downloaded and typed by what it is, never refused as "not an image".
 */
import nock from 'nock';

import { ocrApi } from '../../../../../nodes/PicWish/actions/ocr/api';
import { api, captureCreate, envelope, resultUrl, storage } from '../../../../support/api';
import { GIF, HTML_PAGE } from '../../../../support/images';
import { useNock } from '../../../../support/nock-lifecycle';
import { binaryBuffer, type InputItem, runPicWish } from '../../../../support/workflow';

useNock();

const PATH = ocrApi.taskPath;
const WORD = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The smallest PDF a reader opens: one empty page. */
const PDF = Buffer.from(
	'%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);
/** The start of a ZIP whose first entry is `name` (an Office file is a ZIP of word/, xl/ or ppt/ parts). */
const zipWith = (name: string) =>
	Buffer.concat([
		Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]),
		Buffer.alloc(16),
		Buffer.from([name.length, 0, 0, 0]),
		Buffer.from(name, 'latin1'),
		Buffer.alloc(64, 0x11),
	]);
const DOCX = zipWith('word/document.xml');
/** An old-Office (OLE2 compound) file: its signature, then a directory naming a WordDocument stream. */
const OLD_WORD = Buffer.concat([
	Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
	Buffer.alloc(504),
	Buffer.from('WordDocument', 'utf16le'),
	Buffer.alloc(64),
]);

const fileItem = (
	data: Buffer,
	fileName: string,
	mimeType = 'application/octet-stream',
): InputItem => ({
	binary: { data: { data, fileName, mimeType } },
});
const invoice = () => fileItem(PDF, 'invoice.pdf', 'application/pdf');

const convert = (parameters: object = {}, options: object = {}) => ({
	resource: 'ocr',
	operation: 'convertDocument',
	inputType: 'binary',
	outputFormat: 'docx',
	...parameters,
	options: { pollInterval: 0.2, ...options },
});

/** Create → task ID, then the finished task with its `file`, served as `body` of type `contentType`. */
function ocrTask(taskId: string, file: string, body: Buffer | string, contentType: string) {
	const created = captureCreate(envelope({ task_id: taskId }), PATH);
	api()
		.get(`${PATH}/${taskId}`)
		.reply(200, envelope({ task_id: taskId, state: 1, progress: 100, file: resultUrl(file) }));
	storage().get(`/tasks/${file}`).query(true).reply(200, body, { 'Content-Type': contentType });
	return created;
}

const errorText = (error: unknown) =>
	`${(error as Error)?.message} ${(error as { description?: string })?.description}`;

describe('Document OCR → Convert Document', () => {
	it('a PDF invoice to Word: the file goes up as image_file, the .docx comes back as "data", named after the PDF', async () => {
		const created = ocrTask('ocr-1', 'ocr-1.docx', DOCX, WORD);
		const result = await runPicWish({ parameters: convert(), items: [invoice()] });

		expect(result.error).toBeUndefined();
		expect(created.fields).toEqual({ sync: '0', format: 'docx' });
		expect(created.files).toEqual(['image_file']);
		expect(created.parts?.image_file).toMatchObject({
			filename: 'invoice.pdf',
			contentType: 'application/pdf',
		});
		expect(created.parts?.image_file.body.equals(PDF)).toBe(true);
		const [item] = result.items;
		expect(item.json).toMatchObject({
			task_id: 'ocr-1',
			file: resultUrl('ocr-1.docx'),
			resultUrl: resultUrl('ocr-1.docx'),
			taskStatus: 'completed',
		});
		expect(item.json.text).toBeUndefined();
		expect(item.binary?.data).toMatchObject({ fileName: 'invoice.docx', mimeType: WORD });
		expect((await binaryBuffer(item)).equals(DOCX)).toBe(true);
		expect(nock.isDone()).toBe(true);
	});

	it('to plain text: the text is in the JSON too, and the file is text/plain invoice.txt', async () => {
		const text = 'INVOICE 2026-117\nTotal due: 1,250.00 EUR\n';
		const created = ocrTask('ocr-2', 'ocr-2.txt', text, 'text/plain; charset=utf-8');
		const result = await runPicWish({
			parameters: convert({ outputFormat: 'txt' }),
			items: [invoice()],
		});
		expect(result.error).toBeUndefined();
		expect(created.fields?.format).toBe('txt');
		expect(result.items[0].json.text).toBe(text);
		expect(result.items[0].binary?.data).toMatchObject({
			fileName: 'invoice.txt',
			mimeType: 'text/plain',
		});
	});

	it('a document by URL: File URL is sent as image_url, and the languages as PicWish spells them', async () => {
		const created = ocrTask('ocr-3', 'ocr-3.docx', DOCX, WORD);
		const result = await runPicWish({
			parameters: convert(
				{ inputType: 'url', fileUrl: 'https://docs.example/scans/invoice.pdf' },
				{ languages: ['English', 'Digits'] },
			),
		});
		expect(result.error).toBeUndefined();
		expect(created.fields).toEqual({
			sync: '0',
			format: 'docx',
			language: 'English,Digits',
			image_url: 'https://docs.example/scans/invoice.pdf',
		});
		expect(created.files).toEqual([]);
		expect(result.items[0].binary?.data.fileName).toBe('invoice.docx');
	});

	it.each([
		[
			'11 languages',
			[
				'Arabic',
				'Dutch',
				'English',
				'French',
				'German',
				'Italian',
				'Japanese',
				'Korean',
				'Polish',
				'Russian',
				'Spanish',
			],
			'"Languages" holds 11 languages; PicWish takes up to 10 [item 0]',
		],
		[
			'a language PicWish does not name',
			['English', 'Klingon'],
			'"Languages" holds "Klingon", not among PicWish\'s languages [item 0]',
		],
	])('refuses %s before any request', async (_name, languages, message) => {
		const result = await runPicWish({
			parameters: convert({}, { languages }),
			items: [invoice()],
		});
		expect(result.error?.message).toBe(message);
	});

	describe('the password of a protected document', () => {
		const PASSWORD = 'Tr0ub4dor&3-invoices';

		it('is sent as "password" and is not in the error when PicWish refuses the document', async () => {
			const seen = captureCreate(envelope({}, 400, 'Document could not be opened'), PATH);
			const result = await runPicWish({
				parameters: convert({}, { password: PASSWORD }),
				items: [invoice()],
			});
			expect(seen.fields?.password).toBe(PASSWORD);
			expect(result.error?.message).toBe('PicWish rejected the request as invalid (400) [item 0]');
			expect(errorText(result.error)).toMatch(/PicWish said: "Document could not be opened"\./);
			expect(errorText(result.error)).not.toContain(PASSWORD);
			// Nor in what continue-on-fail hands the next node.
			captureCreate(envelope({}, 400, 'Document could not be opened'), PATH);
			const continued = await runPicWish({
				parameters: convert({}, { password: PASSWORD }),
				items: [invoice()],
				continueOnFail: true,
			});
			expect(continued.items[0].json).toMatchObject({ httpCode: '400' });
			expect(JSON.stringify(continued.items)).not.toContain(PASSWORD);
		});

		it('too long (33 characters) is refused before any request, without repeating it', async () => {
			const tooLong = 'S3cret-'.repeat(5).slice(0, 33);
			const result = await runPicWish({
				parameters: convert({}, { password: tooLong }),
				items: [invoice()],
				continueOnFail: true,
			});
			expect(result.items[0].json).toEqual({
				error: '"Password" is 33 characters long; PicWish takes at most 32 [item 0]',
				description: 'Check the password; PicWish cannot open documents with a longer one.',
			});
			expect(JSON.stringify(result.items)).not.toContain(tooLong);
		});
	});

	describe('what it takes', () => {
		it.each([
			[
				'a ZIP that is not an Office file',
				fileItem(zipWith('photos/cat.jpg'), 'archive.zip', 'application/zip'),
				'The file "archive.zip" in "data" is a ZIP archive; PicWish takes only PDF, Word, Excel, PowerPoint, JPG, PNG, GIF or BMP files [item 0]',
			],
			[
				'a random binary',
				fileItem(Buffer.from([0x00, 0x13, 0x37, 0xfe, 0x01, 0x02, 0x03, 0x00, 0x99]), 'blob.bin'),
				'The file "blob.bin" in "data" is not a recognised document; PicWish takes only PDF, Word, Excel, PowerPoint, JPG, PNG, GIF or BMP files [item 0]',
			],
		])('refuses %s before any request, naming what it is', async (_name, item, message) => {
			const result = await runPicWish({ parameters: convert(), items: [item] });
			expect(result.error?.message).toBe(message);
			expect((result.error as { description?: string }).description).toMatch(
				/^Check that the binary property holds the document itself/,
			);
		});

		it.each([
			[
				'an old-Office (Word 97–2003) file',
				fileItem(OLD_WORD, 'contract.doc'),
				'application/msword',
			],
			['a GIF scan', fileItem(GIF, 'receipt.gif', 'image/gif'), 'image/gif'],
		])('accepts %s and uploads it as what it is', async (_name, item, contentType) => {
			const created = ocrTask('ocr-old', 'ocr-old.docx', DOCX, WORD);
			const result = await runPicWish({ parameters: convert(), items: [item] });
			expect(result.error).toBeUndefined();
			expect(created.parts?.image_file.contentType).toBe(contentType);
		});
	});

	it('an HTML error page instead of the result document fails the item as an unavailable result, with the task ID', async () => {
		ocrTask('ocr-5', 'ocr-5.docx', HTML_PAGE, 'text/html');
		const result = await runPicWish({ parameters: convert(), items: [invoice()] });
		expect(result.error?.message).toBe(
			'The result URL returned an HTML page instead of a document [task_id ocr-5] [item 0]',
		);
		expect((result.error as { description?: string }).description).toMatch(
			/^The signed result URL may have expired .* Run Get Task with the task ID/,
		);
		expect((result.error as { context?: { failure?: string } }).context?.failure).toBe(
			'resultUnavailable',
		);
	});
});
