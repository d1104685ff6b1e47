/**
 * Polls `probe` until it gives something other than undefined or false, and returns that; fails
 * naming `what` after `ms`. With `ignoreErrors`, a probe that throws counts as not yet.
 */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  options: { ms?: number; every?: number; ignoreErrors?: boolean } = {},
): Promise<T> {
  const { ms = 30_000, every = 100, ignoreErrors = false } = options;
  const deadline = Date.now() + ms;
  for (;;) {
    const value = ignoreErrors ? await probe().catch(() => undefined) : await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}

/** `promise`'s value, or an Error saying `what` after `ms`; the timer never outlives it. */
export async function within<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(what())), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
