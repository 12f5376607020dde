// Timeouts and polling. Every wait in the suite goes through here, so none can hang forever.

/** Rejects with `message` (plus the elapsed time) if `promise` has not settled within `ms`. */
export async function withTimeout (promise, ms, message) {
  let timer;
  const timeout = new Promise((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${(ms / 1000).toFixed(1)} s: ${message}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function delay (ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Calls `probe` every `intervalMs` until it returns a value other than undefined/false, and
 * returns that value. Errors thrown by `probe` count as "not yet" (the last one is reported).
 * `message` may be a function of the last probe value for a precise failure text.
 */
export async function pollUntil (probe, { timeoutMs = 30_000, intervalMs = 250, message = 'condition not met' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (last !== undefined && last !== false && last !== null) return last;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) {
      const text = typeof message === 'function' ? message(last) : message;
      const cause = lastError ? ` (last error: ${lastError.message})` : '';
      throw new Error(`Timed out after ${(timeoutMs / 1000).toFixed(1)} s: ${text}${cause}`);
    }
    await delay(intervalMs);
  }
}
