/** Every blob SHA the app asked GraphQL for (`object(oid:)` lookups, with the facts or alone). */
export function blobsLookedUp(requests: { route: string; body: unknown }[]): string[] {
  return requests
    .filter((r) => r.route.startsWith('/graphql FourEyes'))
    .flatMap((r) => {
      const variables = (r.body as { variables: Record<string, unknown> }).variables;
      return Object.entries(variables)
        .filter(([key]) => /^o\d+$/.test(key))
        .map(([, oid]) => oid as string);
    });
}
