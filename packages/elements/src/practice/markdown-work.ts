/**
 * Characters (and lines) the markdown parsers read, summed over every render: markdown-linear-work.test.ts
 * asserts it stays within a constant times the input length on hostile input, without timing.
 * Regexes run only where their cost is bounded by the text they consume or by the next space
 * (or `<`, quote, paren) they stop at, so the loops counted here are where repeated work would show.
 */
export const work = { steps: 0 };
