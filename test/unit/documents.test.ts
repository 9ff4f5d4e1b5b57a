import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createDocumentRenderer } from '../../activities/documents';
import { missingGlyphs } from '../../activities/documents/fonts';
import { chooseScale, boundsOf, scaleBarMetres } from '../../activities/documents/map-geometry';
import { generateSigningKey, signedFactsOf, signFacts, verifyPayload } from '../../lib/certificate-signing';
import type {
  CertificateData,
  DomicileCertificateData,
  IncomeCertificateData,
  IssuedDocumentBase,
  IssuingOfficer,
  LandRecordCopyData,
  MapCopyData,
  Plot,
  ReceiptData,
} from '../../lib/documents';
import { projectRoot } from '../../lib/paths';
import { sampleIncomeCertificate } from '../fixtures/certificates';

const artifacts = path.join(projectRoot, 'test', 'artifacts', 'documents');

const tehsildar: IssuingOfficer = {
  code: 'MP-REV-0031',
  nameEn: 'Prakash Chandra Shrivastava',
  nameHi: 'प्रकाश चंद्र श्रीवास्तव',
  designation: 'tehsildar',
  officeEn: 'Tehsil Office Huzur, Bhopal',
  officeHi: 'तहसील कार्यालय हुज़ूर, भोपाल',
};

const place = {
  districtCode: 'bhopal',
  district: { en: 'Bhopal', hi: 'भोपाल' },
  tehsil: { en: 'Huzur', hi: 'हुज़ूर' },
};

function issued(serial: string, applicationNumber: string, validUntil: string | null): IssuedDocumentBase {
  return {
    serial,
    applicationNumber,
    issuedOn: '2026-03-16',
    validUntil,
    issuingOfficer: tehsildar,
    ...place,
    verifyUrl: `https://jansetu.mp.example/verify/${serial}`,
  };
}

const income: IncomeCertificateData = sampleIncomeCertificate(123);

const domicile: DomicileCertificateData = {
  ...issued('JS-DOM-2026-000045-1', 'LSG/DOM/2026/000045', null),
  kind: 'domicile-certificate',
  applicantName: 'सुनीता शर्मा',
  guardianName: 'लक्ष्मीकांत शर्मा',
  gender: 'female',
  address: 'ई-7/124, अरेरा कॉलोनी, भोपाल',
  purpose: 'शासकीय नौकरी हेतु आवेदन',
  basis: 'born-in-mp',
  samagraIdMasked: '*****4321',
};

const village = { en: 'Bilkhiriya Kalan', hi: 'बिलखिरिया कलां' };
const irrigated = { en: 'Irrigated agriculture', hi: 'सिंचित कृषि' };
const unirrigated = { en: 'Unirrigated agriculture', hi: 'असिंचित कृषि' };
const government = { nameEn: 'Government of Madhya Pradesh', nameHi: 'मध्यप्रदेश शासन', share: '1' };

/** Ten plots of one map sheet, shaped like the seeded land register (metres east, north). */
const sheetPlots: Plot[] = [
  plot(
    '112',
    0.946,
    irrigated,
    11,
    [['Ramesh Prasad Patel', 'रमेश प्रसाद पटेल', '1']],
    [
      [10.3, 223.9],
      [104.3, 227.4],
      [116.0, 327.5],
      [31.1, 334.6],
    ],
  ),
  plot(
    '113/1',
    0.569,
    irrigated,
    7,
    [
      ['Lakshmi Narayan Trivedi', 'लक्ष्मीनारायण त्रिवेदी', '1/2'],
      ['Kshama Trivedi', 'क्षमा त्रिवेदी', '1/2'],
    ],
    [
      [104.3, 227.4],
      [162.7, 223.1],
      [169.0, 326.6],
      [116.0, 327.5],
    ],
  ),
  plot(
    '113/2',
    0.719,
    irrigated,
    9,
    [['Kamla Bai Meena', 'कमला बाई मीणा', '1']],
    [
      [162.7, 223.1],
      [234.1, 217.8],
      [233.7, 325.4],
      [169.0, 326.6],
    ],
  ),
  plot(
    '114',
    1.152,
    irrigated,
    14,
    [['Govind Singh Thakur', 'गोविंद सिंह ठाकुर', '1']],
    [
      [234.1, 217.8],
      [344.8, 225.4],
      [352.3, 318.8],
      [233.7, 325.4],
    ],
  ),
  plot(
    '115',
    0.765,
    irrigated,
    9,
    [
      ['Rajkumari Lodhi', 'राजकुमारी लोधी', '1/3'],
      ['Deepak Lodhi', 'दीपक लोधी', '1/3'],
      ['Pooja Lodhi', 'पूजा लोधी', '1/3'],
    ],
    [
      [12.7, 134.5],
      [105.4, 153.4],
      [104.3, 227.4],
      [10.3, 223.9],
    ],
  ),
  plot(
    '116',
    0.886,
    unirrigated,
    5,
    [['Harish Chandra Yadav', 'हरीश चंद्र यादव', '1']],
    [
      [105.4, 153.4],
      [231.8, 153.5],
      [234.1, 217.8],
      [162.7, 223.1],
      [104.3, 227.4],
    ],
  ),
  plot(
    '117',
    0.856,
    irrigated,
    10,
    [['Bhagwat Prasad Kushwaha', 'भागवत प्रसाद कुशवाहा', '1']],
    [
      [231.8, 153.5],
      [344.7, 136.6],
      [344.8, 225.4],
      [234.1, 217.8],
    ],
  ),
  plot(
    '118',
    1.114,
    { en: 'Settlement', hi: 'आबादी' },
    0,
    [[government.nameEn, government.nameHi, '1']],
    [
      [12.7, 31.8],
      [109.1, 20.7],
      [105.4, 153.4],
      [12.7, 134.5],
    ],
  ),
  plot(
    '119',
    1.708,
    unirrigated,
    10,
    [['Shanti Devi Ahirwar', 'शांति देवी अहिरवार', '1']],
    [
      [109.1, 20.7],
      [241.1, 21.8],
      [231.8, 153.5],
      [105.4, 153.4],
    ],
  ),
  plot(
    '120',
    1.414,
    { en: 'Pasture', hi: 'चरनोई' },
    0,
    [[government.nameEn, government.nameHi, '1']],
    [
      [241.1, 21.8],
      [349.9, 11.4],
      [344.7, 136.6],
      [231.8, 153.5],
    ],
  ),
];

function plot(
  khasraNumber: string,
  areaHectare: number,
  landUse: { en: string; hi: string },
  revenueRupees: number,
  owners: [string, string, string][],
  corners: [number, number][],
): Plot {
  const polygon = [...corners, corners[0] as [number, number]];
  return {
    khasraNumber,
    village,
    areaHectare,
    landUse,
    revenueRupees,
    owners: owners.map(([nameEn, nameHi, share]) => ({ nameEn, nameHi, share })),
    polygon,
  };
}

const byKhasra = (...numbers: string[]): Plot[] => sheetPlots.filter((p) => numbers.includes(p.khasraNumber));

const landRecord: LandRecordCopyData = {
  ...issued('JS-KHS-2026-000310-1', 'LSG/KHS/2026/000310', null),
  kind: 'khasra-khatauni-copy',
  year: 2026,
  plots: byKhasra('113/1', '116'),
  feeRupees: 45,
};

const mapCopy: MapCopyData = {
  ...issued('JS-MAP-2026-000077-1', 'LSG/MAP/2026/000077', null),
  kind: 'current-map-copy',
  village,
  requested: ['113/1', '116'],
  plots: sheetPlots,
  feeRupees: 30,
};

const receipt: ReceiptData = {
  applicationNumber: 'LSG/INC/2026/000124',
  service: { en: 'Income certificate', hi: 'आय प्रमाण पत्र' },
  applicantName: 'क्षमा द्विवेदी',
  mobileMasked: '******3210',
  channel: 'agent-181',
  receivedAt: '2026-01-13T09:05:00Z',
  dueDate: '2026-01-19',
  timeLimitWorkingDays: 3,
  designatedOfficer: tehsildar,
  ...place,
  statusUrl: 'https://jansetu.mp.example/status/LSG-INC-2026-000124',
};

const certificates: [string, CertificateData][] = [
  ['income-certificate', income],
  ['domicile-certificate', domicile],
  ['khasra-khatauni-copy', landRecord],
  ['current-map-copy', mapCopy],
];

function pdftotext(file: string, options: string[] = []): string {
  return execFileSync('pdftotext', [...options, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** Whitespace as pdftotext lays it out is not the point; the words and their order are. */
const squeeze = (text: string): string => text.replace(/\s+/g, ' ');

function hasTool(name: string): boolean {
  try {
    execFileSync(name, ['-h'], { stdio: 'ignore' });
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/** The decoded content streams of a PDF (pdfkit deflates them). */
function contentStreams(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const streams: string[] = [];
  const re = /(?<!end)stream\r?\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    try {
      streams.push(zlib.inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // not deflated (or a font program): not a content stream we look at
    }
    re.lastIndex = end;
  }
  return streams.filter((s) => /\b(BT|re|m)\b/.test(s));
}

/** Glyph ids shown by TJ/Tj; 0000 is .notdef, the empty box a font prints for a character it lacks. */
function shownGlyphIds(pdf: Buffer): string[] {
  return contentStreams(pdf)
    .flatMap((s) => [...s.matchAll(/<([0-9a-f]+)>/g)].map((m) => m[1] ?? ''))
    .flatMap((hex) => hex.match(/.{4}/g) ?? []);
}

function decodeQrCodes(file: string): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jansetu-qr-'));
  try {
    execFileSync('pdftoppm', ['-r', '150', '-png', file, path.join(dir, 'page')]);
    const found: string[] = [];
    for (const page of fs.readdirSync(dir).sort()) {
      const zbar = spawnSync(
        'zbarimg',
        ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', path.join(dir, page)],
        {
          encoding: 'utf8',
        },
      );
      // 4 = no symbol on this page, which is fine for all pages but the one with the code
      if (zbar.status !== 0 && zbar.status !== 4) throw new Error(`zbarimg failed: ${zbar.stderr}`);
      found.push(...zbar.stdout.split('\n').filter(Boolean));
    }
    return found;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('PDF documents of the Lok Seva Guarantee services', function () {
  this.timeout(120_000);
  const key = generateSigningKey();
  const renderer = createDocumentRenderer({ signingKey: key });
  const files = new Map<string, string>();
  const pdfs = new Map<string, Buffer>();
  const texts = new Map<string, string>();

  before(async function () {
    if (!hasTool('pdftotext') || !hasTool('pdftoppm'))
      throw new Error('pdftotext/pdftoppm are missing: install Debian package poppler-utils');
    fs.mkdirSync(artifacts, { recursive: true });
    const rendered: [string, Buffer][] = [['receipt', await renderer.receipt(receipt)]];
    for (const [name, data] of certificates) rendered.push([name, await renderer.certificate(data)]);
    for (const [name, pdf] of rendered) {
      const file = path.join(artifacts, `${name}.pdf`);
      fs.writeFileSync(file, pdf);
      files.set(name, file);
      pdfs.set(name, pdf);
      texts.set(name, squeeze(pdftotext(file)));
    }
  });

  const text = (name: string): string => texts.get(name) ?? '';

  it('every page carries the bilingual government header and the Lok Seva Guarantee Act', () => {
    for (const name of ['receipt', ...certificates.map(([n]) => n)]) {
      const pages = text(name)
        .split('\f')
        .filter((p) => p.trim());
      expect(pages, name).to.not.be.empty;
      for (const page of pages) {
        expect(page, name).to.include('मध्यप्रदेश शासन');
        expect(page, name).to.include('Government of Madhya Pradesh');
        expect(page, name).to.include('लोक सेवाओं के प्रदान की गारंटी अधिनियम, 2010');
        expect(page, name).to.include('Guarantee Adhiniyam, 2010');
      }
    }
  });

  it('the income certificate extracts the Hindi name with its conjuncts and i-matra exactly as typed', () => {
    const t = text('income-certificate');
    expect(t).to.include('रामकृष्ण त्रिपाठी');
    expect(t).to.include('श्रीनिवास त्रिपाठी');
    expect(t).to.include('आय प्रमाण पत्र');
    expect(t).to.include('Income Certificate');
    expect(t).to.include('आवेदक का नाम');
    expect(t).to.include("Applicant's name");
    expect(t).to.include('पिता / पति का नाम');
    expect(t).to.include('कुल वार्षिक पारिवारिक आय');
    expect(t).to.include('₹ 1,20,000');
    expect(t).to.include('JS-INC-2026-000123-1');
    expect(t).to.include('LSG/INC/2026/000123');
    expect(t).to.include('वैध: 15-03-2027 तक');
    expect(t).to.include('Valid until 15-03-2027');
  });

  it('Hindi text keeps its place on the page, so layout-preserving extraction pairs each label with its value', () => {
    const layout = pdftotext(files.get('income-certificate') ?? '', ['-layout']);
    expect(layout).to.match(/आवेदक का नाम +रामकृष्ण त्रिपाठी/);
    expect(layout).to.match(/पिता \/ पति का नाम +श्रीनिवास त्रिपाठी/);
    const heading = layout.split('\n').findIndex((line) => line.includes('मध्यप्रदेश शासन'));
    const statement = layout.split('\n').findIndex((line) => line.includes('प्रमाणित किया जाता है'));
    expect(heading).to.be.within(0, statement - 1); // top of the page first, not mirrored
  });

  it('the domicile certificate names the applicant, the basis of residence and has no expiry', () => {
    const t = text('domicile-certificate');
    expect(t).to.include('सुनीता शर्मा');
    expect(t).to.include('लक्ष्मीकांत शर्मा');
    expect(t).to.include('स्थानीय निवासी (मूल निवासी) प्रमाण पत्र');
    expect(t).to.include('निवास का आधार');
    expect(t).to.include('मध्यप्रदेश में जन्म');
    expect(t).to.include('मध्यप्रदेश राज्य की स्थानीय (मूल) निवासी है');
    expect(t).to.include('JS-DOM-2026-000045-1');
    expect(t).to.include('LSG/DOM/2026/000045');
    expect(t).to.include('वैध: कोई समाप्ति तिथि नहीं');
    expect(t).to.include('Valid: no expiry');
  });

  it('the khasra / B-1 copy tabulates each plot with its owners, area, land use and revenue', () => {
    const t = text('khasra-khatauni-copy');
    expect(t).to.include('खसरा / बी-1 खतौनी की प्रमाणित प्रतिलिपि');
    for (const label of ['खसरा नं.', 'भूमिस्वामी (अंश)', 'रकबा (हे.)', 'भूमि उपयोग', 'लगान'])
      expect(t).to.include(label);
    expect(t).to.include('लक्ष्मीनारायण त्रिवेदी (1/2)');
    expect(t).to.include('क्षमा त्रिवेदी (1/2)');
    expect(t).to.include('हरीश चंद्र यादव (1)');
    expect(t).to.include('113/1');
    expect(t).to.include('0.569');
    expect(t).to.include('असिंचित कृषि');
    expect(t).to.include('1.455'); // total area of the two plots
    expect(t).to.include('JS-KHS-2026-000310-1');
    expect(t).to.include('LSG/KHS/2026/000310');
  });

  it('a land record too long for one page continues with the header and the table head on every page', async () => {
    const long: LandRecordCopyData = {
      ...landRecord,
      serial: 'JS-KHS-2026-000311-1',
      verifyUrl: 'https://jansetu.mp.example/verify/JS-KHS-2026-000311-1',
      plots: [...sheetPlots, ...sheetPlots.map((p) => ({ ...p, khasraNumber: `${p.khasraNumber}/क` }))],
    };
    const file = path.join(artifacts, 'khasra-khatauni-copy-long.pdf');
    fs.writeFileSync(file, await renderer.certificate(long));
    const pages = pdftotext(file)
      .split('\f')
      .filter((p) => p.trim());
    expect(pages.length).to.be.at.least(2);
    pages.forEach((page, i) => {
      const p = squeeze(page);
      expect(p).to.include('मध्यप्रदेश शासन');
      expect(p).to.include('खसरा / बी-1 खतौनी की प्रमाणित प्रतिलिपि');
      if (p.includes(village.hi)) expect(p, 'a page of rows repeats the table head').to.include('खसरा नं.');
      expect(p).to.include('JS-KHS-2026-000311-1');
      expect(p).to.include(`पृष्ठ / Page ${i + 1} / ${pages.length}`);
    });
    expect(pages.filter((p) => p.includes(village.hi))).to.have.length.of.at.least(2);
    expect(squeeze(pages.join(' '))).to.include('120/क');
  });

  it('the map copy is drawn with vector paths, to a stated scale, with the plots applied for labelled', () => {
    const pdf = pdfs.get('current-map-copy') ?? Buffer.alloc(0);
    expect(pdf.toString('latin1')).to.not.match(/\/Subtype\s*\/Image/);
    const ops = contentStreams(pdf).join('\n');
    // moveto/lineto/closepath with fill-and-stroke: the plot polygons, not a picture of them
    expect(ops).to.match(/ m\n(?:[\d.-]+ [\d.-]+ l\n){3,}h\n/);
    expect(ops).to.match(/\nB\n/);
    const t = text('current-map-copy');
    expect(t).to.include('चालू नक्शे की प्रमाणित प्रतिलिपि');
    expect(t).to.match(/पैमाना \/ Scale 1:(2,500|3,960|5,000|8,000)\b/);
    expect(t).to.include('उ / N');
    for (const khasra of sheetPlots.map((p) => p.khasraNumber)) expect(t).to.include(khasra);
    expect(t).to.include('आवेदित खसरा');
    expect(t).to.include('113/1 (0.569), 116 (0.886)');
    expect(t).to.include('JS-MAP-2026-000077-1');
  });

  it('a map sheet is fitted at the largest standard scale, and its scale bar is a round length', () => {
    const bounds = boundsOf(sheetPlots.map((p) => p.polygon));
    // 342 m × 323 m of plots: at 1:2,000 that is 485 × 458 pt, at 1:2,500 388 × 366 pt, at 1:3,960 245 × 231 pt
    expect(chooseScale(bounds, 490, 460)).to.equal(2000);
    expect(chooseScale(bounds, 400, 370)).to.equal(2500);
    expect(chooseScale(bounds, 300, 300)).to.equal(3960);
    expect(chooseScale(bounds, 240, 240)).to.equal(5000);
    expect(scaleBarMetres(2500, 120)).to.equal(100);
  });

  it('the receipt shows the application number, service, applicant, receipt time, due date and officer', () => {
    const t = text('receipt');
    expect(t).to.include('पावती');
    expect(t).to.include('LSG/INC/2026/000124');
    expect(t).to.include('आय प्रमाण पत्र');
    expect(t).to.include('क्षमा द्विवेदी');
    expect(t).to.include('13-01-2026 14:35 IST');
    expect(t).to.include('सेवा प्रदाय की नियत तिथि');
    expect(t).to.include('Due date of delivery');
    expect(t).to.include('19-01-2026');
    expect(t).to.include('3 कार्य दिवस');
    expect(t).to.include('पदाभिहित अधिकारी');
    expect(t).to.include('प्रकाश चंद्र श्रीवास्तव');
    expect(t).to.include(receipt.statusUrl);
  });

  it('issued documents name the issuing officer and say where to verify them', () => {
    for (const [name, data] of certificates) {
      const t = text(name);
      expect(t, name).to.include('प्रकाश चंद्र श्रीवास्तव');
      expect(t, name).to.include('तहसीलदार, तहसील कार्यालय हुज़ूर, भोपाल');
      expect(t, name).to.include('Tehsildar, Tehsil Office Huzur, Bhopal');
      expect(t, name).to.include(`Digitally signed; verify at ${data.verifyUrl}`);
      expect(t, name).to.include('जारी दिनांक / Issued on: 16-03-2026');
    }
  });

  it('no character is drawn as a missing-glyph box', () => {
    for (const [name, pdf] of pdfs) expect(shownGlyphIds(pdf), name).to.not.include('0000');
    const everything = JSON.stringify([receipt, ...certificates.map(([, d]) => d)]);
    expect(missingGlyphs(everything)).to.deep.equal([]);
  });

  it("each certificate's QR code holds its signed facts, which verify with the issuing key", function () {
    if (!hasTool('zbarimg')) this.skip(); // Debian package zbar-tools
    for (const [name, data] of certificates) {
      const expected = signFacts(signedFactsOf(data), key.privateKey, key.keyId);
      const decoded = decodeQrCodes(files.get(name) ?? '');
      expect(decoded, name).to.deep.equal([expected]);
      const result = verifyPayload(decoded[0] ?? '', { [key.keyId]: key.publicKey });
      expect(result.valid, name).to.be.true;
      if (result.valid) {
        expect(result.facts.serial).to.equal(data.serial);
        expect(result.facts.kind).to.equal(data.kind);
      }
    }
  });

  it("the receipt's QR code opens the application's status page", function () {
    if (!hasTool('zbarimg')) this.skip();
    expect(decodeQrCodes(files.get('receipt') ?? '')).to.deep.equal([receipt.statusUrl]);
  });
});
