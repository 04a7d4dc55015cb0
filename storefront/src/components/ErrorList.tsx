import type { GraphQLError } from "@/lib/graphql";

export interface DisplayError {
  message: string | null;
  field?: string | null;
  code?: string | null;
}

/**
 * Errors shown next to the action that caused them: a payload's `errors` or the router's
 * top-level ones. `role="alert"` so a screen reader announces them when they appear.
 */
export function ErrorList({ errors, id }: { errors: ReadonlyArray<DisplayError | GraphQLError> | null | undefined; id?: string }) {
  if (!errors || errors.length === 0) return null;
  const messages = [...new Set(errors.map((error) => error.message || "Something went wrong."))];
  return (
    <div className="errors" role="alert" id={id}>
      <ul>
        {messages.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    </div>
  );
}
