import { INITIAL_AGENTS_STATE, toAgentQuery } from './agents-query';

describe('toAgentQuery', () => {
  it('starts on page 1 of 50, by last name', () => {
    expect(toAgentQuery(INITIAL_AGENTS_STATE)).toEqual({
      page: 1,
      pageSize: 50,
      sort: 'lastName',
      order: 'asc',
    });
  });

  it('maps the paginator (0-based) to the 1-based page and keeps the page size', () => {
    expect(
      toAgentQuery({ ...INITIAL_AGENTS_STATE, pageIndex: 3, pageSize: 100 }),
    ).toMatchObject({
      page: 4,
      pageSize: 100,
    });
  });

  it.each([
    ['employeeNumber', 'employeeNumber'],
    ['name', 'lastName'],
    ['site', 'site'],
    ['orgUnit', 'orgUnit'],
    ['tier', 'tier'],
  ])('maps the %s column to sort=%s', (column, sort) => {
    expect(
      toAgentQuery({
        ...INITIAL_AGENTS_STATE,
        sortColumn: column,
        direction: 'desc',
      }),
    ).toMatchObject({ sort, order: 'desc' });
  });

  it('sends no sort when the sort is cleared or the column is not sortable', () => {
    const cleared = toAgentQuery({ ...INITIAL_AGENTS_STATE, direction: '' });
    const unsortable = toAgentQuery({
      ...INITIAL_AGENTS_STATE,
      sortColumn: 'group',
    });
    for (const query of [cleared, unsortable]) {
      expect(query).not.toHaveProperty('sort');
      expect(query).not.toHaveProperty('order');
    }
  });

  it('adds the org unit and group filters when set', () => {
    expect(
      toAgentQuery({
        ...INITIAL_AGENTS_STATE,
        orgUnitId: 'ou-2',
        groupId: 'g-3',
      }),
    ).toMatchObject({ orgUnitId: 'ou-2', groupId: 'g-3' });
  });

  it('adds the filters that are set: trimmed search, site, eligibility', () => {
    expect(
      toAgentQuery({
        ...INITIAL_AGENTS_STATE,
        q: '  dupont ',
        siteId: 's-7',
        eligible: 'no',
      }),
    ).toEqual({
      page: 1,
      pageSize: 50,
      q: 'dupont',
      siteId: 's-7',
      eligible: false,
      sort: 'lastName',
      order: 'asc',
    });
    expect(
      toAgentQuery({ ...INITIAL_AGENTS_STATE, eligible: 'yes' }).eligible,
    ).toBe(true);
    expect(
      toAgentQuery({ ...INITIAL_AGENTS_STATE, q: '   ' }),
    ).not.toHaveProperty('q');
  });
});
