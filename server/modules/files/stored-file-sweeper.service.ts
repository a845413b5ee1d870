import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { FileStore } from './file-store.service';

const SWEEP_EVERY_MS = 60 * 60_000;

/** Every hour, content nothing references any more leaves the disk (see FileStore.sweep). */
@Injectable()
export class StoredFileSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StoredFileSweeper.name);
  private timer?: NodeJS.Timeout;

  constructor(private readonly store: FileStore) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    try {
      const removed = await this.store.sweep();
      if (removed) this.logger.log(`Removed ${removed} unreferenced stored file(s)`);
    } catch (e) {
      this.logger.warn(`Could not sweep stored files: ${String(e)}`);
    }
  }
}
