// Open311 GeoReport v2 end to end on the real stack: a third-party app lists services, reads a
// service definition, files a request with an API key (the start command's demo key, or one from
// `bin/jansetu api-key`), and the request is then public through GET requests — status, due date
// and agency, without the citizen's name or number. Malformed requests get the spec's error list
// with the spec's status; XML is well-formed (parsed by Python's expat); a Mahila Helpline case
// never shows. Needs `npm run build`.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { expect } from 'chai';
import { demoApiKey } from '../../server/api-keys';
import { staffTokenSecret } from '../../lib/secrets';
import { json, startTestStack, until, type TestStack } from '../helpers/stack';

interface XmlNode {
  name: string;
  text: string;
  children: XmlNode[];
}

/** Parses with an independent, strict parser (Python's expat): anything not well-formed throws. */
async function parseXml(xml: string): Promise<XmlNode> {
  const script = `
import sys, json, xml.etree.ElementTree as ET
def conv(e): return {"name": e.tag, "text": (e.text or "").strip(), "children": [conv(c) for c in e]}
print(json.dumps(conv(ET.fromstring(sys.stdin.buffer.read()))))`;
  const python = execFile('python3', ['-c', script]);
  python.stdin!.end(xml);
  let out = '';
  python.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => python.on('close', resolve));
  if (code !== 0) throw new Error(`not well-formed XML:\n${xml}`);
  return JSON.parse(out) as XmlNode;
}

const child = (node: XmlNode, name: string) => node.children.find((c) => c.name === name);

describe('Open311 GeoReport v2, end to end over HTTP', function () {
  this.timeout(240_000);
  let t: TestStack;
  let base: string;
  let demoKey: string;
  const citizen = { first: 'रामलाल', last: 'अहिरवार', phone: '9876501234', email: 'ramlal@example.in' };
  let requestId: string;

  const get = (p: string, headers: Record<string, string> = {}) => fetch(`${base}${p}`, { headers });
  const postForm = (p: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${base}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  const form = (over: Record<string, string | undefined> = {}): Record<string, string> =>
    Object.fromEntries(
      Object.entries({
        api_key: demoKey,
        jurisdiction_id: 'bhopal',
        service_code: 'eng-no-supply',
        'attribute[tehsil]': 'bhopal-huzur',
        'attribute[block]': 'bhopal-phanda',
        lat: '23.2599',
        long: '77.4126',
        address_string: 'Near the panchayat bhawan, Phanda',
        first_name: citizen.first,
        last_name: citizen.last,
        phone: `+91 ${citizen.phone.slice(0, 5)} ${citizen.phone.slice(5)}`,
        email: citizen.email,
        description: `No electricity for three days; call ${citizen.first} on ${citizen.phone}. गाँव में बिजली नहीं है`,
        ...over,
      }).filter((e): e is [string, string] => e[1] !== undefined),
    );

  /** The spec's error list, with the HTTP status and the JSON content type. */
  async function expectErrors(
    res: Response,
    status: number,
  ): Promise<{ code: number; description: string }[]> {
    expect(res.status).to.equal(status);
    expect(res.headers.get('content-type')).to.match(/^application\/json; charset=utf-8/);
    const body = await json(res);
    expect(body).to.be.an('array').that.is.not.empty;
    for (const e of body) {
      expect(Object.keys(e)).to.have.members(['code', 'description']);
      expect(e.code).to.be.a('number');
      expect(e.description).to.be.a('string').and.not.empty;
    }
    return body;
  }

  before(async () => {
    t = await startTestStack('open311');
    base = `${t.config.publicUrl}/open311/v2`;
    demoKey = demoApiKey(staffTokenSecret(t.config)); // created by the start command outside production
  });

  after(async () => {
    await t?.stop();
  });

  it('lists the complaint subjects as services, with exactly the spec’s fields, in English or Hindi', async () => {
    const res = await get('/services.json?jurisdiction_id=bhopal');
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('application/json; charset=utf-8');
    const services = await json(res);
    const subjects = await t.db('complaintSubjects').count({ n: '*' }).first();
    expect(services).to.have.length(Number(subjects!.n));
    const service = services.find((s: { service_code: string }) => s.service_code === 'eng-no-supply');
    expect(Object.keys(service)).to.have.members([
      'service_code',
      'service_name',
      'description',
      'metadata',
      'type',
      'keywords',
      'group',
    ]);
    expect(service).to.include({ metadata: true, type: 'realtime', group: 'Energy' });
    const hindi = await json(await get('/services.json', { 'accept-language': 'hi' }));
    const inHindi = hindi.find((s: { service_code: string }) => s.service_code === 'eng-no-supply');
    expect(inHindi.group).to.equal('ऊर्जा');
    expect(inHindi.service_name).to.match(/[\u0900-\u097F]/);

    const xml = await get('/services.xml');
    expect(xml.headers.get('content-type')).to.equal('text/xml; charset=utf-8');
    const text = await xml.text();
    expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).to.be.true;
    const doc = await parseXml(text);
    expect(doc.name).to.equal('services');
    expect(doc.children.every((c) => c.name === 'service')).to.be.true;
    expect(doc.children[0]!.children.map((c) => c.name)).to.have.members([
      'service_code',
      'service_name',
      'description',
      'metadata',
      'type',
      'keywords',
      'group',
    ]);
  });

  it('publishes the service discovery document in JSON and XML', async () => {
    const discovery = await json(await fetch(`${t.config.publicUrl}/open311/discovery.json`));
    expect(discovery.endpoints[0]).to.include({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      url: base,
      type: 'test',
    });
    expect(discovery.endpoints[0].formats).to.deep.equal(['text/xml', 'application/json']);
    const doc = await parseXml(await (await fetch(`${t.config.publicUrl}/open311/discovery.xml`)).text());
    expect(doc.children.map((c) => c.name)).to.deep.equal([
      'changeset',
      'contact',
      'key_service',
      'endpoints',
    ]);
    const formats = child(child(child(doc, 'endpoints')!, 'endpoint')!, 'formats')!;
    expect(formats.children.map((c) => [c.name, c.text])).to.deep.equal([
      ['format', 'text/xml'],
      ['format', 'application/json'],
    ]);
  });

  it('defines a service’s place attributes from the district, requiring the one its L1 officer is found by', async () => {
    const definition = await json(await get('/services/eng-no-supply.json?jurisdiction_id=bhopal'));
    expect(definition.service_code).to.equal('eng-no-supply');
    const codes = definition.attributes.map((a: { code: string }) => a.code);
    expect(codes).to.deep.equal(['tehsil', 'block', 'village']);
    const block = definition.attributes[1];
    expect(block).to.include({ variable: true, datatype: 'singlevaluelist', required: true, order: 2 });
    expect(block.values.map((v: { key: string }) => v.key)).to.include('bhopal-phanda');
    expect(definition.attributes[0].required).to.be.false;
    const blocksElsewhere = block.values.filter((v: { key: string }) => !v.key.startsWith('bhopal-'));
    expect(blocksElsewhere).to.be.empty;

    const doc = await parseXml(
      await (await get('/services/eng-no-supply.xml?jurisdiction_id=bhopal')).text(),
    );
    expect(doc.name).to.equal('service_definition');
    const attribute = child(child(doc, 'attributes')!, 'attribute')!;
    expect(attribute.children.map((c) => c.name)).to.deep.equal([
      'variable',
      'code',
      'datatype',
      'required',
      'datatype_description',
      'order',
      'description',
      'values',
    ]);
    const value = child(attribute, 'values')!.children[0]!;
    expect(value.name).to.equal('value');
    expect(value.children.map((c) => c.name)).to.deep.equal(['key', 'name']);

    await expectErrors(await get('/services/eng-no-supply.json'), 400); // the values depend on the district
    await expectErrors(await get('/services/no-such-subject.json?jurisdiction_id=bhopal'), 404);
    await expectErrors(await get('/services/eng-no-supply.json?jurisdiction_id=atlantis'), 404);
  });

  it('files a request through the complaint intake and shows it publicly, due date and agency included', async () => {
    const res = await postForm('/requests.json', form());
    expect(res.status).to.equal(201);
    const answer = await json(res);
    expect(answer).to.have.length(1);
    expect(Object.keys(answer[0])).to.have.members(['service_request_id', 'service_notice', 'account_id']);
    requestId = answer[0].service_request_id as string;
    expect(requestId).to.match(/^CMH-\d{4}-\d{6}$/);
    const number = requestId.replace(/-/g, '/');
    expect(answer[0].service_notice).to.contain(number);
    expect(answer[0].account_id).to.equal(null);

    // A complaint like any other, marked as come through Open311 with the key it used.
    const complaint = await until('routed to the L1 officer', async () => {
      const row = await t.db('complaints').where({ number }).first();
      return row?.levelDueAt && row.assignedOfficerCode ? row : undefined;
    });
    expect(complaint).to.include({
      channel: 'open311',
      citizenMobile: citizen.phone,
      districtCode: 'bhopal',
    });
    expect(complaint.description).to.contain('Near the panchayat bhawan'); // the officer reads the address
    const marker = await t.db('open311Requests').where({ complaintNumber: number }).first();
    expect(marker).to.include({ lat: 23.2599, long: 77.4126 });
    const key = await t.db('apiKeys').where({ id: marker.apiKeyId }).first('clientName');
    expect(key.clientName).to.equal('open311-demo');
    const office = await t
      .db('officers')
      .join('offices', 'offices.id', 'officers.officeId')
      .where('officers.code', complaint.assignedOfficerCode)
      .first('offices.nameEn');

    const one = await get(`/requests/${requestId}.json`);
    expect(one.status).to.equal(200);
    const raw = await one.text();
    const [request] = JSON.parse(raw);
    expect(request).to.include({
      service_request_id: requestId,
      status: 'open',
      service_code: 'eng-no-supply',
      address_id: null,
      media_url: null,
      lat: 23.2599,
      long: 77.4126,
    });
    expect(request.agency_responsible).to.equal(`Energy — ${office.nameEn} (L1)`);
    expect(new Date(request.expected_datetime).getTime()).to.equal(new Date(complaint.levelDueAt).getTime());
    for (const field of ['requested_datetime', 'updated_datetime', 'expected_datetime']) {
      expect(request[field]).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+05:30$/);
    }
    expect(request.address).to.match(
      /^Near the panchayat bhawan, Phanda, Huzur tehsil, Phanda block, Bhopal district/,
    );
    expect(request.description).to.contain('No electricity for three days');
    expect(request.description).to.contain('गाँव में बिजली नहीं है');
    // Nothing of the citizen: not the name (even where they typed it), the number or the e-mail.
    for (const secret of [citizen.first, citizen.last, citizen.phone, citizen.email]) {
      expect(raw).not.to.contain(secret);
    }

    const listed = await json(await get('/requests.json'));
    expect(listed.map((r: { service_request_id: string }) => r.service_request_id)).to.include(requestId);
    const byId = await json(await get(`/requests.json?service_request_id=${requestId},CMH-2000-000001`));
    expect(byId).to.have.length(1);
    expect({ ...byId[0], updated_datetime: null }).to.deep.equal({ ...request, updated_datetime: null });
    const closedOnly = await json(await get('/requests.json?status=closed'));
    expect(closedOnly.map((r: { service_request_id: string }) => r.service_request_id)).not.to.include(
      requestId,
    );
    const ofService = await json(
      await get('/requests.json?service_code=eng-no-supply,eng-transformer&status=open'),
    );
    expect(ofService.map((r: { service_request_id: string }) => r.service_request_id)).to.include(requestId);
    const lastYear = await json(
      await get('/requests.json?start_date=2025-01-01T00:00:00Z&end_date=2025-03-01T00:00:00%2B05:30'),
    );
    expect(lastYear).to.deep.equal([]);

    const doc = await parseXml(await (await get(`/requests/${requestId}.xml`)).text());
    expect(doc.name).to.equal('service_requests');
    const element = child(doc, 'request')!;
    expect(element.children.map((c) => c.name)).to.deep.equal(Object.keys(request));
    expect(child(element, 'status')!.text).to.equal('open');
    expect(child(element, 'media_url')!.children).to.be.empty;
  });

  it('accepts JSON bodies and XML answers, and links a repeat to the open request', async () => {
    const res = await fetch(`${base}/requests.xml`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        api_key: demoKey,
        jurisdiction_id: 'bhopal',
        service_code: 'eng-transformer',
        attribute: { village: 'bhopal-huzur-bilkhiriya-kalan' }, // names its tehsil and block
        address_string: 'Transformer by the school',
        first_name: 'Sunita',
        phone: '09876502345',
        description: 'The transformer has burnt out and the whole lane is dark',
      }),
    });
    expect(res.status).to.equal(201);
    const doc = await parseXml(await res.text());
    expect(doc.name).to.equal('service_requests');
    const request = child(doc, 'request')!;
    expect(request.children.map((c) => c.name)).to.deep.equal([
      'service_request_id',
      'service_notice',
      'account_id',
    ]);
    const id = child(request, 'service_request_id')!.text;
    const row = await t
      .db('complaints')
      .where({ number: id.replace(/-/g, '/') })
      .first();
    expect(row).to.include({ tehsilCode: 'bhopal-huzur', villageCode: 'bhopal-huzur-bilkhiriya-kalan' });

    const again = await postForm('/requests.json', form());
    expect(again.status).to.equal(200);
    expect((await json(again))[0].service_request_id).to.equal(requestId);
  });

  it('answers malformed requests with the spec’s error list and status, never a 500', async () => {
    const noKey = await expectErrors(await postForm('/requests.json', form({ api_key: undefined })), 403);
    expect(noKey[0]!.code).to.equal(403);
    await expectErrors(
      await postForm('/requests.json', form({ api_key: 'jsk_not-a-real-key-0000000000' })),
      403,
    );
    const missingCode = await expectErrors(
      await postForm('/requests.json', form({ service_code: undefined })),
      400,
    );
    expect(missingCode[0]!.description).to.contain('service_code');
    await expectErrors(await postForm('/requests.json', form({ service_code: 'no-such-subject' })), 404);
    await expectErrors(await postForm('/requests.json', form({ jurisdiction_id: 'atlantis' })), 404);
    await expectErrors(await postForm('/requests.json', form({ jurisdiction_id: undefined })), 400);
    const noDescription = await expectErrors(
      await postForm('/requests.json', form({ description: undefined, service_code: 'eng-low-voltage' })),
      400,
    );
    expect(noDescription.map((e) => e.description).join(' ')).to.contain('description');
    const many = await expectErrors(
      await postForm(
        '/requests.json',
        form({
          'attribute[block]': undefined,
          lat: '123',
          'attribute[colour]': 'red',
          service_code: 'eng-meter-faulty',
        }),
      ),
      400,
    );
    expect(many).to.have.length(3);
    const badPhone = await expectErrors(
      await postForm('/requests.json', form({ phone: '12345', service_code: 'eng-meter-faulty' })),
      400,
    );
    expect(badPhone[0]!.description).to.match(/^phone: /);
    const notJson = await fetch(`${base}/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"api_key": ',
    });
    await expectErrors(notJson, 400);

    const inHindi = await expectErrors(
      await postForm('/requests.json', form({ jurisdiction_id: 'atlantis' }), { 'accept-language': 'hi' }),
      404,
    );
    expect(inHindi[0]!.description).to.match(/[\u0900-\u097F]/);

    const xml = await postForm('/requests.xml', form({ api_key: 'wrong' }));
    expect(xml.status).to.equal(403);
    expect(xml.headers.get('content-type')).to.equal('text/xml; charset=utf-8');
    const doc = await parseXml(await xml.text());
    expect(doc.name).to.equal('errors');
    const error = child(doc, 'error')!;
    expect(error.children.map((c) => c.name)).to.deep.equal(['code', 'description']);
    expect(child(error, 'code')!.text).to.equal('403');

    await expectErrors(await get('/requests.json?start_date=yesterday'), 400);
    await expectErrors(await get('/requests.json?start_date=2026-01-01T00:00:00'), 400); // no offset
    await expectErrors(await get('/requests.json?start_date=2025-01-01&end_date=2025-12-01'), 400); // > 90 days
    await expectErrors(await get('/requests.json?status=pending'), 400);
    await expectErrors(await get('/requests.json?service_code=no-such-subject'), 400);
    await expectErrors(await get('/requests.json?jurisdiction_id=atlantis'), 404);
    await expectErrors(await get('/requests/CMH-2000-000001.json'), 404);
    await expectErrors(await get('/requests/not-an-id.json'), 404);
    const csv = await get('/services.csv');
    expect(csv.status).to.equal(404);
    expect((await parseXml(await csv.text())).name).to.equal('errors'); // XML, the spec's required format
    expect((await parseXml(await (await get('/nothing-here')).text())).name).to.equal('errors');
  });

  it('never shows a Mahila Helpline case, nor lets Open311 learn its number', async () => {
    const counsellor = await t
      .db('officerRoles')
      .join('officers', 'officers.id', 'officerRoles.officerId')
      .where('officerRoles.role', 'counsellor')
      .orderBy('officers.code')
      .first('officers.code');
    const mobile = '9844400011';
    const res = await t.post(
      '/complaints',
      {
        channel: 'mahila',
        callType: 'complaint',
        citizen: { name: 'Meena', mobile },
        place: { district: 'bhopal', tehsil: 'bhopal-huzur', block: 'bhopal-phanda' },
        subject: 'wcd-anganwadi',
        description: 'Harassment at the anganwadi; needs counselling and help',
      },
      t.bearer(counsellor.code as string),
    );
    expect(res.status).to.equal(201);
    const number = (await json(res)).complaintNumber as string;
    const id = number.replace(/\//g, '-');
    await until('projected', async () =>
      (await t.db('complaints').where({ number }).first('state')).state ? true : undefined,
    );

    const all = await (await get('/requests.json')).text();
    expect(all).not.to.contain(id);
    expect(await json(await get(`/requests.json?service_request_id=${id}`))).to.deep.equal([]);
    await expectErrors(await get(`/requests/${id}.json`), 404);

    // The same caller's request through Open311 would be linked to the hidden case: refused instead.
    const repeat = await expectErrors(
      await postForm(
        '/requests.json',
        form({
          service_code: 'wcd-anganwadi',
          phone: mobile,
          first_name: 'Meena',
          last_name: undefined,
          description: 'Anganwadi worker harasses; please help',
        }),
      ),
      400,
    );
    expect(JSON.stringify(repeat)).not.to.contain(id);
  });

  it('issues keys with bin/jansetu api-key; a revoked key is refused', async () => {
    // Asynchronously: a blocked event loop would let the server close idle keep-alive sockets unseen.
    const cli = async (...args: string[]) =>
      (
        await promisify(execFile)(process.execPath, [path.join('dist', 'bin', 'api-key.js'), ...args], {
          env: {
            ...process.env,
            DATABASE_URL: t.config.embeddedDatabaseUrl,
            DATA_DIR: t.config.dataDir,
            NODE_ENV: 'test',
          },
        })
      ).stdout.trim();
    const key = await cli('Bhopal civic app', 'open311:post');
    expect(key).to.match(/^jsk_[A-Za-z0-9_-]{43}$/);
    const stored = await t.db('apiKeys').where({ clientName: 'Bhopal civic app' }).first();
    expect(stored.keyHash).to.have.length(64);
    expect(JSON.stringify(stored)).not.to.contain(key);
    const ok = await postForm(
      '/requests.json',
      form({
        api_key: key,
        service_code: 'eng-excess-bill',
        description: 'Bill is ten times the usual amount',
      }),
    );
    expect(ok.status).to.equal(201);
    const refused = await cli('Bad scope app', 'open311:delete').then(
      () => null,
      (err: Error) => err,
    );
    expect(refused?.message).to.contain('unknown scope open311:delete');

    await cli('--revoke', 'Bhopal civic app');
    await expectErrors(
      await postForm(
        '/requests.json',
        form({
          api_key: key,
          service_code: 'eng-new-connection',
          description: 'New connection pending for months',
        }),
      ),
      403,
    );
  });
});
