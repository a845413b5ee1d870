/**
 * Spaces requests evenly: at most one every `1000 / perSecond` ms from this process. The email
 * task queue's rate limit bounds every worker together, but lets bursts through, and Resend
 * answers a burst over its per-second limit with 429.
 */
export class RequestPacer {
  private next = 0;
  private readonly gapMs: number;

  constructor(perSecond: number) {
    // A little slack, so network jitter does not push two requests into one second's window.
    this.gapMs = (1000 / perSecond) * 1.05;
  }

  async wait(): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + this.gapMs;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  }
}
