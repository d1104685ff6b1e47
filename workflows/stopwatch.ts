/**
 * Seconds per named step, by the workflow's clock: inside a workflow, Date.now() is the time of
 * the activation, so replays measure the same.
 */
export function stopwatch() {
  const seconds: Record<string, number> = {};
  const timed = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const result = await run();
    seconds[name] = (Date.now() - started) / 1000;
    return result;
  };
  return { seconds, timed };
}
