/** `npm run bench`: every benchmark, one after the other (each starts and stops its own servers). */
import { callsBench } from './calls';
import { relayBench } from './relay';

async function main(): Promise<void> {
  console.log('Signal relay: the desk against a bare Socket.IO relay');
  await relayBench();
  console.log('\nCall set-up and self-healing in real Chromium');
  await callsBench();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
