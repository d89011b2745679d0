import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server-process';

const BIN = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';

/** Whether this machine can start a private PostgreSQL server (the binaries of the PostgreSQL 15 packages). */
export const privatePostgresAvailable = existsSync(join(BIN, 'initdb')) && existsSync(join(BIN, 'pg_ctl'));

/**
 * A PostgreSQL server of the test's own (initdb + pg_ctl in a temporary directory, on a free loopback
 * port), for tests that stop or restart the database: never the shared server other suites use.
 * initdb refuses to run as root, so as root the server runs as the `postgres` system user.
 */
export class PrivatePostgres {
  readonly dir = mkdtempSync(join(tmpdir(), 'aiem-pg-'));
  readonly dataDir = join(this.dir, 'data');
  port = 0;

  private run(bin: string, args: string[]) {
    const asRoot = process.getuid?.() === 0;
    const cmd = asRoot ? 'runuser' : join(BIN, bin);
    const argv = asRoot ? ['-u', 'postgres', '--', join(BIN, bin), ...args] : args;
    return execFileSync(cmd, argv, { stdio: 'pipe', cwd: this.dir, timeout: 60000 }).toString();
  }

  async init(): Promise<void> {
    if (process.getuid?.() === 0) {
      const pw = execFileSync('id', ['-u', 'postgres']).toString().trim();
      const gid = execFileSync('id', ['-g', 'postgres']).toString().trim();
      chownSync(this.dir, Number(pw), Number(gid));
    }
    this.port = await freePort();
    this.run('initdb', ['-D', this.dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  start(): void {
    const opts = `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c fsync=off -c max_connections=100`;
    this.run('pg_ctl', ['-D', this.dataDir, '-o', opts, '-l', join(this.dir, 'log'), '-w', '-t', '60', 'start']);
  }

  /** Fast shutdown: every session is terminated (57P01), as in a failover or a restart by an operator. */
  stop(): void {
    this.run('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
  }

  destroy(): void {
    try {
      this.stop();
    } catch {
      /* not running */
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
