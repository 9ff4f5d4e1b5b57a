import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createPaymentGatewayClient,
  PaymentGatewayError,
  type PaymentGatewayClient,
} from '../../lib/payment-gateway/client';
import {
  signCallback,
  SIGNATURE_HEADER,
  verifyCallbackSignature,
  type PaymentCallback,
} from '../../lib/payment-gateway/signature';
import { startStandInGateway, type StandInGateway } from '../../lib/payment-gateway/stand-in';

const SECRET = 'test-gateway-secret';

interface Delivery {
  body: unknown;
  signature: string | undefined;
  answeredWith: number;
}

/** A callback endpoint like Jan Setu's: records each delivery; answers from a script, then 200. */
async function startReceiver(): Promise<{
  url: string;
  deliveries: Delivery[];
  answerNext: (...statuses: number[]) => void;
  close: () => Promise<void>;
}> {
  const deliveries: Delivery[] = [];
  const script: number[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = script.shift() ?? 200;
      deliveries.push({
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        signature: req.headers[SIGNATURE_HEADER] as string | undefined,
        answeredWith: status,
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v1/payments/callback`,
    deliveries,
    answerNext: (...statuses) => script.push(...statuses),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('payment gateway: client, stand-in and signed callbacks', () => {
  let gateway: StandInGateway;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let client: PaymentGatewayClient;
  let serial = 0;
  /** A fresh application number per test, shaped like the real ones (slashes and all). */
  const nextOrderId = () => `LSG/KHC/2026/${String((serial += 1)).padStart(6, '0')}`;
  const order = (orderId: string, amountPaise = 4500) => ({
    orderId,
    amountPaise,
    description: 'Copy of khasra 113/1, Bilkhiriya Kalan / खसरा प्रतिलिपि',
    callbackUrl: receiver.url,
    returnUrl: `http://127.0.0.1:3000/applications/${encodeURIComponent(orderId)}`,
  });

  before(async () => {
    receiver = await startReceiver();
    gateway = await startStandInGateway({ port: 0, secret: SECRET, callbackBackoffMs: 20 });
    client = createPaymentGatewayClient({ baseUrl: gateway.url, merchantId: 'jan-setu', secret: SECRET });
  });

  after(async () => {
    await gateway.close();
    await receiver.close();
  });

  beforeEach(() => {
    receiver.deliveries.length = 0;
  });

  it('creates an order once: the same orderId twice returns the same order and payment page', async () => {
    const orderId = nextOrderId();
    const first = await client.createOrder(order(orderId));
    const again = await client.createOrder(order(orderId));
    expect(again).to.deep.equal(first);
    expect(first.paymentUrl).to.equal(`${gateway.url}/pay/${encodeURIComponent(orderId)}`);
    expect(gateway.orders().filter((o) => o.orderId === orderId)).to.have.length(1);
    expect(await client.getOrder(orderId)).to.deep.equal({ orderId, status: 'created', amountPaise: 4500 });
  });

  it('refuses the same orderId with a different amount, as a non-retryable error', async () => {
    const orderId = nextOrderId();
    await client.createOrder(order(orderId, 3000));
    const err = await client.createOrder(order(orderId, 4500)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(PaymentGatewayError);
    expect((err as PaymentGatewayError).status).to.equal(409);
    expect((err as PaymentGatewayError).retryable).to.be.false;
    expect((err as Error).message)
      .to.contain('409')
      .and.contain(orderId);
  });

  it('refuses a merchant with the wrong secret with a clear error', async () => {
    const stranger = createPaymentGatewayClient({
      baseUrl: gateway.url,
      merchantId: 'jan-setu',
      secret: 'guess',
    });
    const err = await stranger.createOrder(order(nextOrderId())).then(
      () => undefined,
      (e: unknown) => e as PaymentGatewayError,
    );
    expect(err?.status).to.equal(401);
    expect(err?.message).to.contain('wrong merchant credentials');
  });

  it('pays an order: the callback arrives signed, verifies, and getOrder shows it paid', async () => {
    const orderId = nextOrderId();
    await client.createOrder(order(orderId));
    await gateway.pay(orderId);

    expect(receiver.deliveries).to.have.length(1);
    const { body, signature } = receiver.deliveries[0]!;
    const verified = verifyCallbackSignature(body, signature, SECRET, { nowMs: Date.now() });
    expect(verified.ok).to.be.true;
    const callback = body as PaymentCallback;
    expect(callback).to.include({ orderId, amountPaise: 4500, status: 'paid' });

    const state = await client.getOrder(orderId);
    expect(state).to.deep.equal({
      orderId,
      status: 'paid',
      amountPaise: 4500,
      paymentId: callback.paymentId,
    });
  });

  describe('a callback that must not be believed', () => {
    let genuine: PaymentCallback;
    let signature: string;

    before(() => {
      genuine = {
        orderId: 'LSG/KHC/2026/000999',
        paymentId: 'pay_0001',
        amountPaise: 4500,
        status: 'paid',
        timestamp: Date.now(),
      };
      signature = signCallback(genuine, SECRET);
    });

    it('is accepted when genuine (the control case)', () => {
      expect(verifyCallbackSignature(genuine, signature, SECRET, { nowMs: genuine.timestamp })).to.deep.equal(
        {
          ok: true,
          callback: genuine,
        },
      );
    });

    it('is refused when signed with another secret (forged)', () => {
      const forged = signCallback(genuine, 'attacker-secret');
      expect(verifyCallbackSignature(genuine, forged, SECRET, { nowMs: genuine.timestamp })).to.deep.equal({
        ok: false,
        reason: 'bad-signature',
      });
      expect(
        verifyCallbackSignature(genuine, 'not-even-hex', SECRET, { nowMs: genuine.timestamp }),
      ).to.deep.equal({ ok: false, reason: 'bad-signature' });
    });

    it('is refused when the amount was tampered with (₹45 signed, ₹1 claimed)', () => {
      const tampered = { ...genuine, amountPaise: 100 };
      expect(
        verifyCallbackSignature(tampered, signature, SECRET, { nowMs: genuine.timestamp }),
      ).to.deep.equal({
        ok: false,
        reason: 'bad-signature',
      });
    });

    it('is refused as stale when replayed more than 5 minutes after signing', () => {
      const sixMinutesLater = genuine.timestamp + 6 * 60_000;
      expect(verifyCallbackSignature(genuine, signature, SECRET, { nowMs: sixMinutesLater })).to.deep.equal({
        ok: false,
        reason: 'stale',
      });
      const fourMinutesLater = genuine.timestamp + 4 * 60_000;
      expect(verifyCallbackSignature(genuine, signature, SECRET, { nowMs: fourMinutesLater }).ok).to.be.true;
    });

    it('is refused as malformed without a signature or with a field missing', () => {
      const now = { nowMs: genuine.timestamp };
      expect(verifyCallbackSignature(genuine, undefined, SECRET, now)).to.deep.equal({
        ok: false,
        reason: 'malformed',
      });
      const { amountPaise: _dropped, ...partial } = genuine;
      expect(verifyCallbackSignature(partial, signature, SECRET, now)).to.deep.equal({
        ok: false,
        reason: 'malformed',
      });
      expect(verifyCallbackSignature('{}', signature, SECRET, now).ok).to.be.false;
    });
  });

  it('retries the callback when the receiver first answers 500, with the same paymentId', async () => {
    const orderId = nextOrderId();
    await client.createOrder(order(orderId));
    receiver.answerNext(500, 503);
    await gateway.pay(orderId);

    expect(receiver.deliveries.map((d) => d.answeredWith)).to.deep.equal([500, 503, 200]);
    const paymentIds = new Set(receiver.deliveries.map((d) => (d.body as PaymentCallback).paymentId));
    expect(paymentIds.size).to.equal(1);
    for (const d of receiver.deliveries) {
      expect(verifyCallbackSignature(d.body, d.signature, SECRET, { nowMs: Date.now() }).ok).to.be.true;
    }
    expect((await client.getOrder(orderId)).status).to.equal('paid');
  });

  it('gives up after 1 + 5 deliveries when the receiver keeps failing, and says so', async () => {
    const orderId = nextOrderId();
    await client.createOrder(order(orderId));
    receiver.answerNext(500, 500, 500, 500, 500, 500);
    const err = await gateway.pay(orderId).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).to.contain('not accepted after 6 attempts');
    expect(receiver.deliveries).to.have.length(6);
    // The money was taken, so the order stays paid for Jan Setu to find by getOrder.
    expect((await client.getOrder(orderId)).status).to.equal('paid');
  });

  it('does not charge twice: paying a paid order changes nothing', async () => {
    const orderId = nextOrderId();
    await client.createOrder(order(orderId));
    await gateway.pay(orderId);
    const { paymentId } = await client.getOrder(orderId);
    await gateway.pay(orderId);
    expect((await client.getOrder(orderId)).paymentId).to.equal(paymentId);
    expect(receiver.deliveries).to.have.length(1);
  });

  it('serves a bilingual payment page whose button pays, calls back and returns the citizen', async () => {
    const orderId = nextOrderId();
    const { paymentUrl } = await client.createOrder(order(orderId, 3000));
    const page = await fetch(paymentUrl);
    expect(page.headers.get('content-type')).to.contain('text/html');
    const html = await page.text();
    expect(html).to.contain('Pay ₹30 / ₹30 का भुगतान करें');
    expect(html).to.contain('खसरा प्रतिलिपि');

    const submitted = await fetch(paymentUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=paid',
      redirect: 'manual',
    });
    expect(submitted.status).to.equal(303);
    expect(submitted.headers.get('location')).to.equal(order(orderId).returnUrl);
    expect(receiver.deliveries).to.have.length(1);
    expect(receiver.deliveries[0]!.body).to.include({ orderId, status: 'paid', amountPaise: 3000 });
  });

  it('reports a declined payment as failed, and a later payment as paid with a new paymentId', async () => {
    const orderId = nextOrderId();
    await client.createOrder(order(orderId));
    await gateway.fail(orderId);
    const declined = await client.getOrder(orderId);
    expect(declined.status).to.equal('failed');
    await gateway.pay(orderId);
    const paid = await client.getOrder(orderId);
    expect(paid.status).to.equal('paid');
    expect(paid.paymentId).to.not.equal(declined.paymentId);
    expect(receiver.deliveries.map((d) => (d.body as PaymentCallback).status)).to.deep.equal([
      'failed',
      'paid',
    ]);
  });

  it('answers 404 for an order it never saw', async () => {
    const err = await client.getOrder('LSG/KHC/2026/404404').then(
      () => undefined,
      (e: unknown) => e as PaymentGatewayError,
    );
    expect(err?.status).to.equal(404);
    expect(err?.retryable).to.be.false;
  });

  it('gives up on a gateway that does not answer, with a clear retryable error', async () => {
    const silent = http.createServer(() => {
      /* never answers */
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const slow = createPaymentGatewayClient({
        baseUrl: `http://127.0.0.1:${port}`,
        merchantId: 'jan-setu',
        secret: SECRET,
        timeoutMs: 200,
      });
      const err = await slow.getOrder('LSG/KHC/2026/000001').then(
        () => undefined,
        (e: unknown) => e as PaymentGatewayError,
      );
      expect(err?.message).to.contain('no answer within 200 ms');
      expect(err?.retryable).to.be.true;
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
