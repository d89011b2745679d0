import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { HttpServer } from '../common/http/http-server';

/**
 * GraphiQL served entirely by the service (React, ReactDOM and GraphiQL from node_modules), so the
 * explorer works on networks with no internet access. `GET /graphql` with `Accept: text/html` gets
 * the page; every other request to /graphql goes to Apollo.
 */
const ASSETS: Record<string, { module: string; type: string }> = {
  'react.production.min.js': { module: 'react/umd/react.production.min.js', type: 'application/javascript' },
  'react-dom.production.min.js': { module: 'react-dom/umd/react-dom.production.min.js', type: 'application/javascript' },
  'graphiql.min.js': { module: 'graphiql/graphiql.min.js', type: 'application/javascript' },
  'graphiql.min.css': { module: 'graphiql/graphiql.min.css', type: 'text/css' },
};

export const EXPLORER_ASSET_PREFIX = '/graphql-explorer/assets/';

const DEFAULT_QUERY = `# Welcome to the ai-emissions-api GraphQL explorer.
# Reference data and estimates are open; runs, jobs and reports need an API key:
# add {"Authorization": "Bearer <key>"} in the Headers tab below.
query DataVersions {
  dataVersions {
    id
    kind
    description
    createdAt
  }
}
`;

/** The page's one inline script: the Content-Security-Policy allows exactly it, by its hash (explorerScriptHashes). */
const EXPLORER_INLINE_SCRIPT = `
  const fetcher = GraphiQL.createFetcher({ url: window.location.origin + '/graphql' });
  const root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher,
    defaultQuery: ${JSON.stringify(DEFAULT_QUERY)},
    defaultEditorToolsVisibility: true,
    shouldPersistHeaders: true,
  }));
`;

/** CSP source expressions of the explorer page's inline scripts (`'sha256-…'`), for script-src. */
export function explorerScriptHashes(): string[] {
  return [`'sha256-${createHash('sha256').update(EXPLORER_INLINE_SCRIPT, 'utf8').digest('base64')}'`];
}

function page(): string {
  const asset = (name: string) => `${EXPLORER_ASSET_PREFIX}${name}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>ai-emissions-api · GraphQL explorer</title>
<link rel="stylesheet" href="${asset('graphiql.min.css')}" />
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading the explorer…</div>
<script src="${asset('react.production.min.js')}"></script>
<script src="${asset('react-dom.production.min.js')}"></script>
<script src="${asset('graphiql.min.js')}"></script>
<script>${EXPLORER_INLINE_SCRIPT}</script>
</body>
</html>`;
}

export function installGraphqlExplorer(fastify: HttpServer) {
  const html = page();
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const [name, { module, type }] of Object.entries(ASSETS)) {
    const [pkg, ...rest] = module.split('/');
    const dir = dirname(require.resolve(`${pkg}/package.json`));
    files.set(name, { body: readFileSync(join(dir, ...rest)), type });
  }
  // A callback hook (not async): it runs on every request, and most pass straight through.
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.method === 'GET' && request.url.startsWith('/graphql')) {
      const path = request.url.split('?')[0];
      if ((path === '/graphql' || path === '/graphql/') && (request.headers.accept ?? '').includes('text/html')) {
        void reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
        return; // answered: the request goes no further
      }
    }
    done();
  });
  fastify.get(`${EXPLORER_ASSET_PREFIX}:name`, { logLevel: 'warn' }, async (request, reply) => {
    const file = files.get((request.params as { name: string }).name);
    if (!file) return reply.callNotFound();
    return reply.type(file.type).header('cache-control', 'public, max-age=86400').send(file.body);
  });
}
