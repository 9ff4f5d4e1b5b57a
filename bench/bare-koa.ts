// Child process of the reads benchmark: the baseline, a bare Koa server with one route that
// answers the JSON in the file it is given (a real status answer), as Jan Setu's server would
// without routing, authorization, PostgreSQL or any middleware. Prints {"port":N} when listening.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';

const file = process.argv[2];
if (!file) throw new Error('usage: bare-koa BODY.json');
const body = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
const app = new Koa();
app.use((ctx) => {
  ctx.body = body; // serialised per request, as Jan Setu's answers are
});
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
