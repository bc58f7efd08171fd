import { formatMessage } from '@telework/contracts';
import type {
  ActivationMailPayload, CodedMessage, Language, MailKind, MailPayloads, ManagerDigestMailPayload,
  RequestDecidedMailPayload, ScheduleChangedMailPayload,
} from '@telework/contracts';
import { dateWords, escapeHtml, halfDayWords, instantWords, modeWords, mondayOf, parisDate, plural } from './words';

/** A mail as sent: the subject, the plain text, and the same in HTML. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** What a mail says, before it becomes text and HTML (both from the same blocks, so they never differ). */
type Block = { paragraph: string } | { list: string[] } | { link: { label: string; url: string } };

interface MailDocument {
  subject: string;
  greeting: string;
  blocks: Block[];
  /** why the person receives it, and how to stop it when it can be stopped */
  footer: string;
}

const PRODUCT: Record<Language, string> = { fr: 'Planificateur télétravail', en: 'Telework planner' };

/**
 * Words one outbox row in its language: `payload` is the row's data (libs/contracts mail.ts),
 * `publicUrl` the console's address (PUBLIC_URL) the links start with. Dates are written for
 * people, instants in Europe/Paris; refusal and no-workplace codes are worded by the shared
 * catalogues (libs/contracts messages), as in the console.
 */
export function renderMail<K extends MailKind>(kind: K, payload: MailPayloads[K], language: Language, publicUrl: string): RenderedMail {
  const base = publicUrl.replace(/\/$/, '');
  const lang: Language = language === 'en' ? 'en' : 'fr';
  let document: MailDocument;
  switch (kind) {
    case 'ACTIVATION':
      document = activation(payload as ActivationMailPayload, lang);
      break;
    case 'REQUEST_DECIDED':
      document = requestDecided(payload as RequestDecidedMailPayload, lang, base);
      break;
    case 'SCHEDULE_CHANGED':
      document = scheduleChanged(payload as ScheduleChangedMailPayload, lang, base);
      break;
    case 'MANAGER_DIGEST':
      document = managerDigest(payload as ManagerDigestMailPayload, lang, base);
      break;
    default:
      throw new Error(`unknown mail kind ${String(kind)}`);
  }
  return { subject: document.subject, text: toText(document, lang), html: toHtml(document, lang) };
}

function greeting(firstName: string | null | undefined, language: Language): string {
  const name = firstName?.trim();
  return language === 'fr' ? (name ? `Bonjour ${name},` : 'Bonjour,') : (name ? `Hello ${name},` : 'Hello,');
}

/** A coded reason in words; its code when the catalogue does not know it (a newer product wrote the row). */
function reasonWords(message: CodedMessage, language: Language): string {
  return formatMessage(message, language) ?? message.code;
}

function optOutFooter(language: Language): string {
  return language === 'fr'
    ? 'Vous pouvez désactiver ce type d’e-mail dans les préférences de votre compte.'
    : 'You can switch this kind of e-mail off in your account preferences.';
}

function activation(payload: ActivationMailPayload, language: Language): MailDocument {
  const expires = instantWords(payload.expiresAt, language);
  if (language === 'fr') {
    return {
      subject: `Activez votre compte — ${PRODUCT.fr}`,
      greeting: greeting(payload.firstName, 'fr'),
      blocks: [
        { paragraph: 'Un compte a été créé pour vous dans le planificateur de télétravail. Pour choisir votre mot de passe et l’activer, ouvrez ce lien :' },
        { link: { label: 'Activer mon compte', url: payload.activationUrl } },
        { paragraph: `Ce lien est personnel et fonctionne une seule fois, jusqu’au ${expires}.` },
      ],
      footer: 'Si vous n’attendiez pas ce message, ignorez-le : aucun compte ne sera activé sans ce lien.',
    };
  }
  return {
    subject: `Activate your account — ${PRODUCT.en}`,
    greeting: greeting(payload.firstName, 'en'),
    blocks: [
      { paragraph: 'An account has been created for you in the telework planner. To choose your password and activate it, open this link:' },
      { link: { label: 'Activate my account', url: payload.activationUrl } },
      { paragraph: `This link is personal and works once, until ${expires}.` },
    ],
    footer: 'If you did not expect this message, ignore it: no account is activated without this link.',
  };
}

function requestDecided(payload: RequestDecidedMailPayload, language: Language, base: string): MailDocument {
  const fr = language === 'fr';
  const halfDays = payload.halfDays.map((h) => halfDayWords(h, language));
  const by = payload.decidedBy?.trim();
  const reason = payload.refusal ? reasonWords(payload.refusal, language) : null;
  let subject: string;
  let outcome: string;
  if (payload.status === 'REFUSED') {
    subject = fr ? 'Votre demande est refusée' : 'Your request was refused';
    outcome = fr ? `Votre demande a été refusée${by ? ` par ${by}` : ''}.` : `Your request was refused${by ? ` by ${by}` : ''}.`;
  } else if (payload.allocationStatus === 'GRANTED') {
    subject = fr ? 'Votre demande est accordée' : 'Your request was granted';
    outcome = fr ? `Votre demande a été approuvée${by ? ` par ${by}` : ''} et accordée.` : `Your request was approved${by ? ` by ${by}` : ''} and granted.`;
  } else if (payload.allocationStatus === 'REFUSED') {
    subject = fr ? 'Votre demande est approuvée mais n’a pas pu être accordée' : 'Your request was approved but could not be granted';
    outcome = fr
      ? `Votre demande a été approuvée${by ? ` par ${by}` : ''}, mais n’a pas pu être accordée${reason ? ` : ${reason}` : ''}.`
      : `Your request was approved${by ? ` by ${by}` : ''}, but could not be granted${reason ? `: ${reason}` : ''}.`;
  } else {
    subject = fr ? 'Votre demande est approuvée, en attente' : 'Your request was approved and is waiting';
    outcome = fr
      ? `Votre demande a été approuvée${by ? ` par ${by}` : ''} ; elle est en attente${reason ? ` : ${reason}` : ''}.`
      : `Your request was approved${by ? ` by ${by}` : ''}; it is waiting${reason ? `: ${reason}` : ''}.`;
  }
  const blocks: Block[] = [
    { paragraph: fr ? (halfDays.length > 1 ? 'Votre demande pour ces demi-journées :' : 'Votre demande pour cette demi-journée :')
      : (halfDays.length > 1 ? 'Your request for these half-days:' : 'Your request for this half-day:') },
    { list: halfDays },
    { paragraph: outcome },
  ];
  const comment = payload.comment?.trim();
  if (comment) blocks.push({ paragraph: fr ? `Commentaire${by ? ` de ${by}` : ''} : « ${comment} »` : `Comment${by ? ` from ${by}` : ''}: “${comment}”` });
  blocks.push({ link: { label: fr ? 'Voir mon planning' : 'See my planning', url: `${base}/agent/planning` } });
  return { subject, greeting: greeting(payload.firstName, language), blocks, footer: optOutFooter(language) };
}

function scheduleChanged(payload: ScheduleChangedMailPayload, language: Language, base: string): MailDocument {
  const fr = language === 'fr';
  const count = payload.changes.length;
  const lines = payload.changes.map((change) => {
    const before = modeWords(change.before, language);
    const after = change.after === null ? (fr ? 'plus planifié' : 'no longer planned') : modeWords(change.after, language);
    const why = change.after === 'NO_WORKPLACE' && change.why ? ` (${reasonWords(change.why, language)})` : '';
    return `${halfDayWords(change, language)}${fr ? ' : ' : ': '}${before} → ${after}${why}`;
  });
  const event = payload.eventLabel?.trim();
  const subject = fr
    ? `Votre planning change : ${plural(count, 'demi-journée', 'demi-journées', 'fr')}${event ? ` (${event})` : ''}`
    : `Your schedule changes: ${plural(count, 'half-day', 'half-days', 'en')}${event ? ` (${event})` : ''}`;
  const lead = fr
    ? `Le planning${event ? ` (événement « ${event} »)` : ''} change pour vous entre le ${dateWords(payload.from, 'fr')} et le ${dateWords(payload.to, 'fr')}. Seules les demi-journées modifiées sont listées :`
    : `Your schedule${event ? ` (event “${event}”)` : ''} changes between ${dateWords(payload.from, 'en')} and ${dateWords(payload.to, 'en')}. Only the half-days that changed are listed:`;
  const week = mondayOf(payload.changes[0]?.date ?? payload.from);
  return {
    subject,
    greeting: greeting(payload.firstName, language),
    blocks: [
      { paragraph: lead },
      { list: lines },
      { link: { label: fr ? 'Voir mon planning de la semaine' : 'See my week’s planning', url: `${base}/agent/planning?week=${week}` } },
    ],
    footer: optOutFooter(language),
  };
}

function managerDigest(payload: ManagerDigestMailPayload, language: Language, base: string): MailDocument {
  const fr = language === 'fr';
  const lines = payload.requests.map((request) => {
    const halfDays = request.halfDays.map((h) => halfDayWords(h, language)).join(fr ? ' ; ' : '; ');
    const asked = dateWords(parisDate(request.createdAt), language);
    return fr ? `${request.agentName} : ${halfDays} (demandé le ${asked})` : `${request.agentName}: ${halfDays} (asked on ${asked})`;
  });
  const rest = payload.total - payload.requests.length;
  const subject = fr
    ? `${plural(payload.total, 'demande attend', 'demandes attendent', 'fr')} votre décision`
    : `${plural(payload.total, 'request is', 'requests are', 'en')} waiting for your decision`;
  const blocks: Block[] = [
    { paragraph: fr
      ? `Ce ${dateWords(payload.date, 'fr')}, ${plural(payload.total, 'demande de votre équipe attend', 'demandes de votre équipe attendent', 'fr')} votre décision :`
      : `On ${dateWords(payload.date, 'en')}, ${plural(payload.total, 'request from your team is', 'requests from your team are', 'en')} waiting for your decision:` },
    { list: lines },
  ];
  if (rest > 0) blocks.push({ paragraph: fr ? `… et ${plural(rest, 'autre', 'autres', 'fr')}.` : `… and ${rest} more.` });
  blocks.push({ link: { label: fr ? 'Ouvrir les demandes à approuver' : 'Open the requests to approve', url: `${base}/manager/requests` } });
  return { subject, greeting: greeting(payload.firstName, language), blocks, footer: optOutFooter(language) };
}

function toText(document: MailDocument, language: Language): string {
  const parts = [document.greeting];
  for (const block of document.blocks) {
    if ('paragraph' in block) parts.push(block.paragraph);
    else if ('list' in block) parts.push(block.list.map((line) => `- ${line}`).join('\n'));
    else parts.push(`${block.link.label}${language === 'fr' ? ' : ' : ': '}${block.link.url}`);
  }
  parts.push(`--\n${document.footer}\n${PRODUCT[language]}`);
  return `${parts.join('\n\n')}\n`;
}

function toHtml(document: MailDocument, language: Language): string {
  const body = [`<p>${escapeHtml(document.greeting)}</p>`];
  for (const block of document.blocks) {
    if ('paragraph' in block) body.push(`<p>${escapeHtml(block.paragraph)}</p>`);
    else if ('list' in block) body.push(`<ul>\n${block.list.map((line) => `<li>${escapeHtml(line)}</li>`).join('\n')}\n</ul>`);
    else body.push(`<p><a href="${escapeHtml(block.link.url)}">${escapeHtml(block.link.label)}</a></p>`);
  }
  body.push(`<hr>\n<p style="color:#555;font-size:smaller">${escapeHtml(document.footer)}<br>${escapeHtml(PRODUCT[language])}</p>`);
  return `<!DOCTYPE html>\n<html lang="${language}">\n<head><meta charset="utf-8"><title>${escapeHtml(document.subject)}</title></head>\n<body>\n${body.join('\n')}\n</body>\n</html>\n`;
}
