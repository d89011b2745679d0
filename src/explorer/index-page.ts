import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HttpServer } from '../common/http/http-server';

/** One entry of `GET /`: where to go, with which methods, and what is there. */
export interface IndexLink {
  rel: 'explorer' | 'docs' | 'health' | 'metrics' | 'collection';
  href: string;
  methods: string[];
  title: string;
}

export interface IndexDocument {
  name: string;
  version: string;
  description: string;
  links: IndexLink[];
}

const link = (rel: IndexLink['rel'], href: string, methods: string[], title: string): IndexLink => ({
  rel,
  href,
  methods,
  title,
});

/** The service's entry points. A test checks every collection here against the OpenAPI document. */
export const INDEX_LINKS: IndexLink[] = [
  link('explorer', '/graphql', ['GET', 'POST'], 'GraphQL endpoint; opened in a browser, the GraphiQL explorer (works offline)'),
  link('explorer', '/app/', ['GET'], 'Dashboard: emissions over time, top runs, comparisons, jobs, catalogs (works offline)'),
  link('docs', '/docs', ['GET'], 'REST API documentation (OpenAPI UI)'),
  link('docs', '/docs/openapi.json', ['GET'], 'OpenAPI 3 document of the REST API'),
  link('health', '/health/live', ['GET'], 'Liveness: the process answers'),
  link('health', '/health/ready', ['GET'], 'Readiness: database reachable, reference data loaded'),
  link('metrics', '/metrics', ['GET'], 'Prometheus metrics'),
  link('collection', '/v1/estimates', ['POST'], 'Estimate the energy, CO2e and water of one training or serving workload'),
  link('collection', '/v1/estimates/batch', ['POST'], 'Many estimates in one request; a failed item never fails its neighbours'),
  link('collection', '/v1/comparisons', ['POST'], 'One estimate against variants (hardware, place, time, precision, ...)'),
  link('collection', '/v1/schedules', ['POST'], 'When and where a workload emits least, over hourly grid data'),
  link('collection', '/v1/hardware', ['GET', 'POST'], 'Hardware catalog: GPUs, TPUs, accelerators and CPUs, with sources'),
  link('collection', '/v1/grid/zones', ['GET'], 'Grid zones and their yearly carbon intensity'),
  link('collection', '/v1/grid/cloud-regions', ['GET'], 'Cloud regions (AWS, Azure, GCP) and the grid zone each is on'),
  link(
    'collection',
    '/v1/grid/intensity',
    ['GET'],
    'The carbon intensity for a zone, cloud region or coordinates, with its source',
  ),
  link('collection', '/v1/data-versions', ['GET'], 'Reference-data releases'),
  link('collection', '/v1/runs', ['GET', 'POST'], 'Recorded runs (API key): history, recalculation'),
  link('collection', '/v1/reports/emissions', ['GET'], 'Emissions report over recorded runs (API key; JSON or CSV)'),
  link('collection', '/v1/jobs', ['POST'], 'Bulk jobs (API key): up to a million estimate rows, NDJSON or CSV'),
  link('collection', '/v1/api-keys', ['GET', 'POST'], 'API keys of the tenant (admin key)'),
];

function packageInfo(): { version: string; description: string } {
  // Same depth from src/explorer and dist/explorer.
  const file = join(__dirname, '..', '..', 'package.json');
  if (!existsSync(file)) return { version: 'unknown', description: '' };
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as { version?: string; description?: string };
  return { version: pkg.version ?? 'unknown', description: pkg.description ?? '' };
}

export function indexDocument(): IndexDocument {
  return { name: 'ai-emissions-api', ...packageInfo(), links: INDEX_LINKS };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function indexHtml(doc: IndexDocument): string {
  const section = (title: string, rels: IndexLink['rel'][]) =>
    `<h2>${title}</h2>\n<ul>\n` +
    doc.links
      .filter((l) => rels.includes(l.rel))
      .map((l) => {
        const target = l.methods.includes('GET')
          ? `<a href="${escapeHtml(l.href)}">${escapeHtml(l.href)}</a>`
          : `<code>${escapeHtml(l.href)}</code>`;
        return `<li>${target} <small>${l.methods.join(', ')}</small> — ${escapeHtml(l.title)}</li>`;
      })
      .join('\n') +
    '\n</ul>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${escapeHtml(doc.name)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5}small{color:#666}code{font-size:.95em}</style>
</head>
<body>
<h1>${escapeHtml(doc.name)} <small>${escapeHtml(doc.version)}</small></h1>
<p>${escapeHtml(doc.description)}</p>
${section('Explorers and documentation', ['explorer', 'docs'])}
${section('API', ['collection'])}
${section('Operations', ['health', 'metrics'])}
</body>
</html>
`;
}

/**
 * `GET /`: a small index of the service. JSON by default; HTML when the client asks for text/html
 * (a browser), so the explorers, the docs and the main collections are one click away.
 */
export function installIndexPage(fastify: HttpServer) {
  const doc = indexDocument();
  const json = JSON.stringify(doc);
  const html = indexHtml(doc);
  fastify.get('/', async (request, reply) => {
    void reply.header('vary', 'accept').header('cache-control', 'no-cache');
    if ((request.headers.accept ?? '').includes('text/html')) return reply.type('text/html; charset=utf-8').send(html);
    return reply.type('application/json; charset=utf-8').send(json);
  });
}
