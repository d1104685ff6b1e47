import { z } from 'zod';
import { SCOPES } from '../../core/auth/scopes';
import type { Caller } from '../auth';
import { route } from '../route';
import type { Route } from '../route';

export const whoAmI = z
  .object({
    name: z.string().meta({ description: "the token's name" }),
    scope: z.enum(SCOPES).meta({ description: 'what the token may do' }),
  })
  .meta({ id: 'WhoAmI' });

/**
 * `GET /whoami`: who the bearer token is and its scope, so that a client (the console) shows
 * only the operations the token may run.
 */
export function sessionRoutes(): Route[] {
  return [
    route({
      method: 'get',
      path: '/whoami',
      operationId: 'whoAmI',
      summary: "The bearer token's name and scope",
      tag: 'service',
      auth: { scope: 'predict' },
      responses: { 200: { description: 'the caller', body: whoAmI } },
      handler: (_req, res) => {
        const { name, scope } = res.locals.caller as Caller;
        res.json({ name, scope } satisfies z.output<typeof whoAmI>);
      },
    }),
  ];
}
