import { StepError } from "../../errors";
import { type Executor } from "./types";
import { sendHttp } from "./http";

// An OpenAI-compatible chat completion; the endpoint and key come from the environment.

export const llm: Executor = async (inputs, ctx) => {
  const base = process.env.LLM_BASE_URL;
  if (!base) throw new StepError("LLM_BASE_URL is not set: configure an OpenAI-compatible endpoint", false);
  const messages = Array.isArray(inputs.messages) ? inputs.messages : [{ role: "user", content: String(inputs.prompt ?? "") }];
  const body = { model: inputs.model ?? process.env.LLM_MODEL ?? "gpt-4o-mini", messages, ...(inputs.temperature !== undefined ? { temperature: inputs.temperature } : {}) };
  const headers: Record<string, string> = process.env.LLM_API_KEY ? { authorization: `Bearer ${process.env.LLM_API_KEY}` } : {};
  const res = await sendHttp({ method: "POST", url: `${base.replace(/\/$/, "")}/chat/completions`, headers, body }, ctx, { operator: true });
  if (res.status >= 400) throw new StepError(`the model endpoint answered ${res.status}`, res.status >= 500 || res.status === 429);
  const data = res.body as { model?: string; choices?: { message?: { content?: string } }[]; usage?: unknown };
  const content = data?.choices?.[0]?.message?.content;
  if (typeof content !== "string") throw new StepError("the model endpoint answered without choices[0].message.content");
  return { content, model: data.model ?? body.model, usage: data.usage ?? null };
};
