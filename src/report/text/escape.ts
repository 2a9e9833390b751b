/**
 * Escaping of every string that can come from a pull request (model names and specs, corpus and file paths,
 * texts, error messages, recommendation and note text) before it enters Markdown or HTML. Numbers and words
 * written by the renderers themselves need none.
 */

/** Bidirectional overrides and isolates (they can reorder what a reviewer sees). */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
/** C0/C1 control characters, including newlines and tabs: every escaped string is one line. */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]+/g;

/** Markdown punctuation that can start emphasis, code, links, images, tables, strikethrough or math. */
const MARKDOWN_INLINE = /[\\`*_[\]()!|~$]/g;
/** What makes a block (heading, list, quote, thematic break) at the start of a line. */
const MARKDOWN_BLOCK_START = /^(\s*)([#+\-=])(?=[\s#+\-=]|$)/;
/** An ordered-list start ("1. " — "1)" is already escaped as inline punctuation). */
const MARKDOWN_ORDERED_START = /^(\s*\d{1,9})\.(?=\s|$)/;
/** A GitHub @mention of a user or team. */
const MENTION = /@(?=[A-Za-z0-9_-])/g;

/** One line, no control or bidi characters, at most `maxChars` characters ("…" when cut). */
export function sanitizeText(text: string, maxChars = Number.POSITIVE_INFINITY): string {
  const line = text.replace(CONTROLS, ' ').replace(BIDI_CONTROLS, '');
  const chars = Array.from(line);
  if (chars.length <= maxChars) return line;
  return `${chars.slice(0, Math.max(0, maxChars - 1)).join('')}…`;
}

/** HTML entities for the five characters that matter in text and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** An untrusted string as one line of HTML text (control characters removed, optionally shortened). */
export function escapeHtmlText(text: string, maxChars?: number): string {
  return escapeHtml(sanitizeText(text, maxChars));
}

/**
 * An untrusted string as inline Markdown text that renders literally on GitHub: safe in a table cell, a list
 * item or a paragraph. HTML tags and comments become entities (so no second comment marker can appear),
 * link, image, code, emphasis and table punctuation is backslash-escaped, and `@` gets a zero-width space so
 * no one is mentioned.
 */
export function escapeMarkdown(text: string, maxChars?: number): string {
  const escaped = sanitizeText(text, maxChars)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKDOWN_INLINE, (char) => `\\${char}`)
    .replace(MENTION, '@&#8203;');
  return escaped
    .replace(MARKDOWN_BLOCK_START, (_match, space: string, mark: string) => `${space}\\${mark}`)
    .replace(MARKDOWN_ORDERED_START, (_match, number: string) => `${number}\\.`);
}
