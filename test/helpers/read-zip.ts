/**
 * A small zip reader for tests: walks the central directory (so streamed archives with data descriptors, as
 * archiver writes them, read correctly), inflates stored and deflated entries, and checks each entry's size and
 * CRC-32 so an artifact that arrived truncated or reordered fails loudly. Zip64 archives are not supported.
 */
import { inflateRawSync } from 'node:zlib';

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let crc = n;
  for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  return crc >>> 0;
});

export function computeCrc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** File entries by name (directories left out), in central-directory order. */
export function readZipEntries(zip: Buffer): Map<string, Buffer> {
  const end = findEndOfDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let index = 0; index < count; index++) {
    if (zip.readUInt32LE(at) !== DIRECTORY_ENTRY) throw new Error(`zip: no directory entry at ${at}`);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (!name.endsWith('/')) entries.set(name, readEntry(zip, at, name));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

function findEndOfDirectory(zip: Buffer): number {
  const earliest = Math.max(0, zip.length - 22 - 0xffff);
  for (let at = zip.length - 22; at >= earliest; at--) {
    if (zip.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  throw new Error('zip: no end-of-central-directory record');
}

/** The entry whose central-directory record starts at `at`, inflated and checked. */
function readEntry(zip: Buffer, at: number, name: string): Buffer {
  const method = zip.readUInt16LE(at + 10);
  const crc = zip.readUInt32LE(at + 16);
  const compressedSize = zip.readUInt32LE(at + 20);
  const size = zip.readUInt32LE(at + 24);
  const local = zip.readUInt32LE(at + 42);
  if ([compressedSize, size, local].includes(0xffffffff)) throw new Error(`zip: ${name} needs zip64`);
  if (zip.readUInt32LE(local) !== LOCAL_HEADER) throw new Error(`zip: no local header for ${name}`);
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  const raw = zip.subarray(start, start + compressedSize);
  if (method !== 0 && method !== 8) throw new Error(`zip: ${name} uses unsupported method ${method}`);
  const bytes = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
  if (bytes.length !== size) throw new Error(`zip: ${name} is ${bytes.length} bytes, directory says ${size}`);
  if (computeCrc32(bytes) !== crc) throw new Error(`zip: ${name} fails its CRC-32 check`);
  return bytes;
}
