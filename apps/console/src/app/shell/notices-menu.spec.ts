import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { NoticeDto } from '@telework/contracts';
import { initLanguage, provideTestIcons, provideTestTranslations } from '../testing/test-helpers';
import { NoticesMenu } from './notices-menu';

function aNotice(id: string, message: string): NoticeDto {
  return { id, message, createdAt: '2026-12-01T09:00:00Z', readAt: null } as unknown as NoticeDto;
}

describe('NoticesMenu', () => {
  let http: HttpTestingController;

  async function open(items: NoticeDto[]) {
    TestBed.configureTestingModule({
      imports: [NoticesMenu],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideTestTranslations(), provideTestIcons()],
    });
    http = TestBed.inject(HttpTestingController);
    await initLanguage();
    const fixture = TestBed.createComponent(NoticesMenu);
    fixture.detectChanges();
    http.expectOne((r) => r.url === '/api/me/notices').flush({ items, total: items.length, page: 1, pageSize: 20 });
    fixture.detectChanges();
    (fixture.nativeElement.querySelector('.tw-notices-button') as HTMLButtonElement).click();
    fixture.detectChanges();
    http.match((r) => r.url === '/api/me/notices').forEach((r) => r.flush({ items, total: items.length, page: 1, pageSize: 20 }));
    fixture.detectChanges();
    await fixture.whenStable();
    return { fixture, panel: document.querySelector('[role="menu"]') as HTMLElement };
  }

  afterEach(() => http.verify());

  it('is a menu of menu items only, named « Notifications non lues » (axe aria-required-children)', async () => {
    const { panel } = await open([aNotice('n1', 'Votre demande du 9 décembre est acceptée.'), aNotice('n2', 'Votre planning a changé.')]);
    expect(panel.getAttribute('aria-label')).toBe('Notifications non lues');
    // nothing but menu items reaches a screen reader inside the menu: no heading, no list
    expect(panel.querySelector('h1, h2, h3, ul, li')).toBeNull();
    const items = Array.from(panel.querySelectorAll('[role="menuitem"]'), (i) => i.textContent?.replace(/\s+/g, ' ').trim());
    expect(items).toHaveLength(3);
    expect(items[0]).toContain('Votre demande du 9 décembre est acceptée.');
    expect(items[0]).toContain('Marquer comme lue');
    expect(items[2]).toBe('Tout marquer comme lu');
    expect(panel.querySelector('.tw-notices-title')?.getAttribute('aria-hidden')).toBe('true');
  });

  it('marks one notice read from its item and keeps the menu open with the others', async () => {
    const { fixture, panel } = await open([aNotice('n1', 'Première'), aNotice('n2', 'Seconde')]);
    (panel.querySelector('.tw-notice') as HTMLButtonElement).click();
    const read = http.expectOne((r) => r.method === 'POST' && r.url === '/api/me/notices/read');
    expect(read.request.body).toEqual({ ids: ['n1'] });
    read.flush(null);
    fixture.detectChanges();
    await fixture.whenStable();
    expect(document.querySelector('[role="menu"]')).not.toBeNull();
    const left = Array.from(document.querySelectorAll('[role="menu"] .tw-notice'), (i) => i.textContent ?? '');
    expect(left).toHaveLength(1);
    expect(left[0]).toContain('Seconde');
  });

  it('says there is nothing unread in a disabled item', async () => {
    const { panel } = await open([]);
    const empty = panel.querySelector('.tw-notices-empty') as HTMLButtonElement;
    expect(empty.getAttribute('role')).toBe('menuitem');
    expect(empty.textContent?.trim()).toBe('Aucune notification non lue.');
  });
});
