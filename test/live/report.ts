/* eslint-disable @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/** The live run's report: JSON (everything, exchanges included) and a short Markdown table. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { FactVerdict, Outcome } from './checks';
import type { NodePrice } from './prices';
import type { Exchange } from './proxy';

export interface ResourceReport {
	resource: string;
	name: string;
	operation: string;
	taskPath: string;
	/** Whether a create was sent for it. */
	ran: boolean;
	extraParameters: string;
	price: NodePrice;
	taskId?: string;
	state?: number;
	creditsBefore?: number;
	creditsAfter?: number;
	/** The node's error for the item, if it failed. */
	error?: string;
	facts: FactVerdict[];
	exchanges: Exchange[];
}

export interface LiveReport {
	startedAt: string;
	finishedAt: string;
	/** The base URL's origin (never its user info or query). */
	baseUrl: string;
	image: string;
	budget: number;
	creditsBefore: number;
	creditsAfter?: number;
	skipped: Array<{ resource: string; why: string }>;
	resources: ResourceReport[];
	/** How many facts came out each way, over every resource. */
	counts: Record<Outcome, number>;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

export function markdown(report: LiveReport): string {
	const lines = [
		'# PicWish live check',
		'',
		`${report.startedAt} against ${report.baseUrl}, one ${report.image} per task API (Wait Mode: poll).`,
		`Credits: ${report.creditsBefore} before, ${report.creditsAfter ?? 'unknown'} after (at most ${report.budget} to spend).`,
		`Facts: ${report.counts.confirmed} confirmed, ${report.counts.contradicted} contradicted, ${report.counts.unchecked} unchecked.`,
		'',
		'| Resource | Fact | Weight | Outcome | Seen |',
		'| --- | --- | --- | --- | --- |',
		...report.resources.flatMap((resource) =>
			resource.facts.map(
				(fact) =>
					`| ${cell(resource.name)} | ${fact.fact} | ${fact.weight} | ${fact.outcome === 'contradicted' ? '**contradicted**' : fact.outcome} | ${cell(fact.seen)} |`,
			),
		),
	];
	for (const skipped of report.skipped)
		lines.push('', `Skipped: ${skipped.resource} (${skipped.why}).`);
	const errors = report.resources.filter((resource) => resource.error);
	if (errors.length) {
		lines.push(
			'',
			'Items that failed:',
			'',
			...errors.map((resource) => `- ${resource.name}: ${cell(resource.error ?? '')}`),
		);
	}
	return `${lines.join('\n')}\n`;
}

/** Writes live-report.json and live-report.md into `dir`; returns their paths. */
export function writeReport(dir: string, report: LiveReport): string[] {
	mkdirSync(dir, { recursive: true });
	const json = join(dir, 'live-report.json');
	const md = join(dir, 'live-report.md');
	writeFileSync(json, `${JSON.stringify(report, null, '\t')}\n`);
	writeFileSync(md, markdown(report));
	return [json, md];
}
