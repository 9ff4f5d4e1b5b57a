// The JSON Schemas (2020-12, as OpenAPI 3.1 uses them) of Jan Setu's API bodies, and small builders
// for the document in ./document.ts. Enumerations come from the code that enforces them, so a new
// status, action or channel appears here without anyone remembering to add it.
import { AGENT_181_ROLES } from '../routes/applications';
import { MAX_ATTACHMENT_BYTES } from '../routes/attachments';
import { CHANNEL_ROLES } from '../routes/complaints';
import { CALL_TYPES, COMPLAINT_CHANNELS } from '../complaints/intake';
import { MAX_ORDER_DAYS, OFFICER_ACTIONS, STATUS_LABELS } from '../../workflows/application-messages';
import { COMPLAINT_ACTIONS } from '../../workflows/complaint-messages';

/** A JSON Schema (2020-12 dialect) or a reference to one in components.schemas. */
export interface JsonSchema {
  [keyword: string]: unknown;
}

export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });
const str = (description: string, extra: JsonSchema = {}): JsonSchema => ({
  type: 'string',
  description,
  ...extra,
});
const int = (description: string, extra: JsonSchema = {}): JsonSchema => ({
  type: 'integer',
  description,
  ...extra,
});
const bool = (description: string): JsonSchema => ({ type: 'boolean', description });
const object = (
  properties: Record<string, JsonSchema>,
  required: string[] = Object.keys(properties),
  extra: JsonSchema = {},
): JsonSchema => ({ type: 'object', properties, required, ...extra });

// ---- Shared pieces ---------------------------------------------------------------------------------

export const APPLICATION_STATUSES = Object.keys(STATUS_LABELS);
export const APPLICATION_ACTIONS = Object.keys(OFFICER_ACTIONS);
export const COMPLAINT_ACTION_NAMES = Object.keys(COMPLAINT_ACTIONS);
export const SERVICES = {
  INC: 'income-certificate',
  DOM: 'domicile-certificate',
  KHS: 'khasra-khatauni-copy',
  MAP: 'current-map-copy',
} as const;
const LEVELS = ['L1', 'L2', 'L3', 'L4'];
const MOBILE = '^[6-9][0-9]{9}$';
const DATE = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
/** Timestamps from PostgreSQL and workflow time, as JSON gives them: ISO 8601 with a zone. */
const instant = (description: string): JsonSchema => str(description, { format: 'date-time' });
const isoDate = (description: string): JsonSchema =>
  str(description, { pattern: DATE, examples: ['2026-01-19'] });
const mobile = (description = 'A 10-digit Indian mobile number starting with 6–9.'): JsonSchema =>
  str(description, { pattern: MOBILE, examples: ['9876543210'] });

const bilingual: JsonSchema = object({ en: str('In English.'), hi: str('In Hindi (हिंदी).') }, ['en', 'hi'], {
  description: 'A text in both of Jan Setu’s languages.',
});

const fieldProblem: JsonSchema = object(
  {
    field: str('The field, as a dotted path (`citizen.mobile`) or a form field name.'),
    message: ref('Bilingual'),
    text: str('`message` in the language of the response.'),
  },
  ['field', 'message', 'text'],
);

const error: JsonSchema = object(
  {
    error: object(
      {
        code: str(
          'A stable, machine-readable code: `invalid_fields`, `unauthorized`, `forbidden`, `unknown_application`, `refused_not-assigned`, `daily_limit`, `internal` …',
          { examples: ['invalid_fields'] },
        ),
        message: str(
          'The message in the language of the response (`?lang=`, the `lang` cookie, `Accept-Language`).',
        ),
        messages: ref('Bilingual'),
        details: {
          type: 'array',
          description: 'One entry per field that needs correcting, when the error is about fields.',
          items: ref('FieldProblem'),
        },
      },
      ['code', 'message', 'messages'],
    ),
  },
  ['error'],
  {
    description: 'Every error, from every route: a status, a stable code and a message in Hindi and English.',
  },
);

const placeProperties = {
  code: str('Stable code, e.g. `bhopal-huzur`.'),
  nameEn: str('Name in English.'),
  nameHi: str('Name in Hindi.'),
};
const place: JsonSchema = object(placeProperties);

const timelineEvent: JsonSchema = object({
  seq: int('Order of the event within the case, from 1.'),
  at: instant('When it happened.'),
  type: str('What happened, e.g. `received`, `approved`, `certificate-issued`, `escalated`.'),
  actor: {
    type: ['string', 'null'],
    description: 'Officer code, `applicant`, `citizen`, a channel or `system`.',
  },
  details: {
    type: 'object',
    additionalProperties: true,
    description: 'Facts of the event (reason, level, …).',
  },
});

// ---- Places ----------------------------------------------------------------------------------------

const divisionList: JsonSchema = object({
  divisions: {
    type: 'array',
    items: object({ ...placeProperties, districts: { type: 'array', items: ref('Place') } }),
  },
});

const districtList: JsonSchema = object({
  districts: {
    type: 'array',
    items: object({ ...placeProperties, division: str('Code of the division.') }),
  },
});

const district: JsonSchema = object({
  ...placeProperties,
  division: ref('Place'),
  tehsils: { type: 'array', items: ref('Place') },
  blocks: { type: 'array', items: ref('Place'), description: 'Development blocks (विकासखंड).' },
});

const dueDate: JsonSchema = object({
  district: str('District code.'),
  from: isoDate('The day counting starts from.'),
  workingDays: int('Working days counted.', { minimum: 0, maximum: 999 }),
  dueDate: isoDate('The due date: that many working days of the district’s calendar after `from`.'),
  holidayCalendarVersion: int('Version of the holiday calendar policy used.'),
});

// ---- Lok Seva Guarantee: the fields each service asks for ----------------------------------------------

const text = (maxLength: number, description: string): JsonSchema =>
  str(`${description} Spaces are folded; at most ${maxLength} characters; no \`< > { } \\\`.`, {
    minLength: 1,
    maxLength,
    pattern: '^[^<>{}\\\\]*$',
  });
const samagraId = str('Samagra ID (समग्र आईडी), 9 digits.', {
  pattern: '^[0-9]{9}$',
  examples: ['123456789'],
});
const aadhaar: JsonSchema = {
  type: ['string', 'null'],
  description:
    'Optional Aadhaar number: 12 digits, not starting with 0 or 1, with a valid Verhoeff check digit.',
  pattern: '^([2-9][0-9]{11})?$',
};
const khasra = str('A khasra (plot) number, like `112` or `113/2`.', {
  pattern: '^\\s*[0-9]{1,5}(/[0-9]{1,3})?\\s*$',
});
const village = str('Village or ward code from the seed data, e.g. `bhopal-huzur-bilkhiriya-kalan`.');
const address: JsonSchema = object(
  {
    line: str('House and street (मकान/गली); at most 200 characters are kept.', { minLength: 1 }),
    village,
    tehsil: str('Tehsil code; the village must be in it.'),
    district: str('District code; the tehsil must be in it.'),
  },
  ['line', 'village', 'tehsil', 'district'],
  { additionalProperties: false },
);
const gender = { type: 'string', enum: ['female', 'male', 'other'] };
const personal = {
  applicantName: text(100, 'Applicant’s name (आवेदक का नाम).'),
  guardianName: text(100, 'Father’s, mother’s or husband’s name.'),
  gender,
  address: ref('Address'),
  purpose: text(200, 'What the certificate is needed for.'),
};

/** Unknown fields are refused (400 `invalid_fields`), so every fields object is closed. */
const incomeFields: JsonSchema = object(
  {
    ...personal,
    incomeBySource: {
      type: 'object',
      description: 'Yearly income in whole rupees by source (0 to 10 crore each); at least one source.',
      properties: Object.fromEntries(
        ['salary', 'agriculture', 'business', 'labour', 'other'].map((s) => [
          s,
          { type: 'integer', minimum: 0, maximum: 100_000_000 },
        ]),
      ),
      additionalProperties: false,
      minProperties: 1,
    },
    samagraId,
    aadhaar,
    mobile: mobile(),
  },
  ['applicantName', 'guardianName', 'gender', 'address', 'purpose', 'incomeBySource', 'samagraId', 'mobile'],
  { title: 'INC — income certificate (आय प्रमाण पत्र)', additionalProperties: false },
);

const domicileFields: JsonSchema = object(
  {
    ...personal,
    basis: { type: 'string', enum: ['born-in-mp', 'resident-10-years', 'married-to-resident'] },
    selfDeclaration: { const: true, description: 'The declaration, ticked.' },
    samagraId,
    aadhaar,
    mobile: mobile(),
  },
  [
    'applicantName',
    'guardianName',
    'gender',
    'address',
    'purpose',
    'basis',
    'selfDeclaration',
    'samagraId',
    'mobile',
  ],
  { title: 'DOM — domicile certificate (मूल निवासी प्रमाण पत्र)', additionalProperties: false },
);

const khasraFields: JsonSchema = object(
  {
    khasraNumber: khasra,
    village,
    year: int('Year of the record.', { minimum: 1950, maximum: 2100 }),
    samagraId,
    mobile: mobile(),
  },
  ['khasraNumber', 'village', 'year', 'samagraId', 'mobile'],
  { title: 'KHS — copy of khasra/khatauni (खसरा/खतौनी की प्रतिलिपि)', additionalProperties: false },
);

const mapFields: JsonSchema = object(
  {
    khasraNumbers: {
      description: '1 to 20 khasra numbers: a list, or one string separated by commas or spaces.',
      oneOf: [
        { type: 'array', items: khasra, minItems: 1, maxItems: 20 },
        { type: 'string', pattern: '^[0-9/,\\s]+$' },
      ],
    },
    village,
    mobile: mobile(),
  },
  ['khasraNumbers', 'village', 'mobile'],
  { title: 'MAP — copy of the current map (नक्शे की प्रतिलिपि)', additionalProperties: false },
);

const serviceIs = (code: keyof typeof SERVICES, fields: string): JsonSchema => ({
  if: { properties: { service: { enum: [code, SERVICES[code]] } }, required: ['service'] },
  then: { properties: { fields: ref(fields) } },
});

const applicationSubmission: JsonSchema = {
  type: 'object',
  description:
    'Unknown top-level members are refused (400 `invalid_fields`); `fields` is checked against the service’s form in the service catalogue in force, and unknown fields are refused too.',
  properties: {
    service: {
      type: 'string',
      enum: [...Object.keys(SERVICES), ...Object.values(SERVICES)],
      description: 'Service code or slug.',
    },
    channel: {
      type: 'string',
      enum: ['web', 'agent-181'],
      default: 'web',
      description: `\`agent-181\`: a 181 agent applies for a caller (a staff token with one of the roles ${AGENT_181_ROLES.join(', ')}).`,
    },
    idempotencyKey: str('Alternative to the `Idempotency-Key` header (the header wins).', {
      pattern: '^[\\w.:-]{8,100}$',
    }),
    fields: {
      oneOf: [
        ref('IncomeCertificateFields'),
        ref('DomicileCertificateFields'),
        ref('KhasraCopyFields'),
        ref('MapCopyFields'),
      ],
    },
  },
  required: ['service', 'fields'],
  additionalProperties: false,
  allOf: [
    serviceIs('INC', 'IncomeCertificateFields'),
    serviceIs('DOM', 'DomicileCertificateFields'),
    serviceIs('KHS', 'KhasraCopyFields'),
    serviceIs('MAP', 'MapCopyFields'),
  ],
};

const serviceRef: JsonSchema = object({
  code: { type: 'string', enum: Object.keys(SERVICES) },
  nameEn: str('Service name in English.'),
  nameHi: str('Service name in Hindi.'),
});

const applicationAccepted: JsonSchema = object({
  applicationNumber: str('LSG/SERVICE/YEAR/NNNNNN; in URLs with dashes.', {
    pattern: '^LSG/[A-Z]{3}/[0-9]{4}/[0-9]{6}$',
    examples: ['LSG/INC/2026/000001'],
  }),
  service: ref('ServiceRef'),
  dueDate: isoDate('Statutory due date, in working days of the district.'),
  status: { type: 'string', enum: APPLICATION_STATUSES },
  repeated: bool('True when this repeats an earlier submission with the same idempotency key (status 200).'),
  receiptUrl: str('The receipt (पावती) PDF.', { format: 'uri' }),
  statusUrl: str('The status of the application.', { format: 'uri' }),
});

const appealSummary: JsonSchema = object({
  level: { type: 'string', enum: ['first', 'second'] },
  workflowId: str('The appeal’s workflow id.'),
  ground: {
    type: 'string',
    enum: ['breach', 'rejection', 'first-appeal-lapsed', 'first-appeal-upheld', 'applicant'],
  },
  suoMotu: bool('Opened by the system (स्वतः संज्ञान) rather than by the applicant.'),
  status: { type: 'string', enum: ['open', 'decided', 'lapsed'] },
  outcome: { type: ['string', 'null'] },
});

const openTask: JsonSchema = object({
  kind: { type: 'string', enum: ['decide', 'field-report', 'first-appeal', 'second-appeal'] },
  officerCode: str('Officer who must act.'),
  dueDate: { anyOf: [isoDate('Due date of the task.'), { type: 'null' }] },
});

const documentRef: JsonSchema = object({
  serial: str('Serial of the receipt or certificate.'),
  kind: str(
    '`receipt`, `income-certificate`, `domicile-certificate`, `khasra-khatauni-copy`, `current-map-copy`.',
  ),
  issuedOn: str('Day of issue (from a SQL date column).'),
  status: { type: 'string', enum: ['valid', 'revoked'] },
  url: str('Where to download the PDF (same visibility rules).'),
});

const applicationView: JsonSchema = object({
  applicationNumber: str('LSG/SERVICE/YEAR/NNNNNN.'),
  serviceCode: { type: 'string', enum: Object.keys(SERVICES) },
  status: { type: 'string', enum: APPLICATION_STATUSES },
  statusLabel: ref('Bilingual'),
  receivedAt: instant('When the application was accepted.'),
  dueDate: str('The due date (YYYY-MM-DD once the workflow has projected its state).'),
  breached: bool('The statutory time limit has passed without delivery.'),
  clockPaused: bool('The clock is stopped (waiting for the applicant or the fee).'),
  rejectionReason: { type: ['string', 'null'] },
  informationRequest: {
    type: ['string', 'null'],
    description: 'The officer’s open question to the applicant.',
  },
  payment: nullable(
    object({
      amountPaise: int('Fee in paise.'),
      paymentUrl: str('The gateway page where the fee is paid.', { format: 'uri' }),
      paid: bool('The gateway’s signed callback has recorded the payment.'),
    }),
  ),
  appeals: { type: 'array', items: ref('AppealSummary') },
  tasks: { type: 'array', items: ref('OpenTask') },
  timeline: { type: 'array', items: ref('TimelineEvent') },
  documents: { type: 'array', items: ref('DocumentRef') },
});

const applicationState: JsonSchema = object(
  {
    applicationNumber: str('LSG/SERVICE/YEAR/NNNNNN.'),
    serviceCode: { type: 'string', enum: Object.keys(SERVICES) },
    status: { type: 'string', enum: APPLICATION_STATUSES },
    dueDate: isoDate('Current due date.'),
    breached: bool('The time limit has passed without delivery.'),
    deliveryOrdered: bool('An appellate authority ordered delivery: the officer may now only approve.'),
    clockPaused: bool('The clock is stopped.'),
    payment: nullable(
      object({
        orderId: str('Order id at the payment gateway.'),
        amountPaise: int('Fee in paise.'),
        paymentUrl: str('Gateway page.'),
        paymentId: { type: ['string', 'null'] },
      }),
    ),
    certificateSerial: { type: ['string', 'null'] },
    rejectionReason: { type: ['string', 'null'] },
    informationRequest: { type: ['string', 'null'] },
    fieldReport: { type: ['string', 'null'] },
    appeals: { type: 'array', items: ref('AppealSummary') },
    tasks: { type: 'array', items: ref('OpenTask') },
  },
  undefined,
  { description: 'The application workflow’s state right after the action.' },
);

const applicationActionRequest: JsonSchema = {
  type: 'object',
  description: [
    'What each action needs (the officer is the token’s; other members are refused):',
    '- `approve`: nothing — the designated officer (पदाभिहित अधिकारी) approves and the certificate is issued;',
    '- `reject`: `reason`;',
    '- `request-information`: `question` (the clock stops until the applicant replies);',
    '- `forward-for-field-report`: `instructions` (to the Patwari/RI);',
    '- `submit-field-report`: `report` and `recommendation` (the field officer).',
    'Texts are 3 to 2000 characters; the workflow’s validator refuses anything else with 409 `refused_invalid`.',
  ].join('\n'),
  properties: {
    reason: str('Reason for rejection.', { minLength: 3, maxLength: 2000 }),
    question: str('Question to the applicant.', { minLength: 3, maxLength: 2000 }),
    instructions: str('Instructions to the field officer.', { minLength: 3, maxLength: 2000 }),
    report: str('The field report.', { minLength: 3, maxLength: 2000 }),
    recommendation: { type: 'string', enum: ['approve', 'reject'] },
  },
  additionalProperties: false,
};

const appealDecisionRequest: JsonSchema = object(
  {
    outcome: { type: 'string', enum: ['order-delivery', 'uphold-rejection', 'dispose'] },
    withinWorkingDays: int('With `order-delivery`: working days the designated officer has to deliver in.', {
      minimum: 1,
      maximum: MAX_ORDER_DAYS,
    }),
    penalty: {
      description:
        'Optional penalty (शास्ति) on the designated officer: ₹ per working day of delay (computed), or a lump sum within the catalogue’s limits.',
      oneOf: [
        object({ kind: { const: 'delay' } }, ['kind'], { additionalProperties: false }),
        object(
          { kind: { const: 'lump-sum' }, amountRupees: int('Amount in rupees.', { minimum: 1 }) },
          ['kind', 'amountRupees'],
          { additionalProperties: false },
        ),
      ],
    },
    remarks: str('The order’s remarks.', { minLength: 3 }),
  },
  ['outcome', 'remarks'],
  { additionalProperties: false },
);

const appealState: JsonSchema = object({
  applicationNumber: str('The application appealed.'),
  level: { type: 'string', enum: ['first', 'second'] },
  ground: {
    type: 'string',
    enum: ['breach', 'rejection', 'first-appeal-lapsed', 'first-appeal-upheld', 'applicant'],
  },
  officerCode: str('The appellate authority.'),
  decideBy: isoDate('Last day to decide.'),
  status: { type: 'string', enum: ['open', 'decided', 'lapsed'] },
  decision: nullable(
    object({
      level: { type: 'string', enum: ['first', 'second'] },
      outcome: { type: 'string', enum: ['order-delivery', 'uphold-rejection', 'dispose', 'lapsed'] },
      withinWorkingDays: { type: ['integer', 'null'] },
      penaltyRupees: { type: ['integer', 'null'] },
      decidedOn: isoDate('Day of the order.'),
      remarks: { type: ['string', 'null'] },
    }),
  ),
});

const applicantReply: JsonSchema = object(
  {
    mobile: mobile(
      'The applicant’s mobile number (identifies the applicant; may be given as `?mobile=` instead).',
    ),
    reply: str('The answer to the officer’s question.', { minLength: 3, maxLength: 2000 }),
  },
  ['mobile', 'reply'],
  { additionalProperties: false },
);

const appealFiling: JsonSchema = object(
  {
    mobile: mobile('The applicant’s mobile number.'),
    grounds: str('Grounds of appeal (अपील के आधार).', { minLength: 3, maxLength: 2000 }),
  },
  ['mobile', 'grounds'],
  { additionalProperties: false },
);

const paymentCallback: JsonSchema = object(
  {
    orderId: str('The order id Jan Setu created.', { minLength: 1, pattern: '^[^|]+$' }),
    paymentId: str('The gateway’s payment id.', { minLength: 1, pattern: '^[^|]+$' }),
    amountPaise: int('Amount paid, in paise.', { minimum: 0 }),
    status: { type: 'string', enum: ['paid', 'failed'] },
    timestamp: int('When the gateway signed this delivery (ms since the epoch); ±5 minutes is accepted.'),
  },
  undefined,
  {
    description:
      'Signed: `X-Gateway-Signature` is hex HMAC-SHA256 of `orderId|paymentId|amountPaise|status|timestamp`. Other members a gateway adds are ignored (they are not signed).',
    additionalProperties: true,
  },
);

const paymentRecorded: JsonSchema = object({
  status: {
    type: 'string',
    enum: ['recorded', 'already-recorded', 'ignored'],
    description:
      '`already-recorded`: a replay of a delivered callback; `ignored`: a callback for a failed payment.',
  },
});

const reasonRequest: JsonSchema = object(
  { reason: str('Why (5 to 500 characters).', { minLength: 5, maxLength: 500 }) },
  ['reason'],
  { additionalProperties: false },
);
const revoked: JsonSchema = object({
  serial: str('The certificate.'),
  status: { const: 'revoked' },
  reason: str('The reason recorded.'),
});
const reissued: JsonSchema = object({
  serial: str('Serial of the new certificate.'),
  verifyUrl: str('Its public verification page.', { format: 'uri' }),
  replaces: str('The revoked certificate it replaces.'),
});

// ---- Verification ------------------------------------------------------------------------------------

const signedFacts: JsonSchema = object({
  serial: str('Certificate serial.'),
  kind: {
    type: 'string',
    enum: ['income-certificate', 'domicile-certificate', 'khasra-khatauni-copy', 'current-map-copy'],
  },
  applicationNumber: str('The application it was issued on.'),
  holder: str('The applicant’s name, or the owners for land records.'),
  issuedOn: isoDate('Day of issue.'),
  validUntil: { anyOf: [isoDate('Last day of validity.'), { type: 'null' }] },
  issuer: str('Issuing officer’s code.'),
  district: str('District code.'),
  dataDigest: str('SHA-256 (base64url) of the full document data.'),
});

const verdict: JsonSchema = object({
  serial: str('The serial asked about.'),
  status: { type: 'string', enum: ['valid', 'revoked', 'unknown'] },
  facts: nullable(ref('SignedFacts')),
  revokedReason: { type: ['string', 'null'] },
});

const publicKeys: JsonSchema = object({
  keys: {
    type: 'array',
    description: 'Current key first.',
    items: object({
      keyId: str('Key id, as in the QR payload.'),
      algorithm: { const: 'Ed25519' },
      pem: str('SPKI public key, PEM.', { pattern: '^-----BEGIN PUBLIC KEY-----' }),
    }),
  },
});

// ---- CM Helpline 181 ----------------------------------------------------------------------------------

const complaintSubjects: JsonSchema = object({
  subjects: {
    type: 'array',
    items: object({
      code: str('Subject code, e.g. `eng-no-supply`.'),
      departmentCode: str('Department, e.g. `energy`.'),
      nameEn: str('In English.'),
      nameHi: str('In Hindi.'),
    }),
  },
});

const scheme: JsonSchema = {
  type: 'object',
  description: 'A knowledge-base article on a government scheme, used to answer information calls.',
  properties: {
    code: str('Scheme code.'),
    department: str('Department code.'),
    nameEn: str('Name in English.'),
    nameHi: str('Name in Hindi.'),
    summaryEn: str('Summary.'),
    summaryHi: str('सारांश।'),
    eligibilityEn: str('Who is eligible.'),
    eligibilityHi: str('पात्रता।'),
    howToApplyEn: str('How to apply.'),
    howToApplyHi: str('आवेदन कैसे करें।'),
    keywords: { type: 'array', items: { type: 'string' } },
    mark: { type: 'string', enum: ['firm', 'reported', 'default'], description: 'How sure the facts are.' },
  },
  required: ['code', 'nameEn', 'nameHi'],
};

const complaintRegistration: JsonSchema = {
  type: 'object',
  description:
    'Unknown members are refused (400 `invalid_fields`). Complaints, demands and suggestions need `subject` and `description`; information calls need `schemeCode` and are answered at once.',
  properties: {
    channel: {
      type: 'string',
      enum: COMPLAINT_CHANNELS,
      default: 'web',
      description: [
        'These channels need a staff token with one of the roles named (the others, none):',
        ...Object.entries(CHANNEL_ROLES).map(([channel, roles]) => `\`${channel}\` — ${roles.join(', ')}`),
      ].join('\n- '),
    },
    callType: { type: 'string', enum: CALL_TYPES },
    subType: {
      type: ['string', 'null'],
      enum: ['corruption', null],
      description: 'Only a complaint may be marked.',
    },
    citizen: object(
      {
        name: str('Caller’s name, 2 to 100 characters (NFC; invisible and control characters are refused).', {
          minLength: 2,
          maxLength: 100,
        }),
        mobile: mobile(),
      },
      ['name', 'mobile'],
      { additionalProperties: false },
    ),
    place: object(
      {
        district: str('District code.'),
        tehsil: { type: ['string', 'null'], description: 'Tehsil code, in the district.' },
        block: { type: ['string', 'null'], description: 'Block code, in the district.' },
        village: { type: ['string', 'null'], description: 'Village or ward code, in the tehsil.' },
      },
      ['district'],
      { additionalProperties: false },
    ),
    department: str('Optional; must be the subject’s department.'),
    subject: str('Subject code from /api/v1/complaint-subjects.'),
    description: str('The problem, 10 to 2000 characters, in Hindi or English.', {
      minLength: 10,
      maxLength: 2000,
    }),
    schemeCode: str('Information calls: the scheme asked about (from /api/v1/schemes).'),
    cpgramsRegistrationNumber: str('Channel `cpgrams`: the registration number at the central portal.', {
      pattern: '^[A-Z0-9/-]{6,40}$',
      examples: ['DARPG/E/2026/0012345'],
    }),
    attachments: {
      type: 'array',
      maxItems: 5,
      description: 'Ids from POST /api/v1/attachments, not yet cited.',
      items: { type: 'string', format: 'uuid' },
    },
  },
  required: ['callType', 'citizen', 'place'],
  additionalProperties: false,
};

const complaintRegistered: JsonSchema = object({
  complaintNumber: str('CMH/YEAR/NNNNNN; in URLs with dashes.', { pattern: '^CMH/[0-9]{4}/[0-9]{6}$' }),
  callType: { type: 'string', enum: CALL_TYPES },
  status: str('`registered`, or the status of the open complaint this repeats.'),
  duplicateOf: {
    type: ['string', 'null'],
    description:
      'A repeat of an open complaint (same mobile, subject and place) is linked to it (status 200).',
  },
  repeated: bool('This repeats an earlier request with the same idempotency key (status 200).'),
  answer: nullable(ref('Bilingual')),
  message: ref('Bilingual'),
});

const complaintStatus = {
  type: 'string',
  enum: ['registered', 'counselling', 'open', 'awaiting-citizen', 'transfer-requested', 'resolved', 'closed'],
};
const closure = {
  type: ['string', 'null'],
  enum: ['satisfied', 'not-attended', 'special', 'force', 'answered', 'counselled', null],
};
const level = { type: 'string', enum: LEVELS };

const complaintListItem: JsonSchema = object({
  number: str('CMH/YEAR/NNNNNN.'),
  callType: { type: 'string', enum: CALL_TYPES },
  status: complaintStatus,
  level,
  departmentCode: str('Department.'),
  subjectCode: str('Subject.'),
  districtCode: str('District.'),
  assignedOfficerCode: { type: ['string', 'null'] },
  queue: { type: ['string', 'null'], description: 'District queue while no L1 officer is mapped.' },
  levelDueAt: { anyOf: [instant('When the current level’s limit ends.'), { type: 'null' }] },
  breached: bool('A level limit has passed.'),
  closure,
  receivedAt: instant('When it was registered.'),
});

const escalation: JsonSchema = object({
  from: level,
  to: level,
  at: instant('When.'),
  rule: str('The rule that fired, e.g. “L1 limit of 7 working days expired”.'),
  by: str('`system` or an officer code.'),
});

const complaintView: JsonSchema = object({
  complaintNumber: str('CMH/YEAR/NNNNNN.'),
  callType: { type: 'string', enum: CALL_TYPES },
  subType: { type: ['string', 'null'] },
  channel: { type: 'string', enum: COMPLAINT_CHANNELS },
  status: complaintStatus,
  level,
  department: str('Department.'),
  subject: str('Subject.'),
  assignedTo: { type: ['string', 'null'] },
  queue: { type: ['string', 'null'] },
  routingFlagged: bool('No L1 officer is mapped: waiting in the district queue.'),
  levelDueAt: { anyOf: [instant('When the current level’s limit ends.'), { type: 'null' }] },
  breached: bool('A level limit has passed.'),
  closure,
  resolution: { type: ['string', 'null'] },
  escalations: { type: 'array', items: ref('Escalation') },
  attachments: {
    type: 'array',
    items: object({
      id: str('Attachment id.', { format: 'uuid' }),
      fileName: str('File name.'),
      mimeType: { type: 'string', enum: ['application/pdf', 'image/jpeg', 'image/png'] },
      sizeBytes: int('Size.'),
      url: str('Download (same visibility rules).'),
    }),
  },
  timeline: { type: 'array', items: ref('TimelineEvent') },
});

const complaintState: JsonSchema = object(
  {
    complaintNumber: str('CMH/YEAR/NNNNNN.'),
    status: { type: 'string', enum: complaintStatus.enum.filter((s) => s !== 'registered') },
    level,
    department: str('Department.'),
    assignedTo: { type: ['string', 'null'] },
    queue: { type: ['string', 'null'] },
    levelDueAt: { anyOf: [instant('End of the current level’s limit.'), { type: 'null' }] },
    breached: bool('A level limit has passed.'),
    accepted: bool('The officer has accepted it.'),
    interimReplies: int('Interim replies sent.'),
    resolution: { type: ['string', 'null'] },
    resolutionAttachment: { type: ['string', 'null'] },
    closure,
    escalations: { type: 'array', items: ref('Escalation') },
    transferRequest: nullable(object({ to: str('Department.'), reason: str('Why.'), by: str('Officer.') })),
    specialCloseProposal: nullable(object({ reason: str('Why.'), by: str('Officer.') })),
    question: { type: ['string', 'null'], description: 'The officer’s open question to the citizen.' },
    reopened: int('Times reopened after an unsatisfied answer.'),
    cpgramsOverdue: bool('CPGRAMS: past the overall limit; an interim reply is due before closure.'),
  },
  [
    'complaintNumber',
    'status',
    'level',
    'department',
    'assignedTo',
    'queue',
    'levelDueAt',
    'breached',
    'accepted',
    'interimReplies',
    'resolution',
    'closure',
    'escalations',
    'transferRequest',
    'specialCloseProposal',
    'question',
    'reopened',
  ],
  { description: 'The complaint workflow’s state right after the action.' },
);

const complaintActionRequest: JsonSchema = {
  type: 'object',
  description: [
    'What each action needs (the officer is the token’s; other members are refused):',
    '- `accept`: nothing;',
    '- `interim-reply`, `ask-citizen`, `propose-special-close`, `special-close`, `force-close`, `escalate-to-l4`, `send-back-to-l3`: `text`;',
    '- `resolve`: `text`, optionally `attachmentId` (a file this officer uploaded and has not used);',
    '- `not-my-department`: `text` and `department`;',
    '- `decide-transfer`: `approve` and `remarks` (the district’s L2 officer);',
    '- `complete-counselling`: `text` and `officerNeeded` (the Mahila Helpline counsellor).',
    'Reasons are 5 to 2000 characters; the workflow’s validator refuses anything else with 409.',
  ].join('\n'),
  properties: {
    text: str('The note, reply, question or reason.', { minLength: 5, maxLength: 2000 }),
    attachmentId: str('`resolve`: the resolution’s file.', { format: 'uuid' }),
    department: str('`not-my-department`: the department it belongs to.'),
    approve: bool('`decide-transfer`: approve the transfer.'),
    remarks: str('`decide-transfer`: remarks.', { minLength: 5, maxLength: 2000 }),
    officerNeeded: bool('`complete-counselling`: an officer must act as well.'),
  },
  additionalProperties: false,
};

const citizenReply: JsonSchema = object(
  {
    mobile: mobile('The complainant’s mobile number (may be given as `?mobile=` instead).'),
    text: str('The answer to the officer’s question.', { minLength: 5, maxLength: 2000 }),
  },
  ['mobile', 'text'],
  { additionalProperties: false },
);

const feedbackRequest: JsonSchema = object(
  {
    mobile: mobile('The complainant’s mobile (not needed when a 181 agent records a call-back).'),
    satisfied: bool('Is the citizen satisfied with the resolution? No reopens it one level up.'),
    remarks: str('Optional remarks.'),
  },
  ['satisfied'],
  { additionalProperties: false },
);

const attachmentUploaded: JsonSchema = object({
  attachmentId: str('Cite it in `attachments` or `attachmentId`.', { format: 'uuid' }),
  fileName: str('The sanitised file name.'),
  mimeType: { type: 'string', enum: ['application/pdf', 'image/jpeg', 'image/png'] },
  sizeBytes: int('Size.', { minimum: 0, maximum: MAX_ATTACHMENT_BYTES }),
});

const gradesTable: JsonSchema = object({
  month: str('YYYY-MM.', { pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' }),
  scope: { type: 'string', enum: ['district', 'department'] },
  grades: {
    type: 'array',
    description: 'Best score first.',
    items: object({
      code: str('District or department code.'),
      score: { type: 'number', minimum: 0, maximum: 100 },
      grade: str('A, B, C or D.'),
      components: object({
        satisfaction: { type: 'number', description: 'Up to 60.' },
        oldDisposal: { type: 'number', description: 'Up to 20.' },
        lowQuality: { type: 'number', description: 'Up to 10.' },
        nonAttended: { type: 'number', description: 'Up to 10.' },
      }),
      counts: object({
        closed: int('Closed in the month.'),
        closedSatisfied: int('… with the citizen satisfied.'),
        lowQuality: int('… by force or special closure.'),
        notAttended: int('… because the citizen never answered.'),
        oldDisposed: int('Older than the age limit, closed in the month.'),
        oldPending: int('Older than the age limit, still open at the month’s end.'),
      }),
      ladderVersion: int('Escalation ladder policy version.'),
      computedAt: instant('When the grading ran.'),
    }),
  },
});

// ---- Health --------------------------------------------------------------------------------------------

const health: JsonSchema = object({ status: { const: 'ok' } });
const readiness: JsonSchema = object({
  status: { type: 'string', enum: ['ready', 'not ready'] },
  postgres: { type: 'string', enum: ['ok', 'unreachable'] },
  temporal: { type: 'string', enum: ['ok', 'unreachable'] },
});

export const schemas: Record<string, JsonSchema> = {
  Bilingual: bilingual,
  Error: error,
  FieldProblem: fieldProblem,
  Place: place,
  TimelineEvent: timelineEvent,
  DivisionList: divisionList,
  DistrictList: districtList,
  District: district,
  DueDate: dueDate,
  Address: address,
  IncomeCertificateFields: incomeFields,
  DomicileCertificateFields: domicileFields,
  KhasraCopyFields: khasraFields,
  MapCopyFields: mapFields,
  ApplicationSubmission: applicationSubmission,
  ServiceRef: serviceRef,
  ApplicationAccepted: applicationAccepted,
  AppealSummary: appealSummary,
  OpenTask: openTask,
  DocumentRef: documentRef,
  ApplicationView: applicationView,
  ApplicationState: applicationState,
  ApplicationActionRequest: applicationActionRequest,
  AppealDecisionRequest: appealDecisionRequest,
  AppealState: appealState,
  ApplicantReply: applicantReply,
  AppealFiling: appealFiling,
  PaymentCallback: paymentCallback,
  PaymentRecorded: paymentRecorded,
  ReasonRequest: reasonRequest,
  Revoked: revoked,
  Reissued: reissued,
  SignedFacts: signedFacts,
  Verdict: verdict,
  PublicKeys: publicKeys,
  ComplaintSubjects: complaintSubjects,
  Scheme: scheme,
  SchemeList: object({ schemes: { type: 'array', items: ref('Scheme') } }),
  ComplaintRegistration: complaintRegistration,
  ComplaintRegistered: complaintRegistered,
  ComplaintListItem: complaintListItem,
  ComplaintList: object({ complaints: { type: 'array', maxItems: 200, items: ref('ComplaintListItem') } }),
  Escalation: escalation,
  ComplaintView: complaintView,
  ComplaintState: complaintState,
  ComplaintActionRequest: complaintActionRequest,
  CitizenReply: citizenReply,
  FeedbackRequest: feedbackRequest,
  AttachmentUploaded: attachmentUploaded,
  GradesTable: gradesTable,
  Health: health,
  Readiness: readiness,
};
