// Properties of the request-body check (server/openapi/validate.ts) built from the OpenAPI
// document: every documented example passes; an unknown member anywhere in a closed object is
// refused by its dotted path; a member of the wrong JSON type is refused by name; values are left
// to the domain validators; and no body at all makes the check itself throw.
import { expect } from 'chai';
import fc from 'fast-check';
import { openApiDocument } from '../../server/openapi/document';
import { compileRequestSchemas, findRoute, shapeProblems } from '../../server/openapi/validate';

const routes = compileRequestSchemas(openApiDocument);

/** Every operation with a JSON request body, with its documented examples. */
const operations = Object.entries(openApiDocument.paths).flatMap(([template, item]) =>
  Object.entries(item).flatMap(([method, op]) => {
    const media = op.requestBody?.content['application/json'];
    if (!media) return [];
    const path = template.replace(/\{[^}]+\}/g, 'x');
    return [
      {
        id: op.operationId,
        route: findRoute(routes, method.toUpperCase(), path)!,
        examples: Object.values(media.examples ?? {}).map((e) => e.value),
      },
    ];
  }),
);
/** Operations whose bodies come from systems Jan Setu does not control: they may add members. */
const OPEN = ['paymentCallback', 'smsDeliveryReports', 'whatsappWebhook'];
const closed = operations.filter((o) => !OPEN.includes(o.id));

describe('request bodies held to the OpenAPI document (properties)', () => {
  it('finds a compiled schema for every operation with a JSON body, and every documented example passes', () => {
    expect(operations.length).to.be.at.least(14);
    for (const { id, route, examples } of operations) {
      expect(route, id).to.exist;
      for (const example of examples) expect(shapeProblems(route.validate, example), id).to.deep.equal([]);
    }
  });

  it('refuses an unknown top-level member of any closed body by name, in Hindi and English', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...closed),
        fc.string({ minLength: 1, maxLength: 30 }),
        fc.jsonValue(),
        ({ route, examples }, key, value) => {
          const base = (examples[0] ?? {}) as Record<string, unknown>;
          const properties = (route.schema.properties ?? {}) as Record<string, unknown>;
          fc.pre(!(key in properties) && !(key in base) && !/^attribute\[[^\]]+\]$/.test(key));
          const problems = shapeProblems(route.validate, { ...base, [key]: value });
          const unknown = problems.find((p) => p.field === key);
          expect(unknown, JSON.stringify(problems)).to.exist;
          expect(unknown!.message.en).to.equal(`Unknown field "${key}": remove it.`);
          expect(unknown!.message.hi).to.contain(key);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses unknown members nested in a complaint by their dotted path', () => {
    const route = findRoute(routes, 'POST', '/api/v1/complaints')!;
    fc.assert(
      fc.property(fc.constantFrom('citizen', 'place'), fc.stringMatching(/^[a-z]{3,12}$/), (where, key) => {
        fc.pre(!['name', 'mobile', 'district', 'tehsil', 'block', 'village'].includes(key));
        const body = {
          callType: 'complaint',
          citizen: { name: 'रामलाल', mobile: '9876501234' },
          place: { district: 'bhopal' },
        } as Record<string, Record<string, unknown> | string>;
        (body[where] as Record<string, unknown>)[key] = 1;
        expect(shapeProblems(route.validate, body).map((p) => p.field)).to.deep.equal([`${where}.${key}`]);
      }),
    );
  });

  it('refuses a member of the wrong JSON type by name, and leaves values (lengths, patterns) to the domain', () => {
    const route = findRoute(routes, 'POST', '/api/v1/complaints/CMH-2026-000001/feedback')!;
    fc.assert(
      fc.property(
        fc.jsonValue().filter((v) => typeof v !== 'boolean'),
        (satisfied) => {
          const fields = shapeProblems(route.validate, { mobile: '9876501234', satisfied }).map(
            (p) => p.field,
          );
          expect(fields).to.deep.equal(['satisfied']);
        },
      ),
    );
    // A mobile that breaks the pattern is the domain's to refuse (with its own words), not the edge's.
    expect(shapeProblems(route.validate, { mobile: '12', satisfied: true })).to.deep.equal([]);
    // A service's fields are the catalogue's: the edge does not look inside them.
    const submit = findRoute(routes, 'POST', '/api/v1/applications')!;
    expect(shapeProblems(submit.validate, { service: 'INC', fields: { anything: 1 } })).to.deep.equal([]);
    expect(shapeProblems(submit.validate, { service: 'INC', fields: 'x' }).map((p) => p.field)).to.deep.equal(
      ['fields'],
    );
  });

  it('never throws, whatever the body', () => {
    fc.assert(
      fc.property(fc.constantFrom(...operations), fc.anything(), ({ route }, body) => {
        expect(shapeProblems(route.validate, body)).to.be.an('array');
      }),
      { numRuns: 2000 },
    );
  });
});
