/** How the account API is spoken of (its endpoint is a fact the credential shares: transport/constants.ts). */
import type { ServiceApi } from '../../tasks/context';

export const accountApi: ServiceApi = {
	wording: { service: 'PicWish API' },
};
