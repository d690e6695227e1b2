import { existsSync } from 'node:fs';

/** Playwright cannot download browsers here: use Debian's chromium, or any Chrome via CHROME_PATH. */
export function chromiumPath(): string {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`No Chromium at ${path}: install chromium (apt-get install -y chromium) or set CHROME_PATH.`);
  }
  return path;
}

/** Fake camera and microphone, allowed without a prompt; no background traffic to the closed network. */
export const chromiumArgs = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
