// A tiny cookie-keeping browser for the end-to-end tests of pages and form posts: it keeps the
// cookies the server sets (session, CSRF, language), reads a form's CSRF token and signs staff in
// through the staff sign-in form, without following redirects (the tests look at each 303).
import { STAFF_PASSWORD } from './pages';

export class Visitor {
  private cookies = new Map<string, string>();

  constructor(
    private readonly base: string,
    private readonly userAgent?: string,
  ) {}

  async get(path: string): Promise<Response> {
    return this.keep(await fetch(this.base + path, { headers: this.headers(), redirect: 'manual' }));
  }

  async post(path: string, form: Record<string, string>): Promise<Response> {
    return this.keep(
      await fetch(this.base + path, {
        method: 'POST',
        headers: { ...this.headers(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
        redirect: 'manual',
      }),
    );
  }

  /** The CSRF token of a page's form. */
  async csrf(path: string): Promise<string> {
    const page = await (await this.get(path)).text();
    const match = /name="_csrf" value="([^"]+)"/.exec(page);
    if (!match) throw new Error(`no CSRF token on ${path}`);
    return match[1]!;
  }

  /** Signs staff member `code` in through the form; returns the sign-in answer (303 when done). */
  async signInStaff(code: string, password = STAFF_PASSWORD): Promise<Response> {
    const csrf = await this.csrf('/staff/signin');
    return this.post('/staff/signin', { _csrf: csrf, code, password });
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  /** The Cookie header this visitor sends (for requests made outside it). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private headers(): Record<string, string> {
    return {
      accept: 'text/html',
      ...(this.userAgent ? { 'user-agent': this.userAgent } : {}),
      cookie: this.cookieHeader(),
    };
  }

  private keep(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=');
      if (!value) this.cookies.delete(name!);
      else this.cookies.set(name!, value);
    }
    return res;
  }
}
