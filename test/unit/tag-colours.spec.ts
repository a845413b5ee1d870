import { leastUsedColours } from '../../server/modules/tags/tag-colours';
import { TAG_PALETTE } from '../../server/modules/tags/tag-palette';

describe('automatic tag colours', () => {
  it('spreads new tags over the least-used palette colours, counting the ones just picked', () => {
    const palette = Object.values(TAG_PALETTE);
    const usage: { color: string; count: number }[] = palette.map((color) => ({
      color,
      count: color === TAG_PALETTE.purple ? 0 : 2,
    }));
    usage.push({ color: '#123456', count: 50 }); // off-palette colours are never picked
    const picked = leastUsedColours(usage, 3);
    expect(picked[0]).toBe(TAG_PALETTE.purple);
    expect(picked[1]).toBe(TAG_PALETTE.purple);
    // Purple now has two like the rest: palette order decides.
    expect(picked[2]).toBe(TAG_PALETTE.red);
    expect(new Set(leastUsedColours([], palette.length)).size).toBe(palette.length);
  });
});
