import {
  defaultGrpcRetryOptions,
  makeGrpcRetryInterceptor,
  type ConnectionOptions,
} from '@temporalio/client';

type GrpcInterceptor = NonNullable<ConnectionOptions['interceptors']>[number];

/**
 * The SDK's retries on transient gRPC errors, bounded by a deadline: a call that has none of
 * its own (Connection.withDeadline) gets `ms` from its start, and no retry waits past it. A
 * frozen or unreachable Temporal then fails the call with DEADLINE_EXCEEDED instead of
 * holding it. Long polls still work: the server answers them empty before the deadline.
 */
export function rpcDeadlineInterceptors(ms: number): GrpcInterceptor[] {
  const retry = defaultGrpcRetryOptions();
  return [
    (options, nextCall) => {
      const deadline = options.deadline ?? Date.now() + ms;
      const left = () => Number(deadline) - Date.now();
      const bounded = makeGrpcRetryInterceptor({
        retryableDecider: (attempt, status) =>
          left() > 0 && retry.retryableDecider(attempt, status),
        delayFunction: (attempt, status) =>
          Math.max(0, Math.min(retry.delayFunction(attempt, status), left())),
      });
      return bounded({ ...options, deadline }, nextCall);
    },
  ];
}
