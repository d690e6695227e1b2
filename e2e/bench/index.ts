/** `npm run bench`: every benchmark, one after the other (each starts and stops its own servers). */
import { boardBench } from './board';
import { callsBench } from './calls';
import { parentPageBench } from './parent';
import { relayBench } from './relay';

async function main(): Promise<void> {
  console.log('Signal relay: the desk against a bare Socket.IO relay');
  await relayBench();
  console.log('\nThe supervisors’ board: the desk against a bare Socket.IO room broadcast');
  await boardBench();
  console.log('\nCall set-up and self-healing in real Chromium');
  await callsBench();
  console.log('\nThe parent’s page on a phone: JS before the camera prompt, Slow 4G timings');
  await parentPageBench();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
