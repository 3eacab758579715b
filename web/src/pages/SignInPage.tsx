import { useId, useState } from "react";
import { SignInRefused, signIn } from "../api/session";

export function SignInPage({ onSignedIn }: { onSignedIn: () => void }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const emailId = useId();
  const passwordId = useId();
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSending(true);
    setError(null);
    try {
      await signIn(email, password);
      onSignedIn();
    } catch (failure) {
      setError(failure instanceof SignInRefused ? failure.message : "The server cannot be reached.");
    } finally {
      setSending(false);
    }
  };
  return (
    <div className="page narrow">
      <h1>Sign in to ipoval</h1>
      <form onSubmit={submit} className="card">
        {error && (
          <p className="notice notice-error" role="alert" id="sign-in-error">
            {error}
          </p>
        )}
        <div className="field">
          <label htmlFor={emailId}>E-mail</label>
          <input id={emailId} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={passwordId}>Password</label>
          <input
            id={passwordId}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <button type="submit" className="primary" disabled={sending}>
          {sending ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </div>
  );
}
