/**
 * Push ids as the Firebase SDK makes them (8 characters of time, then 12 random ones that
 * count up within one millisecond), but with the randomness taken from a seeded source and the
 * time from the simulated clock, so the ids are realistic, time-ordered and reproducible.
 */
import type { Random } from './random.ts';

const PUSH_CHARS = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';

/** A source of push ids for a simulated clock that never runs backwards. */
export class PushIds {
  private lastTime = -1;
  private readonly tail: number[] = new Array<number>(12).fill(0);

  constructor(private readonly random: Random) {}

  /** The next push id at epoch-ms `now`. */
  next(now: number): string {
    if (now < this.lastTime) throw new RangeError(`push id time ${now} is before the previous ${this.lastTime}`);
    if (now !== this.lastTime) {
      for (let i = 0; i < 12; i++) this.tail[i] = this.random.int(0, 63);
    } else {
      let i = 11;
      for (; i >= 0 && this.tail[i] === 63; i--) this.tail[i] = 0;
      if (i < 0) throw new RangeError('push id space of one millisecond exhausted');
      this.tail[i] = (this.tail[i] ?? 0) + 1;
    }
    this.lastTime = now;
    let t = now;
    const head: string[] = [];
    for (let i = 7; i >= 0; i--) {
      head[i] = PUSH_CHARS.charAt(t % 64);
      t = Math.floor(t / 64);
    }
    return head.join('') + this.tail.map((n) => PUSH_CHARS.charAt(n)).join('');
  }
}
