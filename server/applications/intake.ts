// Accepting an application: validate against the pinned catalogue, resolve the officers of the
// jurisdiction, give it a number and a due date, and start its workflow — exactly once per
// idempotency key. The success answer is given only after the workflow has started.
import type { Knex } from 'knex';
import { assignApplicationOfficers } from '../../db/officers';
import { currentHolidayCalendar, currentPolicy } from '../../db/policies';
import { dueDateFor, type Channel } from '../../lib/application-clock';
import {
  findService,
  validateApplicationFields,
  type AddressValue,
  type ServiceCatalogue,
} from '../../lib/catalogue';
import { districtCalendar } from '../../lib/policy';
import type { TemporalClient } from '../../lib/temporal/connection';
import { istDate } from '../../lib/working-days';
import type { ApplicationInput } from '../../workflows/application-messages';
import { AppError, BadRequest } from '../errors';
import type { createPlaceDirectory } from '../places';
import { startCaseWorkflow } from '../start-case';

export interface IntakeRequest {
  service: string;
  channel: Channel;
  fields: unknown;
  idempotencyKey: string | null;
}

export interface Accepted {
  applicationNumber: string;
  service: { code: string; nameEn: string; nameHi: string };
  dueDate: string;
  status: string;
  /** True when this answer repeats an earlier submission with the same idempotency key. */
  repeated: boolean;
}

const SERVICE_PREFIX = 'LSG';

async function nextNumber(trx: Knex.Transaction, serviceCode: string, year: number): Promise<string> {
  const [row] = (
    await trx.raw(
      `insert into application_counters (service_code, year, last_number) values (?, ?, 1)
     on conflict (service_code, year) do update set last_number = application_counters.last_number + 1
     returning last_number`,
      [serviceCode, year],
    )
  ).rows as { last_number: number }[];
  return `${SERVICE_PREFIX}/${serviceCode}/${year}/${String(row!.last_number).padStart(6, '0')}`;
}

export function createIntake(deps: {
  db: Knex;
  temporal: TemporalClient;
  places: ReturnType<typeof createPlaceDirectory>;
}) {
  const { db, temporal } = deps;

  const startWorkflow = (input: ApplicationInput) =>
    startCaseWorkflow(temporal, 'applicationWorkflow', input.applicationNumber, input);

  async function existing(idempotencyKey: string): Promise<Accepted | null> {
    const row = await db('applications').where({ idempotencyKey }).first();
    if (!row) return null;
    // The first attempt may have stored the application and died before starting its workflow.
    const input = row.workflowInput as ApplicationInput;
    await startWorkflow(input);
    return {
      applicationNumber: input.applicationNumber,
      service: { code: input.service.code, nameEn: input.service.nameEn, nameHi: input.service.nameHi },
      dueDate: input.dueDate,
      status: row.status as string,
      repeated: true,
    };
  }

  return async function accept(request: IntakeRequest): Promise<Accepted> {
    if (request.idempotencyKey) {
      const repeat = await existing(request.idempotencyKey);
      if (repeat) return repeat;
    }
    const catalogueRow = await currentPolicy('service-catalogue');
    if (!catalogueRow) throw new Error('no service catalogue loaded');
    const catalogue = catalogueRow.body as ServiceCatalogue;
    const service = findService(catalogue, request.service);
    if (!service) {
      throw new BadRequest(
        {
          en: `There is no service "${request.service}". Choose one of ${catalogue.services.map((s) => s.code).join(', ')}.`,
          hi: `"${request.service}" नाम की कोई सेवा नहीं है। इनमें से चुनें: ${catalogue.services.map((s) => s.code).join(', ')}।`,
        },
        undefined,
        'unknown_service',
      );
    }
    const places = await deps.places.lookup();
    const validation = validateApplicationFields(service, request.fields, places);
    if (!validation.ok) {
      throw new BadRequest(
        { en: 'Some fields need correcting.', hi: 'कुछ जानकारी सुधारनी होगी।' },
        validation.errors,
        'invalid_fields',
      );
    }
    const fields = validation.fields;
    const address = fields.address as AddressValue | undefined;
    const place = address
      ? { district: address.district, tehsil: address.tehsil, village: address.village }
      : places.placeOfVillage(fields.village as string)!;

    const assigned = await assignApplicationOfficers(db, place);
    if ('missingRole' in assigned) {
      throw new AppError(422, 'no_officer', {
        en: `Applications from this tehsil cannot be taken yet: no ${assigned.missingRole.replace(/_/g, ' ')} is assigned there.`,
        hi: `इस तहसील से अभी आवेदन नहीं लिए जा सकते: वहाँ कोई ${assigned.missingRole} नियुक्त नहीं है।`,
      });
    }
    const calendarPolicy = await currentHolidayCalendar();
    const calendar = districtCalendar(calendarPolicy.body, place.district);
    const now = new Date();
    const receivedOn = istDate(now.getTime());
    const dueDate = dueDateFor(receivedOn, service, request.channel, calendar);

    let input: ApplicationInput | undefined;
    try {
      await db.transaction(async (trx) => {
        const applicationNumber = await nextNumber(trx, service.code, Number(receivedOn.slice(0, 4)));
        const applicantName = (fields.applicantName as string | undefined) ?? `(${fields.mobile as string})`;
        input = {
          applicationNumber,
          service,
          catalogueVersion: catalogueRow.version,
          appeals: catalogue.appeals,
          penalty: catalogue.penalty,
          applicantResponseDays: catalogue.applicantResponseDays.value,
          reminderAtFraction: catalogue.reminderAtFraction.value,
          calendar,
          calendarVersion: calendarPolicy.version,
          channel: request.channel,
          receivedAt: now.toISOString(),
          receivedOn,
          dueDate,
          place,
          applicant: { name: applicantName, mobile: fields.mobile as string },
          fields,
          officers: assigned.officers,
        };
        await trx('applications').insert({
          number: applicationNumber,
          idempotencyKey: request.idempotencyKey,
          serviceCode: service.code,
          status: 'received',
          channel: request.channel,
          districtCode: place.district,
          tehsilCode: place.tehsil,
          villageCode: place.village,
          applicantName,
          applicantMobile: fields.mobile,
          receivedAt: input.receivedAt,
          dueDate,
          designatedOfficerCode: assigned.officers.designatedOfficer.code,
          catalogueVersion: catalogueRow.version,
          calendarVersion: calendarPolicy.version,
          fields: JSON.stringify(fields),
          workflowInput: JSON.stringify(input),
        });
      });
    } catch (err) {
      // Two submissions with one key at the same moment: the second finds the first's row.
      if (request.idempotencyKey && (err as { code?: string }).code === '23505') {
        const repeat = await existing(request.idempotencyKey);
        if (repeat) return repeat;
      }
      throw err;
    }
    await startWorkflow(input!);
    return {
      applicationNumber: input!.applicationNumber,
      service: { code: service.code, nameEn: service.nameEn, nameHi: service.nameHi },
      dueDate,
      status: 'received',
      repeated: false,
    };
  };
}
