import type { Role } from '@desk/shared';
import type { Logger } from 'pino';
import type { Cluster } from '../cluster/index.js';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { SmsSender } from '../sms/sender.js';
import type { CallService } from '../calls/service.js';
import type { DeskMetrics } from '../metrics/metrics.js';
import type { DeskEvents } from './events.js';

export type Clock = { now(): Date };
export const systemClock: Clock = { now: () => new Date() };

/** What every domain module is given: nothing reaches for globals. */
export type Deps = {
  db: Db;
  config: Config;
  clock: Clock;
  logger: Logger;
  sms: SmsSender;
  calls: CallService;
  events: DeskEvents;
  /** This node among the others (one alone: no Redis). */
  cluster: Cluster;
  /** This app's Prometheus registry (docs/operations.md, "Metrics"): always a real one. */
  metrics: DeskMetrics;
};

export const STAFF_ROLES: readonly Role[] = ['clinician', 'supervisor', 'admin'];
