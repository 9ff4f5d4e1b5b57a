// The OpenAPI 3.1 description of Jan Setu's public HTTP API (served at GET /api/openapi.json).
// test/e2e/contract.test.ts holds it to the truth: every route of the app is here and every
// operation here is a route, and real responses of the running stack validate against it.
import { MAX_ATTACHMENT_BYTES } from '../routes/attachments';
import { APPLICATION_ACTIONS, COMPLAINT_ACTION_NAMES, schemas } from './schemas';
import { channelPaths, channelSchemas, channelSecuritySchemes } from './channels';
import {
  body,
  error,
  ok,
  param,
  STAFF,
  STAFF_OR_MOBILE,
  use,
  type OpenApiDocument,
  type PathItem,
  type Response,
} from './builders';

export type { OpenApiDocument, Operation, PathItem, Response } from './builders';

const pdf = (description: string): Response => ({
  description,
  headers: {
    'Content-Disposition': { description: '`inline; filename="SERIAL.pdf"`', schema: { type: 'string' } },
  },
  content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } },
});

const refusal = (en: string, hi: string, code = 'refused_not-assigned'): Response =>
  error(
    'Refused by the workflow’s validator (`refused_<reason>`: not-assigned, not-now, invalid, already-done, …), or the case is closed (`case_closed`).',
    { code, en, hi },
  );

const UNKNOWN_APPLICATION = error(
  'No such application visible to the caller (also a malformed number, or another applicant’s mobile).',
  {
    code: 'unknown_application',
    en: 'No application LSG/INC/2026/000001 is visible to you.',
    hi: 'आवेदन LSG/INC/2026/000001 आपको उपलब्ध नहीं है।',
  },
);
const UNKNOWN_COMPLAINT = error('No such complaint visible to the caller (also a malformed number).', {
  code: 'unknown_complaint',
  en: 'No complaint CMH/2026/000001 is visible to you.',
  hi: 'शिकायत CMH/2026/000001 आपको उपलब्ध नहीं है।',
});
const NOT_AN_OBJECT = error('The body is not a JSON object, or not JSON at all.', {
  code: 'bad_request',
  en: 'Send a JSON object as the request body.',
  hi: 'अनुरोध में JSON ऑब्जेक्ट भेजें।',
});

// ---- The operations ---------------------------------------------------------------------------------

const places: Record<string, PathItem> = {
  '/api/v1/divisions': {
    get: {
      operationId: 'listDivisions',
      tags: ['Places'],
      summary: 'Divisions (संभाग) with their districts',
      responses: {
        '200': ok('All divisions, by English name.', 'DivisionList'),
        '500': use('InternalError'),
      },
    },
  },
  '/api/v1/districts': {
    get: {
      operationId: 'listDistricts',
      tags: ['Places'],
      summary: 'Districts (जिले)',
      responses: {
        '200': ok('All districts, by English name.', 'DistrictList'),
        '500': use('InternalError'),
      },
    },
  },
  '/api/v1/districts/{code}': {
    get: {
      operationId: 'getDistrict',
      tags: ['Places'],
      summary: 'A district with its tehsils and blocks',
      parameters: [param('DistrictCode')],
      responses: {
        '200': ok('The district.', 'District'),
        '404': error('No district with that code.', {
          code: 'unknown_district',
          en: 'There is no district with the code "nowhere". See /api/v1/districts for the list.',
          hi: '"nowhere" कोड का कोई जिला नहीं है। सूची /api/v1/districts पर देखें।',
        }),
        '500': use('InternalError'),
      },
    },
  },
  '/api/v1/districts/{code}/due-date': {
    get: {
      operationId: 'dueDate',
      tags: ['Places'],
      summary: 'A due date in working days of the district’s calendar',
      description:
        'Weekly offs and the district’s holidays are skipped; 14 January is a Bhopal holiday, for example.',
      parameters: [
        param('DistrictCode'),
        {
          name: 'from',
          in: 'query',
          required: true,
          description: 'The day counting starts from, YYYY-MM-DD.',
          schema: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', examples: ['2026-01-13'] },
        },
        {
          name: 'days',
          in: 'query',
          required: true,
          description: 'Working days to count, 0 to 999.',
          schema: { type: 'string', pattern: '^[0-9]{1,3}$', examples: ['3'] },
        },
      ],
      responses: {
        '200': ok('The due date.', 'DueDate'),
        '400': error(
          '`from` or `days` is not valid (one detail each), or the year’s calendar is not loaded (`calendar_not_loaded`).',
          {
            code: 'bad_request',
            en: 'The due date cannot be worked out from this request.',
            hi: 'इस अनुरोध से नियत तिथि नहीं निकाली जा सकती।',
            details: [
              {
                field: 'from',
                en: 'Give the start date as YYYY-MM-DD, e.g. 2026-03-02.',
                hi: 'आरंभ तिथि YYYY-MM-DD रूप में दें, जैसे 2026-03-02।',
              },
            ],
          },
        ),
        '404': error('No district with that code.', {
          code: 'unknown_district',
          en: 'There is no district with the code "nowhere". See /api/v1/districts for the list.',
          hi: '"nowhere" कोड का कोई जिला नहीं है। सूची /api/v1/districts पर देखें।',
        }),
        '500': use('InternalError'),
      },
    },
  },
};

const incomeExample = {
  service: 'INC',
  fields: {
    applicantName: 'सुनीता शर्मा',
    guardianName: 'रामकृष्ण त्रिपाठी',
    gender: 'female',
    address: {
      line: 'म.नं. 12',
      village: 'bhopal-huzur-bilkhiriya-kalan',
      tehsil: 'bhopal-huzur',
      district: 'bhopal',
    },
    purpose: 'छात्रवृत्ति',
    incomeBySource: { agriculture: 60000, labour: 24000 },
    samagraId: '123456789',
    mobile: '9876543210',
  },
};

const applications: Record<string, PathItem> = {
  '/api/v1/applications': {
    post: {
      operationId: 'submitApplication',
      tags: ['Applications'],
      summary: 'Submit an application for a Lok Seva Guarantee service',
      description:
        'Validated against the service catalogue in force, given a number and a statutory due date, and started as a workflow; the answer comes once the workflow has started. Send an `Idempotency-Key` so that a retry returns the same application (200) instead of a second one.',
      parameters: [param('IdempotencyKey')],
      requestBody: body('ApplicationSubmission', {
        income: { summary: 'Income certificate, filled in Hindi (आय प्रमाण पत्र)', value: incomeExample },
        incomeEnglish: {
          summary: 'Income certificate, filled in English',
          value: {
            ...incomeExample,
            fields: {
              ...incomeExample.fields,
              applicantName: 'Sunita Sharma',
              guardianName: 'Ramkrishna Tripathi',
              address: { ...incomeExample.fields.address, line: 'House 12' },
              purpose: 'Scholarship',
            },
          },
        },
        khasra: {
          summary: 'Copy of khasra/khatauni (fee charged through the gateway)',
          value: {
            service: 'KHS',
            fields: {
              khasraNumber: '112',
              village: 'bhopal-huzur-bilkhiriya-kalan',
              year: 2026,
              samagraId: '123456789',
              mobile: '9812345678',
            },
          },
        },
        agent: {
          summary: 'By a 181 agent for a caller (staff token)',
          value: { ...incomeExample, channel: 'agent-181' },
        },
      }),
      security: STAFF_OR_MOBILE,
      responses: {
        '201': {
          ...ok('Accepted: number, due date, receipt and status links.', 'ApplicationAccepted'),
          headers: { Location: { description: 'The status URL (path).', schema: { type: 'string' } } },
        },
        '200': {
          ...ok(
            'A repeat with the same idempotency key: the application accepted the first time.',
            'ApplicationAccepted',
          ),
          headers: { Location: { description: 'The status URL (path).', schema: { type: 'string' } } },
        },
        '400': error(
          'Fields to correct (`invalid_fields`, one detail per field, unknown fields included), an unknown service (`unknown_service`), a bad channel or idempotency key, or a body that is not a JSON object.',
          {
            code: 'invalid_fields',
            en: 'Some fields need correcting.',
            hi: 'कुछ जानकारी सुधारनी होगी।',
            details: [
              {
                field: 'mobile',
                en: 'Mobile number: Give a 10-digit mobile number starting with 6, 7, 8 or 9.',
                hi: 'मोबाइल नंबर: 6, 7, 8 या 9 से शुरू होने वाला 10 अंकों का मोबाइल नंबर दें।',
              },
            ],
          },
        ),
        '401': use('Unauthorized'),
        '403': use('Forbidden'),
        '413': use('BodyTooLarge'),
        '422': error('No officer is assigned for the applicant’s tehsil yet.', {
          code: 'no_officer',
          en: 'Applications from this tehsil cannot be taken yet: no designated officer is assigned there.',
          hi: 'इस तहसील से अभी आवेदन नहीं लिए जा सकते: वहाँ कोई designated_officer नियुक्त नहीं है।',
        }),
        '500': use('InternalError'),
      },
    },
  },
  '/api/v1/applications/{number}': {
    get: {
      operationId: 'getApplication',
      tags: ['Applications'],
      summary: 'Status, due date, timeline and documents of an application',
      description:
        'For the applicant (`?mobile=` the number applied with), the officers on the case and admins (token).',
      parameters: [param('ApplicationNumber'), param('Mobile')],
      security: STAFF_OR_MOBILE,
      responses: {
        '200': ok('The application.', 'ApplicationView'),
        '401': use('Unauthorized'),
        '404': UNKNOWN_APPLICATION,
        '500': use('InternalError'),
      },
    },
  },
  '/api/v1/applications/{number}/receipt.pdf': {
    get: {
      operationId: 'getReceipt',
      tags: ['Applications'],
      summary: 'The receipt (पावती) as a PDF',
      parameters: [param('ApplicationNumber'), param('Mobile')],
      security: STAFF_OR_MOBILE,
      responses: {
        '200': pdf('The bilingual receipt.'),
        '401': use('Unauthorized'),
        '404': {
          ...error(
            'No such application visible to the caller, or the receipt is still being made (`receipt_not_ready`, with `Retry-After`).',
            {
              code: 'receipt_not_ready',
              en: 'The receipt is being prepared; try again in a few seconds.',
              hi: 'पावती तैयार की जा रही है; कुछ सेकंड बाद फिर प्रयास करें।',
            },
          ),
          headers: {
            'Retry-After': { description: 'Seconds, with `receipt_not_ready`.', schema: { type: 'string' } },
          },
        },
        '500': use('InternalError'),
      },
    },
  },
  '/api/v1/documents/{file}': {
    get: {
      operationId: 'getDocument',
      tags: ['Applications'],
      summary: 'An issued certificate or copy as a PDF',
      parameters: [
        {
          name: 'file',
          in: 'path',
          required: true,
          description: 'The serial, with or without `.pdf`.',
          schema: { type: 'string' },
          examples: { certificate: { value: 'JS-INC-2026-000001-1.pdf' } },
        },
        param('Mobile'),
      ],
      security: STAFF_OR_MOBILE,
      responses: {
        '200': pdf('The signed, bilingual document with its QR code.'),
        '401': use('Unauthorized'),
        '404': error('No such document, or its application is not visible to the caller.', {
          code: 'unknown_document',
          en: 'No document JS-INC-2026-000001-9.',
          hi: 'दस्तावेज़ JS-INC-2026-000001-9 नहीं है।',
        }),
        '500': use('InternalError'),
      },
    },
  },
  '/api/v1/applications/{number}/actions/{action}': {
    post: {
      operationId: 'applicationAction',
      tags: ['Applications'],
      summary: 'An officer’s action on an application',
      description:
        'Runs as an update of the application’s workflow; its validator decides (who, and whether now).',
      parameters: [
        param('ApplicationNumber'),
        {
          name: 'action',
          in: 'path',
          required: true,
          description: 'The action.',
          schema: { type: 'string', enum: APPLICATION_ACTIONS },
        },
      ],
      security: STAFF,
      requestBody: body('ApplicationActionRequest', {
        approve: { summary: 'approve', value: {} },
        reject: { summary: 'reject (Hindi)', value: { reason: 'आय का कोई प्रमाण संलग्न नहीं है।' } },
        rejectEnglish: { summary: 'reject (English)', value: { reason: 'No proof of income was attached.' } },
        requestInformation: {
          summary: 'request-information',
          value: { question: 'कृपया पिछले वर्ष का वेतन प्रमाण पत्र दें। / Please give last year’s salary slip.' },
        },
        forward: { summary: 'forward-for-field-report', value: { instructions: 'स्थल पर आय का सत्यापन करें।' } },
        fieldReport: {
          summary: 'submit-field-report',
          value: { report: 'परिवार की आय कृषि से ₹60,000 वार्षिक पाई गई।', recommendation: 'approve' },
        },
      }),
      responses: {
        '200': ok('The application’s state after the action.', 'ApplicationState'),
        '400': NOT_AN_OBJECT,
        '401': use('Unauthorized'),
        '403': use('Forbidden'),
        '404': error('Malformed application number, or no such action (`unknown_action`).', {
          code: 'unknown_action',
          en: `No action "close". Actions: ${APPLICATION_ACTIONS.join(', ')}.`,
          hi: '"close" नाम की कोई कार्यवाही नहीं है।',
        }),
        '409': refusal(
          'Officer MP-REV-0031 may not approve on LSG/INC/2026/000001: it is assigned to MP-REV-0030.',
          'अधिकारी MP-REV-0031 आवेदन LSG/INC/2026/000001 पर स्वीकृत नहीं कर सकते: यह MP-REV-0030 को सौंपा गया है।',
        ),
        '413': use('BodyTooLarge'),
        '500': use('InternalError'),
      },
    },
  },
  '/api/v1/applications/{number}/appeals/{level}/decision': {
    post: {
      operationId: 'decideAppeal',
      tags: ['Applications'],
      summary: 'The appellate authority’s order on an open appeal',
      description:
        'First appeal: the first appeal officer (e.g. the SDM); second appeal: the second appellate authority (the Collector). Penalties go to the ledger.',
      parameters: [
        param('ApplicationNumber'),
        {
          name: 'level',
          in: 'path',
          required: true,
          description: 'Which appeal.',
          schema: { type: 'string', enum: ['first', 'second'] },
        },
      ],
      security: STAFF,
      requestBody: body('AppealDecisionRequest', {
        orderDelivery: {
          summary: 'Order delivery within 3 working days, with the delay penalty',
          value: {
            outcome: 'order-delivery',
            withinWorkingDays: 3,
            penalty: { kind: 'delay' },
            remarks: 'समय-सीमा में सेवा नहीं दी गई। / Not delivered in time.',
          },
        },
        uphold: {
          summary: 'Uphold the rejection',
          value: { outcome: 'uphold-rejection', remarks: 'अस्वीकृति उचित है।' },
        },
      }),
      responses: {
        '200': ok('The appeal’s state after the order.', 'AppealState'),
        '400': NOT_AN_OBJECT,
        '401': use('Unauthorized'),
        '403': use('Forbidden'),
        '404': error('Malformed application number, or a level other than first or second.', {
          code: 'not_found',
          en: 'Appeal level is first or second.',
          hi: 'अपील का स्तर first या second है।',
        }),
        '409': refusal('The order needs remarks.', 'आदेश में टिप्पणी आवश्यक है।', 'refused_invalid'),
        '413': use('BodyTooLarge'),
        '500': use('InternalError'),
      },
    },
  },
  '/api/v1/applications/{number}/reply': {
    post: {
      operationId: 'replyToInformationRequest',
      tags: ['Applications'],
      summary: 'The applicant answers the officer’s request for information',
      description: 'The clock, stopped while the officer waited, runs again.',
      parameters: [param('ApplicationNumber'), param('Mobile')],
      security: STAFF_OR_MOBILE,
      requestBody: body('ApplicantReply', {
        hindi: { summary: 'हिंदी', value: { mobile: '9876543210', reply: 'वेतन पर्ची संलग्न कर दी है।' } },
        english: {
          summary: 'English',
          value: { mobile: '9876543210', reply: 'The salary slip is attached now.' },
        },
      }),
      responses: {
        '200': ok('The application’s state after the reply.', 'ApplicationState'),
        '400': NOT_AN_OBJECT,
        '401': use('Unauthorized'),
        '403': use('Forbidden'),
        '404': UNKNOWN_APPLICATION,
        '409': refusal(
          'Cannot reply now: the application is pending the officer’s decision.',
          'अभी उत्तर देना नहीं हो सकता: आवेदन अधिकारी के निर्णय हेतु लंबित है।',
          'refused_not-now',
        ),
        '413': use('BodyTooLarge'),
        '500': use('InternalError'),
      },
    },
  },
  '/api/v1/applications/{number}/appeal': {
    post: {
      operationId: 'fileAppeal',
      tags: ['Applications'],
      summary: 'The applicant files grounds of appeal',
      description:
        'Against a rejection or a breach: the grounds go on the suo motu appeal already under way, or open the next appeal.',
      parameters: [param('ApplicationNumber'), param('Mobile')],
      security: STAFF_OR_MOBILE,
      requestBody: body('AppealFiling', {
        hindi: { summary: 'हिंदी', value: { mobile: '9876543210', grounds: 'मेरे पास आय का पूरा प्रमाण है।' } },
        english: {
          summary: 'English',
          value: { mobile: '9876543210', grounds: 'I have full proof of my income.' },
        },
      }),
      responses: {
        '200': ok('The application’s state after the filing.', 'ApplicationState'),
        '400': NOT_AN_OBJECT,
        '401': use('Unauthorized'),
        '403': use('Forbidden'),
        '404': UNKNOWN_APPLICATION,
        '409': refusal(
          'There is no decision to appeal against now.',
          'अभी अपील योग्य कोई निर्णय नहीं है।',
          'refused_not-now',
        ),
        '413': use('BodyTooLarge'),
        '500': use('InternalError'),
      },
    },
  },
  '/api/v1/payments/callback': {
    post: {
      operationId: 'paymentCallback',
      tags: ['Payments'],
      summary: 'The payment gateway’s signed callback',
      description:
        'Server to server. Only a correctly signed, fresh callback for a known order counts; a replay of a recorded payment is acknowledged and changes nothing.',
      security: [{ paymentGatewaySignature: [] }],
      requestBody: body('PaymentCallback', {
        paid: {
          value: {
            orderId: 'JS-KHS-2026-000001',
            paymentId: 'PAY-8F3A2C',
            amountPaise: 3000,
            status: 'paid',
            timestamp: 1767225600000,
          },
        },
      }),
      responses: {
        '200': ok('Recorded (or already recorded, or a failed payment ignored).', 'PaymentRecorded'),
        '400': error('The body is not JSON.', {
          code: 'bad_request',
          en: 'invalid JSON received',
          hi: 'अनुरोध सही नहीं है: invalid JSON received',
        }),
        '401': error('Refused: `callback_malformed`, `callback_bad-signature` or `callback_stale`.', {
          code: 'callback_bad-signature',
          en: 'Callback refused (bad-signature).',
          hi: 'कॉलबैक अस्वीकृत (bad-signature)।',
        }),
        '404': error('No such order.', {
          code: 'unknown_order',
          en: 'Unknown order JS-KHS-2026-999999.',
          hi: 'अज्ञात ऑर्डर JS-KHS-2026-999999।',
        }),
        '409': error(
          'The order was paid by another payment, or the workflow refused it (`refused_wrong-amount` …).',
          {
            code: 'already_paid',
            en: 'This order was paid by another payment.',
            hi: 'यह ऑर्डर किसी अन्य भुगतान से चुकाया जा चुका है।',
          },
        ),
        '413': use('BodyTooLarge'),
        '500': use('InternalError'),
      },
    },
  },
  '/api/v1/documents/{serial}/revoke': {
    post: {
      operationId: 'revokeDocument',
      tags: ['Documents'],
      summary: 'Revoke a certificate (admin)',
      description: 'Verification then answers `revoked` with the reason.',
      parameters: [param('Serial')],
      security: STAFF,
      requestBody: body('ReasonRequest', {
        hindi: { summary: 'हिंदी', value: { reason: 'नाम की वर्तनी गलत है' } },
        english: { summary: 'English', value: { reason: 'Wrong spelling of the name' } },
      }),
      responses: {
        '200': ok('Revoked.', 'Revoked'),
        '400': error('No reason, or not 5 to 500 characters.', {
          code: 'bad_request',
          en: 'Give the reason in 5 to 500 characters.',
          hi: 'कारण 5 से 500 अक्षरों में लिखें।',
          details: [{ field: 'reason', en: '5 to 500 characters', hi: '5 से 500 अक्षर' }],
        }),
        '401': use('Unauthorized'),
        '403': use('Forbidden'),
        '404': error('No such certificate.', {
          code: 'unknown_document',
          en: 'No certificate JS-INC-2026-000001-9.',
          hi: 'प्रमाण पत्र JS-INC-2026-000001-9 नहीं है।',
        }),
        '409': error('Already revoked.', {
          code: 'already_revoked',
          en: 'This certificate is already revoked.',
          hi: 'यह प्रमाण पत्र पहले ही निरस्त है।',
        }),
        '413': use('BodyTooLarge'),
        '500': use('InternalError'),
      },
    },
  },
  '/api/v1/documents/{serial}/reissue': {
    post: {
      operationId: 'reissueDocument',
      tags: ['Documents'],
      summary: 'Re-issue a revoked certificate under a new serial (admin)',
      description: 'Runs once per issue number, through a workflow.',
      parameters: [param('Serial')],
      security: STAFF,
      requestBody: body('ReasonRequest', {
        hindi: { summary: 'हिंदी', value: { reason: 'नाम सुधारा गया' } },
        english: { summary: 'English', value: { reason: 'Name corrected' } },
      }),
      responses: {
        '201': ok('The new certificate.', 'Reissued'),
        '400': error('No reason, or not 5 to 500 characters.', {
          code: 'bad_request',
          en: 'Give the reason in 5 to 500 characters.',
          hi: 'कारण 5 से 500 अक्षरों में लिखें।',
          details: [{ field: 'reason', en: '5 to 500 characters', hi: '5 से 500 अक्षर' }],
        }),
        '401': use('Unauthorized'),
        '403': use('Forbidden'),
        '404': error('No such certificate.', {
          code: 'unknown_document',
          en: 'No certificate JS-INC-2026-000001-9.',
          hi: 'प्रमाण पत्र JS-INC-2026-000001-9 नहीं है।',
        }),
        '409': error(
          'Not revoked (`not_revoked`), or the application already has a valid certificate (`already_reissued`).',
          {
            code: 'not_revoked',
            en: 'Revoke the certificate before re-issuing it.',
            hi: 'पुनः जारी करने से पहले प्रमाण पत्र निरस्त करें।',
          },
        ),
        '413': use('BodyTooLarge'),
        '500': use('InternalError'),
      },
    },
  },
};

const verification: Record<string, PathItem> = {
  '/api/v1/verify/public-keys': {
    get: {
      operationId: 'publicKeys',
      tags: ['Verification'],
      summary: 'The Ed25519 public keys that sign certificates’ QR codes',
      description:
        'For offline verification (`bin/verify-certificate.js --public-key key.pem "<QR payload>"`).',
      responses: { '200': ok('Current key first.', 'PublicKeys'), '500': use('InternalError') },
    },
  },
  '/api/v1/verify/{serial}': {
    get: {
      operationId: 'verifyDocument',
      tags: ['Verification'],
      summary: 'What the register says about a certificate serial',
      description:
        'Always 200: `valid`, `revoked` (with the reason) or `unknown`. The page is /verify/{serial}.',
      parameters: [param('Serial')],
      responses: { '200': ok('The verdict.', 'Verdict'), '500': use('InternalError') },
    },
  },
};

const complaintHindi = {
  channel: 'agent-181',
  callType: 'complaint',
  citizen: { name: 'रामलाल अहिरवार', mobile: '9876501234' },
  place: { district: 'bhopal', tehsil: 'bhopal-huzur', block: 'bhopal-phanda' },
  subject: 'eng-no-supply',
  description: 'गाँव में तीन दिन से बिजली नहीं है',
};

const complaints: Record<string, PathItem> = {
  '/api/v1/complaint-subjects': {
    get: {
      operationId: 'listComplaintSubjects',
      tags: ['Complaints'],
      summary: 'Subjects a complaint can be about, by department',
      parameters: [
        {
          name: 'department',
          in: 'query',
          description: 'Only this department’s subjects, e.g. `energy`.',
          schema: { type: 'string' },
        },
      ],
      responses: { '200': ok('The subjects.', 'ComplaintSubjects'), '500': use('InternalError') },
    },
  },
  '/api/v1/schemes': {
    get: {
      operationId: 'listSchemes',
      tags: ['Complaints'],
      summary: 'The scheme knowledge base that answers information calls',
      parameters: [
        {
          name: 'q',
          in: 'query',
          description: 'Search names and keywords, in Hindi or English.',
          schema: { type: 'string' },
          examples: { hindi: { value: 'लाड़ली' }, english: { value: 'ladli' } },
        },
      ],
      responses: { '200': ok('The articles.', 'SchemeList'), '500': use('InternalError') },
    },
  },
  '/api/v1/complaints': {
    post: {
      operationId: 'registerComplaint',
      tags: ['Complaints'],
      summary: 'Register a CM Helpline 181 call: complaint, demand, suggestion or information',
      description:
        'Routed to the L1 officer of the department for the place (or the district queue, flagged); escalates by itself L1 → L2 → L3. A repeat of an open complaint by the same caller is linked to it (200, `duplicateOf`); past the daily limit per mobile, 429.',
      parameters: [param('IdempotencyKey')],
      security: STAFF_OR_MOBILE,
      requestBody: body('ComplaintRegistration', {
        hindi: { summary: 'A 181 agent registers a caller’s complaint (हिंदी)', value: complaintHindi },
        english: {
          summary: 'A citizen complains on the web (English)',
          value: {
            callType: 'complaint',
            citizen: { name: 'Ramlal Ahirwar', mobile: '9876501234' },
            place: { district: 'bhopal', tehsil: 'bhopal-huzur', block: 'bhopal-phanda' },
            subject: 'eng-no-supply',
            description: 'No electricity in the village for three days; the transformer burnt out.',
          },
        },
        information: {
          summary: 'An information call, answered from the knowledge base',
          value: {
            callType: 'information',
            schemeCode: 'ladli-behna',
            citizen: { name: 'सीता बाई', mobile: '9822200000' },
            place: { district: 'vidisha' },
          },
        },
      }),
      responses: {
        '201': ok('Registered (an information call: answered and closed).', 'ComplaintRegistered', {
          registered: {
            value: {
              complaintNumber: 'CMH/2026/000001',
              callType: 'complaint',
              status: 'registered',
              duplicateOf: null,
              repeated: false,
              answer: null,
              message: {
                en: 'Registered as CMH/2026/000001. Please note this number.',
                hi: 'CMH/2026/000001 क्रमांक पर दर्ज किया गया। कृपया यह क्रमांक नोट करें।',
              },
            },
          },
        }),
        '200': ok(
          'Linked to the open complaint it repeats, or a repeat of the same idempotency key.',
          'ComplaintRegistered',
        ),
        '400': error('Details to correct (`invalid_fields`, one detail per field), or an unknown channel.', {
          code: 'invalid_fields',
          en: 'Some details need correcting.',
          hi: 'कुछ जानकारी सुधारनी होगी।',
          details: [
            {
              field: 'description',
              en: 'Describe the problem in 10 to 2000 characters, in Hindi or English.',
              hi: 'समस्या 10 से 2000 अक्षरों में हिंदी या अंग्रेज़ी में लिखें।',
            },
          ],
        }),
        '401': use('Unauthorized'),
        '403': use('Forbidden'),
        '413': use('BodyTooLarge'),
        '429': error('This mobile number has reached the daily limit of calls.', {
          code: 'daily_limit',
          en: 'This mobile number has already registered 10 calls today, the daily limit. Please call again tomorrow.',
          hi: 'इस मोबाइल नंबर से आज 10 कॉल दर्ज हो चुकी हैं, जो दैनिक सीमा है। कृपया कल फिर संपर्क करें।',
        }),
        '500': use('InternalError'),
      },
    },
    get: {
      operationId: 'listComplaints',
      tags: ['Complaints'],
      summary: 'Complaints for staff: an officer’s own open ones, or filtered lists',
      description:
        'Officers see their own open complaints; 181 agents, counsellors and admins may filter all (Mahila Helpline cases only for admins, counsellors and the assigned officer). At most 200, earliest level due date first.',
      security: STAFF,
      parameters: [
        {
          name: 'mine',
          in: 'query',
          description: '`1`: only complaints assigned to me.',
          schema: { type: 'string', enum: ['1'] },
        },
        { name: 'status', in: 'query', description: 'Status.', schema: { type: 'string' } },
        {
          name: 'level',
          in: 'query',
          description: 'Level.',
          schema: { type: 'string', enum: ['L1', 'L2', 'L3', 'L4'] },
        },
        { name: 'district', in: 'query', description: 'District code.', schema: { type: 'string' } },
        { name: 'department', in: 'query', description: 'Department code.', schema: { type: 'string' } },
        {
          name: 'breached',
          in: 'query',
          description: 'Level limit passed.',
          schema: { type: 'string', enum: ['true', 'false'] },
        },
      ],
      responses: {
        '200': ok('The complaints.', 'ComplaintList'),
        '401': use('Unauthorized'),
        '500': use('InternalError'),
      },
    },
  },
  '/api/v1/complaints/{number}': {
    get: {
      operationId: 'getComplaint',
      tags: ['Complaints'],
      summary: 'Level, officer, due time and timeline of a complaint',
      description: 'For the citizen (`?mobile=`) and staff who may see it (token).',
      parameters: [param('ComplaintNumber'), param('Mobile')],
      security: STAFF_OR_MOBILE,
      responses: {
        '200': ok('The complaint.', 'ComplaintView'),
        '401': use('Unauthorized'),
        '404': UNKNOWN_COMPLAINT,
        '500': use('InternalError'),
      },
    },
  },
  '/api/v1/complaints/{number}/actions/{action}': {
    post: {
      operationId: 'complaintAction',
      tags: ['Complaints'],
      summary: 'An officer’s action on a complaint',
      description:
        'Runs as an update of the complaint’s workflow; its validator decides (who, level, and whether now).',
      parameters: [
        param('ComplaintNumber'),
        {
          name: 'action',
          in: 'path',
          required: true,
          description: 'The action.',
          schema: { type: 'string', enum: COMPLAINT_ACTION_NAMES },
        },
      ],
      security: STAFF,
      requestBody: body('ComplaintActionRequest', {
        accept: { summary: 'accept', value: {} },
        resolve: {
          summary: 'resolve (Hindi)',
          value: { text: 'ट्रांसफार्मर बदल दिया गया; बिजली आपूर्ति बहाल।' },
        },
        resolveEnglish: {
          summary: 'resolve with the report attached (English)',
          value: {
            text: 'Transformer replaced; supply restored.',
            attachmentId: '6f1c1d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f',
          },
        },
        notMyDepartment: {
          summary: 'not-my-department',
          value: { text: 'यह सड़क का विषय है, बिजली का नहीं।', department: 'public-works' },
        },
        decideTransfer: {
          summary: 'decide-transfer',
          value: { approve: true, remarks: 'Agreed: public works.' },
        },
      }),
      responses: {
        '200': ok('The complaint’s state after the action.', 'ComplaintState'),
        '400': error('`attachmentId` is not a file this officer uploaded and has not used.', {
          code: 'bad_request',
          en: 'Attach a file you uploaded to /api/v1/attachments and have not used yet.',
          hi: 'वह फ़ाइल संलग्न करें जो आपने /api/v1/attachments पर अपलोड की है और अभी उपयोग नहीं हुई।',
          details: [{ field: 'attachmentId', en: 'unknown or already used', hi: 'अज्ञात या पहले से उपयोग में' }],
        }),
        '401': use('Unauthorized'),
        '403': use('Forbidden'),
        '404': error('Malformed complaint number, or no such action (`unknown_action`).', {
          code: 'unknown_action',
          en: `No action "close". Actions: ${COMPLAINT_ACTION_NAMES.join(', ')}.`,
          hi: '"close" नाम की कोई कार्यवाही नहीं है।',
        }),
        '409': refusal(
          'Officer MP-ENG-0004 is not handling complaint CMH/2026/000001 (it is with MP-ENG-0001).',
          'अधिकारी MP-ENG-0004 शिकायत CMH/2026/000001 पर कार्यवाही नहीं कर सकते (यह MP-ENG-0001 के पास है)।',
        ),
        '413': use('BodyTooLarge'),
        '500': use('InternalError'),
      },
    },
  },
  '/api/v1/complaints/{number}/reply': {
    post: {
      operationId: 'citizenReply',
      tags: ['Complaints'],
      summary: 'The citizen answers the officer’s question',
      parameters: [param('ComplaintNumber'), param('Mobile')],
      security: STAFF_OR_MOBILE,
      requestBody: body('CitizenReply', {
        hindi: { summary: 'हिंदी', value: { mobile: '9876501234', text: 'ट्रांसफार्मर स्कूल के पास वाला है।' } },
        english: {
          summary: 'English',
          value: { mobile: '9876501234', text: 'It is the transformer near the school.' },
        },
      }),
      responses: {
        '200': ok('The complaint’s state after the reply.', 'ComplaintState'),
        '401': use('Unauthorized'),
        '403': use('Forbidden'),
        '404': UNKNOWN_COMPLAINT,
        '409': refusal(
          'Cannot reply now: the complaint is open.',
          'अभी उत्तर नहीं हो सकता: शिकायत की स्थिति open है।',
          'refused_not-now',
        ),
        '413': use('BodyTooLarge'),
        '500': use('InternalError'),
      },
    },
  },
  '/api/v1/complaints/{number}/feedback': {
    post: {
      operationId: 'complaintFeedback',
      tags: ['Complaints'],
      summary: 'Is the citizen satisfied with the resolution?',
      description:
        'By the citizen (`mobile`), or recorded by a 181 agent on a call-back (token; other staff are refused). Satisfied closes the complaint; not satisfied reopens it one level up.',
      parameters: [param('ComplaintNumber'), param('Mobile')],
      security: STAFF_OR_MOBILE,
      requestBody: body('FeedbackRequest', {
        satisfied: { summary: 'Satisfied', value: { mobile: '9876501234', satisfied: true } },
        unsatisfied: {
          summary: 'Not satisfied, with remarks in Hindi',
          value: { mobile: '9876501234', satisfied: false, remarks: 'बिजली फिर से चली गई।' },
        },
      }),
      responses: {
        '200': ok('The complaint’s state after the answer.', 'ComplaintState'),
        '400': error('`satisfied` is not true or false.', {
          code: 'bad_request',
          en: 'Say whether you are satisfied: "satisfied": true or false.',
          hi: 'बताएँ कि आप संतुष्ट हैं या नहीं: "satisfied": true या false।',
          details: [{ field: 'satisfied', en: 'true or false', hi: 'true या false' }],
        }),
        '401': use('Unauthorized'),
        '403': use('Forbidden'),
        '404': UNKNOWN_COMPLAINT,
        '409': refusal('Feedback is already recorded.', 'प्रतिक्रिया पहले ही दर्ज है।', 'refused_already-done'),
        '413': use('BodyTooLarge'),
        '500': use('InternalError'),
      },
    },
  },
  '/api/v1/attachments': {
    post: {
      operationId: 'uploadAttachment',
      tags: ['Complaints'],
      summary: 'Upload a file to cite in a complaint or a resolution',
      description: `PDF, JPEG or PNG up to ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB; the type is read from the bytes, not the Content-Type. Citizens give their mobile; staff their token. Files stay in PostgreSQL, never in a workflow’s history.`,
      security: STAFF_OR_MOBILE,
      parameters: [
        param('Mobile'),
        {
          name: 'name',
          in: 'query',
          description: 'File name to keep (sanitised).',
          schema: { type: 'string' },
        },
      ],
      requestBody: {
        required: true,
        description: 'The raw bytes of the file.',
        content: {
          'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } },
          'image/jpeg': { schema: { type: 'string', contentMediaType: 'image/jpeg' } },
          'image/png': { schema: { type: 'string', contentMediaType: 'image/png' } },
          'application/octet-stream': {
            schema: { type: 'string', contentMediaType: 'application/octet-stream' },
          },
        },
      },
      responses: {
        '201': ok('Stored.', 'AttachmentUploaded'),
        '400': error('Neither a staff token nor `?mobile=`.', {
          code: 'mobile_required',
          en: 'Give your mobile number (?mobile=) with the upload.',
          hi: 'अपलोड के साथ अपना मोबाइल नंबर (?mobile=) दें।',
        }),
        '401': use('Unauthorized'),
        '403': use('Forbidden'),
        '413': error('Larger than 2 MB.', {
          code: 'too_large',
          en: 'The file is larger than 2 MB. Send a smaller scan or photo.',
          hi: 'फ़ाइल 2 MB से बड़ी है। छोटी स्कैन या फ़ोटो भेजें।',
        }),
        '415': error('Not a PDF, JPEG or PNG.', {
          code: 'unsupported_type',
          en: 'Only PDF, JPEG and PNG files can be attached.',
          hi: 'केवल PDF, JPEG और PNG फ़ाइलें संलग्न की जा सकती हैं।',
        }),
        '500': use('InternalError'),
      },
    },
  },
  '/api/v1/attachments/{id}': {
    get: {
      operationId: 'getAttachment',
      tags: ['Complaints'],
      summary: 'Download an attachment',
      description: 'For staff (token) and the citizen who uploaded it (`?mobile=`).',
      security: STAFF_OR_MOBILE,
      parameters: [
        {
          name: 'id',
          in: 'path',
          required: true,
          description: 'Attachment id.',
          schema: { type: 'string', format: 'uuid' },
        },
        param('Mobile'),
      ],
      responses: {
        '200': {
          description: 'The file, as an attachment, with `X-Content-Type-Options: nosniff`.',
          content: {
            'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } },
            'image/jpeg': { schema: { type: 'string', contentMediaType: 'image/jpeg' } },
            'image/png': { schema: { type: 'string', contentMediaType: 'image/png' } },
          },
        },
        '401': use('Unauthorized'),
        '403': use('Forbidden'),
        '404': error('No such attachment visible to the caller.', {
          code: 'unknown_attachment',
          en: 'No such attachment is visible to you.',
          hi: 'ऐसा कोई संलग्नक आपको उपलब्ध नहीं है।',
        }),
        '500': use('InternalError'),
      },
    },
  },
  '/api/v1/grades': {
    get: {
      operationId: 'monthlyGrades',
      tags: ['Complaints'],
      summary: 'The monthly grading table (CM Helpline 181), by district or department',
      description:
        'Computed on the 19th by a Temporal Schedule: satisfied closures 60, disposal of complaints pending over 50 days 20, low-quality closures 10, non-attended 10.',
      parameters: [
        {
          name: 'month',
          in: 'query',
          required: true,
          description: 'YYYY-MM.',
          schema: { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', examples: ['2026-10'] },
        },
        {
          name: 'scope',
          in: 'query',
          description: 'Rank districts or departments.',
          schema: { type: 'string', enum: ['district', 'department'], default: 'district' },
        },
      ],
      responses: {
        '200': ok('The table, best first (empty before the month is graded).', 'GradesTable'),
        '400': error('`month` or `scope` is not valid.', {
          code: 'bad_request',
          en: 'Give the month as YYYY-MM, e.g. 2026-10.',
          hi: 'माह YYYY-MM रूप में दें, जैसे 2026-10।',
          details: [{ field: 'month', en: 'YYYY-MM', hi: 'YYYY-MM' }],
        }),
        '500': use('InternalError'),
      },
    },
  },
};

const operations: Record<string, PathItem> = {
  '/healthz': {
    get: {
      operationId: 'liveness',
      tags: ['Operations'],
      summary: 'Liveness: the process answers',
      responses: { '200': ok('Alive.', 'Health') },
    },
  },
  '/readyz': {
    get: {
      operationId: 'readiness',
      tags: ['Operations'],
      summary: 'Readiness: PostgreSQL and Temporal are reachable',
      responses: {
        '200': ok('Ready.', 'Readiness'),
        '503': ok('Not ready: which dependency is unreachable.', 'Readiness'),
      },
    },
  },
  '/metrics': {
    get: {
      operationId: 'metrics',
      tags: ['Operations'],
      summary: 'Prometheus metrics of this server',
      responses: {
        '200': {
          description: 'Prometheus text exposition format.',
          content: { 'text/plain': { schema: { type: 'string' } } },
        },
        '500': use('InternalError'),
      },
    },
  },
  '/api/docs': {
    get: {
      operationId: 'apiDocs',
      tags: ['Operations'],
      summary: 'Interactive documentation of this API (Swagger UI)',
      responses: {
        '200': { description: 'The page.', content: { 'text/html': { schema: { type: 'string' } } } },
      },
    },
  },
  '/api/openapi.json': {
    get: {
      operationId: 'openApiDocument',
      tags: ['Operations'],
      summary: 'This description of the API (OpenAPI 3.1)',
      description: 'Browse it at /api/docs.',
      responses: {
        '200': {
          description: 'The OpenAPI document.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  openapi: { const: '3.1.0' },
                  info: { type: 'object' },
                  paths: { type: 'object' },
                },
                required: ['openapi', 'info', 'paths'],
                additionalProperties: true,
              },
            },
          },
        },
      },
    },
  },
};

export const openApiDocument: OpenApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Jan Setu (जन सेतु) API',
    version: '1.0.0',
    summary: 'Lok Seva Guarantee applications and CM Helpline 181 complaints of Madhya Pradesh.',
    description: [
      'Every application and every complaint is a durable Temporal workflow; this API starts them, sends',
      'them officers’ actions (validated by the workflow, refused with 409 and the reason) and reads their',
      'projected state from PostgreSQL.',
      '',
      '**Who is calling.** Staff (officers, 181 agents, admins) send a bearer token (`bin/jansetu token',
      'MP-REV-0030`). Citizens are identified by the mobile number they applied or complained with',
      '(`?mobile=`, or `mobile` in the body). The payment gateway signs its callbacks.',
      '',
      '**Languages.** Every error carries its message in Hindi and English (`messages`), and `message` in the',
      'language asked: `?lang=hi|en`, else the `lang` cookie, else `Accept-Language`, else English.',
      '',
      '**Numbers in URLs.** Application and complaint numbers contain slashes; write them with dashes',
      '(`LSG-INC-2026-000001`, `CMH-2026-000001`).',
      '',
      '**What is refused before any handler.** A JSON body is held to its operation’s request schema here:',
      'an unknown member or a member of the wrong JSON type is refused with 400 `invalid_fields`, one detail',
      'per field (`Unknown field "foo": remove it.`); values are then checked by the domain. Names are',
      'normalised to Unicode NFC, and refused when they contain invisible, bidirectional or control',
      'characters; such characters are removed from other texts. An address with an encoded control character',
      '(`%00`) is refused with 400 `bad_url`; a body over its limit (JSON 256 kB, forms and Open311 64 kB,',
      'attachments 2 MB) with 413 `too_large`; a method a path does not take with 405 `method_not_allowed` and',
      '`Allow`; and, when the server already handles MAX_IN_FLIGHT_REQUESTS requests, any request but the',
      'probes with 429 `server_busy` and `Retry-After`. Every one of them in the error shape below.',
    ].join('\n'),
    license: { name: 'MIT', identifier: 'MIT' },
  },
  tags: [
    {
      name: 'Applications',
      description: 'Lok Seva Guarantee (लोक सेवा गारंटी) services: apply, track, decide, appeal.',
    },
    { name: 'Payments', description: 'The payment gateway’s callbacks for land-record copies.' },
    { name: 'Documents', description: 'Admin actions on issued certificates.' },
    { name: 'Verification', description: 'Public verification of certificates (प्रमाण पत्र सत्यापन).' },
    {
      name: 'Complaints',
      description: 'CM Helpline 181 (सीएम हेल्पलाइन): register, route, escalate, resolve, grade.',
    },
    { name: 'Places', description: 'Divisions, districts, tehsils, blocks and working-day calendars.' },
    {
      name: 'Open311',
      description:
        'Open311 GeoReport v2: complaint subjects as services, public complaints as service requests.',
    },
    { name: 'Channels', description: 'Webhooks of the WhatsApp Cloud API and the SMS gateway.' },
    { name: 'Operations', description: 'Health, readiness, metrics and this document.' },
  ],
  paths: { ...applications, ...verification, ...complaints, ...places, ...channelPaths, ...operations },
  components: {
    schemas: { ...schemas, ...channelSchemas },
    responses: {
      Unauthorized: error(
        'No staff token where one is needed, a bad or expired token, or no `mobile` where it identifies the citizen.',
        {
          code: 'unauthorized',
          en: 'Sign in first: send your staff token as "Authorization: Bearer …".',
          hi: 'पहले साइन इन करें: अपना स्टाफ टोकन "Authorization: Bearer …" के रूप में भेजें।',
        },
      ),
      Forbidden: error('The staff member lacks the role this needs.', {
        code: 'forbidden',
        en: 'This needs one of the roles: admin.',
        hi: 'इसके लिए इनमें से एक भूमिका चाहिए: admin।',
      }),
      BodyTooLarge: error('The JSON body is larger than 256 kB.', {
        code: 'too_large',
        en: 'The request is too large: at most 256 kB is accepted here.',
        hi: 'अनुरोध बहुत बड़ा है: यहाँ अधिकतम 256 kB स्वीकार है।',
      }),
      InternalError: error('Something failed on the server’s side; details are logged, not shown.', {
        code: 'internal',
        en: 'Something went wrong on our side. Please try again in a minute.',
        hi: 'हमारी ओर से कोई समस्या हुई। कृपया एक मिनट बाद फिर से प्रयास करें।',
      }),
    },
    parameters: {
      ApplicationNumber: {
        name: 'number',
        in: 'path',
        required: true,
        description:
          'Application number with dashes (`/` URL-encoded is accepted too, and lower case). A malformed number is answered 404.',
        schema: { type: 'string', pattern: '^LSG-[A-Z]{3}-[0-9]{4}-[0-9]{6}$' },
        examples: { income: { value: 'LSG-INC-2026-000001' } },
      },
      ComplaintNumber: {
        name: 'number',
        in: 'path',
        required: true,
        description:
          'Complaint number with dashes (`/` URL-encoded is accepted too). A malformed number is answered 404.',
        schema: { type: 'string', pattern: '^CMH-[0-9]{4}-[0-9]{6}$' },
        examples: { complaint: { value: 'CMH-2026-000001' } },
      },
      DistrictCode: {
        name: 'code',
        in: 'path',
        required: true,
        description: 'District code.',
        schema: { type: 'string' },
        examples: { bhopal: { value: 'bhopal' } },
      },
      Serial: {
        name: 'serial',
        in: 'path',
        required: true,
        description: 'Certificate serial.',
        schema: { type: 'string' },
        examples: { income: { value: 'JS-INC-2026-000001-1' } },
      },
      Mobile: {
        name: 'mobile',
        in: 'query',
        description: 'The citizen’s mobile number, which identifies them (not needed with a staff token).',
        schema: { type: 'string', pattern: '^[6-9][0-9]{9}$' },
        examples: { citizen: { value: '9876543210' } },
      },
      IdempotencyKey: {
        name: 'Idempotency-Key',
        in: 'header',
        description: 'Makes a retry safe: the same key returns the same case (200) instead of a new one.',
        schema: { type: 'string', pattern: '^[\\w.:-]{8,100}$' },
        examples: { key: { value: 'my-first-try-0001' } },
      },
    },
    securitySchemes: {
      ...channelSecuritySchemes,
      staffBearer: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'HMAC-signed staff token',
        description:
          'A staff member’s token (officer code and expiry, HMAC-SHA256 with STAFF_TOKEN_SECRET; 12 hours). Issue one with `bin/jansetu token OFFICER-CODE`.',
      },
      paymentGatewaySignature: {
        type: 'apiKey',
        in: 'header',
        name: 'X-Gateway-Signature',
        description:
          'Hex HMAC-SHA256, with PAYMENT_GATEWAY_SECRET, of `orderId|paymentId|amountPaise|status|timestamp` of the body; the timestamp must be within 5 minutes.',
      },
    },
  },
};
