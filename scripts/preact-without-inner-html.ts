import type { Plugin } from 'vite';

/** Preact's only `innerHTML` write: the one that applies `dangerouslySetInnerHTML`. */
const INNER_HTML_WRITE = /\b(\w+)\.innerHTML=(\w+)\.__html\b/g;
const PREACT_MODULE = /[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.mjs$/;

/**
 * Removes Preact's support for `dangerouslySetInnerHTML`, which the extension never uses, so
 * that no code path can write HTML into an extension page. Without it, Firefox's add-on
 * linter (`web-ext lint`) warns about the `innerHTML` write (UNSAFE_VAR_ASSIGNMENT), and
 * reviewers at addons.mozilla.org would have to check it by hand.
 *
 * The build fails when Preact's code no longer contains exactly one such write, so that a
 * Preact update cannot silently bring the warning back or leave the write in place.
 */
export function preactWithoutInnerHtml(): Plugin {
  return {
    name: 'preact-without-inner-html',
    enforce: 'pre',
    transform(code, id) {
      if (!PREACT_MODULE.test(id)) return undefined;
      const writes = code.match(INNER_HTML_WRITE)?.length ?? 0;
      if (writes !== 1) {
        this.error(`Expected one innerHTML write in ${id}, found ${writes}; update this plugin.`);
      }
      const rejected =
        '(()=>{throw new Error("dangerouslySetInnerHTML is disabled in this extension")})()';
      return { code: code.replace(INNER_HTML_WRITE, rejected), map: null };
    },
  };
}
