/**
 * Custom search attributes registered on the Temporal dev server at start, so staff can find
 * every workflow of a client (or contact, or import) in the Web UI: `ClientId = "…"`.
 */
export const SEARCH_ATTRIBUTES = {
  ClientId: 'Keyword',
  ContactId: 'Keyword',
  ImportId: 'Keyword',
} as const;

export type SearchAttributeName = keyof typeof SEARCH_ATTRIBUTES;
