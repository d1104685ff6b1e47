import type { Route } from '../route';
import type { AppDeps } from '../app';
import { comparePage } from './pages/compare';
import { dataPages } from './pages/data';
import { driftPages } from './pages/drift';
import { modelsPage } from './pages/models';
import { overviewPage } from './pages/overview';
import { runsPage } from './pages/runs';
import { tryPage } from './pages/try';

/**
 * Everything a console page may read through: the same functions and clients as the JSON
 * routes, never a query of its own.
 */
export type ConsoleDeps = AppDeps;

/** The console's pages, under /ui; each page's JSON twin is a route of the other tags. */
export function consoleRoutes(deps: ConsoleDeps): Route[] {
  return [
    overviewPage(deps),
    runsPage(deps),
    modelsPage(deps),
    comparePage(deps),
    ...dataPages(deps),
    ...driftPages(deps),
    tryPage(deps.console),
  ];
}
