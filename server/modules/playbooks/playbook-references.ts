import type { FieldProblem } from '../../common/validation/parse-input';
import type { SqlRunner } from '../../database/sql-runner';
import { PlaybooksErrors } from './playbooks.errors';
import { shareLockExisting } from './playbooks.repository';
import type { PlaybookStep, PlaybookTrigger } from './playbooks.schemas';

/**
 * Every tag and request template the playbook names must exist: a 400 names each field that
 * does not (`steps.2.templateId: no such template`). The rows are held `for share` until the
 * playbook is saved, so they cannot be deleted in between.
 */
export async function assertReferences(
  sql: SqlRunner,
  trigger: PlaybookTrigger,
  steps: PlaybookStep[],
): Promise<void> {
  const tagRefs: [string, string][] = [];
  const templateRefs: [string, string][] = [];
  if (trigger.type !== 'invitation_accepted' && trigger.tagId) {
    tagRefs.push(['trigger.tagId', trigger.tagId]);
  }
  steps.forEach((step, i) => {
    if (step.type === 'add_tag' || step.type === 'remove_tag') {
      tagRefs.push([`steps.${i}.tagId`, step.tagId]);
    }
    if (step.type === 'file_request') templateRefs.push([`steps.${i}.templateId`, step.templateId]);
  });
  const [tags, templates] = [
    await existing(sql, 'tag', tagRefs),
    await existing(sql, 'request_template', templateRefs),
  ];
  const problems: FieldProblem[] = [
    ...tagRefs
      .filter(([, id]) => !tags.has(id))
      .map(([field]) => ({ field, message: 'no such tag' })),
    ...templateRefs
      .filter(([, id]) => !templates.has(id))
      .map(([field]) => ({ field, message: 'no such request template' })),
  ].sort((a, b) => a.field.localeCompare(b.field, 'en', { numeric: true }));
  if (problems.length) {
    throw PlaybooksErrors.PLAYBOOK_UNKNOWN_REFERENCES(
      problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      problems,
    );
  }
}

async function existing(
  sql: SqlRunner,
  table: 'tag' | 'request_template',
  refs: [string, string][],
): Promise<Set<string>> {
  if (!refs.length) return new Set();
  return shareLockExisting(sql, table, [...new Set(refs.map(([, id]) => id))]);
}
