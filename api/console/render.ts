import path from 'node:path';
import { Eta } from 'eta';

/** The console's templates, compiled once and kept: they ship with the code, not as data. */
const eta = new Eta({
  views: path.join(__dirname, 'templates'),
  cache: true,
  // Every `<%= %>` is escaped: product titles, reasons and actors are data, not markup.
  autoEscape: true,
  autoTrim: [false, 'nl'],
});

/** What every page's layout needs beside the page's own data. */
export interface PageFrame {
  /** The `<title>` and the page's heading. */
  title: string;
  /** The navigation entry to mark as the current page; none on an error page. */
  nav: NavEntry | undefined;
  /** The Temporal Web UI, for the header's link and the workflow links; unset: no links. */
  temporalUiUrl: string | undefined;
  namespace: string;
}

export const NAV = [
  { id: 'overview', label: 'Overview', href: '/ui' },
  { id: 'models', label: 'Models', href: '/ui/models' },
  { id: 'runs', label: 'Training runs', href: '/ui/runs' },
  { id: 'data', label: 'Data', href: '/ui/data' },
  { id: 'drift', label: 'Drift', href: '/ui/drift' },
  { id: 'try', label: 'Try it', href: '/ui/try' },
] as const;

export type NavEntry = (typeof NAV)[number]['id'];

/** An instant as people read it, to the minute: `2026-12-03 20:16 UTC`. */
export function when(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** Renders `templates/<name>.eta` inside the layout; `it.when` formats instants. */
export function render(name: string, frame: PageFrame, data: object): string {
  return eta.render(`./${name}`, { ...data, frame, nav: NAV, when });
}

/** A value for a `<script type="application/json">` block: `<` escaped so it cannot end it. */
export function jsonBlock(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
