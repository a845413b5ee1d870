import {
  Box,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  Typography,
} from '@mui/material';
import { useId } from 'react';
import type { ImportMode } from '../../types';
import { importModes } from './import-choices';

interface ImportModeInputProps {
  value: ImportMode;
  onChange: (mode: ImportMode) => void;
  disabled?: boolean;
}

/** The three modes as radio buttons, each named by its title and described by its explanation. */
export const ImportModeInput = ({ value, onChange, disabled }: ImportModeInputProps) => {
  const id = useId();
  return (
    <FormControl disabled={disabled}>
      <FormLabel id={`${id}-label`}>Mode</FormLabel>
      <RadioGroup
        aria-labelledby={`${id}-label`}
        value={value}
        onChange={(_event, mode) => onChange(mode as ImportMode)}
      >
        {Object.entries(importModes).map(([mode, { name, description }]) => (
          <FormControlLabel
            key={mode}
            value={mode}
            sx={{ alignItems: 'flex-start', mt: 1 }}
            control={
              <Radio
                sx={{ mt: -0.75 }}
                slotProps={{
                  input: {
                    'aria-labelledby': `${id}-${mode}`,
                    'aria-describedby': `${id}-${mode}-description`,
                  },
                }}
              />
            }
            label={
              <Box>
                <Typography id={`${id}-${mode}`}>{name}</Typography>
                <Typography id={`${id}-${mode}-description`} variant="body2" color="text.secondary">
                  {description}
                </Typography>
              </Box>
            }
          />
        ))}
      </RadioGroup>
    </FormControl>
  );
};
