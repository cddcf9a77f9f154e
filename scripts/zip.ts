/**
 * A minimal ZIP writer and lister on node:zlib, for the store and source packages. Entries
 * are deflated, sorted by name and dated 1 January 1980, so that the same files always give
 * the same bytes. It writes no ZIP64 records, so each file and the archive stay under 4 GiB.
 * Format: PKWARE's APPNOTE.TXT, sections 4.3.7 (local header), 4.3.12 (central directory)
 * and 4.3.16 (end of central directory).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { crc32, deflateRawSync } from 'node:zlib';

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const VERSION = 20; // 2.0: deflate
const UTF8_NAMES = 0x0800;
const DEFLATE = 8;
const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
const MAX_32_BIT = 0xffffffff;
const MAX_16_BIT = 0xffff;

export interface ZipInput {
  /** Path inside the archive, with forward slashes. */
  name: string;
  /** File on disk to read the content from. */
  path: string;
}

/** Writes `files` into a new archive at `zipPath`, replacing any file there. */
export async function writeZip(zipPath: string, files: readonly ZipInput[]): Promise<void> {
  if (files.length > MAX_16_BIT) throw new Error(`${zipPath} would have over 65,535 entries`);
  const sorted = [...files].sort(compareNames);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of sorted) {
    const entry = deflateEntry(file.name, await readFile(file.path));
    centrals.push(centralHeader(entry, offset));
    const local = Buffer.concat([localHeader(entry), entry.compressed]);
    locals.push(local);
    offset += local.length;
  }
  if (offset > MAX_32_BIT) throw new Error(`${zipPath} would be over 4 GiB`);
  const directory = Buffer.concat(centrals);
  const end = endOfCentralDirectory(sorted.length, directory.length, offset);
  await writeFile(zipPath, Buffer.concat([...locals, directory, end]));
}

/** Returns the names of the entries in a ZIP archive, in the order of its central directory. */
export async function listZip(zipPath: string): Promise<string[]> {
  const zip = await readFile(zipPath);
  const end = zip.lastIndexOf(uint32(END_OF_CENTRAL_DIRECTORY));
  if (end === -1) throw new Error(`${zipPath} is not a ZIP archive: no end of central directory`);
  const count = zip.readUInt16LE(end + 10);
  let position = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let index = 0; index < count; index++) {
    if (zip.readUInt32LE(position) !== CENTRAL_HEADER) {
      throw new Error(`${zipPath} is damaged: entry ${index} has no central directory header`);
    }
    const nameLength = zip.readUInt16LE(position + 28);
    const extraLength = zip.readUInt16LE(position + 30);
    const commentLength = zip.readUInt16LE(position + 32);
    names.push(zip.toString('utf8', position + 46, position + 46 + nameLength));
    position += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Orders entries by the UTF-16 code units of their names, the same in every locale. */
function compareNames(a: ZipInput, b: ZipInput): number {
  if (a.name === b.name) return 0;
  return a.name < b.name ? -1 : 1;
}

interface Entry {
  name: Buffer;
  crc: number;
  size: number;
  compressed: Buffer;
}

function deflateEntry(name: string, content: Buffer): Entry {
  if (content.length > MAX_32_BIT) throw new Error(`${name} is over 4 GiB`);
  return {
    name: Buffer.from(name, 'utf8'),
    crc: crc32(content),
    size: content.length,
    compressed: deflateRawSync(content, { level: 9 }),
  };
}

function localHeader(entry: Entry): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(LOCAL_HEADER, 0);
  header.writeUInt16LE(VERSION, 4);
  writeEntryFields(header, 6, entry);
  header.writeUInt16LE(0, 28); // extra field length
  return Buffer.concat([header, entry.name]);
}

function centralHeader(entry: Entry, localOffset: number): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(CENTRAL_HEADER, 0);
  header.writeUInt16LE(VERSION, 4); // version made by: MS-DOS attributes
  header.writeUInt16LE(VERSION, 6);
  writeEntryFields(header, 8, entry);
  // Extra field, comment, disk number and attributes stay 0.
  header.writeUInt32LE(localOffset, 42);
  return Buffer.concat([header, entry.name]);
}

/** Writes the fields that local and central headers share, from flags to name length. */
function writeEntryFields(header: Buffer, start: number, entry: Entry): void {
  header.writeUInt16LE(UTF8_NAMES, start);
  header.writeUInt16LE(DEFLATE, start + 2);
  header.writeUInt16LE(0, start + 4); // time 00:00:00
  header.writeUInt16LE(DOS_DATE_1980_01_01, start + 6);
  header.writeUInt32LE(entry.crc, start + 8);
  header.writeUInt32LE(entry.compressed.length, start + 12);
  header.writeUInt32LE(entry.size, start + 16);
  header.writeUInt16LE(entry.name.length, start + 20);
}

function endOfCentralDirectory(count: number, size: number, offset: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(count, 8); // entries on this disk
  end.writeUInt16LE(count, 10); // entries in all
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return end;
}

function uint32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value);
  return buffer;
}
