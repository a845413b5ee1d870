export { healthProbeWorkflow } from './health-probe/health-probe.workflow';
export { clientImportWorkflow } from './client-import/client-import.workflow';
export { clientImportUndoWorkflow } from './client-import/client-import-undo.workflow';
export { portalInvitationWorkflow } from './portal-invitation/portal-invitation.workflow';
export { invitationBatchWorkflow } from './portal-invitation/invitation-batch.workflow';
export { emailDispatchWorkflow } from './email-dispatch/email-dispatch.workflow';
export { fileRequestWorkflow } from './file-request/file-request.workflow';
