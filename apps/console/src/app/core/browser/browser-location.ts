import { DOCUMENT } from '@angular/common';
import { inject, Injectable } from '@angular/core';

/**
 * The browser's own navigation (leaving the console for another page: the identity provider's
 * log-in or end of session), behind an injectable so that tests can see where it would go
 * instead of jsdom refusing to navigate.
 */
@Injectable({ providedIn: 'root' })
export class BrowserLocation {
  private readonly document = inject(DOCUMENT);

  /** A full-page navigation to `url` (the console is unloaded). */
  assign(url: string): void {
    this.document.defaultView?.location.assign(url);
  }
}
