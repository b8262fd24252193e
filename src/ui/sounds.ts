/**
 * Short feedback tones made with Web Audio (no audio files to download or cache). Each scan
 * outcome has its own sound, so a person packing goods can tell them apart without looking.
 */
export type Tone = 'success' | 'unknown' | 'wrongItem' | 'overQuantity' | 'chime';

type Note = { hz: number; ms: number; wave: OscillatorType };

// success: one short high beep; unknown: a low buzz; wrong item: two falling notes;
// over quantity: three quick mid beeps.
const TONES: Record<Tone, Note[]> = {
  success: [{ hz: 1320, ms: 90, wave: 'sine' }],
  unknown: [{ hz: 180, ms: 320, wave: 'sawtooth' }],
  wrongItem: [
    { hz: 660, ms: 120, wave: 'square' },
    { hz: 440, ms: 180, wave: 'square' },
  ],
  overQuantity: [
    { hz: 880, ms: 70, wave: 'triangle' },
    { hz: 880, ms: 70, wave: 'triangle' },
    { hz: 880, ms: 70, wave: 'triangle' },
  ],
  // An order placed: the original's two-tone chime, D5 then A5.
  chime: [
    { hz: 587.33, ms: 180, wave: 'sine' },
    { hz: 880, ms: 320, wave: 'sine' },
  ],
};

/**
 * Browser tests cannot hear: when a test has put an array at `window.__domsSounds` (before the
 * app loads), each tone played is also recorded there by name. Absent otherwise: nothing is kept.
 */
function record(tone: Tone): void {
  const log = (globalThis as { __domsSounds?: unknown }).__domsSounds;
  if (Array.isArray(log)) log.push(tone);
}

let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (typeof AudioContext === 'undefined') return null;
  context ??= new AudioContext();
  // Browsers start the context suspended until a user gesture; a scan follows one (opening the panel).
  if (context.state === 'suspended') void context.resume().catch(() => undefined);
  return context;
}

/** Plays the tone of a scan outcome; silent where Web Audio is missing or blocked. */
export function playTone(tone: Tone): void {
  record(tone);
  try {
    const ctx = audio();
    if (ctx === null) return;
    let t = ctx.currentTime;
    for (const note of TONES[tone]) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = note.wave;
      osc.frequency.value = note.hz;
      // A short fade in and out avoids clicks.
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.2, t + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + note.ms / 1000);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t);
      osc.stop(t + note.ms / 1000 + 0.02);
      t += note.ms / 1000 + 0.04;
    }
  } catch {
    // Sound is a courtesy: the message on screen says the same thing.
  }
}

/** Creates the audio context during a user gesture (e.g. opening the scan panel), so later tones play. */
export function primeSounds(): void {
  audio();
}
