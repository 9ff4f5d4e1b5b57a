// From a forwarded CPGRAMS grievance to a CM Helpline registration: the department and subject (by
// the rules in mapping.json), the district and, where the address names them, the tehsil and block;
// the mobile number in the 10-digit form the intake takes. Pure: the places come in as data.
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../paths';
import type { CpgramsGrievance } from './format';
import type { CpgramsComplaintRequest } from './intake-client';

export interface MappingRules {
  departments: {
    department: string;
    organisations: string[];
    categories: string[];
    defaultSubject: string;
    subjects: { subject: string; keywords: string[] }[];
  }[];
}

interface Named {
  code: string;
  nameEn: string;
  nameHi: string;
}

/** The places a grievance's address is matched against (from the geography tables). */
export interface Places {
  districts: Named[];
  tehsils: (Named & { districtCode: string })[];
  blocks: (Named & { districtCode: string })[];
}

export type Mapped = { ok: true; request: CpgramsComplaintRequest } | { ok: false; problems: string[] };

let rules: MappingRules | undefined;

export function mappingRules(): MappingRules {
  rules ??= JSON.parse(
    fs.readFileSync(path.join(projectRoot, 'lib', 'cpgrams', 'mapping.json'), 'utf8'),
  ) as MappingRules;
  return rules;
}

const normal = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

/** Latin keywords match whole words (so "fir" is not found in "first"); Devanagari ones as written. */
function mentions(text: string, keyword: string): boolean {
  const k = normal(keyword);
  if (!/^[\x20-\x7e]+$/.test(k)) return text.includes(k);
  const escaped = k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9])${escaped}([^a-z0-9]|$)`).test(text);
}

/** 10 digits starting 6–9, from "+91 98765 43210", "09876543210" or "919876543210". */
export function indianMobile(raw: string): string | null {
  let digits = raw.replace(/\D/g, '');
  if (digits.length === 12 && digits.startsWith('91')) digits = digits.slice(2);
  if (digits.length === 11 && digits.startsWith('0')) digits = digits.slice(1);
  return /^[6-9]\d{9}$/.test(digits) ? digits : null;
}

function departmentFor(g: CpgramsGrievance, r: MappingRules, text: string) {
  const category = normal(g.category ?? '');
  return (
    r.departments.find((d) => d.categories.some((k) => mentions(category, k))) ??
    r.departments.find((d) => d.organisations.includes((g.organisation?.code ?? '').toUpperCase())) ??
    r.departments.find((d) => d.categories.some((k) => mentions(text, k)))
  );
}

function placeIn<T extends Named>(candidates: T[], text: string, exclude: string[] = []): T | undefined {
  return candidates.find(
    (p) =>
      !exclude.includes(normal(p.nameEn)) &&
      [p.nameEn, p.nameHi].some((name) => name && mentions(text, name)),
  );
}

export function mapGrievance(g: CpgramsGrievance, places: Places, r: MappingRules = mappingRules()): Mapped {
  const problems: string[] = [];
  const text = normal(`${g.category ?? ''} ${g.grievanceText ?? ''}`);

  const department = departmentFor(g, r, text);
  if (!department)
    problems.push(
      `no department for organisation ${g.organisation?.code ?? '?'} and category "${g.category ?? ''}": add it to lib/cpgrams/mapping.json`,
    );
  const subject =
    department?.subjects.find((s) => s.keywords.some((k) => mentions(text, k)))?.subject ??
    department?.defaultSubject;

  const address = normal(g.citizen?.address ?? '');
  const districtGiven = normal(g.citizen?.district ?? '');
  const district =
    places.districts.find((d) => [d.code, d.nameEn, d.nameHi].some((n) => normal(n) === districtGiven)) ??
    placeIn(places.districts, address);
  if (!district) problems.push(`district "${g.citizen?.district ?? ''}" is not a district of Madhya Pradesh`);
  // Tehsil and block only when the address names them; a name equal to the district's says nothing.
  const exclude = district ? [normal(district.nameEn)] : [];
  const tehsil = district
    ? placeIn(
        places.tehsils.filter((t) => t.districtCode === district.code),
        address,
        exclude,
      )
    : undefined;
  const block = district
    ? placeIn(
        places.blocks.filter((b) => b.districtCode === district.code),
        address,
        exclude,
      )
    : undefined;

  const mobile = indianMobile(g.citizen?.mobile ?? '');
  if (!mobile) problems.push(`mobile "${g.citizen?.mobile ?? ''}" is not an Indian mobile number`);
  const name = (g.citizen?.name ?? '').replace(/\s+/g, ' ').trim().slice(0, 100);
  if (name.length < 2) problems.push('the citizen has no name');
  const grievanceText = (g.grievanceText ?? '').replace(/\s+/g, ' ').trim();
  if (grievanceText.length === 0) problems.push('the grievance has no text');

  if (problems.length > 0 || !department || !subject || !district || !mobile) return { ok: false, problems };
  const prefix = `CPGRAMS ${g.registrationNumber}: `;
  const description = `${prefix}${grievanceText}`;
  return {
    ok: true,
    request: {
      channel: 'cpgrams',
      callType: 'complaint',
      citizen: { name, mobile },
      place: { district: district.code, tehsil: tehsil?.code ?? null, block: block?.code ?? null },
      subject,
      description: description.length > 2000 ? `${description.slice(0, 1999)}…` : description,
      cpgramsRegistrationNumber: g.registrationNumber,
    },
  };
}
