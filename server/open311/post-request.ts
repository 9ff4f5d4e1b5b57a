// POST requests: an Open311 service request becomes a CM Helpline complaint through the one
// complaint intake (channel 'open311'), so it is validated, de-duplicated, limited per mobile,
// routed and numbered like any other. What only Open311 carries — the point, the address and the
// API key it came with — is kept beside it in open311_requests.
import type { Knex } from 'knex';
import { authorize, type Subject } from '../../lib/authorization';
import { findApiClient } from '../api-keys';
import type { Actor } from '../auth';
import type { createComplaintIntake } from '../complaints/intake';
import { AppError } from '../errors';
import type { Bilingual, Lang } from '../i18n';
import { badRequest, forbidden, Open311Error, type Value } from './format';
import { LOCATION_MARKER, serviceRequestId } from './service-requests';
import { jurisdiction, PLACE_ATTRIBUTES, subjectFor, type PlaceAttribute } from './services';

type Body = Record<string, unknown>;

// The intake's own description limits (server/complaints/intake.ts): the location is appended to
// the officer's text only when the description stands on its own and the whole still fits.
const INTAKE_DESCRIPTION_MIN = 10;
const INTAKE_DESCRIPTION_MAX = 2000;
const ADDRESS_MAX = 250;

/** The intake's field names, as an Open311 client knows them. */
const OPEN311_FIELD: Record<string, string> = {
  'citizen.name': 'first_name',
  'citizen.mobile': 'phone',
  'place.district': 'jurisdiction_id',
  'place.tehsil': 'attribute[tehsil]',
  'place.block': 'attribute[block]',
  'place.village': 'attribute[village]',
  subject: 'service_code',
  description: 'description',
};

/** One text argument; absent, null and empty are the same (the spec's optional arguments). */
function text(body: Body, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') {
    throw badRequest({ en: `${name} must be given once, as text.`, hi: `${name} एक बार, पाठ के रूप में दें।` });
  }
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** attribute[code]=value pairs, from a form (parsed to { attribute: {…} }) or a flat JSON body. */
function attributesOf(body: Body, errors: Bilingual[]): Partial<Record<PlaceAttribute | 'district', string>> {
  const given: Record<string, unknown> = {};
  if (body.attribute !== undefined) {
    if (typeof body.attribute !== 'object' || body.attribute === null || Array.isArray(body.attribute)) {
      errors.push({
        en: 'attribute must be sent as attribute[code]=value.',
        hi: 'attribute को attribute[code]=value के रूप में भेजें।',
      });
    } else Object.assign(given, body.attribute);
  }
  for (const [key, value] of Object.entries(body)) {
    const m = /^attribute\[([^\]]+)\]$/.exec(key);
    if (m) given[m[1]!] = value;
  }
  const out: Partial<Record<PlaceAttribute | 'district', string>> = {};
  for (const [code, value] of Object.entries(given)) {
    if (code !== 'district' && !(PLACE_ATTRIBUTES as readonly string[]).includes(code)) {
      errors.push({
        en: `attribute[${code}] is not an attribute of this service (see its service definition).`,
        hi: `attribute[${code}] इस सेवा का गुण नहीं है (सेवा की परिभाषा देखें)।`,
      });
    } else if (typeof value !== 'string') {
      errors.push({
        en: `attribute[${code}] takes one value, a key from the service definition.`,
        hi: `attribute[${code}] में एक ही मान दें, सेवा की परिभाषा की कोई key।`,
      });
    } else if (value.trim()) out[code as PlaceAttribute | 'district'] = value.trim();
  }
  return out;
}

function coordinate(value: string, limit: number): number | null {
  if (!/^-?\d{1,3}(\.\d{1,12})?$/.test(value)) return null;
  const n = Number(value);
  return Math.abs(n) <= limit ? n : null;
}

/** A 10-digit Indian mobile from what people type (+91, a leading 0, spaces, dashes). */
function mobileFrom(phone: string | undefined): string {
  const digits = (phone ?? '').replace(/[\s().-]/g, '');
  return /^(?:\+?91|0)?([6-9]\d{9})$/.exec(digits)?.[1] ?? digits;
}

export function createServiceRequestIntake(deps: {
  db: Knex;
  register: ReturnType<typeof createComplaintIntake>;
}) {
  const { db, register } = deps;

  return async function createServiceRequest(
    body: Body,
    lang: Lang,
    /** The request's ctx.state: the accepted client becomes its actor (the audit log reads it). */
    state: { actor?: Actor } = {},
  ): Promise<{ status: number; item: Value }> {
    const apiKey = body.api_key;
    const client = await findApiClient(db, apiKey);
    const caller: Subject = client
      ? { kind: 'api-client', name: client.clientName, scopes: client.scopes }
      : { kind: 'anonymous' };
    if (client) state.actor = { kind: 'api-client', name: client.clientName, scopes: client.scopes };
    if (!client || !authorize('open311.post', caller).allow) {
      throw forbidden(
        apiKey === undefined || apiKey === ''
          ? {
              en: 'api_key was not provided -- can’t proceed with create_request.',
              hi: 'api_key नहीं दी गई -- create_request नहीं हो सकता।',
            }
          : {
              en: 'Invalid api_key received -- can’t proceed with create_request.',
              hi: 'अमान्य api_key मिली -- create_request नहीं हो सकता।',
            },
      );
    }
    const district = (await jurisdiction(db, text(body, 'jurisdiction_id'), true))!;
    const subject = await subjectFor(db, text(body, 'service_code'));

    const errors: Bilingual[] = [];
    const attributes = attributesOf(body, errors);
    if (attributes.district && attributes.district !== district.code) {
      errors.push({
        en: `attribute[district] "${attributes.district}" differs from jurisdiction_id "${district.code}".`,
        hi: `attribute[district] "${attributes.district}" और jurisdiction_id "${district.code}" भिन्न हैं।`,
      });
    }
    if (attributes.village) {
      // A village names its tehsil and block: fill in what the client left out.
      const village = await db('villages as v')
        .join('tehsils as t', 't.id', 'v.tehsilId')
        .leftJoin('blocks as b', 'b.id', 'v.blockId')
        .where('v.code', attributes.village)
        .first('t.code as tehsil', 'b.code as block');
      if (village) {
        attributes.tehsil ??= village.tehsil as string;
        if (village.block) attributes.block ??= village.block as string;
      }
    }
    const required = subject.l1Scope;
    if (!attributes[required]) {
      errors.push({
        en: `attribute[${required}] is required for this service: the ${required} where the problem is (see services/${subject.code}.json?jurisdiction_id=${district.code}).`,
        hi: `इस सेवा हेतु attribute[${required}] आवश्यक है: जहाँ समस्या है (services/${subject.code}.json?jurisdiction_id=${district.code} देखें)।`,
      });
    }
    const [lat, long] = [text(body, 'lat'), text(body, 'long')];
    let point: { lat: number; long: number } | null = null;
    if ((lat === undefined) !== (long === undefined)) {
      errors.push({ en: 'lat and long must be sent together.', hi: 'lat और long दोनों साथ भेजें।' });
    } else if (lat !== undefined && long !== undefined) {
      const [la, lo] = [coordinate(lat, 90), coordinate(long, 180)];
      if (la === null || lo === null) {
        errors.push({
          en: 'lat and long must be WGS84 decimal degrees, e.g. lat=23.2599&long=77.4126.',
          hi: 'lat और long WGS84 दशमलव अंशों में दें, जैसे lat=23.2599&long=77.4126।',
        });
      } else point = { lat: la, long: lo };
    }
    const addressString = text(body, 'address_string');
    if (addressString && addressString.length > ADDRESS_MAX) {
      errors.push({
        en: `address_string is at most ${ADDRESS_MAX} characters.`,
        hi: `address_string अधिकतम ${ADDRESS_MAX} अक्षरों का हो।`,
      });
    }
    if (text(body, 'address_id')) {
      errors.push({
        en: 'address_id is not supported here (there is no master address register): send address_string or lat and long.',
        hi: 'address_id यहाँ समर्थित नहीं है (कोई मास्टर पता पंजी नहीं): address_string या lat और long भेजें।',
      });
    }
    const email = text(body, 'email');
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      errors.push({ en: 'email is not an e-mail address.', hi: 'email सही ई-मेल पता नहीं है।' });
    }
    if (errors.length > 0) throw badRequest(...errors);

    // The officer reads the location with the description; the public view strips it again.
    const description = (text(body, 'description') ?? '').replace(/\s+/g, ' ');
    const where = [addressString, point && `${point.lat}, ${point.long}`].filter(Boolean).join('; ');
    const withPlace = `${description}${LOCATION_MARKER}${where}`;
    const officerText =
      where && description.length >= INTAKE_DESCRIPTION_MIN && withPlace.length <= INTAKE_DESCRIPTION_MAX
        ? withPlace
        : description;

    let registered: Awaited<ReturnType<typeof register>>;
    try {
      registered = await register({
        callType: 'complaint',
        channel: 'open311',
        citizen: {
          name: [text(body, 'first_name'), text(body, 'last_name')].filter(Boolean).join(' '),
          mobile: mobileFrom(text(body, 'phone')),
        },
        place: {
          district: district.code,
          tehsil: attributes.tehsil ?? null,
          block: attributes.block ?? null,
          village: attributes.village ?? null,
        },
        subject: subject.code,
        description: officerText,
        idempotencyKey: null,
      });
    } catch (err) {
      if (err instanceof AppError && err.status === 400 && err.details?.length) {
        throw badRequest(
          ...err.details.map((d) => {
            const field = OPEN311_FIELD[d.field] ?? d.field;
            return { en: `${field}: ${d.message.en}`, hi: `${field}: ${d.message.hi}` };
          }),
        );
      }
      throw err;
    }

    if (registered.duplicateOf) {
      // A repeat of an open complaint is linked to it — unless that one is not public (a Mahila
      // Helpline case or a corruption complaint), whose number must not reach a third party.
      const linked = await db('complaints')
        .where({ number: registered.duplicateOf })
        .first('hidden', 'subType');
      if (linked?.hidden || linked?.subType === 'corruption') {
        throw new Open311Error(400, [
          {
            code: 400,
            description: {
              en: 'This request cannot be taken through Open311. Please call CM Helpline 181.',
              hi: 'यह अनुरोध Open311 से नहीं लिया जा सकता। कृपया सीएम हेल्पलाइन 181 पर कॉल करें।',
            },
          },
        ]);
      }
    } else {
      await db('open311Requests')
        .insert({
          complaintNumber: registered.complaintNumber,
          apiKeyId: client.id,
          lat: point?.lat ?? null,
          long: point?.long ?? null,
          addressString: addressString ?? null,
        })
        .onConflict('complaintNumber')
        .ignore();
    }

    const notice: Bilingual = registered.duplicateOf
      ? registered.message
      : {
          en: `${registered.message.en} Updates go by SMS to the mobile number given.`,
          hi: `${registered.message.hi} सूचनाएँ दिए गए मोबाइल नंबर पर SMS से भेजी जाएँगी।`,
        };
    const mediaDropped = text(body, 'media_url')
      ? {
          en: ' The media_url was not kept: files cannot be attached through Open311 yet.',
          hi: ' media_url नहीं रखा गया: Open311 से अभी फ़ाइलें संलग्न नहीं की जा सकतीं।',
        }
      : { en: '', hi: '' };
    return {
      status: registered.duplicateOf ? 200 : 201,
      item: {
        service_request_id: serviceRequestId(registered.complaintNumber),
        service_notice: `${notice[lang]}${mediaDropped[lang]}`,
        account_id: null,
      },
    };
  };
}
