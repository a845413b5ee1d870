import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import SendIcon from '@mui/icons-material/Send';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  CardContent,
  Stack,
  Step,
  StepLabel,
  Stepper,
} from '@mui/material';
import { useState } from 'react';
import { Create, Form, SaveButton, useRecordFromLocation, useSaveContext } from 'react-admin';
import { useFormContext, useWatch } from 'react-hook-form';
import { ClientStep } from './client-step';
import { DetailsStep } from './details-step';
import { type FileRequestFormValues, toCreateBody } from './file-request-body';

const stepLabels = ['Client', 'Recipients and details'];

interface StepsProps {
  step: number;
  setStep: (step: number) => void;
  error?: string;
}

const Steps = ({ step, setStep, error }: StepsProps) => {
  const { trigger } = useFormContext<FileRequestFormValues>();
  const clientId = useWatch<FileRequestFormValues, 'clientId'>({ name: 'clientId' });
  const next = async () => {
    if (await trigger('clientId')) setStep(1);
  };

  return (
    <CardContent>
      <Stepper activeStep={step} sx={{ mb: 3, maxWidth: 560 }}>
        {stepLabels.map((label) => (
          <Step key={label}>
            <StepLabel>{label}</StepLabel>
          </Step>
        ))}
      </Stepper>
      {step === 0 || !clientId ? (
        <Stack spacing={2}>
          <ClientStep />
          <Box>
            <Button variant="contained" endIcon={<ArrowForwardIcon />} onClick={next}>
              Next
            </Button>
          </Box>
        </Stack>
      ) : (
        <Stack spacing={2}>
          <DetailsStep clientId={clientId} />
          {error && (
            <Alert severity="error">
              <AlertTitle>The request could not be sent</AlertTitle>
              {error}
            </Alert>
          )}
          <Stack direction="row" spacing={1}>
            <Button startIcon={<ArrowBackIcon />} onClick={() => setStep(0)}>
              Back
            </Button>
            <SaveButton label="Send request" icon={<SendIcon />} alwaysEnable />
          </Stack>
        </Stack>
      )}
    </CardContent>
  );
};

interface FileRequestFormProps {
  error?: string;
  onSubmit: () => void;
}

const FileRequestForm = ({ error, onSubmit }: FileRequestFormProps) => {
  const preset = useRecordFromLocation() as FileRequestFormValues | null;
  // Opened from a client's page ("Request files"): the client is chosen already.
  const [step, setStep] = useState(preset?.clientId ? 1 : 0);
  const { save } = useSaveContext();

  const submit = (values: FileRequestFormValues) => {
    // Enter in the client field: the client is valid (the form checked it), so move on.
    if (step === 0) return setStep(1);
    onSubmit();
    return save?.(toCreateBody(values));
  };

  return (
    <Form<FileRequestFormValues> onSubmit={submit}>
      <Steps step={step} setStep={setStep} error={error} />
    </Form>
  );
};

/** Two steps: the client, then recipients among its contacts, the subject, items and files. */
export const FileRequestCreate = () => {
  // The API's refusal, which names the field ("recipientIds: … has no access to this client").
  const [error, setError] = useState<string>();
  return (
    <Create
      title="New file request"
      redirect="show"
      mutationOptions={{
        onError: (failure: unknown) =>
          setError(failure instanceof Error ? failure.message : 'The request could not be sent'),
      }}
    >
      <FileRequestForm error={error} onSubmit={() => setError(undefined)} />
    </Create>
  );
};
