import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { validateEnv } from '../../src/common/config/app.config';

/**
 * There is no Docker engine here, so the deployment files are checked for what can be checked:
 * the compose file parses and wires services, env and healthchecks; the image's commands exist.
 */
const root = join(__dirname, '../..');
// Compose resolves YAML merge keys (`<<: *app-env`), so the parser must too.
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true });
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('docker-compose.yml', () => {
  it('has postgres, api and worker services', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'postgres', 'worker']);
  });

  it('keeps PostgreSQL data on a named volume and checks its health', () => {
    const pg = compose.services.postgres;
    const [volume] = pg.volumes[0].split(':');
    expect(compose.volumes).toHaveProperty(volume);
    expect(pg.healthcheck.test.join(' ')).toContain('pg_isready');
  });

  it.each(['api', 'worker'])('%s uses the same image, waits for a healthy database, and points at it', (name) => {
    const svc = compose.services[name];
    expect(svc.image).toBe(compose.services.api.image);
    expect(svc.depends_on.postgres.condition).toBe('service_healthy');
    const url = new URL(svc.environment.DATABASE_URL.replace(/\$\{[^}]+:-([^}]*)\}/g, '$1'));
    expect(url.hostname).toBe('postgres');
    expect(url.pathname).toBe(`/${compose.services.postgres.environment.POSTGRES_DB}`);
    expect(url.username).toBe(compose.services.postgres.environment.POSTGRES_USER);
  });

  it('gives every app service an environment the service accepts', () => {
    for (const name of ['api', 'worker']) {
      const env = Object.fromEntries(
        Object.entries(compose.services[name].environment as Record<string, string>).map(([k, v]) => [
          k,
          String(v).replace(/\$\{[^}]+:-([^}]*)\}/g, '$1'),
        ]),
      );
      expect(() => validateEnv(env)).not.toThrow();
    }
  });

  it('checks the API through /health/ready on the port it publishes', () => {
    const api = compose.services.api;
    expect(api.healthcheck.test.join(' ')).toContain('/health/ready');
    expect(api.ports[0]).toMatch(/:3000$/);
    expect(api.environment.PORT).toBe('3000');
  });

  it('runs commands that exist in the built image', () => {
    for (const name of ['api', 'worker']) {
      const [bin, entry, ...args] = compose.services[name].command;
      expect(bin).toBe('node');
      expect(entry).toBe('dist/main.js');
      expect(pkg.scripts.build).toContain('tsconfig.build.json');
      expect(existsSync(join(root, 'src/main.ts'))).toBe(true);
      for (const a of args) expect(readFileSync(join(root, 'src/main.ts'), 'utf8')).toContain(a.split('=')[0]);
    }
  });
});

describe('Dockerfile', () => {
  const stages = [...dockerfile.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gim)];

  it('is multi-stage on Node 20', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const s of stages) expect(s[1]).toMatch(/^node:20/);
  });

  it('ships production dependencies only, runs as a non-root user, and has a healthcheck', () => {
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER\s+(?!root)\w+/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK[\s\S]*\/health\/ready/m);
  });

  it('starts the command package.json declares as start:prod', () => {
    const cmd = JSON.parse(/^CMD\s+(\[.*\])/m.exec(dockerfile)![1]).join(' ');
    expect(pkg.scripts['start:prod']).toBe(cmd);
  });

  it('copies what the runtime reads (dist, node_modules, seed data)', () => {
    for (const path of ['dist', 'node_modules', 'seed']) expect(dockerfile).toMatch(new RegExp(`COPY .*\\./${path}`));
    for (const path of ['seed', 'src', 'package.json', 'package-lock.json']) expect(existsSync(join(root, path))).toBe(true);
  });
});
