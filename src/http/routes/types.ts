import type { RouteConfig, RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";

export type Handler<R extends RouteConfig> = RouteHandler<R, AppEnv>;

/** 201 Created as FreeScout answers it: `Resource-ID`, `Location` and the entity. */
export function createdHeaders(requestUrl: string, path: string, id: number) {
  return { "Resource-ID": String(id), Location: new URL(`${path}/${id}`, requestUrl).toString() };
}
