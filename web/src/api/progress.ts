import { useEffect, useState } from "react";
import { graphql } from "../gql";
import type { ValuationProgressSubscription } from "../gql/graphql";
import { onSocketState, type SocketState, subscribe } from "./ws";

const ValuationProgressDocument = graphql(`
  subscription ValuationProgress($id: ID!) {
    valuationProgress(id: $id) { jobId seq status stage percent message }
  }
`);

export type ProgressEvent = ValuationProgressSubscription["valuationProgress"];
const TERMINAL = new Set(["COMPLETED", "FAILED", "CANCELLED"]);

export interface Progress {
  event: ProgressEvent | null;
  socket: SocketState;
  error: string | null;
}

/** A job's progress, live. The server starts every subscription with the job's stored state, so
 * when graphql-ws reconnects after a dropped socket and subscribes again, the view catches up at
 * once; an event older than one already shown (by seq) is ignored. */
export function useValuationProgress(id: string, enabled: boolean): Progress {
  const [event, setEvent] = useState<ProgressEvent | null>(null);
  const [socket, setSocket] = useState<SocketState>("connecting");
  const [error, setError] = useState<string | null>(null);
  useEffect(() => onSocketState(setSocket), []);
  useEffect(() => {
    if (!enabled) return;
    let latest = -1;
    return subscribe(ValuationProgressDocument, { id }, {
      next: ({ valuationProgress }) => {
        if (valuationProgress.seq < latest) return;
        latest = valuationProgress.seq;
        setEvent(valuationProgress);
        setError(null);
      },
      error: setError,
      complete: () => undefined,
    });
  }, [id, enabled]);
  return { event, socket, error };
}

export function isTerminal(status: string | undefined | null): boolean {
  return status !== undefined && status !== null && TERMINAL.has(status);
}
