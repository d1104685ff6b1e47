import path from 'node:path';
import type { RequestHandler } from 'express';
import { openApiDocument } from '../responses/service';
import { route } from '../route';
import type { Route } from '../route';
import { sendPage } from '../security-headers';

// Resolved from package.json: the package's main module would load the whole browser bundle.
const ASSET_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const ASSET_PATH = '/docs/assets/';
// Only what our page uses: the package's own index.html and initializer point at the petstore.
const ASSETS = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png']);

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Rakuten product classification API</title>
    <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
    <link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/assets/swagger-ui-bundle.js"></script>
    <script src="/docs/init.js"></script>
  </body>
</html>
`;

// A file rather than an inline script, so a Content-Security-Policy of 'self' still allows it.
// validatorUrl null: the default sends the document to validator.swagger.io.
const INIT = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  tryItOutEnabled: true,
  validatorUrl: null,
});
`;

/**
 * `GET /openapi.json` and Swagger UI at `GET /docs`. The document describes these routes too,
 * so it is handed over as a function, called once it exists.
 */
export function docsRoutes(document: () => object): Route[] {
  return [
    route({
      method: 'get',
      path: '/openapi.json',
      operationId: 'openApi',
      summary: 'This document',
      tag: 'service',
      auth: 'none',
      responses: { 200: { description: 'the OpenAPI 3.1 document', body: openApiDocument } },
      handler: (_req, res) => {
        res.json(document());
      },
    }),
    route({
      method: 'get',
      path: '/docs',
      operationId: 'docs',
      summary: 'Swagger UI for this document',
      tag: 'service',
      auth: 'none',
      responses: { 200: { description: 'an HTML page', body: 'text/html' } },
      handler: (_req, res) => {
        sendPage(res, PAGE, 'docs');
      },
    }),
  ];
}

/**
 * The files the Swagger UI page loads, served locally for offline machines. They are parts of
 * the page, not operations of the API: one middleware, rather than routes in the document.
 */
export function docsAssets(): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
    } else if (req.path === '/docs/init.js') {
      res.type('js').send(INIT);
    } else if (req.path.startsWith(ASSET_PATH) && ASSETS.has(req.path.slice(ASSET_PATH.length))) {
      res.sendFile(req.path.slice(ASSET_PATH.length), { root: ASSET_DIR }, (error) => {
        // A client gone mid-file is no error to answer: the headers are out already.
        if (error && !res.headersSent) next(error);
      });
    } else {
      next();
    }
  };
}
