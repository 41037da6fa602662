import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { Forbidden, Invalid, NotFound } from "@/lib/http/errors";
import { maskError } from "./errors";

const fromResolver = (original: Error) => new GraphQLError(original.message, { path: ["competition"], originalError: original });

describe("maskError", () => {
  it("hides the message, stack and cause of an unexpected error", () => {
    const masked = maskError(fromResolver(new Error('relation "app.secret" does not exist; password=hunter2'))) as GraphQLError;
    expect(masked.message).toBe("Unexpected error.");
    expect(masked.path).toEqual(["competition"]);
    const json = JSON.stringify(masked.toJSON());
    expect(json).not.toMatch(/secret|hunter2|stack/);
    expect(masked.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR" });
  });

  it("maps the typed errors to codes with their detail", () => {
    expect((maskError(fromResolver(new NotFound("No competition x."))) as GraphQLError).toJSON()).toMatchObject({
      message: "No competition x.",
      path: ["competition"],
      extensions: { code: "NOT_FOUND" },
    });
    expect((maskError(fromResolver(new Forbidden("needs analyst"))) as GraphQLError).extensions.code).toBe("FORBIDDEN");
    const invalid = maskError(fromResolver(new Invalid("bad", [{ path: "args.asin", message: "an ASIN is 10 characters" }]))) as GraphQLError;
    expect(invalid.extensions).toEqual({ code: "BAD_USER_INPUT", errors: [{ path: "args.asin", message: "an ASIN is 10 characters" }] });
  });

  it("keeps GraphQL's own errors (syntax, validation) as they are", () => {
    const validation = new GraphQLError('Cannot query field "nope" on type "Query".');
    expect(maskError(validation)).toBe(validation);
  });

  it("masks a thrown non-error value", () => {
    expect(maskError("boom").message).toBe("Unexpected error.");
  });
});
