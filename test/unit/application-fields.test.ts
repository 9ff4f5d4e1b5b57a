import { expect } from 'chai';
import { dueDateAfterPause, dueDateFor, timeLimitWorkingDays } from '../../lib/application-clock';
import { findService, maskNumber, validateApplicationFields, type PlaceLookup } from '../../lib/catalogue';
import { issueStaffToken, verifyStaffToken } from '../../lib/staff-token';
import { catalogue } from '../helpers/applications';

const places: PlaceLookup = {
  villageExists: (v) => v === 'bhopal-huzur-bilkhiriya-kalan',
  villageInTehsil: (v, t) => v === 'bhopal-huzur-bilkhiriya-kalan' && t === 'bhopal-huzur',
  tehsilInDistrict: (t, d) => t === 'bhopal-huzur' && d === 'bhopal',
};
const income = findService(catalogue, 'INC')!;
const good = {
  applicantName: '  सुनीता   शर्मा ',
  guardianName: 'रामकृष्ण त्रिपाठी',
  gender: 'female',
  address: {
    line: 'H.No. 12, Gali 3',
    village: 'bhopal-huzur-bilkhiriya-kalan',
    tehsil: 'bhopal-huzur',
    district: 'bhopal',
  },
  purpose: 'Scholarship',
  incomeBySource: { agriculture: 60000, labour: 24000 },
  samagraId: '123456789',
  aadhaar: '234123412346',
  mobile: '9876543210',
};

describe('application fields, validated by the catalogue’s schema', () => {
  it('accepts a complete income certificate application and normalises names (NFC, spaces)', () => {
    const result = validateApplicationFields(income, good, places);
    expect(result.ok).to.be.true;
    if (result.ok) expect(result.fields.applicantName).to.equal('सुनीता शर्मा');
  });

  it('names every bad field, in Hindi and English', () => {
    const result = validateApplicationFields(
      income,
      { ...good, mobile: '12345', samagraId: 'abc', gender: 'x', aadhaar: '234123412345' },
      places,
    );
    expect(result.ok).to.be.false;
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).to.have.members(['mobile', 'samagraId', 'gender', 'aadhaar']);
    const mobile = result.errors.find((e) => e.field === 'mobile')!;
    expect(mobile.message.en).to.match(/^Mobile number: .*10-digit/);
    expect(mobile.message.hi).to.match(/^मोबाइल नंबर: .*10 अंकों/);
  });

  it('refuses fields the service does not have, and required fields left out', () => {
    const { purpose: _purpose, ...withoutPurpose } = good;
    const result = validateApplicationFields(income, { ...withoutPurpose, favouriteColour: 'blue' }, places);
    expect(result.ok).to.be.false;
    if (!result.ok) expect(result.errors.map((e) => e.field)).to.have.members(['favouriteColour', 'purpose']);
  });

  it('refuses an address whose village is not in its tehsil', () => {
    const result = validateApplicationFields(
      income,
      { ...good, address: { ...good.address, tehsil: 'bhopal-kolar' } },
      places,
    );
    expect(result.ok).to.be.false;
  });

  it('masks Samagra and Aadhaar numbers to the last four digits', () => {
    expect(maskNumber('234123412346')).to.equal('********2346');
  });
});

describe('the statutory clock of an application', () => {
  const calendar = { district: 'bhopal', years: [2026], weeklyOff: [0, 6], holidays: ['2026-03-04'] };

  it('gives a CM Jansewa (181) application its own shorter limit', () => {
    expect(timeLimitWorkingDays(income, 'web')).to.equal(3);
    expect(timeLimitWorkingDays(income, 'agent-181')).to.equal(1);
    expect(dueDateFor('2026-03-02', income, 'web', calendar)).to.equal('2026-03-06');
    expect(dueDateFor('2026-03-02', income, 'agent-181', calendar)).to.equal('2026-03-03');
  });

  it('adds the working days spent waiting on the applicant to the due date', () => {
    // Paused Mon 2 Mar, resumed Mon 9 Mar: 4 working days (4 Mar is a holiday) → due 6 Mar + 4.
    expect(dueDateAfterPause('2026-03-06', '2026-03-02', '2026-03-09', calendar)).to.equal('2026-03-12');
  });
});

describe('staff API tokens', () => {
  it('carry the officer code until they expire, and a changed byte voids them', () => {
    const token = issueStaffToken('MP-REV-0001', 'a-secret-of-enough-length', 60, 1_000_000);
    expect(verifyStaffToken(token, 'a-secret-of-enough-length', 1_000_000)?.sub).to.equal('MP-REV-0001');
    expect(verifyStaffToken(token, 'a-secret-of-enough-length', 1_000_000 + 61_000)).to.be.null;
    expect(verifyStaffToken(token, 'another-secret-entirely', 1_000_000)).to.be.null;
    expect(verifyStaffToken(`${token.slice(0, -2)}xx`, 'a-secret-of-enough-length', 1_000_000)).to.be.null;
  });
});
