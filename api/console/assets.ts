import path from 'node:path';
import type { RequestHandler } from 'express';

const OWN = path.join(__dirname, 'assets');
// Resolved from package.json: a package's main module is not where its browser build lives.
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/**
 * Every file a console page loads, by the name it is asked for: the npm packages' browser
 * builds and the console's own script and stylesheet. Nothing else under /ui/assets is served,
 * and nothing is fetched from a CDN.
 */
const ASSETS: Readonly<Record<string, string>> = {
  'console.js': path.join(OWN, 'console.js'),
  'console.css': path.join(OWN, 'console.css'),
  'try.js': path.join(OWN, 'try.js'),
  'htmx.min.js': path.join(packageDir('htmx.org'), 'dist', 'htmx.min.js'),
  'echarts.min.js': path.join(packageDir('echarts'), 'dist', 'echarts.min.js'),
};

const PREFIX = '/ui/assets/';

/** The console's files: parts of its pages, not operations of the API, so not in the document. */
export function consoleAssets(): RequestHandler {
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.path.startsWith(PREFIX)) {
      next();
      return;
    }
    const file = Object.hasOwn(ASSETS, req.path.slice(PREFIX.length))
      ? ASSETS[req.path.slice(PREFIX.length)]
      : undefined;
    if (!file) {
      next();
      return;
    }
    res.sendFile(file, { maxAge: '1h' }, (error) => {
      // A client gone mid-file is no error to answer: the headers are out already.
      if (error && !res.headersSent) next(error);
    });
  };
}
