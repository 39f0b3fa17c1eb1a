import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { en } from './en';
import i18n, { DEFAULT_LANGUAGE } from './index';
import { zhCN } from './zh-CN';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) =>
  [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')
      ? [path]
      : [];
  });
}

const zh = leaves(zhCN);
const english = leaves(en as unknown as Tree);

describe('i18n', () => {
  it('zh-CN is the default', () => {
    expect(DEFAULT_LANGUAGE).toBe('zh-CN');
    expect(i18n.options.fallbackLng).toEqual(['zh-CN']);
  });

  it('every key is in both languages, none empty, with the same placeholders', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort());
    for (const [key, text] of zh) {
      expect(text.trim(), key).not.toBe('');
      expect(english.get(key)?.trim(), key).not.toBe('');
      expect(placeholders(english.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('Chinese strings are Chinese (no English left untranslated)', () => {
    const untranslated = [...zh].filter(
      ([key, text]) => /^[A-Za-z ,.'!?-]{4,}$/.test(text) && !key.startsWith('common.languages'),
    );
    expect(untranslated).toEqual([]);
  });

  it('every literal key the source passes to t() exists', () => {
    const root = join(__dirname, '..', '..');
    const missing: string[] = [];
    for (const file of sourceFiles(root)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([\w.-]+)'/g)) {
        if (!zh.has(match[1]!)) missing.push(`${file}: ${match[1]}`);
      }
      // a template key (`enums.visitMode.${mode}`): its prefix must name a group of keys
      for (const match of text.matchAll(/\bt\(\s*`([\w.]+)\.\$\{/g)) {
        if (![...zh.keys()].some((key) => key.startsWith(`${match[1]}.`)))
          missing.push(`${file}: ${match[1]}.*`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('English is used when chosen', async () => {
    await i18n.changeLanguage('en');
    expect(i18n.t('nav.households')).toBe('My households');
    await i18n.changeLanguage('zh-CN');
    expect(i18n.t('nav.households')).toBe('我的农户');
  });
});
