/**
 * The part of sax (the parser xml2js runs, used directly by xml-tree.ts) that xml-tree.ts calls.
 * sax ships no types; this follows its README (isaacs/sax-js: `sax.parser(strict, options)`,
 * the `on…` handlers, `write(…).close()`).
 */
declare module 'sax' {
  export interface Tag {
    name: string;
    attributes: Record<string, string>;
    isSelfClosing: boolean;
  }
  export interface SAXParser {
    onerror: (error: Error) => void;
    onopentag: (node: Tag) => void;
    onclosetag: (name: string) => void;
    ontext: (text: string) => void;
    oncdata: (text: string) => void;
    write(text: string): SAXParser;
    close(): SAXParser;
  }
  export function parser(strict: boolean, options: { trim?: boolean; normalize?: boolean; xmlns?: boolean }): SAXParser;
  const sax: { parser: typeof parser };
  export default sax;
}
