/**
 * The API words field errors "newPassword: must be …"; shown next to the field, the prefix is
 * noise. Drops it and starts the sentence with a capital.
 */
export function fieldMessage(message: string): string {
  const text = message.replace(/^[\w.]+:\s*/, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
