import type { Identifier } from 'react-admin';
import type { SegmentFilter } from '../../types';
import {
  choiceName,
  clientTypeChoices,
  connectionStatusChoices,
  portalStatusChoices,
} from '../clients/client-choices';

/** The clients list's filters a segment keeps; paging, sort and picked ids are not a rule. */
const SEGMENT_FILTER_KEYS = [
  'q',
  'tagIds',
  'tagMode',
  'excludeTagIds',
  'type',
  'portalStatus',
  'connectionStatus',
] as const satisfies readonly (keyof SegmentFilter)[];

const isBlank = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

/**
 * Only the keys the API takes (it refuses any other), without blank values, text trimmed;
 * `tagMode` only alongside tags.
 */
export const cleanSegmentFilter = (filter: object | null | undefined): SegmentFilter => {
  const source = (filter ?? {}) as Record<string, unknown>;
  const clean: Record<string, unknown> = {};
  for (const key of SEGMENT_FILTER_KEYS) {
    const value = source[key];
    if (isBlank(value)) continue;
    clean[key] = typeof value === 'string' ? value.trim() : value;
  }
  if (!clean.tagIds) delete clean.tagMode;
  return clean as SegmentFilter;
};

/** react-admin keeps one value or several, the API takes either: always a list here. */
export const asList = <T>(value: T | T[] | null | undefined | ''): T[] =>
  value === undefined || value === null || value === ''
    ? []
    : Array.isArray(value)
      ? value
      : [value];

/** "Tags: any of vip, 1040 · Without tags: lost · Type: Standard …", or "All clients". */
export const describeSegmentFilter = (
  filter: SegmentFilter,
  tagName: (id: Identifier) => string,
): string => {
  const tags = asList(filter.tagIds).map(tagName);
  const excluded = asList(filter.excludeTagIds).map(tagName);
  const parts = [
    tags.length &&
      `Tags: ${tags.length > 1 ? `${filter.tagMode === 'all' ? 'all' : 'any'} of ` : ''}${tags.join(', ')}`,
    excluded.length && `Without tags: ${excluded.join(', ')}`,
    asList(filter.type).length &&
      `Type: ${asList(filter.type)
        .map((id) => choiceName(clientTypeChoices, id))
        .join(' or ')}`,
    asList(filter.portalStatus).length &&
      `Portal: ${asList(filter.portalStatus)
        .map((id) => choiceName(portalStatusChoices, id))
        .join(' or ')}`,
    asList(filter.connectionStatus).length &&
      `Connection: ${asList(filter.connectionStatus)
        .map((id) => choiceName(connectionStatusChoices, id))
        .join(' or ')}`,
    filter.q && `Matching "${filter.q}"`,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'All clients';
};

/** The tags a filter names, to look their names up. */
export const filterTagIds = (filter: SegmentFilter): string[] => [
  ...new Set([...asList(filter.tagIds), ...asList(filter.excludeTagIds)]),
];

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** "2 clients · 3 reachable contacts". */
export const reachText = (clients: number, contacts: number) =>
  `${plural(clients, 'client')} · ${plural(contacts, 'reachable contact')}`;
