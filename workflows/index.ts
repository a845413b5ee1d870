export { healthProbeWorkflow } from './health-probe/health-probe.workflow';
