import type { ServerResponse } from 'node:http';
import { DOCS_HOST, EVIL_HOST, STUDIO_ORIGIN } from './hosts';
import { pathnameOf, type RecordedRequest } from './requests';
import { send, sendHtml } from './respond';
import type { StudioUser } from './users';

function page(title: string, body: string): string {
  const head = `<!doctype html>\n<html lang="en"><meta charset="utf-8"><title>${title}</title>`;
  return `${head}\n${body}\n`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * Sends Studio's web page. It names the user whose `jwt` cookie came with the request, so a
 * browser test can see whether a Studio page load was signed in.
 */
export function sendStudioPage(response: ServerResponse, cookieUser: StudioUser | undefined): void {
  const status = cookieUser ? `Signed in as ${escapeHtml(cookieUser.username)}` : 'Not signed in';
  const body = `<h1>Stand-in Studio</h1>\n<p id="session">${status}</p>`;
  sendHtml(response, 200, page('Studio', body));
}

/** Sends a small SVG avatar with the user's initial, for the `photo` URLs of the profile. */
export function sendAvatar(response: ServerResponse, user: StudioUser): void {
  const initial = escapeHtml(user.name.charAt(0).toUpperCase());
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64">' +
    '<rect width="64" height="64" fill="#4f46e5"/>' +
    `<text x="32" y="42" font-size="32" text-anchor="middle" fill="#fff">${initial}</text></svg>`;
  send(response, 200, 'image/svg+xml', svg);
}

const EVIL_FORM = page(
  EVIL_HOST,
  `<h1>${EVIL_HOST}</h1>\n` +
    `<form method="POST" action="${STUDIO_ORIGIN}/v1/api/projects">\n` +
    '<input type="hidden" name="projectName" value="forged">\n' +
    '<button type="submit">Create project</button>\n</form>',
);

const EVIL_FRAME = page(
  EVIL_HOST,
  `<h1>${EVIL_HOST}</h1>\n<iframe title="Studio" src="${STUDIO_ORIGIN}/"></iframe>`,
);

function hostPage(host: string): string {
  return page(host, `<h1>${host}</h1>`);
}

/** Sends the docs site's page: the same page for every path. */
export function sendDocsPage(response: ServerResponse): void {
  sendHtml(response, 200, hostPage(DOCS_HOST));
}

/**
 * Sends evil.example's pages: `/form` posts a form to a Studio API path, `/frame` embeds
 * Studio in an iframe, and every other path gets a plain page.
 */
export function sendEvilPage(request: RecordedRequest, response: ServerResponse): void {
  const pathname = pathnameOf(request);
  if (pathname === '/form') {
    sendHtml(response, 200, EVIL_FORM);
  } else if (pathname === '/frame') {
    sendHtml(response, 200, EVIL_FRAME);
  } else {
    sendHtml(response, 200, hostPage(request.host));
  }
}
