const PUSH_CHARS = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
const WORDS = ['apple', 'crate', 'pallet', 'organic', 'fresh', 'frozen', 'bulk', 'premium', 'carton', 'sparkling', 'water', 'juice'];

/** Deterministic random helpers for benchmark data: the same seed gives the same data. */
export function benchRandom(initial: number): { rand: (n: number) => number; pushId: (t: number) => string; words: (n: number) => string } {
  let seed = initial;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const pushId = (t: number): string => {
    let id = '';
    for (let i = 0; i < 8; i++) id = PUSH_CHARS[Math.floor(t / 64 ** i) % 64]! + id;
    for (let i = 0; i < 12; i++) id += PUSH_CHARS[rand(64)]!;
    return id;
  };
  const words = (n: number): string => Array.from({ length: n }, () => WORDS[rand(WORDS.length)]!).join(' ');
  return { rand, pushId, words };
}
