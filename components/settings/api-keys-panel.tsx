"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api/api-client";
import { formatTimestamp } from "@/components/format";

export interface ApiKeyRow {
  id: string;
  name: string;
  role: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
}

/** Admins create keys (the secret is shown once, here) and revoke them. */
export function ApiKeysPanel({ keys }: { keys: ApiKeyRow[] }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [role, setRole] = useState("viewer");
  const create = useMutation({
    mutationFn: () => apiFetch<{ id: string; key: string }>("/api/v1/api-keys", { method: "POST", body: { name, role } }),
    onSuccess: () => {
      setName("");
      router.refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/v1/api-keys/${id}`, { method: "DELETE" }),
    onSuccess: () => router.refresh(),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <div className="stack">
      {keys.length === 0 ? <p className="subtle">No API keys yet.</p> : (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">API keys of this workspace</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Key</th><th scope="col">Role</th><th scope="col" className="hide-sm">Last used</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id}>
                  <td>{k.name}</td>
                  <td><code>{k.prefix}…</code></td>
                  <td>{k.role}</td>
                  <td className="hide-sm">{k.last_used_at ? formatTimestamp(k.last_used_at) : "never"}</td>
                  <td>
                    <button type="button" className="btn small danger" disabled={revoke.isPending} onClick={() => revoke.mutate(k.id)} aria-label={`Revoke key ${k.name}`}>Revoke</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="inline" onSubmit={submit} aria-label="New API key">
        <div className="field">
          <label htmlFor="key-name">Name</label>
          <input id="key-name" type="text" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="key-role">Role</label>
          <select id="key-role" value={role} onChange={(e) => setRole(e.target.value)}>
            <option value="viewer">viewer</option>
            <option value="analyst">analyst</option>
            <option value="admin">admin</option>
          </select>
        </div>
        <button type="submit" className="btn primary" disabled={create.isPending || !name.trim()}>Create key</button>
      </form>
      <div aria-live="polite">
        {create.data ? (
          <div className="notice ok">
            <p style={{ margin: "0 0 0.25rem" }}>Copy this key now: it is stored hashed and will not be shown again.</p>
            <code style={{ wordBreak: "break-all" }} data-testid="new-api-key">{create.data.key}</code>
          </div>
        ) : null}
        {create.error || revoke.error ? <p className="notice error" role="alert">{(create.error ?? revoke.error)!.message}</p> : null}
      </div>
    </div>
  );
}
