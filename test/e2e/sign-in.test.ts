// Signing in to the pages on the real stack: citizens by one-time code (hashed, single use, five
// tries, three sends per 15 minutes), staff by password (lockout after five failures), sessions
// kept server-side (signing out makes a copied cookie worthless) and CSRF on every form.
import { expect } from 'chai';
import { startTestStack, type TestStack } from '../helpers/stack';
import { Visitor } from '../helpers/visitor';

describe('signing in to the pages (real stack)', function () {
  this.timeout(180_000);
  let t: TestStack;

  before(async () => {
    t = await startTestStack('signin');
  });
  after(async () => {
    await t?.stop();
  });

  const lastCode = async (mobile: string): Promise<string> => {
    const row = await t
      .db('outboxMessages')
      .where({ recipientMobile: mobile, template: 'sign-in-code' })
      .orderBy('id', 'desc')
      .first();
    return (row.params as { code: string }).code;
  };

  it('signs a citizen in with a one-time code that works once, and signs out for good', async () => {
    const v = new Visitor(t.config.publicUrl);
    const csrf = await v.csrf('/signin');
    const sent = await v.post('/signin', { _csrf: csrf, mobile: '98765 01111', next: '/my' });
    expect(sent.status).to.equal(200);
    const page = await sent.text();
    expect(page).to.contain('+91 9876501111');
    const code = await lastCode('9876501111');
    expect(page).not.to.contain(code); // the code goes by SMS only
    const stored = await t.db('otpChallenges').where({ mobile: '9876501111' }).first();
    expect(stored.codeHash).not.to.contain(code);

    const signedIn = await v.post('/signin/code', { _csrf: csrf, mobile: '9876501111', code, next: '/my' });
    expect(signedIn.status).to.equal(303);
    expect(signedIn.headers.get('location')).to.equal('/my');
    const setCookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('jansetu_session='))!;
    expect(setCookie)
      .to.match(/httponly/i)
      .and.to.match(/samesite=lax/i);
    expect(await (await v.get('/')).text()).to.contain('+91 9876501111');

    // The same code again (another browser): refused.
    const other = new Visitor(t.config.publicUrl);
    const otherCsrf = await other.csrf('/signin');
    const reused = await other.post('/signin/code', { _csrf: otherCsrf, mobile: '9876501111', code });
    expect(reused.status).to.equal(400);

    // Sign out; the old cookie, copied elsewhere, no longer signs anyone in.
    const token = v.cookie('jansetu_session')!;
    expect((await v.post('/signout', { _csrf: csrf })).status).to.equal(303);
    const copy = new Visitor(t.config.publicUrl);
    copy.setCookie('jansetu_session', token);
    expect(await (await copy.get('/')).text()).not.to.contain('+91 9876501111');
  });

  it('allows five tries of a code, then asks for a new one; at most three codes in 15 minutes', async () => {
    const v = new Visitor(t.config.publicUrl);
    const csrf = await v.csrf('/signin');
    await v.post('/signin', { _csrf: csrf, mobile: '9876502222' });
    const code = await lastCode('9876502222');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let left = 4; left >= 0; left -= 1) {
      const res = await v.post('/signin/code', { _csrf: csrf, mobile: '9876502222', code: wrong });
      expect(res.status).to.equal(400);
      expect(await res.text()).to.contain(`${left} ${left === 1 ? 'try' : 'tries'} left`);
    }
    const late = await v.post('/signin/code', { _csrf: csrf, mobile: '9876502222', code });
    expect(late.status).to.equal(400);
    expect(await late.text()).to.contain('Ask for a new code');

    expect((await v.post('/signin', { _csrf: csrf, mobile: '9876502222' })).status).to.equal(200);
    expect((await v.post('/signin', { _csrf: csrf, mobile: '9876502222' })).status).to.equal(200);
    const fourth = await v.post('/signin', { _csrf: csrf, mobile: '9876502222' });
    expect(fourth.status).to.equal(429);
    expect(fourth.headers.get('retry-after')).to.equal('900');
    expect(await fourth.text()).to.contain('Wait 15 minutes');
  });

  it('refuses a form without its CSRF token, in the visitor’s language', async () => {
    const v = new Visitor(t.config.publicUrl);
    await v.get('/signin?lang=hi');
    const res = await v.post('/signin', { mobile: '9876503333' });
    expect(res.status).to.equal(403);
    expect(await res.text()).to.contain('पृष्ठ फिर से खोलें');
    expect(await t.db('otpChallenges').where({ mobile: '9876503333' })).to.have.length(0);
  });

  it('locks a staff account after five wrong passwords, without saying which part was wrong', async () => {
    const v = new Visitor(t.config.publicUrl);
    const csrf = await v.csrf('/staff/signin');
    const unknown = await v.post('/staff/signin', { _csrf: csrf, code: 'MP-NOPE-0000', password: 'x' });
    const wrongPassword = await v.post('/staff/signin', { _csrf: csrf, code: 'MP-PSM-0003', password: 'x' });
    expect(unknown.status).to.equal(401);
    expect(wrongPassword.status).to.equal(401);
    expect(await unknown.text()).to.contain('employee code or password is not right');
    for (let i = 0; i < 4; i += 1)
      await v.post('/staff/signin', { _csrf: csrf, code: 'MP-PSM-0003', password: 'x' });
    const locked = await v.post('/staff/signin', {
      _csrf: csrf,
      code: 'MP-PSM-0003',
      password: 'jansetu-demo',
    });
    expect(locked.status).to.equal(423);
    const ok = await v.post('/staff/signin', { _csrf: csrf, code: 'mp-psm-0004', password: 'jansetu-demo' });
    expect(ok.status).to.equal(303);
    expect(ok.headers.get('location')).to.equal('/staff');
    expect((await v.get('/staff')).headers.get('location')).to.equal('/agent');
  });

  it('sends the security headers on pages, API answers and errors alike', async () => {
    const v = new Visitor(t.config.publicUrl);
    for (const res of [await v.get('/'), await fetch(t.api('/districts')), await v.get('/no-such-page')]) {
      expect(res.headers.get('content-security-policy'))
        .to.contain("script-src 'self'")
        .and.to.contain("frame-ancestors 'none'");
      expect(res.headers.get('content-security-policy')).not.to.contain('unsafe-inline');
      expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(res.headers.get('x-frame-options')).to.equal('DENY');
      expect(res.headers.get('referrer-policy')).to.equal('same-origin');
    }
    // The API docs page (Swagger UI) alone may use inline styles; http gets no HSTS.
    const docs = await v.get('/api/docs');
    expect(docs.headers.get('content-security-policy')).to.contain("style-src 'self' 'unsafe-inline'");
    expect(docs.headers.get('strict-transport-security')).to.equal(null);
  });

  it('remembers the language switch, and sends guests to sign in', async () => {
    const v = new Visitor(t.config.publicUrl);
    await v.get('/?lang=hi');
    const home = await (await v.get('/')).text();
    expect(home).to.contain('<html lang="hi">');
    const guarded = await v.get('/admin');
    expect(guarded.status).to.equal(303);
    expect(guarded.headers.get('location')).to.equal('/staff/signin?next=%2Fadmin');
  });
});
