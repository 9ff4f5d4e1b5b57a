// Serves the OpenAPI document (GET /api/openapi.json) and the interactive docs page (GET /api/docs):
// Swagger UI from the swagger-ui-dist package, its files from a fixed list (no path from the request
// ever reaches the file system), pointed at the document by a small script of our own.
import fs from 'node:fs';
import path from 'node:path';
import Router from '@koa/router';
import { projectRoot } from '../../lib/paths';
import { openApiDocument } from './document';

const SWAGGER_DIR = path.join(projectRoot, 'node_modules', 'swagger-ui-dist');

/** The Swagger UI files the page loads, under /api/docs/assets/. */
export const DOCS_ASSETS: Record<string, { file: string; type: string }> = {
  'swagger-ui.css': { file: path.join(SWAGGER_DIR, 'swagger-ui.css'), type: 'text/css; charset=utf-8' },
  'swagger-ui-bundle.js': {
    file: path.join(SWAGGER_DIR, 'swagger-ui-bundle.js'),
    type: 'text/javascript; charset=utf-8',
  },
  'favicon-32x32.png': { file: path.join(SWAGGER_DIR, 'favicon-32x32.png'), type: 'image/png' },
};

/** Our own start-up script (a file, not inline, so a strict Content-Security-Policy can allow it). */
const INIT_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    tryItOutEnabled: false,
  });
});
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Jan Setu API — जन सेतु एपीआई</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
<link rel="icon" type="image/png" href="/api/docs/assets/favicon-32x32.png">
<style>
/* Hindi in the descriptions: the site's own Devanagari webfont, for Devanagari characters only. */
@font-face { font-family: 'Jan Setu Devanagari'; src: url('/static/fonts/noto-sans-devanagari-400.ttf') format('truetype');
  font-weight: 400; font-display: swap; unicode-range: U+0900-097F, U+1CD0-1CFF, U+200C-200D, U+20B9, U+A8E0-A8FF; }
@font-face { font-family: 'Jan Setu Devanagari'; src: url('/static/fonts/noto-sans-devanagari-700.ttf') format('truetype');
  font-weight: 700; font-display: swap; unicode-range: U+0900-097F, U+1CD0-1CFF, U+200C-200D, U+20B9, U+A8E0-A8FF; }
body, .swagger-ui :not(code):not(pre):not(.opblock-summary-path):not(.opblock-summary-path *) {
  font-family: 'Jan Setu Devanagari', sans-serif !important; }
body { margin: 0 }
header { font: 16px/1.4 'Jan Setu Devanagari', system-ui, sans-serif; padding: 12px 20px; background: #1b3a5c; color: #fff }
header a { color: #fff }
</style>
</head>
<body>
<header><strong>Jan Setu API</strong> · <span lang="hi">जन सेतु एपीआई</span> ·
<a href="/api/openapi.json">openapi.json</a></header>
<main id="swagger-ui"></main>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/init.js"></script>
</body>
</html>
`;

export function openApiRoutes(): Router {
  const router = new Router({ prefix: '/api' });
  const document = JSON.stringify(openApiDocument);
  const cache = new Map<string, Buffer>();

  router.get('/openapi.json', (ctx) => {
    ctx.type = 'application/json; charset=utf-8';
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = document;
  });

  router.get('/docs', (ctx) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = PAGE;
  });

  router.get('/docs/assets/init.js', (ctx) => {
    ctx.type = 'text/javascript; charset=utf-8';
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = INIT_SCRIPT;
  });

  for (const [name, entry] of Object.entries(DOCS_ASSETS)) {
    router.get(`/docs/assets/${name}`, (ctx) => {
      let bytes = cache.get(name);
      if (!bytes) {
        bytes = fs.readFileSync(entry.file);
        cache.set(name, bytes);
      }
      ctx.type = entry.type;
      ctx.set('Cache-Control', 'public, max-age=3600');
      ctx.body = bytes;
    });
  }
  return router;
}

/** The docs page's own files: served, but not API operations (the contract test leaves them out). */
export const DOCS_ASSET_PATHS = [
  '/api/docs/assets/init.js',
  ...Object.keys(DOCS_ASSETS).map((n) => `/api/docs/assets/${n}`),
];
