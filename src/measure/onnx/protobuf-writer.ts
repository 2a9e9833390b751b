/**
 * A minimal protobuf wire-format encoder: varints, length-delimited fields (strings, bytes, nested messages,
 * packed repeated scalars), fixed32 and fixed64. Large byte payloads are kept by reference and copied once,
 * when finish() joins everything, so a 90 MB model is serialised without intermediate copies.
 */

export const WireType = { varint: 0, fixed64: 1, lengthDelimited: 2, fixed32: 5 } as const;

const inlineLimit = 256;
const textEncoder = new TextEncoder();

export class ProtobufWriter {
  private readonly chunks: Uint8Array[] = [];
  private scratch = new Uint8Array(512);
  private used = 0;
  private flushedBytes = 0;

  /** Number of bytes written so far. */
  get length(): number {
    return this.flushedBytes + this.used;
  }

  writeTag(field: number, wireType: number): void {
    this.writeVarint(field * 8 + wireType);
  }

  /** Unsigned or int32/int64 varint; negative values take ten bytes (two's complement), as protobuf requires. */
  writeVarint(value: number): void {
    if (!Number.isInteger(value)) throw new RangeError(`varint must be an integer, received ${value}`);
    if (value < 0) {
      this.writeNegativeVarint(value);
      return;
    }
    this.reserve(10);
    let rest = value;
    while (rest >= 0x80) {
      this.scratch[this.used++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.scratch[this.used++] = rest;
  }

  writeVarintField(field: number, value: number): void {
    this.writeTag(field, WireType.varint);
    this.writeVarint(value);
  }

  writeFloatField(field: number, value: number): void {
    this.writeTag(field, WireType.fixed32);
    this.reserve(4);
    new DataView(this.scratch.buffer).setFloat32(this.used, value, true);
    this.used += 4;
  }

  writeDoubleField(field: number, value: number): void {
    this.writeTag(field, WireType.fixed64);
    this.reserve(8);
    new DataView(this.scratch.buffer).setFloat64(this.used, value, true);
    this.used += 8;
  }

  writeStringField(field: number, value: string): void {
    this.writeBytesField(field, textEncoder.encode(value));
  }

  writeBytesField(field: number, bytes: Uint8Array): void {
    this.writeTag(field, WireType.lengthDelimited);
    this.writeVarint(bytes.length);
    this.appendBytes(bytes);
  }

  /** Packed repeated int32/int64 (one length-delimited field holding the varints). */
  writePackedVarints(field: number, values: readonly number[]): void {
    if (values.length === 0) return;
    const inner = new ProtobufWriter();
    for (const value of values) inner.writeVarint(value);
    this.writeNestedField(field, inner);
  }

  /** Packed repeated float (fixed32 each). */
  writePackedFloats(field: number, values: readonly number[]): void {
    if (values.length === 0) return;
    const bytes = new Uint8Array(values.length * 4);
    const view = new DataView(bytes.buffer);
    values.forEach((value, index) => view.setFloat32(index * 4, value, true));
    this.writeBytesField(field, bytes);
  }

  /** Writes a nested message built by `build` into its own writer, then framed by tag and length. */
  writeMessageField(field: number, build: (writer: ProtobufWriter) => void): void {
    const inner = new ProtobufWriter();
    build(inner);
    this.writeNestedField(field, inner);
  }

  /** Joins every chunk into one buffer. The writer can keep being used afterwards. */
  finish(): Uint8Array {
    this.flushScratch();
    if (this.chunks.length === 1 && this.chunks[0] !== undefined) return this.chunks[0];
    const out = new Uint8Array(this.flushedBytes);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    this.chunks.splice(0, this.chunks.length, out);
    return out;
  }

  private writeNestedField(field: number, inner: ProtobufWriter): void {
    inner.flushScratch();
    this.writeTag(field, WireType.lengthDelimited);
    this.writeVarint(inner.flushedBytes);
    for (const chunk of inner.chunks) this.appendBytes(chunk);
  }

  private writeNegativeVarint(value: number): void {
    let rest = BigInt.asUintN(64, BigInt(value));
    this.reserve(10);
    while (rest >= 0x80n) {
      this.scratch[this.used++] = Number(rest & 0x7fn) | 0x80;
      rest >>= 7n;
    }
    this.scratch[this.used++] = Number(rest);
  }

  private appendBytes(bytes: Uint8Array): void {
    if (bytes.length < inlineLimit) {
      this.reserve(bytes.length);
      this.scratch.set(bytes, this.used);
      this.used += bytes.length;
      return;
    }
    this.flushScratch();
    this.chunks.push(bytes);
    this.flushedBytes += bytes.length;
  }

  private reserve(bytes: number): void {
    if (this.used + bytes <= this.scratch.length) return;
    this.flushScratch();
    if (bytes > this.scratch.length) this.scratch = new Uint8Array(bytes * 2);
  }

  private flushScratch(): void {
    if (this.used === 0) return;
    this.chunks.push(this.scratch.slice(0, this.used));
    this.flushedBytes += this.used;
    this.used = 0;
  }
}
