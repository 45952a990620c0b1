import { CREDITS_PATH } from '../../../../../nodes/PicWish/transport/constants';
import { api, envelope } from '../../../../support/api';
import { HTML_PAGE } from '../../../../support/images';
import { useNock } from '../../../../support/nock-lifecycle';
import { PicWishTool, runPicWish, TOOL_TYPE } from '../../../../support/workflow';

useNock();

const getCredits = { resource: 'account', operation: 'getCredits' };

/** Two packages as the credits endpoint was seen to send them (fields beyond the counts vary). */
const PACKAGES = [
	{
		remaining_credits: 12,
		used_credits: 38,
		total_credits: 50,
		package_type: 'subscription',
		expired_at: 1795000000,
	},
	{ remaining_credits: 100, used_credits: 0, total_credits: 100, package_type: 'pay_as_you_go' },
];

describe('Account → Get Credits', () => {
	it('sums the credits left and used over the packages, and keeps each package as PicWish sent it', async () => {
		api().get(CREDITS_PATH).reply(200, envelope(PACKAGES));
		const result = await runPicWish({ parameters: getCredits });
		expect(result.status).toBe('success');
		expect(result.items).toEqual([
			{
				json: { remaining_credits: 112, used_credits: 38, packages: PACKAGES },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('answers every input item, paired with it (a balance check can sit anywhere in a flow)', async () => {
		api().get(CREDITS_PATH).times(2).reply(200, envelope(PACKAGES));
		const result = await runPicWish({
			parameters: getCredits,
			items: [{ json: { shop: 'a' } }, { json: { shop: 'b' } }],
		});
		expect(result.items.map((item) => [item.json.remaining_credits, item.pairedItem])).toEqual([
			[112, { item: 0 }],
			[112, { item: 1 }],
		]);
	});

	it('reads an account with no packages as no credits', async () => {
		api().get(CREDITS_PATH).reply(200, envelope([]));
		const result = await runPicWish({ parameters: getCredits });
		expect(result.items[0].json).toEqual({ remaining_credits: 0, used_credits: 0, packages: [] });
	});

	it('fails a wrong key clearly', async () => {
		api().get(CREDITS_PATH).reply(401, { status: 401, message: 'Unauthorized' });
		const result = await runPicWish({ parameters: getCredits });
		expect(result.error?.message).toBe('PicWish rejected the API key (401) [item 0]');
		expect(result.error?.description).toMatch(/Check the API key in the PicWish credential/);
	});

	it('says when the host has no credits endpoint (a proxy, another host)', async () => {
		api().get(CREDITS_PATH).reply(404, HTML_PAGE, { 'Content-Type': 'text/html' });
		const result = await runPicWish({ parameters: getCredits });
		expect(result.error?.message).toBe('This PicWish host has no credits endpoint (404) [item 0]');
		expect(result.error?.description).toMatch(
			/GET \/api\/customers\/package-credits was not found at the Base URL/,
		);
	});

	it('refuses an answer that is not a list of credit packages', async () => {
		api()
			.get(CREDITS_PATH)
			.reply(200, envelope({ task_id: 'x' }));
		const result = await runPicWish({ parameters: getCredits });
		expect(result.error?.message).toBe('PicWish answered without credit packages [item 0]');
	});

	it('with continue-on-fail, the failure becomes the item', async () => {
		api().get(CREDITS_PATH).reply(401, { status: 401, message: 'Unauthorized' });
		const result = await runPicWish({ parameters: getCredits, continueOnFail: true });
		expect(result.status).toBe('success');
		expect(result.items[0]).toMatchObject({
			json: { error: 'PicWish rejected the API key (401)', httpCode: '401' },
			pairedItem: { item: 0 },
		});
	});

	it('as an AI tool: the counts an agent needs to answer "how many credits do I have left?"', async () => {
		api().get(CREDITS_PATH).reply(200, envelope(PACKAGES));
		const result = await runPicWish({
			parameters: getCredits,
			nodeType: new PicWishTool(),
			nodeTypeName: TOOL_TYPE,
		});
		expect(result.items[0].json).toEqual({
			remainingCredits: 112,
			usedCredits: 38,
			packages: PACKAGES,
		});
	});
});
