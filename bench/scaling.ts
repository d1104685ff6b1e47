/**
 * Training time and peak RSS on 10k, 50k and 200k synthetic rows (linear SVM, 2-fold CV,
 * calibration, refit, 10% holdout), each size in a fresh process.
 *   node --import tsx bench/scaling.ts [rows ...]
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const sizes =
  process.argv.length > 2 ? process.argv.slice(2).map(Number) : [10_000, 50_000, 200_000];
console.log('rows      seconds  s/1k rows  peak RSS MB  features  holdout wF1');
for (const rows of sizes) {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'scale-run.ts'), String(rows)],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 20,
    },
  );
  const r = JSON.parse(out.trim().split('\n').pop()!) as {
    seconds: number;
    peakRssMb: number;
    features: number;
    holdoutWeightedF1: number;
  };
  console.log(
    `${String(rows).padEnd(9)} ${r.seconds.toFixed(1).padStart(7)}  ${((r.seconds / rows) * 1000).toFixed(3).padStart(9)}  ${r.peakRssMb.toFixed(0).padStart(11)}  ${String(r.features).padStart(8)}  ${r.holdoutWeightedF1.toFixed(4)}`,
  );
}
