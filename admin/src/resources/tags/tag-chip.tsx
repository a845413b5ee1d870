import { Chip, type ChipProps } from '@mui/material';
import type { TagSummary } from '../../types';
import { isHexColor } from './tag-palette';

interface TagChipProps extends Omit<ChipProps, 'label' | 'color'> {
  tag: Pick<TagSummary, 'name' | 'color'>;
}

/** A chip painted in the tag's colour, with black or white text, whichever reads better. */
export const TagChip = ({ tag, sx, ...rest }: TagChipProps) => (
  <Chip
    size="small"
    label={tag.name}
    sx={[
      (theme) => {
        // Guards half-typed colours in the form preview; the API only stores #rrggbb.
        if (!isHexColor(tag.color)) return {};
        const text = theme.palette.getContrastText(tag.color);
        return {
          bgcolor: tag.color,
          color: text,
          fontWeight: 500,
          '& .MuiChip-deleteIcon': { color: text, opacity: 0.75 },
          '& .MuiChip-deleteIcon:hover': { color: text, opacity: 1 },
        };
      },
      ...(Array.isArray(sx) ? sx : [sx]),
    ]}
    {...rest}
  />
);
