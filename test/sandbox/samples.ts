/**
 * Sample images the sandbox serves at /samples/<name>[-<width>x<height>].<png|jpg|bmp>, so URL
 * input works with no internet: a colour gradient with a light diagonal-grid "watermark". Sample
 * documents for Document OCR too: /samples/<name>.pdf, a one-page PDF naming itself.
 */
import { createHash } from 'node:crypto';

import jpeg from 'jpeg-js';

import { makeBmp } from '../support/images';
import { writeDocument } from './documents';
import { writePngSync } from './encode';

const MAX_PIXELS = 25_000_000;

function pixels(width: number, height: number, seed: number): Buffer {
	const data = Buffer.alloc(width * height * 4);
	const hue = (seed * 47) % 255;
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const offset = (y * width + x) * 4;
			const mark = (x + y) % 48 < 3 || (x - y + 4800) % 48 < 3;
			data[offset] = mark ? 235 : (hue + (x * 160) / width) % 255;
			data[offset + 1] = mark ? 235 : 60 + (y * 120) / height;
			data[offset + 2] = mark ? 235 : 180 - (x * 80) / width;
			data[offset + 3] = 255;
		}
	}
	return data;
}

interface SampleSpec {
	width: number;
	height: number;
	seed: number;
	kind: 'png' | 'jpg' | 'jpeg' | 'bmp' | 'pdf';
}

const MIME_TYPES: Record<SampleSpec['kind'], string> = {
	png: 'image/png',
	bmp: 'image/bmp',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	pdf: 'application/pdf',
};

/** What a sample name asks for, read from the name alone (undefined: not a sample). */
function sampleSpec(name: string): SampleSpec | undefined {
	const match = /^([\w-]+?)(?:-(\d+)x(\d+))?\.(png|jpg|jpeg|bmp|pdf)$/.exec(name);
	if (!match) return undefined;
	const width = Number(match[2] ?? 640);
	const height = Number(match[3] ?? 480);
	if (width < 1 || height < 1 || width * height > MAX_PIXELS) return undefined;
	const seed = [...match[1]].reduce((sum, char) => sum + char.charCodeAt(0), 0);
	return { width, height, seed, kind: match[4] as SampleSpec['kind'] };
}

/**
 * How the sandbox describes a sample without drawing it (a HEAD request, as Reuse Results sends):
 * its type and an ETag. A sample's bytes follow from its name alone, so the name is its version.
 */
export function sampleHead(name: string): { type: string; etag: string } | undefined {
	const spec = sampleSpec(name);
	if (!spec) return undefined;
	return {
		type: MIME_TYPES[spec.kind],
		etag: `"${createHash('sha256').update(name).digest('hex').slice(0, 16)}"`,
	};
}

export function sampleImage(name: string): { bytes: Buffer; type: string } | undefined {
	const spec = sampleSpec(name);
	if (!spec) return undefined;
	const { width, height, seed, kind } = spec;
	if (kind === 'pdf')
		return {
			bytes: writeDocument('pdf', [`Sample document ${name}`, 'Invoice 2026-0042: 3 items']).bytes,
			type: MIME_TYPES.pdf,
		};
	if (kind === 'bmp') return { bytes: makeBmp(width, height), type: MIME_TYPES.bmp };
	const data = pixels(width, height, seed);
	if (kind === 'png') return { bytes: writePngSync(data, width, height), type: MIME_TYPES.png };
	return {
		bytes: Buffer.from(jpeg.encode({ data, width, height }, 85).data),
		type: MIME_TYPES[kind],
	};
}
