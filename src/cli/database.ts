import { loadConfig, type Config } from '../config.ts';
import { openDatabase, type Database } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';

/**
 * Opens the configured database (DATABASE_URL or PGlite in MINHBACH_DATA_DIR) and applies pending
 * migrations; every CLI command that touches data starts here.
 * @throws MigrationError (start-up must stop) or a connection error.
 */
export async function openMigratedDatabase(config: Config = loadConfig()): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database.db);
  } catch (err) {
    await database.close();
    throw err;
  }
  return database;
}
