/**
 * A minimal protobuf wire-format decoder. Every malformed input (a truncated field, an impossible wire type,
 * a varint longer than ten bytes) becomes a UsageError naming the source, never an out-of-range read.
 * Length-delimited payloads are returned as views into the input, not copies.
 */
import { createUsageError } from '../../ground/errors.js';
import type { UsageError } from '../../ground/errors.js';
import { WireType } from './protobuf-writer.js';

const textDecoder = new TextDecoder('utf-8');

export interface FieldTag {
  field: number;
  wireType: number;
}

export class ProtobufReader {
  private position: number;

  constructor(
    private readonly bytes: Uint8Array,
    readonly source: string,
    start = 0,
    private readonly end = bytes.length,
  ) {
    this.position = start;
  }

  get done(): boolean {
    return this.position >= this.end;
  }

  readTag(): FieldTag {
    const key = this.readVarint();
    const field = Math.floor(key / 8);
    const wireType = key % 8;
    const known: number[] = [WireType.varint, WireType.fixed64, WireType.lengthDelimited, WireType.fixed32];
    if (field === 0 || !known.includes(wireType)) {
      throw this.fail(
        `a field key ${key} (field ${field}, wire type ${wireType}) that protobuf does not allow`,
      );
    }
    return { field, wireType };
  }

  /** Reads a varint as a JavaScript number; 64-bit two's complement negatives come back negative. */
  readVarint(): number {
    let low = 0;
    let high = 0;
    for (let index = 0; index < 10; index++) {
      const byte = this.readByte();
      const bits = byte & 0x7f;
      if (index < 4) low += bits * 2 ** (7 * index);
      else if (index === 4) {
        low += (bits & 0x0f) * 2 ** 28;
        high += bits >> 4;
      } else high += bits * 2 ** (7 * index - 32);
      if ((byte & 0x80) === 0)
        return high >= 2 ** 31 ? low + (high - 2 ** 32) * 2 ** 32 : low + high * 2 ** 32;
    }
    throw this.fail('a varint longer than ten bytes');
  }

  readFloat(): number {
    const view = this.take(4);
    return new DataView(view.buffer, view.byteOffset, 4).getFloat32(0, true);
  }

  readDouble(): number {
    const view = this.take(8);
    return new DataView(view.buffer, view.byteOffset, 8).getFloat64(0, true);
  }

  /** A length-delimited payload, as a view into the input. */
  readBytes(): Uint8Array {
    return this.take(this.readVarint());
  }

  readString(): string {
    return textDecoder.decode(this.readBytes());
  }

  /** A reader over one nested message. */
  readMessage(): ProtobufReader {
    const length = this.readVarint();
    this.ensure(length);
    const start = this.position;
    this.position += length;
    return new ProtobufReader(this.bytes, this.source, start, start + length);
  }

  /** Repeated varints, accepting both packed (wire type 2) and one-per-field encodings. */
  readRepeatedVarints(wireType: number, into: number[]): void {
    if (wireType !== WireType.lengthDelimited) {
      this.expectWireType(wireType, WireType.varint);
      into.push(this.readVarint());
      return;
    }
    const inner = this.readMessage();
    while (!inner.done) into.push(inner.readVarint());
  }

  /** Repeated floats, accepting both packed and one-per-field encodings. */
  readRepeatedFloats(wireType: number, into: number[]): void {
    if (wireType !== WireType.lengthDelimited) {
      this.expectWireType(wireType, WireType.fixed32);
      into.push(this.readFloat());
      return;
    }
    const inner = this.readMessage();
    while (!inner.done) into.push(inner.readFloat());
  }

  /** Skips a field this decoder does not need. */
  skip(wireType: number): void {
    if (wireType === WireType.varint) this.readVarint();
    else if (wireType === WireType.fixed64) this.take(8);
    else if (wireType === WireType.fixed32) this.take(4);
    else if (wireType === WireType.lengthDelimited) this.take(this.readVarint());
    else throw this.fail(`wire type ${wireType}, which protobuf does not define`);
  }

  /** Throws unless the field arrived with the wire type its schema gives it. */
  expectWireType(actual: number, expected: number): void {
    if (actual !== expected) throw this.fail(`wire type ${actual} where the schema has ${expected}`);
  }

  /** A UsageError naming the source and saying what does not decode, and where. */
  fail(problem: string): UsageError {
    return createUsageError({
      input: this.source,
      expected: 'an ONNX model (a protobuf ModelProto)',
      received: `${this.bytes.length} bytes that do not decode: ${problem} at byte ${this.position}`,
      fix: 'Re-export or re-download the model; a truncated download or a file that is not ONNX gives this error.',
    });
  }

  private readByte(): number {
    if (this.position >= this.end) throw this.fail('an end of data inside a field');
    const byte = this.bytes[this.position++];
    if (byte === undefined) throw this.fail('an end of data inside a field');
    return byte;
  }

  private take(length: number): Uint8Array {
    this.ensure(length);
    const view = this.bytes.subarray(this.position, this.position + length);
    this.position += length;
    return view;
  }

  private ensure(length: number): void {
    if (length < 0 || this.position + length > this.end) {
      throw this.fail(`a field of ${length} bytes with only ${this.end - this.position} left in its message`);
    }
  }
}
