/**
 * The smallest Office Open XML packages that Word, Excel and PowerPoint open, holding lines of
 * text (Document OCR's docx, xlsx and pptx results): their parts, for documents.ts to ZIP.
 */
const xmlText = (text: string) =>
	text.replace(/[&<>"]/g, (char) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[char]};`);
const xml = (body: string) =>
	Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`, 'utf8');
const OFFICE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS = {
	a: 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"',
	r: `xmlns:r="${OFFICE}"`,
	p: 'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"',
};
const OPENXML = 'application/vnd.openxmlformats-officedocument';

/** A relationships part: [type, target] per relationship, ids rId1, rId2, … */
const rels = (...targets: Array<[string, string]>) =>
	xml(
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${targets
			.map(
				([type, target], index) =>
					`<Relationship Id="rId${index + 1}" Type="${OFFICE}/${type}" Target="${target}"/>`,
			)
			.join('')}</Relationships>`,
	);

/** [Content_Types].xml: each part's name and its type (after the OOXML prefix). */
const contentTypes = (overrides: Record<string, string>) =>
	xml(
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${Object.entries(
			overrides,
		)
			.map(([part, type]) => `<Override PartName="/${part}" ContentType="${OPENXML}.${type}"/>`)
			.join('')}</Types>`,
	);

export type Entries = Array<{ name: string; data: Buffer }>;
/** The package's parts: the content types, the root relationship to `main`, then the given parts. */
function ooxmlPackage(main: string, parts: Record<string, [type: string, data: Buffer]>): Entries {
	return [
		{
			name: '[Content_Types].xml',
			data: contentTypes(
				Object.fromEntries(
					Object.entries(parts)
						.filter(([, [type]]) => type)
						.map(([name, [type]]) => [name, type]),
				),
			),
		},
		{ name: '_rels/.rels', data: rels(['officeDocument', main]) },
		...Object.entries(parts).map(([name, [, data]]) => ({ name, data })),
	];
}

const EMPTY_TREE =
	'<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>';
const COLOURS = ['dk1', 'lt1', 'dk2', 'lt2', ...[1, 2, 3, 4, 5, 6].map((n) => `accent${n}`)];
const fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>';
const three = (item: string) => item.repeat(3);
const font = '<a:latin typeface="Arial"/><a:ea typeface=""/><a:cs typeface=""/>';
/** The smallest theme PowerPoint takes: colours, fonts and three styles of each kind. */
const THEME = `<a:theme ${NS.a} name="Sandbox"><a:themeElements><a:clrScheme name="Sandbox">${[
	...COLOURS,
	'hlink',
	'folHlink',
]
	.map(
		(name, index) => `<a:${name}><a:srgbClr val="${index % 2 ? 'FFFFFF' : '000000'}"/></a:${name}>`,
	)
	.join(
		'',
	)}</a:clrScheme><a:fontScheme name="Sandbox"><a:majorFont>${font}</a:majorFont><a:minorFont>${font}</a:minorFont></a:fontScheme><a:fmtScheme name="Sandbox"><a:fillStyleLst>${three(fill)}</a:fillStyleLst><a:lnStyleLst>${three(`<a:ln>${fill}</a:ln>`)}</a:lnStyleLst><a:effectStyleLst>${three('<a:effectStyle><a:effectLst/></a:effectStyle>')}</a:effectStyleLst><a:bgFillStyleLst>${three(fill)}</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>`;
const CLR_MAP = `<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" ${[1, 2, 3, 4, 5, 6].map((n) => `accent${n}="accent${n}"`).join(' ')} hlink="hlink" folHlink="folHlink"/>`;

/** Each OOXML format's parts holding the lines: a paragraph, a row or a text line each. */
export const OOXML: Record<'docx' | 'xlsx' | 'pptx', (lines: readonly string[]) => Entries> = {
	docx: (lines) =>
		ooxmlPackage('word/document.xml', {
			'word/document.xml': [
				'wordprocessingml.document.main+xml',
				xml(
					`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${lines
						.map((line) => `<w:p><w:r><w:t xml:space="preserve">${xmlText(line)}</w:t></w:r></w:p>`)
						.join('')}<w:sectPr/></w:body></w:document>`,
				),
			],
		}),
	xlsx: (lines) =>
		ooxmlPackage('xl/workbook.xml', {
			'xl/workbook.xml': [
				'spreadsheetml.sheet.main+xml',
				xml(
					`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ${NS.r}><sheets><sheet name="Text" sheetId="1" r:id="rId1"/></sheets></workbook>`,
				),
			],
			'xl/_rels/workbook.xml.rels': ['', rels(['worksheet', 'worksheets/sheet1.xml'])],
			'xl/worksheets/sheet1.xml': [
				'spreadsheetml.worksheet+xml',
				xml(
					`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${lines
						.map(
							(line, index) =>
								`<row r="${index + 1}"><c r="A${index + 1}" t="inlineStr"><is><t xml:space="preserve">${xmlText(line)}</t></is></c></row>`,
						)
						.join('')}</sheetData></worksheet>`,
				),
			],
		}),
	pptx: (lines) =>
		ooxmlPackage('ppt/presentation.xml', {
			'ppt/presentation.xml': [
				'presentationml.presentation.main+xml',
				xml(
					`<p:presentation ${NS.a} ${NS.r} ${NS.p}><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst><p:sldIdLst><p:sldId id="256" r:id="rId2"/></p:sldIdLst><p:sldSz cx="9144000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>`,
				),
			],
			'ppt/_rels/presentation.xml.rels': [
				'',
				rels(
					['slideMaster', 'slideMasters/slideMaster1.xml'],
					['slide', 'slides/slide1.xml'],
					['theme', 'theme/theme1.xml'],
				),
			],
			'ppt/slides/slide1.xml': [
				'presentationml.slide+xml',
				xml(
					`<p:sld ${NS.a} ${NS.r} ${NS.p}><p:cSld><p:spTree>${EMPTY_TREE}<p:sp><p:nvSpPr><p:cNvPr id="2" name="Text"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="457200" y="457200"/><a:ext cx="8229600" cy="5943600"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/>${lines
						.map((line) => `<a:p><a:r><a:rPr lang="en-US"/><a:t>${xmlText(line)}</a:t></a:r></a:p>`)
						.join(
							'',
						)}</p:txBody></p:sp></p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>`,
				),
			],
			'ppt/slides/_rels/slide1.xml.rels': [
				'',
				rels(['slideLayout', '../slideLayouts/slideLayout1.xml']),
			],
			'ppt/slideLayouts/slideLayout1.xml': [
				'presentationml.slideLayout+xml',
				xml(
					`<p:sldLayout ${NS.a} ${NS.r} ${NS.p}><p:cSld><p:spTree>${EMPTY_TREE}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>`,
				),
			],
			'ppt/slideLayouts/_rels/slideLayout1.xml.rels': [
				'',
				rels(['slideMaster', '../slideMasters/slideMaster1.xml']),
			],
			'ppt/slideMasters/slideMaster1.xml': [
				'presentationml.slideMaster+xml',
				xml(
					`<p:sldMaster ${NS.a} ${NS.r} ${NS.p}><p:cSld><p:spTree>${EMPTY_TREE}</p:spTree></p:cSld>${CLR_MAP}<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst></p:sldMaster>`,
				),
			],
			'ppt/slideMasters/_rels/slideMaster1.xml.rels': [
				'',
				rels(['slideLayout', '../slideLayouts/slideLayout1.xml'], ['theme', '../theme/theme1.xml']),
			],
			'ppt/theme/theme1.xml': ['theme+xml', xml(THEME)],
		}),
};
