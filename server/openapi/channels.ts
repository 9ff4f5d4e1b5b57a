// The channel endpoints in the OpenAPI document: Open311 GeoReport v2 (/open311), the WhatsApp Cloud
// API webhook (/webhooks/whatsapp) and the SMS gateway's delivery reports (/api/v1/sms/...).
// Open311 answers in the spec's own shapes (snake_case, a list of {code, description} for errors),
// as JSON or XML by the path's extension; only the JSON is described by schemas here.
import { GATEWAY_STATUSES } from '../../lib/messaging/sms-gateway';
import { body, error, json, use, type Example, type PathItem, type Response } from './builders';
import { ref, type JsonSchema } from './schemas';

const nullableString = (description: string): JsonSchema => ({ type: ['string', 'null'], description });

// ---- Open311 ---------------------------------------------------------------------------------------

const open311Errors: JsonSchema = {
  type: 'array',
  description: 'Open311 errors: the HTTP status as `code`, the description in the language asked.',
  minItems: 1,
  items: {
    type: 'object',
    properties: {
      code: { type: 'integer', description: 'The HTTP status.' },
      description: { type: 'string' },
    },
    required: ['code', 'description'],
  },
};

const discovery: JsonSchema = {
  type: 'object',
  properties: {
    changeset: { type: 'string', description: 'When the endpoints last changed.' },
    contact: { type: 'string' },
    key_service: { type: 'string', description: 'How to get an API key.' },
    endpoints: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          specification: { type: 'string', format: 'uri' },
          url: { type: 'string', format: 'uri' },
          changeset: { type: 'string' },
          type: { type: 'string', enum: ['production', 'test'] },
          formats: { type: 'array', items: { type: 'string', enum: ['text/xml', 'application/json'] } },
        },
        required: ['specification', 'url', 'changeset', 'type', 'formats'],
      },
    },
  },
  required: ['changeset', 'contact', 'key_service', 'endpoints'],
};

const service: JsonSchema = {
  type: 'object',
  description: 'A CM Helpline 181 complaint subject, as an Open311 service.',
  properties: {
    service_code: { type: 'string', examples: ['eng-no-supply'] },
    service_name: { type: 'string', examples: ['No electricity supply', 'बिजली आपूर्ति नहीं'] },
    description: { type: 'string' },
    metadata: { const: true, description: 'Every service has a definition (its place attributes).' },
    type: { const: 'realtime' },
    keywords: {
      type: 'string',
      description: 'The name in the other language and the department, comma-separated.',
    },
    group: { type: 'string', description: 'The department.' },
  },
  required: ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'],
};

const serviceDefinition: JsonSchema = {
  type: 'object',
  properties: {
    service_code: { type: 'string' },
    attributes: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          variable: { const: true },
          code: { type: 'string', enum: ['tehsil', 'block', 'village'] },
          datatype: { const: 'singlevaluelist' },
          required: { type: 'boolean', description: 'The one the subject’s L1 officer is found by.' },
          datatype_description: { type: 'null' },
          order: { type: 'integer' },
          description: { type: 'string' },
          values: {
            type: 'array',
            items: {
              type: 'object',
              properties: { key: { type: 'string' }, name: { type: 'string' } },
              required: ['key', 'name'],
            },
          },
        },
        required: [
          'variable',
          'code',
          'datatype',
          'required',
          'datatype_description',
          'order',
          'description',
          'values',
        ],
      },
    },
  },
  required: ['service_code', 'attributes'],
};

const serviceRequest: JsonSchema = {
  type: 'object',
  description:
    'A complaint as the public sees it: never a Mahila Helpline case, a corruption complaint or an information call; no name or mobile; phone numbers, e-mail addresses and Aadhaar-like numbers removed from the description.',
  properties: {
    service_request_id: { type: 'string', pattern: '^CMH-[0-9]{4}-[0-9]{6}$', examples: ['CMH-2026-000001'] },
    status: { type: 'string', enum: ['open', 'closed'] },
    status_notes: { type: 'string' },
    service_name: { type: 'string' },
    service_code: { type: 'string' },
    description: { type: 'string' },
    agency_responsible: nullableString('Department, office and level.'),
    service_notice: nullableString('When it moves up a level by itself.'),
    requested_datetime: { type: 'string', format: 'date-time', description: 'W3C datetime, IST offset.' },
    updated_datetime: { type: ['string', 'null'], format: 'date-time' },
    expected_datetime: {
      type: ['string', 'null'],
      format: 'date-time',
      description: 'End of the current level’s limit.',
    },
    address: { type: 'string' },
    address_id: { type: 'null' },
    zipcode: { type: 'null' },
    lat: { type: ['number', 'null'] },
    long: { type: ['number', 'null'] },
    media_url: { type: 'null' },
  },
  required: [
    'service_request_id',
    'status',
    'status_notes',
    'service_name',
    'service_code',
    'description',
    'agency_responsible',
    'service_notice',
    'requested_datetime',
    'updated_datetime',
    'expected_datetime',
    'address',
    'address_id',
    'zipcode',
    'lat',
    'long',
    'media_url',
  ],
};

const placeAttribute = (what: string): JsonSchema => ({
  type: 'string',
  description: `${what} (a key from the service definition).`,
});
const textOrNumber = (description: string): JsonSchema => ({ type: ['string', 'number'], description });

const serviceRequestCreation: JsonSchema = {
  type: 'object',
  description:
    'Registered as a CM Helpline complaint (channel `open311`), validated, de-duplicated and limited per mobile like any other. Members not named here are refused (400, one error each).',
  properties: {
    api_key: {
      type: 'string',
      description: 'An API key with the scope `open311:post` (or `?api_key=`).',
      pattern: '^jsk_',
    },
    jurisdiction_id: { type: 'string', description: 'The district code.', examples: ['bhopal'] },
    service_code: { type: 'string', description: 'From services.json.', examples: ['eng-no-supply'] },
    description: { type: 'string', description: '10 to 2000 characters, Hindi or English.' },
    first_name: { type: 'string' },
    last_name: { type: 'string' },
    phone: { type: 'string', description: 'The citizen’s mobile (+91, 0, spaces and dashes are taken off).' },
    email: { type: 'string', format: 'email' },
    lat: textOrNumber('WGS84 latitude (with `long`).'),
    long: textOrNumber('WGS84 longitude (with `lat`).'),
    address_string: { type: 'string', maxLength: 250 },
    address_id: { description: 'Refused: there is no master address register.', not: {} },
    media_url: { type: 'string', description: 'Not kept (the answer says so).' },
    device_id: { type: 'string', description: 'GeoReport v2: the client device; accepted and not kept.' },
    account_id: {
      type: 'string',
      description: 'GeoReport v2: the client’s user account; accepted and not kept.',
    },
    attribute: {
      type: 'object',
      description:
        'Form encoding: `attribute[tehsil]=…`. The subject’s L1 scope (tehsil or block) is required.',
      properties: {
        tehsil: placeAttribute('Tehsil'),
        block: placeAttribute('Block'),
        village: placeAttribute('Village or ward; fills in its tehsil and block'),
        district: placeAttribute('Must equal jurisdiction_id'),
      },
      additionalProperties: false,
    },
  },
  patternProperties: {
    // One pattern rather than four named members: Ajv's strict mode refuses a name matched by both.
    '^attribute\\[[^\\]]+\\]$': placeAttribute(
      'Flat (JSON) form of `attribute`: `attribute[tehsil]`, `attribute[block]`, `attribute[village]` or `attribute[district]`; the codes a service takes come from its definition',
    ),
  },
  required: ['jurisdiction_id', 'service_code'],
  additionalProperties: false,
};

const created: JsonSchema = {
  type: 'array',
  minItems: 1,
  maxItems: 1,
  items: {
    type: 'object',
    properties: {
      service_request_id: { type: 'string', pattern: '^CMH-[0-9]{4}-[0-9]{6}$' },
      service_notice: { type: 'string' },
      account_id: { type: 'null' },
    },
    required: ['service_request_id', 'service_notice', 'account_id'],
  },
};

/** Open311's two formats: the schema describes the JSON; XML is the same tree (Spark convention). */
function open311(description: string, schema: JsonSchema, examples?: Record<string, Example>): Response {
  return {
    description,
    content: {
      ...json(schema, examples),
      'text/xml': { schema: { type: 'string', contentMediaType: 'text/xml' } },
    },
  };
}

const open311Error = (description: string, en: string, hi: string, code: number): Response =>
  open311(description, ref('Open311Errors'), {
    en: { summary: 'English', value: [{ code, description: en }] },
    hi: { summary: 'हिंदी (?lang=hi)', value: [{ code, description: hi }] },
  });

const FORMAT = {
  name: 'format',
  in: 'path' as const,
  required: true,
  description: '`json` or `xml` (the spec’s required format). Anything else is answered 404, in XML.',
  schema: { type: 'string', enum: ['json', 'xml'] },
};
const JURISDICTION = {
  name: 'jurisdiction_id',
  in: 'query' as const,
  description: 'A district code, e.g. `bhopal`.',
  schema: { type: 'string' },
};
const LANG = {
  name: 'lang',
  in: 'query' as const,
  description: 'Language of the texts: `en` (default) or `hi`; Accept-Language works too.',
  schema: { type: 'string', enum: ['en', 'hi'] },
};
const NO_FORMAT = open311Error(
  'No such format, or no such jurisdiction.',
  'There is no .csv format: use .xml or .json.',
  '.csv प्रारूप नहीं है: .xml या .json का प्रयोग करें।',
  404,
);
const OPEN311_INTERNAL = open311Error(
  'Failed on the server’s side.',
  'The Open311 service failed on our side. Please try again in a minute; tell us if it persists.',
  'Open311 सेवा में हमारी ओर से त्रुटि हुई। कृपया एक मिनट बाद फिर प्रयास करें; बार-बार हो तो हमें बताएँ।',
  500,
);
const TAG = ['Open311'];

export const channelPaths: Record<string, PathItem> = {
  '/open311/discovery.{format}': {
    get: {
      operationId: 'open311Discovery',
      tags: TAG,
      summary: 'Open311 service discovery',
      parameters: [FORMAT, LANG],
      responses: {
        '200': open311(
          'Where the GeoReport v2 endpoint is, its formats and how to get a key.',
          ref('Open311Discovery'),
        ),
        '404': NO_FORMAT,
        '500': OPEN311_INTERNAL,
      },
    },
  },
  '/open311/v2/services.{format}': {
    get: {
      operationId: 'open311Services',
      tags: TAG,
      summary: 'Open311 services: the CM Helpline complaint subjects',
      parameters: [FORMAT, JURISDICTION, LANG],
      responses: {
        '200': open311('Every subject, by department.', { type: 'array', items: ref('Open311Service') }),
        '400': open311Error(
          'An argument given twice.',
          'jurisdiction_id takes one value.',
          'jurisdiction_id में एक ही मान दें।',
          400,
        ),
        '404': NO_FORMAT,
        '500': OPEN311_INTERNAL,
      },
    },
  },
  '/open311/v2/services/{code}.{format}': {
    get: {
      operationId: 'open311ServiceDefinition',
      tags: TAG,
      summary: 'An Open311 service definition: the place attributes of a district',
      parameters: [
        {
          name: 'code',
          in: 'path',
          required: true,
          description: 'The service_code.',
          schema: { type: 'string' },
        },
        FORMAT,
        { ...JURISDICTION, required: true },
        LANG,
      ],
      responses: {
        '200': open311(
          'Tehsil, block and village attributes with the district’s values.',
          ref('Open311ServiceDefinition'),
        ),
        '400': open311Error(
          'No jurisdiction_id.',
          'jurisdiction_id was not provided: give the district code, e.g. bhopal.',
          'jurisdiction_id नहीं दिया गया: जिले का कोड दें, जैसे bhopal।',
          400,
        ),
        '404': open311Error(
          'No such service, jurisdiction or format.',
          'service_code "nope" was not found: see services.json for the list.',
          'service_code "nope" नहीं मिला: सूची के लिए services.json देखें।',
          404,
        ),
        '500': OPEN311_INTERNAL,
      },
    },
  },
  '/open311/v2/requests.{format}': {
    post: {
      operationId: 'open311CreateRequest',
      tags: TAG,
      summary: 'Create an Open311 service request (a CM Helpline complaint)',
      description: `Needs an API key with the scope \`open311:post\` (issued by \`bin/jansetu api-key NAME open311:post\`), as \`api_key\` in the body or the query. A repeat of an open complaint by the same caller is linked to it (200).`,
      parameters: [
        FORMAT,
        {
          name: 'api_key',
          in: 'query',
          description: 'Instead of `api_key` in the body.',
          schema: { type: 'string' },
        },
        LANG,
      ],
      security: [{ open311ApiKey: [] }],
      requestBody: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': { schema: ref('Open311RequestCreation') },
          ...body('Open311RequestCreation', {
            hindi: {
              summary: 'हिंदी',
              value: {
                api_key: 'jsk_demo_…',
                jurisdiction_id: 'bhopal',
                service_code: 'eng-no-supply',
                'attribute[block]': 'bhopal-phanda',
                first_name: 'रामलाल',
                last_name: 'अहिरवार',
                phone: '+91 98765 01234',
                description: 'गाँव में तीन दिन से बिजली नहीं है',
                lat: 23.2599,
                long: 77.4126,
              },
            },
            english: {
              summary: 'English',
              value: {
                api_key: 'jsk_demo_…',
                jurisdiction_id: 'bhopal',
                service_code: 'eng-no-supply',
                attribute: { block: 'bhopal-phanda' },
                first_name: 'Ramlal',
                phone: '9876501234',
                description: 'No electricity in the village for three days.',
                address_string: 'Near the school, Bilkhiriya Kalan',
              },
            },
          }).content,
        },
      },
      responses: {
        '201': open311('Registered.', ref('Open311Created')),
        '200': open311('Linked to the open complaint it repeats.', ref('Open311Created')),
        '400': open311Error(
          'Arguments to correct, one error each (the intake’s field names translated to Open311’s).',
          'description: Describe the problem in 10 to 2000 characters, in Hindi or English.',
          'description: समस्या 10 से 2000 अक्षरों में हिंदी या अंग्रेज़ी में लिखें।',
          400,
        ),
        '403': open311Error(
          'No API key, or one without the scope.',
          'api_key was not provided -- can’t proceed with create_request.',
          'api_key नहीं दी गई -- create_request नहीं हो सकता।',
          403,
        ),
        '404': open311Error(
          'No such jurisdiction, service or format.',
          'jurisdiction_id "nowhere" was not found: it is a district code of Madhya Pradesh, e.g. bhopal.',
          'jurisdiction_id "nowhere" नहीं मिला: यह मध्य प्रदेश के जिले का कोड है, जैसे bhopal।',
          404,
        ),
        '413': open311Error(
          'The body is larger than 64 kB.',
          'request entity too large',
          'अनुरोध सही नहीं है: request entity too large',
          413,
        ),
        '429': open311Error(
          'The mobile number has reached the daily limit of calls.',
          'This mobile number has already registered 10 calls today, the daily limit. Please call again tomorrow.',
          'इस मोबाइल नंबर से आज 10 कॉल दर्ज हो चुकी हैं, जो दैनिक सीमा है। कृपया कल फिर संपर्क करें।',
          429,
        ),
        '500': OPEN311_INTERNAL,
      },
    },
    get: {
      operationId: 'open311Requests',
      tags: TAG,
      summary: 'Open311 service requests: public complaints',
      description: `At most 1000, newest first, within at most 90 days (the last 90 when no date is given). \`service_request_id\` overrides every other argument.`,
      parameters: [
        FORMAT,
        JURISDICTION,
        {
          name: 'service_request_id',
          in: 'query',
          description: 'Comma-separated ids, e.g. CMH-2026-000001.',
          schema: { type: 'string' },
        },
        {
          name: 'service_code',
          in: 'query',
          description: 'Comma-separated service codes.',
          schema: { type: 'string' },
        },
        {
          name: 'status',
          in: 'query',
          description: '`open`, `closed` or both, comma-separated.',
          schema: { type: 'string' },
        },
        {
          name: 'start_date',
          in: 'query',
          description: 'W3C date or datetime with offset.',
          schema: { type: 'string' },
        },
        {
          name: 'end_date',
          in: 'query',
          description: 'W3C date or datetime with offset.',
          schema: { type: 'string' },
        },
        LANG,
      ],
      responses: {
        '200': open311('The requests.', {
          type: 'array',
          maxItems: 1000,
          items: ref('Open311ServiceRequest'),
        }),
        '400': open311Error(
          'An argument is not valid.',
          'status is open, closed or both.',
          'status open, closed या दोनों हो।',
          400,
        ),
        '404': NO_FORMAT,
        '500': OPEN311_INTERNAL,
      },
    },
  },
  '/open311/v2/requests/{id}.{format}': {
    get: {
      operationId: 'open311Request',
      tags: TAG,
      summary: 'One Open311 service request',
      parameters: [
        {
          name: 'id',
          in: 'path',
          required: true,
          description: 'The service_request_id, e.g. CMH-2026-000001.',
          schema: { type: 'string' },
        },
        FORMAT,
        JURISDICTION,
        LANG,
      ],
      responses: {
        '200': open311('A list of one, as the spec has it.', {
          type: 'array',
          minItems: 1,
          maxItems: 1,
          items: ref('Open311ServiceRequest'),
        }),
        '400': open311Error(
          'An argument given twice.',
          'jurisdiction_id takes one value.',
          'jurisdiction_id में एक ही मान दें।',
          400,
        ),
        '404': open311Error(
          'No such public request (or format, or jurisdiction).',
          'service_request_id "CMH-2026-999999" was not found.',
          'service_request_id "CMH-2026-999999" नहीं मिला।',
          404,
        ),
        '500': OPEN311_INTERNAL,
      },
    },
  },

  // ---- WhatsApp ----------------------------------------------------------------------------------------
  '/webhooks/whatsapp': {
    get: {
      operationId: 'whatsappVerify',
      tags: ['Channels'],
      summary: 'WhatsApp webhook verification handshake',
      description:
        'Meta calls this when the webhook is configured; the challenge is echoed when the token is WHATSAPP_VERIFY_TOKEN.',
      parameters: [
        {
          name: 'hub.mode',
          in: 'query',
          required: true,
          description: '`subscribe`.',
          schema: { const: 'subscribe' },
        },
        {
          name: 'hub.verify_token',
          in: 'query',
          required: true,
          description: 'WHATSAPP_VERIFY_TOKEN.',
          schema: { type: 'string' },
        },
        {
          name: 'hub.challenge',
          in: 'query',
          required: true,
          description: 'Echoed back.',
          schema: { type: 'string' },
        },
      ],
      responses: {
        '200': { description: 'The challenge.', content: { 'text/plain': { schema: { type: 'string' } } } },
        '403': error('Not `subscribe`, or the wrong token.', {
          code: 'verification_failed',
          en: 'The webhook verification token is not right.',
          hi: 'वेबहुक सत्यापन टोकन सही नहीं है।',
        }),
        '500': use('InternalError'),
      },
    },
    post: {
      operationId: 'whatsappWebhook',
      tags: ['Channels'],
      summary: 'WhatsApp Cloud API deliveries: citizens’ messages and our messages’ statuses',
      description:
        'Signed by Meta (`X-Hub-Signature-256` over the raw body). Answered at once; each new message (by its wamid, a redelivery is ignored) goes to the complaint bot afterwards, and statuses are recorded on the outbox. Items for another phone number or field are skipped, not refused.',
      security: [{ whatsappSignature: [] }],
      requestBody: body('WhatsAppDelivery', {
        message: {
          summary: 'A citizen writes in Hindi',
          value: {
            object: 'whatsapp_business_account',
            entry: [
              {
                id: '100000000000000',
                changes: [
                  {
                    field: 'messages',
                    value: {
                      messaging_product: 'whatsapp',
                      metadata: { display_phone_number: '911234567890', phone_number_id: '100000000000001' },
                      contacts: [{ wa_id: '919876501234', profile: { name: 'रामलाल' } }],
                      messages: [
                        {
                          id: 'wamid.HBgLOTE5ODc2NTAxMjM0FQIAEhgg',
                          from: '919876501234',
                          timestamp: '1767225600',
                          type: 'text',
                          text: { body: 'शिकायत' },
                        },
                      ],
                    },
                  },
                ],
              },
            ],
          },
        },
      }),
      responses: {
        '200': { description: 'Taken.', content: json(ref('WhatsAppReceipt')) },
        '400': error('The body is not JSON.', {
          code: 'bad_request',
          en: 'The body is not JSON.',
          hi: 'अनुरोध का मुख्य भाग JSON नहीं है।',
        }),
        '401': error('The signature is missing or wrong; nothing is done.', {
          code: 'bad_signature',
          en: 'The X-Hub-Signature-256 signature is missing or wrong.',
          hi: 'X-Hub-Signature-256 हस्ताक्षर नहीं है या गलत है।',
        }),
        '413': error('Larger than 512 kB.', {
          code: 'too_large',
          en: 'The webhook body is too large.',
          hi: 'वेबहुक का आकार बहुत बड़ा है।',
        }),
        '500': use('InternalError'),
      },
    },
  },

  // ---- SMS -------------------------------------------------------------------------------------------
  '/api/v1/sms/delivery-reports': {
    post: {
      operationId: 'smsDeliveryReports',
      tags: ['Channels'],
      summary: 'The SMS gateway’s delivery reports (DLRs)',
      description:
        'What became of each SMS the outbox sent. A report for a message Jan Setu does not know is answered (so the gateway stops retrying) and named in `unknown`; one older than the status already recorded is `stale`.',
      security: [{ smsGatewayKey: [] }],
      requestBody: body('SmsDeliveryReports', {
        reports: {
          value: {
            reports: [
              { id: 'sms_01HZX3', status: 'delivered', at: '2026-12-02T10:15:00Z' },
              {
                id: 'sms_01HZX4',
                status: 'undelivered',
                at: '2026-12-02T10:16:00Z',
                error: 'handset switched off',
              },
            ],
          },
        },
      }),
      responses: {
        '200': { description: 'Recorded.', content: json(ref('SmsDeliveryResult')) },
        '400': error('A report is not valid (one detail naming it).', {
          code: 'bad_delivery_report',
          en: 'The delivery report is not valid: the message id is missing',
          hi: 'डिलीवरी रिपोर्ट सही नहीं है: संदेश आईडी नहीं दी गई',
          details: [{ field: 'reports[0].id', en: 'the message id is missing', hi: 'संदेश आईडी नहीं दी गई' }],
        }),
        '401': error('Not the gateway’s key.', {
          code: 'unauthorized',
          en: 'Delivery reports need the SMS gateway key as "Authorization: Bearer …".',
          hi: 'डिलीवरी रिपोर्ट के लिए SMS गेटवे कुंजी "Authorization: Bearer …" के रूप में भेजें।',
        }),
        '413': use('BodyTooLarge'),
        '500': use('InternalError'),
      },
    },
  },
};

const whatsappDelivery: JsonSchema = {
  type: 'object',
  description:
    'A WhatsApp Cloud API webhook delivery, as Meta sends it (only what Jan Setu reads is described).',
  properties: {
    object: { type: 'string', examples: ['whatsapp_business_account'] },
    entry: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          changes: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                field: { type: 'string', examples: ['messages'] },
                value: {
                  type: 'object',
                  properties: {
                    messaging_product: { type: 'string' },
                    metadata: {
                      type: 'object',
                      properties: {
                        display_phone_number: { type: 'string' },
                        phone_number_id: { type: 'string' },
                      },
                    },
                    contacts: { type: 'array', items: { type: 'object' } },
                    messages: {
                      type: 'array',
                      items: { type: 'object' },
                      description: 'Text, interactive replies, buttons, …',
                    },
                    statuses: {
                      type: 'array',
                      items: { type: 'object' },
                      description: 'sent, delivered, read, failed …',
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

export const channelSchemas: Record<string, JsonSchema> = {
  Open311Errors: open311Errors,
  Open311Discovery: discovery,
  Open311Service: service,
  Open311ServiceDefinition: serviceDefinition,
  Open311ServiceRequest: serviceRequest,
  Open311RequestCreation: serviceRequestCreation,
  Open311Created: created,
  WhatsAppDelivery: whatsappDelivery,
  WhatsAppReceipt: {
    type: 'object',
    properties: {
      received: { type: 'integer', description: 'Messages in the delivery.' },
      new: { type: 'integer', description: 'Of them, not seen before (handed to the bot).' },
      statuses: { type: 'integer', description: 'Status updates recorded.' },
    },
    required: ['received', 'new', 'statuses'],
  },
  SmsDeliveryReports: {
    type: 'object',
    properties: {
      reports: {
        type: 'array',
        minItems: 1,
        maxItems: 1000,
        items: {
          type: 'object',
          properties: {
            id: {
              type: 'string',
              minLength: 1,
              maxLength: 200,
              description: 'The id the gateway gave when it took the SMS.',
            },
            status: { type: 'string', enum: Object.keys(GATEWAY_STATUSES) },
            at: { type: 'string', format: 'date-time' },
            error: { type: 'string', description: 'The reason, for a failure.' },
          },
          required: ['id', 'status', 'at'],
        },
      },
    },
    required: ['reports'],
  },
  SmsDeliveryResult: {
    type: 'object',
    properties: {
      updated: { type: 'integer', description: 'Messages whose status changed.' },
      stale: { type: 'integer', description: 'Reports older than what is recorded.' },
      unknown: { type: 'array', items: { type: 'string' }, description: 'Ids Jan Setu does not know.' },
    },
    required: ['updated', 'stale', 'unknown'],
  },
};

export const channelSecuritySchemes: Record<string, Record<string, unknown>> = {
  open311ApiKey: {
    type: 'apiKey',
    in: 'query',
    name: 'api_key',
    description:
      'An API key with the scope `open311:post` (`jsk_…`); it may be sent as `api_key` in the body instead.',
  },
  whatsappSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Hub-Signature-256',
    description: '`sha256=` and the hex HMAC-SHA256 of the raw body with WHATSAPP_APP_SECRET.',
  },
  smsGatewayKey: {
    type: 'http',
    scheme: 'bearer',
    description: 'SMS_GATEWAY_KEY, the key Jan Setu and the gateway share.',
  },
};
