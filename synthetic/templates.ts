/**
 * A tiny template language, compiled once into closures so that rendering a row is a handful of
 * array picks and string concatenations (the generator must stream ≥ 100,000 rows/s):
 *
 *   {name}       a slot of the lexicon (a word list, nouns, agreeing adjectives, a generator)
 *   {a|b|}       one of the inline alternatives (here possibly nothing)
 *   {12-300}     an integer in that range
 *   [text]       `text` half of the time; [20%text] a fifth of the time
 */
import type { Rng } from '../models/random';

export interface RenderContext {
  rng: Rng;
  /** Gender of the last noun drawn, so that the adjectives after it agree with it. */
  feminine: boolean;
}

export type Render = (ctx: RenderContext) => string;

/** Late-bound slot: templates may name slots that are compiled after them, or each other. */
export interface SlotRef {
  name: string;
  render?: Render;
}

export type ResolveSlot = (name: string) => SlotRef;

export class TemplateError extends Error {
  constructor(template: string, reason: string) {
    super(`template "${template}": ${reason}`);
    this.name = 'TemplateError';
  }
}

type Node = string | Render;

function closing(template: string, from: number, open: string, close: string): number {
  let depth = 0;
  for (let i = from; i < template.length; i++) {
    if (template[i] === open) depth++;
    else if (template[i] === close && --depth === 0) return i;
  }
  throw new TemplateError(template, `unclosed ${open} at ${from}`);
}

function token(template: string, body: string, resolve: ResolveSlot): Render {
  const range = /^(\d+)-(\d+)$/.exec(body);
  if (range) {
    const lo = Number(range[1]);
    const span = Number(range[2]) - lo + 1;
    if (span <= 0) throw new TemplateError(template, `empty range {${body}}`);
    return (ctx) => String(lo + ctx.rng.int(span));
  }
  if (body.includes('|')) {
    const options = body.split('|');
    return (ctx) => options[ctx.rng.int(options.length)]!;
  }
  if (!/^[A-Za-z][\w]*$/.test(body)) throw new TemplateError(template, `bad slot {${body}}`);
  const ref = resolve(body);
  // Whoever compiles the templates fills every ref before rendering (see compile.ts).
  return (ctx) => ref.render!(ctx);
}

function parse(template: string, text: string, resolve: ResolveSlot): Node[] {
  const nodes: Node[] = [];
  let literal = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '{' && c !== '[') {
      literal += c;
      continue;
    }
    // "a [b] [c]" renders as "a[ b][ c]": a skipped segment takes its space with it, so titles
    // need no whitespace clean-up afterwards.
    const leadingSpace = c === '[' && literal.endsWith(' ');
    if (leadingSpace) literal = literal.slice(0, -1);
    if (literal) nodes.push(literal);
    literal = '';
    if (c === '{') {
      const end = text.indexOf('}', i);
      if (end < 0) throw new TemplateError(template, `unclosed { at ${i}`);
      nodes.push(token(template, text.slice(i + 1, end), resolve));
      i = end;
    } else {
      const end = closing(text, i, '[', ']');
      let inner = text.slice(i + 1, end);
      let chance = 0.5;
      const percent = /^(\d+)%/.exec(inner);
      if (percent) {
        chance = Number(percent[1]) / 100;
        inner = inner.slice(percent[0].length);
      }
      if (leadingSpace) inner = ' ' + inner;
      const body = join(parse(template, inner, resolve));
      nodes.push((ctx) => (ctx.rng.next() < chance ? body(ctx) : ''));
      i = end;
    }
  }
  if (literal) nodes.push(literal);
  return nodes;
}

function join(nodes: Node[]): Render {
  if (nodes.length === 0) return () => '';
  if (nodes.length === 1) {
    const only = nodes[0]!;
    return typeof only === 'string' ? () => only : only;
  }
  const part = (node: Node): Render => (typeof node === 'string' ? () => node : node);
  // Most templates have two to four parts; unrolled, they render without a loop.
  if (nodes.length === 2) {
    const [a, b] = nodes.map(part) as [Render, Render];
    return (ctx) => a(ctx) + b(ctx);
  }
  if (nodes.length === 3) {
    const [a, b, c] = nodes.map(part) as [Render, Render, Render];
    return (ctx) => a(ctx) + b(ctx) + c(ctx);
  }
  const parts = nodes.map(part);
  return (ctx) => {
    let out = '';
    for (const render of parts) out += render(ctx);
    return out;
  };
}

export function compileTemplate(template: string, resolve: ResolveSlot): Render {
  return join(parse(template, template, resolve));
}

/** Whether a template is plain text, so a list of them can be picked from without closures. */
export function isLiteral(template: string): boolean {
  return !/[{[]/.test(template);
}
