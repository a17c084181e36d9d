import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// The plugin mounts wherever an app puts it only if no link spells out a
// path: every link comes from a route ref. This test is the CI check that
// keeps it so (scripts/test.sh runs it with the plugin's other tests).

/**
 * App paths the plugin must never spell out: its own page (`/metal3`), the
 * scaffolder's template pages (`/create/templates`) and the catalog's entity
 * pages (`/catalog`). An app chooses where each is mounted; the plugin reaches
 * them through route refs only (src/routes.ts).
 */
const APP_PATH = /\/(metal3|create\/templates|catalog)(?=$|[/?#\s"'`)])/.source;
const SEPARATOR = /[\s"'`(=]/.source;
/** A path at the start of a literal or after a space, quote, `(` or `=`. */
const PATH_AT_START = new RegExp(`(^|${SEPARATOR})${APP_PATH}`);
/** A path after a space, quote, `(` or `=` only. */
const PATH_INSIDE = new RegExp(`${SEPARATOR}${APP_PATH}`);

/** A string in the source that holds an app path. */
interface PathLiteral {
  line: number;
  text: string;
}

/**
 * The string, template and JSX text literals of a TypeScript/TSX source that
 * hold an app path. Comments do not count: they may say where the page
 * usually is. Read by the TypeScript parser, so a `//` inside a string or a
 * quote inside a comment cannot fool it.
 */
function findPathLiterals(fileName: string, source: string): PathLiteral[] {
  const file = ts.createSourceFile(
    fileName,
    source,
    ts.ScriptTarget.Latest,
    false,
    fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: PathLiteral[] = [];
  const visit = (node: ts.Node) => {
    const text = literalText(node);
    if (text !== undefined && holdsAppPath(node, text)) {
      const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
      found.push({ line: line + 1, text });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/**
 * The middle or tail of a template continues what its expression produced
 * (`${apiBase}/metal3/...`, a namespace named metal3): only a path that
 * starts inside the literal counts there.
 */
function holdsAppPath(node: ts.Node, text: string): boolean {
  const continuation = ts.isTemplateMiddle(node) || ts.isTemplateTail(node);
  return (continuation ? PATH_INSIDE : PATH_AT_START).test(text);
}

function literalText(node: ts.Node): string | undefined {
  if (
    ts.isStringLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    ts.isTemplateHead(node) ||
    ts.isTemplateMiddle(node) ||
    ts.isTemplateTail(node)
  ) {
    return node.text;
  }
  if (ts.isJsxText(node)) return node.text;
  return undefined;
}

/** Where paths may be written: the route definitions. */
const ROUTE_DEFINITIONS = ['routes.ts'];

/** Test-only code mounts pages at paths of its choosing; it is not shipped. */
const isTestOnly = (file: string) =>
  /\.test\.tsx?$/.test(file) ||
  file.startsWith(`testUtils${path.sep}`) ||
  file === 'setupTests.ts';

function sourceFiles(dir: string, root = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full, root);
    return /\.tsx?$/.test(entry.name) ? [path.relative(root, full)] : [];
  });
}

describe('path literals', () => {
  it('finds none in the shipped sources outside the route definitions', () => {
    const files = sourceFiles(__dirname).filter(
      f => !isTestOnly(f) && !ROUTE_DEFINITIONS.includes(f),
    );
    // The walk must see the plugin, or an empty list proves nothing.
    expect(files).toEqual(
      expect.arrayContaining([
        path.join('components', 'HostTable', 'columns.tsx'),
        path.join('components', 'PoolPage', 'templateLinks.ts'),
      ]),
    );
    const offenders = files.flatMap(file =>
      findPathLiterals(
        file,
        fs.readFileSync(path.join(__dirname, file), 'utf8'),
      ).map(
        ({ line, text }) =>
          `src/${file}:${line}: ${JSON.stringify(
            text,
          )} (build it from a route ref in src/routes.ts)`,
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('finds the links the plugin once spelled out, and ignores comments and API paths', () => {
    // Lines as they were in columns.tsx, HostLiveStatusCard.tsx, HostPage.tsx,
    // ClusterOverview.tsx and templateLinks.ts before the route refs.
    const before = [
      'const a = (h: H) => `/metal3/hosts/${h.cluster}/${h.namespace}/${h.name}`;',
      'const b = <Link to={`/metal3/clusters/${h.cluster}`}>{h.cluster}</Link>;',
      'const c = <Link to={`/metal3/pools/${v.cluster}/${v.namespace}/${v.name}`}>x</Link>;',
      'const d = <Link to={`/catalog/default/resource/${ref.split("/").pop()}`}>entity</Link>;',
      'const e = (c: string) => `/metal3?cluster=${encodeURIComponent(c)}`;',
      'const f = (t: string) => `/create/templates/default/${t}?formData=${q}`;',
      "const g = <Route path='/metal3' />;",
      'const h = <a href="/catalog">catalog</a>;',
    ].join('\n');
    expect(
      findPathLiterals('before.tsx', before).map(found => found.line),
    ).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

    const fine = [
      '// The routes under `/metal3`: fleet, one host, one pool, one cluster.',
      '/** `/metal3/clusters/:name`, see "/create/templates". */',
      "const base = 'http://backend/api/metal3';",
      "const annotation = 'metal3.backstage.io/name';",
      'const url = `${base}/hosts/${cluster}/metal3/worker-0`;',
      "const other = '/metal3-lab';",
    ].join('\n');
    expect(findPathLiterals('fine.tsx', fine)).toEqual([]);
  });
});
