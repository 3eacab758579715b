import { useCallback, useEffect, useId, useRef, useState } from "react";
import { request } from "../api/graphql";
import { uploadDocument } from "../api/upload";
import { subscribe } from "../api/ws";
import { date, label } from "../format";
import { graphql } from "../gql";
import type { DocumentsForFormQuery } from "../gql/graphql";

const DocumentsForFormDocument = graphql(`
  query DocumentsForForm {
    documents(first: 50) {
      id
      filename
      kind
      status
      progress
      createdAt
      error { message }
      extraction {
        periods {
          fiscalYearEnd revenue ebitda ebit netIncome depreciationAndAmortisation
          capitalExpenditure changeInWorkingCapital cash borrowings leaseLiabilities sharesOutstanding
        }
      }
    }
  }
`);

const DocumentProgressDocument = graphql(`
  subscription DocumentProgress($id: ID!) {
    documentProgress(id: $id) { documentId status percent message }
  }
`);

export type StoredDocument = DocumentsForFormQuery["documents"][number];

interface Props {
  selected: string[];
  onSelect: (update: (ids: string[]) => string[]) => void;
  onFill: (document: StoredDocument) => void;
}

/** The organisation's documents: attach completed ones to the valuation (figures the form leaves
 * empty come from them, with their page cited), upload another, or copy one's figures into the
 * form to edit them. */
export function DocumentPicker({ selected, onSelect, onFill }: Props) {
  const [documents, setDocuments] = useState<StoredDocument[] | null>(null);
  const [progress, setProgress] = useState<Record<string, string>>({});
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [yearEnd, setYearEnd] = useState("");
  const uploadId = useId();
  const yearEndId = useId();

  const reload = useCallback(() => {
    request(DocumentsForFormDocument)
      .then((result) => setDocuments(result.data?.documents ?? []))
      .catch(() => setDocuments([]));
  }, []);
  useEffect(reload, [reload]);
  // Uploads followed live; their subscriptions end with the page.
  const following = useRef(new Set<() => void>());
  useEffect(() => {
    const live = following.current;
    return () => {
      live.forEach((unsubscribe) => unsubscribe());
      live.clear();
    };
  }, []);

  const follow = (id: string) => {
    const unsubscribe = subscribe(DocumentProgressDocument, { id }, {
      next: ({ documentProgress: event }) => {
        setProgress((current) => ({ ...current, [id]: `${event.percent} % · ${event.message}` }));
        if (event.status === "COMPLETED") {
          // Attached on completion, whatever else was chosen meanwhile.
          onSelect((ids) => (ids.includes(id) ? ids : [...ids, id]));
          reload();
        } else if (event.status === "FAILED") reload();
      },
      error: (message) => setProgress((current) => ({ ...current, [id]: message })),
      complete: () => {
        following.current.delete(unsubscribe);
        reload();
      },
    });
    following.current.add(unsubscribe);
  };

  const upload = async (file: File) => {
    setUploadError(null);
    const uploaded = await uploadDocument(file, yearEnd || null);
    if (!uploaded.id) {
      setUploadError(uploaded.error);
      return;
    }
    reload();
    follow(uploaded.id);
  };

  return (
    <fieldset className="documents">
      <legend>From documents (optional)</legend>
      <p className="muted small">
        Attach an annual report, a statement scan or a workbook: the years and balances the form
        leaves empty are read from it, each figure cited with its page.
      </p>
      <div className="field">
        <label htmlFor={yearEndId}>Its latest fiscal year end (optional)</label>
        <input id={yearEndId} type="date" value={yearEnd} aria-describedby={`${yearEndId}-hint`} onChange={(event) => setYearEnd(event.target.value)} />
        <p id={`${yearEndId}-hint`} className="hint">
          Dates columns the document leaves undated, such as a workbook headed only FY and PY.
        </p>
      </div>
      <label htmlFor={uploadId}>Upload a document (PDF, image, XLSX or CSV)</label>
      <input
        id={uploadId}
        type="file"
        accept=".pdf,.png,.jpg,.jpeg,.tif,.tiff,.xlsx,.csv"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void upload(file);
          event.target.value = "";
        }}
      />
      {uploadError && (
        <p className="field-error" role="alert">
          {uploadError}
        </p>
      )}
      {documents && documents.length > 0 && (
        <ul className="document-list">
          {documents.map((document) => {
            const usable = document.status === "COMPLETED";
            const checkboxId = `document-${document.id}`;
            return (
              <li key={document.id}>
                <input
                  id={checkboxId}
                  type="checkbox"
                  disabled={!usable}
                  checked={selected.includes(document.id)}
                  onChange={(event) => {
                    const checked = event.target.checked;
                    onSelect((ids) => (checked ? [...ids, document.id] : ids.filter((id) => id !== document.id)));
                  }}
                />
                <label htmlFor={checkboxId}>
                  {document.filename} <span className="muted small">({label(document.kind)}, {date(document.createdAt)})</span>
                </label>{" "}
                <span className="badge">{progress[document.id] ?? label(document.status)}</span>
                {document.error && <span className="field-error"> {document.error.message}</span>}
                {usable && document.extraction && (
                  <button type="button" className="link-button" onClick={() => onFill(document)}>
                    Copy its figures into the form
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
