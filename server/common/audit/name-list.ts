const SHOWN = 3;

/** Names for an audit summary: "A", "A and B", "A, B and C", "A, B, C and 7 more". */
export function nameList(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length <= SHOWN) return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${names.slice(0, SHOWN).join(', ')} and ${names.length - SHOWN} more`;
}
