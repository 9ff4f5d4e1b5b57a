// Signing in and out: citizens by mobile number + one-time code, staff by employee code + password.
import Router from '@koa/router';
import type { Context } from 'koa';
import { html } from '../../templates/html';
import { csrfField, say, type PageContext } from '../../templates/layout';
import type { AppDeps } from '../app';
import { AppError } from '../errors';
import { checkMobile, checkSignInCode, createSendLimiter, sendSignInCode } from '../web/otp';
import { endSession, startSession } from '../web/session';
import { checkStaffPassword } from '../web/staff-password';
import { formText, localPath, pageContext, redirect, render } from './context';

const T = {
  title: { en: 'Sign in', hi: 'साइन इन' },
  staffTitle: { en: 'Staff sign in', hi: 'कर्मचारी साइन इन' },
  mobile: { en: 'Mobile number', hi: 'मोबाइल नंबर' },
  mobileHint: { en: 'We will send a 6-digit code by SMS.', hi: 'हम SMS से 6 अंकों का कोड भेजेंगे।' },
  send: { en: 'Send code', hi: 'कोड भेजें' },
  code: { en: 'Code from the SMS', hi: 'SMS में आया कोड' },
  codeHint: {
    en: 'The code was sent to +91 {mobile}. It works for 5 minutes.',
    hi: 'कोड +91 {mobile} पर भेजा गया है। यह 5 मिनट तक मान्य है।',
  },
  verify: { en: 'Sign in', hi: 'साइन इन करें' },
  again: { en: 'Ask for a new code', hi: 'नया कोड माँगें' },
  employee: { en: 'Employee code', hi: 'कर्मचारी कोड' },
  password: { en: 'Password', hi: 'पासवर्ड' },
  welcome: { en: 'You are signed in.', hi: 'आप साइन इन हो गए हैं।' },
  bye: { en: 'You are signed out.', hi: 'आप साइन आउट हो गए हैं।' },
};

function mobileForm(pc: PageContext, next: string, error?: string, mobile = '') {
  return html`<form method="post" action="/signin" novalidate>
    ${csrfField(pc)}<input type="hidden" name="next" value="${next}" />
    <label for="mobile">${say(pc, T.mobile)} <span class="hint">${say(pc, T.mobileHint)}</span></label>
    <input
      id="mobile"
      name="mobile"
      type="tel"
      inputmode="numeric"
      autocomplete="tel-national"
      maxlength="14"
      value="${mobile}"
      required
      ${error ? html`aria-invalid="true" aria-describedby="mobile-error"` : ''}
    />
    ${error && html`<p id="mobile-error" class="field-error">${error}</p>`}
    <button type="submit">${say(pc, T.send)}</button>
  </form>`;
}

function codeForm(pc: PageContext, mobile: string, next: string, error?: string) {
  return html`<form method="post" action="/signin/code" novalidate>
      ${csrfField(pc)}<input type="hidden" name="next" value="${next}" /><input
        type="hidden"
        name="mobile"
        value="${mobile}"
      />
      <label for="code"
        >${say(pc, T.code)}
        <span class="hint">${say(pc, T.codeHint).replace('{mobile}', mobile)}</span></label
      >
      <input
        id="code"
        name="code"
        type="text"
        inputmode="numeric"
        autocomplete="one-time-code"
        maxlength="6"
        required
        ${error ? html`aria-invalid="true" aria-describedby="code-error"` : ''}
      />
      ${error && html`<p id="code-error" class="field-error">${error}</p>`}
      <button type="submit">${say(pc, T.verify)}</button>
    </form>
    <form method="post" action="/signin">
      ${csrfField(pc)}<input type="hidden" name="next" value="${next}" /><input
        type="hidden"
        name="mobile"
        value="${mobile}"
      /><button type="submit" class="secondary">${say(pc, T.again)}</button>
    </form>`;
}

function staffForm(pc: PageContext, next: string, error?: string, code = '') {
  return html`<form method="post" action="/staff/signin" novalidate>
    ${csrfField(pc)}<input type="hidden" name="next" value="${next}" />
    ${error && html`<p class="field-error" role="alert">${error}</p>`}
    <label for="code">${say(pc, T.employee)}</label>
    <input id="code" name="code" type="text" autocomplete="username" value="${code}" required />
    <label for="password">${say(pc, T.password)}</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required />
    <button type="submit">${say(pc, T.verify)}</button>
  </form>`;
}

const messageOf = (err: unknown, pc: PageContext): string => {
  if (err instanceof AppError) return err.messages[pc.lang];
  throw err;
};

/** A refusal shown on the form still says when to try again (429 → Retry-After). */
function retryAfter(ctx: Context, err: unknown): void {
  if (err instanceof AppError && err.retryAfterSeconds)
    ctx.set('Retry-After', String(Math.ceil(err.retryAfterSeconds)));
}

export function signInPages(deps: AppDeps): Router {
  const router = new Router();
  const { db } = deps;
  const secret = deps.staffTokenSecret;
  const perAddress = createSendLimiter();
  const nextOf = (ctx: Context, fallback: string) =>
    localPath(ctx.query.next ?? formText(ctx, 'next'), fallback);

  router.get('/signin', (ctx) => {
    render(ctx, T.title, mobileForm(pageContext(ctx), nextOf(ctx, '/my')));
  });

  router.post('/signin', async (ctx) => {
    const pc = pageContext(ctx);
    const next = nextOf(ctx, '/my');
    let mobile: string;
    try {
      mobile = checkMobile(formText(ctx, 'mobile'));
      perAddress.take(ctx.ip);
      await sendSignInCode(db, secret, mobile);
    } catch (err) {
      const status = err instanceof AppError ? err.status : 500;
      retryAfter(ctx, err);
      render(ctx, T.title, mobileForm(pc, next, messageOf(err, pc), formText(ctx, 'mobile')), status);
      return;
    }
    render(ctx, T.title, codeForm(pc, mobile, next));
  });

  router.post('/signin/code', async (ctx) => {
    const pc = pageContext(ctx);
    const next = nextOf(ctx, '/my');
    let mobile = '';
    try {
      mobile = checkMobile(formText(ctx, 'mobile'));
      await checkSignInCode(db, secret, mobile, formText(ctx, 'code'));
    } catch (err) {
      const status = err instanceof AppError ? err.status : 500;
      render(
        ctx,
        T.title,
        mobile ? codeForm(pc, mobile, next, messageOf(err, pc)) : mobileForm(pc, next, messageOf(err, pc)),
        status,
      );
      return;
    }
    await startSession(ctx, db, 'citizen', mobile);
    redirect(ctx, next, { kind: 'ok', text: T.welcome });
  });

  router.get('/staff/signin', (ctx) => {
    render(ctx, T.staffTitle, staffForm(pageContext(ctx), nextOf(ctx, '/staff')));
  });

  router.post('/staff/signin', async (ctx) => {
    const pc = pageContext(ctx);
    ctx.state.auditSubject = formText(ctx, 'code').toUpperCase(); // the audit log names the attempt
    const next = nextOf(ctx, '/staff');
    let code: string;
    try {
      code = await checkStaffPassword(db, formText(ctx, 'code'), formText(ctx, 'password'));
    } catch (err) {
      const status = err instanceof AppError ? err.status : 500;
      render(ctx, T.staffTitle, staffForm(pc, next, messageOf(err, pc), formText(ctx, 'code')), status);
      return;
    }
    await startSession(ctx, db, 'staff', code);
    redirect(ctx, next, { kind: 'ok', text: T.welcome });
  });

  /** Staff land on the page of their main role. */
  router.get('/staff', (ctx) => {
    const v = pageContext(ctx).viewer;
    if (v?.kind !== 'staff') return redirect(ctx, '/staff/signin');
    if (v.roles.includes('admin')) return redirect(ctx, '/admin');
    if (v.roles.includes('agent_181')) return redirect(ctx, '/agent');
    return redirect(ctx, '/officer');
  });

  router.post('/signout', async (ctx) => {
    await endSession(ctx, db);
    redirect(ctx, '/', { kind: 'ok', text: T.bye });
  });
  return router;
}
