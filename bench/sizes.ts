/**
 * Measures the built extension: the bytes and gzip bytes of every JavaScript and CSS file,
 * and which contexts load it. Contexts are found from the built manifest: the background
 * worker, the popup and options pages and content scripts, with the chunks their scripts
 * import.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BuiltFile {
  /** Path inside the build folder, with forward slashes. */
  path: string;
  type: 'js' | 'css';
  bytes: number;
  /** Size after gzip at zlib's default level (6). */
  gzipBytes: number;
  /** Contexts that load the file. A file that two or more contexts load is a shared chunk. */
  contexts: string[];
}

export interface ContextSize {
  context: string;
  /** JavaScript the context loads, shared chunks included. */
  jsBytes: number;
  jsGzipBytes: number;
  cssBytes: number;
  cssGzipBytes: number;
  files: string[];
}

export interface BuildSizes {
  files: BuiltFile[];
  contexts: ContextSize[];
}

/** Entry points of the contexts in a built manifest, as paths inside the build folder. */
interface Entries {
  scripts: string[];
  pages: string[];
  styles: string[];
}

interface Manifest {
  background?: { service_worker?: string; scripts?: string[] };
  action?: { default_popup?: string };
  browser_action?: { default_popup?: string };
  options_ui?: { page?: string };
  options_page?: string;
  content_scripts?: { js?: string[]; css?: string[] }[];
}

/** Reads the build in `buildDir` (such as `dist/chrome`) and measures every context. */
export async function measureBuild(buildDir: string): Promise<BuildSizes> {
  const manifestPath = join(buildDir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new Error(`${manifestPath} not found: run \`npm run build\` first`);
  }
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest;
  const loaders = new Map<string, Set<string>>();
  for (const [context, entries] of Object.entries(contextEntries(manifest))) {
    for (const path of await filesLoaded(buildDir, entries)) {
      const contexts = loaders.get(path) ?? new Set<string>();
      contexts.add(context);
      loaders.set(path, contexts);
    }
  }
  const files = await Promise.all(
    [...loaders].map(([path, contexts]) => measureFile(buildDir, path, [...contexts])),
  );
  files.sort((a, b) => a.path.localeCompare(b.path));
  return { files, contexts: sumByContext(files) };
}

function contextEntries(manifest: Manifest): Record<string, Entries> {
  const entries: Record<string, Entries> = {};
  const background = manifest.background;
  const workerScripts = background?.service_worker ? [background.service_worker] : [];
  const backgroundScripts = [...workerScripts, ...(background?.scripts ?? [])];
  if (backgroundScripts.length > 0) {
    entries.background = { ...emptyEntries(), scripts: backgroundScripts };
  }
  const popup = manifest.action?.default_popup ?? manifest.browser_action?.default_popup;
  if (popup) entries.popup = { ...emptyEntries(), pages: [popup] };
  const options = manifest.options_ui?.page ?? manifest.options_page;
  if (options) entries.options = { ...emptyEntries(), pages: [options] };
  const content = manifest.content_scripts ?? [];
  if (content.length > 0) {
    entries.content = {
      scripts: content.flatMap((script) => script.js ?? []),
      pages: [],
      styles: content.flatMap((script) => script.css ?? []),
    };
  }
  return entries;
}

function emptyEntries(): Entries {
  return { scripts: [], pages: [], styles: [] };
}

/** Returns every JavaScript and CSS file that the entries load, following imports. */
async function filesLoaded(buildDir: string, entries: Entries): Promise<Set<string>> {
  const found = new Set<string>(entries.styles.map(normalize));
  const pending = entries.scripts.map(normalize);
  for (const page of entries.pages) {
    const html = await readFile(join(buildDir, page), 'utf8');
    for (const reference of referencesInHtml(html)) {
      const path = resolveReference(normalize(page), reference);
      if (path.endsWith('.css')) found.add(path);
      else pending.push(path);
    }
  }
  while (pending.length > 0) {
    const script = pending.pop()!;
    if (found.has(script) || !existsSync(join(buildDir, script))) continue;
    found.add(script);
    const code = await readFile(join(buildDir, script), 'utf8');
    pending.push(...importsIn(code).map((specifier) => resolveReference(script, specifier)));
  }
  return found;
}

/** Returns the `src` of scripts and the `href` of module preloads and style sheets. */
function referencesInHtml(html: string): string[] {
  const references: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const isScript = /^<script/i.test(tag);
    const rel = /\brel="([^"]*)"/i.exec(tag)?.[1] ?? '';
    const url = /\b(?:src|href)="([^"]*)"/i.exec(tag)?.[1];
    const loadsCode = isScript || rel === 'modulepreload' || rel === 'stylesheet';
    if (url && loadsCode && !/^[a-z]+:/i.test(url)) references.push(url);
  }
  return references;
}

/**
 * Returns the relative specifiers of static imports, re-exports and dynamic imports. Code
 * loaded by a dynamic import counts towards the context, as it would run there.
 */
function importsIn(code: string): string[] {
  const pattern = /\b(?:import|from)\s*\(?\s*["']((?:\.{1,2})?\/[^"']+)["']/g;
  return [...code.matchAll(pattern)].map((match) => match[1]!);
}

/** Resolves a URL in a built file to a path inside the build folder, whose root is `/`. */
function resolveReference(fromPath: string, reference: string): string {
  if (reference.startsWith('/')) return normalize(reference);
  return normalize(posix.join(posix.dirname(fromPath), reference));
}

function normalize(path: string): string {
  return posix.normalize(path.replaceAll('\\', '/')).replace(/^\/+/, '');
}

async function measureFile(buildDir: string, path: string, contexts: string[]) {
  const content = await readFile(join(buildDir, path));
  const file: BuiltFile = {
    path,
    type: path.endsWith('.css') ? 'css' : 'js',
    bytes: content.length,
    gzipBytes: gzipSync(content).length,
    contexts: contexts.sort(),
  };
  return file;
}

function sumByContext(files: BuiltFile[]): ContextSize[] {
  const sizes = new Map<string, ContextSize>();
  for (const file of files) {
    for (const context of file.contexts) {
      const size = sizes.get(context) ?? emptySize(context);
      if (file.type === 'js') {
        size.jsBytes += file.bytes;
        size.jsGzipBytes += file.gzipBytes;
      } else {
        size.cssBytes += file.bytes;
        size.cssGzipBytes += file.gzipBytes;
      }
      size.files.push(file.path);
      sizes.set(context, size);
    }
  }
  return [...sizes.values()].sort((a, b) => a.context.localeCompare(b.context));
}

function emptySize(context: string): ContextSize {
  return { context, jsBytes: 0, jsGzipBytes: 0, cssBytes: 0, cssGzipBytes: 0, files: [] };
}

/** Lists the JavaScript and CSS files in the build that no context loads. */
export async function unreferencedFiles(buildDir: string, sizes: BuildSizes): Promise<string[]> {
  const paths = await readdir(buildDir, { recursive: true });
  const measured = new Set(sizes.files.map((file) => file.path));
  return paths
    .map(normalize)
    .filter((path) => /\.(js|css)$/.test(path) && !measured.has(path))
    .sort();
}
