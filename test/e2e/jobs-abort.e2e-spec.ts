import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createRootLogger } from '../../src/common/logging/logger';
import { createTestApp, type TestApp } from '../utils/test-app';

const ADMIN = 'test-admin-key-0123456789abcdef-abort';

/** A client that goes away mid-upload of POST /v1/jobs is no server error: nothing is logged at error level. */
describe('Jobs: a client abort mid-upload', () => {
  let t: TestApp;
  let port: number;
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });

  beforeAll(async () => {
    t = await createTestApp({ BOOTSTRAP_ADMIN_KEY: ADMIN }, { logger: createRootLogger('info', 'json', stream) });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  }, 180000);
  afterAll(async () => t?.close());

  it('logs no error and keeps serving', async () => {
    const row = JSON.stringify({
      name: 'abort',
      request: { hardware: { ref: 'nvidia-h100-sxm5-80gb', count: 1 }, hours: 1, location: { zone: 'FR' } },
    });
    const rows = Array.from({ length: 500 }, () => row).join('\n');
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `POST /v1/jobs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ADMIN}\r\nContent-Type: application/x-ndjson\r\nContent-Length: 100000000\r\n\r\n${rows}\n`,
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 300);
      });
      socket.on('error', () => resolve());
    });
    await new Promise((r) => setTimeout(r, 1500));
    expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
    const errors = lines.filter((l) => (l.level as number) >= 50);
    expect(errors).toEqual([]);
    expect(lines.some((l) => String(l.msg).includes('client closed'))).toBe(true);
  }, 60000);
});
