import fs from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import type { ImageRejectKind } from '../../core/db/schema';
import { SourceFormatError } from './errors';
import { imageFormatOf } from './image-format';
import type { ImageFormat } from './image-format';

/** The challenge's image file name; the extension says nothing of the content, which is checked. */
export const IMAGE_NAME = /(?:^|\/)image_(\d+)_product_(\d+)\.(?:jpe?g|png)$/i;

export interface ImageFile {
  status: 'image';
  name: string;
  imageid: string;
  productid: string;
  format: ImageFormat;
  bytes: Buffer;
}

/** A file that was not stored, and why. */
export interface ImageReject {
  status: 'rejected';
  name: string;
  kind: ImageRejectKind;
  reason: string;
}

export type ImageEntry = ImageFile | ImageReject;

export type ImageLocation = 'folder' | 'zip';

/** Names are kept as the user sees them, but bounded: a ZIP entry's name can be 64 KiB. */
const MAX_NAME_CHARS = 1_000;

/**
 * What `--images` names: a folder, or a ZIP that opens. Checked before anything is imported, so
 * a typo stops the import instead of leaving a source without its images. The location itself is
 * taken as given (it may be a link the user made); nothing inside it is followed.
 */
export async function imageLocationOf(location: string): Promise<ImageLocation> {
  const stat = fs.statSync(location, { throwIfNoEntry: false });
  if (!stat) throw new SourceFormatError(`${location}: no such file or folder`);
  if (stat.isDirectory()) return 'folder';
  if (stat.isFile() && location.toLowerCase().endsWith('.zip')) {
    const zip = await openZip(location);
    zip.close();
    return 'zip';
  }
  throw new SourceFormatError(`${location}: --images takes a folder or a .zip file`);
}

/**
 * The challenge images in a folder (searched recursively) or a ZIP file. Only regular files
 * are read, never through a link, and at most `maxBytes` of each; a file kept out is yielded as
 * a reject with its reason. Files not named like challenge images are skipped unread and counted.
 */
export async function* readImageFiles(
  location: string,
  { maxBytes }: { maxBytes: number },
): AsyncGenerator<ImageEntry, { skipped: number }> {
  return (await imageLocationOf(location)) === 'folder'
    ? yield* fromFolder(location, maxBytes)
    : yield* fromZip(location, maxBytes);
}

async function* fromFolder(
  root: string,
  maxBytes: number,
): AsyncGenerator<ImageEntry, { skipped: number }> {
  let skipped = 0;
  for await (const found of walk(root, '')) {
    const name = boundedName(found.name);
    if ('error' in found) {
      yield rejected(name, 'unreadable', `could not be read: ${errorText(found.error)}`);
      continue;
    }
    const special = specialFileReason(found.stats);
    if (special) {
      yield rejected(name, special.kind, special.reason);
      continue;
    }
    const match = IMAGE_NAME.exec(found.name);
    if (!match) {
      skipped++;
      continue;
    }
    if (found.stats.size > maxBytes) {
      yield rejected(name, 'too_large', tooLarge(maxBytes, found.stats.size));
      continue;
    }
    yield await readFolderImage(path.join(root, found.name), name, match, maxBytes);
  }
  return { skipped };
}

type Walked = { name: string; stats: fs.Stats } | { name: string; error: unknown };

/**
 * Every entry under `root` but directories, by lstat, in name order. Only real directories are
 * entered: a link to one is an entry like any other, and is rejected.
 */
async function* walk(root: string, relative: string): AsyncGenerator<Walked> {
  let names: string[];
  try {
    names = (await fs.promises.readdir(path.join(root, relative))).sort();
  } catch (error) {
    yield { name: relative || '.', error };
    return;
  }
  for (const entry of names) {
    const name = relative ? `${relative}/${entry}` : entry;
    let stats: fs.Stats;
    try {
      stats = await fs.promises.lstat(path.join(root, name));
    } catch (error) {
      yield { name, error };
      continue;
    }
    if (stats.isDirectory()) yield* walk(root, name);
    else yield { name, stats };
  }
}

function specialFileReason(stats: fs.Stats): { kind: ImageRejectKind; reason: string } | undefined {
  if (stats.isSymbolicLink()) {
    return { kind: 'symlink', reason: 'a symbolic link: links are not followed' };
  }
  if (stats.isFile()) return undefined;
  const what = stats.isFIFO()
    ? 'a named pipe'
    : stats.isSocket()
      ? 'a socket'
      : stats.isCharacterDevice()
        ? 'a character device'
        : stats.isBlockDevice()
          ? 'a block device'
          : 'of an unknown type';
  return { kind: 'not_regular', reason: `not a regular file: ${what}` };
}

// O_NOFOLLOW: a file swapped for a link after the lstat fails to open instead of being followed.
// O_NONBLOCK: one swapped for a named pipe does not wait for a writer; regular files ignore it.
const OPEN_FLAGS = fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK;

async function readFolderImage(
  file: string,
  name: string,
  match: RegExpExecArray,
  maxBytes: number,
): Promise<ImageEntry> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, OPEN_FLAGS);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') {
      return rejected(name, 'symlink', 'a symbolic link: links are not followed');
    }
    return rejected(name, 'unreadable', `could not be read: ${errorText(error)}`);
  }
  try {
    const stats = await handle.stat();
    const special = specialFileReason(stats);
    if (special) return rejected(name, special.kind, special.reason);
    const chunks: Buffer[] = [];
    let total = 0;
    // The size can change under us (a growing file, /proc): read to the cap, never past it.
    for (;;) {
      const want = Math.min(maxBytes + 1 - total, Math.max(stats.size + 1 - total, 64 * 1024));
      const chunk = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(chunk, 0, want, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return rejected(name, 'too_large', tooLarge(maxBytes));
    }
    return checkedImage(name, match, Buffer.concat(chunks, total));
  } catch (error) {
    return rejected(name, 'unreadable', `could not be read: ${errorText(error)}`);
  } finally {
    await handle.close();
  }
}

// The Unix file type in the high half of a ZIP entry's external attributes (st_mode).
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const DOS_DIRECTORY = 0x10;

function openZip(file: string): Promise<yauzl.ZipFile> {
  // Names are decoded here, not by yauzl: it stops the whole archive at the first name that
  // escapes its folder, where one entry should be rejected and the others read.
  return yauzl
    .openPromise(file, { decodeStrings: false, autoClose: false })
    .catch((error: unknown) => {
      throw new SourceFormatError(`${file}: not a readable ZIP (${errorText(error)})`);
    });
}

async function* fromZip(
  file: string,
  maxBytes: number,
): AsyncGenerator<ImageEntry, { skipped: number }> {
  const zip = await openZip(file);
  let skipped = 0;
  let name = '';
  try {
    for await (const entry of zip.eachEntry()) {
      name = yauzl.getFileNameLowLevel(
        entry.generalPurposeBitFlag,
        entry.fileNameRaw,
        entry.extraFields,
        false,
      );
      const shown = boundedName(name);
      const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
      if (yauzl.validateFileName(name) !== null) {
        yield rejected(
          shown,
          'unsafe_name',
          'the name points outside the archive (an absolute path or ..)',
        );
        continue;
      }
      if (name.endsWith('/') || mode === S_IFDIR || entry.externalFileAttributes & DOS_DIRECTORY) {
        continue;
      }
      if (mode === S_IFLNK) {
        yield rejected(shown, 'symlink', 'a symbolic link: links are not followed');
        continue;
      }
      if (mode !== 0 && mode !== S_IFREG) {
        yield rejected(shown, 'not_regular', `not a regular file: type 0o${mode.toString(8)}`);
        continue;
      }
      const match = IMAGE_NAME.exec(name);
      if (!match) {
        skipped++;
        continue;
      }
      if (entry.isEncrypted()) {
        yield rejected(shown, 'unreadable', 'encrypted');
        continue;
      }
      if (!entry.canDecodeFileData()) {
        yield rejected(
          shown,
          'unreadable',
          `compression method ${entry.compressionMethod} is not supported`,
        );
        continue;
      }
      if (entry.uncompressedSize > maxBytes) {
        yield rejected(shown, 'too_large', tooLarge(maxBytes, entry.uncompressedSize));
        continue;
      }
      yield await readZipImage(zip, entry, shown, match, maxBytes);
    }
  } catch (error) {
    // A damaged central directory: what was read stands, the rest is one reject.
    yield rejected(
      boundedName(`${path.basename(file)} after ${name || 'its start'}`),
      'unreadable',
      `the rest of the ZIP could not be read: ${errorText(error)}`,
    );
  } finally {
    zip.close();
  }
  return { skipped };
}

async function readZipImage(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  name: string,
  match: RegExpExecArray,
  maxBytes: number,
): Promise<ImageEntry> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    // The declared size was checked, but a crafted entry can inflate past it: count what comes.
    for await (const chunk of await zip.openReadStreamPromise(entry)) {
      total += (chunk as Buffer).length;
      if (total > maxBytes) return rejected(name, 'too_large', tooLarge(maxBytes));
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    return rejected(name, 'unreadable', `could not be read: ${errorText(error)}`);
  }
  return checkedImage(name, match, Buffer.concat(chunks, total));
}

function checkedImage(name: string, match: RegExpExecArray, bytes: Buffer): ImageEntry {
  const format = imageFormatOf(bytes);
  if (!format) {
    return rejected(
      name,
      'not_image',
      bytes.length === 0
        ? 'not a JPEG or PNG: the file is empty'
        : `not a JPEG or PNG: it starts with ${bytes.subarray(0, 8).toString('hex')}`,
    );
  }
  return { status: 'image', name, imageid: match[1]!, productid: match[2]!, format, bytes };
}

function rejected(name: string, kind: ImageRejectKind, reason: string): ImageReject {
  return { status: 'rejected', name, kind, reason };
}

function tooLarge(maxBytes: number, size?: number): string {
  const limit = `IMAGE_MAX_BYTES (${maxBytes.toLocaleString('en')} bytes)`;
  return size === undefined
    ? `over ${limit}: reading stopped there`
    : `${size.toLocaleString('en')} bytes, over ${limit}`;
}

/** A name a text column can hold and a terminal can show: no control characters, bounded. */
function boundedName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > MAX_NAME_CHARS ? `${clean.slice(0, MAX_NAME_CHARS - 1)}…` : clean;
}

function errorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
