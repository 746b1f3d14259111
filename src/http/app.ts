/**
 * Builds the Hono app: configuration, CORS, errors, auth, body parsing, then every route.
 * Routes are declared once with zod (src/routes) and the OpenAPI document is generated from them.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ApiError, errorResponse } from "../lib/errors";
import { BOOKMARK_HEADER, requestServices } from "../services";
import type { AppEnv } from "./env";
import { requireApiKey } from "./middleware/auth";
import { requestBody } from "./middleware/body";
import { cors } from "./middleware/cors";
import { idempotency } from "./middleware/idempotency";
import { keyScope } from "./middleware/keyScope";
import { rateLimit } from "./middleware/rateLimit";
import { requireConfig } from "./middleware/requireConfig";
import { registerRoutes } from "./routes";
import { openApiInfo, registerSecuritySchemes } from "./routes/openapi";
import { RouteTable } from "./routeTable";
import { validationHook } from "./validationHook";

const PUBLIC_PATHS = new Set(["/api/openapi.json"]);

export function createApp() {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: validationHook,
  });

  let routeTable: RouteTable | undefined;
  const allowedMethods = (path: string) => {
    routeTable ??= new RouteTable(app.routes);
    return routeTable.allowedMethods(path);
  };

  // D1 first: services, the key check and every endpoint read it. Each request has its own D1
  // session (read replication): see sessionStart in src/services.ts.
  app.use("*", requireConfig(["DB"]));
  app.use("*", async (c, next) => {
    const { services, serverTiming, bookmark } = requestServices(
      c.env,
      { waitUntil: (task) => c.executionCtx.waitUntil(task) },
      { method: c.req.method, origin: new URL(c.req.url).origin, bookmark: c.req.header(BOOKMARK_HEADER) },
    );
    c.set("services", services);
    c.set("config", services.config);
    c.set("db", services.db);
    await next();
    c.header("Server-Timing", serverTiming(), { append: true });
    // The session's latest bookmark: sent back, the next read sees at least what this one did.
    const latest = bookmark();
    if (latest) c.header(BOOKMARK_HEADER, latest);
  });
  app.use("*", cors(allowedMethods));
  // Secrets after the key check: strangers learn nothing of the configuration.
  app.use("/api/*", async (c, next) => (PUBLIC_PATHS.has(c.req.path) ? next() : requireApiKey(c, next)));
  app.use("*", requireConfig());
  app.use("/api/*", async (c, next) => (PUBLIC_PATHS.has(c.req.path) ? next() : rateLimit(c, next)));
  app.use("/api/*", requestBody);
  app.use("/api/*", keyScope);
  // After the key check (keys are scoped to an API key) and the body (the fingerprint covers it).
  app.use("/api/*", idempotency);

  registerSecuritySchemes(app);
  registerRoutes(app);
  app.doc31("/api/openapi.json", openApiInfo);

  app.notFound((c) => {
    // The root (no route, so the OpenAPI document is unchanged) names the reference and the document.
    if (c.req.path === "/" && (c.req.method === "GET" || c.req.method === "HEAD")) {
      return c.req.header("accept")?.includes("text/html")
        ? c.redirect("/api/docs", 302)
        : c.json({ message: "FreeScout-compatible help-desk API", docs: "/api/docs", openapi: "/api/openapi.json" });
    }
    const methods = allowedMethods(c.req.path);
    if (methods.length > 0) {
      return errorResponse(
        c,
        new ApiError(
          405,
          [{ path: c.req.path, message: `Method ${c.req.method} is not allowed here`, source: "PATH" }],
          { Allow: methods.join(", ") },
        ),
      );
    }
    return errorResponse(c, new ApiError(404, [{ path: c.req.path, message: "No such endpoint", source: "PATH" }]));
  });

  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error);
    if (error instanceof HTTPException && error.status < 500) {
      const status = error.status as ContentfulStatusCode;
      return errorResponse(c, new ApiError(status, [{ path: "", message: error.message, source: "JSON" }]));
    }
    console.error("Unhandled error", c.req.method, c.req.path, error);
    return errorResponse(
      c,
      new ApiError(500, [{ path: "", message: "Whoops, looks like something went wrong on our end", source: "JSON" }]),
    );
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
