// The API validates palette names against this same table, so import it rather than copy it.
import { TAG_PALETTE } from '@server/modules/tags/tag-palette';

/** Named tag colours: swatches in the tag form. */
export const tagPalette = Object.entries(TAG_PALETTE).map(([key, hex]) => ({
  name: key.charAt(0).toUpperCase() + key.slice(1),
  hex,
}));

export const defaultTagColor = TAG_PALETTE.blue;

export const isHexColor = (value: unknown): value is string =>
  typeof value === 'string' && /^#[0-9a-f]{6}$/i.test(value);
