// The admin dashboard as an HTML fragment, in Hindi or English: headline figures, pendency and
// breaches as stacked bar charts, SLA compliance per month as a line chart, and the latest
// monthly grades of districts as a chart and a table. The figures come from server/admin/dashboard.
import type { Dashboard, Pendency } from '../../server/admin/dashboard';
import { barChart, lineChart } from '../charts';
import { formatDateTime, locale } from '../format';
import { html, type Html } from '../html';

type Lang = 'hi' | 'en';
type Text = { en: string; hi: string };

const T = {
  asOf: { en: 'Figures as of', hi: 'आँकड़े, दिनांक' },
  applications: { en: 'Lok Seva Guarantee applications', hi: 'लोक सेवा गारंटी आवेदन' },
  complaints: { en: 'CM Helpline 181 complaints', hi: 'सीएम हेल्पलाइन 181 शिकायतें' },
  pending: { en: 'Pending', hi: 'लंबित' },
  ofWhichBreached: { en: 'of which past the time limit', hi: 'जिनमें समय-सीमा से बाहर' },
  withinTime: { en: 'Within the time limit', hi: 'समय-सीमा में' },
  breached: { en: 'Past the time limit', hi: 'समय-सीमा से बाहर' },
  total: { en: 'Total pending', hi: 'कुल लंबित' },
  appsByDistrict: { en: 'Pending applications by district', hi: 'ज़िलेवार लंबित आवेदन' },
  appsByService: { en: 'Pending applications by service', hi: 'सेवावार लंबित आवेदन' },
  complaintsByDistrict: { en: 'Pending complaints by district', hi: 'ज़िलेवार लंबित शिकायतें' },
  complaintsByDepartment: { en: 'Pending complaints by department', hi: 'विभागवार लंबित शिकायतें' },
  complaintsByLevel: { en: 'Pending complaints by escalation level', hi: 'स्तरवार लंबित शिकायतें' },
  district: { en: 'District', hi: 'ज़िला' },
  service: { en: 'Service', hi: 'सेवा' },
  department: { en: 'Department', hi: 'विभाग' },
  level: { en: 'Level', hi: 'स्तर' },
  month: { en: 'Month', hi: 'माह' },
  pendencyDesc: {
    en: 'Stacked bars: open cases within the time limit and past it. The figures are in the table that follows.',
    hi: 'परतदार पट्टियाँ: समय-सीमा में और समय-सीमा से बाहर के लंबित प्रकरण। आँकड़े आगे की तालिका में हैं।',
  },
  compliance: { en: 'Time-limit compliance by month', hi: 'माहवार समय-सीमा पालन' },
  complianceDesc: {
    en: 'Lines: the share of applications decided by their due date and of complaints closed without a breach, per month. The figures are in the table that follows.',
    hi: 'रेखाएँ: प्रति माह नियत तिथि तक निराकृत आवेदनों और बिना समय-सीमा उल्लंघन के बंद शिकायतों का प्रतिशत। आँकड़े आगे की तालिका में हैं।',
  },
  complianceChart: {
    en: 'Cases decided or closed in time, per month (%)',
    hi: 'समय पर निराकृत या बंद प्रकरण, माहवार (%)',
  },
  gradesChart: { en: 'Score by district', hi: 'ज़िलेवार अंक' },
  appsOnTime: { en: 'Applications decided by the due date', hi: 'नियत तिथि तक निराकृत आवेदन' },
  complaintsInTime: { en: 'Complaints closed without breach', hi: 'बिना उल्लंघन बंद शिकायतें' },
  decided: { en: 'Applications decided', hi: 'निराकृत आवेदन' },
  onTime: { en: 'by the due date', hi: 'नियत तिथि तक' },
  closed: { en: 'Complaints closed', hi: 'बंद शिकायतें' },
  withoutBreach: { en: 'without breach', hi: 'बिना उल्लंघन' },
  grades: { en: 'District grades (CM Helpline 181)', hi: 'ज़िलों की ग्रेडिंग (सीएम हेल्पलाइन 181)' },
  score: { en: 'Score (out of 100)', hi: 'अंक (100 में से)' },
  grade: { en: 'Grade', hi: 'ग्रेड' },
  gradesDesc: {
    en: 'Bars: each district’s score out of 100, best first. The figures are in the table that follows.',
    hi: 'पट्टियाँ: प्रत्येक ज़िले के 100 में से अंक, सर्वोत्तम पहले। आँकड़े आगे की तालिका में हैं।',
  },
  noGrades: { en: 'No month has been graded yet.', hi: 'अभी किसी माह की ग्रेडिंग नहीं हुई है।' },
  noPending: { en: 'Nothing is pending.', hi: 'कुछ भी लंबित नहीं है।' },
  noCompliance: {
    en: 'Nothing was decided or closed in these months.',
    hi: 'इन महीनों में कुछ भी निराकृत या बंद नहीं हुआ।',
  },
} satisfies Record<string, Text>;

/** "Oct 2026" / "अक्तू॰ 2026" for a YYYY-MM month. */
function monthName(month: string, lang: Lang): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale(lang), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(y, m - 1, 1),
  );
}

function count(value: number): string {
  return new Intl.NumberFormat('en-IN').format(value);
}

const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

function pendencyChart(rows: Pendency[], title: Text, categoryLabel: Text, lang: Lang): Html {
  const say = (t: Text) => t[lang];
  return barChart({
    title: say(title),
    categories: rows.map((r) => (lang === 'hi' ? r.nameHi : r.nameEn)),
    series: [
      { name: say(T.withinTime), values: rows.map((r) => r.pending - r.breached), className: 'chart-ok' },
      { name: say(T.breached), values: rows.map((r) => r.breached), className: 'chart-bad' },
    ],
    stacked: true,
    emptyText: say(T.noPending),
    description: say(T.pendencyDesc),
    categoryLabel: say(categoryLabel),
    totalLabel: say(T.total),
  });
}

function headline(title: Text, totals: { pending: number; breached: number }, lang: Lang): Html {
  return html`<section class="card">
    <h3>${title[lang]}</h3>
    <p><span class="big-number">${count(totals.pending)}</span> ${T.pending[lang]}</p>
    <p>${T.ofWhichBreached[lang]}: <strong>${count(totals.breached)}</strong></p>
  </section>`;
}

function complianceSection(data: Dashboard, lang: Lang): Html {
  const say = (t: Text) => t[lang];
  const months = data.compliance.map((m) => monthName(m.month, lang));
  return html`<section class="dashboard-compliance">
    <h2>${say(T.compliance)}</h2>
    ${lineChart({
      title: say(T.complianceChart),
      xLabels: months,
      series: [
        {
          name: say(T.appsOnTime),
          values: data.compliance.map((m) => percent(m.applications.share)),
          className: 'chart-brand',
        },
        {
          name: say(T.complaintsInTime),
          values: data.compliance.map((m) => percent(m.complaints.share)),
          className: 'chart-risk',
        },
      ],
      yMax: 100,
      unit: '%',
      emptyText: say(T.noCompliance),
      description: say(T.complianceDesc),
      xLabel: say(T.month),
    })}
    <div class="table-wrap">
      <table class="compliance-counts">
        <thead>
          <tr>
            <th scope="col">${say(T.month)}</th>
            <th scope="col">${say(T.decided)}</th>
            <th scope="col">${say(T.onTime)}</th>
            <th scope="col">${say(T.closed)}</th>
            <th scope="col">${say(T.withoutBreach)}</th>
          </tr>
        </thead>
        <tbody>
          ${data.compliance.map(
            (m, i) =>
              html`<tr data-month="${m.month}">
                <th scope="row">${months[i]}</th>
                <td>${count(m.applications.decided)}</td>
                <td>${count(m.applications.onTime)}</td>
                <td>${count(m.complaints.closed)}</td>
                <td>${count(m.complaints.withoutBreach)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </section>`;
}

function gradesSection(grades: Dashboard['grades'], lang: Lang): Html {
  const say = (t: Text) => t[lang];
  if (!grades || grades.districts.length === 0) {
    return html`<section class="dashboard-grades">
      <h2>${say(T.grades)}</h2>
      <p>${say(T.noGrades)}</p>
    </section>`;
  }
  const title = `${say(T.grades)} — ${monthName(grades.month, lang)}`;
  const name = (g: { nameEn: string; nameHi: string }) => (lang === 'hi' ? g.nameHi : g.nameEn);
  return html`<section class="dashboard-grades">
    <h2>${title}</h2>
    ${barChart({
      title: `${say(T.gradesChart)} — ${monthName(grades.month, lang)}`,
      categories: grades.districts.map(name),
      series: [
        { name: say(T.score), values: grades.districts.map((g) => g.score), className: 'chart-brand' },
      ],
      description: say(T.gradesDesc),
      categoryLabel: say(T.district),
    })}
    <div class="table-wrap">
      <table class="grades">
        <thead>
          <tr>
            <th scope="col">${say(T.district)}</th>
            <th scope="col">${say(T.score)}</th>
            <th scope="col">${say(T.grade)}</th>
          </tr>
        </thead>
        <tbody>
          ${grades.districts.map(
            (g) =>
              html`<tr data-district="${g.code}">
                <th scope="row">${name(g)}</th>
                <td>${g.score.toFixed(2)}</td>
                <td><span class="badge grade-${g.grade}">${g.grade}</span></td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </section>`;
}

export function dashboardView(data: Dashboard, lang: Lang): Html {
  const say = (t: Text) => t[lang];
  const asOf = formatDateTime(lang, data.generatedAt);
  return html`<div class="dashboard" lang="${lang}">
    <p class="hint">${say(T.asOf)} ${asOf}</p>
    <div class="cards">
      ${headline(T.applications, data.applications.total, lang)}
      ${headline(T.complaints, data.complaints.total, lang)}
    </div>
    <section class="dashboard-applications">
      <h2>${say(T.applications)}</h2>
      ${pendencyChart(data.applications.byDistrict, T.appsByDistrict, T.district, lang)}
      ${pendencyChart(data.applications.byService, T.appsByService, T.service, lang)}
    </section>
    <section class="dashboard-complaints">
      <h2>${say(T.complaints)}</h2>
      ${pendencyChart(data.complaints.byDistrict, T.complaintsByDistrict, T.district, lang)}
      ${pendencyChart(data.complaints.byDepartment, T.complaintsByDepartment, T.department, lang)}
      ${pendencyChart(data.complaints.byLevel, T.complaintsByLevel, T.level, lang)}
    </section>
    ${complianceSection(data, lang)} ${gradesSection(data.grades, lang)}
  </div>`;
}
