// The WhatsApp bot's dialogue as a pure state machine. advance() takes a sender's conversation and
// their message and gives the next state, the replies (each in Hindi and English) and at most one
// effect for the I/O module to carry out (look up a case, register a complaint, list resolved
// complaints, record feedback); settle() turns the effect's outcome into the replies and state.
// No I/O and no clock of its own: every path is unit-tested (test/unit/whatsapp-dialogue.test.ts).
import type { Bilingual } from '../i18n';

/** A conversation idle this long starts again from the menu. */
export const IDLE_MS = 30 * 60_000;

export const DESCRIPTION_MIN = 10;
export const DESCRIPTION_MAX = 2000;

/** The subjects most complained about, offered first (the rest through their department). */
export const COMMON_SUBJECTS = [
  'eng-no-supply',
  'phe-handpump',
  'phe-tap-water',
  'fcs-ration-not-received',
  'udh-garbage',
  'udh-streetlight',
  'wcd-ladli-behna',
  'prd-pmay-instalment',
];

// ---- reference data (read by the I/O module, passed in) ------------------------------------------

export interface Named {
  code: string;
  nameEn: string;
  nameHi: string;
}

export interface Subject extends Named {
  department: string;
}

/** A scheme of the knowledge base (table schemes, column article). */
export interface SchemeArticle extends Named {
  summaryEn: string;
  summaryHi: string;
  eligibilityEn: string;
  eligibilityHi: string;
  howToApplyEn: string;
  howToApplyHi: string;
  keywords: string[];
}

export interface Reference {
  districts: Named[];
  departments: Named[];
  subjects: Subject[];
  schemes: SchemeArticle[];
}

// ---- state, input, effects, outcomes -------------------------------------------------------------

export interface ComplaintDraft {
  district: string;
  subject: string;
  description: string;
}

export interface ResolvedComplaint {
  number: string;
  subject: Bilingual;
  resolution: string | null;
}

export type DialogueState =
  | { step: 'menu' }
  | { step: 'status-number' }
  | { step: 'complaint-district' }
  | { step: 'complaint-subject'; district: string }
  | { step: 'complaint-department'; district: string }
  | { step: 'complaint-department-subject'; district: string; department: string }
  | { step: 'complaint-description'; district: string; subject: string }
  | { step: 'complaint-confirm'; district: string; subject: string; description: string }
  | { step: 'scheme-query' }
  | { step: 'scheme-pick'; schemes: string[] }
  | { step: 'feedback-pick'; complaints: ResolvedComplaint[] }
  | { step: 'feedback-answer'; complaint: ResolvedComplaint };

export interface Conversation {
  state: DialogueState;
  /** When the sender last wrote (ms since the epoch); null for a new sender. */
  updatedAt: number | null;
}

/** What the sender sent: the text typed or the option chosen; null for a photo, voice note, etc. */
export interface Message {
  text: string | null;
}

export type Effect =
  | { kind: 'case-status'; number: string }
  | { kind: 'register-complaint'; draft: ComplaintDraft }
  | { kind: 'resolved-complaints' }
  | { kind: 'feedback'; complaintNumber: string; satisfied: boolean };

export interface Step {
  state: DialogueState;
  replies: Bilingual[];
  effect?: Effect;
}

export interface ComplaintFacts {
  kind: 'complaint';
  number: string;
  /** Mahila Helpline cases: no details over WhatsApp. */
  hidden: boolean;
  status: string;
  statusLabel: Bilingual;
  closureLabel: Bilingual | null;
  level: string;
  subject: Bilingual;
  dueAt: string | null;
  resolution: string | null;
}

export interface ApplicationFacts {
  kind: 'application';
  number: string;
  service: Bilingual;
  status: string;
  statusLabel: Bilingual;
  dueDate: string;
  breached: boolean;
}

export type Outcome =
  | { kind: 'case-status'; number: string; found: ComplaintFacts | ApplicationFacts | null }
  | { kind: 'complaint-registered'; complaintNumber: string; duplicateOf: string | null }
  | { kind: 'resolved-complaints'; complaints: ResolvedComplaint[] }
  | { kind: 'feedback-recorded'; complaintNumber: string; satisfied: boolean }
  /** Jan Setu said no, with a reason the citizen can read (daily limit, already recorded, …). */
  | { kind: 'refused'; message: Bilingual }
  /** Something broke on our side: the citizen may send the same answer again. */
  | { kind: 'failed' };

// ---- texts ---------------------------------------------------------------------------------------

const say = (hi: string, en: string): Bilingual => ({ hi, en });

const join = (...parts: Bilingual[]): Bilingual => ({
  hi: parts.map((p) => p.hi).join('\n\n'),
  en: parts.map((p) => p.en).join('\n\n'),
});

const lines = (items: Bilingual[]): Bilingual => ({
  hi: items.map((p) => p.hi).join('\n'),
  en: items.map((p) => p.en).join('\n'),
});

const named = (n: { nameEn: string; nameHi: string }): Bilingual => ({ en: n.nameEn, hi: n.nameHi });

const numbered = (items: Bilingual[], from = 1): Bilingual =>
  lines(items.map((item, i) => say(`${i + from}. ${item.hi}`, `${i + from}. ${item.en}`)));

export const TEXT = {
  menu: say(
    [
      'नमस्ते! जन सेतु — सीएम हेल्पलाइन 181 एवं लोक सेवा गारंटी की व्हाट्सऐप सेवा में आपका स्वागत है।',
      'अंक भेजकर चुनें:',
      '1 — शिकायत या आवेदन की स्थिति',
      '2 — नई शिकायत दर्ज करें',
      '3 — योजना की जानकारी',
      '4 — निराकृत शिकायत पर अपनी प्रतिक्रिया',
      'कभी भी 0 भेजकर इस मेनू पर लौटें।',
    ].join('\n'),
    [
      'Namaste! Welcome to Jan Setu — CM Helpline 181 and Lok Seva Guarantee on WhatsApp.',
      'Reply with a number:',
      '1 — Status of a complaint or application',
      '2 — Register a new complaint',
      '3 — Information on a scheme',
      '4 — Feedback on a resolved complaint',
      'Send 0 at any time to come back to this menu.',
    ].join('\n'),
  ),
  notUnderstood: say('क्षमा करें, यह समझ नहीं आया।', 'Sorry, I did not understand that.'),
  expired: say(
    'आपकी पिछली बातचीत 30 मिनट तक उत्तर न मिलने से समाप्त हो गई। कृपया फिर से शुरू करें।',
    'Your previous conversation ended after 30 minutes without a reply. Please start again.',
  ),
  textOnly: say('मैं अभी केवल लिखे हुए संदेश पढ़ सकता हूँ।', 'I can read only typed messages for now.'),
  footer: say('मेनू के लिए 0 भेजें।', 'Send 0 for the menu.'),
  askNumber: say(
    'अपनी शिकायत या आवेदन का क्रमांक भेजें, जैसे CMH/2026/000123 या LSG/INC/2026/000123।',
    'Send the number of your complaint or application, e.g. CMH/2026/000123 or LSG/INC/2026/000123.',
  ),
  badNumber: say(
    'यह शिकायत या आवेदन क्रमांक नहीं लगता।',
    'That does not look like a complaint or application number.',
  ),
  askDistrict: say(
    'नई शिकायत (चरण 1/4): आपका जिला कौन सा है? जिले का नाम लिखें, जैसे भोपाल।',
    'New complaint (step 1/4): which district are you in? Type its name, e.g. Bhopal.',
  ),
  askDescription: say(
    [
      'नई शिकायत (चरण 3/4): अपनी समस्या संक्षेप में लिखें — क्या हुआ, कब से, और कहाँ',
      `(गाँव या वार्ड, तहसील या विकासखंड का नाम भी)। ${DESCRIPTION_MIN} से ${DESCRIPTION_MAX} अक्षर।`,
    ].join(' '),
    [
      'New complaint (step 3/4): describe the problem briefly — what happened, since when and where',
      `(name the village or ward, and the tehsil or block). ${DESCRIPTION_MIN} to ${DESCRIPTION_MAX} characters.`,
    ].join(' '),
  ),
  descriptionLength: say(
    `विवरण ${DESCRIPTION_MIN} से ${DESCRIPTION_MAX} अक्षरों का होना चाहिए।`,
    `The description must be ${DESCRIPTION_MIN} to ${DESCRIPTION_MAX} characters long.`,
  ),
  cancelled: say('शिकायत दर्ज नहीं की गई।', 'The complaint was not registered.'),
  askScheme: say(
    'योजना के बारे में कोई शब्द लिखें, जैसे राशन, पेंशन, किसान, आवास — या सभी योजनाएँ देखने के लिए "सूची" भेजें।',
    'Type a word about the scheme, e.g. ration, pension, kisan, awas — or send "list" to see all schemes.',
  ),
  pickNumber: say('सूची में से एक अंक भेजें।', 'Send one of the numbers in the list.'),
  noResolved: say(
    'आपके मोबाइल नंबर की कोई निराकृत शिकायत प्रतिक्रिया हेतु लंबित नहीं है।',
    'You have no resolved complaint waiting for your feedback.',
  ),
  tryAgain: say(
    'क्षमा करें, हमारी ओर से कोई समस्या हुई। कृपया एक मिनट बाद अपना उत्तर फिर से भेजें।',
    'Sorry, something went wrong on our side. Please send your answer again in a minute.',
  ),
  hiddenCase: say('इस प्रकरण की जानकारी के लिए कृपया 181 पर कॉल करें।', 'For this case, please call 181.'),
};

// ---- reading what the sender typed ---------------------------------------------------------------

const DEVANAGARI_DIGITS = '०१२३४५६७८९';

/** Folds Devanagari digits to ASCII, NFC, trims and lowercases. */
export function normalise(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[०-९]/g, (d) => String(DEVANAGARI_DIGITS.indexOf(d)))
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** A bare number like "2", "2.", "(2)": the option chosen; null otherwise. */
export function choice(text: string): number | null {
  const m = /^\(?(\d{1,2})[.)]?$/.exec(normalise(text));
  return m ? Number(m[1]) : null;
}

const GREETINGS = new Set([
  'hi',
  'hii',
  'hello',
  'helo',
  'hey',
  'namaste',
  'namaskar',
  'नमस्ते',
  'नमस्कार',
  'menu',
  'मेनू',
  'start',
  'शुरू',
  'cancel',
  'रद्द',
]);

const isMenuCommand = (text: string) => {
  const t = normalise(text).replace(/[!.।?]+$/, '');
  return t === '0' || GREETINGS.has(t);
};

const YES = new Set(['yes', 'y', 'haan', 'han', 'ha', 'ji', 'हाँ', 'हां', 'हा', 'जी']);
const NO = new Set(['no', 'n', 'nahi', 'nahin', 'नहीं', 'नही', 'ना']);

function yesNo(text: string): boolean | null {
  const t = normalise(text).replace(/[!.।]+$/, '');
  if (t === '1' || YES.has(t)) return true;
  if (t === '2' || NO.has(t)) return false;
  return null;
}

/**
 * A complaint (CMH/2026/000123) or application (LSG/INC/2026/000123) number anywhere in the text;
 * serials pass six digits once a year has more than 999,999 cases.
 */
export function findCaseNumber(text: string): string | null {
  const t = normalise(text).toUpperCase();
  const complaint = /\bCMH\s*[/-]\s*(\d{4})\s*[/-]\s*(\d{1,9})\b/.exec(t);
  if (complaint) return `CMH/${complaint[1]}/${complaint[2]!.padStart(6, '0')}`;
  const application = /\bLSG\s*[/-]\s*([A-Z]{3})\s*[/-]\s*(\d{4})\s*[/-]\s*(\d{1,9})\b/.exec(t);
  if (application) return `LSG/${application[1]}/${application[2]}/${application[3]!.padStart(6, '0')}`;
  return null;
}

const squash = (s: string) => normalise(s).replace(/[\s\-_.,'"()/]+/g, '');

/** The district the sender named: exact name (Hindi or English) or code, else a unique prefix. */
export function findDistrict(districts: Named[], text: string): { found?: Named; candidates: Named[] } {
  const q = squash(text);
  if (q.length < 2) return { candidates: [] };
  const exact = districts.find((d) => [d.code, d.nameEn, d.nameHi].some((n) => squash(n) === q));
  if (exact) return { found: exact, candidates: [exact] };
  const prefixed =
    q.length >= 3
      ? districts.filter((d) => [d.code, d.nameEn, d.nameHi].some((n) => squash(n).startsWith(q)))
      : [];
  return prefixed.length === 1 ? { found: prefixed[0], candidates: prefixed } : { candidates: prefixed };
}

const words = (s: string) =>
  normalise(s)
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((w) => w.length >= 2);

/** Schemes whose keywords or names match the words typed, best first. */
export function findSchemes(schemes: SchemeArticle[], query: string): SchemeArticle[] {
  const q = normalise(query);
  const tokens = words(query);
  const scored = schemes.map((scheme) => {
    let score = 0;
    for (const keyword of scheme.keywords.map(normalise)) {
      if (keyword.length >= 2 && q.includes(keyword)) score += 3;
      else if (
        tokens.some(
          (t) => t.length >= 3 && keyword.length >= 3 && (keyword.startsWith(t) || t.startsWith(keyword)),
        )
      )
        score += 1;
    }
    const names = words(`${scheme.nameEn} ${scheme.nameHi}`);
    for (const t of tokens) if (t.length >= 3 && names.some((n) => n.startsWith(t))) score += 1;
    return { scheme, score };
  });
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.scheme.code.localeCompare(b.scheme.code))
    .map((s) => s.scheme);
}

// ---- prompts for each step -----------------------------------------------------------------------

function commonSubjects(ref: Reference): Subject[] {
  return COMMON_SUBJECTS.map((code) => ref.subjects.find((s) => s.code === code)).filter(
    (s): s is Subject => s !== undefined,
  );
}

/** Departments that have complaint subjects, in the order of the reference list. */
function departmentsWithSubjects(ref: Reference): Named[] {
  return ref.departments.filter((d) => ref.subjects.some((s) => s.department === d.code));
}

function subjectsOf(ref: Reference, department: string): Subject[] {
  return ref.subjects.filter((s) => s.department === department);
}

function subjectWithDepartment(ref: Reference, code: string): Bilingual {
  const subject = ref.subjects.find((s) => s.code === code);
  const department = ref.departments.find((d) => d.code === subject?.department);
  if (!subject) return say(code, code);
  return department
    ? say(`${subject.nameHi} (${department.nameHi})`, `${subject.nameEn} (${department.nameEn})`)
    : named(subject);
}

const districtName = (ref: Reference, code: string): Bilingual => {
  const d = ref.districts.find((x) => x.code === code);
  return d ? named(d) : say(code, code);
};

function schemeArticle(s: SchemeArticle): Bilingual {
  return say(
    `*${s.nameHi}*\n${s.summaryHi}\n\n*पात्रता:* ${s.eligibilityHi}\n\n*आवेदन कैसे करें:* ${s.howToApplyHi}`,
    `*${s.nameEn}*\n${s.summaryEn}\n\n*Eligibility:* ${s.eligibilityEn}\n\n*How to apply:* ${s.howToApplyEn}`,
  );
}

function feedbackQuestion(c: ResolvedComplaint): Bilingual {
  const resolution = c.resolution
    ? say(`निराकरण: "${c.resolution}"`, `Resolution: "${c.resolution}"`)
    : say('अधिकारी ने इसे निराकृत बताया है।', 'The officer has marked it resolved.');
  return join(
    say(`शिकायत ${c.number} — ${c.subject.hi}`, `Complaint ${c.number} — ${c.subject.en}`),
    resolution,
    say(
      'क्या आप निराकरण से संतुष्ट हैं?\n1 — हाँ, संतुष्ट हूँ\n2 — नहीं, संतुष्ट नहीं हूँ',
      'Are you satisfied with the resolution?\n1 — Yes, satisfied\n2 — No, not satisfied',
    ),
  );
}

/** The question a step asks (sent when it is entered, and again after an answer it cannot use). */
export function prompt(state: DialogueState, ref: Reference): Bilingual {
  switch (state.step) {
    case 'menu':
      return TEXT.menu;
    case 'status-number':
      return TEXT.askNumber;
    case 'complaint-district':
      return TEXT.askDistrict;
    case 'complaint-subject': {
      const common = commonSubjects(ref);
      return join(
        say(
          `नई शिकायत (चरण 2/4): जिला ${districtName(ref, state.district).hi}। विषय चुनें:`,
          `New complaint (step 2/4): district ${districtName(ref, state.district).en}. Choose the subject:`,
        ),
        lines([
          numbered(common.map(named)),
          say(`${common.length + 1}. अन्य — विभाग चुनें`, `${common.length + 1}. Other — choose the department`),
        ]),
      );
    }
    case 'complaint-department':
      return join(
        say('विभाग चुनें:', 'Choose the department:'),
        numbered(departmentsWithSubjects(ref).map(named)),
      );
    case 'complaint-department-subject': {
      const department = ref.departments.find((d) => d.code === state.department);
      return join(
        say(`${department?.nameHi ?? ''} — विषय चुनें:`, `${department?.nameEn ?? ''} — choose the subject:`),
        numbered(subjectsOf(ref, state.department).map(named)),
      );
    }
    case 'complaint-description':
      return TEXT.askDescription;
    case 'complaint-confirm': {
      const district = districtName(ref, state.district);
      const subject = subjectWithDepartment(ref, state.subject);
      return join(
        say(
          `नई शिकायत (चरण 4/4): कृपया जाँचें।\nजिला: ${district.hi}\nविषय: ${subject.hi}\nविवरण: ${state.description}`,
          `New complaint (step 4/4): please check.\nDistrict: ${district.en}\nSubject: ${subject.en}\nDescription: ${state.description}`,
        ),
        say('1 — शिकायत दर्ज करें\n2 — रद्द करें', '1 — Register the complaint\n2 — Cancel'),
      );
    }
    case 'scheme-query':
      return TEXT.askScheme;
    case 'scheme-pick':
      return join(
        say('योजना चुनें:', 'Choose the scheme:'),
        numbered(
          state.schemes
            .map((code) => ref.schemes.find((s) => s.code === code))
            .filter((s): s is SchemeArticle => s !== undefined)
            .map(named),
        ),
      );
    case 'feedback-pick':
      return join(
        say('प्रतिक्रिया देने के लिए शिकायत चुनें:', 'Choose the complaint to give your feedback on:'),
        numbered(
          state.complaints.map((c) => say(`${c.number} — ${c.subject.hi}`, `${c.number} — ${c.subject.en}`)),
        ),
      );
    case 'feedback-answer':
      return feedbackQuestion(state.complaint);
  }
}

// ---- the machine ---------------------------------------------------------------------------------

const menu = (...before: Bilingual[]): Step => ({
  state: { step: 'menu' },
  replies: [join(...before, TEXT.menu)],
});

const ask = (state: DialogueState, ref: Reference, ...before: Bilingual[]): Step => ({
  state,
  replies: [join(...before, prompt(state, ref))],
});

/** The next step of the conversation for one message from the sender. */
export function advance(
  conversation: Conversation,
  message: Message,
  ctx: { now: number; reference: Reference },
): Step {
  const ref = ctx.reference;
  const { state } = conversation;
  if (
    state.step !== 'menu' &&
    conversation.updatedAt !== null &&
    ctx.now - conversation.updatedAt > IDLE_MS
  ) {
    return menu(TEXT.expired);
  }
  if (message.text === null) return ask(state, ref, TEXT.textOnly);
  const text = message.text;
  if (isMenuCommand(text)) return menu();
  const n = choice(text);

  switch (state.step) {
    case 'menu': {
      const number = findCaseNumber(text);
      if (number) return { state, replies: [], effect: { kind: 'case-status', number } };
      if (n === 1) return ask({ step: 'status-number' }, ref);
      if (n === 2) return ask({ step: 'complaint-district' }, ref);
      if (n === 3) return ask({ step: 'scheme-query' }, ref);
      if (n === 4) return { state, replies: [], effect: { kind: 'resolved-complaints' } };
      return menu(TEXT.notUnderstood);
    }
    case 'status-number': {
      const number = findCaseNumber(text);
      if (number) return { state, replies: [], effect: { kind: 'case-status', number } };
      return ask(state, ref, TEXT.badNumber);
    }
    case 'complaint-district': {
      const { found, candidates } = findDistrict(ref.districts, text);
      if (found) return ask({ step: 'complaint-subject', district: found.code }, ref);
      if (candidates.length > 1) {
        const names = candidates.slice(0, 8);
        return ask(
          state,
          ref,
          say(
            `कई जिले मिलते हैं: ${names.map((d) => d.nameHi).join(', ')}। पूरा नाम लिखें।`,
            `Several districts match: ${names.map((d) => d.nameEn).join(', ')}. Type the full name.`,
          ),
        );
      }
      return {
        state,
        replies: [
          say(
            `"${text}" नाम का जिला नहीं मिला। मध्यप्रदेश के जिले का नाम लिखें, जैसे भोपाल, इंदौर, सागर।`,
            `No district named "${text}" was found. Type the name of a district of Madhya Pradesh, e.g. Bhopal, Indore, Sagar.`,
          ),
        ],
      };
    }
    case 'complaint-subject': {
      const common = commonSubjects(ref);
      if (n !== null && n >= 1 && n <= common.length)
        return ask(
          { step: 'complaint-description', district: state.district, subject: common[n - 1]!.code },
          ref,
        );
      if (n === common.length + 1)
        return ask({ step: 'complaint-department', district: state.district }, ref);
      return ask(state, ref, TEXT.pickNumber);
    }
    case 'complaint-department': {
      const departments = departmentsWithSubjects(ref);
      if (n !== null && n >= 1 && n <= departments.length) {
        return ask(
          {
            step: 'complaint-department-subject',
            district: state.district,
            department: departments[n - 1]!.code,
          },
          ref,
        );
      }
      return ask(state, ref, TEXT.pickNumber);
    }
    case 'complaint-department-subject': {
      const subjects = subjectsOf(ref, state.department);
      if (n !== null && n >= 1 && n <= subjects.length)
        return ask(
          { step: 'complaint-description', district: state.district, subject: subjects[n - 1]!.code },
          ref,
        );
      return ask(state, ref, TEXT.pickNumber);
    }
    case 'complaint-description': {
      const description = text.normalize('NFC').replace(/\s+/g, ' ').trim();
      if (description.length < DESCRIPTION_MIN || description.length > DESCRIPTION_MAX)
        return ask(state, ref, TEXT.descriptionLength);
      return ask(
        { step: 'complaint-confirm', district: state.district, subject: state.subject, description },
        ref,
      );
    }
    case 'complaint-confirm': {
      const answer = yesNo(text);
      if (answer === true) {
        const { district, subject, description } = state;
        return {
          state,
          replies: [],
          effect: { kind: 'register-complaint', draft: { district, subject, description } },
        };
      }
      if (answer === false) return menu(TEXT.cancelled);
      return ask(state, ref, TEXT.pickNumber);
    }
    case 'scheme-query': {
      const t = normalise(text);
      if (t === 'list' || t === 'सूची')
        return ask({ step: 'scheme-pick', schemes: ref.schemes.map((s) => s.code) }, ref);
      const found = findSchemes(ref.schemes, text);
      if (found.length === 1)
        return { state: { step: 'menu' }, replies: [join(schemeArticle(found[0]!), TEXT.footer)] };
      if (found.length > 1)
        return ask({ step: 'scheme-pick', schemes: found.slice(0, 9).map((s) => s.code) }, ref);
      return ask(state, ref, say(`"${text}" से कोई योजना नहीं मिली।`, `No scheme was found for "${text}".`));
    }
    case 'scheme-pick': {
      const scheme = n !== null ? ref.schemes.find((s) => s.code === state.schemes[n - 1]) : undefined;
      if (scheme) return { state: { step: 'menu' }, replies: [join(schemeArticle(scheme), TEXT.footer)] };
      const found = findSchemes(ref.schemes, text);
      if (n === null && found.length > 0)
        return advance({ state: { step: 'scheme-query' }, updatedAt: ctx.now }, message, ctx);
      return ask(state, ref, TEXT.pickNumber);
    }
    case 'feedback-pick': {
      const complaint = n !== null ? state.complaints[n - 1] : undefined;
      if (complaint) return ask({ step: 'feedback-answer', complaint }, ref);
      return ask(state, ref, TEXT.pickNumber);
    }
    case 'feedback-answer': {
      const satisfied = yesNo(text);
      if (satisfied === null) return ask(state, ref, TEXT.pickNumber);
      return {
        state,
        replies: [],
        effect: { kind: 'feedback', complaintNumber: state.complaint.number, satisfied },
      };
    }
  }
}

const formatDate = (iso: string, lang: 'hi' | 'en') =>
  new Intl.DateTimeFormat(lang === 'hi' ? 'hi-IN' : 'en-IN', {
    dateStyle: 'medium',
    timeZone: 'Asia/Kolkata',
  }).format(new Date(iso));

function complaintStatus(c: ComplaintFacts): Bilingual {
  const parts = [
    say(`शिकायत ${c.number}`, `Complaint ${c.number}`),
    say(`विषय: ${c.subject.hi}`, `Subject: ${c.subject.en}`),
    say(`स्थिति: ${(c.closureLabel ?? c.statusLabel).hi}`, `Status: ${(c.closureLabel ?? c.statusLabel).en}`),
  ];
  if (c.status !== 'closed') parts.push(say(`स्तर: ${c.level}`, `Level: ${c.level}`));
  if (c.dueAt && c.status !== 'closed' && c.status !== 'resolved')
    parts.push(
      say(
        `इस स्तर पर निराकरण की समय-सीमा: ${formatDate(c.dueAt, 'hi')}`,
        `To be resolved at this level by: ${formatDate(c.dueAt, 'en')}`,
      ),
    );
  if (c.resolution) parts.push(say(`निराकरण: ${c.resolution}`, `Resolution: ${c.resolution}`));
  const text = lines(parts);
  return c.status === 'resolved'
    ? join(text, say('अपनी प्रतिक्रिया देने के लिए 4 भेजें।', 'Send 4 to give your feedback.'))
    : text;
}

function applicationStatus(a: ApplicationFacts): Bilingual {
  const parts = [
    say(`आवेदन ${a.number} — ${a.service.hi}`, `Application ${a.number} — ${a.service.en}`),
    say(`स्थिति: ${a.statusLabel.hi}`, `Status: ${a.statusLabel.en}`),
    say(
      `सेवा प्रदाय की नियत तिथि: ${formatDate(a.dueDate, 'hi')}`,
      `Due date for the service: ${formatDate(a.dueDate, 'en')}`,
    ),
  ];
  if (a.breached)
    parts.push(
      say(
        'नियत तिथि बीत चुकी है; प्रकरण स्वतः प्रथम अपील में भेजा गया है।',
        'The due date has passed; the case has gone to a first appeal by itself.',
      ),
    );
  return lines(parts);
}

/** The replies and next state once the I/O module has carried out the effect advance() asked for. */
export function settle(outcome: Outcome, before: DialogueState, ref: Reference): Step {
  const done = (...replies: Bilingual[]): Step => ({
    state: { step: 'menu' },
    replies: [join(...replies, TEXT.footer)],
  });
  switch (outcome.kind) {
    case 'case-status': {
      const found = outcome.found;
      if (!found)
        return ask(
          { step: 'status-number' },
          ref,
          say(
            `आपके मोबाइल नंबर से दर्ज कोई शिकायत या आवेदन ${outcome.number} नहीं मिला। क्रमांक जाँचकर फिर भेजें।`,
            `No complaint or application ${outcome.number} registered with your mobile number was found. Check the number and send it again.`,
          ),
        );
      if (found.kind === 'application') return done(applicationStatus(found));
      return found.hidden ? done(TEXT.hiddenCase) : done(complaintStatus(found));
    }
    case 'complaint-registered':
      return outcome.duplicateOf
        ? done(
            say(
              `यह समस्या पहले से शिकायत ${outcome.duplicateOf} के रूप में दर्ज है और उस पर कार्यवाही चल रही है; आपका संदेश उसी से जोड़ा गया है।`,
              `This problem is already registered as complaint ${outcome.duplicateOf}, which is being acted on; your message has been linked to it.`,
            ),
          )
        : done(
            say(
              `आपकी शिकायत क्रमांक ${outcome.complaintNumber} पर दर्ज हो गई है। कृपया यह क्रमांक नोट करें। स्थिति जानने के लिए यह क्रमांक भेजें।`,
              `Your complaint is registered as ${outcome.complaintNumber}. Please note this number. Send it to us at any time to know the status.`,
            ),
          );
    case 'resolved-complaints': {
      const list = outcome.complaints;
      if (list.length === 0) return done(TEXT.noResolved);
      if (list.length === 1) return ask({ step: 'feedback-answer', complaint: list[0]! }, ref);
      return ask({ step: 'feedback-pick', complaints: list.slice(0, 9) }, ref);
    }
    case 'feedback-recorded':
      return outcome.satisfied
        ? done(
            say(
              `धन्यवाद! आपकी संतुष्टि दर्ज की गई; शिकायत ${outcome.complaintNumber} बंद की जा रही है।`,
              `Thank you! Your satisfaction is recorded; complaint ${outcome.complaintNumber} is being closed.`,
            ),
          )
        : done(
            say(
              `खेद है। शिकायत ${outcome.complaintNumber} फिर से खोली गई है और अगले स्तर के अधिकारी को भेजी जा रही है।`,
              `We are sorry. Complaint ${outcome.complaintNumber} has been reopened and is going to the officer at the next level.`,
            ),
          );
    case 'refused':
      return done(outcome.message);
    case 'failed':
      return { state: before, replies: [TEXT.tryAgain] };
  }
}
