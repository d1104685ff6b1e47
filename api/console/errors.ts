import type { ErrorRequestHandler, Request } from 'express';
import type { Logger } from '../../core/logging/logger';
import { asApiError, ApiError } from '../errors';
import { sendPage } from '../security-headers';
import type { ConsoleContext } from './page';
import { render } from './render';

/** A console page, as opposed to its assets or the JSON routes. */
function isConsolePage(req: Request): boolean {
  return (
    req.method === 'GET' &&
    (req.path === '/ui' || req.path.startsWith('/ui/')) &&
    !req.path.startsWith('/ui/assets/')
  );
}

/**
 * The console's errors as pages of the console, with the same status, code and message the
 * JSON routes give: a person who follows a stale link reads what is wrong and has the
 * navigation to go on, rather than a JSON body. Everything else goes on to the shared handler.
 */
export function consoleErrors(logger: Logger, context: ConsoleContext): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (!isConsolePage(req) || res.headersSent) {
      next(error);
      return;
    }
    const known = asApiError(error);
    if (!known) logger.error({ error: String(error) }, 'console page failed');
    const answer = known ?? new ApiError(500, 'internal', 'internal error');
    const frame = {
      title: answer.status === 404 ? 'Not found' : `Error ${answer.status}`,
      nav: undefined,
      ...context,
    };
    res.set(answer.headers).status(answer.status);
    sendPage(res, render('error', frame, { error: answer }), 'console');
  };
}
