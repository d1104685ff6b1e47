/**
 * Named entities that occur in French product text. Anything else named is left as written:
 * a full HTML5 table would be a dependency for a few characters nobody types.
 */
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  shy: '\u00ad',
  eacute: 'é',
  Eacute: 'É',
  egrave: 'è',
  Egrave: 'È',
  ecirc: 'ê',
  Ecirc: 'Ê',
  euml: 'ë',
  Euml: 'Ë',
  agrave: 'à',
  Agrave: 'À',
  aacute: 'á',
  Aacute: 'Á',
  acirc: 'â',
  Acirc: 'Â',
  auml: 'ä',
  Auml: 'Ä',
  atilde: 'ã',
  aring: 'å',
  ccedil: 'ç',
  Ccedil: 'Ç',
  icirc: 'î',
  Icirc: 'Î',
  iuml: 'ï',
  Iuml: 'Ï',
  iacute: 'í',
  igrave: 'ì',
  ocirc: 'ô',
  Ocirc: 'Ô',
  ouml: 'ö',
  Ouml: 'Ö',
  oacute: 'ó',
  ograve: 'ò',
  otilde: 'õ',
  oslash: 'ø',
  Oslash: 'Ø',
  ucirc: 'û',
  Ucirc: 'Û',
  ugrave: 'ù',
  Ugrave: 'Ù',
  uuml: 'ü',
  Uuml: 'Ü',
  uacute: 'ú',
  yuml: 'ÿ',
  ntilde: 'ñ',
  Ntilde: 'Ñ',
  szlig: 'ß',
  oelig: 'œ',
  OElig: 'Œ',
  aelig: 'æ',
  AElig: 'Æ',
  laquo: '«',
  raquo: '»',
  lsaquo: '‹',
  rsaquo: '›',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  acute: '´',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  bull: '•',
  middot: '·',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  dollar: '$',
  deg: '°',
  ordm: 'º',
  ordf: 'ª',
  sup1: '¹',
  sup2: '²',
  sup3: '³',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  times: '×',
  divide: '÷',
  plusmn: '±',
  micro: 'µ',
  copy: '©',
  reg: '®',
  trade: '™',
  sect: '§',
  para: '¶',
  iexcl: '¡',
  iquest: '¿',
  num: '#',
  excl: '!',
  quest: '?',
  percnt: '%',
  period: '.',
  comma: ',',
  colon: ':',
  semi: ';',
  sol: '/',
  lpar: '(',
  rpar: ')',
  ast: '*',
  plus: '+',
  equals: '=',
  commat: '@',
  lowbar: '_',
  hyphen: '-',
  dash: '-',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  zwnj: '',
  zwj: '',
};

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g;
// A tag starts with a letter, `/` or `!`, so "< 5 cm" and "<< aden >>" stay text.
const TAG = /<[a-zA-Z/!][^<>]*>/g;

function decodeEntity(entity: string, dec?: string, hex?: string, name?: string): string {
  if (name !== undefined)
    return NAMED_ENTITIES[name] ?? NAMED_ENTITIES[name.toLowerCase()] ?? entity;
  const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
  // Surrogates and out-of-range points would throw in fromCodePoint or make lone halves.
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return ' ';
  return String.fromCodePoint(code);
}

/**
 * Decodes character references. Two passes, because product feeds are often escaped twice
 * (`&amp;eacute;`); a third level is not seen in practice.
 */
export function decodeEntities(text: string): string {
  let out = text;
  for (let pass = 0; pass < 2 && out.includes('&'); pass++) {
    const next = out.replace(ENTITY, decodeEntity);
    if (next === out) break;
    out = next;
  }
  return out;
}

/**
 * Replaces tags by a space: block tags (`<br>`, `</p>`, `<li>`) separate words, and an inline
 * tag inside a word is rarer than two words glued by a `<br>`.
 */
export function stripTags(text: string): string {
  return text.replace(TAG, ' ');
}

/** Entities first, so that escaped markup (`&lt;br&gt;`) is removed as markup too. */
export function stripHtml(text: string): string {
  let out = text;
  if (out.includes('&')) out = decodeEntities(out);
  if (out.includes('<')) out = stripTags(out);
  return out;
}
