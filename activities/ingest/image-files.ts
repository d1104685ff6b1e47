import fs from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import { SourceFormatError } from './errors';

/** The challenge's image file name. */
export const IMAGE_NAME = /(?:^|\/)image_(\d+)_product_(\d+)\.jpe?g$/i;

export interface ImageFile {
  name: string;
  imageid: string;
  productid: string;
  bytes: Buffer;
}

/** The challenge images in a folder (searched recursively) or a ZIP file; other files are skipped. */
export async function* readImageFiles(
  location: string,
): AsyncGenerator<ImageFile, { skipped: number }> {
  const stat = fs.statSync(location, { throwIfNoEntry: false });
  if (!stat) throw new SourceFormatError(`${location}: no such file or folder`);
  if (stat.isDirectory()) return yield* fromFolder(location);
  if (location.toLowerCase().endsWith('.zip')) return yield* fromZip(location);
  throw new SourceFormatError(`${location}: --images takes a folder or a .zip file`);
}

async function* fromFolder(folder: string): AsyncGenerator<ImageFile, { skipped: number }> {
  let skipped = 0;
  const names = fs.readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort();
  for (const name of names) {
    const match = IMAGE_NAME.exec(name.split(path.sep).join('/'));
    if (!match) {
      if (!fs.statSync(path.join(folder, name)).isDirectory()) skipped++;
      continue;
    }
    const bytes = await fs.promises.readFile(path.join(folder, name));
    yield { name, imageid: match[1]!, productid: match[2]!, bytes };
  }
  return { skipped };
}

async function* fromZip(file: string): AsyncGenerator<ImageFile, { skipped: number }> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true }, (error, opened) =>
      error
        ? reject(new SourceFormatError(`${file}: not a readable ZIP (${error.message})`))
        : resolve(opened),
    ),
  );
  let skipped = 0;
  try {
    for (;;) {
      const entry = await new Promise<yauzl.Entry | undefined>((resolve, reject) => {
        zip.once('entry', resolve);
        zip.once('end', () => resolve(undefined));
        zip.once('error', reject);
        zip.readEntry();
      });
      zip.removeAllListeners('entry');
      zip.removeAllListeners('end');
      zip.removeAllListeners('error');
      if (!entry) break;
      const match = IMAGE_NAME.exec(entry.fileName);
      if (!match) {
        if (!entry.fileName.endsWith('/')) skipped++;
        continue;
      }
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
        zip.openReadStream(entry, (error, s) => (error ? reject(error) : resolve(s))),
      );
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      yield {
        name: entry.fileName,
        imageid: match[1]!,
        productid: match[2]!,
        bytes: Buffer.concat(chunks),
      };
    }
  } finally {
    zip.close();
  }
  return { skipped };
}
