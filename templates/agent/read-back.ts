// The read-back page of the 181 console: the number just registered in big type, spelled out group
// by group so the agent can read it to the caller (letters and digits, in English and in Hindi),
// what it is, its due date, what the caller is told by SMS, and for an information call the
// answer from the scheme knowledge base.
import type { Bilingual, Lang } from '../../server/i18n';
import { html, type Html } from '../html';
import { say, type PageContext } from '../layout';
import { dueSummary, formatDate, type DueInfo } from '../format';

const T = {
  numberIs: { en: 'The number to give the caller', hi: 'कॉलर को बताया जाने वाला क्रमांक' },
  readOut: { en: 'Read it out group by group', hi: 'समूह-दर-समूह पढ़कर सुनाएँ' },
  inEnglish: { en: 'In English', hi: 'अंग्रेज़ी में' },
  inHindi: { en: 'In Hindi', hi: 'हिंदी में' },
  what: { en: 'What', hi: 'क्या' },
  caller: { en: 'Caller', hi: 'कॉलर' },
  status: { en: 'Status', hi: 'स्थिति' },
  due: { en: 'Due date', hi: 'नियत तिथि' },
  dueUnknown: {
    en: 'Being routed to the officer; the due date appears when you reload in a moment.',
    hi: 'अधिकारी को भेजी जा रही है; कुछ क्षण बाद पृष्ठ फिर खोलने पर नियत तिथि दिखेगी।',
  },
  sms: { en: 'What the caller receives by SMS', hi: 'कॉलर को SMS से क्या मिलेगा' },
  smsPending: {
    en: 'Being sent to +91 {mobile}:',
    hi: '+91 {mobile} पर भेजा जा रहा है:',
  },
  smsSent: { en: 'Sent to +91 {mobile}:', hi: '+91 {mobile} पर भेजा गया:' },
  answer: { en: 'Answer to read out', hi: 'कॉलर को पढ़कर सुनाने हेतु उत्तर' },
  back: { en: 'Back to this caller’s cases', hi: 'इस कॉलर के प्रकरणों पर वापस' },
  next: { en: 'Next caller', hi: 'अगला कॉलर' },
} satisfies Record<string, Bilingual>;

const DIGITS_EN = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const DIGITS_HI = ['शून्य', 'एक', 'दो', 'तीन', 'चार', 'पाँच', 'छह', 'सात', 'आठ', 'नौ'];
const LETTERS_HI: Record<string, string> = {
  A: 'ए',
  B: 'बी',
  C: 'सी',
  D: 'डी',
  E: 'ई',
  F: 'एफ',
  G: 'जी',
  H: 'एच',
  I: 'आई',
  J: 'जे',
  K: 'के',
  L: 'एल',
  M: 'एम',
  N: 'एन',
  O: 'ओ',
  P: 'पी',
  Q: 'क्यू',
  R: 'आर',
  S: 'एस',
  T: 'टी',
  U: 'यू',
  V: 'वी',
  W: 'डब्ल्यू',
  X: 'एक्स',
  Y: 'वाई',
  Z: 'ज़ेड',
};

/** A case number spelled for reading aloud, one group per part: "C-M-H / 2-0-2-6 / 0-0-0-1-2-3". */
export function spellNumber(number: string): { groups: string[]; words: Record<Lang, string[]> } {
  const parts = number.split('/').filter(Boolean);
  const say = (ch: string, lang: Lang): string => {
    if (/\d/.test(ch)) return (lang === 'hi' ? DIGITS_HI : DIGITS_EN)[Number(ch)]!;
    return lang === 'hi' ? (LETTERS_HI[ch.toUpperCase()] ?? ch) : ch.toUpperCase();
  };
  return {
    groups: parts.map((p) => [...p].join('-')),
    words: {
      en: parts.map((p) => [...p].map((ch) => say(ch, 'en')).join(' ')),
      hi: parts.map((p) => [...p].map((ch) => say(ch, 'hi')).join(' ')),
    },
  };
}

export interface ReadBackView {
  number: string;
  mobile: string;
  what: Bilingual;
  status: Bilingual;
  /** null: not known yet (being routed); 'none': the case has none (an information call, answered at once). */
  due: DueInfo | null | 'none';
  /** Extra words next to the due date, e.g. the via-181 time limit of a service. */
  dueNote?: Bilingual | undefined;
  /** The scheme's answer of an information call. */
  answer?: Bilingual | null | undefined;
  sms: { bodies: Bilingual[]; sent: boolean };
}

function dueFacts(pc: PageContext, due: DueInfo | null, note: Bilingual | undefined): Html {
  return html`<dt>${say(pc, T.due)}</dt>
    <dd data-due="${due?.date ?? ''}">
      ${
        due
          ? html`<strong>${formatDate(pc.lang, due.date)}</strong> — ${dueSummary(pc, due)}`
          : say(pc, T.dueUnknown)
      }
      ${note && html`<br /><span class="hint">${say(pc, note)}</span>`}
    </dd>`;
}

export function readBackPage(pc: PageContext, v: ReadBackView): Html {
  const spelled = spellNumber(v.number);
  const other: Lang = pc.lang === 'hi' ? 'en' : 'hi';
  const back = `/agent?mobile=${encodeURIComponent(v.mobile)}`;
  return html`<section class="read-back" aria-labelledby="number-label">
      <p id="number-label" class="hint">${say(pc, T.numberIs)}</p>
      <p class="big-number" id="case-number" data-number="${v.number}">${v.number}</p>
      <h2>${say(pc, T.readOut)}</h2>
      <p class="spelled" data-spelled>
        ${spelled.groups.map((g, i) => html`${i > 0 ? html` <span aria-hidden="true">/</span> ` : ''}<span class="group">${g}</span>`)}
      </p>
      <dl class="facts spelled-words">
        <dt>${say(pc, pc.lang === 'hi' ? T.inHindi : T.inEnglish)}</dt>
        <dd lang="${pc.lang}">${spelled.words[pc.lang].join(' / ')}</dd>
        <dt>${say(pc, other === 'hi' ? T.inHindi : T.inEnglish)}</dt>
        <dd lang="${other}">${spelled.words[other].join(' / ')}</dd>
      </dl>
    </section>
    ${
      v.answer &&
      html`<section class="answer card" aria-labelledby="answer-title">
        <h2 id="answer-title">${say(pc, T.answer)}</h2>
        <p class="scheme-answer" lang="${pc.lang}">${say(pc, v.answer)}</p>
        <p class="hint" lang="${other}">${v.answer[other]}</p>
      </section>`
    }
    <dl class="facts">
      <dt>${say(pc, T.what)}</dt>
      <dd>${say(pc, v.what)}</dd>
      <dt>${say(pc, T.caller)}</dt>
      <dd>+91 ${v.mobile}</dd>
      <dt>${say(pc, T.status)}</dt>
      <dd data-status>${say(pc, v.status)}</dd>
      ${v.due !== 'none' && dueFacts(pc, v.due, v.dueNote)}
    </dl>
    <section aria-labelledby="sms-title">
      <h2 id="sms-title">${say(pc, T.sms)}</h2>
      <p class="hint">${say(pc, v.sms.sent ? T.smsSent : T.smsPending).replace('{mobile}', v.mobile)}</p>
      ${v.sms.bodies.map(
        (b) =>
          html`<blockquote class="sms">
            <p lang="hi">${b.hi}</p>
            <p lang="en">${b.en}</p>
          </blockquote>`,
      )}
    </section>
    <p class="actions">
      <a class="button" href="${back}" id="back-to-caller">${say(pc, T.back)}</a>
      <a href="/agent">${say(pc, T.next)}</a>
    </p>`;
}
