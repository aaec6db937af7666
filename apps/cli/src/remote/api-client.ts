/**
 * The CLI's one HTTP client for a Planverk api: Node's fetch, the bearer token on every request,
 * and every failure as one error that names the server and the api's own message (never the token).
 */

type QueryValue = string | number | boolean | undefined;

export interface ApiRequest {
  readonly method?: 'GET' | 'POST';
  /** Path segments below the server's address; each is encoded. */
  readonly path: readonly string[];
  readonly query?: Readonly<Record<string, QueryValue>>;
  /** A JSON body, or text with its content type. */
  readonly json?: unknown;
  readonly text?: { readonly body: string; readonly type: string };
  /** A multipart/form-data body (a file to upload, with its fields). */
  readonly form?: FormData;
}

/** The api answered with an error status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The api's answer as it sent it (JSON), where it was JSON: a refusal's parts, say. */
    readonly body?: unknown,
  ) {
    super(message);
  }
}

/** The server could not be reached, or did not answer in time. */
export class ServerUnreachable extends Error {}

const TIMEOUT_SECONDS = 300;

export class ApiClient {
  constructor(
    readonly server: URL,
    private readonly token: string | undefined,
  ) {}

  /** Where the requests go, for messages: the address as given, without query or credentials. */
  get address(): string {
    return this.server.href.replace(/\/$/, '');
  }

  async json<T>(request: ApiRequest): Promise<T> {
    const response = await this.send(request, 'application/json');
    const text = await response.text();
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError(
        response.status,
        `${this.address} did not answer with JSON (${response.headers.get('content-type') ?? 'no content type'}); is it a Planverk api?`,
      );
    }
  }

  async text(request: ApiRequest): Promise<string> {
    return (await this.send(request, '*/*')).text();
  }

  async bytes(request: ApiRequest): Promise<Uint8Array> {
    return new Uint8Array(await (await this.send(request, '*/*')).arrayBuffer());
  }

  private async send(request: ApiRequest, accept: string): Promise<Response> {
    const url = new URL(request.path.map(encodeURIComponent).join('/'), this.server);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = { Accept: accept };
    if (this.token !== undefined) headers.Authorization = `Bearer ${this.token}`;
    let body: string | FormData | undefined;
    if (request.form !== undefined) {
      // fetch sets the multipart content type with its boundary.
      body = request.form;
    } else if (request.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.text !== undefined) {
      headers['Content-Type'] = `${request.text.type}; charset=utf-8`;
      body = request.text.body;
    }
    let response: Response;
    try {
      response = await fetch(url, {
        method: request.method ?? 'GET',
        headers,
        ...(body !== undefined ? { body } : {}),
        redirect: 'error',
        signal: AbortSignal.timeout(TIMEOUT_SECONDS * 1000),
      });
    } catch (error) {
      throw this.unreachable(error);
    }
    if (!response.ok) throw await this.refusal(response);
    return response;
  }

  private unreachable(error: unknown): ServerUnreachable {
    const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError') {
      return new ServerUnreachable(
        `no answer from the Planverk server at ${this.address} within ${TIMEOUT_SECONDS} s`,
      );
    }
    const why = e.cause?.code ?? e.cause?.message ?? e.message ?? String(error);
    return new ServerUnreachable(`cannot reach the Planverk server at ${this.address} (${why})`);
  }

  private async refusal(response: Response): Promise<ApiError> {
    const text = await response.text().catch(() => '');
    let message: string | undefined;
    let parsed: unknown;
    try {
      const body = JSON.parse(text) as { message?: unknown };
      parsed = body;
      if (typeof body.message === 'string') message = body.message;
      else if (Array.isArray(body.message)) message = body.message.map(String).join('; ');
    } catch {
      // not JSON: a proxy's page, say; its status says enough
    }
    const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    const parts = [`${this.address} answered ${status}${message ? `: ${message}` : ''}`];
    const retryAfter = response.headers.get('retry-after');
    if (retryAfter && (response.status === 429 || response.status === 503)) {
      parts.push(`retry after ${/^\d+$/.test(retryAfter) ? `${retryAfter} s` : retryAfter}`);
    }
    if (response.status === 401) {
      parts.push(
        this.token === undefined
          ? 'send a token with --token or PLANVERK_TOKEN (planverk --server URL login makes one)'
          : 'check the token in --token or PLANVERK_TOKEN',
      );
    }
    return new ApiError(response.status, parts.join('; '), parsed);
  }
}
