import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

type Messages = Record<string, { message: string; placeholders?: Record<string, unknown> }>;

const LOCALES_DIR = 'public/_locales';
const readLocale = (locale: string): Messages =>
  JSON.parse(readFileSync(join(LOCALES_DIR, locale, 'messages.json'), 'utf8'));
const english = readLocale('en');
const locales = readdirSync(LOCALES_DIR).filter((locale) => locale !== 'en');
const placeholdersOf = (message: string) => [...message.matchAll(/\$(\w+)\$/g)].map((m) => m[1]);

/** Returns every source file under a folder. */
function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|tsx)$/.test(file) && !file.includes('.test.'))
    .map((file) => join(folder, file));
}

describe.each(locales)('locale %s', (locale) => {
  const messages = readLocale(locale);

  test('has every English key and no other', () => {
    expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
  });

  test('uses the same placeholders as English', () => {
    for (const [key, entry] of Object.entries(english)) {
      const translated = messages[key]?.message ?? '';
      expect(placeholdersOf(translated).sort(), key).toEqual(placeholdersOf(entry.message).sort());
    }
  });
});

test('every English message is used', () => {
  const code = ['src', 'manifest.json']
    .flatMap((path) => (path.endsWith('.json') ? [path] : sourceFiles(path)))
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
  const unused = Object.keys(english).filter((key) => !code.includes(key));
  expect(unused).toEqual([]);
});

/** Returns the JSX text and read-out attributes that are literals instead of t() calls. */
function hardCodedTexts(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && /\p{L}/u.test(node.text)) found.push(node.text.trim());
    const readOut = ['aria-label', 'title', 'alt', 'placeholder'];
    if (ts.isJsxAttribute(node) && readOut.includes(node.name.getText(source))) {
      const value = node.initializer;
      if (value && ts.isStringLiteral(value) && /\p{L}/u.test(value.text)) found.push(value.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test('UI components contain no hard-coded text', () => {
  const components = [...sourceFiles('src/popup'), ...sourceFiles('src/options')].filter((file) =>
    file.endsWith('.tsx'),
  );
  expect(components.length).toBeGreaterThan(3);
  for (const file of components) expect(hardCodedTexts(file), file).toEqual([]);
});
