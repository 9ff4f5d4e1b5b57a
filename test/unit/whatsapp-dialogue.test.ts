// The WhatsApp bot's dialogue, as a pure state machine over the seed reference data: the menu,
// case status, the guided complaint, scheme information, feedback, expiry and bad input.
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import {
  advance,
  findCaseNumber,
  findDistrict,
  findSchemes,
  IDLE_MS,
  settle,
  type ComplaintFacts,
  type Conversation,
  type DialogueState,
  type Reference,
  type Step,
} from '../../server/whatsapp/dialogue';

const seed = <T>(file: string): T =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '../../db/seeds/data', file), 'utf8')) as T;

const reference: Reference = {
  districts: seed('districts.json'),
  departments: seed('departments.json'),
  subjects:
    seed<{ code: string; department: string; nameEn: string; nameHi: string }[]>('complaint-subjects.json'),
  schemes: seed('schemes.json'),
};

const NOW = Date.UTC(2026, 11, 2, 6, 30);
const DEVANAGARI = /[\u0900-\u097F]/;

/** Sends one message in a conversation and returns the step, checking every reply is bilingual. */
function say(state: DialogueState, text: string | null, updatedAt: number | null = NOW - 60_000): Step {
  const conversation: Conversation = { state, updatedAt };
  const step = advance(conversation, { text }, { now: NOW, reference });
  for (const reply of step.replies) {
    expect(reply.hi, 'Hindi reply').to.match(DEVANAGARI);
    expect(reply.en, 'English reply').to.match(/[A-Za-z]/);
  }
  return step;
}

/** Walks a conversation through several messages (no effects expected on the way). */
function walk(...texts: string[]): Step {
  let state: DialogueState = { step: 'menu' };
  let step: Step | undefined;
  for (const text of texts) {
    step = say(state, text);
    expect(step.effect, `no effect after "${text}"`).to.equal(undefined);
    state = step.state;
  }
  return step!;
}

const menuShown = (step: Step) => {
  expect(step.state).to.deep.equal({ step: 'menu' });
  const last = step.replies.at(-1)!;
  for (const option of ['1 —', '2 —', '3 —', '4 —']) {
    expect(last.hi).to.contain(option);
    expect(last.en).to.contain(option);
  }
  expect(last.hi).to.contain('शिकायत या आवेदन की स्थिति');
  expect(last.en).to.contain('Register a new complaint');
};

const complaint = (overrides: Partial<ComplaintFacts> = {}): ComplaintFacts => ({
  kind: 'complaint',
  number: 'CMH/2026/000123',
  hidden: false,
  status: 'open',
  statusLabel: { en: 'open, with the officer', hi: 'खुली, अधिकारी के पास' },
  closureLabel: null,
  level: 'L1',
  subject: { en: 'No electricity supply', hi: 'बिजली आपूर्ति बंद' },
  dueAt: '2026-12-10T18:29:59.999Z',
  resolution: null,
  ...overrides,
});

describe('WhatsApp dialogue', () => {
  describe('the menu', () => {
    it('answers "Hi", "नमस्ते" and a first message with the menu in Hindi and English', () => {
      for (const greeting of ['Hi', 'hello!', 'नमस्ते', 'Namaste', 'MENU']) {
        const step = say({ step: 'menu' }, greeting, null);
        expect(step.replies).to.have.length(1);
        menuShown(step);
        expect(step.replies[0]!.en).not.to.contain('did not understand');
      }
    });

    it('answers anything it does not understand with the menu', () => {
      const step = say({ step: 'menu' }, 'what is this?');
      menuShown(step);
      expect(step.replies[0]!.en).to.contain('did not understand');
      expect(step.replies[0]!.hi).to.contain('समझ नहीं आया');
    });

    it('takes the options as Devanagari digits too, and 0 goes back to the menu from any step', () => {
      expect(say({ step: 'menu' }, '२').state).to.deep.equal({ step: 'complaint-district' });
      const back = say({ step: 'complaint-description', district: 'bhopal', subject: 'eng-no-supply' }, '0');
      menuShown(back);
    });

    it('answers a photo or voice note by saying it reads only text, and asks the same question again', () => {
      const state: DialogueState = { step: 'complaint-district' };
      const step = say(state, null);
      expect(step.state).to.deep.equal(state);
      expect(step.replies[0]!.en).to.contain('only typed messages');
      expect(step.replies[0]!.en).to.contain('which district');
    });
  });

  describe('status of a case', () => {
    it('reads complaint and application numbers however they are typed', () => {
      expect(findCaseNumber('CMH/2026/000123')).to.equal('CMH/2026/000123');
      expect(findCaseNumber('cmh-2026-123')).to.equal('CMH/2026/000123');
      expect(findCaseNumber('status of CMH / 2026 / 45 please')).to.equal('CMH/2026/000045');
      expect(findCaseNumber('lsg/inc/2026/000123')).to.equal('LSG/INC/2026/000123');
      expect(findCaseNumber('LSG-KHS-2026-7')).to.equal('LSG/KHS/2026/000007');
      // Past 999,999 cases in a year the serial has seven digits.
      expect(findCaseNumber('CMH/2026/1000001')).to.equal('CMH/2026/1000001');
      expect(findCaseNumber('lsg-inc-2026-1234567')).to.equal('LSG/INC/2026/1234567');
      expect(findCaseNumber('123456')).to.equal(null);
    });

    it('asks for the number after option 1, then asks for the case to be looked up', () => {
      const asked = walk('1');
      expect(asked.state).to.deep.equal({ step: 'status-number' });
      expect(asked.replies[0]!.en).to.contain('CMH/2026/000123');
      const bad = say(asked.state, 'my complaint');
      expect(bad.state).to.deep.equal({ step: 'status-number' });
      expect(bad.replies[0]!.en).to.contain('does not look like');
      const lookup = say(asked.state, 'CMH/2026/000123');
      expect(lookup.effect).to.deep.equal({ kind: 'case-status', number: 'CMH/2026/000123' });
    });

    it('looks a number up straight from the menu', () => {
      expect(say({ step: 'menu' }, 'LSG/INC/2026/000001').effect).to.deep.equal({
        kind: 'case-status',
        number: 'LSG/INC/2026/000001',
      });
    });

    it("shows the sender's own complaint: status, level, due date", () => {
      const step = settle(
        { kind: 'case-status', number: 'CMH/2026/000123', found: complaint() },
        { step: 'status-number' },
        reference,
      );
      expect(step.state).to.deep.equal({ step: 'menu' });
      const [reply] = step.replies;
      expect(reply!.hi)
        .to.contain('शिकायत CMH/2026/000123')
        .and.contain('खुली, अधिकारी के पास')
        .and.contain('L1');
      expect(reply!.en).to.contain('Complaint CMH/2026/000123').and.contain('open, with the officer');
      expect(reply!.en).to.contain('10 Dec 2026'); // the end of 10 Dec in India time
    });

    it('shows an application with its service, status and due date', () => {
      const step = settle(
        {
          kind: 'case-status',
          number: 'LSG/INC/2026/000001',
          found: {
            kind: 'application',
            number: 'LSG/INC/2026/000001',
            service: { en: 'Income certificate', hi: 'आय प्रमाण पत्र' },
            status: 'pending-decision',
            statusLabel: { en: 'pending the officer’s decision', hi: 'अधिकारी के निर्णय हेतु लंबित' },
            dueDate: '2026-12-07',
            breached: true,
          },
        },
        { step: 'status-number' },
        reference,
      );
      expect(step.replies[0]!.hi).to.contain('आय प्रमाण पत्र').and.contain('अधिकारी के निर्णय हेतु लंबित');
      expect(step.replies[0]!.en).to.contain('7 Dec 2026').and.contain('first appeal');
    });

    it("says a number is not found — the same words whether it is someone else's or nobody's", () => {
      const step = settle(
        { kind: 'case-status', number: 'CMH/2026/000999', found: null },
        { step: 'menu' },
        reference,
      );
      expect(step.state).to.deep.equal({ step: 'status-number' });
      expect(step.replies[0]!.en).to.contain(
        'No complaint or application CMH/2026/000999 registered with your mobile',
      );
      expect(step.replies[0]!.en).not.to.match(/someone|another|belongs/i);
    });

    it('gives no details of a Mahila Helpline case over WhatsApp', () => {
      const step = settle(
        {
          kind: 'case-status',
          number: 'CMH/2026/000123',
          found: complaint({ hidden: true, resolution: 'x' }),
        },
        { step: 'status-number' },
        reference,
      );
      expect(step.replies[0]!.en).to.contain('call 181');
      expect(step.replies[0]!.en).not.to.contain('Status');
    });

    it('invites feedback on a resolved complaint', () => {
      const step = settle(
        {
          kind: 'case-status',
          number: 'CMH/2026/000123',
          found: complaint({ status: 'resolved', resolution: 'Transformer replaced' }),
        },
        { step: 'menu' },
        reference,
      );
      expect(step.replies[0]!.en).to.contain('Resolution: Transformer replaced').and.contain('Send 4');
    });
  });

  describe('a new complaint', () => {
    it('guides district → common subject → description → confirmation, then asks for it to be registered', () => {
      const district = walk('2');
      expect(district.replies[0]!.hi).to.contain('जिला');
      const subject = say(district.state, 'Bhopal');
      expect(subject.state).to.deep.equal({ step: 'complaint-subject', district: 'bhopal' });
      expect(subject.replies[0]!.hi).to.contain('1. बिजली आपूर्ति बंद').and.contain('9. अन्य');
      expect(subject.replies[0]!.en).to.contain('1. No electricity supply').and.contain('9. Other');
      const description = say(subject.state, '1');
      expect(description.state).to.deep.equal({
        step: 'complaint-description',
        district: 'bhopal',
        subject: 'eng-no-supply',
      });
      const tooShort = say(description.state, 'no light');
      expect(tooShort.state).to.deep.equal(description.state);
      expect(tooShort.replies[0]!.en).to.contain('10 to 2000 characters');
      const text = 'गाँव बिलखिरिया कलाँ में तीन दिन से बिजली नहीं है';
      const confirm = say(description.state, `  ${text}  `);
      expect(confirm.state).to.deep.equal({
        step: 'complaint-confirm',
        district: 'bhopal',
        subject: 'eng-no-supply',
        description: text,
      });
      expect(confirm.replies[0]!.hi)
        .to.contain('जिला: भोपाल')
        .and.contain('बिजली आपूर्ति बंद (ऊर्जा)')
        .and.contain(text);
      expect(confirm.replies[0]!.en)
        .to.contain('District: Bhopal')
        .and.contain('No electricity supply (Energy)');
      const register = say(confirm.state, '1');
      expect(register.effect).to.deep.equal({
        kind: 'register-complaint',
        draft: { district: 'bhopal', subject: 'eng-no-supply', description: text },
      });
      const done = settle(
        { kind: 'complaint-registered', complaintNumber: 'CMH/2026/000042', duplicateOf: null },
        confirm.state,
        reference,
      );
      expect(done.state).to.deep.equal({ step: 'menu' });
      expect(done.replies[0]!.hi).to.contain('CMH/2026/000042');
      expect(done.replies[0]!.en).to.contain('registered as CMH/2026/000042');
    });

    it('offers every subject through its department', () => {
      const departments = say({ step: 'complaint-subject', district: 'sagar' }, '9');
      expect(departments.state).to.deep.equal({ step: 'complaint-department', district: 'sagar' });
      const listed = departments.replies[0]!.en.split('\n').filter((l) => /^\d+\. /.test(l));
      const energy = listed.findIndex((l) => l.endsWith('Energy'));
      expect(energy).to.be.greaterThan(-1);
      expect(departments.replies[0]!.en).not.to.contain('Tribal Affairs'); // no subjects of its own
      const subjects = say(departments.state, String(energy + 1));
      expect(subjects.state).to.deep.equal({
        step: 'complaint-department-subject',
        district: 'sagar',
        department: 'energy',
      });
      expect(subjects.replies[0]!.en).to.contain('Transformer burnt or faulty');
      const line = subjects.replies[0]!.en.split('\n').find((l) => l.includes('Transformer'))!;
      const picked = say(subjects.state, line.split('.')[0]!);
      expect(picked.state).to.deep.equal({
        step: 'complaint-description',
        district: 'sagar',
        subject: 'eng-transformer',
      });
      expect(say(subjects.state, '99').replies[0]!.en).to.contain('Send one of the numbers');
    });

    it('finds districts by Hindi or English name, code or a unique beginning', () => {
      expect(findDistrict(reference.districts, 'भोपाल').found?.code).to.equal('bhopal');
      expect(findDistrict(reference.districts, 'Agar Malwa').found?.code).to.equal('agar-malwa');
      expect(findDistrict(reference.districts, 'narmada').found?.code).to.equal('narmadapuram');
      const several = findDistrict(reference.districts, 'sha');
      expect(several.found).to.equal(undefined);
      expect(several.candidates.map((d) => d.code)).to.include.members(['shahdol', 'shajapur']);
      const step = say({ step: 'complaint-district' }, 'sha');
      expect(step.state).to.deep.equal({ step: 'complaint-district' });
      expect(step.replies[0]!.en).to.contain('Shahdol').and.contain('Shajapur');
      const unknown = say({ step: 'complaint-district' }, 'Lucknow');
      expect(unknown.replies[0]!.en).to.contain('No district named "Lucknow"');
    });

    it('registers nothing when the citizen cancels at the confirmation', () => {
      const step = say(
        {
          step: 'complaint-confirm',
          district: 'bhopal',
          subject: 'udh-garbage',
          description: 'x'.repeat(20),
        },
        '2',
      );
      expect(step.effect).to.equal(undefined);
      menuShown(step);
      expect(step.replies[0]!.en).to.contain('was not registered');
    });

    it('tells of a duplicate and of a refusal (the daily limit) in both languages', () => {
      const duplicate = settle(
        { kind: 'complaint-registered', complaintNumber: 'CMH/2026/000007', duplicateOf: 'CMH/2026/000007' },
        { step: 'menu' },
        reference,
      );
      expect(duplicate.replies[0]!.en).to.contain('already registered as complaint CMH/2026/000007');
      const refused = settle(
        { kind: 'refused', message: { en: 'daily limit reached', hi: 'दैनिक सीमा पूरी' } },
        { step: 'menu' },
        reference,
      );
      expect(refused.replies[0]!.hi).to.contain('दैनिक सीमा पूरी');
    });

    it('keeps the step when something breaks on our side, so the same answer can be sent again', () => {
      const before: DialogueState = {
        step: 'complaint-confirm',
        district: 'bhopal',
        subject: 'udh-garbage',
        description: 'x'.repeat(20),
      };
      const step = settle({ kind: 'failed' }, before, reference);
      expect(step.state).to.deep.equal(before);
      expect(step.replies[0]!.en).to.contain('send your answer again');
    });
  });

  describe('scheme information', () => {
    it('answers a keyword that names one scheme with its summary, eligibility and how to apply', () => {
      const asked = walk('3');
      expect(asked.state).to.deep.equal({ step: 'scheme-query' });
      const step = say(asked.state, 'राशन');
      expect(step.state).to.deep.equal({ step: 'menu' });
      expect(step.replies[0]!.hi).to.contain('पात्रता:').and.contain('आवेदन कैसे करें:');
      expect(step.replies[0]!.en).to.contain('Public Distribution System').and.contain('Eligibility:');
    });

    it('lists the schemes a keyword matches and answers the one chosen', () => {
      expect(findSchemes(reference.schemes, 'ladli').map((s) => s.code)).to.have.members([
        'ladli-behna',
        'ladli-laxmi',
      ]);
      const list = say({ step: 'scheme-query' }, 'ladli');
      expect(list.state).to.deep.include({ step: 'scheme-pick' });
      const lines = list.replies[0]!.en.split('\n').filter((l) => /^\d+\. /.test(l));
      expect(lines).to.have.length(2);
      const laxmi = lines.findIndex((l) => l.includes('Laxmi')) + 1;
      const chosen = say(list.state, String(laxmi));
      expect(chosen.replies[0]!.en).to.contain('Ladli Laxmi Yojana').and.contain('How to apply');
      const all = say({ step: 'scheme-query' }, 'सूची');
      expect(all.state).to.deep.equal({ step: 'scheme-pick', schemes: reference.schemes.map((s) => s.code) });
    });

    it('says when no scheme matches and waits for another word', () => {
      const step = say({ step: 'scheme-query' }, 'helicopter');
      expect(step.state).to.deep.equal({ step: 'scheme-query' });
      expect(step.replies[0]!.en).to.contain('No scheme was found for "helicopter"');
    });
  });

  describe('feedback on a resolved complaint', () => {
    const resolved = {
      number: 'CMH/2026/000010',
      subject: { en: 'Hand pump broken', hi: 'हैंडपंप खराब' },
      resolution: 'हैंडपंप ठीक कर दिया गया',
    };

    it("asks for the sender's resolved complaints, then whether they are satisfied, then records the answer", () => {
      const list = say({ step: 'menu' }, '4');
      expect(list.effect).to.deep.equal({ kind: 'resolved-complaints' });
      const question = settle(
        { kind: 'resolved-complaints', complaints: [resolved] },
        { step: 'menu' },
        reference,
      );
      expect(question.state).to.deep.equal({ step: 'feedback-answer', complaint: resolved });
      expect(question.replies[0]!.hi).to.contain('हैंडपंप ठीक कर दिया गया').and.contain('संतुष्ट');
      expect(question.replies[0]!.en).to.contain('Are you satisfied');
      const answer = say(question.state, 'हाँ');
      expect(answer.effect).to.deep.equal({
        kind: 'feedback',
        complaintNumber: 'CMH/2026/000010',
        satisfied: true,
      });
      expect(say(question.state, '2').effect).to.deep.include({ satisfied: false });
      const thanks = settle(
        { kind: 'feedback-recorded', complaintNumber: 'CMH/2026/000010', satisfied: true },
        question.state,
        reference,
      );
      expect(thanks.state).to.deep.equal({ step: 'menu' });
      expect(thanks.replies[0]!.en).to.contain('Thank you');
      const sorry = settle(
        { kind: 'feedback-recorded', complaintNumber: 'CMH/2026/000010', satisfied: false },
        question.state,
        reference,
      );
      expect(sorry.replies[0]!.en).to.contain('reopened');
    });

    it('lets the sender choose among several, and says so when there are none', () => {
      const other = { ...resolved, number: 'CMH/2026/000011' };
      const pick = settle(
        { kind: 'resolved-complaints', complaints: [resolved, other] },
        { step: 'menu' },
        reference,
      );
      expect(pick.state).to.deep.equal({ step: 'feedback-pick', complaints: [resolved, other] });
      expect(say(pick.state, '2').state).to.deep.equal({ step: 'feedback-answer', complaint: other });
      const none = settle({ kind: 'resolved-complaints', complaints: [] }, { step: 'menu' }, reference);
      expect(none.state).to.deep.equal({ step: 'menu' });
      expect(none.replies[0]!.en).to.contain('no resolved complaint');
    });
  });

  describe('expiry', () => {
    const halfway: DialogueState = {
      step: 'complaint-description',
      district: 'bhopal',
      subject: 'eng-no-supply',
    };
    const text = 'तीन दिन से बिजली नहीं है, ट्रांसफार्मर जल गया';

    it('goes back to the menu after 30 minutes idle, without using the message', () => {
      const step = say(halfway, text, NOW - IDLE_MS - 1);
      expect(step.effect).to.equal(undefined);
      menuShown(step);
      expect(step.replies[0]!.en).to.contain('ended after 30 minutes');
    });

    it('carries on within 30 minutes', () => {
      expect(say(halfway, text, NOW - IDLE_MS + 60_000).state).to.deep.include({ step: 'complaint-confirm' });
    });
  });
});
