/**
 * Hands a generated file to the person: the system share sheet where the browser can share
 * files (phones), else an ordinary download through a temporary link.
 */

/** How the file left: shared, downloaded, or the share sheet was dismissed. */
export type ShareOutcome = 'shared' | 'downloaded' | 'cancelled';

/** True when this browser can share a file like `file` through the Web Share API. */
export function canShareFile(file: File): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.share === 'function' && typeof navigator.canShare === 'function' && navigator.canShare({ files: [file] });
}

/** Starts a download of `blob` named `fileName`. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers; give it time to start.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/**
 * Shares `blob` as a file when the browser can share files (and `preferShare` is not false),
 * else downloads it. A dismissed share sheet is 'cancelled', not an error.
 */
export async function shareOrDownload(blob: Blob, fileName: string, preferShare = true): Promise<ShareOutcome> {
  const file = new File([blob], fileName, { type: blob.type });
  if (preferShare && canShareFile(file)) {
    try {
      await navigator.share({ files: [file], title: fileName });
      return 'shared';
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return 'cancelled';
      // NotAllowedError (no user activation left) and others: fall back to a download.
    }
  }
  downloadBlob(blob, fileName);
  return 'downloaded';
}
