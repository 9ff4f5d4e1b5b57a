// Request bodies checked against the OpenAPI document before any handler runs: one source of truth
// for what each operation accepts. Every string is first NFC-normalised (lib/text.ts); names with
// invisible or control characters are refused. Then the body is held to its operation's request
// schema (closed objects: an unknown member is refused by name).
//
// What the edge refuses is the *shape*: unknown members, wrong JSON types, a body that is not an
// object. Values (patterns, lengths, enumerations, required members) are left to the domain
// validators, which word each rule in Hindi and English and, for service forms, follow the
// catalogue version in force rather than this document.
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Context, Next } from 'koa';
import { normalizeBody, type NameRefusal } from '../../lib/text';
import { BadRequest, type FieldProblem } from '../errors';
import type { Bilingual } from '../i18n';
import type { Method, OpenApiDocument, Operation } from './builders';
import type { JsonSchema } from './schemas';

const COMPONENTS = '#/components/schemas/';
const ROOT_ID = 'jansetu-openapi';

/**
 * Parts of request schemas another validator owns, replaced at run time by "any object": a
 * service's `fields` are checked against the service catalogue in force (policy versions change
 * the forms without a release), and an Open311 request's `attribute`s against the service
 * definition of its subject and district; both name every bad or unknown member in both languages,
 * all at once.
 */
const DELEGATED: { schema: string; property: string; to: JsonSchema }[] = [
  { schema: 'ApplicationSubmission', property: 'fields', to: { type: 'object' } },
  { schema: 'Open311RequestCreation', property: 'attribute', to: { type: 'object' } },
];

/** Keywords whose failure means the body is not the documented shape. */
const SHAPE_KEYWORDS = new Set(['additionalProperties', 'unevaluatedProperties', 'type']);

/**
 * Every `$ref` to components.schemas rewritten to point into one Ajv schema `rootId` holding them
 * as $defs (the request validation here, the response checks of the contract tests).
 */
export function refsInto(rootId: string, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => refsInto(rootId, v));
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === '$ref' && typeof v === 'string' && v.startsWith(COMPONENTS)
        ? `${rootId}#/$defs/${v.slice(COMPONENTS.length)}`
        : refsInto(rootId, v),
    ]),
  );
}

const rewriteRefs = (value: unknown): unknown => refsInto(ROOT_ID, value);

function runtimeDefs(document: OpenApiDocument): Record<string, unknown> {
  const defs: Record<string, JsonSchema> = { ...document.components.schemas };
  for (const { schema: name, property, to } of DELEGATED) {
    const schema = defs[name];
    if (!schema) continue;
    // The if/then pairs pick the fields' schema by service: delegated along with the fields.
    const { allOf: _conditions, ...rest } = schema;
    defs[name] = {
      ...rest,
      properties: { ...(schema.properties as Record<string, JsonSchema>), [property]: to },
    };
  }
  return rewriteRefs(defs) as Record<string, unknown>;
}

interface Route {
  method: string;
  pattern: RegExp;
  params: number;
  validate: ValidateFunction;
  schema: JsonSchema;
}

function templatePattern(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

/** One compiled validator per operation with a JSON request body. */
export function compileRequestSchemas(document: OpenApiDocument): Route[] {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addSchema({ $id: ROOT_ID, $defs: runtimeDefs(document) });
  const routes: Route[] = [];
  for (const [template, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item) as [Method, Operation][]) {
      const schema = op.requestBody?.content['application/json']?.schema;
      if (!schema) continue;
      const rewritten = rewriteRefs(schema) as JsonSchema;
      routes.push({
        method: method.toUpperCase(),
        pattern: templatePattern(template),
        params: (template.match(/\{/g) ?? []).length,
        validate: ajv.compile(rewritten),
        schema: rewritten,
      });
    }
  }
  // A literal path wins over a template that would also match it.
  return routes.sort((a, b) => a.params - b.params);
}

const TYPE_NAMES: Record<string, Bilingual> = {
  string: { en: 'text', hi: 'पाठ (string)' },
  number: { en: 'a number', hi: 'संख्या' },
  integer: { en: 'a whole number', hi: 'पूर्ण संख्या' },
  boolean: { en: 'true or false', hi: 'true या false' },
  object: { en: 'an object', hi: 'ऑब्जेक्ट' },
  array: { en: 'a list', hi: 'सूची (array)' },
  null: { en: 'null', hi: 'null' },
};

function typeName(types: unknown): Bilingual {
  const list = (Array.isArray(types) ? types : [types]).map(
    (t) => TYPE_NAMES[String(t)] ?? { en: String(t), hi: String(t) },
  );
  return { en: list.map((t) => t.en).join(' or '), hi: list.map((t) => t.hi).join(' या ') };
}

/** `/citizen/name` → `citizen.name`, `/attachments/0` → `attachments[0]`. */
function dotted(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

function shapeProblem(error: ErrorObject): FieldProblem | null {
  const at = dotted(error.instancePath);
  if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
    const name = String(
      (error.params as { additionalProperty?: string; unevaluatedProperty?: string }).additionalProperty ??
        (error.params as { unevaluatedProperty?: string }).unevaluatedProperty,
    );
    const field = at ? `${at}.${name}` : name;
    return {
      field,
      message: { en: `Unknown field "${field}": remove it.`, hi: `अज्ञात फ़ील्ड "${field}": इसे हटा दें।` },
    };
  }
  if (error.keyword === 'type') {
    const want = typeName((error.params as { type: unknown }).type);
    return {
      field: at || '(body)',
      message: {
        en: `"${at || 'The body'}" must be ${want.en}.`,
        hi: `"${at || 'अनुरोध'}" ${want.hi} होना चाहिए।`,
      },
    };
  }
  return null;
}

const NOT_AN_OBJECT: Bilingual = {
  en: 'Send a JSON object as the request body.',
  hi: 'अनुरोध में JSON ऑब्जेक्ट भेजें।',
};

/** The body's shape problems, one per field, or none. Errors inside oneOf/anyOf branches are the values' business. */
export function shapeProblems(validate: ValidateFunction, body: unknown): FieldProblem[] {
  if (validate(body)) return [];
  const problems = new Map<string, FieldProblem>();
  for (const error of validate.errors ?? []) {
    if (!SHAPE_KEYWORDS.has(error.keyword) || /\/(oneOf|anyOf)\//.test(error.schemaPath)) continue;
    const problem = shapeProblem(error);
    if (problem && !problems.has(problem.field)) problems.set(problem.field, problem);
  }
  return [...problems.values()];
}

export function nameRefusals(refused: NameRefusal[]): FieldProblem[] {
  return refused.map(({ field, problem }) => ({
    field,
    message:
      problem === 'invisible'
        ? {
            en: `"${field}" contains invisible or direction-changing characters: type the name again without them.`,
            hi: `"${field}" में अदृश्य या दिशा बदलने वाले अक्षर हैं: नाम उनके बिना फिर से लिखें।`,
          }
        : {
            en: `"${field}" contains control characters: type the name again.`,
            hi: `"${field}" में नियंत्रण अक्षर (control characters) हैं: नाम फिर से लिखें।`,
          },
  }));
}

const INVALID: Bilingual = { en: 'Some fields need correcting.', hi: 'कुछ जानकारी सुधारनी होगी।' };

/** The operation's compiled request schema, when the method and path name one. */
export function findRoute(routes: Route[], method: string, path: string): Route | undefined {
  return routes.find((r) => r.method === method && r.pattern.test(path));
}

/** Text normalisation alone (for bodies no schema describes, such as the pages' forms). */
export function normalizeRequestText(ctx: Context): unknown {
  const request = ctx.request as typeof ctx.request & { body?: unknown };
  const { value, refused } = normalizeBody(request.body);
  request.body = value;
  if (refused.length > 0) throw new BadRequest(INVALID, nameRefusals(refused), 'invalid_fields');
  return value;
}

/**
 * Koa middleware, after a body parser: normalises the parsed body's text and refuses a body that
 * is not its operation's documented shape (400 `invalid_fields`, one detail per field). Forms are
 * held to the schema too with `forms: true` (Open311's form encoding has a schema of its own).
 */
export function validateRequests(document: OpenApiDocument, { forms = false }: { forms?: boolean } = {}) {
  const routes = compileRequestSchemas(document);
  return async function requestValidation(ctx: Context, next: Next): Promise<void> {
    const request = ctx.request as typeof ctx.request & { body?: unknown };
    if (request.body !== undefined && ['POST', 'PUT', 'PATCH'].includes(ctx.method)) {
      const value = normalizeRequestText(ctx);
      const route = findRoute(routes, ctx.method, ctx.path);
      // A body parsed from JSON (or none at all) is held to the JSON schema.
      const held = ctx.request.is('json') || !ctx.request.type || (forms && ctx.request.is('urlencoded'));
      if (route && held) {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
          throw new BadRequest(NOT_AN_OBJECT);
        }
        const problems = shapeProblems(route.validate, value);
        if (problems.length > 0) throw new BadRequest(INVALID, problems, 'invalid_fields');
      }
    }
    await next();
  };
}

/** A percent-encoded C0 control character or DEL: nothing a person types into an address. */
const CONTROL_IN_URL = /%(?:[01][0-9a-f]|7f)/i;

/**
 * Koa middleware: refuses (400 `bad_url`) a path or query string carrying an encoded control
 * character. NUL in particular would otherwise travel to PostgreSQL, which refuses it in text
 * with an error that is no fault of the server's.
 */
export async function refuseControlCharactersInUrl(ctx: Context, next: Next): Promise<void> {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (CONTROL_IN_URL.test(ctx.url) || /[\u0000-\u001f\u007f]/.test(ctx.url)) {
    throw new BadRequest(
      {
        en: 'The address contains a control character (such as %00). Remove it.',
        hi: 'पते (URL) में नियंत्रण अक्षर (जैसे %00) है। उसे हटाएँ।',
      },
      undefined,
      'bad_url',
    );
  }
  await next();
}
