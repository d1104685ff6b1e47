import type { RequestHandler, Response } from 'express';

type Directives = Record<string, string[]>;

/** Nothing may frame, embed or post from any response of this API. */
const LOCKED: Directives = {
  'default-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

const policy = (directives: Directives) =>
  Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');

/**
 * The headers every response carries: no MIME sniffing, no framing, no referrer, same-origin
 * isolation, and a CSP that allows nothing, which is right for JSON and text; the HTML pages
 * replace it with their own (`sendPage`). Helmet's set less its headers for Internet Explorer,
 * Flash and link prefetching, written out: constants, so that the overload refusal, answered
 * before Express runs, sends them too (see load-shedding.ts). HSTS is left to whatever
 * terminates TLS in front of the API: the API itself speaks plain HTTP.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': policy(LOCKED),
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Origin-Agent-Cluster': '?1',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // Turns off the XSS auditor of old browsers, which could itself be abused to leak a page.
  'X-XSS-Protection': '0',
};

const ENTRIES = Object.entries(SECURITY_HEADERS);

/** The Content-Security-Policy of each kind of HTML page the API serves. */
export const PAGE_POLICIES = {
  /**
   * The model and drift reports: self-contained, an inline `<style>` and inline SVG, no script.
   * Their text comes from data (product words, feature names), so no script may run, whatever
   * slipped through the escaping.
   */
  report: policy({ ...LOCKED, 'style-src': ["'unsafe-inline'"] }),
  /**
   * Swagger UI: its script and stylesheet are files under /docs; its icons are data: URIs in
   * the stylesheet; it fetches the document and runs try-it-out calls on this origin.
   */
  docs: policy({
    ...LOCKED,
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
  }),
  /**
   * The console (/ui): its scripts and stylesheet are files under /ui/assets; it calls the JSON
   * routes of this origin; its filters are GET forms to its own pages. Style attributes are
   * allowed, and only they: the chart library writes its tooltips as HTML with inline styles.
   * No inline script runs: the pages' data travels in `application/json` blocks.
   */
  console: policy({
    ...LOCKED,
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'style-src-attr': ["'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'form-action': ["'self'"],
  }),
} as const;

export type PageKind = keyof typeof PAGE_POLICIES;

/** Sets SECURITY_HEADERS on every response, errors and 404s included. */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  for (const [name, value] of ENTRIES) res.setHeader(name, value);
  next();
};

/** Sends an HTML page under the CSP of its kind. */
export function sendPage(res: Response, html: string | Buffer, kind: PageKind): void {
  res.set('Content-Security-Policy', PAGE_POLICIES[kind]).type('html').send(html);
}
