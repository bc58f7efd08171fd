import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { DirectoryApi } from './directory-api';
import { toHttpParams } from './http-params';

describe('toHttpParams', () => {
  it('leaves out unset values and writes booleans and numbers as text', () => {
    const params = toHttpParams({
      page: 2,
      pageSize: 50,
      q: '',
      siteId: undefined,
      groupId: null,
      eligible: false,
    });
    expect(params.toString()).toBe('page=2&pageSize=50&eligible=false');
  });
});

describe('DirectoryApi', () => {
  let api: DirectoryApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    api = TestBed.inject(DirectoryApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists agents with the query as parameters', () => {
    api
      .listAgents({
        page: 1,
        pageSize: 25,
        q: 'dupont',
        sort: 'site',
        order: 'desc',
      })
      .subscribe();
    const req = http.expectOne((r) => r.url === '/api/agents');
    expect(req.request.params.toString()).toBe(
      'page=1&pageSize=25&q=dupont&sort=site&order=desc',
    );
    req.flush({ items: [], total: 0 });
  });

  it('lists all sites in one page of 500', () => {
    api.listSites().subscribe();
    const req = http.expectOne((r) => r.url === '/api/sites');
    expect(req.request.params.get('pageSize')).toBe('500');
    req.flush({ items: [], total: 0 });
  });
});
