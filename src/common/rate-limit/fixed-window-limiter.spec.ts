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
});
