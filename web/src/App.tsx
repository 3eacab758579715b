import { useCallback, useEffect, useRef, useState } from "react";
import { request } from "./api/graphql";
import { onSessionChange, refreshSession, signedInUser, signOut } from "./api/session";
import { closeSocket } from "./api/ws";
import { graphql } from "./gql";
import type { ViewerQuery } from "./gql/graphql";
import { CompanyPage } from "./pages/CompanyPage";
import { SearchPage } from "./pages/SearchPage";
import { SignInPage } from "./pages/SignInPage";
import { ValuationFormPage } from "./pages/ValuationFormPage";
import { ValuationPage } from "./pages/ValuationPage";
import { ValuationsPage } from "./pages/ValuationsPage";
import { href, useRoute } from "./router";
import { ErrorNotice, Loading } from "./ui/Status";

const ViewerDocument = graphql(`
  query Viewer {
    me { role user { email } organisation { name tier } }
  }
`);

type Viewer = ViewerQuery["me"];

/** Who is using the page. In development an anonymous caller acts as the development user, so
 * `me` answers at once; in production the page first tries the session cookie, then asks. */
function useViewer() {
  const [viewer, setViewer] = useState<Viewer | null | undefined>(undefined);
  const [failed, setFailed] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      let result = await request(ViewerDocument);
      if (!result.data?.me.user && (await refreshSession())) result = await request(ViewerDocument);
      setViewer(result.data?.me.user ? result.data.me : null);
    } catch (error) {
      setFailed(error instanceof Error ? error.message : "The server cannot be reached.");
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  // A session that ends (signed out in another way, or its refresh refused) shows the sign-in.
  useEffect(() => {
    let signedIn = signedInUser() !== null;
    return onSessionChange(() => {
      const now = signedInUser() !== null;
      if (signedIn && !now) void load();
      signedIn = now;
    });
  }, [load]);
  return { viewer, failed, reload: load };
}

export function App() {
  const route = useRoute();
  const { viewer, failed, reload } = useViewer();
  const firstRoute = useRef(true);
  useEffect(() => {
    // After a navigation, focus moves to the new page as a full page load would move it, so a
    // screen reader starts reading there and the keyboard starts from the top of it.
    // A page that focused a field of its own on arrival (the search box) keeps it.
    const main = document.getElementById("main");
    if (firstRoute.current) firstRoute.current = false;
    else if (!main?.contains(document.activeElement) || document.activeElement === main) main?.focus();
  }, [route]);
  if (failed) return <ErrorNotice>{failed}</ErrorNotice>;
  if (viewer === undefined) return <Loading what="ipoval" />;
  if (viewer === null) return <SignInPage onSignedIn={() => void reload()} />;
  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          // The hash holds the route: move the focus without changing it.
          event.preventDefault();
          document.getElementById("main")?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="top">
        <a className="brand" href={href({ page: "search" })}>
          ipoval
        </a>
        <nav aria-label="Main">
          <a href={href({ page: "search" })} aria-current={route.page === "search" || route.page === "company" ? "page" : undefined}>
            Companies
          </a>
          <a href={href({ page: "value", industry: null })} aria-current={route.page === "value" ? "page" : undefined}>
            Value a company
          </a>
          <a href={href({ page: "valuations" })} aria-current={route.page === "valuations" || route.page === "valuation" ? "page" : undefined}>
            Valuations
          </a>
        </nav>
        <div className="who">
          <span className="muted small">
            {viewer.user?.email}
            {viewer.organisation && ` · ${viewer.organisation.name}`}
          </span>
          {signedInUser() && (
            <button
              type="button"
              className="link-button"
              onClick={() =>
                void signOut()
                  .then(() => {
                    closeSocket();
                    return reload();
                  })
                  .catch((error: Error) => window.alert(error.message))
              }
            >
              Sign out
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {route.page === "search" && <SearchPage />}
        {/* Keyed, so another company or job starts from a clean page, never the last one's. */}
        {route.page === "company" && <CompanyPage key={route.ticker} ticker={route.ticker} />}
        {route.page === "value" && <ValuationFormPage industry={route.industry} />}
        {route.page === "valuation" && <ValuationPage key={route.id} id={route.id} />}
        {route.page === "valuations" && <ValuationsPage />}
      </main>
      <footer className="muted small">
        Indicative only: not an independent expert's report. <a href="/graphql">API</a>
      </footer>
    </>
  );
}
