/* eslint-disable @n8n/community-nodes/no-restricted-imports -- tests and dev tools run in jest or Node on the developer's machine, never inside n8n (these rules guard node code) */
/**
 * A local OpenAI-compatible chat model for the AI Agent end-to-end test: it calls the first tool it
 * is offered (with the image URL, when the tool asks for one), then answers with what the tool
 * returned: the cleaned image's link, the credits left, or the failure. It keeps every request,
 * so the test can read what the agent sent to the model (the tool's name, description and
 * arguments, and the tool's result).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequest {
	messages: Array<{ role: string; content?: string | null; tool_calls?: unknown[] }>;
	tools?: Array<{
		type: string;
		function: {
			name: string;
			description?: string;
			parameters?: { properties?: Record<string, { description?: string }> };
		};
	}>;
}

export interface ModelStandIn {
	url: string;
	requests: ChatRequest[];
	close: () => Promise<void>;
}

function completion(message: object, finishReason: string) {
	return {
		id: `chatcmpl-${Date.now()}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: 'gpt-4o-mini',
		choices: [
			{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finishReason },
		],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}

/** The areas the model asks Object Removal to erase. */
export const RECTANGLES = '[{"x":10,"y":20,"width":120,"height":60}]';

/** The background the model asks Background Generation for. */
export const PROMPT = 'on a marble kitchen counter in soft morning light';

/** `imageUrl` is what the model asks the tool to clean. */
export async function startModelStandIn(imageUrl: string): Promise<ModelStandIn> {
	const requests: ChatRequest[] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const send = (body: object) => {
				res.writeHead(200, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify(body));
			};
			if (!req.url?.endsWith('/chat/completions'))
				return send({ object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model' }] });
			const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
			requests.push(request);
			const toolAnswer = request.messages.find((message) => message.role === 'tool');
			if (toolAnswer) {
				const text = String(toolAnswer.content ?? '');
				const link = /"resultUrl":"([^"]+)"/.exec(text)?.[1];
				const credits = /"remainingCredits":(\d+)/.exec(text)?.[1];
				const content = link
					? `Done! Here is your cleaned photo: ${link}`
					: credits
						? `You have ${credits} PicWish credits left.`
						: `PicWish could not clean it: ${text}`;
				return send(completion({ content }, 'stop'));
			}
			const offered = request.tools?.[0]?.function;
			const tool = offered?.name ?? 'missing_tool';
			// Only the arguments the tool declares: the image, for Object Removal the areas to erase,
			// for Background Generation the background in words.
			const declared = offered?.parameters?.properties ?? {};
			const args: Record<string, string> = {};
			if ('imageUrl' in declared) args.imageUrl = imageUrl;
			if ('rectangles' in declared) args.rectangles = RECTANGLES;
			if ('prompt' in declared) args.prompt = PROMPT;
			return send(
				completion(
					{
						content: null,
						tool_calls: [
							{
								id: 'call_picwish_1',
								type: 'function',
								function: { name: tool, arguments: JSON.stringify(args) },
							},
						],
					},
					'tool_calls',
				),
			);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
		requests,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
