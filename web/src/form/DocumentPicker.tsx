import { useCallback, useEffect, useId, useState } from "react";
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
  onSelect: (ids: string[]) => void;
  onFill: (document: StoredDocument) => void;
}

/** The organisation's documents: attach completed ones to the valuation (figures the form leaves
 * empty come from them, with their page cited), upload another, or copy one's figures into the
 * form to edit them. */
export function DocumentPicker({ selected, onSelect, onFill }: Props) {
  const [documents, setDocuments] = useState<StoredDocument[] | null>(null);
  const [progress, setProgress] = useState<Record<string, string>>({});
  const [uploadError, setUploadError] = useState<string | null>(null);
  const uploadId = useId();

  const reload = useCallback(() => {
    request(DocumentsForFormDocument)
      .then((result) => setDocuments(result.data?.documents ?? []))
      .catch(() => setDocuments([]));
  }, []);
  useEffect(reload, [reload]);

  const follow = (id: string) =>
    subscribe(DocumentProgressDocument, { id }, {
      next: ({ documentProgress: event }) => {
        setProgress((current) => ({ ...current, [id]: `${event.percent} % · ${event.message}` }));
        if (event.status === "COMPLETED") {
          onSelect([...selected.filter((s) => s !== id), id]);
          reload();
        } else if (event.status === "FAILED") reload();
      },
      error: (message) => setProgress((current) => ({ ...current, [id]: message })),
      complete: reload,
    });

  const upload = async (file: File) => {
    setUploadError(null);
    const uploaded = await uploadDocument(file);
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
                  onChange={(event) =>
                    onSelect(
                      event.target.checked ? [...selected, document.id] : selected.filter((id) => id !== document.id),
                    )
                  }
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
