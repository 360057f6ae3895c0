// The request and response of the wallet function, as much of Express as it uses (so tests and the
// router share one shape), and a route table.

export interface WalletRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface WalletResponse {
  status(code: number): WalletResponse;
  set(field: string, value: string): WalletResponse;
  send(body?: string | Buffer): unknown;
  redirect(status: number, url: string): unknown;
}

export type Handler<D> = (deps: D, params: string[], req: WalletRequest, res: WalletResponse) => Promise<unknown>;

export interface Route<D> {
  method: 'GET' | 'POST' | 'DELETE';
  pattern: RegExp;
  handler: Handler<D>;
}

export function header(req: WalletRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** Dispatches to the first route whose method and path match; 404 otherwise, 405 for a known path. */
export async function route<D>(routes: Route<D>[], deps: D, req: WalletRequest, res: WalletResponse): Promise<void> {
  const matching = routes.filter((r) => r.pattern.test(req.path));
  const found = matching.find((r) => r.method === req.method);
  if (!found) {
    res.status(matching.length ? 405 : 404).send();
    return;
  }
  const params = found.pattern
    .exec(req.path)!
    .slice(1)
    .map((p) => decodeURIComponent(p));
  await found.handler(deps, params, req, res);
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A short page for a person who followed a link (expired, revoked card…). */
export function page(res: WalletResponse, status: number, text: string): void {
  res
    .status(status)
    .set('content-type', 'text/html; charset=utf-8')
    .set('cache-control', 'no-store')
    .send(`<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>regulars</title><p>${escape(text)}</p>`);
}
