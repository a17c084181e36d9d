/**
 * Makes `window.matchMedia` answer `(min-width:Npx)` queries for a window of
 * `width` px (jsdom has no layout and no matchMedia). Returns the undo.
 */
export function mockViewportWidth(width: number): () => void {
  const original = window.matchMedia;
  window.matchMedia = (query: string) => {
    const min = /\(min-width:\s*(\d+(?:\.\d+)?)px\)/.exec(query);
    return {
      matches: min ? width >= Number(min[1]) : false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    } as MediaQueryList;
  };
  return () => {
    window.matchMedia = original;
  };
}
