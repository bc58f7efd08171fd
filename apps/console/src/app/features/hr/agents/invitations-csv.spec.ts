import type { AccountInvitation } from '@telework/contracts';
import {
  csvField,
  invitationsCsv,
  invitationsFileName,
  parisDateTime, isMailed } from './invitations-csv';

function anInvitation(
  overrides: Partial<AccountInvitation> = {},
): AccountInvitation {
  return {
    agentId: 'ag-1',
    employeeNumber: 'M00001',
    firstName: 'Claire',
    lastName: 'Martin',
    email: 'c.martin@exemple.fr',
    activationUrl: 'https://teletravail.exemple.fr/activation?token=abc_DEF-123',
    expiresAt: '2026-12-08T09:30:00.000Z',
    ...overrides,
  };
}

describe('invitations CSV', () => {
  it('starts with a UTF-8 byte-order mark and the French header, ;-separated', () => {
    const csv = invitationsCsv([]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe(
      "matricule;nom;prénom;e-mail;lien d'activation;expire le\r\n",
    );
  });

  it('writes one line per invitation, the expiry in Paris time', () => {
    const csv = invitationsCsv([
      anInvitation(),
      anInvitation({
        employeeNumber: 'M00002',
        firstName: 'Éloïse',
        lastName: 'Dupont-Hervé',
        email: 'e.dupont@exemple.fr',
        activationUrl: 'https://teletravail.exemple.fr/activation?token=xyz',
        // summer time: UTC+2
        expiresAt: '2027-06-30T22:15:00Z',
      }),
    ]);
    expect(csv.slice(1).split('\r\n')).toEqual([
      "matricule;nom;prénom;e-mail;lien d'activation;expire le",
      'M00001;Martin;Claire;c.martin@exemple.fr;https://teletravail.exemple.fr/activation?token=abc_DEF-123;08/12/2026 10:30',
      'M00002;Dupont-Hervé;Éloïse;e.dupont@exemple.fr;https://teletravail.exemple.fr/activation?token=xyz;01/07/2027 00:15',
      '',
    ]);
  });

  it('quotes the fields holding ; " or a line break, and only those', () => {
    const csv = invitationsCsv([
      anInvitation({
        lastName: 'Martin; dite "Clo"',
        firstName: 'Claire\nMarie',
        email: 'c.martin@exemple.fr',
      }),
    ]);
    const line = csv.slice(1).split('\r\n')[1];
    expect(line).toBe(
      'M00001;"Martin; dite ""Clo""";"Claire\nMarie";c.martin@exemple.fr;https://teletravail.exemple.fr/activation?token=abc_DEF-123;08/12/2026 10:30',
    );
    expect(csvField('plain, with a comma')).toBe('plain, with a comma');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField('')).toBe('');
  });

  it('keeps a spreadsheet from running a name as a formula', () => {
    expect(csvField('=HYPERLINK("http://x";"clic")')).toBe('"\'=HYPERLINK(""http://x"";""clic"")"');
    expect(csvField('+33 1 23')).toBe("'+33 1 23");
    expect(csvField('-Dupont')).toBe("'-Dupont");
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField('Jean-Pierre')).toBe('Jean-Pierre');
    expect(csvField('https://teletravail.exemple.fr/activation?token=-abc')).toBe('https://teletravail.exemple.fr/activation?token=-abc');
  });

  it('reads an instant as the date and time in Paris', () => {
    expect(parisDateTime('2026-12-31T23:30:00Z')).toBe('01/01/2027 00:30');
    expect(parisDateTime('2026-03-29T01:00:00Z')).toBe('29/03/2026 03:00');
  });

  it('names the file after the day', () => {
    expect(invitationsFileName('2026-12-01')).toBe('invitations-2026-12-01.csv');
  });
});

describe('isMailed', () => {
  const base = {
    agentId: 'a', employeeNumber: 'M1', firstName: 'C', lastName: 'M', email: 'c@exemple.fr',
    expiresAt: '2026-12-08T09:30:00Z',
  };
  it('a link to pass on, or one the API sent by mail (with or without the mailed flag)', () => {
    expect(isMailed({ ...base, activationUrl: 'https://x/activation?token=t' })).toBe(false);
    expect(isMailed({ ...base, activationUrl: 'https://x/activation?token=t', mailed: false })).toBe(false);
    expect(isMailed({ ...base, activationUrl: null, mailed: true })).toBe(true);
    expect(isMailed({ ...base, activationUrl: null })).toBe(true);
  });
});
