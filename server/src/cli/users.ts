import { parseArgs } from 'node:util';
import { roleSchema } from '@desk/shared';
import { addUser } from '../auth/users.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { claimDataDir, DataDirBusyError } from '../db/lock.js';

const USAGE = `Usage: npm run users -- add --username NAME --name "Display Name" --role clinician|supervisor|admin
  The password is read from the USER_PASSWORD environment variable (never from the command line,
  so it stays out of shell history), and must be at least 12 characters.`;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { username: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
  });
  if (positionals[0] !== 'add' || !values.username || !values.name || !values.role) {
    console.error(USAGE);
    process.exit(2);
  }
  const role = roleSchema.safeParse(values.role);
  if (!role.success) {
    console.error(`Unknown role "${values.role}".\n${USAGE}`);
    process.exit(2);
  }
  const password = process.env.USER_PASSWORD ?? '';
  if (password.length < 12) {
    console.error(`Set USER_PASSWORD (12+ characters).\n${USAGE}`);
    process.exit(2);
  }
  // Only the database settings matter here, so the production checks on SMS and PUBLIC_URL are not applied.
  const config = loadConfig({ ...process.env, NODE_ENV: 'development' });
  let release: () => void = () => undefined;
  try {
    release = config.databaseUrl ? release : claimDataDir(config.dataDir, 'npm run users');
  } catch (error) {
    if (error instanceof DataDirBusyError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const result = await addUser(database.db, { username: values.username, displayName: values.name, role: role.data, password }, 'cli');
    console.log(result.created ? `Created ${role.data} "${values.username}".` : `User "${values.username}" already exists; nothing changed.`);
  } finally {
    await database.close();
    release();
  }
}

void main();
