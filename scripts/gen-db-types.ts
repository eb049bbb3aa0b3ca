// Generates src/db/generated/db.ts (Kysely types) from the migrated schema, never by hand.
// Needs a PostgreSQL server: DATABASE_URL or postgres://postgres@127.0.0.1:5432/test.
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { migrate } from '../src/db/migrate.ts';

const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const name = `minhbach_codegen_${process.pid}`;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(base);
url.pathname = `/${name}`;
try {
  const db = new Kysely({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString() }) }),
  });
  await migrate(db);
  await db.destroy();
  execFileSync(
    'npx',
    [
      'kysely-codegen',
      '--url',
      url.toString(),
      '--out-file',
      'src/db/generated/db.ts',
      '--numeric-parser',
      'number',
      '--type-mapping',
      JSON.stringify({ int8: 'number' }),
      '--exclude-pattern',
      'schema_migration',
    ],
    { stdio: 'inherit' },
  );
} finally {
  await admin.query(`DROP DATABASE ${name}`);
  await admin.end();
}
