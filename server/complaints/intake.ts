// Registering a CM Helpline call: validate, enforce the daily limit per mobile, link a duplicate to
// the open complaint it repeats, route to the officers of the jurisdiction, number it and start its
// workflow — once per idempotency key. Information calls are answered from the scheme knowledge
// base and closed at once.
import type { Knex } from 'knex';
import { routeComplaint } from '../../db/complaint-routing';
import { currentHolidayCalendar, currentPolicy } from '../../db/policies';
import type { FieldError } from '../../lib/catalogue';
import { normaliseText } from '../../lib/catalogue';
import type { EscalationLadder } from '../../lib/ladder';
import { districtCalendar } from '../../lib/policy';
import type { TemporalClient } from '../../lib/temporal/connection';
import { endOfDayIst, istDate } from '../../lib/working-days';
import type { OfficerRef } from '../../workflows/application-messages';
import type {
  CallType,
  ComplaintChannel,
  ComplaintInput,
  ComplaintPlace,
} from '../../workflows/complaint-messages';
import { BadRequest, TooManyRequests } from '../errors';
import { startCaseWorkflow } from '../start-case';

export const CALL_TYPES: CallType[] = ['information', 'complaint', 'demand', 'suggestion'];
export const COMPLAINT_CHANNELS: ComplaintChannel[] = ['agent-181', 'web', 'whatsapp', 'cpgrams', 'mahila'];

export interface ComplaintRequest {
  callType: unknown;
  subType?: unknown;
  channel: ComplaintChannel;
  citizen: unknown;
  place: unknown;
  department?: unknown;
  subject?: unknown;
  description?: unknown;
  schemeCode?: unknown;
  /** CPGRAMS channel: the grievance's registration number at the central portal. */
  cpgramsRegistrationNumber?: unknown;
  /** Ids of files uploaded to /api/v1/attachments by this caller, not yet cited elsewhere. */
  attachments?: unknown;
  idempotencyKey: string | null;
}

export interface Registered {
  complaintNumber: string;
  callType: CallType;
  status: string;
  duplicateOf: string | null;
  repeated: boolean;
  answer: { en: string; hi: string } | null;
  message: { en: string; hi: string };
}

const problem = (field: string, en: string, hi: string): FieldError => ({ field, message: { en, hi } });

export function createComplaintIntake(deps: { db: Knex; temporal: TemporalClient }) {
  const { db, temporal } = deps;

  const start = (input: ComplaintInput) =>
    startCaseWorkflow(temporal, 'complaintWorkflow', input.complaintNumber, input);

  async function validate(request: ComplaintRequest) {
    const errors: FieldError[] = [];
    const callType = CALL_TYPES.includes(request.callType as CallType)
      ? (request.callType as CallType)
      : null;
    if (!callType)
      errors.push(
        problem('callType', `Choose one of ${CALL_TYPES.join(', ')}.`, `इनमें से चुनें: ${CALL_TYPES.join(', ')}।`),
      );
    const citizen = (request.citizen ?? {}) as { name?: unknown; mobile?: unknown };
    const name = typeof citizen.name === 'string' ? normaliseText(citizen.name) : '';
    if (name.length < 2 || name.length > 100)
      errors.push(
        problem(
          'citizen.name',
          'Give the caller’s name (2 to 100 characters).',
          'कॉलर का नाम दें (2 से 100 अक्षर)।',
        ),
      );
    const mobile =
      typeof citizen.mobile === 'string' && /^[6-9]\d{9}$/.test(citizen.mobile) ? citizen.mobile : null;
    if (!mobile)
      errors.push(
        problem(
          'citizen.mobile',
          'Give a 10-digit mobile number starting with 6–9.',
          '6–9 से शुरू होने वाला 10 अंकों का मोबाइल नंबर दें।',
        ),
      );

    const p = (request.place ?? {}) as Partial<Record<keyof ComplaintPlace, unknown>>;
    const place: ComplaintPlace = {
      district: typeof p.district === 'string' ? p.district : '',
      tehsil: typeof p.tehsil === 'string' && p.tehsil ? p.tehsil : null,
      block: typeof p.block === 'string' && p.block ? p.block : null,
      village: typeof p.village === 'string' && p.village ? p.village : null,
    };
    const district = await db('districts').where({ code: place.district }).first('id');
    if (!district)
      errors.push(problem('place.district', 'Choose the district from the list.', 'सूची से जिला चुनें।'));
    if (
      district &&
      place.tehsil &&
      !(await db('tehsils').where({ code: place.tehsil, districtId: district.id }).first('id'))
    ) {
      errors.push(problem('place.tehsil', 'The tehsil is not in that district.', 'तहसील उस जिले में नहीं है।'));
    }
    if (
      district &&
      place.block &&
      !(await db('blocks').where({ code: place.block, districtId: district.id }).first('id'))
    ) {
      errors.push(problem('place.block', 'The block is not in that district.', 'विकासखंड उस जिले में नहीं है।'));
    }
    if (place.village) {
      const village = await db('villages')
        .join('tehsils', 'tehsils.id', 'villages.tehsilId')
        .where('villages.code', place.village)
        .first('tehsils.code as tehsil');
      if (!village || (place.tehsil && village.tehsil !== place.tehsil)) {
        errors.push(
          problem(
            'place.village',
            'The village or ward is not in that tehsil.',
            'ग्राम या वार्ड उस तहसील में नहीं है।',
          ),
        );
      }
    }

    let scheme: { code: string; article: Record<string, string> } | undefined;
    let department = '';
    let subject = '';
    let description = '';
    if (callType === 'information') {
      scheme = await db('schemes')
        .where({ code: typeof request.schemeCode === 'string' ? request.schemeCode : '' })
        .first('code', 'article');
      if (!scheme)
        errors.push(
          problem(
            'schemeCode',
            'Choose the scheme asked about (see /api/v1/schemes).',
            'पूछी गई योजना चुनें (/api/v1/schemes देखें)।',
          ),
        );
      department = scheme?.article.department ?? 'public-service-management';
      subject = `scheme:${scheme?.code ?? ''}`;
      description =
        typeof request.description === 'string'
          ? normaliseText(request.description)
          : `Information on ${scheme?.code ?? ''}`;
    } else if (callType) {
      const row = await db('complaintSubjects')
        .where({ code: typeof request.subject === 'string' ? request.subject : '' })
        .first('departmentCode');
      if (!row)
        errors.push(
          problem(
            'subject',
            'Choose the subject from the list (see /api/v1/complaint-subjects).',
            'सूची से विषय चुनें (/api/v1/complaint-subjects देखें)।',
          ),
        );
      else if (request.department !== undefined && request.department !== row.departmentCode) {
        errors.push(
          problem(
            'department',
            `That subject belongs to ${row.departmentCode}.`,
            `यह विषय ${row.departmentCode} विभाग का है।`,
          ),
        );
      }
      department = (row?.departmentCode as string | undefined) ?? '';
      subject = typeof request.subject === 'string' ? request.subject : '';
      description = typeof request.description === 'string' ? normaliseText(request.description) : '';
      if (description.length < 10 || description.length > 2000) {
        errors.push(
          problem(
            'description',
            'Describe the problem in 10 to 2000 characters, in Hindi or English.',
            'समस्या 10 से 2000 अक्षरों में हिंदी या अंग्रेज़ी में लिखें।',
          ),
        );
      }
    }
    const subType: 'corruption' | null =
      request.subType === 'corruption' && callType === 'complaint' ? 'corruption' : null;
    if (request.subType !== undefined && request.subType !== null && subType === null) {
      errors.push(
        problem(
          'subType',
          'Only a complaint may be marked "corruption".',
          'केवल शिकायत को "भ्रष्टाचार" चिह्नित किया जा सकता है।',
        ),
      );
    }
    const cpgrams =
      request.channel === 'cpgrams' &&
      typeof request.cpgramsRegistrationNumber === 'string' &&
      /^[A-Z0-9/-]{6,40}$/.test(request.cpgramsRegistrationNumber)
        ? { registrationNumber: request.cpgramsRegistrationNumber }
        : null;
    if (request.channel === 'cpgrams' && !cpgrams) {
      errors.push(
        problem(
          'cpgramsRegistrationNumber',
          'Give the CPGRAMS registration number (e.g. DARPG/E/2026/0012345).',
          'CPGRAMS पंजीयन क्रमांक दें (जैसे DARPG/E/2026/0012345)।',
        ),
      );
    }
    const attachments = Array.isArray(request.attachments) ? (request.attachments as unknown[]) : [];
    if (
      request.attachments !== undefined &&
      (!Array.isArray(request.attachments) ||
        attachments.length > 5 ||
        !attachments.every(
          (a) =>
            typeof a === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(a),
        ))
    ) {
      errors.push(
        problem(
          'attachments',
          'Attach at most 5 files, by the ids /api/v1/attachments gave.',
          'अधिकतम 5 फ़ाइलें, /api/v1/attachments से मिली आईडी द्वारा संलग्न करें।',
        ),
      );
    } else if (attachments.length > 0) {
      const found = await db('complaintAttachments')
        .whereIn('id', attachments as string[])
        .whereNull('complaintNumber')
        .count({ n: '*' })
        .first();
      if (Number(found?.n ?? 0) !== attachments.length) {
        errors.push(
          problem(
            'attachments',
            'An attachment id is unknown or already used.',
            'कोई संलग्नक आईडी अज्ञात है या पहले ही उपयोग हो चुकी है।',
          ),
        );
      }
    }
    if (errors.length > 0) {
      throw new BadRequest(
        { en: 'Some details need correcting.', hi: 'कुछ जानकारी सुधारनी होगी।' },
        errors,
        'invalid_fields',
      );
    }
    return {
      callType: callType!,
      subType,
      name,
      mobile: mobile!,
      place,
      department,
      subject,
      description,
      scheme,
      cpgrams,
      attachments: attachments as string[],
    };
  }

  /** The complaint an earlier request with this idempotency key registered (its workflow started). */
  async function repeatOf(idempotencyKey: string): Promise<Registered | null> {
    const row = await db('complaints')
      .where({ idempotencyKey })
      .first('number', 'callType', 'status', 'workflowInput');
    if (!row) return null;
    await start(row.workflowInput as ComplaintInput);
    return {
      complaintNumber: row.number,
      callType: row.callType,
      status: row.status,
      duplicateOf: null,
      repeated: true,
      answer: null,
      message: registeredMessage(row.number),
    };
  }

  return async function register(request: ComplaintRequest): Promise<Registered> {
    if (request.idempotencyKey) {
      const repeat = await repeatOf(request.idempotencyKey);
      if (repeat) return repeat;
    }
    const v = await validate(request);
    const ladderRow = await currentPolicy('escalation-ladder');
    const ladder = ladderRow!.body as EscalationLadder;
    const now = Date.now();
    const today = istDate(now);

    // Abuse control: a mobile may file only so many a day (the ladder's limit).
    const startOfDay = endOfDayIst(today) + 1 - 86_400_000;
    const filedToday = await db('complaints')
      .where({ citizenMobile: v.mobile })
      .andWhere('receivedAt', '>=', new Date(startOfDay))
      .count({ n: '*' })
      .first();
    const limit = ladder.dailyComplaintLimitPerMobile.value;
    // A grievance forwarded by CPGRAMS is owed its own Action Taken Report: never refused or linked.
    const forwarded = request.channel === 'cpgrams';
    if (!forwarded && Number(filedToday?.n ?? 0) >= limit) {
      throw new TooManyRequests(
        {
          en: `This mobile number has already registered ${limit} calls today, the daily limit. Please call again tomorrow.`,
          hi: `इस मोबाइल नंबर से आज ${limit} कॉल दर्ज हो चुकी हैं, जो दैनिक सीमा है। कृपया कल फिर संपर्क करें।`,
        },
        'daily_limit',
        (endOfDayIst(today) + 1 - Date.now()) / 1000, // until midnight in India
      );
    }

    // A repeat of an open complaint (same mobile, subject and place) is linked to it.
    if (v.callType !== 'information' && !forwarded) {
      const open = await db('complaints')
        .where({ citizenMobile: v.mobile, subjectCode: v.subject, districtCode: v.place.district })
        .andWhere((q) => {
          if (v.place.village) void q.where('villageCode', v.place.village);
          else if (v.place.block) void q.where('blockCode', v.place.block);
          else if (v.place.tehsil) void q.where('tehsilCode', v.place.tehsil);
        })
        .whereNot({ status: 'closed' })
        .orderBy('id')
        .first('number', 'status');
      if (open) {
        return {
          complaintNumber: open.number,
          callType: v.callType,
          status: open.status,
          duplicateOf: open.number,
          repeated: false,
          answer: null,
          message: {
            en: `This is already registered as complaint ${open.number}, which is open; it has been linked to it.`,
            hi: `यह पहले से शिकायत ${open.number} के रूप में दर्ज है, जो खुली है; इसे उसी से जोड़ा गया है।`,
          },
        };
      }
    }

    const calendarPolicy = await currentHolidayCalendar();
    const routing =
      v.callType === 'information'
        ? { officers: { L1: null, L2: null, L3: null, L4: null }, fallbackQueue: null }
        : await routeComplaint(db, v);
    let counsellor: OfficerRef | null = null;
    if (request.channel === 'mahila') {
      counsellor =
        (await db('officerRoles')
          .join('officers', 'officers.id', 'officerRoles.officerId')
          .where('officerRoles.role', 'counsellor')
          .orderBy('officers.code')
          .first('officers.code', 'officers.nameEn', 'officers.nameHi', 'officers.designation')) ?? null;
    }
    const answer = v.scheme
      ? {
          en: `${v.scheme.article.nameEn}: ${v.scheme.article.summaryEn} Eligibility: ${v.scheme.article.eligibilityEn} How to apply: ${v.scheme.article.howToApplyEn}`,
          hi: `${v.scheme.article.nameHi}: ${v.scheme.article.summaryHi} पात्रता: ${v.scheme.article.eligibilityHi} आवेदन: ${v.scheme.article.howToApplyHi}`,
        }
      : null;

    let input: ComplaintInput | undefined;
    try {
      await db.transaction(async (trx) => {
        const year = Number(today.slice(0, 4));
        const [row] = (
          await trx.raw(
            `insert into complaint_counters (year, last_number) values (?, 1)
           on conflict (year) do update set last_number = complaint_counters.last_number + 1 returning last_number`,
            [year],
          )
        ).rows as { last_number: number }[];
        const complaintNumber = `CMH/${year}/${String(row!.last_number).padStart(6, '0')}`;
        input = {
          complaintNumber,
          callType: v.callType,
          subType: v.subType,
          channel: request.channel,
          citizen: { name: v.name, mobile: v.mobile },
          place: v.place,
          department: v.department,
          subject: v.subject,
          description: v.description,
          ladder,
          ladderVersion: ladderRow!.version,
          calendar: districtCalendar(calendarPolicy.body, v.place.district),
          calendarVersion: calendarPolicy.version,
          receivedAt: new Date(now).toISOString(),
          routing,
          counsellor,
          cpgrams: v.cpgrams,
          information:
            answer && v.scheme
              ? { schemeCode: v.scheme.code, answerEn: answer.en, answerHi: answer.hi }
              : null,
        };
        await trx('complaints').insert({
          number: complaintNumber,
          idempotencyKey: request.idempotencyKey,
          callType: v.callType,
          subType: v.subType,
          channel: request.channel,
          citizenName: v.name,
          citizenMobile: v.mobile,
          districtCode: v.place.district,
          tehsilCode: v.place.tehsil,
          blockCode: v.place.block,
          villageCode: v.place.village,
          departmentCode: v.department,
          subjectCode: v.subject,
          description: v.description,
          status: 'registered',
          hidden: counsellor !== null,
          ladderVersion: ladderRow!.version,
          workflowInput: JSON.stringify(input),
          receivedAt: input.receivedAt,
        });
        if (v.attachments.length > 0) {
          await trx('complaintAttachments')
            .whereIn('id', v.attachments)
            .whereNull('complaintNumber')
            .update({ complaintNumber });
        }
      });
    } catch (err) {
      // Two requests with one key at the same moment (a double click): the second finds the first's row.
      if (request.idempotencyKey && (err as { code?: string }).code === '23505') {
        const repeat = await repeatOf(request.idempotencyKey);
        if (repeat) return repeat;
      }
      throw err;
    }
    await start(input!);
    return {
      complaintNumber: input!.complaintNumber,
      callType: v.callType,
      status: 'registered',
      duplicateOf: null,
      repeated: false,
      answer,
      message: registeredMessage(input!.complaintNumber),
    };
  };
}

function registeredMessage(number: string) {
  return {
    en: `Registered as ${number}. Please note this number.`,
    hi: `${number} क्रमांक पर दर्ज किया गया। कृपया यह क्रमांक नोट करें।`,
  };
}
