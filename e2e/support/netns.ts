import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromiumPath } from './browser';

/**
 * A real network for the parent's phone, so a test can cut it: the parent's Chromium runs in a
 * network namespace of its own, behind a router namespace, all addressed from 198.51.100.0/24
 * (TEST-NET-2, a documentation range: no real network). The desk stays on the host.
 *
 *   host ─ h (198.51.100.1/30) ══ r0 (.2/30) ─ router ─ r1 (.17/28) ══ p0 (.18/28) "wifi"  ─ parent
 *                                                    └ r2 (.33/28) ══ p1 (.34/28) "4G"    ─┘
 *
 * `cut()` takes the router→parent link down (only the parent loses its network);
 * `switchNetwork()` brings 4G up with a new address, then drops wifi, as a phone does.
 * Needs root (CI runs as root) and iproute2.
 */

export const HOST_ADDRESS = '198.51.100.1';
const PREFIX = 'dske2e';

export type ParentNetwork = {
  /** An executable that starts Chromium inside the parent's namespace (Playwright's `executablePath`). */
  chromium: string;
  cut(): void;
  restore(): void;
  /** 4G arrives (a new address and route), then wifi goes. */
  switchNetwork(): void;
  close(): void;
};

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** `net.ipv4.ip_forward=1` inside a namespace, written to /proc so no procps is needed. */
function sysctl(ns: string, setting: string): void {
  const [key, value] = setting.split('=') as [string, string];
  execFileSync('ip', ['netns', 'exec', ns, 'sh', '-c', `echo ${value} > /proc/sys/${key.replace(/\./g, '/')}`], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Whether this machine lets the test make namespaces (root with iproute2). */
export function canMakeNetworks(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('ip', ['netns', 'list'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Namespaces and links a killed earlier run left behind. */
export function removeLeftovers(): void {
  const namespaces = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name.startsWith(PREFIX));
  for (const name of namespaces) ip('netns', 'del', name);
  const links = execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\d+: ([^:@]+)/.exec(line)?.[1] ?? '')
    .filter((name) => name.startsWith(PREFIX));
  for (const name of links) ip('link', 'del', name);
}

export function createParentNetwork(): ParentNetwork {
  removeLeftovers();
  const router = `${PREFIX}-r`;
  const parent = `${PREFIX}-p`;
  const host = `${PREFIX}h`;
  const dir = mkdtempSync(path.join(tmpdir(), 'desk-netns-'));
  const close = () => {
    for (const ns of [parent, router]) {
      try {
        ip('netns', 'del', ns);
      } catch {
        // already gone
      }
    }
    try {
      ip('link', 'del', host);
    } catch {
      // deleted with the namespace's peer
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    ip('netns', 'add', router);
    ip('netns', 'add', parent);
    for (const ns of [router, parent]) {
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      sysctl(ns, 'net.ipv6.conf.all.disable_ipv6=1');
      sysctl(ns, 'net.ipv6.conf.default.disable_ipv6=1');
    }
    sysctl(router, 'net.ipv4.ip_forward=1');
    // Removing the wifi address must not take the 4G one with it.
    sysctl(parent, 'net.ipv4.conf.all.promote_secondaries=1');

    ip('link', 'add', host, 'type', 'veth', 'peer', 'name', 'r0', 'netns', router);
    // No IPv6 on the host's end either: its link-local address would arrive a moment after the
    // link comes up, and Chromium on the host (the desk) reads that as a network change and aborts
    // whatever it is loading (ERR_NETWORK_CHANGED on a lazy chunk: the desk's error page).
    try {
      writeFileSync(`/proc/sys/net/ipv6/conf/${host}/disable_ipv6`, '1');
    } catch {
      // a kernel without IPv6: nothing to disable
    }
    ip('addr', 'add', `${HOST_ADDRESS}/30`, 'dev', host);
    ip('link', 'set', host, 'up');
    ip('-n', router, 'addr', 'add', '198.51.100.2/30', 'dev', 'r0');
    ip('-n', router, 'link', 'set', 'r0', 'up');
    ip('-n', router, 'route', 'add', 'default', 'via', HOST_ADDRESS);
    ip('route', 'add', '198.51.100.16/28', 'via', '198.51.100.2', 'dev', host);
    ip('route', 'add', '198.51.100.32/28', 'via', '198.51.100.2', 'dev', host);

    ip('-n', router, 'link', 'add', 'r1', 'type', 'veth', 'peer', 'name', 'p0', 'netns', parent);
    ip('-n', router, 'addr', 'add', '198.51.100.17/28', 'dev', 'r1');
    ip('-n', router, 'link', 'set', 'r1', 'up');
    ip('-n', parent, 'addr', 'add', '198.51.100.18/28', 'dev', 'p0');
    ip('-n', parent, 'link', 'set', 'p0', 'up');
    ip('-n', parent, 'route', 'add', 'default', 'via', '198.51.100.17', 'metric', '100');

    // The 4G link exists from the start but carries nothing until the switch.
    ip('-n', router, 'link', 'add', 'r2', 'type', 'veth', 'peer', 'name', 'p1', 'netns', parent);
    ip('-n', router, 'addr', 'add', '198.51.100.33/28', 'dev', 'r2');
    ip('-n', router, 'link', 'set', 'r2', 'up');

    const chromium = path.join(dir, 'chromium-in-parent-netns');
    writeFileSync(chromium, `#!/bin/sh\nexec ip netns exec ${parent} ${chromiumPath()} "$@"\n`);
    chmodSync(chromium, 0o755);

    /** The router's end of the link the parent is on now: wifi, then 4G after a switch. */
    let current = 'r1';
    return {
      chromium,
      cut: () => ip('-n', router, 'link', 'set', current, 'down'),
      restore: () => ip('-n', router, 'link', 'set', current, 'up'),
      switchNetwork() {
        current = 'r2';
        ip('-n', parent, 'link', 'set', 'p1', 'up');
        ip('-n', parent, 'addr', 'add', '198.51.100.34/28', 'dev', 'p1');
        ip('-n', parent, 'route', 'add', 'default', 'via', '198.51.100.33', 'metric', '200');
        // Wifi goes: its address, then the link.
        ip('-n', parent, 'addr', 'del', '198.51.100.18/28', 'dev', 'p0');
        ip('-n', parent, 'link', 'set', 'p0', 'down');
      },
      close,
    };
  } catch (error) {
    close();
    throw error;
  }
}
