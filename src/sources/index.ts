/** Sources bring articles in: a local folder today; feeds and pages implement the same port. */
export { createFolderSource, parseJsonArticle } from './folder-source.js';
export type { FolderSourceOptions } from './folder-source.js';
export { parseTextArticle } from './parse-text-article.js';
