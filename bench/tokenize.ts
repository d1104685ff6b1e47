/**
 * Latency of `tokenize` on product titles and on long HTML descriptions, with and without
 * stemming. Uses the real sample when it is there (read in place, never copied), otherwise
 * built-in text of the same shape.
 *
 *   node --import tsx bench/tokenize.ts [rounds]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { PROJECT_ROOT } from '../core/config/config';
import { tokenize } from '../models/text';
import { generateCatalogue } from '../synthetic';

const SAMPLE = path.join(PROJECT_ROOT, '..', 'shared', 'data', 'rakuten', 'raw.csv');

interface Row {
  designation: string;
  description: string;
}

function samples(): { titles: string[]; descriptions: string[] } {
  if (!fs.existsSync(SAMPLE)) {
    // Without the real sample, the seeded synthetic catalogue stands in.
    const products = [...generateCatalogue({ rows: 2_000, seed: 1 })];
    return {
      titles: products.map((p) => p.designation),
      descriptions: products.map((p) => p.description).filter((d) => d.length > 500),
    };
  }
  const rows = parse<Row>(fs.readFileSync(SAMPLE), { columns: true, bom: true });
  const titles = rows.map((r) => r.designation).filter((t) => t.length >= 60 && t.length <= 100);
  const descriptions = rows
    .map((r) => r.description)
    .filter((d) => d.length >= 900 && d.length <= 1100);
  return { titles, descriptions };
}

const REPEATS = 20;

const medianOf = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median over texts of the wall-clock µs of one call, calls of all texts interleaved. */
function wallMedian(texts: string[], stem: boolean, rounds: number): number {
  const micros: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const text of texts) {
      const start = process.hrtime.bigint();
      tokenize(text, { stem });
      micros.push(Number(process.hrtime.bigint() - start) / 1000);
    }
  }
  return medianOf(micros);
}

/**
 * Median over texts of this process's CPU µs per call, each text timed over a batch of calls:
 * on a shared machine it moves far less than wall-clock time with the other processes' load.
 */
function cpuMedian(texts: string[], stem: boolean): number {
  const micros = texts.map((text) => {
    const start = process.cpuUsage();
    for (let r = 0; r < REPEATS; r++) tokenize(text, { stem });
    const used = process.cpuUsage(start);
    return (used.user + used.system) / REPEATS;
  });
  return medianOf(micros);
}

function measure(texts: string[], stem: boolean, rounds: number): string {
  for (let r = 0; r < 10; r++) for (const text of texts) tokenize(text, { stem });
  const wall = wallMedian(texts, stem, rounds);
  const cpu = cpuMedian(texts, stem);
  return `${wall.toFixed(1)} µs wall, ${cpu.toFixed(1)} µs CPU`;
}

function main(): void {
  const rounds = Number(process.argv[2] ?? 50);
  const { titles, descriptions } = samples();
  const mean = (xs: string[]) => Math.round(xs.reduce((n, x) => n + x.length, 0) / xs.length);
  console.log('medians per call:');
  for (const stem of [false, true]) {
    console.log(
      `stem=${String(stem).padEnd(5)}  ` +
        `title (${titles.length} × ~${mean(titles)} chars): ` +
        `${measure(titles, stem, rounds)}   ` +
        `description (${descriptions.length} × ~${mean(descriptions)} chars): ` +
        `${measure(descriptions, stem, rounds)}`,
    );
  }
}

main();
