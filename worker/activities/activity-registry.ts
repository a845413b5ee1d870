/**
 * Temporal calls activities as plain functions: bind each public method of an activity class
 * instance so `this` keeps pointing at the Nest-injected services.
 */
export function bindActivities(
  ...instances: object[]
): Record<string, (...args: unknown[]) => unknown> {
  const activities: Record<string, (...args: unknown[]) => unknown> = {};
  for (const instance of instances) {
    const proto = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const fn = proto[name];
      if (name === 'constructor' || typeof fn !== 'function') continue;
      if (name in activities) throw new Error(`Activity ${name} is defined twice`);
      activities[name] = (fn as (...args: unknown[]) => unknown).bind(instance);
    }
  }
  return activities;
}
