// Types of the OpenAPI 3.1 document and the small builders its parts are written with: JSON
// media types, responses, and error responses with their English and Hindi examples.
import { ref, type JsonSchema } from './schemas';

export interface Example {
  summary?: string;
  description?: string;
  value: unknown;
}

export interface MediaType {
  schema?: JsonSchema;
  examples?: Record<string, Example>;
}

export interface Response {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content?: Record<string, MediaType>;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  description: string;
  required?: boolean;
  schema: JsonSchema;
  examples?: Record<string, Example>;
}

export type Reference = { $ref: string };

export interface Operation {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  parameters?: (Parameter | Reference)[];
  requestBody?: { required: boolean; description?: string; content: Record<string, MediaType> };
  responses: Record<string, Response | Reference>;
  security?: Record<string, string[]>[];
}

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type PathItem = Partial<Record<Method, Operation>>;

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: {
    title: string;
    version: string;
    summary: string;
    description: string;
    license: { name: string; identifier: string };
  };
  tags: { name: string; description: string }[];
  paths: Record<string, PathItem>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, Response>;
    parameters: Record<string, Parameter>;
    securitySchemes: Record<string, Record<string, unknown>>;
  };
}

// ---- Builders ------------------------------------------------------------------------------------------

export const json = (schema: JsonSchema, examples?: Record<string, Example>): Record<string, MediaType> => ({
  'application/json': examples ? { schema, examples } : { schema },
});

export const ok = (description: string, schema: string, examples?: Record<string, Example>): Response => ({
  description,
  content: json(ref(schema), examples),
});

export const body = (schema: string, examples?: Record<string, Example>, description?: string) => ({
  required: true,
  ...(description ? { description } : {}),
  content: json(ref(schema), examples),
});

export interface ErrorCase {
  code: string;
  en: string;
  hi: string;
  details?: { field: string; en: string; hi: string }[];
}

/** An error response with its example in English and in Hindi (the message follows the language asked). */
export function error(description: string, example: ErrorCase): Response {
  const value = (lang: 'en' | 'hi') => ({
    error: {
      code: example.code,
      message: example[lang],
      messages: { en: example.en, hi: example.hi },
      ...(example.details
        ? {
            details: example.details.map((d) => ({
              field: d.field,
              message: { en: d.en, hi: d.hi },
              text: d[lang],
            })),
          }
        : {}),
    },
  });
  return {
    description,
    content: json(ref('Error'), {
      en: { summary: 'English (Accept-Language: en)', value: value('en') },
      hi: { summary: 'हिंदी (Accept-Language: hi)', value: value('hi') },
    }),
  };
}

export const use = (name: string): Reference => ({ $ref: `#/components/responses/${name}` });
export const param = (name: string): Reference => ({ $ref: `#/components/parameters/${name}` });

export type SecurityRequirement = Record<string, string[]>;
export const STAFF: SecurityRequirement[] = [{ staffBearer: [] }];
/** Open to anyone identified otherwise (a mobile number), or to staff by token. */
export const STAFF_OR_MOBILE: SecurityRequirement[] = [{}, { staffBearer: [] }];
