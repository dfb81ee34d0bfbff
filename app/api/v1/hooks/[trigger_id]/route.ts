// Defined in lib so the webhook listener in front of Next (lib/bootstrap/fast-routes.ts) serves the same handler.
export { deliverWebhook as POST } from "@/lib/triggers/webhook-route";
