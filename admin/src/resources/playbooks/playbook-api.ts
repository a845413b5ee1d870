import type { Identifier } from 'react-admin';
import { postJson } from '../../providers/http-client';
import type { PlaybookRunDetailView, PlaybookView } from '../../types';

/** The API's actions on playbooks and runs; each answers with the record as it now is. */
const post = <T>(path: string) => postJson<T>(`/api/${path}`);

const id = (value: Identifier) => encodeURIComponent(value);

export const playbookApi = {
  enable: (playbookId: Identifier) => post<PlaybookView>(`playbooks/${id(playbookId)}/enable`),
  /** Also cancels the playbook's runs in progress. */
  disable: (playbookId: Identifier) => post<PlaybookView>(`playbooks/${id(playbookId)}/disable`),
  cancelRun: (runId: Identifier) =>
    post<PlaybookRunDetailView>(`playbook-runs/${id(runId)}/cancel`),
};
