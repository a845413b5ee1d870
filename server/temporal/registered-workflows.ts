import type { ScheduleOptionsStartWorkflowAction, WorkflowStartOptions } from '@temporalio/client';
import type * as workflows from '../../workflows';

/**
 * The workflows the worker registers, by type name (a type import only: the API never loads
 * workflow code). Starting one by a name from here checks its arguments against the function.
 */
export type RegisteredWorkflows = typeof workflows;
export type WorkflowType = keyof RegisteredWorkflows;

/** Start options whose `args` are those of the workflow named `T`. */
export type StartOptionsOf<T extends WorkflowType> = WorkflowStartOptions<RegisteredWorkflows[T]>;

/** A schedule's action that starts the workflow named `T`, with its arguments checked. */
export type ScheduledStartOf<T extends WorkflowType> = ScheduleOptionsStartWorkflowAction<
  RegisteredWorkflows[T]
> & { workflowType: T };
