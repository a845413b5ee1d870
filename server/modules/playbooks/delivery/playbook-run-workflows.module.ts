import { Module } from '@nestjs/common';
import { PlaybookRunWorkflows } from './playbook-run-workflows.service';

/** For whatever tags clients or accepts invitations: starts and stops the runs it caused. */
@Module({ providers: [PlaybookRunWorkflows], exports: [PlaybookRunWorkflows] })
export class PlaybookRunWorkflowsModule {}
