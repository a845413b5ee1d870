import { TAG_PALETTE } from './tag-palette';

/**
 * Colours for `n` new tags: each the palette colour fewest tags wear so far (palette order
 * breaks ties), counting the ones picked before it, so automatic colours spread out.
 */
export function leastUsedColours(usage: { color: string; count: number }[], n: number): string[] {
  const counts = new Map<string, number>(Object.values(TAG_PALETTE).map((c) => [c, 0]));
  for (const { color, count } of usage) {
    if (counts.has(color)) counts.set(color, Number(count));
  }
  return Array.from({ length: n }, () => {
    const [colour, used] = [...counts].reduce((a, b) => (b[1] < a[1] ? b : a));
    counts.set(colour, used + 1);
    return colour;
  });
}
