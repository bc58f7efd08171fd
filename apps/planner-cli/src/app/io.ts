import { readFileSync, renameSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Where the CLI writes and reads; injected by tests. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  now: () => number;
}

/** A failure with its exit code: 1 unreadable or unwritable file, 2 bad input or usage, 3 planner bug. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: number, readonly lines: string[] = [message]) {
    super(message);
    this.name = 'CliError';
  }
}

export function readText(cwd: string, file: string): string {
  try {
    return readFileSync(resolve(cwd, file), 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EACCES' ? 'permission denied'
      : err.code === 'EISDIR' ? 'is a directory' : err.message;
    throw new CliError(`cannot read ${file}: ${why}`, 1);
  }
}

/** Parses JSON; a syntax error names the file, the line, the column and the position. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const m = /position (\d+)/.exec(message);
    let where = '';
    if (m) {
      const pos = Number(m[1]);
      const before = text.slice(0, pos);
      const line = before.split('\n').length;
      const column = pos - before.lastIndexOf('\n');
      where = ` at line ${line}, column ${column} (position ${pos})`;
    } else if (/end of JSON input/i.test(message)) {
      where = ` at the end of the file (position ${text.length})`;
    }
    const detail = message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '');
    throw new CliError(`${file}: invalid JSON${where}: ${detail}`, 2);
  }
}

export function readJson(cwd: string, file: string): unknown {
  return parseJson(readText(cwd, file), file);
}

/** Writes through a temporary file and a rename: a reader never sees half a file. */
export function writeAtomic(cwd: string, file: string, text: string): void {
  const target = resolve(cwd, file);
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(tmp, text);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new CliError(`cannot write ${file}: ${(e as Error).message}`, 1);
  }
}

export function toJson(value: unknown, pretty: boolean): string {
  return `${pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value)}\n`;
}

const NUMBER = new Intl.NumberFormat('en-US');
/** 1234567 → "1,234,567" (figures as in DESIGN.md's messages) */
export function fmt(n: number): string {
  return NUMBER.format(n);
}
