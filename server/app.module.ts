import { MikroOrmModule } from '@mikro-orm/nestjs';
import { EntityManager } from '@mikro-orm/postgresql';
import { Module, type DynamicModule } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from './common/audit/audit.module';
import { AuthModule } from './common/auth/auth.module';
import { RequestThrottleStorage } from './common/auth/request-throttle.storage';
import { ConfigModule } from './config/config.module';
import type { AppConfig } from './config/env.schema';
import { ormOptions } from './database/mikro-orm.config';
import { pinoOptions } from './logging/pino-options';
import { AccountLinksModule } from './modules/account-links/account-links.module';
import { AuditEventsModule } from './modules/audit/audit-events.module';
import { CampaignsModule } from './modules/campaigns/campaigns.module';
import { ClientFilesModule } from './modules/client-files/client-files.module';
import { ClientsModule } from './modules/clients/clients.module';
import { ContactsModule } from './modules/contacts/contacts.module';
import { DashboardModule } from './modules/dashboard/dashboard.module';
import { FileRequestsModule } from './modules/file-requests/file-requests.module';
import { GroupsModule } from './modules/groups/groups.module';
import { SegmentsModule } from './modules/segments/segments.module';
import { SharingModule } from './modules/sharing/sharing.module';
import { OutboxModule } from './modules/email/outbox.module';
import { HealthModule } from './modules/health/health.module';
import { ImportsModule } from './modules/imports/imports.module';
import { InvitationsModule } from './modules/invitations/invitations.module';
import { PlaybooksModule } from './modules/playbooks/playbooks.module';
import { PortalModule } from './modules/portal/portal.module';
import { RequestTemplatesModule } from './modules/request-templates/request-templates.module';
import { SettingsModule } from './modules/settings/settings.module';
import { StaffModule } from './modules/staff/staff.module';
import { TagsModule } from './modules/tags/tags.module';
import { WebhooksModule } from './modules/webhooks/webhooks.module';
import { TemporalModule } from './temporal/temporal.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(pinoOptions(config)),
        MikroOrmModule.forRoot(
          ormOptions(config.DATABASE_URL, { queryTimeoutMs: config.DATABASE_QUERY_TIMEOUT_MS }),
        ),
        // Only the sign-in routes use the throttler guard: per-IP attempts a minute, counted in
        // PostgreSQL so every API process shares them.
        ThrottlerModule.forRootAsync({
          inject: [EntityManager],
          useFactory: (em: EntityManager) => ({
            throttlers: [{ name: 'login', ttl: 60_000, limit: config.LOGIN_RATE_LIMIT_PER_MINUTE }],
            storage: new RequestThrottleStorage(em),
          }),
        }),
        TemporalModule,
        AuditModule,
        AuthModule,
        AccountLinksModule,
        HealthModule,
        TagsModule,
        ClientsModule,
        StaffModule,
        ImportsModule,
        ContactsModule,
        DashboardModule,
        FileRequestsModule,
        RequestTemplatesModule,
        PlaybooksModule,
        SegmentsModule,
        CampaignsModule,
        SettingsModule,
        InvitationsModule,
        PortalModule,
        OutboxModule,
        WebhooksModule,
        AuditEventsModule,
        GroupsModule,
        SharingModule,
        ClientFilesModule,
      ],
    };
  }
}
