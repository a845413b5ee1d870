import type { WorkflowHandle } from '@temporalio/client';
import {
  playbookCancelSignal,
  playbookRunStatusQuery,
  type PlaybookPlanStep,
  type PlaybookRunActivities,
  type PlaybookRunPlan,
  type PlaybookStepResult,
} from '../../workflows/playbook/playbook-run.contract';
import { DAY, useTimeSkipping } from '../utils/time-skipping';

/**
 * A three-step playbook with waits of days (wait 3 days, email, wait 7 days, file request) in
 * Temporal's time-skipping test server. Activities record what the workflow asked for and on
 * which (skipped) day; `stepResults` makes the database stop or fail a step.
 */
describe('playbookRunWorkflow (time-skipping)', () => {
  const STEPS: PlaybookPlanStep[] = [
    { type: 'wait', days: 3 },
    { type: 'send_email' },
    { type: 'wait', days: 7 },
    { type: 'file_request' },
  ];
  let calls: string[];
  let plan: PlaybookRunPlan | null;
  let stepResults: Map<number, PlaybookStepResult>;

  const day = () => skipping.activityDay();
  const activities: PlaybookRunActivities = {
    async loadPlaybookRun() {
      calls.push(`load day ${day()}`);
      return plan;
    },
    async beginPlaybookWait(_runId, step, wakeAt) {
      calls.push(`wait ${step} until day ${skipping.dayOf(wakeAt)} (day ${day()})`);
      return stepResults.get(step) ?? 'continue';
    },
    async runPlaybookStep(_runId, step) {
      calls.push(`${STEPS[step].type} day ${day()}`);
      return stepResults.get(step) ?? 'continue';
    },
    async finishPlaybookRun(_runId, outcome) {
      calls.push(`finish ${outcome} day ${day()}`);
    },
  };

  beforeEach(() => {
    calls = [];
    plan = { steps: STEPS, fromStep: 0, wakeAt: null };
    stepResults = new Map();
  });

  const skipping = useTimeSkipping(activities);
  const run = <T>(work: (handle: WorkflowHandle) => Promise<T>) =>
    skipping.run('playbookRunWorkflow', () => ({ runId: 'run-1' }), work);

  it('waits 3 days, emails, waits 7 days, requests files; the status tells the step and the next wake', async () => {
    const outcome = await run(async (h) => {
      await skipping.env.sleep(1 * DAY);
      const first = await h.query(playbookRunStatusQuery);
      expect(first).toMatchObject({
        state: 'waiting',
        stepIndex: 0,
        stepType: 'wait',
        stepCount: 4,
      });
      expect(skipping.dayOf(first.nextWakeAt)).toBe(3);
      await skipping.env.sleep(4 * DAY); // day 5
      const second = await h.query(playbookRunStatusQuery);
      expect(second).toMatchObject({ state: 'waiting', stepIndex: 2, stepType: 'wait' });
      expect(skipping.dayOf(second.nextWakeAt)).toBe(10);
      return h.result();
    });
    expect(outcome).toBe('completed');
    expect(calls).toEqual([
      'load day 0',
      'wait 0 until day 3 (day 0)',
      'send_email day 3',
      'wait 2 until day 10 (day 3)',
      'file_request day 10',
      'finish completed day 10',
    ]);
  });

  it('a cancel signal in the 7-day wait ends the run at once: no file request', async () => {
    const outcome = await run(async (h) => {
      await skipping.env.sleep(5 * DAY);
      await skipping.signal(h, playbookCancelSignal);
      const result = await h.result();
      expect(await h.query(playbookRunStatusQuery)).toMatchObject({
        state: 'cancelled',
        stepIndex: null,
        nextWakeAt: null,
      });
      return result;
    });
    expect(outcome).toBe('cancelled');
    expect(calls).toEqual([
      'load day 0',
      'wait 0 until day 3 (day 0)',
      'send_email day 3',
      'wait 2 until day 10 (day 3)',
      'finish cancelled day 5',
    ]);
  });

  it('stops when the database says so (playbook disabled, run cancelled), without a signal', async () => {
    stepResults.set(2, 'stopped');
    const outcome = await run((h) => h.result());
    expect(outcome).toBe('stopped');
    expect(calls).toEqual([
      'load day 0',
      'wait 0 until day 3 (day 0)',
      'send_email day 3',
      'wait 2 until day 10 (day 3)',
      'finish stopped day 3',
    ]);
  });

  it('a step that cannot be done fails the run; the steps after it do not run', async () => {
    stepResults.set(1, 'failed');
    expect(await run((h) => h.result())).toBe('failed');
    expect(calls.slice(-2)).toEqual(['send_email day 3', 'finish failed day 3']);
  });

  it('a restarted run carries on at its step: a wait ends at its recorded wake time', async () => {
    const outcome = await skipping.run(
      'playbookRunWorkflow',
      (at) => {
        plan = { steps: STEPS, fromStep: 2, wakeAt: new Date(at + 4 * DAY).toISOString() };
        return { runId: 'run-1' };
      },
      (h) => h.result(),
    );
    expect(outcome).toBe('completed');
    expect(calls).toEqual([
      'load day 0',
      'wait 2 until day 4 (day 0)',
      'file_request day 4',
      'finish completed day 4',
    ]);
  });

  it('a run no longer running in the database ends at once', async () => {
    plan = null;
    expect(await run((h) => h.result())).toBe('stopped');
    expect(calls).toEqual(['load day 0', 'finish stopped day 0']);
  });
});
