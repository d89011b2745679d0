import { ConfigError, corsOrigins, validateEnv } from './app.config';

describe('validateEnv', () => {
  it('applies documented defaults', () => {
    const c = validateEnv({});
    expect(c).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      LOG_LEVEL: 'info',
      BODY_LIMIT_BYTES: 4194304,
      MIGRATIONS_RUN: true,
      ROLE: 'api',
    });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: '8080' }, { PORT: 8080 }],
    [{ MIGRATIONS_RUN: 'false' }, { MIGRATIONS_RUN: false }],
    [{ MIGRATIONS_RUN: '1' }, { MIGRATIONS_RUN: true }],
    [{ DATABASE_URL: 'postgresql://u@h:5432/db' }, { DATABASE_URL: 'postgresql://u@h:5432/db' }],
    [{ CORS_ORIGINS: 'https://a.example, https://b.example' }, { CORS_ORIGINS: 'https://a.example, https://b.example' }],
  ])('accepts %j', (env, expected) => {
    expect(validateEnv(env)).toMatchObject(expected);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT="abc"/],
    [{ PORT: '70000' }, /PORT="70000"/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgres/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ BODY_LIMIT_BYTES: '-1' }, /BODY_LIMIT_BYTES/],
    [{ BOOTSTRAP_ADMIN_KEY: 'short' }, /BOOTSTRAP_ADMIN_KEY=<hidden>: BOOTSTRAP_ADMIN_KEY must be at least 32/],
    [{ ROLE: 'boss' }, /ROLE/],
  ])('rejects %j with a message naming the variable', (env, message) => {
    expect(() => validateEnv(env)).toThrow(ConfigError);
    expect(() => validateEnv(env)).toThrow(message);
  });

  it('needs a bootstrap key of at least 32 characters (a 31-character one is refused)', () => {
    expect(() => validateEnv({ BOOTSTRAP_ADMIN_KEY: 'k'.repeat(31) })).toThrow(/at least 32 characters/);
    expect(validateEnv({ BOOTSTRAP_ADMIN_KEY: 'k'.repeat(32) }).BOOTSTRAP_ADMIN_KEY).toHaveLength(32);
  });

  it('never echoes the admin key', () => {
    expect(() => validateEnv({ BOOTSTRAP_ADMIN_KEY: 'secret' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('secret') }),
    );
  });

  it.each([
    ['', false],
    ['*', true],
    ['https://a.example,https://b.example', ['https://a.example', 'https://b.example']],
  ])('parses CORS_ORIGINS %j', (raw, expected) => {
    expect(corsOrigins(validateEnv({ CORS_ORIGINS: raw }))).toEqual(expected);
  });
});
