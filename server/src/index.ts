import { createApp } from './app.js';
import { DEMO_USERS, activeUserCount, disableDemoUsers, seedDemoUsers } from './auth/users.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { claimDataDir, DataDirBusyError } from './db/lock.js';
import { createLogger } from './logger.js';
import { lanAddresses, selfSignedCertificate } from './tls.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const releaseDataDir = config.databaseUrl ? () => undefined : claimDataDir(config.dataDir, 'the desk server');
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  if (config.demoPassword) await seedDemoUsers(database.db, config.demoPassword);
  // A data directory that once ran the demo must not let `clinician`/`demo` into production.
  if (config.production) {
    const disabled = await disableDemoUsers(database.db);
    if (disabled) logger.warn({ disabled }, 'demo accounts found in a production database were disabled');
  }
  const tls = config.https ? await selfSignedCertificate(config.dataDir) : undefined;
  const app = createApp({ config, database, logger, tls });

  await new Promise<void>((resolve) => app.httpServer.listen(config.port, config.host, resolve));
  const address = app.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const scheme = config.https ? 'https' : 'http';
  const base = config.publicUrl ?? `${scheme}://localhost:${port}`;
  const lines = [
    '',
    `Paediatric video desk is running on ${base}  (database: ${database.driver === 'pglite' ? `PGlite in ${config.dataDir}` : 'Postgres'})`,
    `  Clinician desk:   ${base}/login   then ${base}/`,
    `  Supervisor queue: ${base}/supervisor`,
  ];
  if (!config.production) {
    lines.push(`  Dev SMS outbox:   ${base}/dev/outbox   (the parent's "phone" for the demo)`);
    lines.push(`  Demo accounts:    ${DEMO_USERS.map((u) => u.username).join(', ')}  — password: ${config.demoPassword}`);
    for (const ip of lanAddresses()) {
      lines.push(`  On this network:  ${scheme}://${ip}:${port}${config.https ? '' : '   (phones need HTTPS=1 for the camera)'}`);
    }
    if (config.https && !config.publicUrl) {
      lines.push('  For a real phone, open the desk at the network address above (or set PUBLIC_URL): links use the address the desk was opened on.');
    }
  } else if ((await activeUserCount(database.db)) === 0) {
    lines.push('  No staff accounts yet: stop the server and run  USER_PASSWORD=… npm run users -- add --username NAME --name "Full Name" --role clinician');
  }
  console.log(lines.join('\n') + '\n');

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    app.close().then(
      () => {
        releaseDataDir();
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirBusyError) {
    console.error(`Cannot start: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
