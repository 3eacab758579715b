import type { TypedDocumentString } from "../gql/graphql";
import { currentToken, hasToken, refreshSession } from "./session";

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string[] };
}

export interface GraphQLResult<T> {
  data: T | null;
  errors: GraphQLErrorShape[];
}

/** Raised when there is no answer at all (network down, a server error page): not a field error. */
export class RequestFailed extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

async function post<T>(query: string, variables: unknown): Promise<{ status: number; body: GraphQLResult<T> }> {
  let response: Response;
  try {
    const token = await currentToken();
    response = await fetch("/graphql", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/graphql-response+json, application/json",
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new RequestFailed("The server cannot be reached. Check the connection and try again.", "NETWORK");
  }
  let parsed: { data?: T | null; errors?: GraphQLErrorShape[] };
  try {
    parsed = (await response.json()) as typeof parsed;
  } catch {
    throw new RequestFailed(`The server answered ${response.status} without GraphQL.`, `HTTP_${response.status}`);
  }
  return { status: response.status, body: { data: parsed.data ?? null, errors: parsed.errors ?? [] } };
}

function unauthenticated(status: number, errors: GraphQLErrorShape[]): boolean {
  return status === 401 || errors.some((e) => e.extensions?.code === "UNAUTHENTICATED");
}

/** Run a typed operation. Field errors come back beside the data (a failing upstream degrades a
 * field, not the page); an expired token is refreshed once and the request repeated. */
export async function request<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
): Promise<GraphQLResult<TResult>> {
  const query = document.toString();
  let { status, body } = await post<TResult>(query, variables ?? {});
  if (unauthenticated(status, body.errors) && hasToken() && (await refreshSession())) {
    ({ status, body } = await post<TResult>(query, variables ?? {}));
  }
  if (status >= 500 && body.data === null) {
    const first = body.errors[0];
    throw new RequestFailed(first?.message ?? `The server answered ${status}.`, first?.extensions?.code ?? `HTTP_${status}`);
  }
  return body;
}

export function errorText(errors: GraphQLErrorShape[]): string | null {
  return errors.length ? errors.map((e) => e.message).join(" ") : null;
}
