/**
 * Which methods a path answers to, from the routes the app registered. Serves 405 with
 * `Allow` for a known path and the CORS preflight's allowed methods.
 */
interface RouteLike {
  method: string;
  path: string;
}

export class RouteTable {
  private readonly patterns: { regex: RegExp; method: string }[];

  constructor(routes: readonly RouteLike[]) {
    this.patterns = routes
      .filter((r) => r.method !== "ALL")
      .map((r) => ({ method: r.method.toUpperCase(), regex: toRegex(r.path) }));
  }

  allowedMethods(path: string): string[] {
    const methods = new Set<string>();
    for (const { regex, method } of this.patterns) if (regex.test(path)) methods.add(method);
    if (methods.has("GET")) methods.add("HEAD");
    if (methods.size > 0) methods.add("OPTIONS");
    return [...methods];
  }
}

function toRegex(path: string): RegExp {
  const source = path
    .split("/")
    .map((segment) => (segment.startsWith(":") ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${source}/?$`);
}
