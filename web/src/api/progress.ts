import { useEffect, useState } from "react";
import { request } from "./graphql";
import { graphql } from "../gql";
import type { ValuationProgressSubscription } from "../gql/graphql";
import { onSocketState, type SocketState, subscribe } from "./ws";

const ValuationProgressDocument = graphql(`
  subscription ValuationProgress($id: ID!) {
    valuationProgress(id: $id) { jobId seq status stage percent message }
  }
`);

const StoredProgressDocument = graphql(`
  query StoredProgress($id: ID!) {
    valuation(id: $id) { id status stage progress }
  }
`);
const POLL_MS = 2000;

export type ProgressEvent = ValuationProgressSubscription["valuationProgress"];
const TERMINAL = new Set(["COMPLETED", "FAILED", "CANCELLED"]);

export interface Progress {
  event: ProgressEvent | null;
  socket: SocketState;
  error: string | null;
}

/** A job's progress, live. The server starts every subscription with the job's stored state, so
 * when graphql-ws reconnects after a dropped socket and subscribes again, the view catches up at
 * once; an event older than one already shown (by seq) is ignored. When the socket ends for good
 * (a close graphql-ws does not retry), the stored state is polled over HTTP instead. */
export function useValuationProgress(id: string, enabled: boolean): Progress {
  const [event, setEvent] = useState<ProgressEvent | null>(null);
  const [socket, setSocket] = useState<SocketState>("connecting");
  const [error, setError] = useState<string | null>(null);
  useEffect(() => onSocketState(setSocket), []);
  useEffect(() => {
    if (!enabled) return;
    let latest = -1;
    let timer = 0;
    let live = true;
    let polling = false;
    const poll = async () => {
      const stored = (await request(StoredProgressDocument, { id }).catch(() => null))?.data?.valuation;
      if (!live) return;
      if (stored) {
        setEvent((current) => ({
          jobId: stored.id,
          seq: current?.seq ?? 0,
          status: stored.status,
          stage: stored.stage,
          percent: stored.progress,
          message: current?.message ?? "",
        }));
      }
      // An unknown job (null) or an ended one stops the polling.
      if (stored && !isTerminal(stored.status)) timer = window.setTimeout(poll, POLL_MS);
    };
    const unsubscribe = subscribe(ValuationProgressDocument, { id }, {
      next: ({ valuationProgress }) => {
        if (valuationProgress.seq < latest) return;
        latest = valuationProgress.seq;
        setEvent(valuationProgress);
        setError(null);
      },
      error: (message) => {
        setError(`${message} Following the stored progress instead.`);
        if (!polling) {
          polling = true;
          void poll();
        }
      },
      complete: () => undefined,
    });
    return () => {
      live = false;
      unsubscribe();
      window.clearTimeout(timer);
    };
  }, [id, enabled]);
  return { event, socket, error };
}

export function isTerminal(status: string | undefined | null): boolean {
  return status !== undefined && status !== null && TERMINAL.has(status);
}
