import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiView, ApiListView, ApiFileResponse } from '../../common/openapi/api-response';
import { ApiListQuery } from '../../common/openapi/zod-openapi';
import type { Request, Response } from 'express';
import { CurrentPrincipal, RequireRole } from '../../common/auth/auth.decorators';
import type { StaffPrincipal } from '../../common/auth/principal';
import { attachment } from '../../common/http/attachment';
import { Audited } from '../../common/audit/audited.decorator';
import { sendPage } from '../../common/http/content-range';
import { parseListQuery } from '../../common/http/list-query';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe';
import { ZodBodyPipe } from '../../common/validation/zod-body.pipe';
import { templateCsv, writeTemplateXlsx } from './file/template-writer';
import { ImportUploadInterceptor } from './import-upload.interceptor';
import { type ImportJobView, importJobViewSchema } from './import-job.view';
import {
  IMPORT_ROW_SORTABLE,
  IMPORT_SORTABLE,
  importFilterSchema,
  importRowFilterSchema,
  startImportSchema,
  type StartImportInput,
} from './imports.schemas';
import { type ImportReportKind, ImportReader } from './import-reader.service';
import { importRowViewSchema } from './import-row.view';
import { ImportsService } from './imports.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const importEvent = (j: ImportJobView, summary: string) => ({
  summary,
  targetType: 'import',
  targetId: j.id,
});

/** Reports hold clients' personal data: each download is on the trail. */
const reportDownloaded = (_: unknown, req: Request) => ({
  summary: `Downloaded the ${req.path.includes('/exceptions.') ? 'exception' : 'full'} report (${req.path.endsWith('.csv') ? 'CSV' : 'Excel'}) of import ${req.params.id}`,
  targetType: 'import',
  targetId: String(req.params.id),
});

/** Imports hold every imported client's data, so they are the Entities Admins' (who import). */
@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly reader: ImportReader,
  ) {}

  @ApiFileResponse('text/csv')
  @ApiOperation({ summary: 'Download the CSV import template' })
  @Get('template.csv')
  templateCsv(@Res() res: Response): void {
    attachment(res, 'text/csv; charset=utf-8', 'client-import-template.csv').send(templateCsv());
  }

  @ApiFileResponse(XLSX)
  @ApiOperation({ summary: 'Download the Excel import template' })
  @Get('template.xlsx')
  async templateXlsx(@Res() res: Response): Promise<void> {
    attachment(res, XLSX, 'client-import-template.xlsx');
    await writeTemplateXlsx(res);
    res.end();
  }

  @RequireRole('entities_admin')
  @ApiListQuery(importFilterSchema, IMPORT_SORTABLE)
  @ApiListView(importJobViewSchema)
  @ApiOperation({ summary: 'List imports' })
  @Get()
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, {
      sortable: IMPORT_SORTABLE,
      defaultSort: { field: 'createdAt', order: 'DESC' },
      filter: importFilterSchema,
    });
    return sendPage(res, 'imports', q.range, await this.reader.list(q));
  }

  /** Multipart: `file`, `mode`, `dryRun`. Answers 202: the rows are processed by a workflow. */
  @RequireRole('entities_admin')
  @Audited('import.started', (j: ImportJobView) =>
    importEvent(
      j,
      `Started ${j.dryRun ? 'a dry run of ' : ''}the import of ${j.fileName} (${j.mode})`,
    ),
  )
  @ApiView(importJobViewSchema)
  @ApiOperation({ summary: 'Upload a CSV or Excel file to import clients (a dry run first)' })
  @Post()
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(ImportUploadInterceptor)
  start(
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body(new ZodBodyPipe(startImportSchema)) body: StartImportInput,
    @CurrentPrincipal() principal: StaffPrincipal,
  ): Promise<ImportJobView> {
    return this.imports.start(file, body, principal.id);
  }

  @RequireRole('entities_admin')
  @ApiView(importJobViewSchema)
  @ApiOperation({ summary: 'One import with its progress and counts' })
  @Get(':id')
  get(@Param('id', UuidParamPipe) id: string): Promise<ImportJobView> {
    return this.reader.get(id);
  }

  @RequireRole('entities_admin')
  @ApiListQuery(importRowFilterSchema, IMPORT_ROW_SORTABLE)
  @ApiListView(importRowViewSchema)
  @ApiOperation({ summary: 'List an import’s rows and what happened to each' })
  @Get(':id/rows')
  async rows(
    @Param('id', UuidParamPipe) id: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const q = parseListQuery(query, {
      sortable: IMPORT_ROW_SORTABLE,
      defaultSort: { field: 'rowNumber', order: 'ASC' },
      filter: importRowFilterSchema,
    });
    return sendPage(res, 'import-rows', q.range, await this.reader.rows(id, q));
  }

  @RequireRole('entities_admin')
  @Audited('import.report_downloaded', reportDownloaded)
  @ApiFileResponse(XLSX)
  @ApiOperation({ summary: 'Download the rows that failed, as Excel' })
  @Get(':id/exceptions.xlsx')
  async exceptionsXlsx(
    @Param('id', UuidParamPipe) id: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.sendReport(id, 'exceptions', 'xlsx', res);
  }

  @RequireRole('entities_admin')
  @Audited('import.report_downloaded', reportDownloaded)
  @ApiFileResponse('text/csv')
  @ApiOperation({ summary: 'Download the rows that failed, as CSV' })
  @Get(':id/exceptions.csv')
  async exceptionsCsv(@Param('id', UuidParamPipe) id: string, @Res() res: Response): Promise<void> {
    await this.sendReport(id, 'exceptions', 'csv', res);
  }

  /** Every row with its outcome, comment and client. */
  @RequireRole('entities_admin')
  @Audited('import.report_downloaded', reportDownloaded)
  @ApiFileResponse(XLSX)
  @ApiOperation({ summary: 'Download every row with its outcome, as Excel' })
  @Get(':id/report.xlsx')
  async fullReportXlsx(@Param('id', UuidParamPipe) id: string, @Res() res: Response) {
    await this.sendReport(id, 'full', 'xlsx', res);
  }

  @RequireRole('entities_admin')
  @Audited('import.report_downloaded', reportDownloaded)
  @ApiFileResponse('text/csv')
  @ApiOperation({ summary: 'Download every row with its outcome, as CSV' })
  @Get(':id/report.csv')
  async fullReportCsv(@Param('id', UuidParamPipe) id: string, @Res() res: Response) {
    await this.sendReport(id, 'full', 'csv', res);
  }

  /** A completed dry run, imported for real from its stored file: answers 202 with the new import. */
  @RequireRole('entities_admin')
  @Audited('import.started', (j: ImportJobView) =>
    importEvent(j, `Started the import of ${j.fileName} (${j.mode}) from its dry run`),
  )
  @ApiView(importJobViewSchema)
  @ApiOperation({ summary: 'Run a checked dry run for real' })
  @Post(':id/import-for-real')
  @HttpCode(202)
  importForReal(
    @Param('id', UuidParamPipe) id: string,
    @CurrentPrincipal() principal: StaffPrincipal,
  ): Promise<ImportJobView> {
    return this.imports.importForReal(id, principal.id);
  }

  @RequireRole('entities_admin')
  @Audited('import.cancelled', (j: ImportJobView) =>
    importEvent(j, `Cancelled the import of ${j.fileName}`),
  )
  @ApiView(importJobViewSchema)
  @ApiOperation({ summary: 'Cancel a running import' })
  @Post(':id/cancel')
  @HttpCode(202)
  cancel(@Param('id', UuidParamPipe) id: string): Promise<ImportJobView> {
    return this.imports.cancel(id);
  }

  @RequireRole('entities_admin')
  @Audited('import.undone', (j: ImportJobView) =>
    importEvent(j, `Undid the import of ${j.fileName}`),
  )
  @ApiView(importJobViewSchema)
  @ApiOperation({ summary: 'Undo an import: remove what it created' })
  @Post(':id/undo')
  @HttpCode(202)
  undo(@Param('id', UuidParamPipe) id: string): Promise<ImportJobView> {
    return this.imports.undo(id);
  }

  private async sendReport(
    id: string,
    kind: ImportReportKind,
    format: 'xlsx' | 'csv',
    res: Response,
  ): Promise<void> {
    const write = await this.reader.report(id, kind, format); // 404 before any header
    attachment(
      res,
      format === 'xlsx' ? XLSX : 'text/csv; charset=utf-8',
      `import-${kind === 'exceptions' ? 'exceptions' : 'report'}-${id}.${format}`,
    );
    await write(res);
    res.end();
  }
}
