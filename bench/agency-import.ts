/**
 * `npm run bench:agency-import` — speed of `minhbach admin agency import` (importAgencyCsv) on a
 * generated agency tree: a city committee, departments, districts, communes and public units with
 * Vietnamese names, some rows naming a parent further down the file, some with validity dates and a
 * successor (the 2025 merger of communes). Prints rows/s for a first import (every row created) and a
 * second import of the same file (every row unchanged) and a third with every name changed (every
 * row updated). Target: 100,000 rows in < 30 s on PGlite.
 *
 * Options: `--rows N` (default 100000; `--quick` = 10000); `DATABASE_URL` to run against a PostgreSQL
 * server (a scratch database is created and dropped); otherwise an in-memory PGlite.
 */
import { importAgencyCsv } from '../src/accounts/agency-csv.ts';
import { createTestDatabase } from '../test/helpers/db.ts';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const rows = Number(arg('--rows') ?? (process.argv.includes('--quick') ? 10_000 : 100_000));
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

const KINDS = ['so', 'ubnd-huyen', 'ubnd-xa', 'don-vi-su-nghiep', 'ban-qlda', 'khac'] as const;
const WORDS = ['Tài chính', 'Xây dựng', 'Giáo dục', 'Y tế', 'Nội vụ', 'Tư pháp', 'Công Thương', 'Văn hóa'];

/**
 * A CSV of `n` agencies: `root` at the top, then blocks where every 10th row is a unit whose children
 * follow it; every 50th row names a parent defined further down (forward reference); every 7th row
 * has a validity period, every 97th a successor.
 */
export function generateAgencyCsv(n: number): string {
  const out = [
    'code;name;kind;parent_code;valid_from;valid_to;successor_code;name_en',
    "root;UBND Thành phố Hà Nội;ubnd-tinh;;;;;Hanoi People's Committee",
  ];
  for (let i = 1; i < n; i++) {
    const code = `dv-${String(i).padStart(7, '0')}`;
    const parent =
      i % 10 === 1
        ? 'root'
        : i % 50 === 2 && i + 20 < n
          ? `dv-${String(i + 19).padStart(7, '0')}` // forward: i+19 ≡ 1 (mod 10), a unit under root
          : `dv-${String(i - ((i - 1) % 10)).padStart(7, '0')}`;
    const kind = KINDS[i % KINDS.length]!;
    const name = `${kind === 'ubnd-xa' ? 'UBND phường' : 'Đơn vị'} ${WORDS[i % WORDS.length]} số ${i}`;
    const dates = i % 7 === 0 ? '01/01/2020;30/06/2025' : ';';
    const successor = i % 97 === 0 && i > 1 ? `dv-${String(i - 1).padStart(7, '0')}` : '';
    out.push(`${code};${name};${kind};${parent};${dates};${successor};Unit ${i}`);
  }
  return out.join('\n') + '\n';
}

async function main(): Promise<void> {
  const csv = generateAgencyCsv(rows);
  const database = await createTestDatabase();
  try {
    process.stdout.write(
      `agency import: ${fmt(rows)} rows, ${(csv.length / 1e6).toFixed(1)} MB, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}\n`,
    );
    const renamed = csv.replaceAll(' số ', ' thứ ');
    for (const [label, text] of [
      ['first import (created)', csv],
      ['same file again (unchanged)', csv],
      ['every name changed (updated)', renamed],
    ] as const) {
      const t = performance.now();
      const r = await importAgencyCsv(database.db, text, 'bench');
      const s = (performance.now() - t) / 1000;
      process.stdout.write(
        `${label.padEnd(30)} ${s.toFixed(1).padStart(7)} s ${fmt(rows / s).padStart(9)} rows/s  ` +
          `(created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}, errors ${r.errors.length})\n`,
      );
      if (r.errors.length > 0) process.stdout.write(`  first error: ${JSON.stringify(r.errors[0])}\n`);
    }
  } finally {
    await database.close();
  }
}

await main();
