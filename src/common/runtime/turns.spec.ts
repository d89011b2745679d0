import { nextTurn, turnsWaiting } from './turns';

describe('nextTurn', () => {
  it('resumes waiters in order, one per event-loop turn', async () => {
    const order: string[] = [];
    const waiters = [1, 2, 3].map((i) => nextTurn().then(() => order.push(`w${i}`)));
    expect(turnsWaiting()).toBe(3);
    await Promise.all(waiters);
    expect(order).toEqual(['w1', 'w2', 'w3']);
    expect(turnsWaiting()).toBe(0);
  });

  it('runs work queued by one waiter before the next waiter resumes (not all waiters in one check phase)', async () => {
    const order: string[] = [];
    const a = nextTurn().then(() => {
      order.push('a');
      setImmediate(() => order.push('queued by a'));
    });
    const b = nextTurn().then(() => order.push('b'));
    const c = nextTurn().then(() => order.push('c'));
    await Promise.all([a, b, c]);
    // with plain setImmediate, a, b and c would all run in one check phase, before anything a queued
    expect(order).toEqual(['a', 'b', 'queued by a', 'c']);
  });
});
