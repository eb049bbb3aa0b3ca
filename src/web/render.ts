/** Rendering of server-side JSX pages to HTML (preact escapes every text and attribute value). */
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** A complete HTML document from a page element (`<html>` root). */
export function renderPage(page: VNode): string {
  return `<!DOCTYPE html>\n${renderToString(page)}`;
}
