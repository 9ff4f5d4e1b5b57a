// The web pages: citizen portal, 181 agent console, officer inbox and admin console, served by
// the same Koa app as the API. This router parses forms, finds who is signed in, remembers the
// language switch, checks CSRF on every POST and turns guard failures into redirects/error pages.
import bodyParser from '@koa/bodyparser';
import Router from '@koa/router';
import type { AppDeps } from '../app';
import type { Actor } from '../auth';
import { negotiateLang } from '../i18n';
import { csrfToken, checkCsrf } from '../web/csrf';
import { currentViewer } from '../web/session';
import { SignInFirst, takeFlash } from './context';
import { adminPages } from './admin';
import { agentPages } from './agent';
import { citizenPages } from './citizen';
import { officerPages } from './officer';
import { publicPages } from './public';
import { signInPages } from './sign-in';
import { staticFiles } from './static';
import { normalizeRequestText } from '../openapi/validate';

const LANG_COOKIE_MS = 365 * 24 * 3600_000;
const NOT_PAGES = ['/healthz', '/readyz', '/metrics'];
const isPage = (path: string) => !path.startsWith('/api/') && !NOT_PAGES.includes(path);

export function pageRoutes(deps: AppDeps): Router {
  const router = new Router();
  router.use(staticFiles().routes());
  const formParser = bodyParser({ enableTypes: ['form'], formLimit: '64kb' });
  router.use(async (ctx, next) => {
    // Koa-router runs `use` middleware for every path; the API and probes are not pages.
    if (!isPage(ctx.path)) return next();
    await formParser(ctx, async () => {
      if (ctx.method === 'POST') normalizeRequestText(ctx); // NFC; names with invisible characters refused
      const asked = ctx.query.lang;
      if (asked === 'hi' || asked === 'en') {
        ctx.cookies.set('lang', asked, {
          httpOnly: true,
          sameSite: 'lax',
          secure: ctx.secure,
          maxAge: LANG_COOKIE_MS,
        });
      }
      const lang = negotiateLang(ctx);
      const params = new URLSearchParams(ctx.querystring);
      params.delete('lang');
      const query = params.toString();
      const viewer = await currentViewer(ctx, deps.db);
      if (viewer?.kind === 'staff') {
        ctx.state.actor = { kind: 'staff', code: viewer.code, roles: viewer.roles } satisfies Actor;
      }
      ctx.state.page = {
        lang,
        viewer,
        csrf: csrfToken(ctx, deps.staffTokenSecret),
        here: ctx.path + (query ? `?${query}` : ''),
        flash: takeFlash(ctx, lang),
      };
      if (ctx.method === 'POST') checkCsrf(ctx, deps.staffTokenSecret);
      try {
        await next();
      } catch (err) {
        if (!(err instanceof SignInFirst)) throw err;
        const back = ctx.method === 'GET' ? ctx.originalUrl : '/';
        ctx.status = 303;
        ctx.redirect(`${err.where}?next=${encodeURIComponent(back)}`);
      }
    });
  });
  router.use(publicPages(deps).routes());
  router.use(signInPages(deps).routes());
  router.use(citizenPages(deps).routes());
  router.use(agentPages(deps).routes());
  router.use(officerPages(deps).routes());
  router.use(adminPages(deps).routes());
  return router;
}
