/** `npm run bench`: every benchmark, one after the other (each starts and stops its own servers). The soak is apart: `npm run soak`. */
import { boardBench } from './board';
import { callsBench } from './calls';
import { capacityBench } from './capacity';
import { clusterRelayBench } from './cluster-relay';
import { idleSocketsBench } from './idle-sockets';
import { nodeLossBench } from './node-loss';
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
  console.log('\nSignal relay across two nodes through Redis: the desk against a bare two-node relay');
  await clusterRelayBench();
  console.log('\nIdle authenticated sockets: memory per socket, the desk against a bare node');
  await idleSocketsBench();
  console.log('\nNode loss: re-attaching a killed node’s clients');
  await nodeLossBench();
  console.log('\nCapacity: concurrent calls one node holds within the relay target');
  await capacityBench();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
