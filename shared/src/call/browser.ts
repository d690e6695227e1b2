import type { BrowserCapability } from '../protocol/rest.js';
import type { BrowserFailReason } from './machine.js';

/**
 * Whether the browser that opened a link can hold the call, from what the page found as it
 * opened. Pure and zod-free: the parent's page decides what to show with it, and the server
 * decides what to tell the desk with the same rule.
 *
 * An app's own browser (WhatsApp, Facebook, an SMS app…) counts as in-app even when it has the
 * APIs: the camera often fails there in ways the page cannot see in advance, so the parent is
 * shown how to open the link in Safari or Chrome first (and may still try where they are).
 */
export function browserVerdict(capability: BrowserCapability): 'ok' | BrowserFailReason {
  if (capability.inApp) return 'in_app_browser';
  // On a plain-http address (a LAN demo) every browser hides the camera: not the browser's fault.
  // The camera step then says the link must start with https.
  if (!capability.secureContext) return 'ok';
  if (!capability.rtcPeerConnection || !capability.getUserMedia) return 'unsupported_browser';
  return 'ok';
}

/** The page may offer "Try in this app anyway": the browser has what a call needs, and the camera is not already refused. */
export function mayTryAnyway(capability: BrowserCapability): boolean {
  return capability.rtcPeerConnection && capability.getUserMedia && capability.cameraPermission !== 'denied';
}
