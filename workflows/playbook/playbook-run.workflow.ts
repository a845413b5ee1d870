import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import {
  DAY_MS,
  playbookCancelSignal,
  playbookRunStatusQuery,
  type PlaybookRunActivities,
  type PlaybookRunInput,
  type PlaybookRunOutcome,
  type PlaybookRunPlan,
  type PlaybookRunStatus,
} from './playbook-run.contract';

const acts = proxyActivities<PlaybookRunActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * One playbook for one client: its steps in order, each an activity that re-checks the database
 * first (run not cancelled, playbook still enabled), waits as timers. A `cancel` signal ends it
 * at once, in a wait or after the step under way.
 */
export async function playbookRunWorkflow(input: PlaybookRunInput): Promise<PlaybookRunOutcome> {
  let cancelled = false;
  let plan: PlaybookRunPlan | null = null;
  let state: PlaybookRunStatus['state'] = 'starting';
  let current: number | null = null;
  let wakeAt: number | null = null;

  setHandler(playbookCancelSignal, () => {
    cancelled = true;
  });
  setHandler(playbookRunStatusQuery, (): PlaybookRunStatus => ({
    state,
    stepIndex: current,
    stepType: current === null || !plan ? null : plan.steps[current].type,
    stepCount: plan?.steps.length ?? 0,
    nextWakeAt: iso(wakeAt),
  }));

  plan = await acts.loadPlaybookRun(input.runId);
  let outcome: PlaybookRunOutcome = plan ? 'completed' : 'stopped';
  for (let i = plan?.fromStep ?? 0; plan && i < plan.steps.length; i++) {
    if (cancelled) {
      outcome = 'cancelled';
      break;
    }
    current = i;
    const step = plan.steps[i];
    let result;
    if (step.type === 'wait') {
      const resumed = i === plan.fromStep && plan.wakeAt ? Date.parse(plan.wakeAt) : null;
      const until = resumed ?? Date.now() + step.days * DAY_MS;
      wakeAt = until;
      state = 'waiting';
      result = await acts.beginPlaybookWait(input.runId, i, new Date(until).toISOString());
      // True when cancelled before the timer fired.
      if (
        result === 'continue' &&
        (await condition(() => cancelled, Math.max(1, until - Date.now())))
      ) {
        outcome = 'cancelled';
        break;
      }
      wakeAt = null;
    } else {
      state = 'running_step';
      result = await acts.runPlaybookStep(input.runId, i);
    }
    if (result !== 'continue') {
      outcome = result;
      break;
    }
  }

  state = outcome;
  current = null;
  wakeAt = null;
  await acts.finishPlaybookRun(input.runId, outcome);
  return outcome;
}
