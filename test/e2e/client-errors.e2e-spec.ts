import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../utils/test-app';

/** Writes raw bytes on a new connection and reads until the server closes it. */
function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let out = '';
    socket.on('data', (d) => (out += d));
    socket.on('end', () => resolve(out));
    socket.on('close', () => resolve(out));
    socket.on('error', reject);
    socket.write(bytes);
  });
}

function parse(answer: string): { status: number; body: { error: { code: string; message: string; details: unknown[] } } } {
  const [head, body] = answer.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), body: JSON.parse(body) as never };
}

/** Requests Node's HTTP parser refuses before Fastify sees them still get the error shape. */
describe('Node client errors in the error shape', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  }, 180000);
  afterAll(async () => t?.close());

  it('headers over 16 KB: 431 HEADERS_TOO_LARGE', async () => {
    const answer = parse(await raw(port, `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`));
    expect(answer.status).toBe(431);
    expect(answer.body.error).toMatchObject({ code: 'HEADERS_TOO_LARGE', details: [] });
  });

  it('a request that is not HTTP: 400 VALIDATION_FAILED', async () => {
    const answer = parse(await raw(port, 'GARBAGE\r\n\r\n'));
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [] });
  });

  it('still answers well-formed requests', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
  });
});
