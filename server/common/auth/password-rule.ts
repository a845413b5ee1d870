/** The one rule for every new password, staff or contact; the console and portal show it too. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;
export const PASSWORD_RULE = `At least ${MIN_PASSWORD_LENGTH} characters; common passwords are refused`;
