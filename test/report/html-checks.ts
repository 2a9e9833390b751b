/** Structural checks of report.html without a browser: tag balance, and where a request could come from. */
import assert from 'node:assert/strict';

const VOID_ELEMENTS = new Set([
  'meta',
  'br',
  'hr',
  'img',
  'input',
  'link',
  'col',
  'source',
  'wbr',
  'area',
  'base',
]);
/** SVG elements written self-closed (<line …/>). */
const isSelfClosed = (tag: string) => tag.endsWith('/>');

/** Asserts that every element is closed in order (a small stand-in for an HTML5 validator). */
export function assertBalancedTags(html: string): void {
  const body = html.replace(/<!DOCTYPE html>/i, '').replace(/<style>[\s\S]*?<\/style>/, '<style></style>');
  const stack: string[] = [];
  for (const match of body.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)\b[^<>]*>/g)) {
    const [tag, rawName] = match;
    const name = (rawName ?? '').toLowerCase();
    if (VOID_ELEMENTS.has(name) || isSelfClosed(tag)) continue;
    if (!tag.startsWith('</')) {
      stack.push(name);
      continue;
    }
    const open = stack.pop();
    assert.equal(open, name, `</${name}> closes <${open ?? 'nothing'}> near offset ${match.index}`);
  }
  assert.deepEqual(stack, [], 'unclosed elements');
}

/**
 * Every attribute, element or CSS construct that could make a browser fetch something, looked for in the
 * markup and the stylesheet (text content is inert, so escaped hostile text there does not count).
 */
export function findFetchingReferences(html: string): string[] {
  const markup = [...html.matchAll(/<[a-zA-Z!/][^<>]*>/g)].map((match) => match[0]);
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => match[1] ?? '');
  const patterns = [
    /\s(?:src|href|srcset|action|poster|data|xlink:href|formaction|background|ping)\s*=/gi,
    /\son[a-z]+\s*=/gi,
    /https?:|\/\/[a-z0-9.-]+/gi,
    /<(?:script|link|img|iframe|object|embed|audio|video|source|base|image|use)\b/gi,
  ];
  const cssPatterns = [/@import/gi, /url\((?!#)/gi, /https?:|\/\/[a-z0-9.-]+/gi];
  return [
    ...markup.flatMap((tag) =>
      patterns.flatMap((pattern) => [...tag.matchAll(pattern)].map((match) => match[0])),
    ),
    ...styles.flatMap((css) =>
      cssPatterns.flatMap((pattern) => [...css.matchAll(pattern)].map((match) => match[0])),
    ),
  ];
}

export function listDataCharts(html: string): string[] {
  return [...html.matchAll(/<svg\b[^>]*\bdata-chart="([^"]+)"/g)].map((match) => match[1] ?? '');
}
