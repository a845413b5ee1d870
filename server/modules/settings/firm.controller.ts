import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiView } from '../../common/openapi/api-response';
import { SettingsService } from './settings.service';
import { firmSettingsSchema } from './settings.view';

/** What every staff member's console needs of the settings: the firm's name and time zone. */
@ApiTags('settings')
@Controller('firm')
export class FirmController {
  constructor(private readonly settings: SettingsService) {}

  @ApiView(firmSettingsSchema.pick({ firmName: true, timeZone: true }))
  @ApiOperation({ summary: 'The firm’s name and time zone (every staff member)' })
  @Get()
  async get(): Promise<{ firmName: string; timeZone: string }> {
    const { firmName, timeZone } = await this.settings.get();
    return { firmName, timeZone };
  }
}
