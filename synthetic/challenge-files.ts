/**
 * Writes a synthetic catalogue in the challenge's own layout, X (`,designation,description,
 * productid,imageid`) and Y (`,prdtypecode`), the first column being the unnamed 0-based row
 * index, so that whatever ingests the real files ingests these unchanged. Rows stream to disk with
 * backpressure: memory stays flat however many rows are asked for.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { generateCatalogue, validateCatalogueOptions } from './catalogue';
import { csvField } from './csv';

export const X_FILE = 'X_synthetic.csv';
export const Y_FILE = 'Y_synthetic.csv';
export const X_HEADER = ',designation,description,productid,imageid\n';
export const Y_HEADER = ',prdtypecode\n';

/** Rows are gathered into chunks of about this size: one write call per row would dominate. */
const CHUNK_CHARS = 1 << 16;

export interface ChallengeFilesOptions {
  rows: number;
  seed: number;
  outDir: string;
}

export interface ChallengeFiles {
  xPath: string;
  yPath: string;
  rows: number;
}

class Sink {
  private readonly stream: fs.WriteStream;
  private failure: Error | undefined;
  private buffer = '';

  constructor(file: string) {
    this.stream = fs.createWriteStream(file, { encoding: 'utf8' });
    // Kept for the next await: an error between writes would otherwise go unhandled.
    this.stream.on('error', (error) => (this.failure ??= error));
  }

  /** Buffers `text`; true when the buffer is full and must be flushed before more. */
  push(text: string): boolean {
    this.buffer += text;
    return this.buffer.length >= CHUNK_CHARS;
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    const chunk = this.buffer;
    this.buffer = '';
    if (chunk && !this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
  }

  destroy(): void {
    this.stream.destroy();
  }
}

export async function writeChallengeFiles(options: ChallengeFilesOptions): Promise<ChallengeFiles> {
  validateCatalogueOptions(options);
  await fs.promises.mkdir(options.outDir, { recursive: true });
  const xPath = path.join(options.outDir, X_FILE);
  const yPath = path.join(options.outDir, Y_FILE);
  const x = new Sink(xPath);
  const y = new Sink(yPath);
  try {
    x.push(X_HEADER);
    y.push(Y_HEADER);
    let row = 0;
    for (const product of generateCatalogue(options)) {
      const fullX = x.push(
        `${row},${csvField(product.designation)},${csvField(product.description)},` +
          `${product.productid},${product.imageid}\n`,
      );
      const fullY = y.push(`${row},${product.prdtypecode}\n`);
      // Waiting for the disk here is the backpressure: generation pauses while it catches up.
      if (fullX) await x.flush();
      if (fullY) await y.flush();
      row++;
    }
    await Promise.all([x.close(), y.close()]);
    return { xPath, yPath, rows: row };
  } catch (error) {
    x.destroy();
    y.destroy();
    throw error;
  }
}
