import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../lib/paths';
import { districtCalendar, stateCalendar, type HolidayCalendarPolicy } from '../../lib/policy';
import {
  addWorkingDays,
  CalendarRangeError,
  endOfDayIst,
  istDate,
  isWorkingDay,
  weekday,
  workingDaysBetween,
  workingDaysInYear,
  type WorkingDayCalendar,
} from '../../lib/working-days';

const seed = (file: string): unknown =>
  JSON.parse(fs.readFileSync(path.join(projectRoot, 'db', 'seeds', 'data', file), 'utf8'));
const policy = {
  ...(seed('calendar.json') as object),
  ...(seed('holidays.json') as object),
} as HolidayCalendarPolicy;

/** A small calendar whose every holiday is visible in the test. */
const plain: WorkingDayCalendar = {
  district: 'test',
  years: [2026, 2027],
  weeklyOff: [0, 6],
  holidays: ['2026-03-02', '2026-03-03', '2026-03-04', '2026-12-31', '2027-01-01'],
};

describe('working days (कार्य दिवस)', () => {
  describe('the seeded calendars', () => {
    it('gives the 2026 state calendar 238 working days (261 weekdays less 23 weekday holidays)', () => {
      expect(workingDaysInYear(2026, stateCalendar(policy))).to.equal(238);
    });

    it('takes a district’s three local holidays off on top: Bhopal 2026 has 235', () => {
      const local = policy.local.filter((h) => h.district === 'bhopal' && h.date.startsWith('2026'));
      expect(local).to.have.length(3);
      expect(workingDaysInYear(2026, districtCalendar(policy, 'bhopal'))).to.equal(235);
    });

    it('counts Makar Sankranti on 14 Jan in Bhopal but on 15 Jan in Vidisha', () => {
      const bhopal = districtCalendar(policy, 'bhopal');
      const vidisha = districtCalendar(policy, 'vidisha');
      expect(isWorkingDay('2026-01-14', bhopal)).to.be.false;
      expect(isWorkingDay('2026-01-14', vidisha)).to.be.true;
      expect(isWorkingDay('2026-01-15', vidisha)).to.be.false;
      // Received Tuesday 13 Jan, 3 working days: Bhopal skips the 14th, Vidisha the 15th.
      expect(addWorkingDays('2026-01-13', 3, bhopal)).to.equal('2026-01-19');
      expect(addWorkingDays('2026-01-13', 3, vidisha)).to.equal('2026-01-19');
      expect(addWorkingDays('2026-01-13', 1, bhopal)).to.equal('2026-01-15');
      expect(addWorkingDays('2026-01-13', 1, vidisha)).to.equal('2026-01-14');
    });

    it('skips Republic Day, a Monday, in every district', () => {
      expect(addWorkingDays('2026-01-23', 1, districtCalendar(policy, 'indore'))).to.equal('2026-01-27');
    });

    it('has three local holidays for every district in every loaded year, all on weekdays', () => {
      const districts = seed('districts.json') as { code: string }[];
      expect(districts).to.have.length(55);
      for (const { code } of districts) {
        for (const year of policy.years) {
          const days = policy.local.filter((h) => h.district === code && h.date.startsWith(String(year)));
          expect(days, `${code} ${year}`).to.have.length(3);
          for (const h of days) expect(weekday(h.date), `${code} ${h.date}`).to.be.within(1, 5);
        }
      }
    });
  });

  describe('addWorkingDays', () => {
    it('is due the same day for a limit of 0', () => {
      expect(addWorkingDays('2026-06-10', 0, plain)).to.equal('2026-06-10');
    });

    it('does not count the day of receipt: 1 working day from a Friday is the Monday', () => {
      expect(weekday('2026-06-12')).to.equal(5);
      expect(addWorkingDays('2026-06-12', 1, plain)).to.equal('2026-06-15');
    });

    it('counts from a Saturday receipt as from the weekend: 1 working day is the Monday', () => {
      expect(addWorkingDays('2026-06-13', 1, plain)).to.equal('2026-06-15');
    });

    it('crosses a month end', () => {
      expect(addWorkingDays('2026-04-29', 3, plain)).to.equal('2026-05-04');
      expect(addWorkingDays('2026-02-27', 1, plain)).to.equal('2026-03-05'); // weekend, then a 3-day holiday run
    });

    it('jumps a run of holidays that follows a weekend', () => {
      expect(addWorkingDays('2026-02-27', 2, plain)).to.equal('2026-03-06');
    });

    it('crosses the year boundary, skipping 31 Dec and 1 Jan holidays', () => {
      expect(addWorkingDays('2026-12-30', 1, plain)).to.equal('2027-01-04');
    });

    it('counts a 30-working-day limit over six calendar weeks', () => {
      // 2026-06-01 is a Monday; the day of receipt not counted, the 30th working day is the Monday six weeks on.
      expect(addWorkingDays('2026-06-01', 30, plain)).to.equal('2026-07-13');
    });

    it('refuses to guess beyond the loaded years', () => {
      expect(() => addWorkingDays('2027-12-30', 5, plain)).to.throw(CalendarRangeError, /2028/);
    });

    it('refuses a negative or fractional limit and an impossible date', () => {
      expect(() => addWorkingDays('2026-06-01', -1, plain)).to.throw(RangeError);
      expect(() => addWorkingDays('2026-06-01', 1.5, plain)).to.throw(RangeError);
      expect(() => addWorkingDays('2026-02-30', 1, plain)).to.throw(RangeError, /no such date/);
    });
  });

  describe('workingDaysBetween', () => {
    it('counts the working days after the first date up to and including the second', () => {
      expect(workingDaysBetween('2026-06-12', '2026-06-15', plain)).to.equal(1);
      expect(workingDaysBetween('2026-02-27', '2026-03-06', plain)).to.equal(2);
      expect(workingDaysBetween('2026-06-15', '2026-06-15', plain)).to.equal(0);
      expect(workingDaysBetween('2026-06-15', '2026-06-01', plain)).to.equal(0);
    });

    it('is the inverse of addWorkingDays', () => {
      for (const days of [0, 1, 7, 30]) {
        const due = addWorkingDays('2026-11-20', days, plain);
        expect(workingDaysBetween('2026-11-20', due, plain)).to.equal(days);
      }
    });
  });

  describe('India Standard Time', () => {
    it('gives the Indian date of an instant (UTC+05:30)', () => {
      expect(istDate(Date.parse('2026-03-01T18:29:59Z'))).to.equal('2026-03-01');
      expect(istDate(Date.parse('2026-03-01T18:30:00Z'))).to.equal('2026-03-02');
    });

    it('ends a due date at 23:59:59.999 in India', () => {
      expect(new Date(endOfDayIst('2026-03-02')).toISOString()).to.equal('2026-03-02T18:29:59.999Z');
    });
  });
});
