import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../utils/test-app';

const ADMIN = 'test-admin-key-0123456789abcdef-early';

interface Answer {
  status: number;
  connection: string | undefined;
  body: string;
}

function send(
  agent: Agent,
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent, timeout: 10000 }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body: text }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in 10 s`)));
    req.on('error', reject);
    if (body) req.write(body); // a large body the server refuses before reading it
    req.end();
  });
}

/** An early rejection of a streamed job body closes the connection; a keep-alive client's next request is answered. */
describe('Early rejects close cleanly', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await createTestApp({ BOOTSTRAP_ADMIN_KEY: ADMIN });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  }, 180000);
  afterAll(async () => t.close());

  const body = Buffer.from(
    Array.from({ length: 40000 }, (_, i) => JSON.stringify({ name: `r${i}`, request: { hours: 1 } })).join('\n'),
  );

  it.each([
    [
      'a refused key (401)',
      { authorization: 'Bearer aiem_not-a-real-key-0000000000000000', 'content-type': 'application/x-ndjson' },
      401,
    ],
    ['an unsupported content type (415)', { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/xml' }, 415],
  ])(
    '%s: Connection: close, and the next request on the same agent is answered',
    async (_name, headers, status) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const first = await send(agent, port, 'POST', '/v1/jobs', { ...headers, 'content-length': String(body.length) }, body);
        expect(first.status).toBe(status);
        expect(JSON.parse(first.body).error.code).toEqual(expect.any(String));
        expect(first.connection).toBe('close');
        const t0 = Date.now();
        const next = await send(agent, port, 'GET', '/health/live', {});
        expect(next.status).toBe(200);
        expect(Date.now() - t0).toBeLessThan(5000);
      } finally {
        agent.destroy();
      }
    },
    60000,
  );
});
