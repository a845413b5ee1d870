import { Module } from '@nestjs/common';
import { EmailDispatcherWaker } from '../email/email-dispatcher-waker.service';
import { SettingsModule } from '../settings/settings.module';
import { AccountLinksController } from './account-links.controller';
import { AccountLinksService } from './account-links.service';
import { PasswordResetService } from './password-reset.service';

/** Password resets and staff invitations: emailed single-use links that set a password. */
@Module({
  imports: [SettingsModule],
  controllers: [AccountLinksController],
  providers: [AccountLinksService, PasswordResetService, EmailDispatcherWaker],
  exports: [AccountLinksService],
})
export class AccountLinksModule {}
