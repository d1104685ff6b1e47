import type { Route } from '../../route';
import { MAX_BATCH_ITEMS, MAX_DESCRIPTION_CHARS, MAX_TITLE_CHARS } from '../../schemas';
import { consolePage } from '../page';
import type { ConsoleContext } from '../page';

/**
 * `/ui/try`: a product, or pasted CSV lines, classified by the serving model. The page only
 * holds the forms: try.js sends them to POST /predict and /predict/batch from the browser,
 * with the user's token, as any client would.
 */
export function tryPage(context: ConsoleContext): Route {
  return consolePage(context, {
    path: '/ui/try',
    operationId: 'consoleTry',
    summary: 'Console: classify a product, or a batch of CSV lines, with the serving model',
    nav: 'try',
    template: 'try',
    load: () => ({
      title: 'Try it',
      data: {
        maxTitle: MAX_TITLE_CHARS,
        maxDescription: MAX_DESCRIPTION_CHARS,
        maxBatch: MAX_BATCH_ITEMS,
      },
    }),
  });
}
