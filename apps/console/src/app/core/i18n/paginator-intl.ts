import { inject, Injectable } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { TranslateService } from '@ngx-translate/core';
import { LanguageService } from './language.service';

/** MatPaginator labels in the current language, refreshed on every language switch. */
@Injectable()
export class TranslatedPaginatorIntl extends MatPaginatorIntl {
  private readonly translate = inject(TranslateService);
  private readonly language = inject(LanguageService);

  constructor() {
    super();
    this.refresh();
    this.translate.onLangChange
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.refresh());
  }

  override getRangeLabel = (
    page: number,
    pageSize: number,
    length: number,
  ): string => {
    const fmt = new Intl.NumberFormat(this.language.locale());
    if (length === 0 || pageSize === 0) {
      return this.translate.instant('paginator.rangeEmpty', {
        length: fmt.format(length),
      });
    }
    const start = page * pageSize;
    const end = Math.min(start + pageSize, length);
    return this.translate.instant('paginator.range', {
      start: fmt.format(start + 1),
      end: fmt.format(end),
      length: fmt.format(length),
    });
  };

  private refresh(): void {
    this.itemsPerPageLabel = this.translate.instant('paginator.itemsPerPage');
    this.nextPageLabel = this.translate.instant('paginator.nextPage');
    this.previousPageLabel = this.translate.instant('paginator.previousPage');
    this.firstPageLabel = this.translate.instant('paginator.firstPage');
    this.lastPageLabel = this.translate.instant('paginator.lastPage');
    this.changes.next();
  }
}
