const PUSH_CHARS = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
let lastTime = 0;
const lastRandom: number[] = [];

/** A Firebase push id: 8 characters of time, then 12 random ones that increase within one millisecond. */
export function pushId(now: number): string {
  const sameMs = now === lastTime;
  lastTime = now;
  let t = now;
  const timeChars: string[] = [];
  for (let i = 7; i >= 0; i--) {
    timeChars[i] = PUSH_CHARS.charAt(t % 64);
    t = Math.floor(t / 64);
  }
  if (!sameMs) {
    for (let i = 0; i < 12; i++) lastRandom[i] = Math.floor(Math.random() * 64);
  } else {
    let i = 11;
    for (; i >= 0 && lastRandom[i] === 63; i--) lastRandom[i] = 0;
    if (i >= 0) lastRandom[i] = (lastRandom[i] ?? 0) + 1;
  }
  return timeChars.join('') + lastRandom.map((n) => PUSH_CHARS.charAt(n)).join('');
}
