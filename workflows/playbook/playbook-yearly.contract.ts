/** The Temporal Schedule of a yearly playbook (the task queue keeps deployments apart). */
export const playbookScheduleId = (taskQueue: string, playbookId: string) =>
  `playbook-yearly-${taskQueue}-${playbookId}`;

export interface PlaybookYearlyActivities {
  /** Records a run for every client concerned (once per year) and starts their workflows. */
  startYearlyPlaybookRuns(playbookId: string, year: string): Promise<{ runs: number }>;
}
