import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';

/** Where the worker looks for the prebuilt bundle (dist/workflow-bundle.js). */
export const DEFAULT_BUNDLE_FILE = join(__dirname, '..', 'workflow-bundle.js');

/**
 * Bundles the workflow code once at build time, so the worker starts without running webpack
 * (and every worker runs byte-identical workflow code).
 */
export async function bundleWorkflows(outFile = DEFAULT_BUNDLE_FILE): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    logger: new DefaultLogger('WARN'), // webpack's INFO stats drown the build output
  });
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(outFile, code);
  return outFile;
}

if (require.main === module) {
  bundleWorkflows().then(
    (file) => console.log(`[bundle-workflows] wrote ${file}`),
    (error: unknown) => {
      console.error('[bundle-workflows] failed:', error);
      process.exit(1);
    },
  );
}
