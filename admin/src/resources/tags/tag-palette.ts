// The API validates palette names against this same table, so import it rather than copy it.
import { TAG_PALETTE } from '../../../../server/modules/tags/tag-palette';

/** Named tag colours: swatches in the tag form, and the colour of tags created on the fly. */
export const tagPalette = Object.entries(TAG_PALETTE).map(([key, hex]) => ({
  name: key.charAt(0).toUpperCase() + key.slice(1),
  hex,
}));

export const defaultTagColor = TAG_PALETTE.blue;

/** Same name, same colour: a stable pick, so a re-created tag looks like it did before. */
export const paletteColorFor = (name: string): string => {
  let hash = 0;
  for (const char of name.toLowerCase()) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return tagPalette[hash % tagPalette.length].hex;
};

export const isHexColor = (value: unknown): value is string =>
  typeof value === 'string' && /^#[0-9a-f]{6}$/i.test(value);
