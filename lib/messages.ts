// Bilingual message templates (templates/messages.json) filled with a message's parameters.
import fs from 'node:fs';
import path from 'node:path';
import type { Bilingual } from './documents';
import { templatesDir } from './paths';

let templates: Record<string, Bilingual> | undefined;

function load(): Record<string, Bilingual> {
  templates ??= JSON.parse(fs.readFileSync(path.join(templatesDir, 'messages.json'), 'utf8')) as Record<
    string,
    Bilingual
  >;
  return templates;
}

export function renderMessage(template: string, params: Record<string, string | number>): Bilingual {
  const t = load()[template];
  if (!t) throw new Error(`no message template "${template}"`);
  const fill = (text: string) =>
    text.replace(/\{(\w+)\}/g, (_, key: string) => {
      if (!(key in params)) throw new Error(`message template "${template}" needs {${key}}`);
      return String(params[key]);
    });
  return { en: fill(t.en), hi: fill(t.hi) };
}
