import { z } from 'zod';

/** Short messages that read well after a field name: `password: is required`. */
z.config({
  customError: (issue) => {
    if (issue.code === 'invalid_type') {
      return issue.input === undefined ? 'is required' : `must be ${article(issue.expected)}`;
    }
    if (issue.code === 'invalid_value')
      return `must be one of ${issue.values.map(String).join(', ')}`;
    return undefined;
  },
});

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);
