import { Injectable } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import { EmailDeliveryService } from '../../server/modules/email/email-delivery.service';
import type { EmailDispatchActivities } from '../../workflows/email-dispatch/email-dispatch.contract';

/** Runs on the rate-limited email task queue only. */
@Injectable()
export class EmailDispatchActivitiesImpl implements EmailDispatchActivities {
  constructor(private readonly delivery: EmailDeliveryService) {}

  /** A retry resends the batch its failed attempt claimed, which the heartbeat remembers. */
  deliverEmailBatch(): Promise<{ claimed: number }> {
    const context = Context.current();
    const last = context.info.heartbeatDetails as { batchId?: string } | undefined;
    return this.delivery.deliverBatch(last?.batchId, (batchId) => context.heartbeat({ batchId }));
  }
}
