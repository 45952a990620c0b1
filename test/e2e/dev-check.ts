/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * What a newcomer does after `npm run dev`, done by a browser: sign in to the editor it printed, open
 * the example "remove watermarks from a folder of images", click "Execute workflow", and wait for the
 * cleaned images in the folder README names. Used by `npm run verify:fresh` (test/e2e/verify-fresh.sh).
 * Usage: run-ts.js test/e2e/dev-check.ts <editor URL> <screenshot.png>
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { inspectImage } from '../../nodes/PicWish/helpers/image';
import { DEV_OWNER, EXAMPLES_DIR } from './dev';
import { CHROMIUM_ARGS, ROOT, setupOwner } from './host';

async function main(): Promise<void> {
	const [editorUrl, screenshot] = process.argv.slice(2);
	const port = Number(new URL(editorUrl).port);
	const workflow = JSON.parse(
		readFileSync(join(ROOT, 'examples/remove-watermark-files.json'), 'utf8'),
	) as { id: string };
	const outDir = join(EXAMPLES_DIR, 'out');
	for (const name of readdirSync(outDir)) rmSync(join(outDir, name));
	const inputs = readdirSync(join(EXAMPLES_DIR, 'in')).sort();

	const cookie = await setupOwner(port, DEV_OWNER);
	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: CHROMIUM_ARGS,
	});
	try {
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		const [name, value] = cookie.split('=');
		await context.addCookies([{ name, value, domain: 'localhost', path: '/' }]);
		const page = await context.newPage();
		await page.goto(`${editorUrl}/workflow/${workflow.id}`);
		const run = page.locator('[data-test-id="execute-workflow-button"]');
		await run.waitFor({ timeout: 60_000 });
		await run.click();
		const deadline = Date.now() + 120_000;
		while (readdirSync(outDir).length < inputs.length && Date.now() < deadline)
			await page.waitForTimeout(500);
		await page.waitForTimeout(1500);
		await page.screenshot({ path: screenshot });
		const outputs = readdirSync(outDir).sort();
		// Same names, with the extension of what PicWish returns: JPEG.
		const expected = inputs.map((name) => name.replace(/\.\w+$/, '.jpg'));
		if (outputs.join() !== expected.join())
			throw new Error(
				`expected ${expected.join(', ')} in ${outDir}, found ${outputs.join(', ') || 'nothing'}`,
			);
		for (const [index, file] of outputs.entries()) {
			const image = inspectImage(readFileSync(join(outDir, file)));
			if (!image.ok) throw new Error(`${file} in ${outDir} is not an image: ${image.problem}`);
			if (
				readFileSync(join(outDir, file)).equals(
					readFileSync(join(EXAMPLES_DIR, 'in', inputs[index])),
				)
			)
				throw new Error(`${file} came back unchanged`);
		}
		console.log(
			`[dev-check] the folder example ran from the editor: ${outputs.length} cleaned images in ${outDir}`,
		);
	} finally {
		await browser.close();
	}
}

main().catch((error: Error) => {
	console.error(`[dev-check] ${error.message}`);
	process.exit(1);
});
