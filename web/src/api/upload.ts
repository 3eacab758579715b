import { currentToken } from "./session";

// The GraphQL multipart request spec, as the server takes uploads; X-Requested-With is its CSRF
// guard (a cross-site page cannot send it without a preflight the server never grants).
const UPLOAD = `mutation Upload($file: Upload!, $fiscalYearEnd: Date) {
  uploadDocument(file: $file, fiscalYearEnd: $fiscalYearEnd) {
    document { id filename status }
    userErrors { code message }
  }
}`;

export interface Uploaded {
  id: string | null;
  error: string | null;
}

/** `fiscalYearEnd` dates the columns a document leaves undated (a workbook headed FY / PY). */
export async function uploadDocument(file: File, fiscalYearEnd: string | null): Promise<Uploaded> {
  const body = new FormData();
  body.append("operations", JSON.stringify({ query: UPLOAD, variables: { file: null, fiscalYearEnd } }));
  body.append("map", JSON.stringify({ 0: ["variables.file"] }));
  body.append("0", file, file.name);
  const token = await currentToken();
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "X-Requested-With": "ipoval", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const result = (await response.json().catch(() => null)) as {
    data?: { uploadDocument: { document: { id: string } | null; userErrors: { message: string }[] } };
    errors?: { message: string }[];
  } | null;
  const payload = result?.data?.uploadDocument;
  if (payload?.document) return { id: payload.document.id, error: null };
  const message = payload?.userErrors[0]?.message ?? result?.errors?.[0]?.message ?? `The server answered ${response.status}.`;
  return { id: null, error: message };
}
