import { ApiError } from "../api/errors";

/** Workspace-wide credentials and security settings are the owners' and admins' to manage. */
export function assertAdmin(role: string, what: string) {
  if (role !== "owner" && role !== "admin") throw new ApiError("forbidden", `Only workspace owners and admins can ${what}`);
}
