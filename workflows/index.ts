export { healthProbeWorkflow } from './health-probe/health-probe.workflow';
export { clientImportWorkflow } from './client-import/client-import.workflow';
export { clientImportUndoWorkflow } from './client-import/client-import-undo.workflow';
