/**
 * Windows-1252 is Latin-1 except for 0x80-0x9F (euro sign, curly quotes, dashes...). Node 20's
 * TextDecoder('windows-1252') decodes those as Latin-1 control characters, so text read as
 * Latin-1 is corrected here.
 */
const HIGH_HALF =
  '\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\x8d\u017d\x8f' +
  '\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\x9d\u017e\u0178';
const C1 = /[\x80-\x9f]/g;

export function latin1ToWindows1252(text: string): string {
  return text.replace(C1, (c) => HIGH_HALF[c.charCodeAt(0) - 0x80]);
}
