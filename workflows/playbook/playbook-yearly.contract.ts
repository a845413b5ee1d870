/** The Temporal Schedule of a yearly playbook (the task queue keeps deployments apart). */
export const playbookScheduleId = (taskQueue: string, playbookId: string) =>
  `playbook-yearly-${taskQueue}-${playbookId}`;

/** The id its schedule starts each year's workflow with; Temporal appends the scheduled time. */
export const playbookYearlyWorkflowId = (playbookId: string) => `playbook-yearly-${playbookId}`;

export interface PlaybookYearlyActivities {
  /** Records a run for every client concerned (once per year) and starts their workflows. */
  startYearlyPlaybookRuns(playbookId: string, year: string): Promise<{ runs: number }>;
}
