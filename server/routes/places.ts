// Public reference data: divisions, districts with their tehsils and blocks, and each district's
// working-day calendar (the due date of a limit counted in working days from a given day).
import Router from '@koa/router';
import { District, Division } from '../../db/models';
import { currentHolidayCalendar } from '../../db/policies';
import { districtCalendar } from '../../lib/policy';
import { addWorkingDays, CalendarRangeError, isIsoDate } from '../../lib/working-days';
import { BadRequest, NotFound } from '../errors';

const place = (p: { code: string; nameEn: string; nameHi: string }) => ({
  code: p.code,
  nameEn: p.nameEn,
  nameHi: p.nameHi,
});

export function placeRoutes(): Router {
  const router = new Router();

  router.get('/divisions', async (ctx) => {
    const divisions = await Division.query().withGraphFetched('districts').orderBy('nameEn');
    const byName = (a: { nameEn: string }, b: { nameEn: string }) => a.nameEn.localeCompare(b.nameEn);
    ctx.body = {
      divisions: divisions.map((d) => ({
        ...place(d),
        districts: [...(d.districts ?? [])].sort(byName).map(place),
      })),
    };
  });

  router.get('/districts', async (ctx) => {
    const districts = await District.query().withGraphFetched('division').orderBy('nameEn');
    ctx.body = { districts: districts.map((d) => ({ ...place(d), division: d.division!.code })) };
  });

  router.get('/districts/:code', async (ctx) => {
    const district = await District.query()
      .findOne({ code: ctx.params.code ?? '' })
      .withGraphFetched('[division, tehsils, blocks]');
    if (!district) throw unknownDistrict(ctx.params.code ?? '');
    ctx.body = {
      ...place(district),
      division: place(district.division!),
      tehsils: (district.tehsils ?? []).map(place),
      blocks: (district.blocks ?? []).map(place),
    };
  });

  router.get('/districts/:code/due-date', async (ctx) => {
    const { from, days } = ctx.query;
    const problems = [];
    if (typeof from !== 'string' || !isIsoDate(from)) {
      problems.push({
        field: 'from',
        message: {
          en: 'Give the start date as YYYY-MM-DD, e.g. 2026-03-02.',
          hi: 'आरंभ तिथि YYYY-MM-DD रूप में दें, जैसे 2026-03-02।',
        },
      });
    }
    const n = Number(days);
    if (typeof days !== 'string' || !/^\d{1,3}$/.test(days)) {
      problems.push({
        field: 'days',
        message: {
          en: 'Give the number of working days as a whole number from 0 to 999.',
          hi: 'कार्य दिवसों की संख्या 0 से 999 तक पूर्ण संख्या में दें।',
        },
      });
    }
    if (problems.length > 0) {
      throw new BadRequest(
        {
          en: 'The due date cannot be worked out from this request.',
          hi: 'इस अनुरोध से नियत तिथि नहीं निकाली जा सकती।',
        },
        problems,
      );
    }
    const district = await District.query().findOne({ code: ctx.params.code ?? '' });
    if (!district) throw unknownDistrict(ctx.params.code ?? '');
    const calendar = await currentHolidayCalendar();
    try {
      const dueDate = addWorkingDays(from as string, n, districtCalendar(calendar.body, district.code));
      ctx.body = {
        district: district.code,
        from,
        workingDays: n,
        dueDate,
        holidayCalendarVersion: calendar.version,
      };
    } catch (err) {
      if (!(err instanceof CalendarRangeError)) throw err;
      throw new BadRequest(
        {
          en: `The holiday calendar for ${err.year} is not loaded yet, so a due date in ${err.year} cannot be given.`,
          hi: `${err.year} का अवकाश कैलेंडर अभी उपलब्ध नहीं है, इसलिए ${err.year} की नियत तिथि नहीं दी जा सकती।`,
        },
        undefined,
        'calendar_not_loaded',
      );
    }
  });

  return router;
}

function unknownDistrict(code: string): NotFound {
  return new NotFound(
    {
      en: `There is no district with the code "${code}". See /api/v1/districts for the list.`,
      hi: `"${code}" कोड का कोई जिला नहीं है। सूची /api/v1/districts पर देखें।`,
    },
    'unknown_district',
  );
}
