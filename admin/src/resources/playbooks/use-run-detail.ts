import { useGetOne } from 'react-admin';
import type { PlaybookRunDetailView, PlaybookRunView } from '../../types';

/**
 * A run's detail (its steps as it started, its workflow's Web UI link), fetched again whenever
 * its list row changes (a step done, a workflow started, the run ended). The row's state is in
 * the key, so a list refresh that changed nothing costs no request; the last answer shows meanwhile.
 */
export const useRunDetail = (run: PlaybookRunView | undefined) => {
  const version = run
    ? [run.status, run.currentStep?.index ?? '', run.workflowId ?? ''].join(':')
    : '';
  const { data } = useGetOne<PlaybookRunDetailView>(
    'playbook-runs',
    { id: run?.id ?? '', meta: { version } },
    { enabled: !!run, placeholderData: (previous) => previous },
  );
  // The list's rows seed the getOne cache without the detail's fields: wait for those.
  return data && 'steps' in data ? data : undefined;
};
