import type { BoardCase, BoardThresholds } from '@desk/shared';

/**
 * When a row needs a supervisor's eye: past its threshold it is amber, past twice it red. The words
 * say it (never the colour alone). Pure, so the component tests and the table test share the rule.
 */
export type RowAlert = { level: 'amber' | 'red'; text: string };

type Rule = { seconds: (t: BoardThresholds) => number; clock: 'state' | 'open'; text: (minutes: string) => string };

const RULES: Partial<Record<BoardCase['state'], Rule>> = {
  parent_waiting: { seconds: (t) => t.parentWaitingSeconds, clock: 'state', text: (m) => `Parent waiting over ${m}` },
  link_sent: { seconds: (t) => t.linkUnopenedSeconds, clock: 'state', text: (m) => `Link not opened for over ${m}` },
  reconnecting: { seconds: (t) => t.reconnectingSeconds, clock: 'state', text: (m) => `Reconnecting for over ${m}` },
};

/** "2 min", "1 h 30 min". */
export function formatMinutes(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest ? `${Math.floor(minutes / 60)} h ${rest} min` : `${Math.floor(minutes / 60)} h`;
}

/** Whole seconds from an ISO time to now (never negative: a clock a little behind the server's). */
export function secondsSince(iso: string, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs - Date.parse(iso)) / 1000));
}

export function rowAlert(row: BoardCase, nowMs: number, thresholds: BoardThresholds): RowAlert | null {
  if (row.state === 'decided') return null;
  const rule = RULES[row.state];
  const candidates: RowAlert[] = [];
  if (rule) {
    const limit = rule.seconds(thresholds);
    const elapsed = secondsSince(row.stateSince, nowMs);
    if (elapsed >= limit) candidates.push({ level: elapsed >= 2 * limit ? 'red' : 'amber', text: rule.text(formatMinutes(limit)) });
  }
  const open = secondsSince(row.createdAt, nowMs);
  const undecided = thresholds.undecidedSeconds;
  if (open >= undecided) candidates.push({ level: open >= 2 * undecided ? 'red' : 'amber', text: `Open without a decision over ${formatMinutes(undecided)}` });
  return candidates.sort((a, b) => (a.level === b.level ? 0 : a.level === 'red' ? -1 : 1))[0] ?? null;
}
