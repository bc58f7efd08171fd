/** The openid-client 6 module (certified OpenID Connect relying party), as its types describe it. */
export type OpenIdClient = typeof import('openid-client');

let loading: Promise<OpenIdClient> | undefined;

/**
 * Loads openid-client once. It is an ES module only, and the API is compiled to CommonJS (webpack
 * for the build, ts-jest for the tests), where TypeScript turns `import()` into `require()`. Node
 * 20.20 can require() an ES module, but Jest's module system cannot (with
 * --experimental-vm-modules it refuses any `"type": "module"` package, transformed or not). An
 * `import()` TypeScript does not see (built by Function) stays a real dynamic import and works
 * in the built API and in Jest alike; the module is cached by the runtime after the first load.
 */
export function loadOpenIdClient(): Promise<OpenIdClient> {
  loading ??= (new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<OpenIdClient>)('openid-client');
  return loading;
}
