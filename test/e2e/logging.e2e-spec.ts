import { Writable } from 'node:stream';
import { createRootLogger } from '../../src/common/logging/logger';
import { DataVersionsService } from '../../src/data-versions/data-versions.service';
import { createTestApp, type TestApp } from '../utils/test-app';

/** Server errors are logged with the request id the client got back, on both transports; client errors are not. */
describe('server errors in the logs', () => {
  let t: TestApp;
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  const failOnce = () =>
    jest.spyOn(t.app.get(DataVersionsService), 'list').mockRejectedValueOnce(new Error('relation "data_versions" is corrupt'));

  beforeAll(async () => {
    t = await createTestApp({}, { logger: createRootLogger('warn', 'json', stream) });
  });
  afterAll(() => t?.close());
  beforeEach(() => (lines.length = 0));

  it('a GraphQL INTERNAL_ERROR is logged with the request id, operation and path; the client sees no internals', async () => {
    failOnce();
    const res = await t.http
      .post('/graphql')
      .set('x-request-id', 'req-gql-500')
      .send({ query: 'query Releases { dataVersions { __typename } }' })
      .expect(200);
    expect(res.headers['x-request-id']).toBe('req-gql-500');
    expect(res.body.errors[0]).toMatchObject({ message: 'Internal error.', extensions: { code: 'INTERNAL_ERROR', status: 500 } });
    expect(JSON.stringify(res.body)).not.toContain('is corrupt');
    const logged = lines.filter((l) => l.msg === 'graphql error');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      level: 50,
      context: 'GraphQL',
      reqId: 'req-gql-500',
      operationName: 'Releases',
      path: 'dataVersions',
      status: 500,
      err: { message: 'relation "data_versions" is corrupt' },
    });
  });

  it('GraphQL client errors (4xx) are not logged as server errors', async () => {
    const res = await t.http.post('/graphql').set('x-request-id', 'req-gql-400').send({ query: '{ noSuchField }' });
    expect(res.body.errors[0].extensions.code).toBe('VALIDATION_FAILED');
    expect(lines.filter((l) => l.level === 50)).toEqual([]);
  });

  it('a REST 500 is logged with the request id and the url', async () => {
    failOnce();
    const res = await t.http.get('/v1/data-versions').set('x-request-id', 'req-rest-500').expect(500);
    expect(res.body.error.code).toBe('INTERNAL_ERROR');
    expect(lines.filter((l) => l.msg === 'unhandled error')).toEqual([
      expect.objectContaining({
        reqId: 'req-rest-500',
        url: '/v1/data-versions',
        context: 'HttpError',
        err: expect.objectContaining({ message: 'relation "data_versions" is corrupt' }),
      }),
    ]);
  });
});
