import type { BrowserCapability } from '@desk/shared';
import InAppSpy from 'inapp-spy';

/**
 * What this phone's browser can do, found as the link opens and before the parent is asked
 * anything: the in-app browser by its user agent (inapp-spy) and the APIs by a live probe. Never
 * throws, never prompts (the camera permission is only read where the Permissions API can).
 */

export type BrowserEnvironment = {
  userAgent: string;
  maxTouchPoints: number;
  hasPeerConnection: boolean;
  hasGetUserMedia: boolean;
  isSecureContext: boolean;
  queryCamera?: () => Promise<PermissionState>;
};

/** The Permissions API can hang in some webviews: the check never waits longer than this. */
const PERMISSION_QUERY_MS = 300;

export function browserEnvironment(): BrowserEnvironment {
  const permissions = navigator.permissions as Permissions | undefined;
  return {
    userAgent: navigator.userAgent,
    maxTouchPoints: navigator.maxTouchPoints ?? 0,
    hasPeerConnection: typeof window.RTCPeerConnection === 'function',
    hasGetUserMedia: typeof navigator.mediaDevices?.getUserMedia === 'function',
    isSecureContext: window.isSecureContext,
    queryCamera: permissions?.query ? () => permissions.query({ name: 'camera' as PermissionName }).then((status) => status.state) : undefined,
  };
}

export function osOf(userAgent: string, maxTouchPoints = 0): BrowserCapability['os'] {
  if (/iPhone|iPad|iPod/.test(userAgent)) return 'ios';
  // iPadOS asks for the desktop site and says "Macintosh": only its touch screen gives it away.
  if (/Macintosh/.test(userAgent) && maxTouchPoints > 1) return 'ios';
  if (/Android/.test(userAgent)) return 'android';
  return 'other';
}

export function browserOf(userAgent: string): BrowserCapability['browser'] {
  if (/SamsungBrowser/.test(userAgent)) return 'samsung';
  if (/FxiOS|Firefox\//.test(userAgent)) return 'firefox';
  if (/EdgiOS|EdgA?\/|OPR\/|OPiOS/.test(userAgent)) return 'other';
  if (/CriOS|Chrome\//.test(userAgent)) return 'chrome';
  if (/Safari\//.test(userAgent)) return 'safari';
  return 'other';
}

async function cameraPermission(query: BrowserEnvironment['queryCamera']): Promise<BrowserCapability['cameraPermission']> {
  if (!query) return 'unknown';
  const timeout = new Promise<'unknown'>((resolve) => setTimeout(() => resolve('unknown'), PERMISSION_QUERY_MS));
  try {
    return await Promise.race([query(), timeout]);
  } catch {
    // Firefox, for one, does not know "camera" as a permission name.
    return 'unknown';
  }
}

export async function checkBrowser(environment: BrowserEnvironment = browserEnvironment()): Promise<BrowserCapability> {
  const { userAgent } = environment;
  const spy = InAppSpy({ ua: userAgent });
  return {
    rtcPeerConnection: environment.hasPeerConnection,
    getUserMedia: environment.hasGetUserMedia,
    secureContext: environment.isSecureContext,
    inApp: spy.isInApp ? (spy.appName ?? 'an app') : null,
    os: osOf(userAgent, environment.maxTouchPoints),
    browser: browserOf(userAgent),
    cameraPermission: await cameraPermission(environment.queryCamera),
  };
}
