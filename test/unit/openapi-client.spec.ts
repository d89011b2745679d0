import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';

const root = join(__dirname, '../..');

interface Doc {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string; schema?: { type?: string | string[] } }[];
        requestBody?: { content: Record<string, unknown> };
      }
    >
  >;
}

/** The REST calls of the README's ```bash blocks: method, path, query and JSON body of each `curl`. */
interface ReadmeCall {
  line: number;
  method: string;
  url: string;
  body?: unknown;
  media?: string;
  binary: boolean;
}

function readmeCalls(readme: string): ReadmeCall[] {
  const calls: ReadmeCall[] = [];
  for (const block of readme.matchAll(/```bash\n([\s\S]*?)```/g)) {
    const startLine = readme.slice(0, block.index).split('\n').length + 1;
    // One command per curl: continuation lines (trailing \) and multi-line -d '...' bodies joined.
    // A shell substitution spliced into a single-quoted body ('$(date ...)') stands for a timestamp.
    const text = block[1].replace(/\\\n/g, ' ').replace(/'\$\((?:[^()'"]|'[^']*')*\)'/g, '2030-01-01T00:00:00Z');
    for (const m of text.matchAll(/curl\s(?:[^'"\n]|'[^']*'|"[^"]*")*/g)) {
      const cmd = m[0];
      const line = startLine + text.slice(0, m.index).split('\n').length - 1;
      const url = /(?:^|\s)['"]?((?:https?:\/\/)?localhost:\d+[^\s'"]*)/.exec(cmd)?.[1];
      if (!url || !/localhost:\d+\/v1\//.test(url)) continue; // GraphQL and operations endpoints are not in the REST document
      const data = /\s-d\s+'([\s\S]*?)'/.exec(cmd)?.[1];
      const binary = /\s--data-binary\s/.test(cmd); // a file or a heredoc: checked by media type only
      const media = /-H\s+'content-type:\s*([^';]+)/i.exec(cmd)?.[1].trim();
      const method = /\s-X\s+(\w+)/.exec(cmd)?.[1] ?? (data !== undefined || binary ? 'POST' : 'GET');
      const path = url.replace(/^(https?:\/\/)?localhost:\d+/, '');
      calls.push({ line, method, url: path, body: data === undefined ? undefined : JSON.parse(data), media, binary });
    }
  }
  return calls;
}

/** An openapi-fetch call for one README call, typed against the document's paths. */
function clientCall(doc: Doc, call: ReadmeCall): string {
  const [rawPath, query] = call.url.split('?');
  const segments = rawPath.split('/');
  const template = Object.keys(doc.paths).find((p) => {
    const t = p.split('/');
    return (
      t.length === segments.length &&
      t.every((s, i) => /^\{\w+\}$/.test(s) || s === segments[i]) &&
      doc.paths[p][call.method.toLowerCase()]
    );
  });
  if (!template) throw new Error(`README: ${call.method} ${rawPath} is not an operation of docs/openapi.json`);
  const op = doc.paths[template][call.method.toLowerCase()];
  if (call.media && !op.requestBody?.content[call.media])
    throw new Error(`README line ${call.line}: ${call.method} ${template} does not take ${call.media}`);
  if (call.binary) return `// ${call.method} ${template} with a ${call.media} body (not JSON: its media type is checked above)`;
  const params: Record<string, Record<string, unknown>> = {};
  template.split('/').forEach((s, i) => {
    const name = /^\{(\w+)\}$/.exec(s)?.[1];
    if (name) (params.path ??= {})[name] = decodeURIComponent(segments[i]);
  });
  for (const [k, v] of new URLSearchParams(query ?? '')) {
    const type = op.parameters?.find((p) => p.in === 'query' && p.name === k)?.schema?.type;
    const types = Array.isArray(type) ? type : [type];
    (params.query ??= {})[k] =
      types.includes('number') || types.includes('integer')
        ? Number(v)
        : types.includes('boolean')
          ? v === 'true'
          : types.includes('array')
            ? v.split(',')
            : v;
  }
  const init: Record<string, unknown> = {};
  if (Object.keys(params).length) init.params = params;
  if (call.body !== undefined) init.body = call.body;
  return `client.${call.method.toUpperCase()}(${JSON.stringify(template)}${Object.keys(init).length ? `, ${JSON.stringify(init)}` : ''})`;
}

/**
 * A typed client from the committed document (openapi-typescript + openapi-fetch) compiles every REST
 * call the README shows, bodies included: a number typed as an empty object, a field the README sends
 * that the document lacks, or a path it does not have fails here.
 */
describe('typed client from docs/openapi.json', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'aiem-client-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('type-checks the README REST examples as openapi-fetch calls', async () => {
    const doc = JSON.parse(readFileSync(join(root, 'docs/openapi.json'), 'utf8')) as Doc;
    // openapi-typescript's programmatic API, in a child process: it and its dependencies are ES modules,
    // which this Jest (CommonJS) cannot load. defaultNonNullable: false, as the README says: request
    // schemas are components, and by default openapi-typescript makes a property with a default required.
    const generate =
      "import openapiTS, { astToString } from 'openapi-typescript'; import { readFileSync, writeFileSync } from 'node:fs';" +
      'const [, src, out] = process.argv; writeFileSync(out, astToString(await openapiTS(JSON.parse(readFileSync(src, "utf8")), { defaultNonNullable: false })));';
    execFileSync(
      process.execPath,
      ['--input-type=module', '-e', generate, join(root, 'docs/openapi.json'), join(dir, 'schema.d.ts')],
      { cwd: root, stdio: 'pipe' },
    );
    const types = readFileSync(join(dir, 'schema.d.ts'), 'utf8');
    // A schema property typed as an object with no properties (what `number | null` used to become).
    expect(types.split('\n').filter((l) => l.includes('Record<string, never>') && !l.startsWith('export type '))).toEqual([]);
    const calls = readmeCalls(readFileSync(join(root, 'README.md'), 'utf8'));
    expect(calls.filter((c) => c.body !== undefined).length).toBeGreaterThanOrEqual(4);
    writeFileSync(
      join(dir, 'examples.ts'),
      [
        "import createClient from 'openapi-fetch';",
        "import type { paths } from './schema';",
        "const client = createClient<paths>({ baseUrl: 'http://localhost:3000' });",
        'export async function readmeExamples() {',
        ...calls.map((c) => `  // README.md line ${c.line}\n  ${c.binary ? '' : 'await '}${clientCall(doc, c)};`),
        '}',
        '',
      ].join('\n'),
    );
    mkdirSync(join(dir, 'node_modules'), { recursive: true });
    for (const pkg of ['openapi-fetch', 'openapi-typescript-helpers'])
      symlinkSync(join(root, 'node_modules', pkg), join(dir, 'node_modules', pkg), 'dir');
    const program = ts.createProgram([join(dir, 'examples.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: [],
      skipLibCheck: true,
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where =
        d.file && d.start !== undefined
          ? `${d.file.fileName.replace(dir, '<tmp>')}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: `
          : '';
      return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
    });
    expect(diagnostics).toEqual([]);
  }, 120000);
});
