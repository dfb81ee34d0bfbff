import { crystallizeThreadRoute } from "@/app/api/v1/_shared/crystallize-route";

// POST /api/v1/chat/threads/{thread_id}/crystallize
export const POST = crystallizeThreadRoute;
