/**
 * Documents as Document OCR takes and gives them: the kinds PicWish lists, told apart by their
 * signatures (PDF, ZIP-based Office, old Office), and the type of a result document. Pure.
 */
import { type ImageInspection, type ImageLimits, inspectImage, inspectSize } from './image';
import { type FileType, sniffFileType } from './imageHeader';

/** Document OCR's input (its older page): PDF, Office files and images, up to 200 MB. */
export const DOCUMENT_LIMITS: ImageLimits = {
	kinds: ['pdf', 'docx', 'xlsx', 'pptx', 'doc', 'xls', 'ppt', 'jpeg', 'png', 'gif', 'bmp'],
	formats: 'PDF, Word, Excel, PowerPoint, JPG, PNG, GIF or BMP',
	maxBytes: 200 * 1024 * 1024,
	minSide: 1,
	maxSide: 100_000,
	documents: true,
};

/** Each document kind: its MIME type, extension and name in messages. */
const DOCUMENTS: Record<string, Omit<FileType, 'kind' | 'accepted'>> = {
	pdf: { noun: 'a PDF document', mimeType: 'application/pdf', extension: 'pdf' },
	docx: {
		noun: 'a Word document',
		mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
		extension: 'docx',
	},
	xlsx: {
		noun: 'an Excel workbook',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		extension: 'xlsx',
	},
	pptx: {
		noun: 'a PowerPoint presentation',
		mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
		extension: 'pptx',
	},
	doc: { noun: 'a Word 97–2003 document', mimeType: 'application/msword', extension: 'doc' },
	xls: {
		noun: 'an Excel 97–2003 workbook',
		mimeType: 'application/vnd.ms-excel',
		extension: 'xls',
	},
	ppt: {
		noun: 'a PowerPoint 97–2003 presentation',
		mimeType: 'application/vnd.ms-powerpoint',
		extension: 'ppt',
	},
	txt: { noun: 'plain text', mimeType: 'text/plain', extension: 'txt' },
};

const documentType = (kind: string): FileType => ({ kind, ...DOCUMENTS[kind], accepted: true });

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** The Office kind of a ZIP by the folders its entries name (a docx holds word/, …). */
function officeZipKind(bytes: Uint8Array): string | undefined {
	const names = Buffer.from(
		bytes.buffer,
		bytes.byteOffset,
		Math.min(bytes.length, 1 << 20),
	).toString('latin1');
	if (names.includes('word/')) return 'docx';
	if (names.includes('xl/')) return 'xlsx';
	if (names.includes('ppt/')) return 'pptx';
	return undefined;
}

/** The old Office kind of an OLE2 file by the stream it holds (its name is UTF-16 in the directory). */
function oleKind(bytes: Uint8Array): string {
	const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf16le');
	if (text.includes('Workbook') || text.includes('Book')) return 'xls';
	if (text.includes('PowerPoint Document')) return 'ppt';
	return 'doc';
}

/** The document kind of bytes (PDF, Office old and new), or what sniffFileType makes of them. */
export function sniffDocument(bytes: Uint8Array): FileType | undefined {
	if (bytes.length >= OLE2.length && OLE2.every((value, index) => bytes[index] === value))
		return documentType(oleKind(bytes));
	const sniffed = sniffFileType(bytes);
	if (sniffed?.kind === 'pdf') return documentType('pdf');
	if (sniffed?.kind === 'zip') {
		const office = officeZipKind(bytes);
		return office ? documentType(office) : sniffed;
	}
	return sniffed;
}

/**
 * Checks an input file against an API's limits: a document by its signature where the API takes
 * documents (no pixel checks), an image as inspectImage does.
 */
export function inspectInput(
	bytes: Uint8Array,
	limits: ImageLimits,
): ImageInspection & { document?: boolean } {
	if (!limits.documents) return inspectImage(bytes, limits);
	const tooLarge = inspectSize(bytes.length, limits);
	if (tooLarge) return tooLarge;
	const type = sniffDocument(bytes);
	if (type && limits.kinds.includes(type.kind))
		// Images whose header the node reads get the pixel checks; documents, and an image kind it
		// does not read (GIF), are taken as they are.
		return type.accepted && !DOCUMENTS[type.kind]
			? inspectImage(bytes, limits)
			: { ok: true, type, width: 0, height: 0, document: true };
	return {
		ok: false,
		type,
		problem: `is ${type ? type.noun : 'not a recognised document'}; PicWish takes only ${limits.formats} files`,
		fix: `Check that the binary property holds the document itself, not an error page. Send a ${limits.formats} file of up to 200 MB.`,
	};
}

/** A result document's type: from its MIME type, else the extension its URL ends with. */
export function documentTypeOf(mimeType: string | undefined, url: string): FileType | undefined {
	const byMime = Object.keys(DOCUMENTS).find((kind) => DOCUMENTS[kind].mimeType === mimeType);
	if (byMime) return documentType(byMime);
	let path = '';
	try {
		path = new URL(url).pathname.toLowerCase();
	} catch {
		// Not a URL: no extension to go by.
	}
	const extension = /\.([a-z]{3,4})$/.exec(path)?.[1];
	return extension && DOCUMENTS[extension] ? documentType(extension) : undefined;
}
