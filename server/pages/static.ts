// The few static files the pages need, served from a fixed list (no path from the request ever
// reaches the file system): the stylesheet, the enhancement script and the Devanagari webfont.
import fs from 'node:fs';
import path from 'node:path';
import Router from '@koa/router';
import { projectRoot, templatesDir } from '../../lib/paths';

const FONT_DIR = path.join(projectRoot, 'node_modules', '@expo-google-fonts', 'noto-sans-devanagari');

const FILES: Record<string, { file: string; type: string }> = {
  'site.css': { file: path.join(templatesDir, 'static', 'site.css'), type: 'text/css; charset=utf-8' },
  'site.js': { file: path.join(templatesDir, 'static', 'site.js'), type: 'text/javascript; charset=utf-8' },
  'fonts/noto-sans-devanagari-400.ttf': {
    file: path.join(FONT_DIR, '400Regular', 'NotoSansDevanagari_400Regular.ttf'),
    type: 'font/ttf',
  },
  'fonts/noto-sans-devanagari-700.ttf': {
    file: path.join(FONT_DIR, '700Bold', 'NotoSansDevanagari_700Bold.ttf'),
    type: 'font/ttf',
  },
};

export function staticFiles(): Router {
  const router = new Router({ prefix: '/static' });
  const cache = new Map<string, Buffer>();
  for (const [name, entry] of Object.entries(FILES)) {
    router.get(`/${name}`, (ctx) => {
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
