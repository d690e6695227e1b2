import { createApp } from './app.js';
import { DEMO_USERS, seedDemoUsers } from './auth/users.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { createLogger } from './logger.js';
import { lanAddresses, selfSignedCertificate } from './tls.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  if (config.demoPassword) await seedDemoUsers(database.db, config.demoPassword);
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
    for (const ip of lanAddresses()) lines.push(`  On this network:  ${scheme}://${ip}:${port}${config.https ? '' : '   (phones need HTTPS=1 for the camera)'}`);
  }
  console.log(lines.join('\n') + '\n');

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`Cannot start: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
