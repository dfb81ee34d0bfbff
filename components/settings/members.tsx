"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Copy } from "lucide-react";
import { useState, type FormEvent } from "react";
import { api } from "@/lib/client/api";
import type { CreatedInvite, Role } from "@/lib/client/types";
import { inviteKeys, inviteListQuery, memberKeys, memberListQuery } from "@/lib/queries/members";
import { meKeys, meQuery, workspaceKeys } from "@/lib/queries/workspaces";
import { Button, EmptyState, ErrorAlert, formatTime, inputClass, ListTableHead, Loading, PageHeader, StatusBadge } from "../ui/ui";

/** Who is in the workspace; owners and admins invite people by link, owners change roles. */
export function Members() {
  const qc = useQueryClient();
  const me = useQuery(meQuery());
  const role = me.data?.actor.role;
  const canInvite = role === "owner" || role === "admin";
  const isOwner = role === "owner";
  const members = useQuery(memberListQuery());
  const invites = useQuery({ ...inviteListQuery(), enabled: canInvite });
  const [link, setLink] = useState<{ email: string; url: string } | null>(null);
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: inviteKeys.all }), qc.invalidateQueries({ queryKey: memberKeys.all })]);
  // An owner's role change can be their own: the shell's menu and the workspace switcher show it.
  const roleChanged = () => Promise.all([refresh(), qc.invalidateQueries({ queryKey: meKeys.all }), qc.invalidateQueries({ queryKey: workspaceKeys.list() })]);
  const invite = useMutation({
    mutationFn: (b: { email: string; role: Role }) => api<CreatedInvite>("/api/v1/invites", { method: "POST", json: b }),
    onSuccess: (i) => {
      setLink({ email: i.email, url: i.url });
      void refresh();
    },
  });
  const revoke = useMutation({ mutationFn: (id: string) => api(`/api/v1/invites/${id}`, { method: "DELETE" }), onSuccess: refresh });
  const setRole = useMutation({ mutationFn: (b: { userId: string; role: Role }) => api(`/api/v1/members/${b.userId}`, { method: "PATCH", json: { role: b.role } }), onSuccess: roleChanged });
  const remove = useMutation({ mutationFn: (userId: string) => api(`/api/v1/members/${userId}`, { method: "DELETE" }), onSuccess: refresh });

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    invite.mutate({ email: String(data.get("email")), role: String(data.get("role")) as Role }, { onSuccess: () => form.reset() });
  }
  const pending = invites.data?.data.filter((i) => i.status === "pending") ?? [];

  return (
    <>
      <PageHeader title="Members" />
      <p className="mb-4 max-w-2xl text-sm text-slate-600 dark:text-slate-400">
        Owners and admins manage keys, tool providers, data sources, invites and security settings; members use the workspace. Only owners change roles.
      </p>
      {canInvite && (
        <form onSubmit={submit} className="mb-4 flex max-w-2xl gap-2" aria-label="Invite someone">
          <label className="flex-1">
            <span className="sr-only">Email to invite</span>
            <input name="email" type="email" required className={inputClass} placeholder="Email to invite, e.g. sam@example.com" />
          </label>
          <label>
            <span className="sr-only">Role</span>
            <select name="role" defaultValue="member" className={inputClass}>
              <option value="member">Member</option>
              <option value="admin">Admin</option>
              {isOwner && <option value="owner">Owner</option>}
            </select>
          </label>
          <Button type="submit" variant="primary" disabled={invite.isPending}>Invite</Button>
        </form>
      )}
      {link && (
        <div role="status" className="mb-4 max-w-2xl rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-800 dark:bg-emerald-950">
          <p className="font-medium">Send this link to {link.email}: this installation sends no email, and the link is shown only now. It works once, for that address, for 7 days.</p>
          <div className="mt-2 flex items-center gap-2">
            <code className="flex-1 break-all" data-testid="invite-link">{link.url}</code>
            <Button onClick={() => navigator.clipboard.writeText(link.url)} aria-label="Copy the link">
              <Copy className="size-4" aria-hidden />
            </Button>
            <Button variant="ghost" onClick={() => setLink(null)}>Done</Button>
          </div>
        </div>
      )}
      <ErrorAlert error={members.error ?? invites.error ?? invite.error ?? revoke.error ?? setRole.error ?? remove.error} />
      {members.isPending ? (
        <Loading />
      ) : (
        <table className="mb-8 w-full max-w-4xl text-left text-sm" aria-label="Members">
          <ListTableHead columns={["Name", "Email", "Role", "Joined", ""]} />
          <tbody>
            {members.data?.data.map((m) => (
              <tr key={m.user_id} className="border-t border-slate-200 dark:border-slate-800">
                <td className="py-2">{m.name}</td>
                <td>{m.email}</td>
                <td>
                  {isOwner ? (
                    <select aria-label={`Role of ${m.email}`} value={m.role} onChange={(e) => setRole.mutate({ userId: m.user_id, role: e.target.value as Role })} className="rounded border border-slate-300 bg-transparent px-2 py-1 dark:border-slate-700">
                      <option value="owner">Owner</option>
                      <option value="admin">Admin</option>
                      <option value="member">Member</option>
                    </select>
                  ) : (
                    <StatusBadge status={m.role} />
                  )}
                </td>
                <td>{formatTime(m.joined_at)}</td>
                <td className="text-right">
                  {isOwner && m.user_id !== me.data?.actor.id && (
                    <Button variant="danger" className="text-xs" onClick={() => confirm(`Remove ${m.email} from this workspace?`) && remove.mutate(m.user_id)}>
                      Remove
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canInvite && (
        <>
          <h2 className="mb-2 text-lg font-semibold">Pending invites</h2>
          {invites.isPending ? (
            <Loading />
          ) : pending.length === 0 ? (
            <EmptyState title="No pending invites">Invite someone above; they get a link to sign up with.</EmptyState>
          ) : (
            <table className="w-full max-w-4xl text-left text-sm" aria-label="Pending invites">
              <ListTableHead columns={["Email", "Role", "Invited", "Expires", ""]} />
              <tbody>
                {pending.map((i) => (
                  <tr key={i.id} className="border-t border-slate-200 dark:border-slate-800">
                    <td className="py-2">{i.email}</td>
                    <td><StatusBadge status={i.role} /></td>
                    <td>{formatTime(i.created_at)}</td>
                    <td>{formatTime(i.expires_at)}</td>
                    <td className="text-right">
                      <Button variant="danger" className="text-xs" onClick={() => confirm(`Revoke the invite for ${i.email}?`) && revoke.mutate(i.id)}>
                        Revoke
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </>
  );
}
