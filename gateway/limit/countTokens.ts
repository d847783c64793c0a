import { Lexer, Source, TokenKind } from 'graphql';

/**
 * The tokens of a GraphQL document as graphql-js's parser counts them (comments are not
 * tokens), counting no further than `upTo`: a document far over the limit costs no more
 * than one just over it. A text that does not lex is counted up to where it stops; the
 * parser reports it.
 */
export function countTokens(text: string, upTo: number): number {
  const lexer = new Lexer(new Source(text));
  let count = 0;
  try {
    while (count < upTo && lexer.advance().kind !== TokenKind.EOF) count += 1;
  } catch {
    // A lexing error: the parser answers it with GRAPHQL_PARSE_FAILED.
  }
  return count;
}
