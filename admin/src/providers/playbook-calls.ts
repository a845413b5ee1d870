import type { Identifier } from 'react-admin';
import type { PlaybookRunDetailView, PlaybookView } from '../types';
import { postJson } from './http-client';

/** The API's actions on playbooks and runs; each answers with the record as it now is. */
const post = <T>(path: string) => postJson<T>(`/api/${path}`);

const id = (value: Identifier) => encodeURIComponent(value);

/** The data provider's calls on playbooks and their runs beyond the REST contract. */
export const playbookCalls = {
  enablePlaybook: (playbookId: Identifier) =>
    post<PlaybookView>(`playbooks/${id(playbookId)}/enable`),
  /** Also cancels the playbook's runs in progress. */
  disablePlaybook: (playbookId: Identifier) =>
    post<PlaybookView>(`playbooks/${id(playbookId)}/disable`),
  cancelPlaybookRun: (runId: Identifier) =>
    post<PlaybookRunDetailView>(`playbook-runs/${id(runId)}/cancel`),
};
