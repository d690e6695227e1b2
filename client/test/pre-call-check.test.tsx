import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MIC_SILENT_MS, PreCallCheck, UNREACHABLE_MS } from '../src/features/join/PreCallCheck';
import { fakeStream, fakeTrack } from './call-fakes';

/** A Web Audio stand-in whose analyser returns whatever level the test sets. */
function installAudio() {
  const sound = { amplitude: 0 };
  class FakeAnalyser {
    fftSize = 512;
    getFloatTimeDomainData(into: Float32Array) {
      into.fill(sound.amplitude);
    }
  }
  class FakeAudioContext {
    state = 'running';
    resume = vi.fn(async () => undefined);
    close = vi.fn(async () => undefined);
    createMediaStreamSource() {
      return { connect: () => undefined, disconnect: () => undefined };
    }
    createAnalyser() {
      return new FakeAnalyser();
    }
  }
  vi.stubGlobal('AudioContext', FakeAudioContext);
  vi.stubGlobal(
    'MediaStream',
    class {
      constructor(readonly tracks: unknown[]) {}
    },
  );
  return sound;
}

describe('PreCallCheck (the waiting room’s check of the phone)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('shows the microphone level and says the nurse will hear once there is sound', () => {
    const sound = installAudio();
    const stream = fakeStream([fakeTrack('audio'), fakeTrack('video')]) as unknown as MediaStream;
    render(<PreCallCheck stream={stream} connected soundOnly={false} />);

    act(() => vi.advanceTimersByTime(200));
    expect(screen.getByLabelText('Microphone')).toHaveValue(0);
    expect(screen.getByTestId('mic-check')).toHaveTextContent('Say something to check the nurse can hear you.');

    sound.amplitude = 0.2;
    act(() => vi.advanceTimersByTime(200));
    expect(Number(screen.getByLabelText('Microphone').getAttribute('value'))).toBeGreaterThan(0.5);
    expect(screen.getByTestId('mic-check')).toHaveAttribute('data-ok', 'true');
    expect(screen.getByTestId('mic-check')).toHaveTextContent('The nurse will be able to hear you.');
    expect(screen.getByTestId('server-check')).toHaveTextContent('Connected to NHS 111.');
  });

  it('tells the parent how to fix a silent microphone', () => {
    installAudio();
    const stream = fakeStream([fakeTrack('audio')]) as unknown as MediaStream;
    render(<PreCallCheck stream={stream} connected soundOnly />);

    act(() => vi.advanceTimersByTime(200));
    expect(screen.getByTestId('mic-check')).toHaveTextContent('Say something to check the nurse can hear you.');
    act(() => vi.advanceTimersByTime(MIC_SILENT_MS));
    expect(screen.getByTestId('mic-check')).toHaveTextContent(/We cannot hear anything. Check the microphone is not covered/);
    expect(screen.getByText('No camera: the nurse will only hear you.')).toBeInTheDocument();
  });

  it('says it is connecting, then how to fix a phone that cannot reach the server; hides the meter where Web Audio is missing', () => {
    const stream = fakeStream([fakeTrack('audio')]) as unknown as MediaStream;
    const { rerender } = render(<PreCallCheck stream={stream} connected={false} soundOnly={false} />);
    expect(screen.queryByLabelText('Microphone')).not.toBeInTheDocument();
    expect(screen.getByTestId('server-check')).toHaveTextContent('Connecting to NHS 111…');

    act(() => vi.advanceTimersByTime(UNREACHABLE_MS + 100));
    expect(screen.getByTestId('server-check')).toHaveTextContent(/We cannot reach NHS 111. Move to where you have better signal/);

    rerender(<PreCallCheck stream={stream} connected soundOnly={false} />);
    expect(screen.getByTestId('server-check')).toHaveAttribute('data-ok', 'true');
  });
});
