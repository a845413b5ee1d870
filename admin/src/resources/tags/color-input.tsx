import CheckIcon from '@mui/icons-material/Check';
import {
  Box,
  FormControl,
  FormHelperText,
  FormLabel,
  InputAdornment,
  Radio,
  RadioGroup,
  TextField,
  Tooltip,
} from '@mui/material';
import { InputHelperText, type InputProps, useInput } from 'react-admin';
import { isHexColor, tagPalette } from './tag-palette';

const hexColor = (value: unknown) =>
  value && !isHexColor(value) ? 'Use a hex color such as #2563eb' : undefined;

const Swatch = ({ hex, checked }: { hex: string; checked?: boolean }) => (
  <Box
    sx={(theme) => ({
      width: 28,
      height: 28,
      borderRadius: '50%',
      bgcolor: hex,
      color: theme.palette.getContrastText(hex),
      display: 'grid',
      placeItems: 'center',
      boxShadow: checked ? `0 0 0 2px ${theme.palette.background.paper}, 0 0 0 4px ${hex}` : 'none',
    })}
  >
    {checked && <CheckIcon fontSize="small" />}
  </Box>
);

/** Palette swatches as radio buttons, plus a free hex field (with the native picker) for anything else. */
export const ColorInput = ({ source, label = 'Color', validate, helperText }: InputProps) => {
  const { field, fieldState, isRequired } = useInput({
    source,
    validate: [hexColor, ...(Array.isArray(validate) ? validate : validate ? [validate] : [])],
  });
  const value = typeof field.value === 'string' ? field.value : '';
  const invalid = fieldState.invalid;

  return (
    <FormControl error={invalid} required={isRequired} sx={{ mb: 2 }}>
      <FormLabel id={`${source}-label`}>{label}</FormLabel>
      <RadioGroup
        row
        aria-labelledby={`${source}-label`}
        value={value.toLowerCase()}
        onChange={(event) => field.onChange(event.target.value)}
        sx={{ my: 1, gap: 0.5 }}
      >
        {tagPalette.map(({ name, hex }) => (
          <Tooltip key={hex} title={name}>
            <Radio
              value={hex}
              icon={<Swatch hex={hex} />}
              checkedIcon={<Swatch hex={hex} checked />}
              slotProps={{ input: { 'aria-label': name } }}
              sx={{ p: 0.5 }}
            />
          </Tooltip>
        ))}
      </RadioGroup>
      <TextField
        label="Custom color"
        size="small"
        value={value}
        onChange={(event) => field.onChange(event.target.value.trim())}
        onBlur={field.onBlur}
        error={invalid}
        sx={{ width: 190 }}
        slotProps={{
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <Box
                  component="input"
                  type="color"
                  aria-label="Color picker"
                  value={isHexColor(value) ? value.toLowerCase() : '#000000'}
                  onChange={(event) => field.onChange(event.target.value)}
                  sx={{
                    width: 28,
                    height: 28,
                    p: 0,
                    border: 0,
                    bgcolor: 'transparent',
                    cursor: 'pointer',
                  }}
                />
              </InputAdornment>
            ),
          },
        }}
      />
      <FormHelperText>
        <InputHelperText error={fieldState.error?.message} helperText={helperText} />
      </FormHelperText>
    </FormControl>
  );
};
