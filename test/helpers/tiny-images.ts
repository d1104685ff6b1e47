/**
 * Small real images, written byte by byte so tests need no image library: an 8x8 grey baseline
 * JPEG and a PNG of any size, both valid files that any decoder opens.
 */
import zlib from 'node:zlib';

/** An 8x8 mid-grey baseline JPEG: one block whose DC difference and AC run are both empty. */
export function tinyJpeg(): Buffer {
  const segment = (marker: number, body: number[]) => [
    0xff,
    marker,
    (body.length + 2) >> 8,
    (body.length + 2) & 0xff,
    ...body,
  ];
  // One Huffman code of length 1 for symbol 0: category 0 in the DC table, end-of-block in AC.
  const oneCodeTable = (tableClass: number) => [
    (tableClass << 4) | 0,
    1,
    ...new Array<number>(15).fill(0),
    0x00,
  ];
  return Buffer.from([
    0xff,
    0xd8, // SOI
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]), // APP0 JFIF
    ...segment(0xdb, [0, ...new Array<number>(64).fill(1)]), // DQT: table 0, all ones
    ...segment(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]), // SOF0: 8 bits, 8x8, 1 component
    ...segment(0xc4, oneCodeTable(0)), // DHT DC 0
    ...segment(0xc4, oneCodeTable(1)), // DHT AC 0
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]), // SOS: component 1 with tables 0/0
    0x3f, // the block: DC code 0, EOB code 0, padded with ones
    0xff,
    0xd9, // EOI
  ]);
}

/** A `width` x `height` RGB PNG of one colour. */
export function tinyPng(
  width = 2,
  height = 2,
  rgb: [number, number, number] = [0, 0, 255],
): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter method, no interlace
  const row = Buffer.from([0, ...Array.from({ length: width }, () => rgb).flat()]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
