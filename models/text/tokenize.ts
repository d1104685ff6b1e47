import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { normalizeFrench } from './normalize';
import { NOT_PLAIN, addPlainChunk, plainShape } from './plain-chunks';
import { TokenFilter } from './token-filter';

export interface TokenizeOptions {
  /** Reduce each word to its Snowball French stem. */
  stem: boolean;
  /** Drop French stopwords (the default); a bag of word and character n-grams may do better with them. */
  removeStopwords?: boolean;
}

// No pipeline: only wink's tokenizer is used, and loading the model is slow.
const nlp = winkNLP(model, []);

// wink's tokenizer takes time more than linear in the length of a space-free run (minutes for
// 90,000 characters of `1cm1cm…`). Such runs are URLs, encoded data or lists glued by
// punctuation, never one word: they are cut at anything but letters and digits, and pieces
// too long to be a word are dropped.
const MAX_CHUNK_LENGTH = 64;
const MAX_PIECE_LENGTH = 40;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/u;

/** The space-separated chunks of normalised text, long runs cut as above. */
function chunksOf(normalized: string): string[] {
  const chunks = normalized.split(' ');
  let long = false;
  for (let c = 0; c < chunks.length && !long; c++) long = chunks[c]!.length > MAX_CHUNK_LENGTH;
  if (!long) return chunks;
  return chunks.flatMap((chunk) =>
    chunk.length <= MAX_CHUNK_LENGTH
      ? [chunk]
      : chunk
          .split(NOT_LETTER_OR_DIGIT)
          .filter((piece) => piece !== '' && piece.length <= MAX_PIECE_LENGTH),
  );
}

/**
 * Runs wink on `text`. `onToken` gets each token's position too, found by searching forward:
 * wink's tokens are pieces of the text, in order.
 */
function winkTokens(
  text: string,
  onToken: (value: string, start: number, glued: boolean) => void,
): void {
  const values = nlp.readDoc(text).tokens().out();
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    const found = text.indexOf(value, cursor);
    onToken(value, found < 0 ? cursor : found, i > 0 && found === cursor);
    if (found >= 0) cursor = found + value.length;
  }
}

/**
 * `normalizeFrench`, then wink's tokenizer; keeps the words and numbers that are not French
 * stopwords, optionally stemmed. Only the chunks that are not plain (see `plain-chunks.ts`) go
 * through wink, together as one document.
 */
export function tokenize(text: string, options: TokenizeOptions): string[] {
  const normalized = normalizeFrench(text);
  if (normalized === '') return [];
  const chunks = chunksOf(normalized);
  const shapes = new Int32Array(chunks.length);
  const filter = new TokenFilter(options.stem, options.removeStopwords ?? true);
  let hard = '';
  const hardStarts: number[] = [];
  for (let c = 0; c < chunks.length; c++) {
    shapes[c] = plainShape(chunks[c]!);
    if (shapes[c] !== NOT_PLAIN) continue;
    if (hard !== '') hard += ' ';
    hardStarts.push(hard.length);
    hard += chunks[c]!;
  }
  // wink's tokens of the chunks it has to read, each with the index of its chunk among them.
  const hardTokens: { value: string; chunk: number; glued: boolean }[] = [];
  if (hard !== '') {
    let current = 0;
    winkTokens(hard, (value, start, glued) => {
      while (current + 1 < hardStarts.length && start >= hardStarts[current + 1]!) current++;
      hardTokens.push({ value, chunk: current, glued });
    });
  }
  let next = 0;
  let hardIndex = 0;
  for (let c = 0; c < chunks.length; c++) {
    if (shapes[c] !== NOT_PLAIN) {
      addPlainChunk(chunks[c]!, shapes[c]!, filter);
      continue;
    }
    for (; next < hardTokens.length && hardTokens[next]!.chunk === hardIndex; next++) {
      filter.add(hardTokens[next]!.value, hardTokens[next]!.glued);
    }
    hardIndex++;
  }
  return filter.finish();
}

/** `tokenize` with the whole text through wink: the reference the plain-chunk shortcut matches. */
export function tokenizeAllThroughWink(text: string, options: TokenizeOptions): string[] {
  const normalized = normalizeFrench(text);
  if (normalized === '') return [];
  const filter = new TokenFilter(options.stem, options.removeStopwords ?? true);
  winkTokens(chunksOf(normalized).join(' '), (value, _start, glued) => filter.add(value, glued));
  return filter.finish();
}
