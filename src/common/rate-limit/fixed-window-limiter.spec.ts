import { FixedWindowLimiter } from './fixed-window-limiter';

describe('FixedWindowLimiter', () => {
  it('allows `limit` hits per key and window, then refuses until the window ends', () => {
    let now = 120_000; // start of a window
    const limiter = new FixedWindowLimiter(3, 60_000, () => now);
    expect([1, 2, 3, 4].map(() => limiter.hit('a').allowed)).toEqual([true, true, true, false]);
    expect(limiter.hit('b').allowed).toBe(true);
    now += 15_000;
    const refused = limiter.hit('a');
    expect(refused).toMatchObject({ allowed: false, remaining: 0, resetMs: 45_000 });
    now = 180_000; // next window
    expect(limiter.hit('a')).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('peek does not count', () => {
    const limiter = new FixedWindowLimiter(1, 60_000, () => 0);
    expect(limiter.peek('a').allowed).toBe(true);
    expect(limiter.peek('a').allowed).toBe(true);
    limiter.hit('a');
    expect(limiter.peek('a').allowed).toBe(false);
  });

  it('take counts amounts against a per-call limit and refuses (without counting) a take over the budget', () => {
    let now = 0;
    const limiter = new FixedWindowLimiter(100, 60_000, () => now);
    expect(limiter.take('k', 7, 10)).toMatchObject({ allowed: true, limit: 10, remaining: 3 });
    expect(limiter.take('k', 5, 10)).toMatchObject({ allowed: false, limit: 10, remaining: 3, resetMs: 60_000 });
    expect(limiter.take('k', 3, 10)).toMatchObject({ allowed: true, remaining: 0 });
    expect(limiter.take('k', 1, 10).allowed).toBe(false);
    expect(limiter.take('other', 10, 10).allowed).toBe(true);
    now = 60_000;
    expect(limiter.take('k', 10, 10)).toMatchObject({ allowed: true, remaining: 0 });
  });
});
