/**
 * Finds where a JSON text stops being valid: a corpus, a config, a profile or a baseline. Node 20's JSON.parse
 * often reports no position (`Unexpected token '}', "..." is not valid JSON`), so their errors use this small
 * scanner to name the line and column. It follows RFC 8259 as JSON.parse does and only ever runs after
 * JSON.parse has already failed.
 */
export interface JsonErrorLocation {
  /** 1-based line and column (column counts UTF-16 code units, as editors mostly do). */
  line: number;
  column: number;
  /** What was found there, e.g. `"}"` or `the end of the input`. */
  found: string;
}

export function locateJsonError(content: string): JsonErrorLocation | undefined {
  const offset = findErrorOffset(content);
  if (offset === undefined) return undefined;
  const before = content.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  const char = content.codePointAt(offset);
  return {
    line: before.split('\n').length,
    column: offset - lineStart + 1,
    found: char === undefined ? 'the end of the input' : JSON.stringify(String.fromCodePoint(char)),
  };
}

function findErrorOffset(text: string): number | undefined {
  const scanner = new JsonScanner(text);
  try {
    scanner.scanValue();
    scanner.skipSpace();
    return scanner.pos < text.length ? scanner.pos : undefined;
  } catch (error) {
    if (error instanceof StopAt) return error.offset;
    throw error;
  }
}

class StopAt {
  constructor(readonly offset: number) {}
}

const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const escapePattern = /["\\/bfnrt]|u[0-9a-fA-F]{4}/y;

/** A recursive-descent JSON recogniser: it builds nothing and throws StopAt at the first invalid offset. */
class JsonScanner {
  pos = 0;

  constructor(private readonly text: string) {}

  scanValue(): void {
    this.skipSpace();
    const char = this.text.charAt(this.pos);
    if (char === '{') return this.scanSequence('}', () => this.scanMember());
    if (char === '[') return this.scanSequence(']', () => this.scanValue());
    if (char === '"') return this.scanString();
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.pos)) return void (this.pos += literal.length);
    }
    this.pos += this.match(numberPattern, this.pos);
  }

  skipSpace(): void {
    while (' \t\n\r'.includes(this.text.charAt(this.pos)) && this.pos < this.text.length) this.pos++;
  }

  private scanMember(): void {
    this.skipSpace();
    this.scanString();
    this.skipSpace();
    this.expect(':');
    this.scanValue();
  }

  private scanSequence(close: string, scanItem: () => void): void {
    this.pos++;
    this.skipSpace();
    if (this.text.charAt(this.pos) === close) return void this.pos++;
    for (;;) {
      scanItem();
      this.skipSpace();
      if (this.text.charAt(this.pos) === close) return void this.pos++;
      this.expect(',');
    }
  }

  private scanString(): void {
    this.expect('"');
    for (;;) {
      const char = this.text.charAt(this.pos);
      if (char === '"') return void this.pos++;
      if (char === '' || char.charCodeAt(0) < 0x20) throw new StopAt(this.pos);
      this.pos += char === '\\' ? 1 + this.match(escapePattern, this.pos + 1) : 1;
    }
  }

  private expect(char: string): void {
    if (this.text.charAt(this.pos) !== char) throw new StopAt(this.pos);
    this.pos++;
  }

  /** Length of the sticky `pattern`'s match at `at`; StopAt(at) when it does not match. */
  private match(pattern: RegExp, at: number): number {
    pattern.lastIndex = at;
    const found = pattern.exec(this.text);
    if (found === null) throw new StopAt(at);
    return found[0].length;
  }
}
