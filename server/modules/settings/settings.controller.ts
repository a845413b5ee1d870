import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiView } from '../../common/openapi/api-response';
import { RequireRole } from '../../common/auth/auth.decorators';
import { Audited } from '../../common/audit/audited.decorator';
import { ZodBodyPipe } from '../../common/validation/zod-body.pipe';
import { updateSettingsSchema, type UpdateSettingsInput } from './settings.schemas';
import { SettingsService } from './settings.service';
import { type FirmSettings, firmSettingsSchema } from './settings.view';

/** `/api/settings`, also as `/api/settings/firm` so react-admin's getOne/update reach it. */
@ApiTags('settings')
@RequireRole('staff_admin')
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @ApiView(firmSettingsSchema)
  @ApiOperation({ summary: 'The firm’s settings' })
  @Get(['', 'firm'])
  get(): Promise<FirmSettings> {
    return this.settings.get();
  }

  @Audited('settings.updated', (s: FirmSettings) => ({
    summary: `Changed the firm settings (sending domains: ${s.sendingDomains.join(', ') || 'none'}; second factor: staff ${s.staffMfa}, contacts ${s.contactMfa})`,
    targetType: 'settings',
  }))
  @ApiView(firmSettingsSchema)
  @ApiOperation({ summary: 'Change the firm’s settings' })
  @Put(['', 'firm'])
  update(
    @Body(new ZodBodyPipe(updateSettingsSchema)) body: UpdateSettingsInput,
  ): Promise<FirmSettings> {
    return this.settings.update(body);
  }
}
