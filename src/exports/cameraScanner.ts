/**
 * Phone-camera barcode scanning with html5-qrcode, loaded on first use (it is large and most
 * billing is done with a hand scanner). Rear camera; EAN-13/8, UPC-A/E, Code 128 and Code 39.
 */

/** A running camera scanner. */
export type CameraScanner = { stop: () => Promise<void> };
/** The camera started, or why it could not (say so and fall back to manual entry). */
export type CameraStart = { ok: true; scanner: CameraScanner } | { ok: false; reason: string };

/**
 * The camera sees the same label in many frames while it is held in view: one sighting is one
 * scan. A code counts again only after it was out of view this long (other codes count at once).
 */
const SAME_CODE_GAP_MS = 1200;

function reasonOf(e: unknown): string {
  const name = typeof e === 'object' && e !== null && 'name' in e ? String(e.name) : '';
  const text = e instanceof Error ? e.message : String(e);
  if (name === 'NotAllowedError' || /permission|denied|not allowed/i.test(text)) return 'Camera access was refused. Allow the camera in the browser settings, or type the code below.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || /not ?found|no camera|requested device/i.test(text)) return 'No camera was found on this device. Type the code below, or use a hand scanner.';
  if (name === 'NotReadableError') return 'The camera is in use by another app. Close it, or type the code below.';
  return `The camera could not start (${text}). Type the code below, or use a hand scanner.`;
}

/** Starts the rear camera in the element `elementId`; `onCode` gets each new code read. */
export async function startCameraScanner(elementId: string, onCode: (code: string) => void): Promise<CameraStart> {
  if (typeof navigator === 'undefined' || navigator.mediaDevices?.getUserMedia === undefined) {
    return { ok: false, reason: 'This browser gives no camera access here (it needs a secure https page and a camera). Type the code below, or use a hand scanner.' };
  }
  let lastCode = '';
  let lastSeen = -Infinity;
  try {
    const { Html5Qrcode, Html5QrcodeSupportedFormats: F } = await import('html5-qrcode');
    const reader = new Html5Qrcode(elementId, {
      verbose: false,
      formatsToSupport: [F.EAN_13, F.EAN_8, F.UPC_A, F.UPC_E, F.CODE_128, F.CODE_39],
      useBarCodeDetectorIfSupported: true,
    });
    await reader.start(
      { facingMode: 'environment' },
      { fps: 10, qrbox: { width: 260, height: 110 } },
      (text) => {
        const now = performance.now();
        const isRepeat = text === lastCode && now - lastSeen < SAME_CODE_GAP_MS;
        lastCode = text;
        lastSeen = now;
        if (!isRepeat) onCode(text);
      },
      () => undefined, // "no code in this frame": not an error worth showing
    );
    return {
      ok: true,
      scanner: {
        stop: async () => {
          try {
            await reader.stop();
            reader.clear();
          } catch {
            // Already stopped (the modal closed twice); nothing to release.
          }
        },
      },
    };
  } catch (e) {
    return { ok: false, reason: reasonOf(e) };
  }
}
