/** A roster request's problems (a path and a message each), reported all at once as one 422. */
export interface Problem {
  path: string;
  message: string;
}

/** Thrown with every problem found, so an HR admin can fix a whole file in one go. */
export class AudienceInvalidError extends Error {
  constructor(readonly problems: Problem[]) {
    super(
      `audience rejected: ${problems.length} problem(s), first: ${problems[0]?.path} ${problems[0]?.message}`,
    );
  }
}
