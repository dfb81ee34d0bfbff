import { crystallizeRunRoute } from "@/app/api/v1/_shared/crystallize-route";

// POST /api/v1/agents/runs/{run_id}/crystallize
export const POST = crystallizeRunRoute;
