/**
 * Heatmap cells as inline styles: a background blended onto white here, not with alpha, so the
 * contrast checker sees the real colour, and a text colour that stays readable on it.
 */

type Rgb = readonly [number, number, number];

const BLUE: Rgb = [11, 92, 173];
const ORANGE: Rgb = [179, 84, 0];

function blend(colour: Rgb, share: number): Rgb {
  const s = Math.max(0, Math.min(1, share));
  return colour.map((c) => Math.round(255 + (c - 255) * s)) as unknown as Rgb;
}

function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const x = c / 255;
    return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function style(background: Rgb): string {
  // Dark text (#1d2430) until white reads better: the point where the contrasts cross.
  const text = luminance(background) > 0.18 ? '#1d2430' : '#ffffff';
  return `background-color: rgb(${background.join(', ')}); color: ${text}`;
}

/** A count's cell, deeper blue the nearer it is to `max`. */
export function heatStyle(value: number, max: number): string {
  return style(blend(BLUE, max > 0 ? value / max : 0));
}

/** A difference's cell: blue above zero, orange below, deeper as |value| nears `maxAbs`. */
export function diffStyle(value: number, maxAbs: number): string {
  const share = maxAbs > 0 ? Math.abs(value) / maxAbs : 0;
  return style(blend(value >= 0 ? BLUE : ORANGE, share));
}
