/** Resource "Document OCR": PicWish's Smart OCR API (docs/picwish-api.md). */
import type { INodeProperties } from 'n8n-workflow';

import { type Refusal, tooLong } from '../shared/apiOptions';
import { taskResource } from '../shared/taskResource';
import { LANGUAGES, MAX_LANGUAGES, ocrApi, OUTPUT_FORMATS, PASSWORD_MAX } from './api';

const FORMAT_NAMES: Record<(typeof OUTPUT_FORMATS)[number], string> = {
	docx: 'Word (.docx)',
	xlsx: 'Excel (.xlsx)',
	pptx: 'PowerPoint (.pptx)',
	pdf: 'Searchable PDF (.pdf)',
	txt: 'Plain Text (.txt)',
};

const outputFormat: INodeProperties = {
	displayName: 'Output Format',
	name: 'outputFormat',
	type: 'options',
	required: true,
	options: OUTPUT_FORMATS.map((value) => ({ name: FORMAT_NAMES[value], value })).sort((a, b) =>
		a.name.localeCompare(b.name),
	),
	default: 'docx',
	description:
		'The file to make of the recognised text; Plain Text also puts the text in the output JSON (text)',
};

/** Languages as PicWish takes them: up to ten of its names, comma-separated, case as listed. */
function languageList(value: unknown): string | Refusal {
	const chosen = (Array.isArray(value) ? value : String(value).split(','))
		.map((language) => String(language).trim())
		.filter(Boolean);
	const unknown = chosen.filter((language) => !LANGUAGES.includes(language));
	if (unknown.length)
		return {
			problem: `holds ${unknown.map((language) => `"${language}"`).join(', ')}, not among PicWish's languages`,
			fix: `Pick languages from the list (names are case-sensitive, for example English, ChinesePRC, Digits).`,
		};
	if (chosen.length > MAX_LANGUAGES)
		return {
			problem: `holds ${chosen.length} languages; PicWish takes up to ${MAX_LANGUAGES}`,
			fix: `Keep the ${MAX_LANGUAGES} languages the documents are most likely in.`,
		};
	return chosen.join(',');
}

export const ocr = taskResource({
	value: 'ocr',
	name: 'Document OCR',
	api: ocrApi,
	operation: {
		name: 'Convert Document',
		value: 'convertDocument',
		action: 'Convert a scan or PDF into an editable document',
		description:
			'Recognise the text of a scan, photo, PDF or Office file and make it a Word, Excel, PowerPoint, searchable PDF or text file',
	},
	toolSummary:
		'Recognises the text of a document on the web (a scan, photo, PDF or Office file) with PicWish and makes it a Word, Excel, PowerPoint, searchable PDF or plain-text file',
	resultNoun: 'the converted document',
	aliases: ['OCR', 'PDF to Word', 'scan to Excel', 'text recognition'],
	parameters: [outputFormat],
	options: [
		{
			property: {
				displayName: 'Languages',
				name: 'languages',
				type: 'multiOptions',
				options: LANGUAGES.map((language) => ({ name: language, value: language })),
				default: [],
				description: `The languages of the document, up to ${MAX_LANGUAGES} (PicWish reads Chinese, English and digits when none are set)`,
			},
			field: 'language',
			encode: languageList,
		},
		{
			property: {
				displayName: 'Password',
				name: 'password',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: `The password of a protected document (up to ${PASSWORD_MAX} characters)`,
			},
			field: 'password',
			// The password itself never appears in a message.
			encode: (value) =>
				tooLong(
					String(value),
					PASSWORD_MAX,
					'Check the password; PicWish cannot open documents with a longer one.',
				) ?? String(value),
		},
	],
	fields(item) {
		const format = String(item.ctx.getNodeParameter('outputFormat', item.itemIndex, 'docx'));
		if (!(OUTPUT_FORMATS as readonly string[]).includes(format))
			item.refuse('Output Format', {
				problem: `must be one of ${OUTPUT_FORMATS.join(', ')}, not "${format}"`,
				fix: 'Pick an output format from the list, or make the expression give one of those values.',
			});
		return {
			fields: { format },
			notes: portNote(item.ctx.getNodeParameter('fileUrl', item.itemIndex, '')),
		};
	},
	price: { credits: () => 1, text: '1 credit per document' },
	example: {
		parameters: { outputFormat: 'docx' },
		options: { languages: ['English', 'Digits'] },
		fields: { format: 'docx', language: 'English,Digits' },
	},
});

/** PicWish downloads documents only from ports 80 and 443 (its page): named when it cannot. */
function portNote(url: unknown): string[] {
	try {
		const { port } = new URL(String(url));
		return port && port !== '80' && port !== '443'
			? [`PicWish downloads documents only from ports 80 and 443; this URL uses port ${port}.`]
			: [];
	} catch {
		return [];
	}
}
