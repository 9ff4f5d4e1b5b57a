// Minimal server-side rendering: an HTML file from templates/ with {{name}} slots, HTML-escaped.
import fs from 'node:fs';
import path from 'node:path';
import { templatesDir } from '../lib/paths';

const cache = new Map<string, string>();

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderTemplate(name: string, values: Record<string, string>): string {
  let source = cache.get(name);
  if (source === undefined) {
    source = fs.readFileSync(path.join(templatesDir, name), 'utf8');
    cache.set(name, source);
  }
  return source.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`template ${name}: no value for {{${key}}}`);
    return escapeHtml(value);
  });
}
