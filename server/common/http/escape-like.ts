/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
