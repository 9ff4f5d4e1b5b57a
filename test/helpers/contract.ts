// Holds real HTTP responses to the OpenAPI document: finds the operation and the answered status in
// it (an undocumented status fails), checks the media type, and validates a JSON body with Ajv
// (JSON Schema 2020-12) — strictly: an object member the document does not name fails too, so a
// field added to a response without documenting it is caught. Records what was exercised.
import { expect } from 'chai';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { JsonSchema } from '../../server/openapi/schemas';
import { refsInto } from '../../server/openapi/validate';
import type { OpenApiDocument, Operation, Response as DocResponse } from '../../server/openapi/document';

const ROOT_ID = 'openapi';
const rewriteRefs = (value: unknown): unknown => refsInto(ROOT_ID, value);

/**
 * Closes every object schema that names its properties and says nothing about others
 * (`unevaluatedProperties: false`, which sees through allOf/anyOf/oneOf and if/then).
 */
function closeObjects(value: unknown, open = false): unknown {
  if (Array.isArray(value)) return value.map((v) => closeObjects(v));
  if (!value || typeof value !== 'object') return value;
  // Conditions and their branches see only part of an instance: closing them would refuse the rest.
  const schema: JsonSchema = Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, closeObjects(v, CONDITIONAL.includes(k))]),
  );
  if (
    !open &&
    schema.properties &&
    typeof schema.properties === 'object' &&
    !('additionalProperties' in schema) &&
    !('unevaluatedProperties' in schema)
  ) {
    schema.unevaluatedProperties = false;
  }
  return schema;
}
const CONDITIONAL = ['if', 'then', 'else', 'not'];

/** An Ajv for the document's dialect, strict about the schemas themselves. */
export function schemaValidator(
  document: OpenApiDocument,
  { strictResponses }: { strictResponses: boolean },
) {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  const defs = rewriteRefs(document.components.schemas) as Record<string, unknown>;
  ajv.addSchema({ $id: ROOT_ID, $defs: strictResponses ? closeObjects(defs) : defs });
  return {
    ajv,
    compile: (schema: JsonSchema): ValidateFunction => {
      const rewritten = rewriteRefs(schema) as JsonSchema;
      return ajv.compile(strictResponses ? (closeObjects(rewritten) as JsonSchema) : rewritten);
    },
  };
}

export type Exercised = Map<string, Set<number>>;

export function createContract(document: OpenApiDocument) {
  const strict = schemaValidator(document, { strictResponses: true });
  const lenient = schemaValidator(document, { strictResponses: false });
  const validators = new Map<string, ValidateFunction>();
  const exercised: Exercised = new Map();

  function operation(method: string, template: string): Operation {
    const item = document.paths[template];
    const op = item?.[method.toLowerCase() as keyof typeof item];
    expect(op, `the document has ${method.toUpperCase()} ${template}`).to.not.equal(undefined);
    return op!;
  }

  function resolveResponse(response: DocResponse | { $ref: string }): DocResponse {
    if ('$ref' in response) {
      const name = response.$ref.replace('#/components/responses/', '');
      const found = document.components.responses[name];
      expect(found, `components.responses.${name}`).to.not.equal(undefined);
      return found!;
    }
    return response;
  }

  function validator(key: string, schema: JsonSchema, isStrict: boolean): ValidateFunction {
    let validate = validators.get(key);
    if (!validate) {
      validate = (isStrict ? strict : lenient).compile(schema);
      validators.set(key, validate);
    }
    return validate;
  }

  /**
   * Checks `res` against the document's answer for its status and returns the body (parsed JSON,
   * text or bytes). With `request`, a successful call's JSON body must match the documented
   * request body too — a request the server accepted but the document calls invalid is drift.
   */
  async function expectContract(
    res: globalThis.Response,
    method: string,
    template: string,
    options: { request?: unknown } = {},
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked against the schema, then field by field
  ): Promise<any> {
    const op = operation(method, template);
    const where = `${method.toUpperCase()} ${template} → ${res.status}`;
    const raw = Buffer.from(await res.arrayBuffer());
    const documented = op.responses[String(res.status)];
    expect(
      documented,
      `${where} is not documented (documented: ${Object.keys(op.responses).join(', ')}); body: ${raw.toString('utf8').slice(0, 300)}`,
    ).to.not.equal(undefined);
    const response = resolveResponse(documented!);
    const key = `${method.toUpperCase()} ${template}`;
    if (!exercised.has(key)) exercised.set(key, new Set());
    exercised.get(key)!.add(res.status);

    const contentType = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
    if (!response.content) {
      expect(raw.length, `${where}: no body is documented`).to.equal(0);
      return undefined;
    }
    const media = response.content[contentType];
    expect(
      media,
      `${where}: Content-Type ${contentType || '(none)'} is not documented (${Object.keys(response.content).join(', ')})`,
    ).to.not.equal(undefined);

    if (options.request !== undefined && res.status < 300) {
      const requestSchema = op.requestBody?.content['application/json']?.schema;
      expect(requestSchema, `${key} documents a JSON request body`).to.not.equal(undefined);
      const validateRequest = validator(`${key} request`, requestSchema!, false);
      expect(
        validateRequest(options.request),
        `${where}: the server accepted a request the document calls invalid: ${lenient.ajv.errorsText(validateRequest.errors)}`,
      ).to.equal(true);
    }

    if (contentType !== 'application/json')
      return contentType.startsWith('text/') ? raw.toString('utf8') : raw;
    const body: unknown = JSON.parse(raw.toString('utf8'));
    const validate = validator(`${where} ${contentType}`, media!.schema ?? {}, true);
    expect(
      validate(body),
      `${where}: the body does not match the document: ${strict.ajv.errorsText(validate.errors, { separator: '\n  ' })}\n${JSON.stringify(body).slice(0, 600)}`,
    ).to.equal(true);
    return body;
  }

  return { expectContract, exercised };
}
