import { Document, isMap, isSeq, parseDocument, YAMLMap } from 'yaml';

/**
 * The install steps of the package READMEs, as the fresh-app test runs them.
 *
 * A README marks each step the test runs with `<!-- fresh-app:NAME -->` on the
 * line before its fenced code block (blank lines between are fine: prettier
 * puts one there). How the test runs a block depends on its language:
 *
 * - `sh`: the commands, run with bash in the app's root folder. Only package
 *   specs are rewritten: `@metal3-fleet/NAME` becomes
 *   `@metal3-fleet/NAME@file:<its tarball>` (nothing is published to a
 *   registry the test could use).
 * - `ts` / `tsx`: the first line is a comment naming the file, relative to the
 *   app's root (`// packages/backend/src/index.ts`). `import` lines join the
 *   file's imports; every other line the file already has is context, and the
 *   new lines go where the context puts them (before the next context line,
 *   else after the last one, else at the end of the file).
 * - `yaml`: the first line is a comment naming the file (`# app-config.yaml`);
 *   the block is merged into it: maps key by key, lists appended to.
 */

export interface Snippet {
  /** The NAME of `<!-- fresh-app:NAME -->`. */
  name: string;
  /** The README it came from, for messages. */
  source: string;
  /** The fence's language: sh, ts, tsx, yaml. */
  lang: string;
  /** The block's text, without the fences. */
  code: string;
}

const MARK = /^<!--\s*fresh-app:([a-z0-9-]+)\s*-->\s*$/;

/** Every marked block of a README, in order. */
export function extractSnippets(markdown: string, source: string): Snippet[] {
  const lines = markdown.split('\n');
  const snippets: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const mark = MARK.exec(lines[i].trim());
    if (!mark) continue;
    let j = i + 1;
    while (j < lines.length && lines[j].trim() === '') j++;
    const fence = /^(`{3,})\s*([\w-]*)\s*$/.exec(lines[j] ?? '');
    if (!fence) {
      throw new Error(
        `${source}:${i + 1}: <!-- fresh-app:${
          mark[1]
        } --> is not followed by a fenced code block`,
      );
    }
    const end = lines.findIndex((l, k) => k > j && l.trim() === fence[1]);
    if (end < 0) {
      throw new Error(`${source}:${j + 1}: the code block never closes`);
    }
    snippets.push({
      name: mark[1],
      source,
      lang: fence[2],
      code: lines.slice(j + 1, end).join('\n'),
    });
    i = end;
  }
  return snippets;
}

/** The snippets of these names, in this order; names every missing one. */
export function requireSnippets(
  snippets: Snippet[],
  names: string[],
): Snippet[] {
  const missing = names.filter(n => !snippets.some(s => s.name === n));
  if (missing.length > 0) {
    throw new Error(
      `no README marks ${missing
        .map(n => `<!-- fresh-app:${n} -->`)
        .join(
          ', ',
        )}: the fresh-app test runs the install steps the READMEs show (docs/development.md, "The fresh-app test")`,
    );
  }
  return names.map(n => {
    const found = snippets.filter(s => s.name === n);
    if (found.length > 1) {
      throw new Error(
        `<!-- fresh-app:${n} --> marks ${found.length} blocks (${found
          .map(s => s.source)
          .join(', ')}): one each`,
      );
    }
    return found[0];
  });
}

/** The backend modules' and the lab's steps, in the order they run. */
const BACKEND_STEPS = [
  'backend-install',
  'backend',
  'catalog-install',
  'catalog',
  'scaffolder-install',
  'scaffolder',
  'scaffolder-templates',
];
const LAB_STEPS = ['lab-install', 'lab-config'];

/**
 * What the fresh-app test runs, from the snippets of every published README:
 * the backend's steps, the frontend plugin's `frontend-new` and any
 * `frontend-new-*` (an app of the new frontend system, as create-app makes),
 * the lab's install and config, and apart the command that starts the lab
 * (`lab-run`). Throws naming whatever mark is missing.
 */
export function freshAppSteps(snippets: Snippet[]): {
  steps: Snippet[];
  labRun: Snippet;
} {
  const frontend = snippets.filter(
    s => s.name === 'frontend-new' || s.name.startsWith('frontend-new-'),
  );
  if (!frontend.some(s => s.name === 'frontend-new')) {
    requireSnippets(snippets, ['frontend-new']); // names what is missing
  }
  const steps = [
    ...requireSnippets(snippets, BACKEND_STEPS),
    ...frontend,
    ...requireSnippets(snippets, LAB_STEPS),
  ];
  const [labRun] = requireSnippets(snippets, ['lab-run']);
  return { steps, labRun };
}

/**
 * The commands of an `sh` snippet, with each `@metal3-fleet/NAME` package
 * spec pointing at its tarball. Comment lines are dropped.
 */
export function shellCommands(
  snippet: Snippet,
  tarballs: Record<string, string>,
): string[] {
  if (!['sh', 'bash', 'shell'].includes(snippet.lang)) {
    throw new Error(
      `${snippet.source}: fresh-app:${snippet.name} is a ${
        snippet.lang || 'plain'
      } block, not sh`,
    );
  }
  return snippet.code
    .split('\n')
    .map(l => l.trim())
    .filter(l => l !== '' && !l.startsWith('#'))
    .map(line =>
      line.replace(
        /(^|\s)(@metal3-fleet\/[a-z0-9-]+)(?=\s|$)/g,
        (_whole, space: string, name: string) => {
          const tarball = tarballs[name];
          if (!tarball) {
            throw new Error(
              `${snippet.source}: fresh-app:${snippet.name} installs ${name}, which is not one of the packed packages`,
            );
          }
          return `${space}${name}@file:${tarball}`;
        },
      ),
    );
}

/** The file a code or yaml snippet names in its first line, and the rest. */
export function snippetTarget(snippet: Snippet): {
  file: string;
  body: string[];
} {
  const [first, ...body] = snippet.code.split('\n');
  const named = /^\s*(?:\/\/|#)\s*(\S+\.(?:ts|tsx|yaml|yml))\s*$/.exec(first);
  if (!named) {
    throw new Error(
      `${snippet.source}: fresh-app:${snippet.name} must name its file in its first line (e.g. "// packages/backend/src/index.ts" or "# app-config.yaml")`,
    );
  }
  return { file: named[1], body };
}

/** The index of the line that ends the file's last import statement, or -1. */
function endOfImports(lines: string[]): number {
  let end = -1;
  for (let i = 0; i < lines.length; i++) {
    if (!/^import\b/.test(lines[i])) continue;
    let j = i;
    while (j < lines.length - 1 && !/;\s*$/.test(lines[j])) j++;
    end = j;
    i = j;
  }
  return end;
}

/** `text` with the lines of a ts/tsx snippet added (see the top of this file). */
export function applyCodeSnippet(text: string, snippet: Snippet): string {
  if (!['ts', 'tsx'].includes(snippet.lang)) {
    throw new Error(
      `${snippet.source}: fresh-app:${snippet.name} is not a ts or tsx block`,
    );
  }
  const { file, body } = snippetTarget(snippet);
  const lines = text.split('\n');
  const has = (line: string, from = 0) =>
    lines.findIndex((l, i) => i >= from && l.trim() === line.trim());

  // Imports first, after the file's last import (statements may span lines).
  const imports: string[] = [];
  const rest: string[] = [];
  let inImport = false;
  for (const line of body) {
    if (/^import\b/.test(line) || inImport) {
      imports.push(line);
      inImport = !/;\s*$/.test(line) && !/^import\s+['"]/.test(line);
    } else {
      rest.push(line);
    }
  }
  const importText = imports.join('\n');
  if (importText.trim() && !text.includes(importText)) {
    lines.splice(endOfImports(lines) + 1, 0, ...imports);
  }

  // Then the other lines, placed by their context.
  let cursor = 0;
  let pending: string[] = [];
  let anchored = false;
  for (const line of rest) {
    if (line.trim() === '') continue;
    const at = has(line, cursor);
    if (at >= 0) {
      lines.splice(at, 0, ...pending);
      cursor = at + pending.length + 1;
      pending = [];
      anchored = true;
    } else {
      pending.push(line);
    }
  }
  if (pending.length > 0) {
    if (anchored) lines.splice(cursor, 0, ...pending);
    else lines.push(...pending);
  }
  const result = lines.join('\n');
  if (result === text) {
    throw new Error(
      `${snippet.source}: fresh-app:${snippet.name} changes nothing in ${file}`,
    );
  }
  return result;
}

function mergeInto(target: YAMLMap, source: YAMLMap) {
  for (const pair of source.items) {
    const key = (pair.key as { value?: unknown })?.value ?? pair.key;
    const existing = target.get(key, true);
    if (isMap(existing) && isMap(pair.value)) {
      mergeInto(existing, pair.value);
    } else if (isSeq(existing) && isSeq(pair.value)) {
      for (const item of pair.value.items) existing.add(item);
    } else {
      target.set(key, pair.value);
    }
  }
}

/**
 * `text` (a YAML file, possibly empty) with a yaml snippet merged in: maps key
 * by key, lists appended to, anything else replaced. Comments of the file stay.
 */
export function mergeYaml(text: string, snippetYaml: string): string {
  const doc = text.trim() === '' ? new Document({}) : parseDocument(text);
  const add = parseDocument(snippetYaml);
  if (add.errors.length > 0) throw add.errors[0];
  if (!isMap(add.contents)) throw new Error('a yaml snippet must be a map');
  if (!isMap(doc.contents)) throw new Error('the file is not a YAML map');
  mergeInto(doc.contents, add.contents);
  return doc.toString({ flowCollectionPadding: false });
}
