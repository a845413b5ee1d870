import { type Identifier, useGetManyAggregate } from 'react-admin';
import type { PlaybookRunView, PlaybookStep, PlaybookTrigger } from '../../types';
import { MONTH_NAMES, plural, stepTypeNames } from './playbook-choices';

/** A tag's or template's name; the lookups of one render are sent as one request per resource. */
const useName = (
  resource: 'tags' | 'request-templates',
  id: Identifier | null | undefined,
): string => {
  const { data, error } = useGetManyAggregate<{ id: Identifier; name: string }>(
    resource,
    { ids: id ? [id] : [] },
    { enabled: !!id },
  );
  const found = data?.find((record) => String(record.id) === String(id));
  if (found) return found.name;
  return error ? '(unknown)' : '…';
};

const stepReference = (step: PlaybookStep) => {
  if (step.type === 'add_tag' || step.type === 'remove_tag') return ['tags', step.tagId] as const;
  if (step.type === 'file_request') return ['request-templates', step.templateId] as const;
  return ['tags', null] as const;
};

/** "Wait 7 days", `Send email "Your 2025 return"`, "Add tag vip"… */
export const stepText = (step: PlaybookStep, referenceName: string): string => {
  switch (step.type) {
    case 'wait':
      return `Wait ${plural(step.days, 'day')}`;
    case 'send_email':
      return `Send email "${step.subject}"`;
    case 'file_request':
      return `Request files with template "${referenceName}"${
        step.dueInDays ? `, due in ${plural(step.dueInDays, 'day')}` : ''
      }`;
    case 'add_tag':
      return `Add tag ${referenceName}`;
    case 'remove_tag':
      return `Remove tag ${referenceName}`;
    case 'notify_owner':
      return "Notify the client's owner";
    default:
      return stepTypeNames[(step as PlaybookStep).type] ?? 'Unknown step';
  }
};

export const StepText = ({ step }: { step: PlaybookStep }) => {
  const [resource, id] = stepReference(step);
  const name = useName(resource, id);
  return <>{stepText(step, name)}</>;
};

/** "When tag 1040 is added", "Every year on January 15 for clients tagged vip"… */
export const TriggerText = ({ trigger }: { trigger: PlaybookTrigger }) => {
  const tagName = useName('tags', trigger.type === 'invitation_accepted' ? null : trigger.tagId);
  switch (trigger.type) {
    case 'tag_added':
      return <>{`When tag ${tagName} is added`}</>;
    case 'invitation_accepted':
      return <>When a contact accepts the portal invitation</>;
    case 'yearly':
      return (
        <>
          {`Every year on ${MONTH_NAMES[trigger.month - 1]} ${trigger.day}`}
          {trigger.tagId ? ` for clients tagged ${tagName}` : ' for every client'}
        </>
      );
    default:
      return null;
  }
};

/**
 * "2 of 4: Wait 7 days": the step under way, described from the steps the run started with
 * (`steps`, from the run's detail) or, until those are known, by its type.
 */
export const CurrentStepText = ({
  run,
  steps,
}: {
  run: PlaybookRunView;
  steps?: PlaybookStep[];
}) => {
  if (run.status === 'completed') return <>{`All ${plural(run.stepCount, 'step')} done`}</>;
  if (!run.currentStep) return <>{run.status === 'running' ? 'Starting' : '—'}</>;
  const { index, type } = run.currentStep;
  const step = steps?.[index];
  return (
    <>
      {run.status === 'running' ? '' : 'Stopped at '}
      {`${index + 1} of ${run.stepCount}: `}
      {step ? <StepText step={step} /> : stepTypeNames[type]}
    </>
  );
};
