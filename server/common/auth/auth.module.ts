import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { EmailDispatcherWaker } from '../../modules/email/email-dispatcher-waker.service';
import { SettingsModule } from '../../modules/settings/settings.module';
import { AccessService } from '../access/access.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottleService } from './login-throttle.service';
import { SessionsController } from './sessions.controller';
import { MfaChallengeService } from './mfa/mfa-challenge.service';
import { MfaThrottleService } from './mfa/mfa-throttle.service';
import { MfaController } from './mfa/mfa.controller';
import { MfaResetController } from './mfa/mfa-reset.controller';
import { MfaService } from './mfa/mfa.service';
import { RecoveryNoticeService } from './mfa/recovery-notice.service';
import { SessionsService } from './sessions.service';

@Global()
@Module({
  imports: [SettingsModule],
  controllers: [AuthController, MfaController, MfaResetController, SessionsController],
  providers: [
    AuthService,
    SessionsService,
    LoginThrottleService,
    AccessService,
    MfaService,
    MfaChallengeService,
    MfaThrottleService,
    RecoveryNoticeService,
    EmailDispatcherWaker,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccessService, SessionsService, MfaService, MfaChallengeService],
})
export class AuthModule {}
