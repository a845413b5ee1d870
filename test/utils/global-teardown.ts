export default async function globalTeardown(): Promise<void> {
  const services = globalThis.__CLIENT_HUB_SERVICES__;
  if (!services) return;
  await services.s3.stop();
  await services.temporal.stop();
  await services.postgres.stop();
}
