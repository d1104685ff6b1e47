/**
 * Descriptions as shops write them: empty for about a third of products, otherwise a few
 * sentences, sometimes opening with the title again, and often wrapped in HTML of one of the
 * shapes that shop templates produce.
 */
import type { CompiledLanguage } from './compile';
import { htmlEntities, typo } from './noise';
import type { RenderContext } from './templates';

const HTML_SHARE = 0.4;
const ENTITY_SHARE = 0.35;
const BOILERPLATE_SHARE = 0.2;
const REPEAT_TITLE_SHARE = 0.2;
/** Plain descriptions pasted from a text editor keep their line breaks. */
const LINE_BREAK_SHARE = 0.15;

function sentences(language: CompiledLanguage, ctx: RenderContext, title: string): string[] {
  const { rng } = ctx;
  const count = 1 + rng.int(4) + rng.int(3);
  const out: string[] = [];
  if (rng.next() < REPEAT_TITLE_SHARE) out.push(title);
  for (let k = 0; k < count; k++) {
    const render = rng.next() < BOILERPLATE_SHARE ? language.boilerplate : language.sentence;
    let sentence = render(ctx);
    // One more draw when a sentence repeats: shops rarely say the same thing twice.
    if (out.includes(sentence)) sentence = render(ctx);
    if (!out.includes(sentence)) out.push(sentence);
  }
  return out;
}

function asHtml(parts: readonly string[], ctx: RenderContext): string {
  switch (ctx.rng.int(6)) {
    case 0:
      return `<p>${parts.join('</p><p>')}</p>`;
    case 1:
      return parts.join('<br />');
    case 2:
      return parts.join('<br>') + '<br>';
    case 3: {
      const [first, ...rest] = parts;
      const list = rest.length > 0 ? `<ul><li>${rest.join('</li><li>')}</li></ul>` : '';
      return `<p>${first ?? ''}</p>${list}`;
    }
    case 4:
      return `<b>${parts[0] ?? ''}</b><br />${parts.slice(1).join(' ')}`;
    default:
      // Shop templates style their blocks inline, so the real files carry quoted attributes.
      return `<div style="text-align: justify;"><span class="desc">${parts.join(' ')}</span></div>`;
  }
}

export interface DescriptionShares {
  /** Products sold without a description. */
  empty: number;
  /** Descriptions with a typo in one sentence. */
  typo: number;
}

export function describe(
  language: CompiledLanguage,
  shares: DescriptionShares,
  ctx: RenderContext,
  title: string,
): string {
  const { rng } = ctx;
  if (rng.next() < shares.empty) return '';
  const parts = sentences(language, ctx, title);
  // Typed before the shop template wraps it: the typos are the seller's, the tags are not.
  if (rng.next() < shares.typo) {
    const k = rng.int(parts.length);
    parts[k] = typo(parts[k]!, rng);
  }
  if (rng.next() >= HTML_SHARE) {
    return parts.join(rng.next() < LINE_BREAK_SHARE ? (rng.next() < 0.5 ? '\n' : '\r\n') : ' ');
  }
  const html = asHtml(parts, ctx);
  return rng.next() < ENTITY_SHARE ? htmlEntities(html) : html;
}
