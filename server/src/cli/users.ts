import { parseArgs } from 'node:util';
import { roleSchema } from '@desk/shared';
import { eq } from 'drizzle-orm';
import { addUser, disableUser, unlockUser } from '../auth/users.js';
import { loadConfig } from '../config.js';
import { openDatabase, type Db } from '../db/client.js';
import { users } from '../db/schema.js';
import { claimDataDir, DataDirBusyError } from '../db/lock.js';

const USAGE = `Usage: npm run users -- add --username NAME --name "Display Name" --role clinician|supervisor|admin
       npm run users -- disable --username NAME
       npm run users -- unlock --username NAME
  The password is read from the USER_PASSWORD environment variable (never from the command line,
  so it stays out of shell history), and must be at least 12 characters. Disabling ends the
  account's sessions; a running server closes their sockets within 30 s. Unlocking lifts a lockout
  after too many failed sign-ins.`;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { username: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
  });
  if (positionals[0] === 'disable' && values.username) return disable(values.username);
  if (positionals[0] === 'unlock' && values.username) return unlock(values.username);
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
  const { username, name } = values;
  await withDatabase(async (db) => {
    const result = await addUser(db, { username, displayName: name, role: role.data, password }, 'cli');
    console.log(result.created ? `Created ${role.data} "${username}".` : `User "${username}" already exists; nothing changed.`);
  });
}

async function disable(username: string): Promise<void> {
  await withUser(username, async (db, userId) => {
    const ended = await disableUser(db, userId, 'cli', new Date());
    console.log(`Disabled "${username}"; ${ended?.length ?? 0} session(s) ended.`);
  });
}

async function unlock(username: string): Promise<void> {
  await withUser(username, async (db, userId) => {
    await unlockUser(db, userId, 'cli', new Date());
    console.log(`Unlocked "${username}": earlier failed sign-ins no longer count.`);
  });
}

async function withUser(username: string, work: (db: Db, userId: string) => Promise<void>): Promise<void> {
  await withDatabase(async (db) => {
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.username, username.trim().toLowerCase()));
    if (!user) {
      console.error(`No user "${username}".`);
      process.exitCode = 1;
      return;
    }
    await work(db, user.id);
  });
}

async function withDatabase(work: (db: Db) => Promise<void>): Promise<void> {
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
    await work(database.db);
  } finally {
    await database.close();
    release();
  }
}

void main();
