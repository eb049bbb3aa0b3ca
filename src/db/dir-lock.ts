import fs from 'node:fs';
import path from 'node:path';

/** The embedded database directory is open in another process (or already in this one). */
export class DatabaseInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `the embedded database in ${dataDir} is in use by another minhbach process (pid ${pid}). ` +
        'PGlite allows one process at a time: stop that process first (e.g. the portal started with npm start), ' +
        'or run the portal and the command on a PostgreSQL server (DATABASE_URL). ' +
        '/ Cơ sở dữ liệu nhúng đang được một tiến trình khác sử dụng: hãy dừng tiến trình đó trước.',
    );
    this.name = 'DatabaseInUseError';
  }
}

const LOCK_FILE = 'minhbach.lock';

/**
 * Takes the lock of a PGlite data directory: a file `minhbach.lock` holding this process id, created
 * exclusively. PGlite is a single-process database; two processes writing one directory lose data and
 * can leave it unreadable, so the second opener must be refused. A lock left by a process that no
 * longer runs is taken over.
 * @returns a function that releases the lock (also released when the process exits).
 * @throws DatabaseInUseError when a live process (this one included) holds the lock.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      const release = () => {
        process.off('exit', release);
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.on('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number.parseInt(readOrEmpty(file), 10);
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder))
        throw new DatabaseInUseError(dataDir, holder);
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`cannot take the lock ${file}`);
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
