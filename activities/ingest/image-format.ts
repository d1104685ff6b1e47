/** The image formats `rakuten import --images` stores, told apart by their first bytes. */
export type ImageFormat = 'jpeg' | 'png';

// JPEG: the SOI marker then the start of the next marker (JFIF, Exif and raw JPEGs alike).
const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff]);
// PNG: its fixed 8-byte signature, made to catch text-mode and 7-bit transfers.
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export const IMAGE_CONTENT_TYPE: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
};

export const IMAGE_EXTENSION: Record<ImageFormat, string> = { jpeg: 'jpg', png: 'png' };

/** The format the bytes are in, whatever the file is called; undefined for anything else. */
export function imageFormatOf(bytes: Buffer): ImageFormat | undefined {
  if (startsWith(bytes, JPEG_MAGIC)) return 'jpeg';
  if (startsWith(bytes, PNG_MAGIC)) return 'png';
  return undefined;
}

function startsWith(bytes: Buffer, magic: Buffer): boolean {
  return bytes.length >= magic.length && bytes.subarray(0, magic.length).equals(magic);
}
