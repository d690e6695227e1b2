import { describe, expect, it } from 'vitest';
import { browserVerdict, mayTryAnyway, type BrowserCapability } from '../src/index.js';

const CHROME: BrowserCapability = {
  rtcPeerConnection: true,
  getUserMedia: true,
  secureContext: true,
  inApp: null,
  os: 'android',
  browser: 'chrome',
  cameraPermission: 'prompt',
};

describe('browserVerdict', () => {
  it.each<[string, Partial<BrowserCapability>, ReturnType<typeof browserVerdict>, boolean]>([
    ['Chrome on Android', {}, 'ok', true],
    ['an app’s browser with the APIs: told to switch, may try', { inApp: 'Instagram' }, 'in_app_browser', true],
    ['an app’s browser without WebRTC', { inApp: 'Facebook', rtcPeerConnection: false }, 'in_app_browser', false],
    ['a webview with no RTCPeerConnection', { rtcPeerConnection: false }, 'unsupported_browser', false],
    ['a browser with no getUserMedia', { getUserMedia: false }, 'unsupported_browser', false],
    ['a plain-http address hides the camera in every browser: not the browser’s fault', { secureContext: false, getUserMedia: false }, 'ok', false],
    ['a camera already refused: no point trying here', { inApp: 'Instagram', cameraPermission: 'denied' }, 'in_app_browser', false],
  ])('%s', (_name, change, verdict, tryAnyway) => {
    const capability = { ...CHROME, ...change };
    expect(browserVerdict(capability)).toBe(verdict);
    expect(mayTryAnyway(capability)).toBe(tryAnyway);
  });
});
