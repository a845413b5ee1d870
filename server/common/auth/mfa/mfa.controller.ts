import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiEmptyResponse, ApiView } from '../../openapi/api-response';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { APP_CONFIG } from '@server/config/config.module';
import type { AppConfig } from '@server/config/env.schema';
import { AuditService, auditOrigin, type AuditOrigin } from '../../audit/audit.service';
import { ZodBodyPipe } from '../../validation/zod-body.pipe';
import { AnySession, CurrentPrincipal, Public } from '../auth.decorators';
import { AuthService } from '../auth.service';
import type { AuthenticatedRequest, Principal } from '../principal';
import { completeSignIn, signedInViewSchema } from '../signed-in';
import type { MfaAccount } from './mfa-account';
import { MfaChallengeService, MFA_COOKIE, type MfaChallenge } from './mfa-challenge.service';
import { MfaErrors } from './mfa.errors';
import {
  codeSchema,
  removeFactorSchema,
  verifySchema,
  type CodeInput,
  type RemoveFactorInput,
  type VerifyInput,
} from './mfa.schemas';
import { MfaService } from './mfa.service';
import { enrolmentStartSchema, mfaStatusSchema, recoveryCodesSchema } from './mfa.view';

/** Who is at the second factor: a signed-in account, or a sign-in halfway (password done). */
interface Caller {
  account: MfaAccount;
  origin: AuditOrigin;
  sessionTokenHash?: string;
  challenge?: MfaChallenge;
}

const accountOf = ({ kind, id, email, firstName }: Principal): MfaAccount => ({
  kind,
  id,
  email,
  firstName,
});

@ApiTags('auth')
@Controller('auth/mfa')
export class MfaController {
  constructor(
    private readonly mfa: MfaService,
    private readonly challenges: MfaChallengeService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @AnySession()
  @ApiView(mfaStatusSchema)
  @ApiOperation({ summary: 'Whether your two-step sign-in is on (and required), codes left' })
  @Get()
  status(@CurrentPrincipal() principal: Principal) {
    return this.mfa.status(accountOf(principal));
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @ApiView(enrolmentStartSchema)
  @ApiOperation({
    summary:
      'Start setting up an authenticator app: its secret and QR code (signed in, or at sign-in)',
  })
  @Post('enrolment')
  @HttpCode(200)
  async startEnrolment(@Req() req: Request) {
    return this.mfa.startEnrolment((await this.caller(req)).account);
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @ApiView(recoveryCodesSchema.extend({ signedIn: signedInViewSchema.optional() }))
  @ApiOperation({
    summary:
      'Confirm the app with its code: answers the recovery codes (once) and, at sign-in, signs in',
  })
  @Post('enrolment/confirm')
  @HttpCode(200)
  async confirmEnrolment(
    @Body(new ZodBodyPipe(codeSchema)) body: CodeInput,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const caller = await this.caller(req);
    const recoveryCodes = await this.mfa.confirmEnrolment(
      caller.account,
      body.code,
      caller.origin,
      caller.sessionTokenHash,
    );
    if (!caller.challenge) return { recoveryCodes };
    const signedIn = await this.finish(caller.challenge, req, res, 'a new authenticator app');
    return { recoveryCodes, signedIn };
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @ApiView(signedInViewSchema)
  @ApiOperation({ summary: 'Second step of sign-in: the app’s code, or a recovery code' })
  @Post('verify')
  @HttpCode(200)
  async verify(
    @Body(new ZodBodyPipe(verifySchema)) body: VerifyInput,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const challenge = await this.challenges.find(cookieOf(req));
    if (!challenge) throw challengeGone();
    const origin = originOf(req, challenge.account);
    if (body.code !== undefined) {
      await this.mfa.verifyCode(challenge.account, body.code, origin);
      return this.finish(challenge, req, res, 'an authenticator code');
    }
    await this.mfa.useRecoveryCode(challenge.account, body.recoveryCode ?? '', origin);
    return this.finish(challenge, req, res, 'a recovery code');
  }

  @AnySession()
  @ApiEmptyResponse()
  @ApiOperation({ summary: 'Turn off your two-step sign-in, with a current code or your password' })
  @Post('remove')
  @HttpCode(204)
  async remove(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodBodyPipe(removeFactorSchema)) body: RemoveFactorInput,
    @Req() req: Request,
  ): Promise<void> {
    await this.mfa.remove(accountOf(principal), body, auditOrigin(req));
  }

  @AnySession()
  @ApiView(recoveryCodesSchema)
  @ApiOperation({ summary: 'New recovery codes, with a current code (the old ones stop working)' })
  @Post('recovery-codes')
  @HttpCode(200)
  async regenerateRecoveryCodes(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodBodyPipe(codeSchema)) body: CodeInput,
    @Req() req: Request,
  ) {
    const recoveryCodes = await this.mfa.regenerateRecoveryCodes(
      accountOf(principal),
      body.code,
      auditOrigin(req),
    );
    return { recoveryCodes };
  }

  private async caller(req: Request): Promise<Caller> {
    const principal = (req as AuthenticatedRequest).principal;
    if (principal) {
      return {
        account: accountOf(principal),
        origin: auditOrigin(req),
        sessionTokenHash: principal.sessionTokenHash,
      };
    }
    const challenge = await this.challenges.find(cookieOf(req));
    if (!challenge) throw challengeGone();
    return { account: challenge.account, origin: originOf(req, challenge.account), challenge };
  }

  /** Spends the challenge for a full session, where the password step began. */
  private async finish(challenge: MfaChallenge, req: Request, res: Response, how: string) {
    if (!(await this.challenges.consume(challenge.tokenHash))) throw challengeGone();
    const account = await this.auth.account(challenge.account);
    const token = await this.auth.startSession(account, challenge.meta);
    res.clearCookie(MFA_COOKIE, { path: '/' });
    return completeSignIn(
      { audit: this.audit, config: this.config },
      req,
      res,
      account,
      token,
      how,
    );
  }
}

const cookieOf = (req: Request): unknown => (req.cookies as Record<string, unknown>)[MFA_COOKIE];

/** At sign-in the password already named the account: it is the actor of what follows. */
const originOf = (req: Request, account: MfaAccount): AuditOrigin => ({
  ...auditOrigin(req),
  actor: { kind: account.kind, id: account.id, email: account.email },
});

const challengeGone = () =>
  MfaErrors.MFA_CHALLENGE_INVALID(
    'Sign in again: this sign-in has expired or was already completed.',
  );
