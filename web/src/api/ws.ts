import { createClient, type Client } from "graphql-ws";
import type { TypedDocumentString } from "../gql/graphql";
import { currentToken } from "./session";

export type SocketState = "idle" | "connecting" | "connected" | "reconnecting";

let client: Client | null = null;
// Operations still running: a close with none is the lazy socket going idle, not a lost connection.
let active = 0;
const stateListeners = new Set<(state: SocketState) => void>();

function notify(state: SocketState): void {
  stateListeners.forEach((listener) => listener(state));
}

function socketUrl(): string {
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${window.location.host}/graphql`;
}

/** One socket for the page, opened on first use. graphql-ws retries a dropped socket with
 * backoff and subscribes again; the server answers a new subscription with the job's stored
 * state first, so the view catches up on whatever it missed while disconnected. */
function socket(): Client {
  if (!client) {
    client = createClient({
      url: socketUrl(),
      lazy: true,
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => true,
      // Evaluated on every (re)connection, so a reconnect carries a fresh token (4403 "Token
      // expired" closes the socket when the old one ends).
      connectionParams: async () => {
        const token = await currentToken();
        return token ? { authorization: `Bearer ${token}` } : {};
      },
      on: {
        connecting: (isRetry) => notify(isRetry ? "reconnecting" : "connecting"),
        connected: () => notify("connected"),
        closed: () => notify(active > 0 ? "reconnecting" : "idle"),
      },
    });
  }
  return client;
}

/** Close the page's socket and forget it: after signing out, the next subscription opens a new
 * socket with the new credentials. */
export function closeSocket(): void {
  void client?.dispose();
  client = null;
  active = 0;
}

export function onSocketState(listener: (state: SocketState) => void): () => void {
  stateListeners.add(listener);
  return () => stateListeners.delete(listener);
}

export interface Subscriber<T> {
  next: (data: T) => void;
  error: (message: string) => void;
  complete: () => void;
}

export function subscribe<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  subscriber: Subscriber<TResult>,
): () => void {
  let running = true;
  active += 1;
  const finish = () => {
    if (running) active -= 1;
    running = false;
  };
  const unsubscribe = socket().subscribe<TResult>(
    { query: document.toString(), variables: variables as Record<string, unknown> },
    {
      next: (result) => {
        if (result.errors?.length) subscriber.error(result.errors.map((e) => e.message).join(" "));
        else if (result.data) subscriber.next(result.data);
      },
      error: (error) => {
        finish();
        subscriber.error(errorMessage(error));
      },
      complete: () => {
        finish();
        subscriber.complete();
      },
    },
  );
  return () => {
    finish();
    unsubscribe();
  };
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === "object" && "code" in error) {
    const close = error as { code: number; reason?: string };
    return `The live connection closed (${close.code}${close.reason ? `: ${close.reason}` : ""}).`;
  }
  return "The live connection failed.";
}
