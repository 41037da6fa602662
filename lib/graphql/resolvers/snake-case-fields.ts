type Resolver = (parent: Record<string, unknown>) => unknown;

/**
 * Resolvers for camelCase GraphQL fields read from the snake_case keys of the REST presenters, so
 * both APIs share one presenter per object and cannot drift apart (listPrice ← list_price).
 */
export function snakeCaseFields(...fields: string[]): Record<string, Resolver> {
  return Object.fromEntries(
    fields.map((field) => {
      const key = field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      return [field, (parent: Record<string, unknown>) => parent[key]];
    }),
  );
}
