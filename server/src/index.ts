import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createApp } from './app.js';
import { openCluster } from './cluster/index.js';
import { DEMO_USERS, activeUserCount, disableDemoUsers, seedDemoUsers } from './auth/users.js';
import { ConfigError, loadConfig, settlePublicUrl } from './config.js';
import { openDatabase } from './db/client.js';
import { claimDataDir, DataDirBusyError } from './db/lock.js';
import { createLogger } from './logger.js';
import { lanAddresses, selfSignedCertificate } from './tls.js';

/** SIGTERM to exit, at most (orchestrators typically kill after 10 s); the drain inside it is `SHUTDOWN_DRAIN_MS`. */
const SHUTDOWN_DEADLINE_MS = 9_500;

async function main(): Promise<void> {
  const loaded = loadConfig();
  const logger = createLogger(loaded.logLevel, undefined, loaded.nodeId);
  const releaseDataDir = loaded.databaseUrl ? () => undefined : claimDataDir(loaded.dataDir, 'the desk server');
  const database = await openDatabase({ databaseUrl: loaded.databaseUrl, dataDir: loaded.dataDir, logger });
  if (loaded.demoPassword) await seedDemoUsers(database.db, loaded.demoPassword);
  // A data directory that once ran the demo must not let `clinician`/`demo` into production.
  if (loaded.production) {
    const disabled = await disableDemoUsers(database.db);
    if (disabled) logger.warn({ disabled }, 'demo accounts found in a production database were disabled');
  }
  const cluster = await openCluster({ redisUrl: loaded.redisUrl, nodeId: loaded.nodeId, logger });
  const tls = loaded.https ? await selfSignedCertificate(loaded.dataDir) : undefined;
  // Listen first: without PUBLIC_URL the public origin is settled from the port actually bound.
  const httpServer = tls ? createHttpsServer(tls) : createHttpServer();
  await new Promise<void>((resolve) => httpServer.listen(loaded.port, loaded.host, resolve));
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : loaded.port;
  const config = settlePublicUrl(loaded, port, lanAddresses());
  const app = createApp({ config, database, cluster, logger, httpServer });
  const metricsAddress = await app.metricsListener?.listening;
  const scheme = config.https ? 'https' : 'http';
  const base = config.publicUrl;
  const lines = [
    '',
    `Paediatric video desk is running on ${base}  (database: ${database.driver === 'pglite' ? `PGlite in ${config.dataDir}` : 'Postgres'}${cluster.redis ? `; node ${config.nodeId} of several, through Redis` : ''})`,
    `  Clinician desk:   ${base}/login   then ${base}/`,
    `  Supervisor queue: ${base}/supervisor`,
  ];
  if (metricsAddress) {
    const host = metricsAddress.family === 'IPv6' ? `[${metricsAddress.address}]` : metricsAddress.address;
    lines.push(`  Metrics:          http://${host}:${metricsAddress.port}/metrics   (node ${config.nodeId})`);
  }
  if (!config.production) {
    lines.push(`  Dev SMS outbox:   ${base}/dev/outbox   (the parent's "phone" for the demo)`);
    lines.push(`  Demo accounts:    ${DEMO_USERS.map((u) => u.username).join(', ')}  — password: ${config.demoPassword}`);
    for (const ip of lanAddresses()) {
      lines.push(`  On this network:  ${scheme}://${ip}:${port}${config.https ? '' : '   (phones need HTTPS=1 for the camera)'}`);
    }
    if (!loaded.publicUrl) {
      lines.push(`  Links in SMS use ${base} (set PUBLIC_URL to change it)${config.https ? '' : '; for a real phone, start with HTTPS=1'}.`);
    }
  } else if ((await activeUserCount(database.db)) === 0) {
    lines.push('  No staff accounts yet: stop the server and run  USER_PASSWORD=… npm run users -- add --username NAME --name "Full Name" --role clinician');
  }
  console.log(lines.join('\n') + '\n');

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    // Whatever is stuck (a database that does not answer), the process is gone within the bound.
    setTimeout(() => {
      logger.error({ signal }, 'shutdown overran its deadline; exiting anyway');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    app.close().then(
      () => {
        releaseDataDir();
        logger.info({ signal }, 'shut down');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
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
