import { Injectable } from '@nestjs/common';
import { EmailDeliveryService } from '../../server/modules/email/email-delivery.service';
import type { EmailDispatchActivities } from '../../workflows/email-dispatch/email-dispatch.contract';

/** Runs on the rate-limited email task queue only. */
@Injectable()
export class EmailDispatchActivitiesImpl implements EmailDispatchActivities {
  constructor(private readonly delivery: EmailDeliveryService) {}

  deliverEmailBatch(): Promise<{ claimed: number }> {
    return this.delivery.deliverBatch();
  }
}
