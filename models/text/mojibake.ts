/**
 * UTF-8 text that was decoded as Windows-1252 (or Latin-1) somewhere upstream: `é` arrives as
 * `Ã©`, `’` as `â€™`. The table is derived from the encodings themselves rather than typed in,
 * so it covers every accented Latin-1 letter, the French ligatures and typographic punctuation.
 */

// Windows-1252 bytes 0x80–0x9F; the five undefined ones read as the C1 control of Latin-1.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

const TARGETS =
  Array.from({ length: 0x60 }, (_, i) => String.fromCharCode(0xa0 + i)).join('') +
  'ŒœŠšŽžŸ‘’‚“”„•–—…€™';

function byteAsCp1252(byte: number): string {
  return byte >= 0x80 && byte < 0xa0 ? CP1252_HIGH[byte - 0x80]! : String.fromCharCode(byte);
}

function buildTable(): Map<string, string> {
  const table = new Map<string, string>();
  for (const target of TARGETS) {
    const bytes = Buffer.from(target, 'utf8');
    table.set(Array.from(bytes, byteAsCp1252).join(''), target);
    table.set(Array.from(bytes, (b) => String.fromCharCode(b)).join(''), target);
  }
  // A no-break space byte is often turned into a plain space on the way.
  table.set('Ã ', 'à');
  table.set('Â ', ' ');
  // `ÿ` is not French; in this data `Ã¿` stands for an accented letter whose second byte was
  // lost, so it becomes the lost-character mark that `repairLostCharacters` handles.
  table.set('Ã¿', '\ufffd');
  table.set('Ã\ufffd', '\ufffd');
  // `’` (E2 80 99) with its last two bytes lost; an apostrophe is by far the likeliest.
  table.set('â¿¿', "'");
  table.set('â\ufffd\ufffd', "'");
  return table;
}

const TABLE = buildTable();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const MOJIBAKE = new RegExp(
  [...TABLE.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|'),
  'g',
);
// Every key starts with one of these; a text without them cannot hold mojibake.
const LEAD = /[ÂÃÅâ]/;

export function fixMojibake(text: string): string {
  if (!LEAD.test(text)) return text;
  return text.replace(MOJIBAKE, (m) => TABLE.get(m)!);
}
