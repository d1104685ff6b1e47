import { Presets, SingleBar } from 'cli-progress';

export interface Progress {
  update(fraction: number, step: string): void;
  stop(): void;
}

/** A progress bar on stderr, so stdout carries only results; silent when stderr is not a terminal. */
export function createProgress(): Progress {
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: '{step} [{bar}] {percentage}% | {duration_formatted} elapsed, ~{eta_formatted} left',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(fraction, step) {
      const value = Math.round(fraction * 1000);
      if (!started) {
        bar.start(1000, value, { step });
        started = true;
      } else bar.update(value, { step });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
