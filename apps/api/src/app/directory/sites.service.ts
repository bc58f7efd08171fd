import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Page, SiteDto } from '@telework/contracts';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.decorators';
import { PageQueryDto, pageWindow } from '../common/pagination';
import { notFoundProblem } from '../common/problems';
import { CreateSiteDto, UpdateSiteDto } from './sites.dto';
import { SitesRepository } from './sites.repository';

@Injectable()
export class SitesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sites: SitesRepository,
    private readonly audit: AuditService,
  ) {}

  list(query: PageQueryDto): Promise<Page<SiteDto>> {
    return this.sites.findPage(pageWindow(query));
  }

  async get(id: string): Promise<SiteDto> {
    const site = await this.sites.findById(id);
    if (!site) throw notFoundProblem({ code: 'SITE_NOT_FOUND' }, `Site ${id} not found`);
    return site;
  }

  async create(actor: AuthUser, body: CreateSiteDto): Promise<SiteDto> {
    return this.dataSource.transaction(async (manager) => {
      const id = await this.sites.insert(body, manager);
      await this.audit.record(actor, 'site.created', 'site', id, { ...body }, manager);
      return (await this.sites.findById(id, manager)) as SiteDto;
    });
  }

  async update(actor: AuthUser, id: string, body: UpdateSiteDto): Promise<SiteDto> {
    const before = await this.get(id);
    await this.dataSource.transaction(async (manager) => {
      await this.sites.update(id, body, manager);
      await this.audit.record(actor, 'site.updated', 'site', id, { before, changes: { ...body } }, manager);
    });
    return this.get(id);
  }
}
