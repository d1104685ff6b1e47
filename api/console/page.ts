import type { Request } from 'express';
import type { z } from 'zod';
import { route } from '../route';
import type { Route, RouteResponse } from '../route';
import { sendPage } from '../security-headers';
import { render } from './render';
import type { NavEntry } from './render';

/** What every page knows of the deployment: where the Temporal Web UI is. */
export interface ConsoleContext {
  temporalUiUrl: string | undefined;
  namespace: string;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface PageDefinition<
  P extends z.ZodObject | undefined,
  Q extends z.ZodObject | undefined,
> {
  path: string;
  operationId: string;
  summary: string;
  nav: NavEntry;
  /** `templates/<template>.eta`. */
  template: string;
  params?: P;
  query?: Q;
  /**
   * Errors the page answers beside 200 (a 404 for an unknown version), by status: what they
   * mean. They are HTML pages of the console too (`consoleErrors`).
   */
  errors?: Readonly<Record<number, string>>;
  /**
   * The page's data, read through the same functions as the JSON route it mirrors, never SQL
   * of its own; and its title.
   */
  load(
    params: Parsed<P>,
    query: Parsed<Q>,
    req: Request,
  ): Promise<{ title: string; data: object }> | { title: string; data: object };
}

/** A console page: a route of the document like any other, answering HTML. */
export function consolePage<
  P extends z.ZodObject | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
>(context: ConsoleContext, page: PageDefinition<P, Q>): Route {
  const html = (description: string): RouteResponse => ({ description, body: 'text/html' });
  const responses: Record<number, RouteResponse> = { 200: html('an HTML page of the console') };
  if (page.query || page.params) {
    responses[400] = html('an error page: a parameter out of range, and which');
  }
  for (const [status, description] of Object.entries(page.errors ?? {})) {
    responses[Number(status)] = html(`an error page: ${description}`);
  }
  return route<P, undefined, Q>({
    method: 'get',
    path: page.path,
    operationId: page.operationId,
    summary: page.summary,
    tag: 'console',
    auth: 'none',
    ...(page.params && { params: page.params }),
    ...(page.query && { query: page.query }),
    responses,
    handler: async (req, res, _body, params, query) => {
      const { title, data } = await page.load(params, query, req);
      const frame = {
        title,
        nav: page.nav,
        temporalUiUrl: context.temporalUiUrl,
        namespace: context.namespace,
      };
      sendPage(res, render(page.template, frame, data), 'console');
    },
  });
}
