/** How the loopback GitHub API answers: JSON with api.github.com's headers, its error shape, its Link header. */
import type { ServerResponse } from 'node:http';

const DOCS = 'https://docs.github.com/rest/issues/comments';

/** The Link header api.github.com sends: prev, next, last, first, each only when it applies. */
export function describeLinks(url: URL, page: number, lastPage: number): string {
  const linkTo = (target: number, rel: string): string => {
    const next = new URL(url);
    next.searchParams.set('page', String(target));
    return `<${next.href}>; rel="${rel}"`;
  };
  const links = [
    page > 1 ? linkTo(Math.min(page - 1, lastPage), 'prev') : '',
    page < lastPage ? linkTo(page + 1, 'next') : '',
    page < lastPage ? linkTo(lastPage, 'last') : '',
    page > 1 ? linkTo(1, 'first') : '',
  ];
  return links.filter((link) => link !== '').join(', ');
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: object = {}): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'X-GitHub-Media-Type': 'github.v3; format=json',
  });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { message, documentation_url: DOCS, status: String(status) });
}
