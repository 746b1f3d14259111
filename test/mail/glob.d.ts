/** Vite's `import.meta.glob`, as test/mail/support.ts loads the corpus with it. */
interface ImportMeta {
  glob<T = unknown>(pattern: string, options: { query?: string; import?: string; eager: true }): Record<string, T>;
}
