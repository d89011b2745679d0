/**
 * One heavy slice of work per event-loop turn, process-wide.
 *
 * `await setImmediate` lets the loop poll between two slices of one task, but every task that yielded
 * in the same turn resumes in the same check phase: twelve concurrent 1,000-item batches (or twelve
 * large request bodies that arrived together) then run twelve slices back to back, and a request that
 * needs a few microseconds (`/health/live`) waits for all of them. `nextTurn()` queues its caller
 * instead: one waiter resumes per turn, in arrival order, and sockets are polled between any two
 * slices. The total work is the same (the loop does not idle while waiters remain: a pending
 * setImmediate makes the poll phase non-blocking); only the longest stretch without polling is shorter.
 */
const waiting: (() => void)[] = [];
let scheduled = false;

function resumeOne() {
  const next = waiting.shift();
  scheduled = waiting.length > 0;
  if (scheduled) setImmediate(resumeOne); // a setImmediate queued in the check phase runs in the next turn
  next?.();
}

/** Resolves in a later event-loop turn than now, after the waiters queued before it, one per turn. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!scheduled) {
      scheduled = true;
      setImmediate(resumeOne);
    }
  });
}

/** Waiters queued now (for tests and metrics). */
export function turnsWaiting(): number {
  return waiting.length;
}
