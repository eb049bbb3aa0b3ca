import fs from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';

/** The embedded database directory is open in another process (or already in this one). */
export class DatabaseInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number | null,
  ) {
    super(
      `the embedded database in ${dataDir} is in use by another minhbach process${pid ? ` (pid ${pid})` : ''}. ` +
        'PGlite allows one process at a time: stop that process first (e.g. the portal started with npm start), ' +
        'or run the portal and the command on a PostgreSQL server (DATABASE_URL). ' +
        '/ Cơ sở dữ liệu nhúng đang được một tiến trình khác sử dụng: hãy dừng tiến trình đó trước.',
    );
    this.name = 'DatabaseInUseError';
  }
}

/** The lock: a directory created atomically (`mkdir`), kept fresh while held (proper-lockfile). */
const LOCK_DIR = 'minhbach.lock';
/** Beside the lock: the holder's pid, for the message given to a refused process. */
const PID_FILE = 'minhbach.pid';
/** A lock not refreshed for this long belongs to a process that died; it is taken over. */
const STALE_MS = 10_000;

/**
 * Takes the lock of a PGlite data directory. PGlite is a single-process database: two processes
 * writing one directory lose data and can leave it unreadable, so a second opener must be refused.
 * The lock is `minhbach.lock/` inside the directory (the owner's pid is in `minhbach.pid`), refreshed
 * every few seconds while held and released on close or process exit; a lock left by a process that
 * died is taken over after 10 s.
 * @returns a function that releases the lock.
 * @throws DatabaseInUseError when another live process (or this one) holds the lock.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = path.join(dataDir, LOCK_DIR);
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, {
      lockfilePath: lockPath,
      stale: STALE_MS,
      update: STALE_MS / 2,
      realpath: false,
      retries: 0,
      onCompromised: (err) => {
        process.stderr.write(`minhbach: the lock of ${dataDir} was lost (${err.message})\n`);
      },
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED')
      throw new DatabaseInUseError(dataDir, holderPid(dataDir));
    throw err;
  }
  const pidFile = path.join(dataDir, PID_FILE);
  fs.writeFileSync(pidFile, String(process.pid));
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    fs.rmSync(pidFile, { force: true });
    await release().catch(() => {});
  };
}

function holderPid(dataDir: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(path.join(dataDir, PID_FILE), 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
