/**
 * The shell, escaping and SVG helpers of the self-contained HTML pages (the model report, the
 * drift report): inline CSS and SVG only, since the machines that open them are offline.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);
}

export function svg(width: number, height: number, label: string, parts: string[]): string {
  return `<svg role="img" aria-label="${label}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">\n${parts.join('\n')}\n</svg>`;
}

/** Cells are HTML already: escape text before it gets here. */
export function table(head: string[], rows: string[][]): string {
  const cells = (tag: string, row: string[]) =>
    `<tr>${row.map((v) => `<${tag}>${v}</${tag}>`).join('')}</tr>`;
  return `<table>\n<thead>${cells('th', head)}</thead>\n<tbody>\n${rows.map((r) => cells('td', r)).join('\n')}\n</tbody>\n</table>`;
}

const BASE_STYLE = `
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#222;padding:0 1rem}
h1{font-size:1.5rem;margin-bottom:.25rem}h2{font-size:1.2rem;margin-top:2rem}
.meta{color:#555}code{font-size:.9em}
table{border-collapse:collapse;font-size:.85rem}
th,td{padding:.2rem .6rem;border-bottom:1px solid #eee;text-align:right}
svg{font-size:10px;display:block;margin:.5rem 0}svg text{fill:#333}
`;

/** A whole page: `body` is HTML already; `style` adds to the shared rules. */
export function htmlPage(page: {
  lang: string;
  title: string;
  style: string;
  body: string;
}): string {
  return `<!doctype html>
<html lang="${page.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${BASE_STYLE}${page.style}</style>
</head>
<body>
${page.body}
</body>
</html>
`;
}
