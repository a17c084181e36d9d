/*
 * Preloaded (`node --require`) into @backstage/create-app: its only request
 * of its own is a fetch of a yarn.lock seed from GitHub. Tests send nothing
 * beyond loopback, so that fetch fails at once, as it does offline; create-app
 * then warns and goes on. Package downloads (yarn, the npm registry) do not
 * use fetch and are not affected.
 */
const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const url = new URL(typeof input === 'string' ? input : input.url);
  if (!loopback.test(url.hostname)) {
    throw new TypeError(`fresh-app test: no request to ${url.host}`);
  }
  return realFetch(input, init);
};
