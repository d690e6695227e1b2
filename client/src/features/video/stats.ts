import type { StatsReading } from '../call/quality';

/** The few fields of `RTCStatsReport` entries the desk reads (browsers add many more). */
type Report = {
  type: string;
  id?: string;
  kind?: string;
  state?: string;
  nominated?: boolean;
  selected?: boolean;
  selectedCandidatePairId?: string;
  packetsReceived?: number;
  packetsLost?: number;
  bytesReceived?: number;
  framesDecoded?: number;
  framesPerSecond?: number;
  frameWidth?: number;
  frameHeight?: number;
  currentRoundTripTime?: number;
  availableOutgoingBitrate?: number;
  fractionLost?: number;
};

/** Reads one `getStats()` report into numbers. Pure over the report's entries, so tests feed plain objects. */
export function readStats(entries: Iterable<Report>, at: number): StatsReading {
  const reports = [...entries];
  const reading: StatsReading = {
    at,
    packetsReceived: 0,
    packetsLost: 0,
    transportBytesReceived: 0,
    framesDecoded: 0,
    hasInboundVideo: false,
    rttMs: null,
    framesPerSecond: null,
    frameWidth: null,
    frameHeight: null,
    availableOutgoingKbps: null,
    remoteFractionLost: null,
  };
  const selectedPairId = reports.find((r) => r.type === 'transport' && r.selectedCandidatePairId)?.selectedCandidatePairId;
  for (const r of reports) {
    if (r.type === 'inbound-rtp') {
      reading.packetsReceived += r.packetsReceived ?? 0;
      reading.packetsLost += Math.max(0, r.packetsLost ?? 0);
      if (r.kind === 'video') {
        reading.hasInboundVideo = true;
        reading.framesDecoded += r.framesDecoded ?? 0;
        reading.framesPerSecond = r.framesPerSecond ?? reading.framesPerSecond;
        reading.frameWidth = r.frameWidth ?? reading.frameWidth;
        reading.frameHeight = r.frameHeight ?? reading.frameHeight;
      }
    } else if (r.type === 'candidate-pair' && (r.id === selectedPairId || (!selectedPairId && (r.selected || (r.nominated && r.state === 'succeeded'))))) {
      reading.transportBytesReceived += r.bytesReceived ?? 0;
      if (r.currentRoundTripTime !== undefined) reading.rttMs = r.currentRoundTripTime * 1000;
      if (r.availableOutgoingBitrate !== undefined) reading.availableOutgoingKbps = r.availableOutgoingBitrate / 1000;
    } else if (r.type === 'remote-inbound-rtp' && r.kind === 'video' && r.fractionLost !== undefined) {
      reading.remoteFractionLost = Math.max(reading.remoteFractionLost ?? 0, r.fractionLost);
    }
  }
  return reading;
}
