import path from 'node:path';
import express from 'express';
import type { Router } from 'express';
import { buildOpenApi } from '../openapi';

// Resolved from package.json: the package's main module would load the whole browser bundle.
const ASSET_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));
// Only what our page uses: the package's own index.html and initializer point at the petstore.
const ASSETS = new Set(['/swagger-ui.css', '/swagger-ui-bundle.js', '/favicon-32x32.png']);

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

/** `GET /openapi.json` and Swagger UI at `GET /docs`, all served locally, for offline machines. */
export function docsRouter(options: { version: string }): Router {
  const document = buildOpenApi(options);
  const assets = express.static(ASSET_DIR, { index: false });
  const router = express.Router();

  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(PAGE);
  });
  router.get('/docs/init.js', (_req, res) => {
    res.type('js').send(INIT);
  });
  router.use('/docs/assets', (req, res, next) => {
    if (ASSETS.has(req.path)) assets(req, res, next);
    else next();
  });
  return router;
}
