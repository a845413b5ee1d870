import ArrowDownIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpIcon from '@mui/icons-material/ArrowUpward';
import AddIcon from '@mui/icons-material/AddCircleOutlineOutlined';
import RemoveIcon from '@mui/icons-material/RemoveCircleOutlineOutlined';
import { Button, IconButton, Tooltip } from '@mui/material';
import type { ReactNode } from 'react';
import {
  ArrayInput,
  required,
  SelectInput,
  SimpleFormIterator,
  SimpleFormIteratorClasses,
  useSimpleFormIterator,
  useSimpleFormIteratorItem,
} from 'react-admin';
import { MAX_STEPS, stepTypeChoices } from './playbook-choices';
import { StepFields } from './step-fields';

const AddStepButton = () => {
  const { add, total } = useSimpleFormIterator();
  return (
    <Button
      size="small"
      startIcon={<AddIcon />}
      disabled={(total ?? 0) >= MAX_STEPS}
      onClick={() => add({ type: 'wait', days: null })}
    >
      Add step
    </Button>
  );
};

const StepButton = ({
  label,
  onClick,
  disabled,
  color = 'primary',
  children,
}: {
  label: string;
  onClick: () => void;
  disabled?: boolean;
  color?: 'primary' | 'warning';
  children: ReactNode;
}) => (
  <Tooltip title={label}>
    {/* A disabled button fires no events: the span keeps the tooltip working. */}
    <span>
      <IconButton
        aria-label={label}
        size="small"
        color={color}
        disabled={disabled}
        onClick={onClick}
      >
        {children}
      </IconButton>
    </span>
  </Tooltip>
);

/** Up and down, named after the step ("Move step 2 up"). */
const ReorderStepButtons = () => {
  const { index, total, reOrder } = useSimpleFormIteratorItem();
  return (
    <>
      <StepButton
        label={`Move step ${index + 1} up`}
        disabled={index <= 0}
        onClick={() => reOrder(index - 1)}
      >
        <ArrowUpIcon fontSize="small" />
      </StepButton>
      <StepButton
        label={`Move step ${index + 1} down`}
        disabled={total == null || index >= total - 1}
        onClick={() => reOrder(index + 1)}
      >
        <ArrowDownIcon fontSize="small" />
      </StepButton>
    </>
  );
};

const RemoveStepButton = () => {
  const { remove, index } = useSimpleFormIteratorItem();
  return (
    <StepButton label={`Remove step ${index + 1}`} color="warning" onClick={() => remove()}>
      <RemoveIcon fontSize="small" />
    </StepButton>
  );
};

const StepTypeInput = ({ source }: { source: 'type' }) => (
  <SelectInput
    source={source}
    label={`Step ${useSimpleFormIteratorItem().index + 1} type`}
    choices={stepTypeChoices}
    validate={required()}
    sx={{ width: 320, maxWidth: '100%' }}
  />
);

const stepCount = (steps: unknown) => {
  const count = Array.isArray(steps) ? steps.length : 0;
  if (count === 0) return 'Add at least one step';
  return count > MAX_STEPS ? `At most ${MAX_STEPS} steps` : undefined;
};

/** The steps in order, each a type and that type's fields; runs go through them one by one. */
export const StepsInput = () => (
  <ArrayInput
    source="steps"
    // The form's "Steps" heading names the list.
    label={false}
    helperText="In order. Editing the steps changes new runs only: a run keeps the steps it started with."
    validate={stepCount}
  >
    <SimpleFormIterator
      fullWidth
      disableClear
      getItemLabel={(index) => `Step ${index + 1}`}
      // react-admin shows these buttons on hover only: keep them there for keyboards and tests.
      sx={{
        [`& .${SimpleFormIteratorClasses.action}`]: { visibility: 'visible' },
        [`& .${SimpleFormIteratorClasses.line}`]: { py: 1 },
      }}
      addButton={<AddStepButton />}
      removeButton={<RemoveStepButton />}
      reOrderButtons={<ReorderStepButtons />}
    >
      <StepTypeInput source="type" />
      <StepFields />
    </SimpleFormIterator>
  </ArrayInput>
);
