/* eslint-disable @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * The live run's test image, drawn here: a small portrait-like picture (a sky gradient, a head with
 * eyes and a mouth, shoulders) rather than one flat colour, so that APIs that look for a subject or
 * a face have something to find. A synthetic face may still be refused ("no face"): a documented
 * failure state, which the checks treat as an answer.
 */
import { deflateSync } from 'node:zlib';

import { pngChunk } from '../support/images';

/** Inside every task API's limits: Expansion needs at least 64 px a side, Restoration at most 2048. */
export const LIVE_IMAGE_SIDE = 256;

type Rgb = [number, number, number];

function pixel(x: number, y: number, side: number): Rgb {
	const u = x / side;
	const v = y / side;
	// Head: an ellipse centred at (0.5, 0.4).
	const head = ((u - 0.5) / 0.2) ** 2 + ((v - 0.4) / 0.26) ** 2;
	const eye = Math.min(
		((u - 0.42) / 0.03) ** 2 + ((v - 0.36) / 0.02) ** 2,
		((u - 0.58) / 0.03) ** 2 + ((v - 0.36) / 0.02) ** 2,
	);
	const mouth = Math.abs(v - 0.52) < 0.012 && Math.abs(u - 0.5) < 0.07;
	if (head <= 1) {
		if (eye <= 1) return [40, 30, 30];
		if (mouth) return [150, 50, 60];
		if (v < 0.2 || head > 0.85) return [70, 45, 30]; // hair and outline
		return [225, 180, 150];
	}
	// Shoulders: a trapezoid from below the chin.
	if (v > 0.68 && Math.abs(u - 0.5) < 0.18 + (v - 0.68) * 0.9) return [40, 70, 140];
	// Sky: light blue at the top to pale at the bottom.
	return [Math.round(150 + 80 * v), Math.round(190 + 50 * v), 240];
}

/** The test image as a PNG (RGB, 8 bits). */
export function liveImage(side = LIVE_IMAGE_SIDE): Buffer {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(side, 0);
	header.writeUInt32BE(side, 4);
	header[8] = 8; // bit depth
	header[9] = 2; // colour type RGB
	const rows: Buffer[] = [];
	for (let y = 0; y < side; y++) {
		const row = Buffer.alloc(1 + side * 3); // filter byte 0, then RGB
		for (let x = 0; x < side; x++) row.set(pixel(x, y, side), 1 + x * 3);
		rows.push(row);
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', header),
		pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
		pngChunk('IEND', Buffer.alloc(0)),
	]);
}
