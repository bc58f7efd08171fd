import { Injectable } from '@nestjs/common';
import type { OrgUnitDto, Page } from '@telework/contracts';
import { PageQueryDto, pageWindow } from '../common/pagination';
import { OrgUnitsRepository } from './org-units.repository';

@Injectable()
export class OrgUnitsService {
  constructor(private readonly orgUnits: OrgUnitsRepository) {}

  list(query: PageQueryDto): Promise<Page<OrgUnitDto>> {
    return this.orgUnits.findPage(pageWindow(query));
  }
}
